// `sealcheck pull leanix` against the fake LeanIX server (127.0.0.1, random port):
// the file it writes validates, holds what the spec's mappings give, runs scenarios,
// and `--keep` carries the team's scenarios over; paging, 429 with Retry-After, token
// renewal and the limit of 4 requests at once are seen from the server's side.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullCommand } from '../../src/cli/pull';
import type { FetchLike } from '../../src/pull';
import { startFakeLeanix } from './fake-leanix';
import type { FakeServer } from './fake-leanix';
import { API_TOKEN, leanixWorkspace } from './leanix-workspace';
import { readJson, sealcheck, tempDir } from './helpers';

const ENV = 'SEALCHECK_TEST_LEANIX_TOKEN';
let server: FakeServer;
const dir = tempDir();

beforeAll(async () => {
  process.env[ENV] = API_TOKEN;
  server = await startFakeLeanix(leanixWorkspace(), { delayMs: 2 });
});
afterAll(async () => {
  delete process.env[ENV];
  await server.close();
});

const pull = (...args: string[]) => sealcheck('pull', 'leanix', '--url', server.url, '--token-env', ENV, ...args);

/** The team's scenarios for the fake workspace, in a file of its own formatting. */
const KEEP = `{
    "format": "sealcheck-policy",
    "version": 2,
    "platform": "leanix",
    "name": "Acme EA (our copy)",
    "description": "Weekly pull of the Acme workspace; scenarios are ours.",
    "asOf": "2026-01-01T00:00:00Z",
    "settings": { "notifyActor": false },
    "factSheetTypes": [],
    "users": [],
    "factSheets": [],
    "scenarios": [
        { "name": "the vulnerability sync keeps the seal (its field is exempt)", "actor": "u-vuln-sync",
          "operation": { "op": "update", "factSheet": "app-1", "patches": [{ "op": "replace", "path": "/securityVulnerabilityCount", "value": 4 }] },
          "expect": { "allowed": true, "sealBroken": false, "lxStateBefore": "APPROVED" } },
        { "name": "the vulnerability sync may not touch criticality", "actor": "vuln-sync@acme.example",
          "operation": { "op": "update", "factSheet": "app-1", "patches": [{ "op": "replace", "path": "/businessCriticality", "value": "low" }] },
          "expect": { "allowed": false, "deniedPaths": ["/businessCriticality"] } },
        { "name": "a member's edit breaks the seal and notifies the owner", "actor": "u-erin",
          "operation": { "op": "update", "factSheet": "app-1", "patches": [{ "op": "replace", "path": "/description", "value": "changed" }] },
          "expect": { "allowed": true, "sealBroken": true, "notified": ["u-alice"] } },
        { "name": "the FINANCE ACL keeps erin out of app-2", "actor": "u-erin",
          "operation": { "op": "update", "factSheet": "app-2", "patches": [{ "op": "replace", "path": "/description", "value": "x" }] },
          "expect": { "allowed": false } }
    ]
}
`;

describe('sealcheck pull leanix', () => {
  const out = join(dir, 'acme.json');
  let run: Awaited<ReturnType<typeof pull>>;
  beforeAll(async () => {
    server.log.length = 0;
    run = await pull('--out', out);
  });

  it('exits 0, writes a file that validates, and says what it wrote on stderr', async () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/pull: wrote .*acme\.json: 4 fact sheet types, 2 customer roles, 145 users, 260 fact sheets, 0 scenarios/);
    expect(run.stderr).toMatch(/^pull: fact sheets: 260 of 260/m);
    const check = await sealcheck('validate', out);
    expect(check.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes or prints the token', () => {
    const file = readFileSync(out, 'utf8');
    for (const text of [file, run.stdout, run.stderr]) {
      expect(text).not.toContain(API_TOKEN);
      expect(text).not.toContain('Bearer');
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT
    }
  });

  it('pages users and fact sheets as the spec says, and asks for approval times only where a renewal needs them', () => {
    expect(server.log.filter((l) => l.includes('/permissions?'))).toEqual([
      `GET /services/mtm/v1/workspaces/ws-0b7d2c1e/permissions?includeTechnicalUsers=true&page=1&size=100`,
      `GET /services/mtm/v1/workspaces/ws-0b7d2c1e/permissions?includeTechnicalUsers=true&page=2&size=100`,
    ]);
    expect(server.log.filter((l) => l.includes('factSheets ')).map((l) => l.split(' ').pop())).toEqual(['1', '2', '3']);
    const approvals = server.log.filter((l) => l.includes('/pathfinder/v1/factSheets/'));
    // Applications (90 days) and ITComponents (12 hours) that are APPROVED; none of the other types.
    expect(approvals).toHaveLength(108 + 30);
    expect(approvals.some((l) => /bc-|proj-/.test(l))).toBe(false);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('maps the data model as the spec says', () => {
    const file = readJson(out);
    const app = file.factSheetTypes.find((t: { name: string }) => t.name === 'Application');
    expect(app).toEqual({
      name: 'Application',
      fields: ['lifecycle', 'securityVulnerabilityCount', 'businessCriticality'],
      relations: ['relApplicationToITComponent', 'relApplicationToBusinessCapability'],
      mandatory: { fields: ['description', 'lifecycle'], relations: ['relApplicationToBusinessCapability'], subscriptions: [{ type: 'RESPONSIBLE' }] },
      qualitySeal: {
        enabled: true,
        draft: true,
        rejected: false,
        tagsBreakSeal: false,
        renewal: { value: 90, unit: 'DAYS' },
        ignoreUpdatesForFields: ['securityVulnerabilityCount'],
        ignoreUpdatesForRelations: [],
      },
    });
    const types = Object.fromEntries(file.factSheetTypes.map((t: { name: string; qualitySeal: unknown }) => [t.name, t.qualitySeal]));
    expect(types.ITComponent.renewal).toEqual({ value: 43_200, unit: 'SECONDS' }); // 43,200,000 ms
    expect(types.BusinessCapability.enabled).toBe(false);
    expect(types.Project.renewal).toBeNull(); // value 0
    expect(types.Project.draft).toBe(true); // DRAFT fact sheets on a type whose workflow is off
    expect(file.description).toContain('`lxState` among mandatory base fields, dropped');
  });

  it('maps roles, users and technical users as the spec says', () => {
    const file = readJson(out);
    expect(file.roles).toEqual([
      {
        name: 'VULN_SYNC',
        permissions: ['FACT_SHEET_FIELDS:READ,UPDATE:Application:securityVulnerabilityCount', 'FACT_SHEET:READ:Application'],
      },
      { name: 'SEAL_KEEPER', permissions: ['FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState', 'FACT_SHEET_FIELDS:UPDATE:Project:budget', 'FACT_SHEET:READ:*'] },
    ]);
    const users = new Map(file.users.map((u: { id: string }) => [u.id, u]));
    expect(users.get('u-vuln-sync')).toEqual({
      id: 'u-vuln-sync',
      kind: 'technical',
      role: 'MEMBER',
      customerRoles: ['VULN_SYNC'],
      aces: [],
      expiresAt: '2027-03-01T00:00:00Z',
      email: 'vuln-sync@acme.example',
      displayName: 'vuln-sync',
    });
    expect(users.get('u-alice')).toMatchObject({ kind: 'human', role: 'MEMBER', aces: ['FINANCE', 'HR'], displayName: 'Alice' });
    expect(users.get('u-carol')).toMatchObject({ role: 'VIEWER' });
    expect(users.has('u-dave')).toBe(false);
    expect(file.users).toHaveLength(145);
    expect(run.stderr).toContain('note: 1 × customer roles the authorization model lacks, dropped from users (u-vuln-sync: GHOST)');
    expect(run.stderr).toContain('note: 1 × users whose role is not ADMIN, MEMBER or VIEWER, read as VIEWER (u-carol (CONTACT))');
  });

  it('maps fact sheets: values as they come, relations, naFields, ACLs by name, subscriptions of known users, approval times', () => {
    const file = readJson(out);
    const sheets = new Map(file.factSheets.map((s: { id: string }) => [s.id, s]));
    const app1 = sheets.get('app-1') as Record<string, any>;
    expect(Object.keys(app1)).toEqual(['id', 'type', 'name', 'lxState', 'approvedAt', 'subscriptions', 'values', 'relations', 'naFields']);
    expect(app1.values).toEqual({
      description: 'Application number 1',
      externalId: 'APP-1',
      lifecycle: { asString: 'active', phases: [{ phase: 'active', startDate: '2024-01-01' }] },
      securityVulnerabilityCount: 1,
      businessCriticality: 'high',
    });
    expect(app1.relations).toEqual({ relApplicationToBusinessCapability: ['bc-181'] });
    expect(app1.naFields).toEqual(['relApplicationToITComponent']);
    expect(app1.subscriptions).toEqual([{ user: 'u-alice', type: 'RESPONSIBLE', roles: ['Application Owner'] }]); // u-ghost dropped
    expect((sheets.get('app-2') as any).permittedWriteACL).toEqual(['FINANCE']);
    expect((sheets.get('app-3') as any).subscriptions[1]).toEqual({ user: 'u-bob', type: 'ACCOUNTABLE', roles: ['Business Owner'] });
    expect((sheets.get('app-0') as any).values).not.toHaveProperty('businessCriticality'); // null means empty
    // app-5 answered approvedAt null, app-7 answered 404: both approved at the pull time, and reported
    expect((sheets.get('app-5') as any).approvedAt).toBe(file.asOf);
    expect((sheets.get('app-7') as any).approvedAt).toBe(file.asOf);
    expect((sheets.get('app-9') as any).approvedAt).toBeUndefined(); // BROKEN_QUALITY_SEAL: not asked
    expect(run.stderr).toMatch(/^note: 2 × approved fact sheets without an approval time, written as approved at the pull time \((app-5, app-7|app-7, app-5)\)$/m);
    expect(run.stderr).toContain('note: 1 × subscriptions of users who are not in the user list, dropped (app-1: u-ghost)');
    expect(file.asOf).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(file.asOf) - Date.now())).toBeLessThan(120_000);
  });

  it('says which readings it assumed, on stderr and in the description', () => {
    const file = readJson(out);
    expect(run.stderr).toMatch(/^assumed: .*\[I\]/m);
    expect(file.description).toMatch(/^Pulled from http:\/\/127\.0\.0\.1:\d+ at .* Readings assumed: .*lxState.* Sealcheck's readings/);
    expect(file.name).toBe('acme-ea');
  });

  it('writes to standard output without --out, the same file', async () => {
    const r = await pull();
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const written = readJson(out);
    for (const file of [printed, written]) {
      delete file.asOf;
      delete file.description;
      for (const sheet of file.factSheets) if (sheet.approvedAt && !sheet.approvedAt.startsWith('20')) delete sheet.approvedAt;
    }
    expect(printed.factSheets.length).toBe(written.factSheets.length);
    expect(printed.roles).toEqual(written.roles);
    expect(r.stderr).toMatch(/pull: wrote standard output/);
  });

  it('--types pulls only those types: the rest of the model drops what named the others, and says so', async () => {
    const file = join(dir, 'apps.json');
    const r = await pull('--types', 'Application,ITComponent', '--out', file);
    expect(r.code).toBe(0);
    const pulled = readJson(file);
    expect(pulled.factSheetTypes.map((t: { name: string }) => t.name)).toEqual(['Application', 'ITComponent']);
    expect(new Set(pulled.factSheets.map((s: { type: string }) => s.type))).toEqual(new Set(['Application', 'ITComponent']));
    expect(pulled.factSheets).toHaveLength(180);
    expect(pulled.subscriptionRoles.map((r: { name: string }) => r.name)).toEqual(['Application Owner', 'Business Owner', 'Tech Owner']);
    expect(pulled.subscriptionRoles[2].factSheetTypes).toEqual(['ITComponent']);
    expect(pulled.roles[1].permissions).toEqual(['FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState', 'FACT_SHEET:READ:*']);
    expect(r.stderr).toContain('subscription roles for types that were not pulled, dropped with their uses on subscriptions (Project Lead)');
    expect(r.stderr).toMatch(/permission strings left without a resource, action, type or field, dropped \(.*SEAL_KEEPER: FACT_SHEET_FIELDS:UPDATE:Project:budget/);
    expect((await sealcheck('validate', file)).code).toBe(0);
  });

  it('--keep carries over scenarios, settings, name and description, and the scenarios run against the pulled workspace', async () => {
    const file = join(dir, 'team.json');
    writeFileSync(file, KEEP);
    const r = await pull('--out', file, '--keep', file);
    expect(r.stderr).not.toMatch(/^sealcheck/m);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const pulled = JSON.parse(text);
    const kept = JSON.parse(KEEP);
    expect(pulled.name).toBe(kept.name);
    expect(pulled.description).toBe(kept.description);
    expect(pulled.settings).toEqual(kept.settings);
    expect(pulled.scenarios).toEqual(kept.scenarios);
    expect(pulled.factSheets).toHaveLength(260);
    expect(pulled.asOf).not.toBe(kept.asOf);
    // the kept text stays byte for byte, the new text follows its four-space indentation, fact sheets one a line
    const scenariosText = KEEP.slice(KEEP.indexOf('    "scenarios"'));
    expect(text.endsWith(scenariosText)).toBe(true);
    expect(text).toContain('\n    "factSheets": [\n        {"id":"app-0","type":"Application",'); // one fact sheet a line
    expect(text).toContain('\n    "roles": [\n        {\n            "name": "VULN_SYNC",');
    const tested = await sealcheck('test', file);
    expect(tested.stdout).toContain('4 passed, 0 failed');
    expect(tested.code).toBe(0);
    // a second pull changes only what the platform changed: here nothing but the pull time (asOf, approvals at the pull time)
    const again = await pull('--out', file, '--keep', file);
    expect(again.code).toBe(0);
    const second = readFileSync(file, 'utf8');
    const timeless = (t: string) => t.split(JSON.parse(t).asOf).join('PULL-TIME');
    expect(timeless(second)).toBe(timeless(text));
  });

  it('a pull-written description is replaced on the next pull, a description of the team\'s own is kept', async () => {
    const file = join(dir, 'fresh.json');
    expect((await pull('--out', file)).code).toBe(0);
    expect(readJson(file).description).toMatch(/^Pulled from /);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"asOf": "[^"]+"/, '"asOf": "2020-01-01T00:00:00Z"').replace(/"description": "Pulled from [^"]*? at [^ ]+ /, '"description": "Pulled from somewhere at 2020-01-01T00:00:00Z '));
    expect((await pull('--out', file, '--keep', file)).code).toBe(0);
    const replaced = readJson(file);
    expect(replaced.description).toMatch(new RegExp(`^Pulled from http://127\\.0\\.0\\.1:\\d+ at ${replaced.asOf} `));
    writeFileSync(file, JSON.stringify({ ...replaced, description: 'Our notes' }, null, 2));
    expect((await pull('--out', file, '--keep', file)).code).toBe(0);
    expect(readJson(file).description).toBe('Our notes');
  });
});

describe('sealcheck pull leanix, the platform pushing back', () => {
  it('waits out a 429 with Retry-After and a 503 without, then goes on', async () => {
    let refused = 0;
    let unavailable = 0;
    const busy = await startFakeLeanix(leanixWorkspace({ factSheetCount: 120 }), {
      fault: (request) => {
        if (request.graphql?.kind === 'factSheets' && request.graphql.page === 1 && refused === 0) {
          refused++;
          return { status: 429, headers: { 'Retry-After': '1' } };
        }
        if (request.path.endsWith('/dataModel') && unavailable === 0) {
          unavailable++;
          return { status: 503 };
        }
        return undefined;
      },
    });
    try {
      const started = Date.now();
      const r = await sealcheck('pull', 'leanix', '--url', busy.url, '--token-env', ENV);
      expect(r.code).toBe(0);
      expect([refused, unavailable]).toEqual([1, 1]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900); // 1 s backoff for the 503, then 1 s Retry-After for the 429
      expect(busy.counts.get('POST graphql factSheets')).toBe(3);
    } finally {
      await busy.close();
    }
  });

  it('exchanges the token again when the platform refuses an expired one, and when its lifetime runs out', async () => {
    let expired = false;
    const fake: FakeServer = await startFakeLeanix(leanixWorkspace(), {
      expiresIn: 1,
      fault: (request) => {
        if (request.graphql?.kind === 'factSheets' && request.graphql.page === 2 && !expired) {
          expired = true;
          fake.expireTokens();
        }
        return undefined;
      },
      delayMs: 1,
    });
    try {
      const r = await sealcheck('pull', 'leanix', '--url', fake.url, '--token-env', ENV);
      expect(r.code).toBe(0);
      expect(fake.exchanges).toBeGreaterThanOrEqual(2);
      expect(r.stdout).not.toContain(API_TOKEN);
    } finally {
      await fake.close();
    }
  });
});

describe('progress on stderr', () => {
  it('a bar redrawn in place on a terminal, plain lines otherwise; the token from the given environment only', async () => {
    const lines: string[] = [];
    const io = { out: () => undefined, err: (line: string) => lines.push(line), color: false };
    const deps = { env: { LX: API_TOKEN }, fetch: globalThis.fetch as unknown as FetchLike };
    const tty = await pullCommand(io, ['leanix', '--url', server.url, '--token-env', 'LX', '--out', join(dir, 'bar.json')], { ...deps, tty: true });
    expect(tty).toBe(0);
    const bars = lines.filter((l) => l.includes('pull: ') && !l.includes('wrote'));
    expect(bars.slice(1).every((l) => l.startsWith('\u001b[1A\u001b[2K'))).toBe(true); // cursor up, clear line: one line redrawn in place
    expect(bars.some((l) => /\[#{24}\] fact sheets: 260 of 260/.test(l))).toBe(true);
    expect(bars.at(-1)).toMatch(/fact sheets: 260 of 260 · approval times: 138 of 138 \(\d+ responses read\)$/);
    lines.length = 0;
    const plain = await pullCommand(io, ['leanix', '--url', server.url, '--token-env', 'LX', '--out', join(dir, 'plain.json')], { ...deps, tty: false });
    expect(plain).toBe(0);
    expect(lines.some((l) => l.includes('\u001b'))).toBe(false);
    expect(lines.filter((l) => /^pull: fact sheets: 260 of 260 \(\d+ responses read\)$/.test(l))).toHaveLength(1);
    expect(await pullCommand(io, ['leanix', '--url', server.url, '--token-env', 'LX'], { ...deps, env: {}, tty: false })).toBe(2);
  });
});

