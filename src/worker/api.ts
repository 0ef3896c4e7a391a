// The engine worker's API as a plain factory over a store: the Web Worker exposes it
// with comlink, tests call it directly. Every method returns a Result; nothing throws
// across the boundary. Long work reports progress and can be cancelled by job id.
import type { CustomerRole, Datastore, FactSheet, FactSheetType, Patch, Policy, Scenario, Team } from '../model/schema';
import { loadPolicyText, validateRolesEdit } from '../policy/validate';
import { applyDrafts } from '../engine/drafts';
import type { DraftRole } from '../engine/drafts';
import { compileLeanix } from '../engine/leanix/compile';
import type { CompiledLeanix } from '../engine/leanix/compile';
import { evaluateLeanix } from '../engine/leanix/evaluate';
import type { LeanixOutcome } from '../engine/leanix/evaluate';
import { roleMatrix } from '../engine/leanix/matrix';
import { namesPartOf } from '../model/patch-path';
import { updatePlanner } from '../engine/leanix/bulk';
import { SHEET_ALLOWED, SHEET_BROKEN, judge, notifiedOn } from '../engine/leanix/decide';
import { advise } from '../engine/leanix/advise';
import type { Advice } from '../engine/leanix/advise';
import { proofLines, proofToWrite, proveAdvice } from '../engine/leanix/advise-proof';
import type { ProofReport } from '../engine/leanix/advise-proof';
import { editPolicyText } from '../policy/edit-text';
import type { PolicyTextEdit } from '../policy/edit-text';
import { adviseQualytics } from '../engine/qualytics/advise';
import type { QualyticsAdvice } from '../engine/qualytics/advise';
import { diffPolicies } from '../engine/diff';
import type { PolicyDiff } from '../engine/diff';
import type { RoleMatrix } from '../engine/leanix/matrix';
import { evaluateQualytics } from '../engine/qualytics/evaluate';
import type { QualyticsOutcome } from '../engine/qualytics/evaluate';
import { compile, runScenario } from '../engine/scenarios';
import type { ScenarioResult } from '../engine/scenarios';
import { checkAdviceQuestion, checkQuestion } from '../engine/question';
import type { QuestionCheck } from '../engine/question';
import { verdictOf } from '../engine/verdict';
import type { Verdict } from '../engine/verdict';
import { describeError, errorCountText, moreErrorsText } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import type { ValidationResult } from '../policy/validate';
import type {
  DraftRevision,
  FactSheetQuery,
  FactSheetRow,
  RoleDraft,
  RoleDraftInput,
  ScenarioRun,
  StoreResult,
  StoredCore,
  StoredWorkspace,
  UserRow,
  WorkspaceStore,
  WorkspaceSummary,
} from '../storage/store';
import { fail, ok, storageFailure } from './result';
import type { Failure, Result } from './result';
import { nextTask, timeSlice } from './scheduler';
import { createJobBoard, engineLockName } from './status';
import type { EngineJob, JobHandle, StatusSink } from './status';
import type { AdviseRequestMessage as AdviseRequest, Question } from './messages';
import { template } from './templates';
import type { TemplateId } from './templates';
import { checkText, nameApart, withName } from './playground';
import type { TextCheck } from './playground';
import { whoAnswers } from '../engine/leanix/who';
import type { WhoAnswer } from '../engine/leanix/who';
import type { DiffSide, ImportInto } from './messages';
import { checkLiveSheet, liveOrigin, readLive, withFactSheet } from './live';
import type { LiveFactSheet } from './live';
import type { PullRequest } from './messages';
import { pullIntoStore } from './pull';
import type { PullProgressCallback, PulledWorkspace } from './pull';
import type { FetchLike } from '../pull';

export type Progress = (done: number, total: number) => void;

/** A workspace after a write: `changed` false when the write changed nothing (nothing stored); `migrated` when a version 1 file became version 2 for it. */
export type SavedWorkspace = WorkspaceSummary & { readonly changed: boolean; readonly migrated: boolean };

/** The quick question and the advisor's: inferred from the schemas that parse them at the worker's boundary. */
export type { Question, AdviseRequestMessage as AdviseRequest } from './messages';

export type Answer =
  | { platform: 'leanix'; outcome: LeanixOutcome; verdict: Verdict; draftsApplied: string[] }
  | { platform: 'qualytics'; outcome: QualyticsOutcome; verdict: Verdict };

export interface BulkQuestion {
  readonly actor: string;
  /** Fact sheet types to cover; empty: every type that has every patch path. */
  readonly types: readonly string[];
  readonly patches: readonly Patch[];
  readonly at?: string;
  readonly useDrafts?: boolean;
}

export interface BulkAnswer {
  readonly evaluated: number;
  readonly allowed: number;
  readonly denied: number;
  readonly sealsBroken: number;
  /** Notifications sent (one per notified owner per broken seal). */
  readonly notifications: number;
  readonly ownersNotified: number;
  readonly brokenByType: { type: string; broken: number; total: number }[];
  /** Fact sheets whose seal breaks or whose update is denied (first 500). */
  readonly affected: { id: string; name: string; type: string; result: 'breaks' | 'denied' }[];
  readonly ms: number;
}

export type Outline =
  | {
      platform: 'leanix';
      id: string;
      name: string;
      asOf: string;
      scenarioNames: string[];
      types: FactSheetType[];
      roles: CustomerRole[];
      users: { id: string; kind: string; role: string; customerRoles: string[] }[];
      drafts: string[];
    }
  | {
      platform: 'qualytics';
      id: string;
      name: string;
      asOf: string;
      scenarioNames: string[];
      datastores: Datastore[];
      teams: Team[];
      users: { id: string; kind: string; role: string; teams: string[] }[];
      tokens: { id: string; user: string; name: string; kind: string; state: string }[];
    };

/**
 * A workspace's model without its fact sheets (a LeanIX model's `factSheets` is empty; a
 * Qualytics model is whole), and how many fact sheets the whole model has: what the Model
 * tab shows before anything needs the fact sheets.
 */
export interface ModelCore {
  readonly id: string;
  readonly name: string;
  readonly updatedAt: string;
  readonly factSheetCount: number;
  readonly policy: Policy;
}

export type AdviseAnswer =
  | {
      platform: 'leanix';
      advice: Advice;
      /** With `write`: what was added to the workspace (and the sentences that say it). */
      written?: { report: ProofReport; lines: string[]; changed: boolean };
    }
  | { platform: 'qualytics'; advice: QualyticsAdvice };

interface Cached {
  readonly stored: StoredWorkspace;
  readonly drafts: readonly DraftRole[];
  /** The model with drafts applied, compiled; or the errors drafts cause. */
  readonly effective: { ok: true; policy: Policy; compiled: ReturnType<typeof compile>; draftNames: string[] } | { ok: false; errors: readonly PolicyError[] };
  readonly plain: ReturnType<typeof compile>;
}

/**
 * Checks a policy file's text as `loadPolicyText` does; null when `signal` aborted it first.
 * The worker runs it on a thread of its own (src/worker/validator.ts), so that a huge file
 * neither blocks the engine nor outlives a cancel; tests and the CLI run it here.
 */
export type ValidateText = (text: string, signal: AbortSignal) => Promise<ValidationResult | null>;

/** On this thread: queued messages (a cancel) run before and after the check itself. */
export const validateHere: ValidateText = async (text, signal) => {
  await nextTask();
  if (signal.aborted) return null;
  const result = loadPolicyText(text);
  await nextTask();
  return signal.aborted ? null : result;
};

export interface EngineOptions {
  /** How a policy file's text is checked on import; default `validateHere`. */
  readonly validate?: ValidateText;
  /** Where the engine reports what it is busy with (src/worker/status.ts); default nowhere. */
  readonly status?: StatusSink | null;
  /** Web Locks, for `attach`; default the global `navigator.locks` when there is one. */
  readonly locks?: Pick<LockManager, 'request'> | null;
  /**
   * The other tabs' engines over the same database: told when this one changed a workspace
   * (a draft saved, a model replaced), and telling it when they did, so that no engine
   * answers from a cached model another tab changed. Default: none (one engine).
   */
  readonly changes?: ChangeBus | null;
  /** The network of `pullWorkspace`; default the global fetch. */
  readonly fetch?: FetchLike;
}

export interface ChangeBus {
  post(workspaceId: string): void;
  listen(handler: (workspaceId: string) => void): void;
}

export function createEngineApi(store: WorkspaceStore, options: EngineOptions = {}) {
  const cache = new Map<string, Cached>();
  /**
   * Workspaces' cores (the model without its fact sheets, src/storage `getCore`): what the
   * outline and a question about one fact sheet need, read instead of the whole workspace
   * until something needs every fact sheet (a popup's question on 100,000 fact sheets reads
   * a few kB instead of some 40 MB). `sheets`: the core compiled with one fact sheet, by id.
   */
  const cores = new Map<string, Promise<Result<CoreEntry | null>>>();
  const loading = new Map<string, Promise<Result<Cached>>>();
  const generations = new Map<string, number>();
  const cancelled = new Set<string>();
  const aborters = new Map<string, AbortController>();
  const validateText = options.validate ?? validateHere;
  const changes = options.changes ?? null;
  changes?.listen(forget);
  const jobs = createJobBoard(options.status ?? null);
  const locks = options.locks !== undefined ? options.locks : ((globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks ?? null);
  let attached: string | null = null;

  /** Loads (once, however many callers ask at the same time) and caches a workspace. */
  function load(id: string): Promise<Result<Cached>> {
    const hit = cache.get(id);
    if (hit) return Promise.resolve(ok(hit));
    const pending = loading.get(id);
    if (pending) return pending;
    const generation = generations.get(id) ?? 0;
    const promise = (async (): Promise<Result<Cached>> => {
      const [got, drafts] = await Promise.all([store.getWorkspace(id), store.listDrafts(id)]);
      if (!got.ok) return fail(storageFailure(got.error));
      if (!got.value) return fail({ kind: 'not-found', message: `no workspace \`${id}\`` });
      if (!drafts.ok) return fail(storageFailure(drafts.error));
      const stored = got.value;
      // said before the compile starts: a workspace that never finishes loading is named by the page
      const job = jobs.start({ kind: 'load', label: `Loading “${stored.name}”`, workspace: { id, name: stored.name } });
      let entry: Cached;
      try {
        entry = build(stored, drafts.value);
      } catch (error) {
        return fail(poisoned(stored, error));
      } finally {
        job.end();
      }
      // a change made while this load ran makes what it read stale: do not keep it
      if ((generations.get(id) ?? 0) === generation) cache.set(id, entry);
      return ok(entry);
    })().finally(() => {
      if (loading.get(id) === promise) loading.delete(id);
    });
    loading.set(id, promise);
    return promise;
  }

  /** A workspace's core, with its drafts; null when it has none (stored before cores, or unknown): read it whole. */
  function loadCore(id: string): Promise<Result<CoreEntry | null>> {
    const hit = cores.get(id);
    if (hit) return hit;
    const promise = (async (): Promise<Result<CoreEntry | null>> => {
      const [got, drafts] = await Promise.all([store.getCore(id), store.listDrafts(id)]);
      if (!got.ok) return fail(storageFailure(got.error));
      if (!drafts.ok) return fail(storageFailure(drafts.error));
      if (!got.value) return ok(null);
      const { name } = got.value;
      const job = jobs.start({ kind: 'load', label: `Loading “${name}”`, workspace: { id, name } });
      try {
        // a model that cannot compile is named as a whole load names it
        compile(got.value.policy);
      } catch (error) {
        return fail(poisoned(got.value, error));
      } finally {
        job.end();
      }
      return ok({ stored: got.value, drafts: drafts.value, sheets: new Map() });
    })();
    cores.set(id, promise);
    void promise.then((r) => {
      if (!r.ok && cores.get(id) === promise) cores.delete(id);
    });
    return promise;
  }

  /**
   * `of` the workspace's core (and drafts), unless the whole workspace is loaded (or loading)
   * already or has no core (stored before cores): then `of` the whole workspace.
   */
  async function coreOrWhole<T>(id: string, of: (entry: { readonly stored: StoredCore; readonly drafts: readonly { readonly name: string }[] }) => T): Promise<Result<T>> {
    if (!cache.has(id) && !loading.has(id)) {
      const core = await loadCore(id);
      if (!core.ok) return core;
      if (core.value) return ok(of(core.value));
    }
    const entry = await load(id);
    return entry.ok ? ok(of(entry.value)) : entry;
  }

  /**
   * A LeanIX question about one fact sheet (or a create) answered from the core and that one
   * fact sheet, exactly as the whole workspace answers it; null when only the whole workspace
   * can (role drafts to apply, a fact sheet the store does not have, another platform).
   */
  async function evaluateOnCore(id: string, question: Question): Promise<Result<Answer> | null> {
    if (question.platform !== 'leanix') return null;
    const core = await loadCore(id);
    if (!core.ok) return core;
    if (!core.value) return null;
    const { stored, drafts, sheets } = core.value;
    if (stored.policy.platform !== 'leanix' || ((question.useDrafts ?? true) && drafts.length)) return null;
    const operation = question.operation;
    const key = operation.op === 'create' ? '' : operation.factSheet;
    let ws = sheets.get(key);
    if (!ws) {
      let factSheets: FactSheet[] = [];
      if (operation.op !== 'create') {
        const sheet = await store.getFactSheet(id, operation.factSheet);
        if (!sheet.ok) return fail(storageFailure(sheet.error));
        // an unknown fact sheet: the whole workspace says so, with its suggestions
        if (!sheet.value) return null;
        factSheets = [sheet.value];
      }
      ws = compileLeanix({ ...stored.policy, factSheets });
      if (sheets.size >= 16) sheets.clear();
      sheets.set(key, ws);
    }
    const at = questionTime(question, stored.policy.asOf);
    return at.ok ? answerLeanix(ws, question, at.value, []) : at;
  }

  /** Forgets a workspace's cached model after it changed (here or, told by `changes`, in another tab). */
  function forget(id: string): void {
    cache.delete(id);
    loading.delete(id);
    cores.delete(id);
    generations.set(id, (generations.get(id) ?? 0) + 1);
  }

  /** Forgets a workspace's cached model after it changed, and tells the other tabs' engines. */
  function invalidate(id: string): void {
    forget(id);
    changes?.post(id);
  }

  /** A stored workspace the engine cannot load, named, with what the user can still do with it. */
  function poisoned(stored: Pick<StoredWorkspace, 'id' | 'name'>, error: unknown): Failure {
    const why = error instanceof Error ? error.message : String(error);
    return {
      kind: 'internal',
      message: `the workspace “${stored.name}” cannot be loaded (${why}); export it or delete it in the Workspaces tab`,
    };
  }

  /** Reports a long job's progress to the caller and to every page (the job board). */
  function reporting(job: JobHandle, onProgress: Progress | undefined): Progress {
    return (done, total) => {
      job.progress(done, total);
      // over comlink the callback answers with a promise, which the store knows not to wait for
      return onProgress?.(done, total);
    };
  }

  function build(stored: StoredWorkspace, drafts: readonly RoleDraft[]): Cached {
    const plain = compile(stored.policy);
    if (stored.policy.platform !== 'leanix' || !drafts.length) {
      return { stored, drafts, plain, effective: { ok: true, policy: stored.policy, compiled: plain, draftNames: [] } };
    }
    // drafts change roles and users' customer roles only: validated by part, not with every fact sheet
    const edited = applyDrafts(stored.policy, drafts);
    const applied = validateRolesEdit(stored.policy, edited.roles, edited.users);
    const effective = applied.ok
      ? { ok: true as const, policy: applied.policy, compiled: compile(applied.policy), draftNames: drafts.map((d) => d.name) }
      : { ok: false as const, errors: applied.errors };
    return { stored, drafts, plain, effective };
  }

  async function store_<T>(p: Promise<StoreResult<T>>): Promise<Result<T>> {
    const r = await p;
    return r.ok ? ok(r.value) : fail(storageFailure(r.error));
  }

  /**
   * Writes `change(model)` into the workspace's stored text in place (src/policy/edit-text.ts)
   * and stores both; all or nothing. A change that changes nothing stores nothing (no new
   * revision, the same bytes).
   */
  async function writePolicy(id: string, change: (policy: Policy) => unknown, invalidMessage = 'the change makes the workspace invalid; nothing was saved'): Promise<Result<SavedWorkspace>> {
    const hit = cache.get(id);
    let stored: StoredWorkspace;
    if (hit) stored = hit.stored;
    else {
      const got = await store.getWorkspace(id);
      if (!got.ok) return fail(storageFailure(got.error));
      if (!got.value) return fail({ kind: 'not-found', message: `no workspace \`${id}\`` });
      stored = got.value;
    }
    let edited: PolicyTextEdit;
    try {
      edited = editPolicyText(stored.source, stored.policy, change(stored.policy));
    } catch (error) {
      return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
    if (!edited.ok) return fail({ kind: 'invalid', message: invalidMessage, errors: edited.errors });
    const { policy: _policy, source: _source, ...summary } = stored;
    if (!edited.changed) return ok({ ...summary, changed: false, migrated: false });
    const put = await store.putWorkspace({ id, name: edited.policy.name, policy: edited.policy, source: edited.text, validated: true });
    invalidate(id);
    return put.ok ? ok({ ...put.value, changed: true, migrated: edited.migrated }) : fail(storageFailure(put.error));
  }

  function leanixOf(entry: Cached, useDrafts: boolean): Result<{ ws: CompiledLeanix; drafts: string[] }> {
    if (!useDrafts || entry.drafts.length === 0) {
      if (entry.plain.platform !== 'leanix') return fail({ kind: 'internal', message: 'not a LeanIX workspace' });
      return ok({ ws: entry.plain.ws, drafts: [] });
    }
    if (!entry.effective.ok) {
      return fail({ kind: 'invalid', message: 'the role drafts make the workspace invalid', errors: entry.effective.errors });
    }
    const c = entry.effective.compiled;
    if (c.platform !== 'leanix') return fail({ kind: 'internal', message: 'not a LeanIX workspace' });
    return ok({ ws: c.ws, drafts: entry.effective.draftNames });
  }

  return {
    async ping(): Promise<Result<'pong'>> {
      return ok('pong');
    },

    /**
     * Names this engine for its status reports and, where Web Locks exist, holds a lock of
     * that name for as long as it lives: the page asks for the same lock and is granted it
     * the moment the engine is gone, even when it closed without an error. Answers whether
     * the lock is held.
     */
    async attach(engine: string): Promise<Result<boolean>> {
      jobs.setEngine(engine);
      if (attached === engine) return ok(locks !== null);
      attached = engine;
      if (!locks) return ok(false);
      return new Promise<Result<boolean>>((resolve) => {
        locks
          .request(engineLockName(engine), () => {
            resolve(ok(true));
            // held until this worker ends
            return new Promise<never>(() => undefined);
          })
          .catch((error: unknown) => resolve(fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) })));
      });
    },

    /** What this engine is busy with now (every page hears it on the status channel too). */
    async status(): Promise<Result<EngineJob[]>> {
      return ok(jobs.list());
    },

    listWorkspaces(): Promise<Result<WorkspaceSummary[]>> {
      return store_(store.listWorkspaces());
    },

    async getWorkspace(id: string): Promise<Result<StoredWorkspace>> {
      const entry = await load(id);
      return entry.ok ? ok(entry.value.stored) : entry;
    },

    /**
     * Validates and stores a policy file; all or nothing. `into`: replace a workspace (its
     * drafts and runs stay), or store it apart from one of the same name (`Acme (2)`, the
     * file's `name` changed to that and nothing else).
     */
    async importPolicy(text: string, onProgress?: Progress, jobId?: string, into?: ImportInto, fileName?: string): Promise<Result<WorkspaceSummary>> {
      // cancellable from the start: the check of a huge file is the long part
      const controller = new AbortController();
      if (jobId) aborters.set(jobId, controller);
      if (jobId && cancelled.has(jobId)) controller.abort();
      const job = jobs.start({ kind: 'import', label: `Importing ${fileName || 'a policy file'}` });
      const stop = () => fail({ kind: 'cancelled', message: 'import cancelled; nothing was stored' });
      try {
        const loaded = await validateText(text, controller.signal);
        if (!loaded || controller.signal.aborted) return stop();
        if (!loaded.ok) {
          return fail({ kind: 'invalid', message: `the file has ${errorCountText(loaded.errors)}; nothing was imported`, errors: loaded.errors });
        }
        return await storeImport(loaded.policy);
      } finally {
        job.end();
        if (jobId) {
          aborters.delete(jobId);
          cancelled.delete(jobId);
        }
      }

      async function storeImport(checked: Policy): Promise<Result<WorkspaceSummary>> {
        let policy = checked;
        let source = text;
        let id: string | undefined;
        if (into) {
          const listed = await store.listWorkspaces();
          if (!listed.ok) return fail(storageFailure(listed.error));
          if ('replace' in into) {
            const target = listed.value.find((w) => w.id === into.replace);
            if (!target) return fail({ kind: 'not-found', message: `no workspace \`${into.replace}\` to replace; nothing was imported` });
            if (target.platform !== policy.platform) {
              return fail({ kind: 'invalid', message: `“${target.name}” is a ${target.platform} workspace and the file is ${policy.platform}: keep both instead; nothing was imported`, errors: [] });
            }
            id = target.id;
          } else {
            const name = nameApart(policy.name, listed.value.map((w) => w.name));
            source = withName(text, name);
            policy = { ...policy, name };
          }
        }
        const put = await store.putWorkspace(
          { id, name: policy.name, policy, source, signal: controller.signal, validated: true },
          reporting(job, onProgress),
        );
        if (id) invalidate(id);
        if (!put.ok && controller.signal.aborted) return stop();
        return put.ok ? ok(put.value) : fail(storageFailure(put.error));
      }
    },

    async createFromTemplate(id: TemplateId): Promise<Result<WorkspaceSummary>> {
      const text = `${JSON.stringify(template(id), null, 2)}\n`;
      return this.importPolicy(text);
    },

    /** A policy file's text checked as an import checks it: every located error, or the model and a summary. Stores nothing. */
    async checkPolicyText(text: string): Promise<Result<TextCheck>> {
      return ok(checkText(text));
    },

    /**
     * Replaces a workspace's model after an edit in the playground; invalid edits change
     * nothing. The stored file text is edited in place (src/policy/edit-text.ts): only what
     * the change touches changes, so an export shows the change and keeps the rest byte for
     * byte; an edit that changes nothing stores nothing. `migrated`: the file was version 1
     * and the change needs version 2, so the text was migrated first.
     */
    async savePolicy(id: string, policy: unknown): Promise<Result<SavedWorkspace>> {
      return writePolicy(id, () => policy);
    },

    /** The workspace's file text as stored; never loads or compiles its model, so a workspace that cannot load still exports. */
    async exportPolicy(id: string): Promise<Result<{ fileName: string; text: string }>> {
      const got = await store.getSource(id);
      if (!got.ok) return fail(storageFailure(got.error));
      if (!got.value) return fail({ kind: 'not-found', message: `no workspace \`${id}\`` });
      const slug = got.value.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workspace';
      return ok({ fileName: `${slug}.sealcheck.json`, text: got.value.source });
    },

    async deleteWorkspace(id: string): Promise<Result<void>> {
      invalidate(id);
      const deleted = await store_(store.deleteWorkspace(id));
      invalidate(id);
      return deleted;
    },

    /** Everything but the fact sheets: what forms and pickers need, cheap to send. */
    outline(id: string): Promise<Result<Outline>> {
      return coreOrWhole(id, ({ stored, drafts }) => outlineOf(id, stored.policy, drafts));
    },

    /**
     * The model without its fact sheets, and their count (the Model tab opens on it): read from
     * the core without reading or compiling the whole model; from the whole model only when it
     * is loaded (or loading) already, or the workspace has no core (stored before cores).
     */
    modelCore(id: string): Promise<Result<ModelCore>> {
      return coreOrWhole(id, ({ stored }) => modelCoreOf(stored));
    },

    /** Appends a scenario to the workspace's file ("save as scenario"), in its text too; an invalid one changes nothing. */
    async addScenario(id: string, scenario: unknown): Promise<Result<SavedWorkspace>> {
      return writePolicy(id, (policy) => ({ ...policy, scenarios: [...policy.scenarios, scenario] }));
    },

    findFactSheets(id: string, query: FactSheetQuery): Promise<Result<FactSheetRow[]>> {
      return store_(store.findFactSheets(id, query));
    },

    listUsers(id: string): Promise<Result<UserRow[]>> {
      return store_(store.listUsers(id));
    },

    /** The quick question: checked against the workspace first, so a bad one is `invalid` with located errors. */
    async evaluate(id: string, question: Question): Promise<Result<Answer>> {
      if (!cache.has(id) && !loading.has(id)) {
        const answered = await evaluateOnCore(id, question);
        if (answered) return answered;
      }
      const entry = await load(id);
      if (!entry.ok) return entry;
      const stored = entry.value.stored.policy;
      const time = questionTime(question, stored.asOf);
      if (!time.ok) return time;
      const at = time.value;
      // a LeanIX question is asked of the workspace with its role drafts, and checked against that
      if (question.platform === 'leanix' && stored.platform === 'leanix') {
        const got = leanixOf(entry.value, question.useDrafts ?? true);
        return got.ok ? answerLeanix(got.value.ws, question, at, got.value.drafts) : got;
      }
      const unfit = unfitQuestion(checkQuestion(stored, question));
      if (unfit) return unfit;
      try {
        const c = entry.value.plain;
        if (question.platform !== 'qualytics' || c.platform !== 'qualytics') return fail({ kind: 'internal', message: 'the question does not fit the workspace platform' });
        const outcome = evaluateQualytics(c.ws, question.actor, question.operation, at);
        return ok({ platform: 'qualytics', outcome, verdict: verdictOf(outcome) });
      } catch (error) {
        return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
      }
    },

    /**
     * The popup's opt-in live re-read (src/worker/live.ts): reads one fact sheet of a pulled
     * LeanIX workspace again from where the workspace was pulled, with `token` for this call
     * only, and says what differs from the stored one. Writes nothing.
     */
    async readLiveFactSheet(id: string, factSheetId: string, token: string): Promise<Result<LiveFactSheet>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const { stored } = entry.value;
      if (stored.policy.platform !== 'leanix') return fail({ kind: 'invalid', message: 'only a LeanIX fact sheet can be re-read', errors: [] });
      // the stored workspace carries its summary, `pulledFrom` included
      const origin = liveOrigin(stored);
      if (!origin) return fail({ kind: 'invalid', message: `“${stored.name}” was not pulled from LeanIX: there is nowhere to re-read it from`, errors: [] });
      return readLive(stored.policy, origin, factSheetId, token, options.fetch ?? ((url, init) => globalThis.fetch(url, init)));
    },

    /** `evaluate` with `factSheet` in place of the stored fact sheet of its id, for this question only (the store is not written). */
    async evaluateWith(id: string, question: Question, factSheet: FactSheet): Promise<Result<Answer>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      if (question.platform !== 'leanix' || entry.value.stored.policy.platform !== 'leanix') return fail({ kind: 'invalid', message: 'only a LeanIX question takes a fact sheet read live', errors: [] });
      const got = leanixOf(entry.value, question.useDrafts ?? true);
      if (!got.ok) return got;
      const fits = checkLiveSheet(got.value.ws.policy, factSheet, got.value.ws.factSheets.get(factSheet.id));
      if (!fits.ok) return fits;
      const ws = withFactSheet(got.value.ws, factSheet);
      const at = questionTime(question, ws.policy.asOf);
      return at.ok ? answerLeanix(ws, question, at.value, got.value.drafts) : at;
    },

    async runScenarios(id: string, onProgress?: Progress, jobId?: string): Promise<Result<{ results: ScenarioResult[]; run: ScenarioRun }>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const scenarios: readonly Scenario[] = entry.value.stored.policy.scenarios;
      const unfit = unfitQuestion(checkScenarios(entry.value.stored.policy));
      if (unfit) return unfit;
      const step = Math.max(50, Math.ceil(scenarios.length / 50));
      const results: ScenarioResult[] = [];
      const job = jobs.start({ kind: 'scenarios', label: `Running the scenarios of “${entry.value.stored.name}”`, workspace: { id, name: entry.value.stored.name } });
      const progress = reporting(job, onProgress);
      // progress every `step` scenarios; a pause for queued messages (a cancel) whenever a slice is spent
      const slice = timeSlice();
      const stopped = (i: number) => fail({ kind: 'cancelled', message: `cancelled after ${i.toLocaleString('en-US')} of ${scenarios.length.toLocaleString('en-US')} scenarios` });
      try {
        for (let i = 0; i < scenarios.length; i++) {
          if (i > 0 && i % step === 0) {
            progress(i, scenarios.length);
            if (jobId && cancelled.has(jobId)) return stopped(i);
          }
          if (slice.due()) {
            await slice.pause();
            if (jobId && cancelled.has(jobId)) return stopped(i);
          }
          results.push(runScenario(entry.value.plain, scenarios[i]!));
        }
      } finally {
        job.end();
        if (jobId) cancelled.delete(jobId);
      }
      onProgress?.(results.length, results.length);
      const passed = results.filter((r) => r.passed).length;
      const run: ScenarioRun = {
        workspaceId: id,
        at: new Date().toISOString(),
        passed,
        failed: results.length - passed,
        failures: results.filter((r) => !r.passed).map((r) => r.name),
      };
      const added = await store.addRun(run);
      return ok({ results, run: added.ok ? { ...run, id: added.value } : run });
    },

    listRuns(id: string): Promise<Result<ScenarioRun[]>> {
      return store_(store.listRuns(id, 20));
    },

    async bulkWhatIf(id: string, question: BulkQuestion, jobId: string, onProgress?: Progress): Promise<Result<BulkAnswer>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const got = leanixOf(entry.value, question.useDrafts ?? true);
      if (!got.ok) return got;
      const ws = got.value.ws;
      if (!ws.users.has(question.actor)) return fail({ kind: 'invalid', message: `unknown user \`${question.actor}\``, errors: [] });
      const started = Date.now();
      const at = Date.parse(question.at ?? ws.policy.asOf);
      const types = new Set(question.types.length ? question.types : [...ws.types.keys()]);
      const sheets = ws.policy.factSheets.filter((f) => types.has(f.type) && question.patches.every((p) => pathFits(ws, f.type, p.path)));
      const byType = new Map<string, { broken: number; total: number }>();
      const owners = new Set<string>();
      const affected: BulkAnswer['affected'] = [];
      let allowed = 0;
      let sealsBroken = 0;
      let notifications = 0;
      const step = Math.max(500, Math.ceil(sheets.length / 50));
      const planFor = updatePlanner(ws, question.actor, question.patches, at);
      const job = jobs.start({ kind: 'bulk', label: `Bulk what-if over “${entry.value.stored.name}”`, workspace: { id, name: entry.value.stored.name } });
      const progress = reporting(job, onProgress);
      // progress every `step` fact sheets; a pause for queued messages (a cancel) whenever a slice is spent
      const slice = timeSlice();
      const stopped = (i: number) => fail({ kind: 'cancelled', message: `cancelled after ${i.toLocaleString('en-US')} of ${sheets.length.toLocaleString('en-US')} fact sheets` });
      try {
        for (let i = 0; i < sheets.length; i++) {
          if (i % step === 0) {
            progress(i, sheets.length);
            if (cancelled.has(jobId)) return stopped(i);
          }
          if ((i & 255) === 0 && slice.due()) {
            await slice.pause();
            if (cancelled.has(jobId)) return stopped(i);
          }
          const sheet = sheets[i]!;
          const code = judge(planFor(sheet.type), sheet);
          const row = byType.get(sheet.type) ?? { broken: 0, total: 0 };
          row.total++;
          byType.set(sheet.type, row);
          const isAllowed = (code & SHEET_ALLOWED) !== 0;
          const isBroken = (code & SHEET_BROKEN) !== 0;
          if (isAllowed) allowed++;
          if (isBroken) {
            sealsBroken++;
            row.broken++;
            const notified = notifiedOn(sheet, question.actor, ws.settings.notifyActor);
            notifications += notified.length;
            for (const u of notified) owners.add(u);
          }
          if ((isBroken || !isAllowed) && affected.length < 500) {
            affected.push({ id: sheet.id, name: sheet.name, type: sheet.type, result: isAllowed ? 'breaks' : 'denied' });
          }
        }
      } finally {
        job.end();
        cancelled.delete(jobId);
      }
      onProgress?.(sheets.length, sheets.length);
      return ok({
        evaluated: sheets.length,
        allowed,
        denied: sheets.length - allowed,
        sealsBroken,
        notifications,
        ownersNotified: owners.size,
        brokenByType: [...byType].map(([type, r]) => ({ type, ...r })),
        affected,
        ms: Date.now() - started,
      });
    },

    /** The role advisor over the workspace's real fact sheets (LeanIX) or its teams (Qualytics). */
    async advise(id: string, question: AdviseRequest): Promise<Result<AdviseAnswer>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const policy = entry.value.stored.policy;
      const unfit = unfitQuestion(checkAdviceQuestion(policy, question));
      if (unfit) return unfit;
      try {
        if (policy.platform === 'leanix' && question.platform === 'leanix') {
          const { write, ...asked } = question;
          const advice = advise(policy, asked);
          if (!write) return ok({ platform: 'leanix', advice });
          const proof = proveAdvice(policy, advice, write, asked.factSheets);
          const lines = proofLines(proof.report, 'the workspace');
          if (proof.changed) {
            // only what must change in the stored text, so that an export shows the additions and nothing else
            const saved = await writePolicy(id, () => proofToWrite(policy, proof), 'the advice would make the workspace invalid; nothing was saved');
            if (!saved.ok) return saved;
            if (saved.value.migrated) lines.unshift('the workspace was a version 1 file and seal exemptions are version 2: it is saved as version 2, migrated as `sealcheck migrate` does');
          }
          return ok({ platform: 'leanix', advice, written: { report: proof.report, lines, changed: proof.changed } });
        }
        if (policy.platform === 'qualytics' && question.platform === 'qualytics') return ok({ platform: 'qualytics', advice: adviseQualytics(policy, question) });
        return fail({ kind: 'invalid', message: 'the question does not fit the workspace platform', errors: [] });
      } catch (error) {
        return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
      }
    },

    /** Exhaustive capability difference from workspace `oldId` to workspace `newId`. */
    async diff(oldId: string, newId: string): Promise<Result<PolicyDiff>> {
      const [a, b] = await Promise.all([load(oldId), load(newId)]);
      if (!a.ok) return a;
      if (!b.ok) return b;
      if (a.value.stored.policy.platform !== b.value.stored.policy.platform) {
        return fail({ kind: 'invalid', message: 'the two workspaces are for different platforms', errors: [] });
      }
      return ok(diffPolicies(a.value.stored.policy, b.value.stored.policy));
    },

    /** The difference between any two of: a stored workspace, that workspace with its role drafts applied, a file's text. */
    async diffSides(oldSide: DiffSide, newSide: DiffSide): Promise<Result<PolicyDiff>> {
      const side = async (s: DiffSide, which: 'old' | 'new'): Promise<Result<Policy>> => {
        if (s.kind === 'file') {
          const loaded = loadPolicyText(s.text);
          if (loaded.ok) return ok(loaded.policy);
          return fail({ kind: 'invalid', message: `the ${which} file has ${errorCountText(loaded.errors)}`, errors: loaded.errors });
        }
        const entry = await load(s.id);
        if (!entry.ok) return entry;
        if (s.kind === 'workspace') return ok(entry.value.stored.policy);
        if (!entry.value.effective.ok) return fail({ kind: 'invalid', message: `the role drafts make the ${which} workspace invalid`, errors: entry.value.effective.errors });
        return ok(entry.value.effective.policy);
      };
      const [a, b] = await Promise.all([side(oldSide, 'old'), side(newSide, 'new')]);
      if (!a.ok) return a;
      if (!b.ok) return b;
      if (a.value.platform !== b.value.platform) return fail({ kind: 'invalid', message: 'the two sides are for different platforms', errors: [] });
      return ok(diffPolicies(a.value, b.value));
    },

    /**
     * `sealcheck who` for the playground: per user, whether an edit of the fact sheet keeps
     * its seal, breaks it or is denied (of `paths`, or of every seal-relevant path the user
     * may write), who may approve, who is notified, who cannot touch it. LeanIX, with the
     * role drafts unless `useDrafts` is false.
     */
    async who(id: string, factSheetId: string, paths?: readonly string[], useDrafts?: boolean): Promise<Result<WhoAnswer>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const got = leanixOf(entry.value, useDrafts ?? true);
      if (!got.ok) return got;
      const policy = got.value.ws.policy;
      const sheetCheck = checkQuestion(policy, { platform: 'leanix', actor: '', operation: { op: 'read', factSheet: factSheetId } });
      const sheetErrors = sheetCheck.ok ? [] : sheetCheck.errors.filter((e) => e.path.startsWith('operation'));
      if (sheetErrors.length) return invalidQuestion(sheetErrors.map((e) => ({ ...e, path: 'factSheetId' })));
      const sheet = got.value.ws.factSheets.get(factSheetId)!;
      if (paths) {
        const checked = checkAdviceQuestion(policy, { platform: 'leanix', actor: '', type: sheet.type, paths: [...paths], factSheets: [sheet.id] });
        const problems = checked.ok ? [] : checked.errors.filter((e) => e.path.startsWith('paths'));
        if (problems.length) return invalidQuestion(problems);
      }
      return ok(whoAnswers(got.value.ws, { factSheet: sheet.id, at: Date.parse(policy.asOf), ...(paths ? { paths } : {}) }));
    },

    async cancel(jobId: string): Promise<Result<void>> {
      cancelled.add(jobId);
      aborters.get(jobId)?.abort();
      return ok(undefined);
    },

    async listDrafts(id: string): Promise<Result<RoleDraft[]>> {
      return store_(store.listDrafts(id));
    },

    /**
     * Saves a draft based on the stored revision `base` it was read at (none: a new draft);
     * a draft changed, renamed or deleted since, or a name another draft has, is a
     * `conflict` with the version stored now, and nothing is saved. `replacing`: the
     * revision of the draft of that name the user chose to replace. Answers the saved draft.
     */
    async saveDraft(draft: RoleDraftInput, base?: DraftRevision | null, replacing?: number): Promise<Result<RoleDraft>> {
      invalidate(draft.workspaceId);
      const saved = await store.saveDraft(draft, base ?? null, replacing);
      invalidate(draft.workspaceId);
      if (!saved.ok) return fail(storageFailure(saved.error));
      const outcome = saved.value;
      if (outcome.kind === 'saved') return ok(outcome.draft);
      const { reason, theirs } = outcome;
      const was = base?.name ?? draft.name;
      const message =
        reason === 'changed'
          ? `the draft ${was} was saved elsewhere (another tab) while you edited it; nothing was saved`
          : reason === 'renamed'
            ? `the draft ${was} was renamed to ${outcome.renamedTo} elsewhere (another tab); nothing was saved`
            : reason === 'deleted'
              ? `the draft ${was} was deleted elsewhere (another tab); nothing was saved`
              : `there is already a draft named ${draft.name}; nothing was saved`;
      return fail({ kind: 'conflict', message, reason, theirs, ...(outcome.renamedTo === undefined ? {} : { renamedTo: outcome.renamedTo }) });
    },

    async deleteDraft(id: string, name: string): Promise<Result<void>> {
      invalidate(id);
      const deleted = await store_(store.deleteDraft(id, name));
      invalidate(id);
      return deleted;
    },

    /** The role's matrix of types × sections and its impact on the workspace's seals. */
    async roleMatrix(id: string, draft: { name: string; cloneFrom?: string; permissions: string[] }): Promise<Result<RoleMatrix>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      const policy = entry.value.stored.policy;
      if (policy.platform !== 'leanix') return fail({ kind: 'invalid', message: 'role matrices are for LeanIX workspaces', errors: [] });
      // asked at every pause in typing: the roles are validated, not the fact sheets
      const candidate = validateRolesEdit(policy, [...policy.roles.filter((r) => r.name !== draft.name), draft]);
      if (!candidate.ok) return fail({ kind: 'invalid', message: 'the role has errors', errors: candidate.errors });
      const ws = compileLeanix(candidate.policy);
      return ok(roleMatrix(ws, { ...draft, permissions: [...draft.permissions] }));
    },

    /** Writes the drafts into the workspace as customer roles and assignments, then clears them. */
    async applyDraftsToWorkspace(id: string): Promise<Result<SavedWorkspace>> {
      const entry = await load(id);
      if (!entry.ok) return entry;
      if (!entry.value.effective.ok) {
        return fail({ kind: 'invalid', message: 'the role drafts make the workspace invalid', errors: entry.value.effective.errors });
      }
      // written into the stored text in place: a drafted role where the file has it, new ones after the others
      const effective = entry.value.effective.policy;
      const saved = await writePolicy(id, (stored) => draftsInFileOrder(stored, effective), 'the role drafts make the workspace invalid; nothing was saved');
      if (!saved.ok) return saved;
      for (const d of entry.value.drafts) await store.deleteDraft(id, d.name);
      invalidate(id);
      return saved;
    },

    getSetting(key: string): Promise<Result<unknown>> {
      return store_(store.getSetting(key));
    },

    setSetting(key: string, value: unknown): Promise<Result<void>> {
      return store_(store.setSetting(key, value));
    },

    /**
     * "Import from LeanIX / Qualytics": pulls a workspace from the platform's API (src/pull,
     * as `sealcheck pull` does) and stores it all or nothing, or refreshes a pulled one from
     * where it was pulled, keeping its scenarios, settings, name, description and drafts.
     * The token is used for this pull only. Cancel by `jobId`.
     */
    async pullWorkspace(request: PullRequest, onProgress?: PullProgressCallback, jobId?: string): Promise<Result<PulledWorkspace>> {
      const controller = new AbortController();
      if (jobId) aborters.set(jobId, controller);
      if (jobId && cancelled.has(jobId)) controller.abort();
      const where = request.kind === 'new' ? pullHost(request.url) : 'where it was pulled from';
      const job = jobs.start({ kind: 'import', label: request.kind === 'new' ? `Pulling from ${where}` : 'Refreshing a pulled workspace' });
      try {
        return await pullIntoStore(request, {
          store,
          validate: validateText,
          signal: controller.signal,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          onProgress: (progress) => {
            if (progress.total !== null) job.progress(progress.done, progress.total);
            // over comlink the callback answers with a promise, which nobody waits for
            const answer: unknown = onProgress?.(progress);
            if (answer instanceof Promise) answer.catch(() => undefined);
          },
          onStoreProgress: (done, total) => job.progress(done, total),
          invalidate,
        });
      } finally {
        job.end();
        if (jobId) {
          aborters.delete(jobId);
          cancelled.delete(jobId);
        }
      }
    },
  };
}

/** The host of a pull's URL for a job's label; the URL itself when it is none. */
function pullHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'a platform';
  }
}

export type EngineApi = ReturnType<typeof createEngineApi>;

interface CoreEntry {
  readonly stored: StoredCore;
  readonly drafts: readonly RoleDraft[];
  /** The core compiled with one fact sheet (key: its id; '' for none, a create), a few kept. */
  readonly sheets: Map<string, CompiledLeanix>;
}

/** Everything but the fact sheets: what forms and pickers need. */
function modelCoreOf(stored: StoredCore): ModelCore {
  const { id, name, updatedAt, factSheetCount, policy } = stored;
  // a core's `factSheets` is empty already; a whole LeanIX model's are left out here
  return { id, name, updatedAt, factSheetCount, policy: policy.platform === 'leanix' && policy.factSheets.length ? { ...policy, factSheets: [] } : policy };
}

function outlineOf(id: string, p: Policy, drafts: ReadonlyArray<{ readonly name: string }>): Outline {
  const base = { id, name: p.name, asOf: p.asOf, scenarioNames: p.scenarios.map((s) => s.name) };
  if (p.platform === 'leanix') {
    return {
      ...base,
      platform: 'leanix',
      types: p.factSheetTypes,
      roles: p.roles,
      users: p.users.map((u) => ({ id: u.id, kind: u.kind, role: u.role, customerRoles: u.customerRoles })),
      drafts: drafts.map((d) => d.name),
    };
  }
  return {
    ...base,
    platform: 'qualytics',
    datastores: p.datastores,
    teams: p.teams,
    users: p.users.map((u) => ({ id: u.id, kind: u.kind, role: u.role, teams: u.teams })),
    tokens: p.tokens.map((t) => ({ id: t.id, user: t.user, name: t.name, kind: t.kind, state: t.state })),
  };
}

/**
 * The workspace with its drafts applied (`effective`), in the stored file's order: a drafted
 * role where the file has it, keeping its notes (`description`), the new roles last.
 */
function draftsInFileOrder(stored: Policy, effective: Policy): Policy {
  if (stored.platform !== 'leanix' || effective.platform !== 'leanix') return effective;
  const byName = new Map(effective.roles.map((r) => [r.name, r]));
  const roles = stored.roles.flatMap((role) => {
    const now = byName.get(role.name);
    if (!now) return [];
    byName.delete(role.name);
    if (now === role) return [role];
    const notes = role.description === undefined ? {} : { description: role.description };
    return [{ ...now, ...notes }];
  });
  return { ...effective, roles: [...roles, ...byName.values()] };
}

function pathFits(ws: CompiledLeanix, typeName: string, path: string): boolean {
  const type = ws.types.get(typeName);
  return type !== undefined && namesPartOf(type.type, path);
}

/** A question the workspace cannot answer, as the `invalid` failure naming every problem; null when it can. */
function unfitQuestion(check: QuestionCheck): Result<never> | null {
  if (check.ok) return null;
  return invalidQuestion(check.errors);
}

/** When a question is asked: its `at`, else the file's `asOf`; a malformed `at` is a located error. */
function questionTime(question: Question, asOf: string): Result<number> {
  const at = Date.parse(question.at ?? asOf);
  if (Number.isNaN(at)) return invalidQuestion([{ path: 'at', message: `expected a date and time like \`2026-11-24T00:00:00Z\`, found \`${question.at}\`` }]);
  return ok(at);
}

/** A LeanIX question asked of a compiled workspace: checked against its model, then decided and put in words. */
function answerLeanix(ws: CompiledLeanix, question: Extract<Question, { platform: 'leanix' }>, at: number, drafts: string[]): Result<Answer> {
  const unfit = unfitQuestion(checkQuestion(ws.policy, question));
  if (unfit) return unfit;
  try {
    const outcome = evaluateLeanix(ws, question.actor, question.operation, at);
    return ok({ platform: 'leanix', outcome, verdict: verdictOf(outcome), draftsApplied: drafts });
  } catch (error) {
    return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}

function invalidQuestion(errors: readonly PolicyError[]): Result<never> {
  return fail({ kind: 'invalid', message: `${errors[0] ? describeError(errors[0]) : 'the question is not valid'}${moreErrorsText(errors)}`, errors });
}

/** A stored file's scenarios as questions; a validated file's always pass, so this guards the store. */
function checkScenarios(policy: Policy): QuestionCheck {
  const errors: PolicyError[] = [];
  const add = (i: number, check: QuestionCheck) => {
    if (!check.ok) for (const e of check.errors) errors.push({ path: `scenarios[${i}].${e.path}`, message: e.message });
  };
  if (policy.platform === 'leanix') policy.scenarios.forEach((s, i) => add(i, checkQuestion(policy, { platform: 'leanix', actor: s.actor, operation: s.operation })));
  else policy.scenarios.forEach((s, i) => add(i, checkQuestion(policy, { platform: 'qualytics', actor: s.actor, operation: s.operation })));
  return errors.length ? { ok: false, errors } : { ok: true };
}
