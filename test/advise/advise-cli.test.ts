// `sealcheck advise --request`, `--setup` and `--write-scenarios`, version 2: the text of
// the change to ask for, and the proof written into the file (never overwriting, adding
// nothing twice, every written scenario passing `sealcheck test`).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { rawWorkspace, rawWorkspaceV1 } from './fixture';

async function sealcheck(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (l) => void (stdout += `${l}\n`), err: (l) => void (stderr += `${l}\n`), color: false });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sealcheck-advise-'));
let n = 0;
function file(raw: unknown = rawWorkspace()): string {
  const f = join(dir, `ws-${++n}.json`);
  writeFileSync(f, `${JSON.stringify(raw, null, 2)}\n`);
  return f;
}
const FEED = ['--actor', 'feed', '--type', 'Application', '--paths', '/cveCount'];
const VULN = fileURLToPath(new URL('../../examples/leanix-vuln-sync.json', import.meta.url));

/** The scenarios of FILE `sealcheck test --json` runs, by name. */
async function tested(f: string) {
  const r = await sealcheck('test', f, '--json');
  const out = JSON.parse(r.stdout) as { files: { scenarios: { name: string; passed: boolean }[] }[] };
  return { code: r.code, scenarios: out.files[0]!.scenarios };
}

describe('advise --request: the change to ask for, as plain text for a ticket', () => {
  it('without --setup it is the recommended setup\'s; role-with-seal: the customer role for the identity provider, its permission strings for the authorization model, the user to give it', async () => {
    const r = await sealcheck('advise', file(), ...FEED, '--request');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sealcheck advice: setup `role-with-seal` for the technical user feed');
    expect(r.stdout).toContain('1. Create the customer role FEED_SEALCHECK in the identity provider.');
    expect(r.stdout).toContain(
      [
        '2. Add these permission strings for FEED_SEALCHECK to the workspace\'s authorization model:',
        '     FACT_SHEET:READ:Application:*',
        '     FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount',
        '     FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState',
        '3. Give the technical user feed the customer role FEED_SEALCHECK, in place of its customer role FEED.',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('| setup'); // the text alone, no table
  });

  it('--setup role: the role without the seal permission, and what it still breaks', async () => {
    const r = await sealcheck('advise', file(), ...FEED, '--request', '--setup', 'role');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sealcheck advice: setup `role` for the technical user feed');
    expect(r.stdout).toContain('     FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount\n3. Give the technical user feed');
    expect(r.stdout).not.toContain('lxState');
    expect(r.stdout).toContain('2 seal breaks per run');
  });

  it('--setup exempt: the role, the data model change (ignoreUpdatesForFields of the type) and the silenced users', async () => {
    const r = await sealcheck('advise', file(), '--actor', 'feed', '--type', 'Application', '--paths', '/cveCount,/relToITC', '--request', '--setup', 'exempt');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. Create the customer role FEED_SEALCHECK in the identity provider.');
    expect(r.stdout).toContain(
      '4. Change the data model of the fact sheet type Application: add cveCount to the quality seal\'s ignoreUpdatesForFields, and add relToITC to its ignoreUpdatesForRelations.',
    );
    expect(r.stdout).toContain('no longer break the seal either: mia, owner.');
  });

  it('--setup subscription: the subscriptions to add, one line per fact sheet', async () => {
    const r = await sealcheck('advise', file(), ...FEED, '--request', '--setup', 'subscription');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Subscribe feed as RESPONSIBLE to these 4 Application fact sheets:\n     - A (app-a)\n     - B (app-b)\n     - Old (app-old)\n     - Broken (app-broken)');
  });

  it('--setup current and admin say what (not) to change', async () => {
    expect((await sealcheck('advise', file(), ...FEED, '--request', '--setup', 'current')).stdout).toContain('No change: feed stays as it is.');
    expect((await sealcheck('advise', file(), ...FEED, '--request', '--setup', 'admin')).stdout).toContain('1. Give the technical user feed the standard role ADMIN');
  });

  it('`/subscriptions` is no advised write: a replace of it does not exist in version 2 (exit 2, named by its flag)', async () => {
    const r = await sealcheck('advise', file(), '--actor', 'feed', '--type', 'Application', '--paths', '/subscriptions', '--request');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sealcheck advise: --paths: `/subscriptions` is not replaced by a write');
  });

  it('an unknown --setup is refused with the setups there are (exit 2)', async () => {
    const r = await sealcheck('advise', file(), ...FEED, '--request', '--setup', 'root');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown setup `root`; expected current, role, role-with-seal, exempt, subscription, admin, reapprove');
  });

  it('--json carries each option\'s request and change', async () => {
    const r = await sealcheck('advise', file(), ...FEED, '--json');
    const out = JSON.parse(r.stdout);
    const exempt = out.options.find((o: { setup: string }) => o.setup === 'exempt');
    expect(exempt.silenced).toEqual(['mia', 'owner']);
    expect(exempt.change.exempt).toEqual({ type: 'Application', fields: ['cveCount'], relations: [] });
    expect(exempt.request).toContain('ignoreUpdatesForFields');
  });
});

describe('advise --write-scenarios', () => {
  it('adds the recommended role, a user holding it and engine-computed scenarios (an update and a read per affected fact sheet) that all pass `sealcheck test`', async () => {
    const f = file();
    const r = await sealcheck('advise', f, ...FEED, '--write-scenarios');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote role FEED_SEALCHECK, user feed-advised, 8 scenarios to');
    const written = JSON.parse(readFileSync(f, 'utf8'));
    expect(written.roles.find((x: { name: string }) => x.name === 'FEED_SEALCHECK').permissions).toEqual([
      'FACT_SHEET:READ:Application:*',
      'FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount',
      'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState',
    ]);
    expect(written.users.find((u: { id: string }) => u.id === 'feed-advised')).toMatchObject({ role: 'MEMBER', customerRoles: ['FEED_SEALCHECK'], kind: 'technical' });
    const t = await tested(f);
    expect(t.code).toBe(0);
    expect(t.scenarios).toHaveLength(8);
    expect(t.scenarios.every((s) => s.passed)).toBe(true);
    expect(t.scenarios.map((s) => s.name)).toContain('advised role-with-seal: feed-advised reads app-a');
    // the write is atomic: no temporary file is left beside it
    expect(readdirSync(dir).filter((x) => x.endsWith('.tmp'))).toEqual([]);
  });

  it('is idempotent: run twice, the second run adds nothing, says so and leaves the file as it was', async () => {
    const f = file();
    await sealcheck('advise', f, ...FEED, '--write-scenarios');
    const once = readFileSync(f, 'utf8');
    const r = await sealcheck('advise', f, ...FEED, '--write-scenarios');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing written:');
    expect(r.stderr).toContain('already holds role FEED_SEALCHECK, user feed-advised and the 8 scenarios');
    expect(readFileSync(f, 'utf8')).toBe(once);
  });

  it('never overwrites: an existing <ACTOR>_SEALCHECK role and an ADMIN <actor>-advised user stay as they are; the advice goes to the next free names', async () => {
    const raw = rawWorkspace();
    raw.roles.push({ name: 'FEED_SEALCHECK', permissions: ['FACT_SHEET:READ:*:*'] });
    raw.users.push({ id: 'feed-advised', kind: 'technical', role: 'ADMIN' });
    raw.scenarios.push({ name: 'advised role-with-seal: feed-advised_2 reads app-a', actor: 'boss', operation: { op: 'read', factSheet: 'app-a' }, expect: { allowed: true } });
    const f = file(raw);
    const r = await sealcheck('advise', f, ...FEED, '--write-scenarios');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('a role `FEED_SEALCHECK` with other permissions is in the file: the advised role is `FEED_SEALCHECK_2`');
    expect(r.stderr).toContain('a user `feed-advised` that is not the advised copy is in the file: the copy is `feed-advised_2`');
    expect(r.stderr).toContain('a scenario `advised role-with-seal: feed-advised_2 reads app-a` with other expectations is in the file: this one is `advised role-with-seal: feed-advised_2 reads app-a_2`');
    const written = JSON.parse(readFileSync(f, 'utf8'));
    expect(written.roles.find((x: { name: string }) => x.name === 'FEED_SEALCHECK').permissions).toEqual(['FACT_SHEET:READ:*:*']);
    expect(written.users.find((u: { id: string }) => u.id === 'feed-advised').role).toBe('ADMIN');
    expect(written.users.find((u: { id: string }) => u.id === 'feed-advised_2')).toMatchObject({ role: 'MEMBER', customerRoles: ['FEED_SEALCHECK_2'] });
    expect(written.scenarios.find((s: { name: string }) => s.name === 'advised role-with-seal: feed-advised_2 reads app-a').actor).toBe('boss');
    const t = await tested(f);
    expect(t.code).toBe(0);
    // and again: nothing more
    const again = await sealcheck('advise', f, ...FEED, '--write-scenarios');
    expect(again.stderr).toContain('nothing written:');
  });

  it('--setup exempt writes the data model change; its written scenarios pass and keep the seal, and the existing ones it turns are named', async () => {
    const raw = rawWorkspace();
    raw.scenarios.push({
      name: 'mia breaks the seal of B',
      actor: 'mia',
      operation: { op: 'update', factSheet: 'app-b', patches: [{ op: 'replace', path: '/cveCount', value: 3 }] },
      expect: { sealBroken: true },
    });
    const f = file(raw);
    const r = await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'exempt');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote role FEED_SEALCHECK, user feed-advised, the seal exemption of cveCount on Application, 8 scenarios');
    expect(r.stderr).toContain('with the exemption, 1 existing scenario no longer passes: `mia breaks the seal of B`');
    const written = JSON.parse(readFileSync(f, 'utf8'));
    expect(written.factSheetTypes[0].qualitySeal.ignoreUpdatesForFields).toEqual(['cveCount']);
    const t = await tested(f);
    const ours = t.scenarios.filter((s) => s.name.startsWith('advised exempt: '));
    expect(ours).toHaveLength(8);
    expect(ours.every((s) => s.passed)).toBe(true);
    const again = await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'exempt');
    expect(again.stderr).toContain('nothing written:');
  });

  it('--setup role: the scenarios expect what the engine computes, seal breaks included', async () => {
    const f = file();
    await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'role');
    const written = JSON.parse(readFileSync(f, 'utf8'));
    const a = written.scenarios.find((s: { name: string }) => s.name === 'advised role: feed-advised writes /cveCount on app-a');
    expect(a.expect).toEqual({ allowed: true, lxStateAfter: 'BROKEN_QUALITY_SEAL', sealBroken: true, notified: ['owner'], events: ['FACT_SHEET_UPDATED', 'QUALITY_SEAL_BROKEN'] });
    const t = await tested(f);
    expect(t.scenarios.every((s) => s.passed)).toBe(true);
  });

  it('setups without a role to prove write nothing and say why', async () => {
    for (const setup of ['current', 'admin', 'subscription']) {
      const f = file();
      const before = readFileSync(f, 'utf8');
      const r = await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', setup);
      expect(r.code, setup).toBe(0);
      expect(r.stderr, setup).toMatch(/^nothing written: the setup `\w+`/m);
      expect(readFileSync(f, 'utf8')).toBe(before);
    }
  });

  it('changes only what must change: every line of a hand-formatted file stays, in order (a comma may end the line an item is appended after, an empty list opens); $schema, descriptions and 4-space indentation kept', async () => {
    const raw = rawWorkspace();
    const text = JSON.stringify({ $schema: './sealcheck-policy.schema.json', description: 'hand written', ...raw }, null, 4)
      // one fact sheet written on one line, as people do
      .replace(/\{\n\s+"id": "itc-1",[^}]*\}/s, '{ "id": "itc-1", "type": "ITComponent", "name": "DB", "lxState": "APPROVED", "approvedAt": "2026-11-01T00:00:00Z" }');
    const f = join(dir, 'hand.json');
    writeFileSync(f, text);
    await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'exempt');
    const written = readFileSync(f, 'utf8');
    const lines = written.split('\n');
    let at = 0;
    for (const line of text.split('\n')) {
      // an empty list the items go into opens: `"scenarios": []` becomes `"scenarios": [`
      const opened = line.endsWith('[]') ? line.slice(0, -1) : line;
      while (at < lines.length && lines[at] !== line && lines[at] !== `${line},` && lines[at] !== opened) at++;
      expect(at, `kept: ${line}`).toBeLessThan(lines.length);
      at++;
    }
    expect(written).toContain('"qualitySeal": {\n                "enabled": true,');
    // the file writes its lists one item a line: the new one too
    expect(written).toContain('"ignoreUpdatesForFields": [\n                    "cveCount"\n                ]');
    expect(written).toContain('\n        {\n            "name": "FEED_SEALCHECK",');
    const t = await tested(f);
    expect(t.scenarios.filter((x) => x.name.startsWith('advised exempt')).every((x) => x.passed)).toBe(true);
  });

  it('a version 1 file stays version 1 when nothing of version 2 is written, and is migrated first for a seal exemption', async () => {
    const f = file(rawWorkspaceV1());
    const r = await sealcheck('advise', f, ...FEED, '--write-scenarios');
    expect(r.stderr).toContain('wrote role FEED_SEALCHECK, user feed-advised, 8 scenarios');
    const v1 = JSON.parse(readFileSync(f, 'utf8'));
    expect(v1.version).toBe(1);
    expect(v1.factSheetTypes[0].qualitySeal.renewalDays).toBe(90);
    expect((await tested(f)).code).toBe(0);
    const e = await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'exempt');
    expect(e.stderr).toContain('is a version 1 file and seal exemptions are version 2: it is migrated first');
    const v2 = JSON.parse(readFileSync(f, 'utf8'));
    expect(v2.version).toBe(2);
    expect(v2.factSheetTypes[0].qualitySeal).toEqual({ enabled: true, renewal: { value: 90, unit: 'DAYS' }, ignoreUpdatesForFields: ['cveCount'] });
    expect((await sealcheck('advise', f, ...FEED, '--write-scenarios', '--setup', 'exempt')).stderr).toContain('nothing written:');
  });

  it('on the example file: every scenario still passes afterwards, and a second run adds nothing', async () => {
    const f = file(JSON.parse(readFileSync(VULN, 'utf8')));
    const args = ['--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/securityVulnerabilityCount', '--write-scenarios'];
    const r = await sealcheck('advise', f, ...args);
    expect(r.stderr).toContain('wrote role VULN_SYNC_RESTRICTED_SEALCHECK, user vuln-sync-restricted-advised, 10 scenarios');
    const t = await tested(f);
    expect(t.code).toBe(0);
    expect((await sealcheck('advise', f, ...args)).stderr).toContain('nothing written:');
  });
});
