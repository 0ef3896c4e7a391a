// `sealcheck pull qualytics` against the fake Qualytics server: users, teams and
// datastores over pages, service tokens; the file validates and the kept scenarios run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeQualytics, qualyticsWorkspace, Q_TOKEN } from './fake-qualytics';
import type { FakeQualytics } from './fake-qualytics';
import { readJson, sealcheck, tempDir } from './helpers';

const ENV = 'SEALCHECK_TEST_QUALYTICS_TOKEN';
let server: FakeQualytics;
beforeAll(async () => {
  process.env[ENV] = Q_TOKEN;
  server = await startFakeQualytics(qualyticsWorkspace(), { delayMs: 2 });
});
afterAll(async () => {
  delete process.env[ENV];
  await server.close();
});

const KEEP = {
  format: 'sealcheck-policy',
  version: 2,
  platform: 'qualytics',
  name: 'Data platform',
  description: 'Service users of the data platform.',
  asOf: '2026-01-01T00:00:00Z',
  users: [],
  scenarios: [
    { name: 'airflow runs operations on Sales DB', actor: { token: 'tok-10' }, operation: { action: 'operation.run', datastore: '7' }, expect: { status: 200 } },
    { name: 'dbt may draft but not activate checks on Sales DB', actor: 'svc_dbt@service', operation: { action: 'check.activate', datastore: '7' }, expect: { status: 403 } },
    { name: 'the revoked dbt token is refused', actor: { token: 'tok-12' }, operation: { action: 'datastore.view', datastore: '7' }, expect: { status: 401 } },
    { name: 'the deactivated user is refused', actor: 'old_svc@service', operation: { action: 'datastore.view', datastore: '10' }, expect: { status: 401 } },
    { name: 'Public holds Open data at Reporter', actor: 'bob@acme.example', operation: { action: 'datastore.view', datastore: '10' }, expect: { status: 200 } },
  ],
};

describe('sealcheck pull qualytics', () => {
  it('writes a file that validates, pages as the spec says, and keeps the scenarios, which pass', async () => {
    const dir = tempDir();
    const out = join(dir, 'platform.json');
    writeFileSync(out, `${JSON.stringify(KEEP, null, 2)}\n`);
    const r = await sealcheck('pull', 'qualytics', '--url', server.url, '--token-env', ENV, '--out', out, '--keep', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pull: wrote .*platform\.json: 5 datastores, 5 teams, 130 users, 3 tokens, 5 scenarios/);
    expect(server.log.filter((l) => l.startsWith('GET /api/users'))).toEqual(['GET /api/users?page=1&size=100', 'GET /api/users?page=2&size=100']);
    const file = readJson(out);
    expect(file.name).toBe('Data platform');
    expect(file.scenarios).toEqual(KEEP.scenarios);
    expect(file.teams.map((t: { name: string }) => t.name)).toEqual(['Public', 'Data Engineering', 'Analytics', 'Finance', 'Unused']);
    expect(file.users[1]).toEqual({ id: 'svc_dbt@service', kind: 'service', role: 'Member', teams: ['Analytics'], email: 'svc_dbt@service', displayName: 'svc dbt' });
    expect(r.stderr).toContain('note: 1 × user teams that are not in the team list, dropped (svc_dbt@service: Ghost Team)');
    expect(r.stderr).toContain('note: 1 × service tokens of users who are not in the user list, dropped (tok-13 (gone@service))');
    expect(r.stderr).toContain('note: 1 × users whose role is not Admin, Manager or Member, read as Member (carol@acme.example (Owner))');
    const tested = await sealcheck('test', out);
    expect(tested.stdout).toContain('5 passed, 0 failed');
    for (const text of [readFileSync(out, 'utf8'), r.stdout, r.stderr]) expect(text).not.toContain(Q_TOKEN);
  });
});
