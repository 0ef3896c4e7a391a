import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDexieStore, SCHEMA_VERSION, STORES_V1, STORES_V2, STORES_V3, STORES_V4 } from '../../src/storage/dexie';
import type { InvalidRecord } from '../../src/storage/dexie';
import { MESSAGES, StoreBlockedError, toFailure } from '../../src/storage/errors';
import { buildFactSheetPages, PAGE_ROWS, SHEET_PAGE_ROWS } from '../../src/storage/pages';
import { prepareWorkspace } from '../../src/storage/records';
import { describeStoreContract, put, value } from './contract';
import { largeLeanix, leanixExample } from './fixtures';

// The contract, on a fresh in-memory IndexedDB per test.
describeStoreContract('dexie over fake-indexeddb', () => openDexieStore({ indexedDB: new IDBFactory(), IDBKeyRange }));

const NAME = 'sealcheck-test';

function fresh(onInvalidRecord: (r: InvalidRecord) => void = () => undefined) {
  const indexedDB = new IDBFactory();
  return { indexedDB, store: openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord }) };
}

/** Every table of the database, every record, in key order: the database "exactly". */
async function dump(indexedDB: IDBFactory): Promise<Record<string, unknown[]>> {
  const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
  await raw.open();
  const out: Record<string, unknown[]> = {};
  for (const table of raw.tables) out[table.name] = await table.toArray();
  raw.close();
  return out;
}

/** Makes IndexedDB's `put` on `store` throw `error()` from its `after + 1`th call on (a failing disk, a full quota). One call writes one page. */
function failPuts(store: string, after: number, error: () => unknown) {
  const original = IDBObjectStore.prototype.put;
  let calls = 0;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === store && ++calls > after) throw error();
    return original.apply(this, args);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** A database with one workspace, a draft, a run and a setting: what a failed import must leave alone. */
async function populated() {
  const db = fresh();
  const earlier = await put(db.store, leanixExample(), { id: 'earlier' });
  value(await db.store.saveDraft({ workspaceId: earlier.id, name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' }));
  value(await db.store.addRun({ workspaceId: earlier.id, at: '2026-11-24T00:00:00.000Z', passed: 9, failed: 0, failures: [] }));
  value(await db.store.setSetting('lastWorkspace', earlier.id));
  return { ...db, earlier };
}

describe('dexie: an import is all or nothing', { timeout: 120_000 }, () => {
  const big = largeLeanix(20_000, { extraUsers: 50, name: 'Twenty thousand' });
  // The import writes its fact-sheet pages in 4 runs (one per 5,000 rows, then a progress report).
  const pages = buildFactSheetPages('x', prepareWorkspace({ name: 'x', policy: big.policy, source: big.text }, 'x', '').factSheets).length;
  /** `put` calls on factSheetPages in the first `runs` of the 4 runs. */
  const pagesIn = (runs: number) => Math.floor((runs * pages) / 4);

  it('writes every fact sheet in four families of pages of up to 1,000', () => {
    // every fact sheet by id and by name, and the same per type (2 types, ~6,667 and ~13,333)
    expect(pages).toBe(20 + 20 + 2 * (Math.ceil(6_667 / PAGE_ROWS) + Math.ceil(13_333 / PAGE_ROWS)));
  });

  it('a quota error in the third chunk of a 20,000-row import leaves the database exactly as it was', async () => {
    const { store, indexedDB, earlier } = await populated();
    const before = await dump(indexedDB);
    // the example's 2 fact sheets: by id, by name, and both per type (2 types)
    expect(before.factSheetPages).toHaveLength(6);
    // half way through the third run
    failPuts('factSheetPages', Math.floor((pagesIn(2) + pagesIn(3)) / 2), () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const seen: number[] = [];
    const r = await store.putWorkspace({ name: big.policy.name, policy: big.policy, source: big.text }, (done) => seen.push(done));
    expect(r).toEqual({ ok: false, error: { kind: 'quota', message: MESSAGES.quota } });
    expect(seen).toEqual([5_000, 10_000]);
    vi.restoreAllMocks();
    expect(await dump(indexedDB)).toEqual(before);
    expect(value(await store.getWorkspace(earlier.id))!.policy).toEqual(leanixExample().policy);
    // the connection is healthy: the same import now succeeds
    const ok = value(await store.putWorkspace({ name: big.policy.name, policy: big.policy, source: big.text }));
    expect(ok.factSheetCount).toBe(20_000);
    expect(value(await store.findFactSheets(ok.id, { limit: 1_000_000 }))).toHaveLength(20_000);
  });

  it('replacing a workspace that fails half way keeps its old rows', async () => {
    const { store, indexedDB } = await populated();
    const first = await put(store, largeLeanix(7_000, { name: 'First' }), { id: 'ws' });
    const before = await dump(indexedDB);
    failPuts('factSheetPages', pagesIn(2) + 3, () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const r = await store.putWorkspace({ id: 'ws', name: 'Replacement', policy: big.policy, source: big.text });
    expect(r).toMatchObject({ ok: false, error: { kind: 'quota' } });
    vi.restoreAllMocks();
    expect(await dump(indexedDB)).toEqual(before);
    expect(value(await store.listWorkspaces()).find((w) => w.id === 'ws')).toEqual(first);
    expect(value(await store.findFactSheets('ws', { limit: 100_000 }))).toHaveLength(7_000);
  });

  it('a constraint violation half way is reported with the browser’s words and changes nothing', async () => {
    const { store, indexedDB } = await populated();
    const before = await dump(indexedDB);
    failPuts('factSheetPages', pagesIn(2), () => new DOMException('Unable to add key to index: it already exists.', 'ConstraintError'));
    const r = await store.putWorkspace({ name: 'x', policy: big.policy, source: big.text });
    expect(r).toEqual({ ok: false, error: { kind: 'unknown', message: "the browser's storage failed: unable to add key to index: it already exists" } });
    vi.restoreAllMocks();
    expect(await dump(indexedDB)).toEqual(before);
  });

  it('a transaction the browser aborts half way is `aborted` and changes nothing', async () => {
    const { store, indexedDB } = await populated();
    const before = await dump(indexedDB);
    const original = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const req = original.apply(this, args);
      // the browser gives up on the transaction a moment later (an eviction, a crash of the backing store)
      if (this.name === 'factSheetPages' && ++calls === pagesIn(3) + 2) setTimeout(() => this.transaction.abort(), 0);
      return req;
    });
    const r = await store.putWorkspace({ name: 'x', policy: big.policy, source: big.text });
    expect(r).toEqual({ ok: false, error: { kind: 'aborted', message: MESSAGES.aborted } });
    vi.restoreAllMocks();
    expect(await dump(indexedDB)).toEqual(before);
  });

  it('cancelling through the signal half way changes nothing', async () => {
    const { store, indexedDB } = await populated();
    const before = await dump(indexedDB);
    const controller = new AbortController();
    const r = await store.putWorkspace({ name: 'x', policy: big.policy, source: big.text, signal: controller.signal }, (done) => {
      if (done === 15_000) controller.abort();
    });
    expect(r).toEqual({ ok: false, error: { kind: 'aborted', message: MESSAGES.aborted } });
    expect(await dump(indexedDB)).toEqual(before);
  });
});

describe('dexie: failures are sentences', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const cases: Array<[string, unknown, string, string]> = [
    ['a DOMException QuotaExceededError', quota(), 'quota', MESSAGES.quota],
    ['Dexie’s QuotaExceededError around it', new Dexie.QuotaExceededError(quota()), 'quota', MESSAGES.quota],
    ['a BulkError whose failure is a quota error', new Dexie.BulkError('3 of 5000 operations failed', { 2: quota() }), 'quota', MESSAGES.quota],
    ['an AbortError caused by the quota', new Dexie.AbortError('Transaction aborted', quota()), 'quota', MESSAGES.quota],
    ['a VersionError', new Dexie.VersionError('The requested version is less than the existing version'), 'version', MESSAGES.version],
    ['an OpenFailedError around a VersionError', new Dexie.OpenFailedError(new DOMException('less than existing', 'VersionError')), 'version', MESSAGES.version],
    ['a blocked upgrade', new StoreBlockedError(), 'blocked', MESSAGES.blocked],
    ['a connection closed for another tab’s upgrade', new Dexie.DatabaseClosedError(), 'blocked', MESSAGES.blocked],
    ['an AbortError', new DOMException('The transaction was aborted.', 'AbortError'), 'aborted', MESSAGES.aborted],
    ['Dexie’s AbortError', new Dexie.AbortError(), 'aborted', MESSAGES.aborted],
    ['anything else, in the browser’s words', new TypeError('Failed to execute "put" on "IDBObjectStore".'), 'unknown', 'the browser\'s storage failed: failed to execute "put" on "IDBObjectStore"'],
    ['Dexie around a DOMException', new Dexie.DataError(new DOMException('Data provided is not a valid key.', 'DataError')), 'unknown', "the browser's storage failed: data provided is not a valid key"],
    ['a thrown string', 'boom', 'unknown', "the browser's storage failed: boom"],
  ];

  it.each(cases)('%s', (_, error, kind, message) => {
    expect(toFailure(error)).toEqual({ kind, message });
  });

  it('every sentence is lowercase, without a trailing period', () => {
    for (const text of Object.values(MESSAGES)) expect(text).toMatch(/^[a-z][^]*[^.]$/);
    expect(MESSAGES.quota).toBe("the browser's storage is full: free space or delete a workspace, then try again");
    expect(MESSAGES.version).toBe('this database was written by a newer Sealcheck; update the extension');
    expect(MESSAGES.blocked).toBe('another Sealcheck tab holds the database open; close it and try again');
  });
});

describe('dexie: opening', () => {
  /** A database of the next version; `dropsIndexes`: one that no longer has some of ours (Dexie would patch them back). */
  async function newerDatabase(indexedDB: IDBFactory, dropsIndexes: boolean) {
    const newer = new Dexie(NAME, { indexedDB, IDBKeyRange });
    newer.version(SCHEMA_VERSION + 1).stores({
      ...STORES_V1,
      ...STORES_V2,
      ...STORES_V3,
      ...STORES_V4,
      ...(dropsIndexes ? { userPages: null } : {}),
      somethingNew: '++id',
    });
    await newer.open();
    newer.close();
  }

  it('refuses a database written by a newer Sealcheck, without touching it', async () => {
    const indexedDB = new IDBFactory();
    await newerDatabase(indexedDB, true);
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange });
    expect(await store.listWorkspaces()).toEqual({ ok: false, error: { kind: 'version', message: MESSAGES.version } });
    expect(await store.putWorkspace({ name: 'x', policy: leanixExample().policy, source: '' })).toMatchObject({ ok: false, error: { kind: 'version' } });
    const [info] = await indexedDB.databases();
    expect(info).toEqual({ name: NAME, version: (SCHEMA_VERSION + 1) * 10 });
  });

  it('refuses it too where the browser cannot list databases', async () => {
    const indexedDB = new IDBFactory();
    await newerDatabase(indexedDB, false);
    const noList = Object.assign(Object.create(indexedDB) as IDBFactory, { databases: undefined });
    const store = openDexieStore({ name: NAME, indexedDB: noList, IDBKeyRange });
    expect(await store.getWorkspace('x')).toEqual({ ok: false, error: { kind: 'version', message: MESSAGES.version } });
  });

  it('says so when another tab holds an old version open, and works once it closes', async () => {
    const indexedDB = new IDBFactory();
    const oldTab = new Dexie(NAME, { indexedDB, IDBKeyRange });
    oldTab.version(1).stores({ workspaces: 'id', policies: 'id', factSheets: '[workspaceId+id], [workspaceId+type]', users: '[workspaceId+id], [workspaceId+kind]', drafts: '[workspaceId+name]', settings: 'key' });
    oldTab.on('versionchange', () => false); // an old tab that does not let go
    await oldTab.open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange });
    expect(await store.listWorkspaces()).toEqual({ ok: false, error: { kind: 'blocked', message: MESSAGES.blocked } });
    const r = await store.putWorkspace({ name: 'x', policy: leanixExample().policy, source: 'x' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'blocked' } });
    oldTab.close();
    // the waiting upgrade now runs; the next call (at the latest a retry) works
    await vi.waitFor(async () => expect(value(await store.listWorkspaces())).toEqual([]), { timeout: 5_000 });
    expect(warn).toHaveBeenCalled();
  });

  it('closes and opens again on demand', async () => {
    const { store } = fresh();
    await put(store, leanixExample(), { id: 'a' });
    store.close();
    expect(value(await store.listWorkspaces()).map((w) => w.id)).toEqual(['a']);
  });
});

describe('dexie: version 1 databases are upgraded', { timeout: 120_000 }, () => {
  // The schema exactly as version 1 shipped it (a copy on purpose: a shipped version never changes).
  const V1 = {
    workspaces: 'id',
    policies: 'id',
    factSheets: '[workspaceId+id], [workspaceId+type]',
    users: '[workspaceId+id], [workspaceId+kind]',
    drafts: '[workspaceId+name]',
    settings: 'key',
  };

  it('finds every record written by version 1, fact sheets searchable by the new name index', async () => {
    const indexedDB = new IDBFactory();
    const example = leanixExample();
    const grown = largeLeanix(3_000, { extraUsers: 10, name: 'Grown' });
    const v1 = new Dexie(NAME, { indexedDB, IDBKeyRange });
    v1.version(1).stores(V1);
    await v1.open();
    for (const [id, fixture] of [['ex', example], ['grown', grown]] as const) {
      const p = prepareWorkspace({ name: fixture.policy.name, policy: fixture.policy, source: fixture.text }, id, '2026-01-01T00:00:00.000Z');
      await v1.table('workspaces').put(p.summary);
      await v1.table('policies').put(p.body);
      // version 1 rows had no `nameLower`
      await v1.table('factSheets').bulkPut(p.factSheets.map(({ nameLower: _, ...row }) => row));
      await v1.table('users').bulkPut(p.users);
    }
    await v1.table('drafts').put({ workspaceId: 'ex', name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], updatedAt: '2026-01-02T00:00:00Z' });
    await v1.table('settings').put({ key: 'lastWorkspace', value: 'ex' });
    expect(v1.verno).toBe(1);
    v1.close();

    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange });
    const list = value(await store.listWorkspaces());
    expect(list.map((w) => [w.id, w.factSheetCount, w.createdAt])).toEqual([
      ['grown', 3_000, '2026-01-01T00:00:00.000Z'],
      ['ex', 2, '2026-01-01T00:00:00.000Z'],
    ]);
    const ex = value(await store.getWorkspace('ex'))!;
    expect(ex.policy).toEqual(example.policy);
    expect(ex.source).toBe(example.text);
    expect(value(await store.findFactSheets('ex', { namePrefix: 'WEB' }))).toEqual([
      { workspaceId: 'ex', id: 'app-shop', type: 'Application', name: 'Web shop', lxState: 'APPROVED' },
    ]);
    const everyRow = value(await store.findFactSheets('grown', { namePrefix: '' }));
    expect(everyRow).toHaveLength(3_000);
    const deltaApps = value(await store.findFactSheets('grown', { type: 'Application', namePrefix: 'DELTA' }));
    expect(deltaApps.length).toBe(grown.policy.factSheets.filter((f) => f.type === 'Application' && f.name.toLowerCase().startsWith('delta')).length);
    expect(deltaApps.length).toBeGreaterThan(0);
    expect(value(await store.listUsers('grown'))).toHaveLength(15);
    expect(value(await store.listDrafts('ex')).map((d) => d.name)).toEqual(['SYNC']);
    expect(value(await store.getSetting('lastWorkspace'))).toBe('ex');
    // the table version 2 added
    expect(value(await store.listRuns('ex'))).toEqual([]);
    value(await store.addRun({ workspaceId: 'ex', at: '2026-01-03T00:00:00.000Z', passed: 9, failed: 0, failures: [] }));
    expect(value(await store.listRuns('ex'))).toHaveLength(1);
    // the rows are pages now: 3,000 + 2 fact sheets in 4 families, 15 + 5 users
    const tables = await dump(indexedDB);
    expect(Object.keys(tables).sort()).toEqual(['cores', 'drafts', 'factSheetPages', 'policies', 'retiredDrafts', 'runs', 'settings', 'sheetPages', 'userPages', 'workspaces']);
    // drafts of before revisions start at revision 1
    expect(tables.drafts).toEqual([expect.objectContaining({ name: 'SYNC', revision: 1 })]);
    const entries = (tables.factSheetPages as Array<{ type: string; order: string; ids: string[] }>).filter((p) => p.type === '' && p.order === 'id').flatMap((p) => p.ids);
    expect(entries).toHaveLength(3_002);
    expect((tables.userPages as Array<{ ids: string[] }>).flatMap((p) => p.ids)).toHaveLength(20);
    const [info] = await indexedDB.databases();
    expect(info?.version).toBe(SCHEMA_VERSION * 10);
  });
});

describe('dexie: version 2 databases are upgraded', { timeout: 120_000 }, () => {
  // The schema exactly as version 2 shipped it (a copy on purpose: a shipped version never changes).
  const V1 = {
    workspaces: 'id',
    policies: 'id',
    factSheets: '[workspaceId+id], [workspaceId+type]',
    users: '[workspaceId+id], [workspaceId+kind]',
    drafts: '[workspaceId+name]',
    settings: 'key',
  };
  const V2 = {
    factSheets: '[workspaceId+id], [workspaceId+type], [workspaceId+nameLower], [workspaceId+type+nameLower]',
    runs: '++id, workspaceId',
  };

  it('finds every record written by version 2 through the pages', async () => {
    const indexedDB = new IDBFactory();
    const example = leanixExample();
    const grown = largeLeanix(4_321, { extraUsers: 1_234, name: 'Grown' });
    const v2 = new Dexie(NAME, { indexedDB, IDBKeyRange });
    v2.version(1).stores(V1);
    v2.version(2).stores(V2);
    await v2.open();
    const fixtures = [['ex', example], ['grown', grown]] as const;
    for (const [id, fixture] of fixtures) {
      const p = prepareWorkspace({ name: fixture.policy.name, policy: fixture.policy, source: fixture.text }, id, '2026-01-01T00:00:00.000Z');
      await v2.table('workspaces').put(p.summary);
      await v2.table('policies').put(p.body);
      await v2.table('factSheets').bulkPut(p.factSheets);
      await v2.table('users').bulkPut(p.users);
    }
    // a row damaged under version 2 stays damaged: reported and left out, never returned
    await v2.table('factSheets').update(['grown', 'fs-000100'], { lxState: 'SHINY' });
    await v2.table('drafts').put({ workspaceId: 'grown', name: 'SYNC', permissions: [], updatedAt: '2026-01-02T00:00:00Z' });
    const runId = (await v2.table('runs').add({ workspaceId: 'grown', at: '2026-01-03T00:00:00.000Z', passed: 1, failed: 0, failures: [] })) as number;
    await v2.table('settings').put({ key: 'lastWorkspace', value: 'grown' });
    expect(v2.verno).toBe(2);
    v2.close();

    const reports: InvalidRecord[] = [];
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord: (r) => reports.push(r) });
    expect(value(await store.listWorkspaces()).map((w) => [w.id, w.factSheetCount, w.userCount])).toEqual([
      ['grown', 4_321, 1_239],
      ['ex', 2, 5],
    ]);
    for (const [id, fixture] of fixtures) {
      const got = value(await store.getWorkspace(id))!;
      expect(got.policy).toEqual(fixture.policy);
      expect(got.source).toBe(fixture.text);
      const damaged = id === 'grown' ? 'fs-000100' : '';
      const sheets = fixture.policy.factSheets.filter((f) => f.id !== damaged);
      const rowOf = (f: (typeof sheets)[number]) => ({ workspaceId: id, id: f.id, type: f.type, name: f.name, lxState: f.lxState });
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      // every fact sheet, by its id, and all of them in each order and family
      for (const f of sheets) expect(value(await store.findFactSheets(id, { id: f.id }))).toEqual([rowOf(f)]);
      expect(value(await store.findFactSheets(id, {}))).toEqual(sheets.map(rowOf).sort(byId));
      expect(value(await store.findFactSheets(id, { namePrefix: '' }))).toHaveLength(sheets.length);
      for (const type of new Set(sheets.map((f) => f.type))) {
        const ofType = sheets.filter((f) => f.type === type);
        expect(value(await store.findFactSheets(id, { type }))).toEqual(ofType.map(rowOf).sort(byId));
        expect(value(await store.findFactSheets(id, { type, namePrefix: '' }))).toHaveLength(ofType.length);
      }
      const users = value(await store.listUsers(id));
      expect(users.map((u) => u.id).sort()).toEqual(fixture.policy.users.map((u) => u.id).sort());
    }
    expect(value(await store.findFactSheets('grown', { id: 'fs-000100' }))).toEqual([]);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.table === 'factSheets' && (r.key as { id: string }).id === 'fs-000100')).toBe(true);
    expect(value(await store.findFactSheets('ex', { namePrefix: 'web' })).map((r) => r.id)).toEqual(['app-shop']);
    expect(value(await store.listDrafts('grown')).map((d) => d.name)).toEqual(['SYNC']);
    expect(value(await store.listRuns('grown')).map((r) => r.id)).toEqual([runId]);
    expect(value(await store.getSetting('lastWorkspace'))).toBe('grown');
    // the per-row tables and their indexes are gone
    const tables = await dump(indexedDB);
    expect(tables.factSheets).toBeUndefined();
    expect(tables.users).toBeUndefined();
    const [info] = await indexedDB.databases();
    expect(info?.version).toBe(SCHEMA_VERSION * 10);
    // and the upgraded workspace can be replaced and deleted like any other
    value(await store.deleteWorkspace('grown'));
    expect(value(await store.findFactSheets('grown', {}))).toEqual([]);
    expect((await dump(indexedDB)).factSheetPages!.every((p) => (p as { workspaceId: string }).workspaceId === 'ex')).toBe(true);
  });
});

describe('dexie: version 3 databases are upgraded', () => {
  // The schema exactly as version 3 shipped it (copies on purpose: a shipped version never changes).
  const V1 = {
    workspaces: 'id',
    policies: 'id',
    factSheets: '[workspaceId+id], [workspaceId+type]',
    users: '[workspaceId+id], [workspaceId+kind]',
    drafts: '[workspaceId+name]',
    settings: 'key',
  };
  const V2 = {
    factSheets: '[workspaceId+id], [workspaceId+type], [workspaceId+nameLower], [workspaceId+type+nameLower]',
    runs: '++id, workspaceId',
  };
  const V3 = { factSheets: null, users: null, factSheetPages: '[workspaceId+type+order+k1+k2]', userPages: '[workspaceId+seq]' };

  it('gives every draft revision 1, and saves on it detect conflicts and renames from then on', async () => {
    const indexedDB = new IDBFactory();
    const example = leanixExample();
    const v3 = new Dexie(NAME, { indexedDB, IDBKeyRange });
    v3.version(1).stores(V1);
    v3.version(2).stores(V2);
    v3.version(3).stores(V3);
    await v3.open();
    const p = prepareWorkspace({ name: example.policy.name, policy: example.policy, source: example.text }, 'ex', '2026-01-01T00:00:00.000Z');
    await v3.table('workspaces').put(p.summary);
    await v3.table('policies').put(p.body);
    await v3.table('factSheetPages').bulkPut(buildFactSheetPages('ex', p.factSheets));
    const sync = { workspaceId: 'ex', name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['cve-feed'], updatedAt: '2026-01-02T00:00:00Z' };
    await v3.table('drafts').bulkPut([sync, { ...sync, name: 'AUDIT', permissions: [] }]);
    expect(v3.verno).toBe(3);
    v3.close();

    const reports: InvalidRecord[] = [];
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord: (r) => reports.push(r) });
    expect(value(await store.listDrafts('ex'))).toEqual([
      { ...sync, name: 'AUDIT', permissions: [], revision: 1 },
      { ...sync, revision: 1 },
    ]);
    expect(reports).toEqual([]);
    const [info] = await indexedDB.databases();
    expect(info?.version).toBe(SCHEMA_VERSION * 10);
    expect(SCHEMA_VERSION).toBe(5);
    // two editors of the upgraded draft: the second save is a conflict
    expect(value(await store.saveDraft({ ...sync, permissions: [] }, { name: 'SYNC', revision: 1 }))).toMatchObject({ kind: 'saved', draft: { revision: 2 } });
    expect(value(await store.saveDraft(sync, { name: 'SYNC', revision: 1 }))).toMatchObject({ kind: 'conflict', reason: 'changed', theirs: { revision: 2 } });
    // a rename leaves the old name in the new table
    value(await store.saveDraft({ ...sync, name: 'FEED' }, { name: 'SYNC', revision: 2 }));
    expect((await dump(indexedDB)).retiredDrafts).toEqual([{ workspaceId: 'ex', name: 'SYNC', revision: 3, movedTo: 'FEED' }]);
    expect(value(await store.saveDraft(sync, { name: 'SYNC', revision: 2 }))).toMatchObject({ kind: 'conflict', reason: 'renamed', renamedTo: 'FEED' });
    // the workspace goes with its drafts' history
    value(await store.deleteWorkspace('ex'));
    const after = await dump(indexedDB);
    expect(after.drafts).toEqual([]);
    expect(after.retiredDrafts).toEqual([]);
  });
});

describe('dexie: version 4 databases are upgraded', () => {
  // The schema exactly as version 4 shipped it (copies on purpose: a shipped version never changes).
  const V4 = {
    workspaces: 'id',
    policies: 'id',
    factSheetPages: '[workspaceId+type+order+k1+k2]',
    userPages: '[workspaceId+seq]',
    drafts: '[workspaceId+name]',
    retiredDrafts: '[workspaceId+name]',
    runs: '++id, workspaceId',
    settings: 'key',
  };

  async function v4With(indexedDB: IDBFactory, records: Array<{ summary: unknown; body: unknown }>): Promise<void> {
    const v4 = new Dexie(NAME, { indexedDB, IDBKeyRange });
    v4.version(4).stores(V4);
    await v4.open();
    for (const r of records) {
      await v4.table('workspaces').put(r.summary);
      await v4.table('policies').put(r.body);
    }
    v4.close();
  }

  it('gives every stored workspace its core and its fact sheets one by one, as the whole model has them', { timeout: 120_000 }, async () => {
    const indexedDB = new IDBFactory();
    const big = largeLeanix(2_500);
    const p = prepareWorkspace({ name: big.policy.name, policy: big.policy, source: big.text }, 'big', '2026-01-01T00:00:00.000Z');
    await v4With(indexedDB, [p]);
    const reports: InvalidRecord[] = [];
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord: (r) => reports.push(r) });
    const core = value(await store.getCore('big'))!;
    expect(core.policy).toEqual({ ...big.policy, factSheets: [] });
    expect(core).toMatchObject({ id: 'big', name: big.policy.name, factSheetCount: 2_500 });
    // the first and last fact sheet of every page (in id order), and every 37th
    const byId = [...big.policy.factSheets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const probes = byId.filter((_, i) => i % 37 === 0 || i % SHEET_PAGE_ROWS === 0 || i % SHEET_PAGE_ROWS === SHEET_PAGE_ROWS - 1 || i === byId.length - 1);
    for (const sheet of probes) expect(value(await store.getFactSheet('big', sheet.id))).toEqual(sheet);
    expect(value(await store.getFactSheet('big', 'fs-none'))).toBeNull();
    expect(reports).toEqual([]);
    const tables = await dump(indexedDB);
    const sizes = (tables.sheetPages as Array<{ ids: string[] }>).map((page) => page.ids.length);
    expect(sizes).toHaveLength(Math.ceil(2_500 / SHEET_PAGE_ROWS));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500);
  });

  it('leaves a workspace of the version 1 model without a core: it is read whole, and gets one when saved again', async () => {
    const indexedDB = new IDBFactory();
    const example = leanixExample();
    const p = prepareWorkspace({ name: example.policy.name, policy: example.policy, source: example.text }, 'old', '2026-01-01T00:00:00.000Z');
    await v4With(indexedDB, [{ summary: p.summary, body: { ...p.body, policy: { ...p.body.policy, version: 1 }, check: undefined } }]);
    const store = openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord: () => undefined });
    expect(value(await store.getCore('old'))).toBeNull();
    expect(value(await store.getFactSheet('old', example.policy.platform === 'leanix' ? example.policy.factSheets[0]!.id : 'x'))).toBeNull();
    value(await store.putWorkspace({ id: 'old', name: example.policy.name, policy: example.policy, source: example.text }));
    expect(value(await store.getCore('old'))!.policy).toEqual({ ...example.policy, factSheets: [] });
  });
});

describe('dexie: a damaged core or fact sheet is reported, never answered', () => {
  it('names the fact sheet whose stored value fails the model and the workspace whose core does', async () => {
    const reports: InvalidRecord[] = [];
    const { indexedDB, store } = fresh((r) => reports.push(r));
    const example = leanixExample();
    const summary = await put(store, example, { id: 'ex' });
    if (example.policy.platform !== 'leanix') throw new Error('a LeanIX example');
    const sheet = example.policy.factSheets[0]!;
    const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
    await raw.open();
    await raw.table('sheetPages').toCollection().modify((page: { sheets: Array<Record<string, unknown>> }) => {
      page.sheets = page.sheets.map((f) => (f.id === sheet.id ? { ...f, lxState: 'SHINY' } : f));
    });
    await raw.table('cores').update('ex', { 'policy.roles': 'not a list' });
    raw.close();
    const got = await store.getFactSheet(summary.id, sheet.id);
    expect(got.ok).toBe(false);
    expect(reports.at(-1)).toMatchObject({ table: 'sheetPages', key: ['ex', sheet.id], message: expect.stringContaining('lxState') });
    const core = await store.getCore('ex');
    expect(core.ok).toBe(false);
    expect(reports.at(-1)).toMatchObject({ table: 'cores', key: 'ex', message: expect.stringContaining('roles') });
    // the whole model is untouched and still reads
    expect(value(await store.getWorkspace('ex'))!.policy).toEqual(example.policy);
  });
});

describe('dexie: export reads the file text only', () => {
  it('answers the text of a workspace whose model is damaged (getWorkspace refuses it)', async () => {
    const { store, indexedDB } = fresh();
    await put(store, leanixExample(), { id: 'ws' });
    const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
    await raw.open();
    await raw.table('policies').update('ws', { policy: { platform: 'leanix', roles: 'not a list' } });
    raw.close();
    expect(await store.getWorkspace('ws')).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    expect(value(await store.getSource('ws'))).toEqual({ id: 'ws', name: 'Spec example: Acme integration', source: leanixExample().text });
  });
});

describe('dexie: damaged records are reported, never returned', () => {
  it('skips a damaged row in a list, and refuses a workspace whose policy is damaged', async () => {
    const reports: InvalidRecord[] = [];
    const { store, indexedDB } = fresh((r) => reports.push(r));
    await put(store, leanixExample(), { id: 'ws' });
    await put(store, leanixExample(), { id: 'other', name: 'Other' });
    const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
    await raw.open();
    // the fact sheet's entry in every page that holds it
    await raw
      .table('factSheetPages')
      .toCollection()
      .modify((page: { workspaceId: string; ids: string[]; states: string[] }) => {
        const i = page.ids.indexOf('bc-sales');
        if (page.workspaceId === 'ws' && i >= 0) page.states[i] = 'SHINY';
      });
    await raw.table('workspaces').update('other', { factSheetCount: 'many' });
    const policy = (await raw.table('policies').get('ws')) as { policy: { factSheets: Array<{ lxState: string }> } };
    policy.policy.factSheets[0]!.lxState = 'SHINY';
    await raw.table('policies').put(policy);
    raw.close();

    expect(value(await store.findFactSheets('ws', {})).map((r) => r.id)).toEqual(['app-shop']);
    expect(reports).toEqual([{ table: 'factSheets', key: { workspaceId: 'ws', id: 'bc-sales', name: 'Sales' }, message: expect.stringContaining('lxState') }]);
    expect(value(await store.listWorkspaces()).map((w) => w.id)).toEqual(['ws']);
    expect(reports[1]).toMatchObject({ table: 'workspaces', key: { id: 'other' }, message: expect.stringContaining('factSheetCount') });
    const got = await store.getWorkspace('ws');
    expect(got).toEqual({ ok: false, error: { kind: 'unknown', message: 'the stored workspace `Spec example: Acme integration` is damaged; delete it and import its policy file again' } });
    expect(reports[2]).toMatchObject({ table: 'policies', key: 'ws', message: expect.stringContaining('factSheets[0].lxState') });
    // a damaged workspace can still be deleted
    value(await store.deleteWorkspace('ws'));
  });
});

describe('dexie: damaged pages are reported, the rest answered', () => {
  it('skips a fact-sheet page or a user page whose columns do not match, and answers from the others', async () => {
    const reports: InvalidRecord[] = [];
    const { store, indexedDB } = fresh((r) => reports.push(r));
    const grown = largeLeanix(2_500, { extraUsers: 1_100 });
    await put(store, grown, { id: 'ws' });
    const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
    await raw.open();
    // the second page of every fact sheet by id loses a name; the first user page a role
    const pageKey = ['ws', '', 'id', 'fs-001000', ''];
    const page = (await raw.table('factSheetPages').get(pageKey)) as { ids: string[]; names: string[] };
    expect(page.ids[0]).toBe('fs-001000');
    page.names.pop();
    await raw.table('factSheetPages').put(page);
    await raw.table('userPages').update(['ws', 0], { roles: [] });
    raw.close();

    const all = value(await store.findFactSheets('ws', {}));
    expect(all).toHaveLength(2_500 - 1_000);
    expect(all.some((r) => r.id === 'fs-001000')).toBe(false);
    expect(reports).toEqual([{ table: 'factSheetPages', key: pageKey, message: 'the columns of the page do not match' }]);
    // the other families still know those fact sheets
    expect(value(await store.findFactSheets('ws', { namePrefix: '' }))).toHaveLength(2_500);
    expect(value(await store.findFactSheets('ws', { id: 'fs-001000' }))).toEqual([]);
    expect(value(await store.listUsers('ws'))).toHaveLength(1_105 - 1_000);
    expect(reports[reports.length - 1]).toMatchObject({ table: 'userPages', key: ['ws', 0] });
  });
});

describe.runIf(process.env.SEALCHECK_STORAGE_BENCH)('dexie: 100,000 fact sheets (informative; SEALCHECK_STORAGE_BENCH=1)', () => {
  it('imports, reads and searches', async () => {
    const big = largeLeanix(100_000, { extraUsers: 1_000, validate: false });
    const { store } = fresh();
    let t = performance.now();
    const cpu = process.cpuUsage();
    const summary = value(await store.putWorkspace({ name: 'Big', policy: big.policy, source: big.text }));
    const putMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const putCpuMs = (used.user + used.system) / 1_000;
    t = performance.now();
    value(await store.getWorkspace(summary.id));
    const getMs = performance.now() - t;
    t = performance.now();
    const found = value(await store.findFactSheets(summary.id, { namePrefix: 'beta app 1', limit: 50 }));
    const findMs = performance.now() - t;
    const rows = 100_000 + big.policy.users.length + 1;
    console.log(
      `putWorkspace ${rows} rows: ${putMs.toFixed(0)} ms wall (${Math.round(rows / (putMs / 1000)).toLocaleString('en-US')} rows/s), ` +
        `${putCpuMs.toFixed(0)} ms CPU (${Math.round(rows / (putCpuMs / 1000)).toLocaleString('en-US')} rows/s); ` +
        `getWorkspace ${getMs.toFixed(0)} ms; findFactSheets prefix+limit ${findMs.toFixed(1)} ms (${found.length} rows)`,
    );
    expect(found).toHaveLength(50);
  }, 120_000);
});
