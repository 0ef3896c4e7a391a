// `sealcheck migrate FILE [--out FILE]`: the version 2 text of a file, changed only where
// it must be (version, renewalDays → renewal, a mandatory list → { "fields": [...] }),
// byte for byte everywhere else, and meaning what the version 1 file meant.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrateText } from '../../src/policy/edit-text';
import { sealcheck as runInProcess } from './helpers';
import type { Run } from './helpers';
import { runScenarios } from '../../src/engine/scenarios';
import type { Policy } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sealcheck-migrate-'));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs the command in process (the shared runner of test/cli/helpers.ts). */
const sealcheck = (...args: string[]): Promise<Run> => runInProcess(args);

function policyOf(text: string): Policy {
  const loaded = loadPolicyText(text);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return loaded.policy;
}

/** What each scenario gives: name, pass, actual values and reasons. */
function outcomes(text: string) {
  return runScenarios(policyOf(text)).map((r) => ({ name: r.name, passed: r.passed, actual: r.actual, reasons: r.reasons.map((x) => x.text) }));
}

// Tabs, odd spacing, a multi-line mandatory list, descriptions and $schema: all kept.
const HAND_FORMATTED = `{
\t"$schema": "./sealcheck-policy.schema.json",
  "format" : "sealcheck-policy",
  "version":1,
  "platform": "leanix",
  "name": "hand formatted",
  "description": "kept as written",
  "asOf": "2026-11-24T00:00:00Z",
  "factSheetTypes": [
    {"name": "Application", "fields": ["lifecycle", "cveCount"],
        "mandatory": [
            "description",
              "lifecycle"
        ],
      "qualitySeal": {"enabled": true,   "renewalDays":180 , "description": "half a year"}
    },
    { "name": "ITComponent", "mandatory": [], "qualitySeal": { "enabled": true, "renewalDays": null } },
    { "name": "Process" }
  ],
  "roles": [{ "name": "FEED", "permissions": ["FACT_SHEET_FIELDS:UPDATE:Application:cveCount"] }],
  "users": [
    { "id": "alice", "kind": "human", "role": "MEMBER" },
    { "id": "feed", "kind": "technical", "role": "MEMBER", "customerRoles": ["FEED"] }
  ],
  "factSheets": [
    { "id": "app", "type": "Application", "name": "CRM", "lxState": "APPROVED", "approvedAt": "2026-06-01T00:00:00Z",
      "subscriptions": [{ "user": "alice", "type": "RESPONSIBLE" }],
      "values": { "description": "d", "lifecycle": "active" } },
    { "id": "old", "type": "Application", "name": "Old", "lxState": "APPROVED", "approvedAt": "2025-01-01T00:00:00Z",
      "values": { "description": "d", "lifecycle": "active" } }
  ],
  "scenarios": [
    { "name": "the feed breaks the seal", "actor": "feed",
      "operation": { "op": "update", "factSheet": "app", "patches": [{ "op": "replace", "path": "/cveCount", "value": 3 }] },
      "expect": { "allowed": true, "sealBroken": true, "notified": ["alice"] } },
    { "name": "an expired approval breaks nothing more", "actor": "feed",
      "operation": { "op": "update", "factSheet": "old", "patches": [{ "op": "replace", "path": "/cveCount", "value": 3 }] },
      "expect": { "lxStateBefore": "BROKEN_QUALITY_SEAL", "sealBroken": false } },
    { "name": "nobody empties a mandatory field", "actor": "alice",
      "operation": { "op": "update", "factSheet": "app", "patches": [{ "op": "remove", "path": "/lifecycle" }] },
      "expect": { "allowed": false } }
  ]
}
`;

/** HAND_FORMATTED as version 2: these four edits and nothing else. */
const MIGRATED = HAND_FORMATTED.replace('"version":1,', '"version":2,')
  .replace('"mandatory": [\n            "description",\n              "lifecycle"\n        ],', '"mandatory": { "fields": [\n            "description",\n              "lifecycle"\n        ] },')
  .replace('"renewalDays":180 ,', '"renewal":{ "value": 180, "unit": "DAYS" } ,')
  .replace('"mandatory": [], "qualitySeal": { "enabled": true, "renewalDays": null }', '"mandatory": { "fields": [] }, "qualitySeal": { "enabled": true, "renewal": null }');

describe('sealcheck migrate', () => {
  it('changes the version, renewalDays and mandatory lists and keeps every other byte', async () => {
    expect(MIGRATED).not.toBe(HAND_FORMATTED);
    const file = write('hand.json', HAND_FORMATTED);
    const r = await sealcheck('migrate', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(MIGRATED);
    expect(readFileSync(file, 'utf8')).toBe(HAND_FORMATTED); // without --out the file stays as it was
  });

  it('fills in no default and keeps key order, $schema and descriptions', () => {
    const result = migrateText(HAND_FORMATTED);
    if (!result.ok) throw new Error('expected a migration');
    const v2 = JSON.parse(result.text);
    expect(Object.keys(v2)).toEqual(Object.keys(JSON.parse(HAND_FORMATTED)));
    expect(v2).not.toHaveProperty('settings');
    expect(v2).not.toHaveProperty('subscriptionRoles');
    expect(v2.$schema).toBe('./sealcheck-policy.schema.json');
    expect(v2.factSheetTypes[0].qualitySeal).toEqual({ enabled: true, renewal: { value: 180, unit: 'DAYS' }, description: 'half a year' });
    expect(v2.factSheetTypes[2]).toEqual({ name: 'Process' });
    expect(v2.factSheets[0].subscriptions).toEqual([{ user: 'alice', type: 'RESPONSIBLE' }]);
  });

  it('a second migrate is a no-op', () => {
    const once = migrateText(HAND_FORMATTED);
    if (!once.ok) throw new Error('expected a migration');
    const twice = migrateText(once.text);
    expect(twice).toEqual({ ok: true, text: once.text, from: 2, changed: false });
  });

  it('the result validates as version 2, and its scenarios give what the version 1 file gives', () => {
    for (const text of [HAND_FORMATTED, readFileSync(join(FIXTURES, 'leanix-example.json'), 'utf8')]) {
      const result = migrateText(text);
      if (!result.ok) throw new Error('expected a migration');
      expect(JSON.parse(result.text).version).toBe(2);
      expect(policyOf(result.text)).toEqual(policyOf(text));
      expect(outcomes(result.text)).toEqual(outcomes(text));
    }
    expect(outcomes(HAND_FORMATTED).map((o) => o.passed)).toEqual([true, true, true]);
  });

  it('--out writes the file atomically, leaving no temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'out-'));
    const source = write('for-out.json', HAND_FORMATTED);
    const target = join(sub, 'v2.json');
    writeFileSync(target, 'old content');
    const r = await sealcheck('migrate', source, '--out', target);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${target}: migrated ${source} from version 1 to version 2\n`);
    expect(readFileSync(target, 'utf8')).toBe(MIGRATED);
    expect(readdirSync(sub)).toEqual(['v2.json']);
  });

  it('--out may name the file itself', async () => {
    const file = write('in-place.json', HAND_FORMATTED);
    expect((await sealcheck('migrate', file, '--out', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(MIGRATED);
  });

  it('writes a version 2 file unchanged', async () => {
    const file = write('v2.json', MIGRATED);
    const target = join(dir, 'v2-again.json');
    const r = await sealcheck('migrate', file, '--out', target);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${target}: ${file} is version 2 already, written unchanged\n`);
    expect(readFileSync(target, 'utf8')).toBe(MIGRATED);
  });

  it('changes only the version of a Qualytics file', () => {
    const text = readFileSync(join(FIXTURES, 'qualytics-example.json'), 'utf8');
    const result = migrateText(text);
    if (!result.ok) throw new Error('expected a migration');
    expect(result.text).toBe(text.replace('"version": 1,', '"version": 2,'));
    expect(outcomes(result.text)).toEqual(outcomes(text));
  });

  it('keeps a byte order mark and a file without a final newline', () => {
    const text = `\uFEFF${HAND_FORMATTED.trimEnd()}`;
    const result = migrateText(text);
    if (!result.ok) throw new Error('expected a migration');
    expect(result.text).toBe(`\uFEFF${MIGRATED.trimEnd()}`);
  });

  it('exits 2 with located errors for an invalid file and writes nothing', async () => {
    const file = write('invalid.json', HAND_FORMATTED.replace('"renewalDays":180', '"renewalDays":0').replace('"actor": "alice"', '"actor": "alcie"'));
    const target = join(dir, 'never.json');
    const r = await sealcheck('migrate', file, '--out', target);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `${file}: invalid policy file, 2 errors`,
      `  ${file}: factSheetTypes[0].qualitySeal.renewalDays: expected a number greater than 0, found number \`0\``,
      `  ${file}: scenarios[2].actor: unknown user \`alcie\`; did you mean \`alice\`?`,
      '',
    ]);
    expect(existsSync(target)).toBe(false);
  });

  it('exits 2 for a file that cannot be read, and usage without exactly one file', async () => {
    const missing = join(dir, 'missing.json');
    const r = await sealcheck('migrate', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read \`${missing}\`: no such file or folder`);
    expect((await sealcheck('migrate')).code).toBe(2);
    expect((await sealcheck('migrate', 'a.json', 'b.json')).stderr).toContain('sealcheck migrate FILE [--out FILE]');
  });
});
