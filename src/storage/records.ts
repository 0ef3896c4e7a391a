// What both backends store, and how a workspace becomes rows. One place for the
// record shapes (zod, checked on every read from IndexedDB), the derivation of
// the index rows from a policy, and the orders every query returns, so that the
// memory and the Dexie backend answer alike.
import { z } from 'zod';
import { modelSchemas } from '../model/schema';
import { upgradeLeanix } from '../model/upgrade';
import type { FactSheet, Policy } from '../model/schema';
import { LX_STATES, PLATFORMS } from '../model/vocabulary';
import { formatPath } from '../policy/errors';
import type { PathSegment } from '../policy/errors';
import { StoreFailureError } from './errors';
import { passesCheck, policyCheck } from './integrity';
import type { PolicyCheck } from './integrity';
import type { DraftRevision, DraftSaveOutcome, FactSheetQuery, FactSheetRow, RoleDraft, RoleDraftInput, ScenarioRun, UserRow, WorkspaceSummary } from './store';

/** Rows written per `bulkPut` (and per progress report). */
export const CHUNK_ROWS = 5_000;

/**
 * Builds the record schemas. Called once, on first use (`recordSchemas()`), not at module
 * load: the engine worker starts without them.
 */
function buildRecordSchemas() {
  const text = z.string();
  const key = z.string().min(1);
  const count = z.number().int().nonnegative();
  /**
   * Where a workspace was pulled from ("Import from LeanIX / Qualytics"): the platform, the
   * origin (no path, no token), the pull time, and the fact sheet types when only some were
   * pulled. A refresh pulls again from there. Optional: absent on a workspace from a file.
   */
  const PulledFromSchema = z.strictObject({
    platform: z.enum(PLATFORMS),
    origin: z.string().min(1).max(2_000),
    at: text,
    types: z.array(key).optional(),
  });
  /**
   * `workspaces`: the summary only, so that listing never loads a policy. `pulledFrom` is
   * not indexed, so it came without a schema version: a record without it reads as before.
   */
  const WorkspaceRecordSchema = z.object({
    id: key,
    name: text,
    platform: z.enum(PLATFORMS),
    factSheetCount: count,
    userCount: count,
    scenarioCount: count,
    createdAt: text,
    updatedAt: text,
    pulledFrom: PulledFromSchema.optional(),
  });
  /**
   * `policies`: the validated model and the exact file text, once per workspace, and the
   * model's integrity check (src/storage/integrity.ts; absent in records written before it).
   */
  const PolicyRecordSchema = z.object({
    id: key,
    policy: z.unknown(),
    source: text,
    check: z.object({ model: z.number().int(), digest: z.string() }).optional(),
  });
  /**
   * `cores` (since schema version 5): the model without its fact sheets (a LeanIX model's
   * `factSheets` empty; a Qualytics model whole), what the forms and a question about one
   * fact sheet need, with its own integrity check; read instead of the whole policy.
   */
  const CoreRecordSchema = z.object({
    id: key,
    policy: z.unknown(),
    check: z.object({ model: z.number().int(), digest: z.string() }).optional(),
  });
  /** `factSheets`: one row per fact sheet, for the UI's queries. */
  const FactSheetRecordSchema = z.object({
    workspaceId: key,
    id: key,
    type: key,
    name: text,
    nameLower: text,
    lxState: z.enum(LX_STATES),
  });
  const UserRecordSchema = z.object({
    workspaceId: key,
    id: key,
    kind: z.enum(['human', 'technical', 'service']),
    role: key,
  });
  /** A draft as given to `saveDraft` (a revision given with it is ignored: the store assigns it). */
  const DraftInputSchema = z.object({
    workspaceId: key,
    name: key,
    cloneFrom: key.optional(),
    permissions: z.array(text),
    users: z.array(key).optional(),
    updatedAt: text,
  });
  const revision = z.number().int().positive();
  /** `drafts`: a draft with its revision (since schema version 4; older drafts were upgraded to revision 1). */
  const DraftRecordSchema = DraftInputSchema.extend({ revision });
  /** What a save was based on, and the revision of another draft it may replace. */
  const DraftRevisionSchema = z.object({ name: key, revision });
  const ReplacingSchema = revision.optional();
  /**
   * `retiredDrafts`: a name a draft no longer has, with the last revision it had there and,
   * when the draft was renamed, its new name. A save based on the old name is then told
   * where the draft went, and a new draft of that name starts after the old revision.
   */
  const RetiredDraftSchema = z.object({
    workspaceId: key,
    name: key,
    revision: z.number().int().nonnegative(),
    movedTo: key.optional(),
  });
  const RunRecordSchema = z.object({
    id: z.number().int().positive(),
    workspaceId: key,
    at: text,
    passed: count,
    failed: count,
    failures: z.array(text),
  });
  /** A run as given to `addRun`: the store assigns the id. */
  const NewRunSchema = RunRecordSchema.omit({ id: true });
  const SettingRecordSchema = z.object({ key: text, value: z.unknown() });
  /** A policy file's `name` may be empty, so a workspace name may be too. */
  const WorkspaceInputSchema = z.object({
    id: key.optional(),
    name: text,
    source: text,
    pulledFrom: PulledFromSchema.optional(),
  });

  return { PulledFromSchema, WorkspaceRecordSchema, PolicyRecordSchema, CoreRecordSchema, FactSheetRecordSchema, UserRecordSchema, DraftInputSchema, DraftRecordSchema, DraftRevisionSchema, ReplacingSchema, RetiredDraftSchema, RunRecordSchema, NewRunSchema, SettingRecordSchema, WorkspaceInputSchema };
}

/** The record schemas, by name: `recordSchemas().WorkspaceRecordSchema`. */
export type RecordSchemas = ReturnType<typeof buildRecordSchemas>;

let built: RecordSchemas | undefined;

/** The record schemas, built on the first call and kept. */
export function recordSchemas(): RecordSchemas {
  built ??= buildRecordSchemas();
  return built;
}

// ---------------------------------------------------------------- records

export type PulledFrom = z.infer<RecordSchemas['PulledFromSchema']>;

export type WorkspaceRecord = z.infer<RecordSchemas['WorkspaceRecordSchema']>;

export interface PolicyRecord {
  readonly id: string;
  readonly policy: Policy;
  readonly source: string;
  readonly check?: PolicyCheck;
}

export interface CoreRecord {
  readonly id: string;
  readonly policy: Policy;
  readonly check?: PolicyCheck;
}

/** The model without its fact sheets: what `cores` stores. */
export function coreOf(policy: Policy): Policy {
  return policy.platform === 'leanix' ? { ...policy, factSheets: [] } : policy;
}

/** The core record of a policy zod has just produced (its check taken over the core). */
export function coreRecord(id: string, policy: Policy): CoreRecord {
  const core = coreOf(policy);
  const check = policyCheck(core);
  return check ? { id, policy: core, check } : { id, policy: core };
}

/** One stored fact sheet, checked by the model's schema (a damaged one fails with its path). */
export function parseFactSheet(value: unknown): z.ZodSafeParseResult<FactSheet> {
  return modelSchemas().FactSheetSchema.safeParse(value);
}

export type FactSheetRecord = z.infer<RecordSchemas['FactSheetRecordSchema']>;

export type RetiredDraft = z.infer<RecordSchemas['RetiredDraftSchema']>;

/**
 * Re-checks a stored policy with the model's own schema for its platform. A LeanIX model
 * stored before format version 2 (model version 1 kept the version 1 shape) is read with
 * the version 1 schema and upgraded, as a version 1 file is.
 */
export function parsePolicy(platform: string, value: unknown): z.ZodSafeParseResult<Policy> {
  if (platform === 'leanix' && value !== null && typeof value === 'object' && (value as { version?: unknown }).version === 1) {
    const old = modelSchemas().LeanixPolicyV1Schema.safeParse(value);
    return (old.success ? { success: true, data: upgradeLeanix(old.data) } : old) as z.ZodSafeParseResult<Policy>;
  }
  const schema = platform === 'leanix' ? modelSchemas().LeanixPolicySchema : modelSchemas().QualyticsPolicySchema;
  return schema.safeParse(value) as z.ZodSafeParseResult<Policy>;
}

/**
 * A stored policy as the model: returned as stored when its integrity check holds (it is
 * then the very value zod produced when it was written, under this model version), else
 * parsed by zod as `parsePolicy` does, which reports where a damaged record is wrong.
 */
export function readStoredPolicy(platform: string, record: { policy: unknown; check?: PolicyCheck | undefined }): z.ZodSafeParseResult<Policy> {
  const stored = record.policy as { platform?: unknown } | null;
  if (stored !== null && typeof stored === 'object' && stored.platform === platform && passesCheck(stored, record.check)) {
    return { success: true, data: stored as Policy };
  }
  return parsePolicy(platform, record.policy);
}

/** `path: message` of a zod error's first issue, for reports. */
export function describeZod(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = formatPath(issue.path as PathSegment[]);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where ? `${where}: ` : ''}${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}${more}`;
}

/** Parses caller input; a mismatch is a failure with a sentence, never a throw past the store. */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new StoreFailureError({ kind: 'unknown', message: `the ${what} cannot be stored: ${describeZod(parsed.error)}` });
}

// ---------------------------------------------------------------- a workspace as rows

export interface PreparedWorkspace {
  readonly summary: WorkspaceRecord;
  readonly body: PolicyRecord;
  /** The model without its fact sheets (`cores`). */
  readonly core: CoreRecord;
  readonly factSheets: FactSheetRecord[];
  readonly users: UserRow[];
  /** Rows written in all: index rows plus the workspace itself. */
  readonly total: number;
}

/**
 * Checks the input (the policy against the model's schema, so that what is
 * written always reads back) and derives every row. `existing` keeps `createdAt`
 * when a workspace is replaced.
 */
export function prepareWorkspace(
  input: { id?: string; name: string; policy: Policy; source: string; validated?: boolean; pulledFrom?: PulledFrom | undefined },
  id: string,
  now: string,
  existing?: Pick<WorkspaceRecord, 'createdAt' | 'pulledFrom'>,
): PreparedWorkspace {
  const head = checkInput(recordSchemas().WorkspaceInputSchema, { id: input.id, name: input.name, source: input.source, pulledFrom: input.pulledFrom }, 'workspace');
  const platform = (input.policy as { platform?: unknown } | undefined)?.platform;
  if (platform !== 'leanix' && platform !== 'qualytics') {
    throw new StoreFailureError({ kind: 'unknown', message: 'the workspace cannot be stored: its policy names no platform' });
  }
  let policy = input.policy;
  if (!input.validated) {
    const parsed = parsePolicy(platform, input.policy);
    if (!parsed.success) {
      throw new StoreFailureError({
        kind: 'unknown',
        message: `the workspace cannot be stored: its policy does not match the policy file format (${describeZod(parsed.error)})`,
      });
    }
    policy = parsed.data;
  }
  const factSheets: FactSheetRecord[] =
    policy.platform === 'leanix'
      ? policy.factSheets.map((f) => ({ workspaceId: id, id: f.id, type: f.type, name: f.name, nameLower: f.name.toLowerCase(), lxState: f.lxState }))
      : [];
  const users: UserRow[] = policy.users.map((u) => ({ workspaceId: id, id: u.id, kind: u.kind, role: u.role }));
  const summary: WorkspaceRecord = {
    id,
    name: head.name,
    platform: policy.platform,
    factSheetCount: factSheets.length,
    userCount: users.length,
    scenarioCount: policy.scenarios.length,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  // a pull says where from; any other replacement (an edit, a file over it) keeps where it was pulled from
  const pulledFrom = head.pulledFrom ?? existing?.pulledFrom;
  if (pulledFrom) summary.pulledFrom = pulledFrom;
  const check = policyCheck(policy);
  const body: PolicyRecord = check ? { id, policy, source: head.source, check } : { id, policy, source: head.source };
  return { summary, body, core: coreRecord(id, policy), factSheets, users, total: factSheets.length + users.length + 1 };
}

export function newWorkspaceId(): string {
  return globalThis.crypto.randomUUID();
}

// ---------------------------------------------------------------- orders

/** Code unit order, as IndexedDB compares strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Workspaces by name (case-insensitive), then id. */
export function compareWorkspaces(a: WorkspaceSummary, b: WorkspaceSummary): number {
  return compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** Technical and service users first, then by id. */
export function compareUsers(a: UserRow, b: UserRow): number {
  return Number(a.kind === 'human') - Number(b.kind === 'human') || compareText(a.id, b.id);
}

/** The upper bound of a string prefix range. */
export const MAX_CHAR = '\uffff';

/** A limit as a count: none is unlimited, a negative or fractional one is floored at 0. */
export function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return Infinity;
  return Math.max(0, Math.floor(limit));
}

/**
 * The order of `findFactSheets`: with a name prefix by lower-case name then id,
 * otherwise by id (the order of the IndexedDB indexes).
 */
export function compareFactSheets(query: FactSheetQuery): (a: FactSheetRecord, b: FactSheetRecord) => number {
  if (query.namePrefix !== undefined) return (a, b) => compareText(a.nameLower, b.nameLower) || compareText(a.id, b.id);
  return (a, b) => compareText(a.id, b.id);
}

export function matchesFactSheet(query: FactSheetQuery, row: FactSheetRecord): boolean {
  if (query.id !== undefined && row.id !== query.id) return false;
  if (query.type !== undefined && row.type !== query.type) return false;
  if (query.namePrefix !== undefined && !row.nameLower.startsWith(query.namePrefix.toLowerCase())) return false;
  return true;
}

export function toFactSheetRow(record: FactSheetRecord): FactSheetRow {
  return { workspaceId: record.workspaceId, id: record.id, type: record.type, name: record.name, lxState: record.lxState };
}

export function toSummary(record: WorkspaceRecord): WorkspaceSummary {
  return { ...record };
}

/** A draft without keys whose value is `undefined`, so both backends return the same object. */
export function toDraft(record: RoleDraftInput & { readonly revision: number }): RoleDraft {
  const { cloneFrom, users, workspaceId, name, permissions, updatedAt, revision } = record;
  return {
    workspaceId,
    name,
    ...(cloneFrom === undefined ? {} : { cloneFrom }),
    permissions,
    ...(users === undefined ? {} : { users }),
    updatedAt,
    revision,
  };
}

// ---------------------------------------------------------------- saving a draft

/** What a backend reads for `planDraftSave`, inside its transaction. */
export interface DraftReads {
  draft(name: string): Promise<RoleDraft | undefined>;
  retired(name: string): Promise<RetiredDraft | undefined>;
}

/** What a backend writes when a save goes through, in the same transaction as the reads. */
export interface DraftWrites {
  readonly put: RoleDraft;
  /** The old name of a renamed draft: its draft goes, a retired record says where it went. */
  readonly moveFrom?: RetiredDraft;
  /** A retired record at the saved name that the draft now takes over. */
  readonly unretire?: string;
}

/** Renames followed at most, from a retired name to the draft's name now. */
const MAX_MOVES = 64;

/**
 * Decides a save for both backends (src/storage/store.ts, `saveDraft`): a conflict, or
 * the records to write. `input` is checked already; `reads` answer inside the save's transaction.
 */
export async function planDraftSave(
  input: RoleDraftInput,
  base: DraftRevision | null,
  replacing: number | undefined,
  reads: DraftReads,
): Promise<{ outcome: DraftSaveOutcome; writes?: DraftWrites }> {
  const conflict = (reason: 'changed' | 'renamed' | 'deleted' | 'taken', theirs: RoleDraft | null, renamedTo?: string) => ({
    outcome: { kind: 'conflict' as const, reason, theirs, ...(renamedTo === undefined ? {} : { renamedTo }) },
  });
  let floor = 0;
  if (base) {
    const stored = await reads.draft(base.name);
    if (stored) {
      if (stored.revision !== base.revision) return conflict('changed', stored);
      floor = stored.revision;
    } else {
      // renamed (perhaps more than once), or deleted
      let retired = await reads.retired(base.name);
      const seen = new Set([base.name]);
      while (retired?.movedTo !== undefined && !seen.has(retired.movedTo) && seen.size < MAX_MOVES) {
        const now = await reads.draft(retired.movedTo);
        if (now) return conflict('renamed', now, now.name);
        seen.add(retired.movedTo);
        retired = await reads.retired(retired.movedTo);
      }
      return conflict('deleted', null);
    }
  }
  const renaming = base !== null && base.name !== input.name;
  let unretire: string | undefined;
  if (!base || renaming) {
    const taken = await reads.draft(input.name);
    if (taken) {
      if (replacing !== taken.revision) return conflict('taken', taken);
      floor = Math.max(floor, taken.revision);
    }
    const retired = await reads.retired(input.name);
    if (retired) {
      floor = Math.max(floor, retired.revision);
      unretire = input.name;
    }
  }
  const put: RoleDraft = toDraft({ ...input, revision: floor + 1 });
  const moveFrom: RetiredDraft | undefined = renaming ? { workspaceId: input.workspaceId, name: base.name, revision: put.revision, movedTo: input.name } : undefined;
  return {
    outcome: { kind: 'saved', draft: put },
    writes: { put, ...(moveFrom ? { moveFrom } : {}), ...(unretire === undefined ? {} : { unretire }) },
  };
}

export function toRun(record: ScenarioRun): ScenarioRun {
  return record;
}
