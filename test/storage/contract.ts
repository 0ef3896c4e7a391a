// The storage contract as one suite, run against every backend
// (test/storage/memory.test.ts, test/storage/dexie.test.ts).
//
// What the contract fixes beyond the types in src/storage/store.ts:
// - listWorkspaces: by name (case-insensitive), then id.
// - findFactSheets: with a name prefix ordered by lower-case name then id, else by id;
//   an empty prefix matches every name; `limit` 0 answers nothing.
// - listUsers: technical and service users first, then by id (code unit order).
// - listDrafts: by name. listRuns: newest (last added) first.
// - Queries about an unknown workspace answer an empty list; getWorkspace answers null.
// - deleteWorkspace, deleteDraft of something absent, and saveDraft/addRun for an
//   unknown workspace are `not-found`.
// - Replacing a workspace (putWorkspace with an existing id) keeps its createdAt,
//   drafts and runs; deleting it removes all of them.
// - putWorkspace reports progress after each chunk of 5,000 fact sheet rows, then of
//   user rows, then once for the workspace itself: total = fact sheets + users + 1.
// - A policy that does not match the model's schema is refused (`unknown`), nothing stored.
// - Drafts have revisions: a new one starts at 1 (or after the last revision its name had),
//   every save adds 1. A save names the revision it was based on; a stale one is a
//   `conflict` (changed, renamed, deleted, or a name another draft has) and changes nothing.
//   A rename moves the draft and its revision in one transaction.
// - getSource answers the name and exact text of a workspace without reading its model.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy, Policy } from '../../src/model/schema';
import type { FactSheetQuery, FactSheetRow, StoreResult, WorkspaceStore, WorkspaceSummary } from '../../src/storage/store';
import { largeLeanix, leanixExample, qualyticsExample } from './fixtures';

export type MakeStore = () => WorkspaceStore | Promise<WorkspaceStore>;

/** The value of a successful result; fails the test with the store's sentence otherwise. */
export function value<T>(result: StoreResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

export async function put(store: WorkspaceStore, fixture: { text: string; policy: Policy }, extra: { id?: string; name?: string } = {}): Promise<WorkspaceSummary> {
  return value(await store.putWorkspace({ name: extra.name ?? fixture.policy.name, policy: fixture.policy, source: fixture.text, ...(extra.id ? { id: extra.id } : {}) }));
}

/** What `findFactSheets` must answer, computed straight from the policy. */
function oracle(workspaceId: string, policy: LeanixPolicy, query: FactSheetQuery): FactSheetRow[] {
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const prefix = query.namePrefix?.toLowerCase();
  const rows = policy.factSheets
    .filter((f) => (query.id === undefined || f.id === query.id) && (query.type === undefined || f.type === query.type))
    .filter((f) => prefix === undefined || f.name.toLowerCase().startsWith(prefix))
    .map((f) => ({ workspaceId, id: f.id, type: f.type, name: f.name, lxState: f.lxState }))
    .sort((a, b) => (prefix === undefined ? byCode(a.id, b.id) : byCode(a.name.toLowerCase(), b.name.toLowerCase()) || byCode(a.id, b.id)));
  return query.limit === undefined ? rows : rows.slice(0, query.limit);
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  // Generous timeouts: the big imports share two cores with everything else running.
  describe(`WorkspaceStore contract: ${name}`, { timeout: 120_000 }, () => {
    const leanix = leanixExample();
    const qualytics = qualyticsExample();

    it('starts empty and answers queries on unknown workspaces with nothing', async () => {
      const store = await makeStore();
      expect(value(await store.listWorkspaces())).toEqual([]);
      expect(value(await store.getWorkspace('nope'))).toBeNull();
      expect(value(await store.findFactSheets('nope', {}))).toEqual([]);
      expect(value(await store.listUsers('nope'))).toEqual([]);
      expect(value(await store.listDrafts('nope'))).toEqual([]);
      expect(value(await store.listRuns('nope'))).toEqual([]);
      expect(value(await store.getSetting('nope'))).toBeUndefined();
    });

    it('round-trips a LeanIX workspace: model, exact source text, summary counts', async () => {
      const store = await makeStore();
      const summary = await put(store, leanix, { name: 'Acme EA' });
      expect(summary).toMatchObject({ name: 'Acme EA', platform: 'leanix', factSheetCount: 2, userCount: 5, scenarioCount: 9 });
      expect(summary.id).toMatch(/.+/);
      expect(summary.createdAt).toMatch(ISO);
      expect(summary.updatedAt).toBe(summary.createdAt);
      const got = value(await store.getWorkspace(summary.id));
      expect(got).not.toBeNull();
      expect(got!.policy).toEqual(leanix.policy);
      expect(got!.source).toBe(leanix.text);
      expect({ ...got!, policy: undefined, source: undefined }).toEqual({ ...summary, policy: undefined, source: undefined });
    });

    it('round-trips a Qualytics workspace: model, exact source text, summary counts', async () => {
      const store = await makeStore();
      // Source text with odd but valid formatting must come back byte for byte.
      const text = `\uFEFF${qualytics.text.replace(/\n/g, '\r\n')}  `;
      const summary = value(await store.putWorkspace({ name: 'Quality', policy: qualytics.policy, source: text }));
      expect(summary).toMatchObject({ name: 'Quality', platform: 'qualytics', factSheetCount: 0, userCount: qualytics.policy.users.length, scenarioCount: qualytics.policy.scenarios.length });
      const got = value(await store.getWorkspace(summary.id))!;
      expect(got.policy).toEqual(qualytics.policy);
      expect(got.source).toBe(text);
      expect(value(await store.findFactSheets(summary.id, {}))).toEqual([]);
    });

    it('stores copies: mutating the input or an answer changes nothing stored', async () => {
      const store = await makeStore();
      const policy = structuredClone(leanix.policy);
      const summary = value(await store.putWorkspace({ name: 'Copy', policy, source: leanix.text }));
      policy.factSheets[0]!.name = 'changed after put';
      policy.users.pop();
      const first = value(await store.getWorkspace(summary.id))!;
      expect(first.policy).toEqual(leanix.policy);
      (first.policy as LeanixPolicy).factSheets[0]!.name = 'changed after get';
      expect(value(await store.getWorkspace(summary.id))!.policy).toEqual(leanix.policy);

      const setting = { theme: 'dark', recent: ['a'] };
      value(await store.setSetting('ui', setting));
      setting.recent.push('b');
      const read = value(await store.getSetting('ui')) as { recent: string[] };
      expect(read).toEqual({ theme: 'dark', recent: ['a'] });
      read.recent.push('c');
      expect(value(await store.getSetting('ui'))).toEqual({ theme: 'dark', recent: ['a'] });
    });

    it('lists workspaces by name with their counts and keeps a given id', async () => {
      const store = await makeStore();
      const q = await put(store, qualytics, { name: 'b quality' });
      const l = await put(store, leanix, { name: 'A landscape', id: 'ws-leanix' });
      expect(l.id).toBe('ws-leanix');
      const list = value(await store.listWorkspaces());
      expect(list.map((w) => [w.id, w.name, w.platform, w.factSheetCount, w.userCount, w.scenarioCount])).toEqual([
        ['ws-leanix', 'A landscape', 'leanix', 2, 5, 9],
        [q.id, 'b quality', 'qualytics', 0, qualytics.policy.users.length, qualytics.policy.scenarios.length],
      ]);
      expect(list[0]).toEqual(l);
      expect(q.id).not.toBe(l.id);
    });

    describe('getCore and getFactSheet: the model without its fact sheets, and one fact sheet whole', () => {
      it('answers the model with no fact sheets and each fact sheet as the model has it, and forgets them with the workspace', async () => {
        const store = await makeStore();
        const big = largeLeanix(2_345);
        const summary = value(await store.putWorkspace({ id: 'big', name: big.policy.name, policy: big.policy, source: big.text }));
        const core = value(await store.getCore('big'))!;
        expect(core.policy).toEqual({ ...big.policy, factSheets: [] });
        expect({ ...core, policy: undefined }).toEqual({ ...summary, policy: undefined });
        // the first and last fact sheet of every 100 in id order (a page in IndexedDB), and every 29th
        const byId = [...big.policy.factSheets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const probes = byId.filter((_, i) => i % 29 === 0 || i % 100 <= 1 || i % 100 >= 98 || i === byId.length - 1);
        for (const sheet of probes) expect(value(await store.getFactSheet('big', sheet.id))).toEqual(sheet);
        expect(value(await store.getFactSheet('big', 'fs-'))).toBeNull();
        expect(value(await store.getFactSheet('big', 'zz-after-every-id'))).toBeNull();
        expect(value(await store.getFactSheet('nope', big.policy.factSheets[0]!.id))).toBeNull();
        expect(value(await store.getCore('nope'))).toBeNull();
        value(await store.deleteWorkspace('big'));
        expect(value(await store.getCore('big'))).toBeNull();
        expect(value(await store.getFactSheet('big', big.policy.factSheets[0]!.id))).toBeNull();
      });

      it('follows a replaced model: fact sheets it no longer has are gone, changed ones read changed', async () => {
        const store = await makeStore();
        await put(store, leanix, { id: 'ws' });
        const [first, second] = leanix.policy.factSheets;
        const renamed = { ...leanix.policy, roles: [], factSheets: [{ ...first!, name: 'Renamed' }] };
        value(await store.putWorkspace({ id: 'ws', name: 'ws', policy: renamed, source: leanix.text }));
        expect(value(await store.getFactSheet('ws', first!.id))).toEqual({ ...first!, name: 'Renamed' });
        expect(value(await store.getFactSheet('ws', second!.id))).toBeNull();
        expect(value(await store.getCore('ws'))!.policy).toEqual({ ...renamed, factSheets: [] });
      });

      it('keeps a Qualytics model whole as its core, and has no fact sheets', async () => {
        const store = await makeStore();
        const q = await put(store, qualytics);
        expect(value(await store.getCore(q.id))!.policy).toEqual(qualytics.policy);
        expect(value(await store.getFactSheet(q.id, 'anything'))).toBeNull();
      });

      it('answers copies: changing an answer changes nothing stored', async () => {
        const store = await makeStore();
        await put(store, leanix, { id: 'ws' });
        const sheet = value(await store.getFactSheet('ws', leanix.policy.factSheets[0]!.id))!;
        sheet.name = 'changed after get';
        const core = value(await store.getCore('ws'))!;
        (core.policy as LeanixPolicy).users.pop();
        expect(value(await store.getFactSheet('ws', leanix.policy.factSheets[0]!.id))).toEqual(leanix.policy.factSheets[0]);
        expect(value(await store.getCore('ws'))!.policy).toEqual({ ...leanix.policy, factSheets: [] });
      });
    });

    describe('findFactSheets', () => {
      const big = largeLeanix(300, { extraUsers: 10 });
      const queries: Array<[string, FactSheetQuery]> = [
        ['everything, by id', {}],
        ['by type, by id', { type: 'BusinessCapability' }],
        ['unknown type', { type: 'Nope' }],
        ['by name prefix, any case', { namePrefix: 'gamma' }],
        ['by name prefix in upper case', { namePrefix: 'ALPHA APP 1' }],
        ['by a non-ASCII prefix', { namePrefix: 'ÉPSILON' }],
        ['by an empty prefix, by name', { namePrefix: '' }],
        ['prefix nothing has', { namePrefix: 'zz-none' }],
        ['type and prefix', { type: 'Application', namePrefix: 'delta' }],
        ['by id', { id: 'fs-000042' }],
        ['by id and the right type', { id: 'fs-000042', type: 'BusinessCapability' }],
        ['by id and the wrong type', { id: 'fs-000042', type: 'Application' }],
        ['by id and its prefix', { id: 'fs-000042', namePrefix: 'gAmMa' }],
        ['by id and the wrong prefix', { id: 'fs-000042', namePrefix: 'alpha' }],
        ['unknown id', { id: 'nope' }],
        ['limit', { limit: 7 }],
        ['limit with a prefix', { namePrefix: 'beta', limit: 3 }],
        ['limit with a type', { type: 'Application', limit: 5 }],
        ['limit 0', { limit: 0 }],
        ['limit larger than the result', { type: 'BusinessCapability', limit: 10_000 }],
      ];

      it.each(queries)('%s', async (_, query) => {
        const store = await makeStore();
        const other = await put(store, leanix, { id: 'other' });
        const ws = await put(store, big, { id: 'big' });
        const found = value(await store.findFactSheets(ws.id, query));
        const expected = oracle(ws.id, big.policy, query);
        expect(found).toEqual(expected);
        // rows of another workspace never leak in
        expect(found.every((r) => r.workspaceId === 'big')).toBe(true);
        expect(value(await store.findFactSheets(other.id, { id: 'app-shop' }))).toEqual([
          { workspaceId: 'other', id: 'app-shop', type: 'Application', name: 'Web shop', lxState: 'APPROVED' },
        ]);
      });

      it('finds some for every non-trivial query above (the fixture exercises them)', () => {
        for (const [label, query] of queries) {
          if (/unknown|nothing|wrong|limit 0/.test(label)) continue;
          expect(oracle('big', big.policy, query).length, label).toBeGreaterThan(0);
        }
      });
    });

    it('lists users with technical and service users first, then by id; filters by kind', async () => {
      const store = await makeStore();
      const l = await put(store, largeLeanix(3, { extraUsers: 9 }), { id: 'l' });
      const q = await put(store, qualytics, { id: 'q' });
      const users = value(await store.listUsers(l.id));
      expect(users.map((u) => `${u.kind}:${u.id}`)).toEqual([
        'technical:cve-feed',
        'technical:cve-feed-sealed',
        'technical:ops-admin',
        'technical:svc-00000',
        'technical:svc-00004',
        'technical:svc-00008',
        'human:editor',
        'human:owner',
        'human:user-00001',
        'human:user-00002',
        'human:user-00003',
        'human:user-00005',
        'human:user-00006',
        'human:user-00007',
      ]);
      expect(users[0]).toEqual({ workspaceId: 'l', id: 'cve-feed', kind: 'technical', role: 'MEMBER' });
      expect(value(await store.listUsers(l.id, 'human')).map((u) => u.id)).toEqual(['editor', 'owner', 'user-00001', 'user-00002', 'user-00003', 'user-00005', 'user-00006', 'user-00007']);
      expect(value(await store.listUsers(l.id, 'service'))).toEqual([]);
      const qUsers = value(await store.listUsers(q.id));
      const services = qualytics.policy.users.filter((u) => u.kind === 'service').map((u) => u.id).sort();
      const humans = qualytics.policy.users.filter((u) => u.kind === 'human').map((u) => u.id).sort();
      expect(services.length).toBeGreaterThan(0);
      expect(qUsers.map((u) => u.id)).toEqual([...services, ...humans]);
      expect(value(await store.listUsers(q.id, 'service')).map((u) => u.id)).toEqual(services);
    });

    it('saves, overwrites, lists and deletes role drafts', async () => {
      const store = await makeStore();
      const ws = await put(store, leanix, { id: 'ws' });
      const other = await put(store, leanix, { id: 'other' });
      const draft = { workspaceId: ws.id, name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' };
      expect(value(await store.saveDraft(draft))).toEqual({ kind: 'saved', draft: { ...draft, revision: 1 } });
      value(await store.saveDraft({ workspaceId: ws.id, name: 'AUDIT', cloneFrom: 'VIEWER', permissions: [], updatedAt: '2026-11-24T01:00:00Z' }));
      value(await store.saveDraft({ ...draft, workspaceId: other.id }));
      expect(value(await store.listDrafts(ws.id))).toEqual([
        { workspaceId: 'ws', name: 'AUDIT', cloneFrom: 'VIEWER', permissions: [], updatedAt: '2026-11-24T01:00:00Z', revision: 1 },
        { ...draft, revision: 1 },
      ]);
      // same name, based on the revision read: overwritten, not added, one revision on
      const changed = { ...draft, permissions: [...draft.permissions, 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'], updatedAt: '2026-11-25T00:00:00Z' };
      expect(value(await store.saveDraft(changed, { name: 'SYNC', revision: 1 }))).toEqual({ kind: 'saved', draft: { ...changed, revision: 2 } });
      expect(value(await store.listDrafts(ws.id))).toEqual([expect.objectContaining({ name: 'AUDIT' }), { ...changed, revision: 2 }]);
      value(await store.deleteDraft(ws.id, 'SYNC'));
      expect(value(await store.listDrafts(ws.id)).map((d) => d.name)).toEqual(['AUDIT']);
      expect(value(await store.listDrafts(other.id))).toEqual([{ ...draft, workspaceId: 'other', revision: 1 }]);
      const missing = await store.deleteDraft(ws.id, 'SYNC');
      expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      const orphan = await store.saveDraft({ ...draft, workspaceId: 'nope' });
      expect(orphan).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(value(await store.listDrafts('nope'))).toEqual([]);
      // a draft given with a revision of its own: the store's revision counts
      const again = value(await store.saveDraft({ ...draft, revision: 99 } as typeof draft));
      expect(again).toMatchObject({ kind: 'saved', draft: { name: 'SYNC', revision: 3 } });
      const badBase = await store.saveDraft(draft, { name: 'SYNC', revision: 0 });
      expect(badBase).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    });

    describe('draft revisions: two editors of one draft', () => {
      const sync = (workspaceId: string, permissions: string[], updatedAt = '2026-11-24T00:00:00Z') => ({
        workspaceId,
        name: 'SYNC',
        permissions,
        users: ['cve-feed'],
        updatedAt,
      });
      const A = 'FACT_SHEET_FIELDS:UPDATE:Application:cveCount';
      const B = 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState';
      const C = 'FACT_SHEET:READ:Application:*';

      it('the later save of the same revision is a conflict with the other version, never an overwrite', async () => {
        const store = await makeStore();
        const ws = await put(store, leanix, { id: 'ws' });
        const first = value(await store.saveDraft(sync(ws.id, [A])));
        expect(first).toMatchObject({ kind: 'saved', draft: { revision: 1 } });
        // two tabs read revision 1; the first saves
        const mine = value(await store.saveDraft(sync(ws.id, [A, B], '2026-11-24T01:00:00Z'), { name: 'SYNC', revision: 1 }));
        expect(mine).toEqual({ kind: 'saved', draft: { ...sync(ws.id, [A, B], '2026-11-24T01:00:00Z'), revision: 2 } });
        // the second, based on revision 1 too, is told what is stored now
        const stale = value(await store.saveDraft(sync(ws.id, [C], '2026-11-24T02:00:00Z'), { name: 'SYNC', revision: 1 }));
        expect(stale).toEqual({ kind: 'conflict', reason: 'changed', theirs: { ...sync(ws.id, [A, B], '2026-11-24T01:00:00Z'), revision: 2 } });
        expect(value(await store.listDrafts(ws.id))).toEqual([{ ...sync(ws.id, [A, B], '2026-11-24T01:00:00Z'), revision: 2 }]);
        // "keep mine": saved again on the revision it was shown
        const kept = value(await store.saveDraft(sync(ws.id, [C], '2026-11-24T02:00:00Z'), { name: 'SYNC', revision: 2 }));
        expect(kept).toMatchObject({ kind: 'saved', draft: { permissions: [C], revision: 3 } });
        expect(value(await store.listDrafts(ws.id))).toEqual([{ ...sync(ws.id, [C], '2026-11-24T02:00:00Z'), revision: 3 }]);
        // a new draft of a name another draft has is a conflict too (`taken`), unless it replaces that revision
        const created = value(await store.saveDraft(sync(ws.id, [A])));
        expect(created).toMatchObject({ kind: 'conflict', reason: 'taken', theirs: { revision: 3, permissions: [C] } });
        expect(value(await store.saveDraft(sync(ws.id, [A]), null, 2))).toMatchObject({ kind: 'conflict', reason: 'taken' });
        expect(value(await store.saveDraft(sync(ws.id, [A]), null, 3))).toMatchObject({ kind: 'saved', draft: { permissions: [A], revision: 4 } });
      });

      it('a save based on a deleted draft is a conflict; a new draft of that name starts after its last revision', async () => {
        const store = await makeStore();
        const ws = await put(store, leanix, { id: 'ws' });
        value(await store.saveDraft(sync(ws.id, [A])));
        value(await store.saveDraft(sync(ws.id, [A, B]), { name: 'SYNC', revision: 1 }));
        value(await store.deleteDraft(ws.id, 'SYNC'));
        expect(value(await store.saveDraft(sync(ws.id, [C]), { name: 'SYNC', revision: 2 }))).toEqual({ kind: 'conflict', reason: 'deleted', theirs: null });
        expect(value(await store.listDrafts(ws.id))).toEqual([]);
        // created again: revision 3, so that an editor still holding revision 1 or 2 cannot mistake it for its own
        expect(value(await store.saveDraft(sync(ws.id, [C])))).toMatchObject({ kind: 'saved', draft: { revision: 3 } });
        expect(value(await store.saveDraft(sync(ws.id, [A]), { name: 'SYNC', revision: 2 }))).toMatchObject({ kind: 'conflict', reason: 'changed', theirs: { revision: 3 } });
      });

      it('a rename moves the draft and its revision: one draft, and the other editor is told the new name', async () => {
        const store = await makeStore();
        const ws = await put(store, leanix, { id: 'ws' });
        const other = await put(store, leanix, { id: 'other' });
        value(await store.saveDraft(sync(ws.id, [A])));
        value(await store.saveDraft(sync(other.id, [A])));
        // tab 1 renames SYNC to FEED (based on revision 1)
        const renamed = value(await store.saveDraft({ ...sync(ws.id, [A, B]), name: 'FEED' }, { name: 'SYNC', revision: 1 }));
        expect(renamed).toMatchObject({ kind: 'saved', draft: { name: 'FEED', permissions: [A, B], revision: 2 } });
        expect(value(await store.listDrafts(ws.id)).map((d) => [d.name, d.revision])).toEqual([['FEED', 2]]);
        // tab 2, still on SYNC revision 1, saves: a conflict naming the new name, nothing added
        const stale = value(await store.saveDraft(sync(ws.id, [C]), { name: 'SYNC', revision: 1 }));
        expect(stale).toEqual({ kind: 'conflict', reason: 'renamed', renamedTo: 'FEED', theirs: { ...sync(ws.id, [A, B]), name: 'FEED', revision: 2 } });
        expect(value(await store.listDrafts(ws.id)).map((d) => d.name)).toEqual(['FEED']);
        // renamed again: the old name still leads to the draft
        value(await store.saveDraft({ ...sync(ws.id, [A, B]), name: 'FEED2' }, { name: 'FEED', revision: 2 }));
        expect(value(await store.saveDraft(sync(ws.id, [C]), { name: 'SYNC', revision: 1 }))).toMatchObject({ kind: 'conflict', reason: 'renamed', renamedTo: 'FEED2' });
        // "keep mine" after a rename: tab 2's version under its own name, still one draft
        const kept = value(await store.saveDraft(sync(ws.id, [C]), { name: 'FEED2', revision: 3 }));
        expect(kept).toMatchObject({ kind: 'saved', draft: { name: 'SYNC', permissions: [C], revision: 4 } });
        expect(value(await store.listDrafts(ws.id)).map((d) => [d.name, d.revision])).toEqual([['SYNC', 4]]);
        // a rename onto a name another draft has is `taken` unless that revision is replaced
        value(await store.saveDraft({ ...sync(ws.id, [A]), name: 'AUDIT' }));
        const onto = value(await store.saveDraft({ ...sync(ws.id, [B]), name: 'AUDIT' }, { name: 'SYNC', revision: 4 }));
        expect(onto).toMatchObject({ kind: 'conflict', reason: 'taken', theirs: { name: 'AUDIT', revision: 1 } });
        const replaced = value(await store.saveDraft({ ...sync(ws.id, [B]), name: 'AUDIT' }, { name: 'SYNC', revision: 4 }, 1));
        expect(replaced).toMatchObject({ kind: 'saved', draft: { name: 'AUDIT', permissions: [B], revision: 5 } });
        expect(value(await store.listDrafts(ws.id)).map((d) => [d.name, d.revision])).toEqual([['AUDIT', 5]]);
        // another workspace's draft of the old name is untouched
        expect(value(await store.listDrafts(other.id))).toEqual([{ ...sync(other.id, [A]), revision: 1 }]);
        // deleting the workspace forgets its drafts' history too
        value(await store.deleteWorkspace(ws.id));
        await put(store, leanix, { id: 'ws' });
        expect(value(await store.saveDraft(sync('ws', [A])))).toMatchObject({ kind: 'saved', draft: { revision: 1 } });
      });

      it('of two saves at the same time on one revision, exactly one is saved', async () => {
        const store = await makeStore();
        const ws = await put(store, leanix, { id: 'ws' });
        value(await store.saveDraft(sync(ws.id, [A])));
        const outcomes = await Promise.all([
          store.saveDraft(sync(ws.id, [B]), { name: 'SYNC', revision: 1 }),
          store.saveDraft({ ...sync(ws.id, [C]), name: 'RENAMED' }, { name: 'SYNC', revision: 1 }),
          store.saveDraft(sync(ws.id, [A, C]), { name: 'SYNC', revision: 1 }),
        ]);
        const kinds = outcomes.map((o) => value(o).kind);
        expect(kinds.filter((k) => k === 'saved')).toHaveLength(1);
        expect(value(await store.listDrafts(ws.id))).toHaveLength(1);
        expect(value(await store.listDrafts(ws.id))[0]!.revision).toBe(2);
      });
    });

    it('reads a workspace\'s name and exact file text without its model', async () => {
      const store = await makeStore();
      const text = `\uFEFF${leanix.text.replace(/\n/g, '\r\n')}`;
      const summary = value(await store.putWorkspace({ id: 'ws', name: 'Acme EA', policy: leanix.policy, source: text }));
      expect(value(await store.getSource(summary.id))).toEqual({ id: 'ws', name: 'Acme EA', source: text });
      expect(value(await store.getSource('nope'))).toBeNull();
    });

    it('keeps scenario runs, newest first, with a limit', async () => {
      const store = await makeStore();
      const ws = await put(store, leanix, { id: 'ws' });
      const other = await put(store, leanix, { id: 'other' });
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(value(await store.addRun({ workspaceId: ws.id, at: `2026-11-24T0${i}:00:00.000Z`, passed: 9 - i, failed: i, failures: Array.from({ length: i }, (_, j) => `scenario ${j}`) })));
        if (i === 2) value(await store.addRun({ workspaceId: other.id, at: '2026-11-24T02:30:00.000Z', passed: 1, failed: 0, failures: [] }));
      }
      expect(new Set(ids).size).toBe(5);
      const all = value(await store.listRuns(ws.id));
      expect(all.map((r) => r.failed)).toEqual([4, 3, 2, 1, 0]);
      expect(all.map((r) => r.id)).toEqual([...ids].reverse());
      expect(all[0]).toEqual({ id: ids[4], workspaceId: 'ws', at: '2026-11-24T04:00:00.000Z', passed: 5, failed: 4, failures: ['scenario 0', 'scenario 1', 'scenario 2', 'scenario 3'] });
      expect(value(await store.listRuns(ws.id, 2)).map((r) => r.failed)).toEqual([4, 3]);
      expect(value(await store.listRuns(ws.id, 0))).toEqual([]);
      expect(value(await store.listRuns(other.id)).map((r) => r.at)).toEqual(['2026-11-24T02:30:00.000Z']);
      expect(await store.addRun({ workspaceId: 'nope', at: '2026-11-24T00:00:00.000Z', passed: 0, failed: 0, failures: [] })).toMatchObject({
        ok: false,
        error: { kind: 'not-found' },
      });
    });

    it('keeps settings of any cloneable value', async () => {
      const store = await makeStore();
      expect(value(await store.getSetting('lastWorkspace'))).toBeUndefined();
      value(await store.setSetting('lastWorkspace', 'ws-1'));
      value(await store.setSetting('columns', { sort: 'name', widths: [120, 80], at: new Date('2026-11-24T00:00:00Z') }));
      expect(value(await store.getSetting('lastWorkspace'))).toBe('ws-1');
      expect(value(await store.getSetting('columns'))).toEqual({ sort: 'name', widths: [120, 80], at: new Date('2026-11-24T00:00:00Z') });
      value(await store.setSetting('lastWorkspace', null));
      expect(value(await store.getSetting('lastWorkspace'))).toBeNull();
      const bad = await store.setSetting('fn', () => 1);
      expect(bad).toMatchObject({ ok: false, error: { kind: 'unknown' } });
      expect(!bad.ok && bad.error.message).toMatch(/^the browser's storage failed: .*[^.]$/);
    });

    it('deletes every row of one workspace and nothing of another', async () => {
      const store = await makeStore();
      const doomed = await put(store, largeLeanix(40, { extraUsers: 5 }), { id: 'doomed' });
      const kept = await put(store, largeLeanix(30, { extraUsers: 3 }), { id: 'kept' });
      for (const id of [doomed.id, kept.id]) {
        value(await store.saveDraft({ workspaceId: id, name: 'D', permissions: [], updatedAt: '2026-11-24T00:00:00Z' }));
        value(await store.addRun({ workspaceId: id, at: '2026-11-24T00:00:00.000Z', passed: 1, failed: 0, failures: [] }));
      }
      const before = await snapshot(store, kept.id);
      value(await store.deleteWorkspace(doomed.id));
      expect(value(await store.getWorkspace(doomed.id))).toBeNull();
      expect(value(await store.findFactSheets(doomed.id, {}))).toEqual([]);
      expect(value(await store.listUsers(doomed.id))).toEqual([]);
      expect(value(await store.listDrafts(doomed.id))).toEqual([]);
      expect(value(await store.listRuns(doomed.id))).toEqual([]);
      expect(value(await store.listWorkspaces()).map((w) => w.id)).toEqual(['kept']);
      expect(await snapshot(store, kept.id)).toEqual(before);
      expect(await store.deleteWorkspace(doomed.id)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    });

    it('keeps where a workspace was pulled from: listed and read back, kept by a replacement without one, replaced by a new pull', async () => {
      const store = await makeStore();
      const from = { platform: 'leanix' as const, origin: 'https://acme.leanix.net', at: '2026-11-24T00:00:00Z', types: ['Application'] };
      const plain = await put(store, leanix, { id: 'plain' });
      expect(plain).not.toHaveProperty('pulledFrom');
      const pulled = value(await store.putWorkspace({ id: 'ws', name: 'Acme', policy: leanix.policy, source: leanix.text, pulledFrom: from }));
      expect(pulled.pulledFrom).toEqual(from);
      expect(value(await store.listWorkspaces()).map((w) => w.pulledFrom)).toEqual([from, undefined]);
      expect(value(await store.getWorkspace('ws'))!.pulledFrom).toEqual(from);
      // an edit (any put without pulledFrom) keeps it; a new pull replaces it
      expect((await put(store, leanix, { id: 'ws', name: 'Acme' })).pulledFrom).toEqual(from);
      const later = { platform: 'leanix' as const, origin: 'https://acme.leanix.net', at: '2026-12-01T00:00:00Z' };
      value(await store.putWorkspace({ id: 'ws', name: 'Acme', policy: leanix.policy, source: leanix.text, pulledFrom: later }));
      expect(value(await store.getWorkspace('ws'))!.pulledFrom).toEqual(later);
      // a malformed one is refused, and nothing changes
      const refused = await store.putWorkspace({ id: 'ws', name: 'Acme', policy: leanix.policy, source: leanix.text, pulledFrom: { ...later, origin: '' } });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'unknown', message: expect.stringMatching(/^the workspace cannot be stored: pulledFrom\.origin: /) } });
      expect(value(await store.getWorkspace('ws'))!.pulledFrom).toEqual(later);
    });

    it('replaces a workspace by id: its old rows go, createdAt stays, other workspaces are untouched', async () => {
      const store = await makeStore();
      const first = await put(store, largeLeanix(50, { extraUsers: 6 }), { id: 'ws' });
      const other = await put(store, largeLeanix(20, { name: 'Other' }), { id: 'other' });
      value(await store.saveDraft({ workspaceId: 'ws', name: 'D', permissions: [], updatedAt: '2026-11-24T00:00:00Z' }));
      const otherBefore = await snapshot(store, other.id);
      await new Promise((r) => setTimeout(r, 5));
      const smaller = largeLeanix(10, { name: 'Smaller' });
      const second = await put(store, smaller, { id: 'ws', name: 'Renamed' });
      expect(second).toMatchObject({ id: 'ws', name: 'Renamed', factSheetCount: 10, userCount: 5, createdAt: first.createdAt });
      expect(second.updatedAt > first.updatedAt).toBe(true);
      const got = value(await store.getWorkspace('ws'))!;
      expect(got.policy).toEqual(smaller.policy);
      expect(got.source).toBe(smaller.text);
      expect(value(await store.findFactSheets('ws', {}))).toEqual(oracle('ws', smaller.policy, {}));
      expect(value(await store.listUsers('ws'))).toHaveLength(5);
      expect(value(await store.listWorkspaces()).map((w) => [w.id, w.name])).toEqual([
        ['other', 'Other'],
        ['ws', 'Renamed'],
      ]);
      // drafts belong to the workspace, not to one version of its file
      expect(value(await store.listDrafts('ws')).map((d) => d.name)).toEqual(['D']);
      expect(await snapshot(store, other.id)).toEqual(otherBefore);
      // a platform change is a replacement like any other
      value(await store.putWorkspace({ id: 'ws', name: 'Now Qualytics', policy: qualytics.policy, source: qualytics.text }));
      expect(value(await store.findFactSheets('ws', {}))).toEqual([]);
      expect(value(await store.getWorkspace('ws'))!.platform).toBe('qualytics');
    });

    it('reports progress in chunks up to the total: fact sheets, users, then the workspace', async () => {
      const store = await makeStore();
      const big = largeLeanix(12_345, { extraUsers: 20 });
      const calls: Array<[number, number]> = [];
      const summary = value(await store.putWorkspace({ name: 'Big', policy: big.policy, source: big.text }, (done, total) => calls.push([done, total])));
      const total = 12_345 + 25 + 1;
      expect(summary.factSheetCount).toBe(12_345);
      expect(calls).toEqual([
        [5_000, total],
        [10_000, total],
        [12_345, total],
        [12_370, total],
        [total, total],
      ]);
      const small = value(await store.putWorkspace({ name: 'Small', policy: qualytics.policy, source: qualytics.text }, (done, t) => calls.push([done, t])));
      expect(small.userCount).toBeGreaterThan(0);
      const u = qualytics.policy.users.length;
      expect(calls.slice(5)).toEqual([
        [u, u + 1],
        [u + 1, u + 1],
      ]);
    });

    it('an aborted import stores nothing and leaves everything as it was', async () => {
      const store = await makeStore();
      const kept = await put(store, leanix, { id: 'kept' });
      const before = await snapshot(store, kept.id);
      const big = largeLeanix(12_000);
      const already = new AbortController();
      already.abort();
      expect(await store.putWorkspace({ name: 'Never', policy: big.policy, source: big.text, signal: already.signal })).toMatchObject({
        ok: false,
        error: { kind: 'aborted' },
      });
      const midway = new AbortController();
      const seen: number[] = [];
      const r = await store.putWorkspace({ id: 'kept', name: 'Half', policy: big.policy, source: big.text, signal: midway.signal }, (done) => {
        seen.push(done);
        if (done >= 5_000) midway.abort();
      });
      expect(r).toMatchObject({ ok: false, error: { kind: 'aborted' } });
      expect(!r.ok && r.error.message).toMatch(/^[a-z][^.]*[^.]$/);
      expect(seen).toEqual([5_000]);
      expect(value(await store.listWorkspaces()).map((w) => w.id)).toEqual(['kept']);
      expect(await snapshot(store, kept.id)).toEqual(before);
    });

    it('refuses a policy that does not match the model, storing nothing', async () => {
      const store = await makeStore();
      const broken = structuredClone(leanix.policy) as unknown as { factSheets: Array<{ lxState: string }> };
      broken.factSheets[0]!.lxState = 'SHINY';
      const r = await store.putWorkspace({ name: 'Broken', policy: broken as unknown as Policy, source: '{}' });
      expect(r).toMatchObject({ ok: false, error: { kind: 'unknown' } });
      expect(!r.ok && r.error.message).toContain('factSheets[0].lxState');
      const noId = await store.putWorkspace({ id: '', name: 'x', policy: leanix.policy, source: leanix.text });
      expect(noId).toMatchObject({ ok: false, error: { kind: 'unknown' } });
      expect(value(await store.listWorkspaces())).toEqual([]);
      // a policy file may have an empty name, and so may its workspace
      expect(value(await store.putWorkspace({ name: '', policy: leanix.policy, source: leanix.text })).name).toBe('');
    });
  });
}

/** Everything the store answers about one workspace. */
export async function snapshot(store: WorkspaceStore, id: string) {
  return {
    workspace: value(await store.getWorkspace(id)),
    factSheets: value(await store.findFactSheets(id, {})),
    users: value(await store.listUsers(id)),
    drafts: value(await store.listDrafts(id)),
    runs: value(await store.listRuns(id)),
  };
}
