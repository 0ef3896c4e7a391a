// The engine worker's boundary: every call's arguments are parsed with zod before they
// reach the API's implementation, tRPC style. One schema per method, built from the
// model's own schemas; the argument types are inferred from them. A call whose
// arguments do not parse is answered `invalid`, each error located by argument name
// and path (`question.operation.patches[0].path`); nothing is thrown.
import { z } from 'zod';
import { modelSchemas } from '../model/schema';
import { SETUPS } from '../engine/leanix/advise';
import { TEMPLATE_IDS } from './templates';
import { describeError, moreErrorsText } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import { describeIssues } from '../policy/validate';
import type { EngineApi, Progress } from './api';
import type { PullProgressCallback } from './pull';
import { fail } from './result';
import type { Result } from './result';

// ---------------------------------------------------------------- the arguments' schemas

/** A method's arguments: their names (for error paths) and, position by position, their schemas. */
interface Arguments<In extends readonly unknown[], Out extends readonly unknown[]> {
  readonly names: readonly string[];
  readonly schema: z.ZodType<Out, In>;
}

function args<T extends readonly [z.ZodType, ...z.ZodType[]]>(names: { readonly [K in keyof T]: string }, items: T) {
  return { names, schema: z.tuple(items) };
}

/**
 * Builds the arguments' schemas, from the model's (`modelSchemas()`). Called once, at the
 * first call that is checked, not at module load: the engine worker starts without them.
 */
function buildMessages() {
  const { CustomerRoleSchema, DatastoreActionSchema, LeanixOperationSchema, LeanixScenarioSchema, LeanixUserSchema, PatchSchema, QualyticsActorSchema, QualyticsOperationSchema, QualyticsScenarioSchema } = modelSchemas();
  const name = CustomerRoleSchema.shape.name;
  const workspaceId = z.string();
  const jobId = z.string();
  const userId = LeanixUserSchema.shape.id;
  /** A progress callback: a function here, a comlink proxy (callable) across the worker boundary. */
  const progress = z.custom<Progress>((value) => typeof value === 'function', { message: 'expected a function' });

  const QuestionSchema = z.discriminatedUnion('platform', [
    z.strictObject({
      platform: z.literal('leanix'),
      actor: LeanixScenarioSchema.shape.actor,
      operation: LeanixOperationSchema,
      at: LeanixScenarioSchema.shape.at,
      useDrafts: z.boolean().optional(),
    }),
    z.strictObject({
      platform: z.literal('qualytics'),
      actor: QualyticsActorSchema,
      operation: QualyticsOperationSchema,
      at: QualyticsScenarioSchema.shape.at,
    }),
  ]);

  const BulkQuestionSchema = z.strictObject({
    actor: userId,
    /** Fact sheet types to cover; empty: every type that has every patch path. */
    types: z.array(name),
    patches: z.array(PatchSchema),
    at: LeanixScenarioSchema.shape.at,
    useDrafts: z.boolean().optional(),
  });

  const AdviseRequestSchema = z.discriminatedUnion('platform', [
    z.strictObject({
      platform: z.literal('leanix'),
      actor: userId,
      type: name,
      paths: z.array(z.string()),
      factSheets: z.array(name).optional(),
      runsPerYear: z.number().int().nonnegative().optional(),
      /** Milliseconds since the epoch; default: the file's `asOf`. */
      at: z.number().optional(),
      /** Adds this setup's role, a user holding it (for `exempt` the data model change) and the scenarios proving it to the workspace. */
      write: z.enum(SETUPS).optional(),
    }),
    z.strictObject({
      platform: z.literal('qualytics'),
      actor: userId,
      actions: z.array(DatastoreActionSchema.shape.action),
      datastores: z.array(name),
    }),
  ]);

  const FactSheetQuerySchema = z.strictObject({
    type: z.string().optional(),
    namePrefix: z.string().optional(),
    id: z.string().optional(),
    limit: z.number().int().nonnegative().optional(),
  });

  /** One side of a diff: a stored workspace, that workspace with its role drafts applied, or a file's text. */
  const DiffSideSchema = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('workspace'), id: workspaceId }),
    z.strictObject({ kind: z.literal('drafts'), id: workspaceId }),
    z.strictObject({ kind: z.literal('file'), text: z.string() }),
  ]);

  /** Where an import goes besides a new workspace: over a workspace (keeping its drafts and runs), or apart from one of the same name. */
  const ImportIntoSchema = z.union([z.strictObject({ replace: workspaceId }), z.strictObject({ apart: z.literal(true) })]);

  const role = {
    name,
    cloneFrom: CustomerRoleSchema.shape.cloneFrom,
    permissions: CustomerRoleSchema.shape.permissions,
  };

  /** A role being designed: the customer role's own keys. */
  const RoleEditSchema = z.strictObject(role);

  const RoleDraftSchema = z.strictObject({
    workspaceId,
    ...role,
    users: z.array(userId).optional(),
    updatedAt: z.string(),
  });

  /** A draft revision: what a save of a draft was based on (src/storage/store.ts, DraftRevision). */
  const revision = z.number().int().positive();
  const DraftRevisionSchema = z.strictObject({ name, revision });

  /**
   * A pull from the platform's API into the store ("Import from LeanIX / Qualytics"): a new
   * workspace from a base URL, or a refresh of a pulled workspace from where it was pulled.
   * The token is used for this pull only: never stored, never in a result.
   */
  const pullToken = z.string().min(1, { message: 'the API token is empty' }).max(20_000);
  const PullRequestSchema = z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('new'),
      platform: z.enum(['leanix', 'qualytics']),
      url: z.string().min(1).max(2_000),
      token: pullToken,
      /** LeanIX only: pull these fact sheet types only. */
      types: z.array(name).max(1_000).optional(),
    }),
    z.strictObject({ kind: z.literal('refresh'), id: workspaceId, token: pullToken }),
  ]);
  /** A pull's progress callback: a function here, a comlink proxy across the worker boundary. */
  const pullProgress = z.custom<PullProgressCallback>((value) => typeof value === 'function', { message: 'expected a function' });

  const none = { names: [], schema: z.tuple([]) };


  return {
    ...{ QuestionSchema, BulkQuestionSchema, AdviseRequestSchema, FactSheetQuerySchema, DiffSideSchema, ImportIntoSchema, RoleEditSchema, RoleDraftSchema, DraftRevisionSchema, PullRequestSchema },
    ...{ name, workspaceId, jobId, progress, revision, pullProgress, none },
  };
}

/** The arguments' schemas, by name. */
export type MessageSchemas = ReturnType<typeof buildMessages>;

let built: MessageSchemas | undefined;

/** The arguments' schemas, built on the first call and kept. */
export function messageSchemas(): MessageSchemas {
  built ??= buildMessages();
  return built;
}

/** Every method's arguments, by method name; built at the first call that is checked. */
export function messageArguments() {
  argumentsBuilt ??= buildArguments();
  return argumentsBuilt;
}

function buildArguments() {
  const { name, workspaceId, jobId, progress, revision, pullProgress, none, FactSheetQuerySchema, ImportIntoSchema, QuestionSchema, BulkQuestionSchema, AdviseRequestSchema, DiffSideSchema, RoleDraftSchema, DraftRevisionSchema, RoleEditSchema, PullRequestSchema } = messageSchemas();
  const { FactSheetSchema } = modelSchemas();
  return {
    ping: none,
    attach: args(['engine'], [z.string().min(1).max(200)]),
    status: none,
    listWorkspaces: none,
    getWorkspace: args(['id'], [workspaceId]),
    importPolicy: args(
      ['text', 'onProgress', 'jobId', 'into', 'fileName'],
      [z.string(), progress.optional(), jobId.optional(), ImportIntoSchema.optional(), z.string().max(1_000).optional()],
    ),
    createFromTemplate: args(['template'], [z.enum(TEMPLATE_IDS)]),
    checkPolicyText: args(['text'], [z.string()]),
    savePolicy: args(['id', 'policy'], [workspaceId, z.unknown()]),
    exportPolicy: args(['id'], [workspaceId]),
    deleteWorkspace: args(['id'], [workspaceId]),
    outline: args(['id'], [workspaceId]),
    modelCore: args(['id'], [workspaceId]),
    addScenario: args(['id', 'scenario'], [workspaceId, z.unknown()]),
    findFactSheets: args(['id', 'query'], [workspaceId, FactSheetQuerySchema]),
    listUsers: args(['id'], [workspaceId]),
    evaluate: args(['id', 'question'], [workspaceId, QuestionSchema]),
    readLiveFactSheet: args(['id', 'factSheetId', 'token'], [workspaceId, name, z.string().min(1, { message: 'the API token is empty' }).max(20_000)]),
    evaluateWith: args(['id', 'question', 'factSheet'], [workspaceId, QuestionSchema, FactSheetSchema]),
    runScenarios: args(['id', 'onProgress', 'jobId'], [workspaceId, progress.optional(), jobId.optional()]),
    listRuns: args(['id'], [workspaceId]),
    bulkWhatIf: args(['id', 'question', 'jobId', 'onProgress'], [workspaceId, BulkQuestionSchema, jobId, progress.optional()]),
    advise: args(['id', 'question'], [workspaceId, AdviseRequestSchema]),
    diff: args(['oldId', 'newId'], [workspaceId, workspaceId]),
    diffSides: args(['oldSide', 'newSide'], [DiffSideSchema, DiffSideSchema]),
    who: args(['id', 'factSheetId', 'paths', 'useDrafts'], [workspaceId, name, z.array(z.string()).optional(), z.boolean().optional()]),
    cancel: args(['jobId'], [jobId]),
    listDrafts: args(['id'], [workspaceId]),
    saveDraft: args(['draft', 'base', 'replacing'], [RoleDraftSchema, DraftRevisionSchema.nullable().optional(), revision.optional()]),
    deleteDraft: args(['id', 'name'], [workspaceId, z.string()]),
    roleMatrix: args(['id', 'draft'], [workspaceId, RoleEditSchema]),
    applyDraftsToWorkspace: args(['id'], [workspaceId]),
    getSetting: args(['key'], [z.string()]),
    setSetting: args(['key', 'value'], [z.string(), z.unknown()]),
    pullWorkspace: args(['request', 'onProgress', 'jobId'], [PullRequestSchema, pullProgress.optional(), jobId.optional()]),
  } satisfies { readonly [K in keyof EngineApi]: Arguments<readonly unknown[], readonly unknown[]> };
}

let argumentsBuilt: ReturnType<typeof buildArguments> | undefined;

/** The quick question: who does what, when. */
export type Question = z.infer<MessageSchemas['QuestionSchema']>;
export type BulkQuestionMessage = z.infer<MessageSchemas['BulkQuestionSchema']>;
export type AdviseRequestMessage = z.infer<MessageSchemas['AdviseRequestSchema']>;
export type DiffSide = z.infer<MessageSchemas['DiffSideSchema']>;
export type ImportInto = z.infer<MessageSchemas['ImportIntoSchema']>;
export type RoleEdit = z.infer<MessageSchemas['RoleEditSchema']>;
export type RoleDraftMessage = z.infer<MessageSchemas['RoleDraftSchema']>;
export type PullRequest = z.infer<MessageSchemas['PullRequestSchema']>;

// ---------------------------------------------------------------- the wrapper

/** Where each argument's errors are: `question.actor`, `draft.permissions[2]`. */
export function argumentErrors(names: readonly string[], given: readonly unknown[], issues: readonly z.core.$ZodIssue[]): PolicyError[] {
  const root: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (i < given.length) root[n] = given[i];
  });
  const named = issues.map((issue) => {
    const [first, ...rest] = issue.path;
    const argument = typeof first === 'number' ? names[first] : undefined;
    return argument === undefined ? issue : { ...issue, path: [argument, ...rest] };
  });
  return describeIssues(named, root).map((e) =>
    names.includes(e.path) && !(e.path in root) ? { ...e, message: e.message.replace(/^missing required key/, 'missing required argument') } : e,
  );
}

function malformed(method: string, errors: readonly PolicyError[]): Result<never> {
  const first = errors[0] ? `: ${describeError(errors[0])}` : '';
  return fail({ kind: 'invalid', message: `malformed call of \`${method}\`${first}${moreErrorsText(errors)}`, errors });
}

/** One method behind its schema: parsed arguments in, a Result out, never a throw. */
function checked<In extends readonly unknown[], Out extends readonly unknown[], T>(
  method: string,
  argumentsOf: () => Arguments<In, Out>,
  run: (...args: NoInfer<Out>) => Promise<Result<T>>,
): (...args: In) => Promise<Result<T>> {
  return async (...given: In) => {
    const spec = argumentsOf();
    if (given.length > spec.names.length) {
      const n = spec.names.length;
      const expected = n ? `at most ${n} argument${n === 1 ? '' : 's'} (${spec.names.join(', ')})` : 'no arguments';
      return malformed(method, [{ path: '', message: `expected ${expected}, found ${given.length}` }]);
    }
    // an argument left out is `undefined`: the schema says whether it may be
    const parsed = spec.schema.safeParse(Array.from({ length: spec.names.length }, (_, i) => given[i]));
    if (!parsed.success) return malformed(method, argumentErrors(spec.names, given, parsed.error.issues));
    try {
      return await run(...parsed.data);
    } catch (error) {
      return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

/**
 * The API as the worker exposes it: each method parses its arguments with its schema
 * in MESSAGES and hands the parsed values (defaults filled in) to `api`.
 */
export function withCheckedMessages(api: EngineApi) {
  // `m.evaluate` is a getter of the method's arguments: the schemas are built at the first call
  const m = new Proxy({} as { readonly [K in keyof Messages]: () => Messages[K] }, {
    get: (_, method) => () => messageArguments()[method as keyof Messages],
  });
  return {
    ping: checked('ping', m.ping, () => api.ping()),
    attach: checked('attach', m.attach, (engine) => api.attach(engine)),
    status: checked('status', m.status, () => api.status()),
    listWorkspaces: checked('listWorkspaces', m.listWorkspaces, () => api.listWorkspaces()),
    getWorkspace: checked('getWorkspace', m.getWorkspace, (id) => api.getWorkspace(id)),
    importPolicy: checked('importPolicy', m.importPolicy, (...a) => api.importPolicy(...a)),
    createFromTemplate: checked('createFromTemplate', m.createFromTemplate, (id) => api.createFromTemplate(id)),
    checkPolicyText: checked('checkPolicyText', m.checkPolicyText, (text) => api.checkPolicyText(text)),
    savePolicy: checked('savePolicy', m.savePolicy, (id, policy) => api.savePolicy(id, policy)),
    exportPolicy: checked('exportPolicy', m.exportPolicy, (id) => api.exportPolicy(id)),
    deleteWorkspace: checked('deleteWorkspace', m.deleteWorkspace, (id) => api.deleteWorkspace(id)),
    outline: checked('outline', m.outline, (id) => api.outline(id)),
    modelCore: checked('modelCore', m.modelCore, (id) => api.modelCore(id)),
    addScenario: checked('addScenario', m.addScenario, (id, scenario) => api.addScenario(id, scenario)),
    findFactSheets: checked('findFactSheets', m.findFactSheets, (id, query) => api.findFactSheets(id, query)),
    listUsers: checked('listUsers', m.listUsers, (id) => api.listUsers(id)),
    evaluate: checked('evaluate', m.evaluate, (id, question) => api.evaluate(id, question)),
    readLiveFactSheet: checked('readLiveFactSheet', m.readLiveFactSheet, (...a) => api.readLiveFactSheet(...a)),
    evaluateWith: checked('evaluateWith', m.evaluateWith, (...a) => api.evaluateWith(...a)),
    runScenarios: checked('runScenarios', m.runScenarios, (...a) => api.runScenarios(...a)),
    listRuns: checked('listRuns', m.listRuns, (id) => api.listRuns(id)),
    bulkWhatIf: checked('bulkWhatIf', m.bulkWhatIf, (...a) => api.bulkWhatIf(...a)),
    advise: checked('advise', m.advise, (id, question) => api.advise(id, question)),
    diff: checked('diff', m.diff, (oldId, newId) => api.diff(oldId, newId)),
    diffSides: checked('diffSides', m.diffSides, (a, b) => api.diffSides(a, b)),
    who: checked('who', m.who, (...a) => api.who(...a)),
    cancel: checked('cancel', m.cancel, (job) => api.cancel(job)),
    listDrafts: checked('listDrafts', m.listDrafts, (id) => api.listDrafts(id)),
    saveDraft: checked('saveDraft', m.saveDraft, (...a) => api.saveDraft(...a)),
    deleteDraft: checked('deleteDraft', m.deleteDraft, (id, draftName) => api.deleteDraft(id, draftName)),
    roleMatrix: checked('roleMatrix', m.roleMatrix, (id, draft) => api.roleMatrix(id, draft)),
    applyDraftsToWorkspace: checked('applyDraftsToWorkspace', m.applyDraftsToWorkspace, (id) => api.applyDraftsToWorkspace(id)),
    getSetting: checked('getSetting', m.getSetting, (key) => api.getSetting(key)),
    setSetting: checked('setSetting', m.setSetting, (key, value) => api.setSetting(key, value)),
    pullWorkspace: checked('pullWorkspace', m.pullWorkspace, (...a) => api.pullWorkspace(...a)),
  } satisfies { readonly [K in keyof EngineApi]: unknown };
}

type Messages = ReturnType<typeof messageArguments>;

/** The checked API; the page may call it as it calls the implementation (its arguments are the schemas' inputs). */
export type CheckedEngineApi = Accepts<ReturnType<typeof withCheckedMessages>>;
type Accepts<T extends EngineApi> = T;
