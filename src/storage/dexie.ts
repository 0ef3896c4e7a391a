// The IndexedDB backend on Dexie 4: the store the engine worker uses.
//
// Tables
//   workspaces  id                     the summary only: listing never loads a policy (and, not
//                                      indexed, where a pulled workspace came from)
//   policies    id                     the validated model and the exact file text, once per workspace
//   factSheetPages  [workspaceId+type+order+k1+k2]   the fact-sheet index for the UI's queries, in
//                                      pages of 1,000 rows (since version 3; src/storage/pages.ts)
//   userPages   [workspaceId+seq]      the users, in pages of 1,000 (since version 3)
//   drafts      [workspaceId+name]     role drafts, each with its revision (since version 4)
//   retiredDrafts [workspaceId+name]   names drafts no longer have: renamed (to where) or deleted,
//                                      with their last revision (since version 4)
//   cores       id                     the model without its fact sheets, with its own check (since version 5)
//   sheetPages  [workspaceId+first]    a LeanIX workspace's fact sheets, whole, in id order, 100 a page
//                                      (since version 5): one fact sheet is read without the policy
//   runs        ++id, workspaceId      scenario run history (since version 2)
//   settings    key
//
// Every read goes through zod: a record that fails its schema is reported to
// `onInvalidRecord` and never returned. Every failure comes back as data. A stored
// policy is the exception that proves it: zod parsed it when it was written, and a
// digest kept beside it shows it unchanged since (src/storage/integrity.ts); only a
// policy whose digest does not match goes through the model's zod schema again.
import Dexie from 'dexie';
import type { z } from 'zod';
import type { Policy } from '../model/schema';
import { guard, MESSAGES, StoreAbortError, StoreBlockedError, StoreFailureError, StoreVersionError } from './errors';
import {
  checkInput,
  CHUNK_ROWS,
  compareUsers,
  compareWorkspaces,
  coreOf,
  describeZod,
  matchesFactSheet,
  newWorkspaceId,
  normalizeLimit,
  parseFactSheet,
  planDraftSave,
  prepareWorkspace,
  readStoredPolicy,
  recordSchemas,
  toDraft,
  toFactSheetRow,
  toRun,
  toSummary,
} from './records';
import type { CoreRecord, FactSheetRecord, PolicyRecord, RetiredDraft, WorkspaceRecord } from './records';
import type { FactSheetRow, RoleDraft, ScenarioRun, StoredCore, StoredWorkspace, UserRow, WorkspaceStore } from './store';
import {
  buildFactSheetPages,
  buildSheetPages,
  buildUserPages,
  factSheetPageKey,
  factSheetSearchKey,
  PAGE_ROWS,
  pageEntry,
  splitRuns,
  userEntry,
  pageSchemas,
} from './pages';
import type { FactSheetPage, FactSheetPageKey, PageOrder, SheetPage, SheetPageKey, UserPage } from './pages';

export const DEFAULT_DB_NAME = 'sealcheck';

/** The schema as shipped in version 1. Never edit a shipped version: add a new one. */
export const STORES_V1 = {
  workspaces: 'id',
  policies: 'id',
  factSheets: '[workspaceId+id], [workspaceId+type]',
  users: '[workspaceId+id], [workspaceId+kind]',
  drafts: '[workspaceId+name]',
  settings: 'key',
} as const;

/** Version 2: case-insensitive name search on fact sheets, and the history of scenario runs. */
export const STORES_V2 = {
  factSheets: '[workspaceId+id], [workspaceId+type], [workspaceId+nameLower], [workspaceId+type+nameLower]',
  runs: '++id, workspaceId',
} as const;

/**
 * Version 3: the index rows as pages of up to 1,000 (src/storage/pages.ts): Chromium's
 * IndexedDB costs ~70–85 µs per request, one per row, and ~1.6 µs per row in pages.
 * The per-row tables go (their rows become pages in the upgrade).
 */
export const STORES_V3 = {
  factSheets: null,
  users: null,
  factSheetPages: '[workspaceId+type+order+k1+k2]',
  userPages: '[workspaceId+seq]',
} as const;

/**
 * Version 4: drafts carry a revision, bumped on every save, so that a save based on an
 * old version is a conflict instead of a silent overwrite; `retiredDrafts` remembers the
 * names drafts left (a rename, a delete). Drafts stored before get revision 1.
 */
export const STORES_V4 = {
  retiredDrafts: '[workspaceId+name]',
} as const;

/**
 * Version 5: a small `cores` record per workspace (the model without its fact sheets) and
 * the fact sheets whole in `sheetPages`, so that a popup's question reads neither the whole
 * policy nor every fact sheet. The upgrade derives both from each stored policy of the
 * current model shape, without a check of its own (the core is then read through zod, and
 * each fact sheet always is); a workspace it cannot derive them for has no core, and the
 * engine reads the whole workspace as before.
 */
export const STORES_V5 = {
  cores: 'id',
  sheetPages: '[workspaceId+first]',
} as const;

export const SCHEMA_VERSION = 5;
/** Dexie opens IndexedDB at ten times its version number. */
const NATIVE_VERSION = SCHEMA_VERSION * 10;

/** Callers arriving while an upgrade is blocked wait this long for it to clear before they are told. */
const BLOCKED_GRACE_MS = 250;

export interface InvalidRecord {
  readonly table: string;
  readonly key: unknown;
  /** `path: problem` of the first mismatch. */
  readonly message: string;
}

export interface DexieStoreOptions {
  /** Database name; default `sealcheck`. */
  readonly name?: string;
  /** An IndexedDB implementation (tests: fake-indexeddb); default the global one. */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /** Told about every stored record that fails its schema (it is left out of the answer); default `console.warn`. */
  readonly onInvalidRecord?: (report: InvalidRecord) => void;
}

export interface DexieWorkspaceStore extends WorkspaceStore {
  /** Closes the connection; a later call opens it again. */
  close(): void;
}

/** Declares every version of the schema with its upgrade on `db`. Exported for tests and tools. */
export function declareSchema(db: Dexie): void {
  db.version(1).stores(STORES_V1);
  db.version(2)
    .stores(STORES_V2)
    .upgrade(async (tx) => {
      await tx
        .table('factSheets')
        .toCollection()
        .modify((row: { name?: unknown; nameLower?: unknown }) => {
          if (typeof row.name === 'string') row.nameLower = row.name.toLowerCase();
        });
    });
  db.version(3)
    .stores(STORES_V3)
    .upgrade(async (tx) => {
      // Every row of every workspace becomes an entry of its pages; a row that is damaged
      // stays damaged (and is reported when read), only rows without string keys are left out.
      type OldRow = Record<string, unknown>;
      const byWorkspace = <T>(rows: readonly OldRow[], make: (r: OldRow & { workspaceId: string; id: string }) => T) => {
        const out = new Map<string, T[]>();
        for (const r of rows) {
          if (typeof r.workspaceId !== 'string' || typeof r.id !== 'string') continue;
          let list = out.get(r.workspaceId);
          if (!list) out.set(r.workspaceId, (list = []));
          list.push(make(r as OldRow & { workspaceId: string; id: string }));
        }
        return out;
      };
      const sheets = byWorkspace((await tx.table('factSheets').toArray()) as OldRow[], (r) => ({
        id: r.id,
        type: r.type,
        name: r.name,
        nameLower: typeof r.name === 'string' ? r.name.toLowerCase() : '',
        lxState: r.lxState,
      }));
      for (const [workspaceId, rows] of sheets) await tx.table('factSheetPages').bulkAdd(buildFactSheetPages(workspaceId, rows));
      const people = byWorkspace((await tx.table('users').toArray()) as OldRow[], (r) => ({ id: r.id, kind: r.kind, role: r.role }));
      for (const [workspaceId, rows] of people) await tx.table('userPages').bulkAdd(buildUserPages(workspaceId, rows));
    });
  db.version(4)
    .stores(STORES_V4)
    .upgrade(async (tx) => {
      await tx
        .table('drafts')
        .toCollection()
        .modify((draft: { revision?: unknown }) => {
          if (draft.revision === undefined) draft.revision = 1;
        });
    });
  db.version(5)
    .stores(STORES_V5)
    .upgrade(async (tx) => {
      const records = (await tx.table('policies').toArray()) as Array<{ id?: unknown; policy?: unknown }>;
      for (const record of records) {
        const policy = record.policy as { platform?: unknown; version?: unknown; factSheets?: unknown } | null | undefined;
        if (typeof record.id !== 'string' || policy === null || typeof policy !== 'object') continue;
        // a model of the version 1 shape is upgraded when it is read whole; it gets its core when saved again
        if (policy.version === 1 || (policy.platform !== 'leanix' && policy.platform !== 'qualytics')) continue;
        if (policy.platform === 'leanix') {
          if (!Array.isArray(policy.factSheets)) continue;
          const sheets = (policy.factSheets as unknown[]).filter((f): f is { id: string } => typeof (f as { id?: unknown } | null)?.id === 'string');
          await tx.table('sheetPages').bulkAdd(buildSheetPages(record.id, sheets));
        }
        await tx.table('cores').add({ id: record.id, policy: coreOf(policy as Policy) });
      }
    });
}

type Key2 = [string, string];
type UserPageKey = [string, number];
interface RunRow extends ScenarioRun {
  readonly id: number;
}

export function openDexieStore(options: DexieStoreOptions = {}): DexieWorkspaceStore {
  const name = options.name ?? DEFAULT_DB_NAME;
  const factory = options.indexedDB ?? (globalThis.indexedDB as IDBFactory | undefined);
  const db = new Dexie(name, {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    // No liveQuery in the worker: skip Dexie's optimistic cache.
    cache: 'disabled',
  });
  declareSchema(db);

  const workspaces = db.table<WorkspaceRecord, string>('workspaces');
  const policies = db.table<PolicyRecord, string>('policies');
  const factSheetPages = db.table<FactSheetPage, FactSheetPageKey>('factSheetPages');
  const userPages = db.table<UserPage, UserPageKey>('userPages');
  const cores = db.table<CoreRecord, string>('cores');
  const sheetPages = db.table<SheetPage, SheetPageKey>('sheetPages');
  const drafts = db.table<RoleDraft, Key2>('drafts');
  const retiredDrafts = db.table<RetiredDraft, Key2>('retiredDrafts');
  const runs = db.table<RunRow, number, Omit<ScenarioRun, 'id'>>('runs');
  const settings = db.table<{ key: string; value: unknown }, string>('settings');

  const reportInvalid =
    options.onInvalidRecord ??
    ((r: InvalidRecord) => console.warn(`sealcheck storage: skipped a damaged ${r.table} record ${JSON.stringify(r.key)}: ${r.message}`));

  // ------------------------------------------------------------ opening

  // Whether the current open attempt waits for another connection (an old tab) to close.
  let blocked = false;
  const blockedWaiters = new Set<(error: Error) => void>();
  db.on('blocked', () => {
    blocked = true;
    for (const wake of blockedWaiters) wake(new StoreBlockedError());
  });
  // A database of a newer version is opened by Dexie 4 without complaint; refuse it.
  db.on(
    'ready',
    (vip: Dexie) => {
      const installed = vip.backendDB().version;
      if (installed > NATIVE_VERSION) throw new StoreVersionError(installed / 10, SCHEMA_VERSION);
    },
    true,
  );

  let opening: Promise<void> | null = null;

  /** Before opening: a newer database is refused without being touched (Dexie would patch its schema). */
  async function checkInstalledVersion(): Promise<void> {
    if (typeof factory?.databases !== 'function') return;
    const found = (await factory.databases()).find((d) => d.name === name);
    if (found?.version !== undefined && found.version > NATIVE_VERSION) throw new StoreVersionError(found.version / 10, SCHEMA_VERSION);
  }

  function startOpening(): Promise<void> {
    const attempt = (async () => {
      await checkInstalledVersion();
      await db.open();
    })().finally(() => {
      opening = null;
      blocked = false;
    });
    attempt.catch(() => undefined);
    return attempt;
  }

  /**
   * Opens the database (running upgrades) unless it is open. An upgrade that waits
   * for another tab is not cancelled (IndexedDB cannot), but callers are told
   * `blocked` instead of waiting forever; their operation never runs later.
   */
  async function ready(): Promise<void> {
    if (db.isOpen()) return;
    const attempt = (opening ??= startOpening());
    let wake!: (error: Error) => void;
    const told = new Promise<never>((_, reject) => (wake = reject));
    const timer = blocked ? setTimeout(() => wake(new StoreBlockedError()), BLOCKED_GRACE_MS) : undefined;
    blockedWaiters.add(wake);
    try {
      await Promise.race([attempt, told]);
    } finally {
      blockedWaiters.delete(wake);
      clearTimeout(timer);
    }
  }

  /** Opens if needed, runs `body`, and turns every throw into a failed result. */
  const run = <T>(body: () => Promise<T>) =>
    guard(async () => {
      await ready();
      return body();
    });

  // ------------------------------------------------------------ reading through zod

  function checked<T>(schema: z.ZodType<T>, table: string, record: unknown, key: unknown = keyOf(record)): T | undefined {
    const parsed = schema.safeParse(record);
    if (parsed.success) return parsed.data;
    reportInvalid({ table, key, message: describeZod(parsed.error) });
    return undefined;
  }

  function checkedAll<T>(schema: z.ZodType<T>, table: string, records: readonly unknown[]): T[] {
    const out: T[] = [];
    for (const r of records) {
      const v = checked(schema, table, r);
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  function damaged(name: string): StoreFailureError {
    return new StoreFailureError({
      kind: 'unknown',
      message: `the stored workspace \`${name}\` is damaged; delete it and import its policy file again`,
    });
  }

  const ofWorkspace = (id: string) => [
    [id, Dexie.minKey],
    [id, Dexie.maxKey],
  ] as const;

  // ------------------------------------------------------------ fact-sheet pages

  type Family = readonly [workspaceId: string, type: string, order: PageOrder];
  const familyStart = ([w, t, o]: Family) => [w, t, o, Dexie.minKey, Dexie.minKey];
  const familyEnd = ([w, t, o]: Family) => [w, t, o, Dexie.maxKey, Dexie.maxKey];

  /** A page read through zod: undefined (and reported) if it does not match its schema. */
  const checkedPage = (record: FactSheetPage) => checked(pageSchemas().FactSheetPageSchema, 'factSheetPages', record, factSheetPageKey(record));

  /** The last page of the family whose key is <= `key`: the one that may hold `key`'s entry. */
  async function pageAtOrBefore(key: FactSheetPageKey): Promise<FactSheetPage | undefined> {
    const found = await factSheetPages
      .where(':id')
      .between(familyStart([key[0], key[1], key[2]]), key, true, true)
      .last();
    return found === undefined ? undefined : checkedPage(found);
  }

  /**
   * Walks a family's pages in order from the page that may hold `from` (or from its start),
   * reading a few pages per request (1, 2, 4, … up to 16), until `visit` answers true (done).
   */
  async function walkPages(family: Family, from: string | undefined, visit: (page: FactSheetPage) => boolean): Promise<void> {
    let after: FactSheetPageKey | undefined;
    if (from !== undefined) {
      const first = await factSheetPages
        .where(':id')
        .between(familyStart(family), factSheetSearchKey(family[0], family[1], family[2], from), true, true)
        .last();
      if (first !== undefined) {
        const page = checkedPage(first);
        if (page && visit(page)) return;
        after = factSheetPageKey(first);
      }
    }
    for (let batch = 1; ; batch = Math.min(batch * 2, 16)) {
      const records = await factSheetPages
        .where(':id')
        .between(after ?? familyStart(family), familyEnd(family), after === undefined, true)
        .limit(batch)
        .toArray();
      for (const record of records) {
        const page = checkedPage(record);
        if (page && visit(page)) return;
      }
      if (records.length < batch) return;
      after = factSheetPageKey(records[records.length - 1]!);
    }
  }

  return {
    close(): void {
      db.close({ disableAutoOpen: false });
    },

    listWorkspaces: () =>
      run(async () => checkedAll(recordSchemas().WorkspaceRecordSchema, 'workspaces', await workspaces.toArray()).map(toSummary).sort(compareWorkspaces)),

    getWorkspace: (id) =>
      run(async (): Promise<StoredWorkspace | null> => {
        const [head, body] = await db.transaction('r', [workspaces, policies], () => Promise.all([workspaces.get(id), policies.get(id)]));
        if (head === undefined) return null;
        const summary = checked(recordSchemas().WorkspaceRecordSchema, 'workspaces', head);
        if (!summary) throw damaged(id);
        const record = checked(recordSchemas().PolicyRecordSchema, 'policies', body);
        if (!record) throw damaged(summary.name);
        const policy = readStoredPolicy(summary.platform, record);
        if (!policy.success) {
          reportInvalid({ table: 'policies', key: id, message: `policy.${describeZod(policy.error)}` });
          throw damaged(summary.name);
        }
        return { ...toSummary(summary), policy: policy.data, source: record.source };
      }),

    getCore: (id) =>
      run(async (): Promise<StoredCore | null> => {
        const [head, body] = await db.transaction('r', [workspaces, cores], () => Promise.all([workspaces.get(id), cores.get(id)]));
        if (head === undefined || body === undefined) return null;
        const summary = checked(recordSchemas().WorkspaceRecordSchema, 'workspaces', head);
        if (!summary) throw damaged(id);
        const record = checked(recordSchemas().CoreRecordSchema, 'cores', body);
        if (!record) throw damaged(summary.name);
        const core = readStoredPolicy(summary.platform, record);
        if (!core.success) {
          reportInvalid({ table: 'cores', key: id, message: `policy.${describeZod(core.error)}` });
          throw damaged(summary.name);
        }
        return { ...toSummary(summary), policy: core.data };
      }),

    getFactSheet: (workspaceId, factSheetId) =>
      run(async () => {
        const found = await sheetPages
          .where(':id')
          .between([workspaceId, Dexie.minKey], [workspaceId, factSheetId], true, true)
          .last();
        if (found === undefined) return null;
        const page = checked(pageSchemas().SheetPageSchema, 'sheetPages', found, [found.workspaceId, found.first]);
        if (!page) throw damaged(workspaceId);
        const i = page.ids.indexOf(factSheetId);
        if (i < 0) return null;
        const sheet = parseFactSheet(page.sheets[i]);
        if (!sheet.success || sheet.data.id !== factSheetId) {
          reportInvalid({ table: 'sheetPages', key: [workspaceId, factSheetId], message: sheet.success ? 'id: does not match its page' : describeZod(sheet.error) });
          throw damaged(workspaceId);
        }
        return sheet.data;
      }),

    putWorkspace: (input, onProgress) =>
      run(async () => {
        const { signal } = input;
        const checkSignal = () => {
          if (signal?.aborted) throw new StoreAbortError();
        };
        const progress = (done: number, total: number) => {
          // Over comlink the callback answers with a promise; never wait for it inside the transaction.
          const answer: unknown = onProgress?.(done, total);
          if (answer instanceof Promise) answer.catch(() => undefined);
        };
        checkSignal();
        const id = input.id ?? newWorkspaceId();
        // The heavy part (checking the policy, deriving rows) before the transaction opens.
        const prepared = prepareWorkspace(input, id, new Date().toISOString(), undefined);
        const indexPages = buildFactSheetPages(id, prepared.factSheets);
        const peoplePages = buildUserPages(id, prepared.users);
        const wholeSheets = prepared.body.policy.platform === 'leanix' ? buildSheetPages(id, prepared.body.policy.factSheets) : [];
        let summary: WorkspaceRecord = prepared.summary;
        await db.transaction('rw', [workspaces, policies, factSheetPages, userPages, cores, sheetPages], async () => {
          const existing = await workspaces.get(id);
          if (existing !== undefined) {
            const createdAt = (existing as { createdAt?: unknown }).createdAt;
            if (typeof createdAt === 'string') summary = { ...summary, createdAt };
            // a replacement without a pull keeps where the workspace was pulled from
            const pulledFrom = recordSchemas().PulledFromSchema.safeParse((existing as { pulledFrom?: unknown }).pulledFrom);
            if (summary.pulledFrom === undefined && pulledFrom.success) summary = { ...summary, pulledFrom: pulledFrom.data };
            await factSheetPages.where(':id').between(...ofWorkspace(id)).delete();
            await userPages.where(':id').between(...ofWorkspace(id)).delete();
            await sheetPages.where(':id').between(...ofWorkspace(id)).delete();
          }
          // Progress as the contract has it: after each CHUNK_ROWS fact sheets, then users. The
          // fact sheets are in several families of pages, so each report follows an equal share
          // of their pages; a user page holds PAGE_ROWS users, so CHUNK_ROWS / PAGE_ROWS of them.
          let done = 0;
          const n = prepared.factSheets.length;
          const reports = Math.ceil(n / CHUNK_ROWS);
          const sheetRuns = splitRuns(indexPages, reports);
          const wholeRuns = splitRuns(wholeSheets, reports);
          for (let g = 0; g < sheetRuns.length; g++) {
            checkSignal();
            await factSheetPages.bulkPut(sheetRuns[g]!);
            await sheetPages.bulkPut(wholeRuns[g]!);
            done = Math.min(n, (g + 1) * CHUNK_ROWS);
            progress(done, prepared.total);
          }
          const perRun = Math.max(1, Math.floor(CHUNK_ROWS / PAGE_ROWS));
          for (let at = 0; at < peoplePages.length; at += perRun) {
            checkSignal();
            const run = peoplePages.slice(at, at + perRun);
            await userPages.bulkPut(run);
            done += run.reduce((sum, p) => sum + p.ids.length, 0);
            progress(done, prepared.total);
          }
          checkSignal();
          await workspaces.put(summary);
          await policies.put(prepared.body);
          await cores.put(prepared.core);
          progress(prepared.total, prepared.total);
        });
        return toSummary(summary);
      }),

    deleteWorkspace: (id) =>
      run(async () => {
        await db.transaction('rw', [workspaces, policies, factSheetPages, userPages, cores, sheetPages, drafts, retiredDrafts, runs], async () => {
          if ((await workspaces.get(id)) === undefined) throw new StoreFailureError({ kind: 'not-found', message: MESSAGES.workspaceNotFound });
          await factSheetPages.where(':id').between(...ofWorkspace(id)).delete();
          await sheetPages.where(':id').between(...ofWorkspace(id)).delete();
          await cores.delete(id);
          await userPages.where(':id').between(...ofWorkspace(id)).delete();
          await drafts.where('[workspaceId+name]').between(...ofWorkspace(id)).delete();
          await retiredDrafts.where('[workspaceId+name]').between(...ofWorkspace(id)).delete();
          await runs.where('workspaceId').equals(id).delete();
          await policies.delete(id);
          await workspaces.delete(id);
        });
      }),

    findFactSheets: (workspaceId, query) =>
      run(async (): Promise<FactSheetRow[]> => {
        const limit = normalizeLimit(query.limit);
        if (limit === 0) return [];
        const out: FactSheetRow[] = [];
        /** Checks a candidate row with zod and keeps it if it answers the query; true once the limit is reached. */
        const take = (record: FactSheetRecord): boolean => {
          const row = checked(recordSchemas().FactSheetRecordSchema, 'factSheets', record);
          if (row && matchesFactSheet(query, row)) out.push(toFactSheetRow(row));
          return out.length >= limit;
        };
        await db.transaction('r', [factSheetPages], async () => {
          if (query.id !== undefined) {
            // The one page of every fact sheet by id that may hold it.
            const page = await pageAtOrBefore(factSheetSearchKey(workspaceId, '', 'id', query.id));
            const i = page ? page.ids.indexOf(query.id) : -1;
            if (page && i >= 0) take(pageEntry(page, i));
            return;
          }
          const type = query.type ?? '';
          const prefix = query.namePrefix?.toLowerCase();
          if (prefix === undefined) {
            // By id: the family from its start, until the limit.
            await walkPages([workspaceId, type, 'id'], undefined, (page) => {
              for (let i = 0; i < page.ids.length; i++) if (take(pageEntry(page, i))) return true;
              return false;
            });
            return;
          }
          // By name: from the page that may hold the prefix, until past it.
          await walkPages([workspaceId, type, 'name'], prefix, (page) => {
            for (let i = 0; i < page.ids.length; i++) {
              const entry = pageEntry(page, i);
              const lower = entry.nameLower as unknown;
              if (typeof lower === 'string') {
                if (lower < prefix) continue;
                if (!lower.startsWith(prefix)) return true;
              }
              // (a damaged entry goes to zod, which reports it)
              if (take(entry)) return true;
            }
            return false;
          });
        });
        return out;
      }),

    listUsers: (workspaceId, kind) =>
      run(async () => {
        const records = await userPages.where(':id').between(...ofWorkspace(workspaceId)).toArray();
        const out: UserRow[] = [];
        for (const record of records) {
          const page = checked(pageSchemas().UserPageSchema, 'userPages', record, [record.workspaceId, record.seq]);
          if (!page) continue;
          for (let i = 0; i < page.ids.length; i++) {
            const user = checked(recordSchemas().UserRecordSchema, 'users', userEntry(page, i));
            if (user && (kind === undefined || user.kind === kind)) out.push(user);
          }
        }
        return out.sort(compareUsers);
      }),

    getSource: (id) =>
      run(async () => {
        // the file text only: the model is neither read through zod nor checked
        const [head, body] = await db.transaction('r', [workspaces, policies], () => Promise.all([workspaces.get(id), policies.get(id)]));
        if (head === undefined) return null;
        const name = typeof (head as { name?: unknown }).name === 'string' ? (head as { name: string }).name : id;
        const source = (body as { source?: unknown } | undefined)?.source;
        if (typeof source !== 'string') {
          reportInvalid({ table: 'policies', key: id, message: 'source: expected text' });
          throw new StoreFailureError({ kind: 'unknown', message: `the stored workspace \`${name}\` has lost its file text; delete it and import its policy file again` });
        }
        return { id, name, source };
      }),

    saveDraft: (draft, base, replacing) =>
      run(async () => {
        const record = checkInput(recordSchemas().DraftInputSchema, draft, 'draft');
        const from = base ? checkInput(recordSchemas().DraftRevisionSchema, base, 'draft base') : null;
        const replaces = checkInput(recordSchemas().ReplacingSchema, replacing, 'replaced revision');
        const ws = record.workspaceId;
        return db.transaction('rw', [workspaces, drafts, retiredDrafts], async () => {
          if ((await workspaces.get(ws)) === undefined) {
            throw new StoreFailureError({ kind: 'not-found', message: MESSAGES.workspaceNotFound });
          }
          const plan = await planDraftSave(record, from, replaces, {
            draft: async (name) => {
              const found = await drafts.get([ws, name]);
              if (found === undefined) return undefined;
              // a damaged draft (reported) is never listed, so no editor holds it: a save takes its place
              const valid = checked(recordSchemas().DraftRecordSchema, 'drafts', found);
              return valid ? toDraft(valid) : undefined;
            },
            retired: async (name) => {
              const found = await retiredDrafts.get([ws, name]);
              return found === undefined ? undefined : checked(recordSchemas().RetiredDraftSchema, 'retiredDrafts', found);
            },
          });
          const { writes } = plan;
          if (writes) {
            if (writes.moveFrom) {
              await drafts.delete([ws, writes.moveFrom.name]);
              await retiredDrafts.put(writes.moveFrom);
            }
            if (writes.unretire !== undefined) await retiredDrafts.delete([ws, writes.unretire]);
            await drafts.put(writes.put);
          }
          return plan.outcome;
        });
      }),

    listDrafts: (workspaceId) =>
      run(async () => {
        const records = await drafts.where('[workspaceId+name]').between(...ofWorkspace(workspaceId)).toArray();
        return checkedAll(recordSchemas().DraftRecordSchema, 'drafts', records).map(toDraft);
      }),

    deleteDraft: (workspaceId, name) =>
      run(async () => {
        await db.transaction('rw', [drafts, retiredDrafts], async () => {
          const stored = await drafts.get([workspaceId, name]);
          if (stored === undefined) {
            throw new StoreFailureError({ kind: 'not-found', message: MESSAGES.draftNotFound });
          }
          await drafts.delete([workspaceId, name]);
          await retiredDrafts.put({ workspaceId, name, revision: revisionOf(stored) });
        });
      }),

    addRun: (scenarioRun) =>
      run(async () => {
        const record = checkInput(recordSchemas().NewRunSchema, scenarioRun, 'scenario run');
        return db.transaction('rw', [workspaces, runs], async () => {
          if ((await workspaces.get(record.workspaceId)) === undefined) {
            throw new StoreFailureError({ kind: 'not-found', message: MESSAGES.workspaceNotFound });
          }
          return runs.add(record);
        });
      }),

    listRuns: (workspaceId, limit) =>
      run(async () => {
        const n = normalizeLimit(limit);
        if (n === 0) return [];
        let collection = runs.where('workspaceId').equals(workspaceId).reverse();
        if (Number.isFinite(n)) collection = collection.limit(n);
        return checkedAll(recordSchemas().RunRecordSchema, 'runs', await collection.toArray()).map(toRun);
      }),

    getSetting: (key) =>
      run(async () => {
        const record = await settings.get(key);
        if (record === undefined) return undefined;
        const setting = checked(recordSchemas().SettingRecordSchema, 'settings', record);
        if (!setting) throw new StoreFailureError({ kind: 'unknown', message: `the stored setting \`${key}\` is damaged; set it again` });
        return setting.value;
      }),

    setSetting: (key, value) =>
      run(async () => {
        await settings.put({ key, value });
      }),
  };
}

/** A stored draft's revision, 1 for a damaged record without one. */
function revisionOf(record: unknown): number {
  const r = (record as { revision?: unknown } | null)?.revision;
  return typeof r === 'number' && Number.isInteger(r) && r > 0 ? r : 1;
}

/** The identifying fields of a record, for reports. */
function keyOf(record: unknown): unknown {
  if (record === null || typeof record !== 'object') return record;
  const r = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['workspaceId', 'id', 'name', 'key']) if (k in r && (typeof r[k] === 'string' || typeof r[k] === 'number')) out[k] = r[k];
  return out;
}

