// `sealcheck pull ... --from DIR`: saved responses named as the spec names them
// (hand-written fixtures in test/fixtures/pull), no token; and a round trip: answers
// of the fake server saved under those names give the model the network pull gives.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullLeanix } from '../../src/pull';
import type { FetchLike } from '../../src/pull';
import { startFakeLeanix } from './fake-leanix';
import type { FakeServer } from './fake-leanix';
import { API_TOKEN, leanixWorkspace } from './leanix-workspace';
import { expectFailure, readJson, sealcheck, tempDir } from './helpers';

const FIXTURES = fileURLToPath(new URL('../fixtures/pull/', import.meta.url));

describe('sealcheck pull leanix --from DIR', () => {
  const dir = tempDir();
  const out = join(dir, 'billing.json');

  it('reads the saved responses, names the file "LeanIX workspace", and a missing factSheet-{id}.json counts as approvedAt null', async () => {
    const r = await sealcheck('pull', 'leanix', '--from', join(FIXTURES, 'leanix'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pull: wrote .*billing\.json: 2 fact sheet types, 1 customer role, 3 users, 3 fact sheets, 0 scenarios \(\d+ saved responses/);
    const file = readJson(out);
    expect(file.name).toBe('LeanIX workspace');
    expect(file.description).toMatch(/^Pulled from saved responses at /);
    const sheets = Object.fromEntries(file.factSheets.map((s: { id: string }) => [s.id, s]));
    expect(sheets['app-a'].approvedAt).toBe('2026-11-10T08:30:00Z');
    expect(sheets['app-b'].approvedAt).toBe(file.asOf);
    expect(sheets['itc-a']).toEqual({ id: 'itc-a', type: 'ITComponent', name: 'Postgres', lxState: 'BROKEN_QUALITY_SEAL', values: { externalId: 'CI-0042', vendor: 'PGDG' } });
    expect(sheets['app-a'].relations).toEqual({ relApplicationToITComponent: ['itc-a'] });
    expect(file.users.find((u: { id: string }) => u.id === 'feed-1')).toEqual({
      id: 'feed-1', kind: 'technical', role: 'MEMBER', customerRoles: ['CVE_FEED'], aces: [], expiresAt: '2027-06-30T00:00:00Z', displayName: 'cve-feed',
    });
    expect(file.factSheetTypes[0].mandatory).toEqual({ fields: ['lifecycle', 'description'], relations: [], subscriptions: [] });
    expect(r.stderr).toContain('note: 1 × approved fact sheets without an approval time, written as approved at the pull time (app-b)');
  });

  it('--keep carries the scenarios over, and they pass', async () => {
    const keep = join(dir, 'billing-team.json');
    cpSync(join(FIXTURES, 'leanix-scenarios.json'), keep);
    const r = await sealcheck('pull', 'leanix', '--from', join(FIXTURES, 'leanix'), '--out', keep, '--keep', keep);
    expect(r.code).toBe(0);
    const file = readJson(keep);
    expect(file.name).toBe('Billing integration');
    expect(file.description).toBe('Scenarios kept across weekly pulls from saved responses.');
    const tested = await sealcheck('test', keep);
    expect(tested.stdout).toContain('2 passed, 0 failed');
  });

  it('fails, naming the file, when a saved response is missing', async () => {
    const partial = tempDir();
    cpSync(join(FIXTURES, 'leanix'), partial, { recursive: true });
    rmSync(join(partial, 'factSheets-2.json'));
    const target = tempDir();
    const r = await sealcheck('pull', 'leanix', '--from', partial, '--out', join(target, 'x.json'));
    expectFailure(r, /^sealcheck pull: no saved response `factSheets-2\.json`$/, target, [], []);
  });

  it('fails when DIR is not a folder', async () => {
    const target = tempDir();
    const r = await sealcheck('pull', 'qualytics', '--from', join(target, 'nope'), '--out', join(target, 'x.json'));
    expectFailure(r, /--from: `.*nope` is not a folder of saved responses/, target, [], []);
  });
});

describe('sealcheck pull qualytics --from DIR', () => {
  it('reads the saved responses (total_count paging, bare token list) and the kept scenarios pass', async () => {
    const dir = tempDir();
    const keep = join(dir, 'airflow.json');
    cpSync(join(FIXTURES, 'qualytics-scenarios.json'), keep);
    const r = await sealcheck('pull', 'qualytics', '--from', join(FIXTURES, 'qualytics'), '--out', keep, '--keep', keep);
    expect(r.code).toBe(0);
    const file = readJson(keep);
    expect(file.datastores).toEqual([
      { id: '7', kind: 'source', description: 'Sales DB' },
      { id: '8', kind: 'enrichment', description: 'Sales enrichment' },
    ]);
    expect(file.teams).toEqual([{ name: 'Data Engineering', permission: 'Editor', datastores: ['7', '8'] }]);
    expect(file.users[2]).toMatchObject({ id: 'svc_legacy@service', kind: 'service', role: 'Admin', teams: [], active: false });
    expect(file.tokens.map((t: { id: string; state: string }) => `${t.id} ${t.state}`)).toEqual(['tok-10 Active', 'tok-11 Expired', 'tok-12 Revoked']);
    expect(file.description).toMatch(/^Pulled from saved responses at .* Nothing was dropped or changed\.$/); // the kept file had none of its own
    const tested = await sealcheck('test', keep);
    expect(tested.stdout).toContain('3 passed, 0 failed');
    const fresh = join(dir, 'fresh.json');
    expect((await sealcheck('pull', 'qualytics', '--from', join(FIXTURES, 'qualytics'), '--out', fresh)).code).toBe(0);
    expect(readJson(fresh).name).toBe('Qualytics workspace');
  });
});

describe('saved answers of the fake server give what the network pull gives', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeLeanix(leanixWorkspace());
  });
  afterAll(() => server.close());

  /** A fetch that also saves each answer under the spec's file name. */
  function recording(dir: string): FetchLike {
    return async (url, init) => {
      const response = await fetch(url, init as RequestInit);
      const text = await response.text();
      const { pathname, searchParams } = new URL(url);
      let file: string | null = null;
      if (pathname.endsWith('/models/dataModel')) file = 'dataModel.json';
      else if (pathname.endsWith('/models/authorization')) file = 'authorization.json';
      else if (pathname.endsWith('/permissions')) file = `permissions-${searchParams.get('page')}.json`;
      else if (pathname.endsWith('/technicalusers')) file = `technicalUsers-${searchParams.get('page')}.json`;
      else if (pathname.endsWith('/graphql')) {
        const body = JSON.parse(init.body!);
        file = body.query.includes('allSubscriptionRoles') ? 'subscriptionRoles.json' : `factSheets-${body.variables.after ? Number(body.variables.after.slice(1)) / 100 + 1 : 1}.json`;
      } else if (pathname.includes('/factSheets/') && response.status === 200) file = `factSheet-${decodeURIComponent(pathname.split('/').pop()!)}.json`;
      if (file) writeFileSync(join(dir, file), text);
      return { status: response.status, headers: response.headers, text: async () => text };
    };
  }

  it('the same model, file by file', async () => {
    const saved = tempDir();
    mkdirSync(saved, { recursive: true });
    const network = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: recording(saved) } });
    const offline = await pullLeanix({ source: { kind: 'saved', read: async (file) => { try { return readFileSync(join(saved, file), 'utf8'); } catch { return null; } } } });
    if (!network.ok || !offline.ok) throw new Error('expected both pulls to succeed');
    const a = JSON.parse(network.text);
    const b = JSON.parse(offline.text);
    for (const file of [a, b]) {
      for (const sheet of file.factSheets) if (sheet.approvedAt === file.asOf) sheet.approvedAt = 'PULL TIME';
      delete file.asOf;
      delete file.name;
      delete file.description;
    }
    expect(b).toEqual(a);
    expect(network.report.notes).toEqual(offline.report.notes);
  });
});
