// The storage contract: one small interface, two backends (memory, Dexie), one
// contract test suite (test/storage/contract.ts) run against both.
import type { FactSheet, Policy } from '../model/schema';
import type { Platform } from '../model/vocabulary';
import type { PulledFrom } from './records';

export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
  readonly factSheetCount: number;
  readonly userCount: number;
  readonly scenarioCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Where the workspace was pulled from (src/storage/records.ts, PulledFromSchema); absent for a workspace from a file. */
  readonly pulledFrom?: PulledFrom;
}

export interface StoredWorkspace extends WorkspaceSummary {
  /** The validated model. */
  readonly policy: Policy;
  /** The exact policy file text as imported or last saved; export writes it back byte for byte. */
  readonly source: string;
}

/**
 * A workspace's model without its fact sheets (a LeanIX model's `factSheets` is empty; a
 * Qualytics model is whole): what the forms and a question about one fact sheet need,
 * read without reading every fact sheet.
 */
export interface StoredCore extends WorkspaceSummary {
  readonly policy: Policy;
}

/** Rows indexed for the UI's queries. */
export interface FactSheetRow {
  readonly workspaceId: string;
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly lxState: string;
}

export interface UserRow {
  readonly workspaceId: string;
  readonly id: string;
  /** `human`, `technical` (LeanIX) or `service` (Qualytics). */
  readonly kind: string;
  readonly role: string;
}

/** A role draft as a caller gives it to `saveDraft`: the store assigns its revision. */
export interface RoleDraftInput {
  readonly workspaceId: string;
  readonly name: string;
  readonly cloneFrom?: string;
  readonly permissions: readonly string[];
  /** Users who hold the draft role in the simulation (added to their customer roles). */
  readonly users?: readonly string[];
  readonly updatedAt: string;
}

export interface RoleDraft extends RoleDraftInput {
  /**
   * Bumped by the store on every save of the draft (a new draft starts at 1, or after the
   * last revision its name ever had, so that a name and a revision never mean two versions).
   */
  readonly revision: number;
}

/** The stored draft an edit started from: its name then and its revision then. */
export interface DraftRevision {
  readonly name: string;
  readonly revision: number;
}

/**
 * Why a save was refused: the draft it was based on is no longer what the editor read.
 * - `changed`: saved meanwhile (in another tab); `theirs` is the stored version.
 * - `renamed`: renamed meanwhile; `theirs` is the draft under its new name `renamedTo`.
 * - `deleted`: deleted meanwhile; `theirs` is null.
 * - `taken`: the name the save gives the draft belongs to another draft (`theirs`).
 */
export type DraftConflictReason = 'changed' | 'renamed' | 'deleted' | 'taken';

export type DraftSaveOutcome =
  | { readonly kind: 'saved'; readonly draft: RoleDraft }
  | { readonly kind: 'conflict'; readonly reason: DraftConflictReason; readonly theirs: RoleDraft | null; readonly renamedTo?: string };

/** A workspace's file text as stored, read without its model (export works even when the model is damaged). */
export interface StoredSource {
  readonly id: string;
  readonly name: string;
  readonly source: string;
}

export interface ScenarioRun {
  readonly id?: number;
  readonly workspaceId: string;
  readonly at: string;
  readonly passed: number;
  readonly failed: number;
  /** Names of the failing scenarios. */
  readonly failures: readonly string[];
}

export interface FactSheetQuery {
  readonly type?: string;
  /** Case-insensitive name prefix. */
  readonly namePrefix?: string;
  /** Exact fact sheet id (the popup preselects by id). */
  readonly id?: string;
  readonly limit?: number;
}

/** A storage failure said in plain words for the user. */
export interface StorageFailure {
  readonly kind: 'quota' | 'version' | 'blocked' | 'aborted' | 'not-found' | 'unknown';
  readonly message: string;
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StorageFailure };

export interface WorkspaceStore {
  listWorkspaces(): Promise<StoreResult<WorkspaceSummary[]>>;
  getWorkspace(id: string): Promise<StoreResult<StoredWorkspace | null>>;
  /**
   * The workspace's model without its fact sheets; null for an unknown workspace, and for a
   * workspace stored before cores existed whose core could not be derived (the caller then
   * reads the whole workspace).
   */
  getCore(id: string): Promise<StoreResult<StoredCore | null>>;
  /** One fact sheet of a LeanIX workspace, whole, as the model has it; null when the workspace or the fact sheet is unknown. */
  getFactSheet(workspaceId: string, factSheetId: string): Promise<StoreResult<FactSheet | null>>;
  /**
   * Stores a new workspace and its index rows in one transaction: on any failure
   * nothing of it is stored and everything stored before is unchanged.
   * `onProgress(done, total)` reports rows written.
   * An aborted `signal` cancels the import between chunks: the result is `aborted` and nothing is stored.
   */
  putWorkspace(
    input: {
      id?: string;
      name: string;
      policy: Policy;
      source: string;
      signal?: AbortSignal;
      /**
       * The policy is what `validatePolicy` returned in this same process a moment ago:
       * the store then skips its own schema check of it (on a 100,000-fact-sheet file
       * that check costs as much as writing every row). Never set for data from elsewhere.
       */
      validated?: boolean;
      /** Where a pull read it from; absent: a replaced workspace keeps what it had. */
      pulledFrom?: PulledFrom;
    },
    onProgress?: (done: number, total: number) => void,
  ): Promise<StoreResult<WorkspaceSummary>>;
  deleteWorkspace(id: string): Promise<StoreResult<void>>;
  findFactSheets(workspaceId: string, query: FactSheetQuery): Promise<StoreResult<FactSheetRow[]>>;
  /** Users of a workspace; technical and service users first, then by id. */
  listUsers(workspaceId: string, kind?: string): Promise<StoreResult<UserRow[]>>;
  /**
   * The workspace's name and exact file text, without reading (or checking) its model:
   * null for an unknown workspace. Export uses it, so that a workspace whose model
   * cannot be read or compiled can still be saved as a file.
   */
  getSource(id: string): Promise<StoreResult<StoredSource | null>>;
  /**
   * Saves a draft in one transaction, never over a version the caller has not seen.
   * `base` is the stored draft the edit started from (null or absent: a new draft). The
   * save is a `conflict` (nothing changes) when that draft was saved, renamed or deleted
   * since, or when `draft.name` belongs to another draft, unless `replacing` is that
   * draft's revision (the caller chose to replace it). A save under a new name is a
   * rename: the draft moves with its revision history, and a later save based on the old
   * name is a `renamed` conflict naming the new one.
   */
  saveDraft(draft: RoleDraftInput, base?: DraftRevision | null, replacing?: number): Promise<StoreResult<DraftSaveOutcome>>;
  listDrafts(workspaceId: string): Promise<StoreResult<RoleDraft[]>>;
  deleteDraft(workspaceId: string, name: string): Promise<StoreResult<void>>;
  addRun(run: ScenarioRun): Promise<StoreResult<number>>;
  listRuns(workspaceId: string, limit?: number): Promise<StoreResult<ScenarioRun[]>>;
  getSetting(key: string): Promise<StoreResult<unknown>>;
  setSetting(key: string, value: unknown): Promise<StoreResult<void>>;
}
