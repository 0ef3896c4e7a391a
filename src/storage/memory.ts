// The in-memory backend: the reference behaviour of the contract, for tests and
// for running without IndexedDB. Data is cloned on the way in and out, so that a
// caller can never change what is stored by mutating an object it holds.
import { guard, MESSAGES, StoreAbortError, StoreFailureError } from './errors';
import {
  checkInput,
  CHUNK_ROWS,
  compareFactSheets,
  compareText,
  compareUsers,
  compareWorkspaces,
  matchesFactSheet,
  newWorkspaceId,
  normalizeLimit,
  planDraftSave,
  prepareWorkspace,
  recordSchemas,
  toFactSheetRow,
  toRun,
  toSummary,
} from './records';
import type { FactSheetRecord, PolicyRecord, RetiredDraft, WorkspaceRecord } from './records';
import type { RoleDraft, ScenarioRun, StoredCore, StoredWorkspace, UserRow, WorkspaceStore } from './store';
import type { FactSheet, Policy } from '../model/schema';

interface Entry {
  readonly summary: WorkspaceRecord;
  readonly body: PolicyRecord;
  /** The model without its fact sheets (`cores` in IndexedDB). */
  readonly core: Policy;
  /** A LeanIX workspace's fact sheets by id (`sheetPages` in IndexedDB). */
  readonly sheets: ReadonlyMap<string, FactSheet>;
  readonly factSheets: readonly FactSheetRecord[];
  readonly users: readonly UserRow[];
}

type RunRecord = ScenarioRun & { readonly id: number };

export function createMemoryStore(): WorkspaceStore {
  const workspaces = new Map<string, Entry>();
  /** Drafts by workspace, then by name. */
  const drafts = new Map<string, Map<string, RoleDraft>>();
  /** Names drafts no longer have (renamed or deleted), by workspace, then by name. */
  const retired = new Map<string, Map<string, RetiredDraft>>();
  const runs: RunRecord[] = [];
  let nextRunId = 1;
  const settings = new Map<string, unknown>();

  /** Draft saves and deletes one at a time: a save's reads and writes are one transaction. */
  let drafting: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(body: () => Promise<T>): Promise<T> => {
    const turn = drafting.then(body);
    drafting = turn.catch(() => undefined);
    return turn;
  };

  const clone = <T>(value: T): T => structuredClone(value);
  const notFound = (message: string) => new StoreFailureError({ kind: 'not-found', message });

  return {
    listWorkspaces: () => guard(async () => [...workspaces.values()].map((e) => toSummary(e.summary)).sort(compareWorkspaces)),

    getWorkspace: (id) =>
      guard(async (): Promise<StoredWorkspace | null> => {
        const entry = workspaces.get(id);
        if (!entry) return null;
        return { ...toSummary(entry.summary), policy: clone(entry.body.policy), source: entry.body.source };
      }),

    getCore: (id) =>
      guard(async (): Promise<StoredCore | null> => {
        const entry = workspaces.get(id);
        return entry ? { ...toSummary(entry.summary), policy: clone(entry.core) } : null;
      }),

    getFactSheet: (workspaceId, factSheetId) =>
      guard(async () => {
        const sheet = workspaces.get(workspaceId)?.sheets.get(factSheetId);
        return sheet ? clone(sheet) : null;
      }),

    putWorkspace: (input, onProgress) =>
      guard(async () => {
        const { signal } = input;
        const checkSignal = () => {
          if (signal?.aborted) throw new StoreAbortError();
        };
        checkSignal();
        const id = input.id ?? newWorkspaceId();
        const existing = workspaces.get(id);
        const prepared = prepareWorkspace(input, id, new Date().toISOString(), existing?.summary);
        const policy = clone(prepared.body.policy);
        // The same chunks and reports as the IndexedDB backend; nothing is stored until the end.
        let done = 0;
        for (const rows of [prepared.factSheets, prepared.users]) {
          for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
            checkSignal();
            done += Math.min(CHUNK_ROWS, rows.length - at);
            onProgress?.(done, prepared.total);
          }
        }
        checkSignal();
        onProgress?.(prepared.total, prepared.total);
        workspaces.set(id, {
          summary: prepared.summary,
          body: { id, policy, source: prepared.body.source },
          core: clone(prepared.core.policy),
          sheets: new Map(policy.platform === 'leanix' ? policy.factSheets.map((f) => [f.id, f]) : []),
          factSheets: [...prepared.factSheets].sort((a, b) => compareText(a.id, b.id)),
          users: prepared.users,
        });
        return toSummary(prepared.summary);
      }),

    deleteWorkspace: (id) =>
      guard(() =>
        exclusive(async () => {
          if (!workspaces.delete(id)) throw notFound(MESSAGES.workspaceNotFound);
          drafts.delete(id);
          retired.delete(id);
          for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.workspaceId === id) runs.splice(i, 1);
        }),
      ),

    findFactSheets: (workspaceId, query) =>
      guard(async () => {
        const limit = normalizeLimit(query.limit);
        const rows = workspaces.get(workspaceId)?.factSheets ?? [];
        if (limit === 0) return [];
        const found = rows.filter((row) => matchesFactSheet(query, row)).sort(compareFactSheets(query));
        return found.slice(0, limit).map(toFactSheetRow);
      }),

    listUsers: (workspaceId, kind) =>
      guard(async () => {
        const users = workspaces.get(workspaceId)?.users ?? [];
        return users.filter((u) => kind === undefined || u.kind === kind).sort(compareUsers).map((u) => ({ ...u }));
      }),

    getSource: (id) =>
      guard(async () => {
        const entry = workspaces.get(id);
        return entry ? { id, name: entry.summary.name, source: entry.body.source } : null;
      }),

    saveDraft: (draft, base, replacing) =>
      guard(() =>
        exclusive(async () => {
          const record = checkInput(recordSchemas().DraftInputSchema, clone(draft), 'draft');
          const from = base ? checkInput(recordSchemas().DraftRevisionSchema, base, 'draft base') : null;
          const replaces = checkInput(recordSchemas().ReplacingSchema, replacing, 'replaced revision');
          if (!workspaces.has(record.workspaceId)) throw notFound(MESSAGES.workspaceNotFound);
          const ws = record.workspaceId;
          const byName = drafts.get(ws) ?? new Map<string, RoleDraft>();
          const gone = retired.get(ws) ?? new Map<string, RetiredDraft>();
          // Saves run one at a time (exclusive): the reads and the writes are one transaction, as in IndexedDB.
          const plan = await planDraftSave(record, from, replaces, {
            draft: async (name) => byName.get(name),
            retired: async (name) => gone.get(name),
          });
          const { writes } = plan;
          if (writes) {
            if (writes.moveFrom) {
              byName.delete(writes.moveFrom.name);
              gone.set(writes.moveFrom.name, writes.moveFrom);
            }
            if (writes.unretire !== undefined) gone.delete(writes.unretire);
            byName.set(writes.put.name, writes.put);
            drafts.set(ws, byName);
            retired.set(ws, gone);
          }
          return clone(plan.outcome);
        }),
      ),

    listDrafts: (workspaceId) =>
      guard(async () => [...(drafts.get(workspaceId)?.values() ?? [])].sort((a, b) => compareText(a.name, b.name)).map(clone)),

    deleteDraft: (workspaceId, name) =>
      guard(() =>
        exclusive(async () => {
          const stored = drafts.get(workspaceId)?.get(name);
          if (!stored) throw notFound(MESSAGES.draftNotFound);
          drafts.get(workspaceId)!.delete(name);
          let gone = retired.get(workspaceId);
          if (!gone) retired.set(workspaceId, (gone = new Map()));
          gone.set(name, { workspaceId, name, revision: stored.revision });
        }),
      ),

    addRun: (run) =>
      guard(async () => {
        const record = checkInput(recordSchemas().NewRunSchema, clone(run), 'scenario run');
        if (!workspaces.has(record.workspaceId)) throw notFound(MESSAGES.workspaceNotFound);
        const id = nextRunId++;
        runs.push({ ...record, id });
        return id;
      }),

    listRuns: (workspaceId, limit) =>
      guard(async () => {
        const n = normalizeLimit(limit);
        return runs
          .filter((r) => r.workspaceId === workspaceId)
          .sort((a, b) => b.id - a.id)
          .slice(0, n)
          .map((r) => toRun(clone(r)));
      }),

    getSetting: (key) => guard(async () => (settings.has(key) ? clone(settings.get(key)) : undefined)),

    setSetting: (key, value) =>
      guard(async () => {
        settings.set(key, clone(value));
      }),
  };
}
