// The LeanIX decision core: every rule of the policy file's "Semantics" lives in exactly
// one function of this file. `decide` turns a question into a structured trace (no
// prose: `render.ts` words it); the fast paths (bulk what-if, advisor, matrix, diff) use
// the same plan and rule functions without building a trace.
//
// An update is planned once per (actor, patches, type): everything that does not depend
// on the fact sheet (grants, targets, the seal patch's static checks, the clock's
// threshold) is decided there; per fact sheet only its ACL, clock, subscriptions and
// mandatory values are read.
import type { FactSheet, LeanixOperation, Patch, UpdateOperation } from '../../model/schema';
import type { Target, TargetKind } from '../../model/patch-path';
import { targetOf } from '../../model/patch-path';
import { firstSegment, isSingleSegment } from '../../model/paths';
import { formatGrant } from '../../model/permission';
import { DAY_MS } from '../../model/vocabulary';
import type { Action, LeanixEvent, LxState, PatchOp, Resource, ShiroAction, SubscriptionType } from '../../model/vocabulary';
import { grantsFor, holds } from './compile';
import type { CompiledLeanix, CompiledType, CompiledUser } from './compile';

// ---------------------------------------------------------------- trace

/** Who holds a grant: ADMIN, or a grant of one of the actor's roles. */
export type GrantHolder =
  | { readonly by: 'admin' }
  | { readonly by: 'grant'; readonly role: string; readonly builtin: boolean; readonly source: string }
  /** Held by the capability index, no single grant names it (defensive; a compiled role always does). */
  | { readonly by: 'unnamed' };

/** How the actor holds the seal permission on a fact sheet. */
export type SealHolder =
  | { readonly by: 'admin' }
  | { readonly by: 'grant'; readonly holder: GrantHolder }
  | { readonly by: 'subscription'; readonly type: SubscriptionType; readonly role: string };

/** The grant an action needs, as a permission string too. */
export interface Need {
  readonly resource: Resource;
  readonly action: ShiroAction;
  readonly type: string;
  readonly qualifier: string;
  readonly permission: string;
}

export interface Gate {
  /** A technical user whose expiry is not after the decision's time. */
  readonly expired: { readonly user: string; readonly expiresAt: number } | null;
  /** An ACL that shuts the actor out. */
  readonly acl: { readonly mode: 'read' | 'write'; readonly entities: readonly string[]; readonly held: readonly string[] } | null;
}

/** Why a `/lxState` patch is refused whoever makes it. */
export type SealPatchProblem = 'disabled' | 'remove' | 'draft-not-enabled' | 'rejected-not-enabled' | 'mandatory-missing';

export interface SealPatchTrace {
  readonly value: LxState | null;
  readonly problem: SealPatchProblem | null;
  /** For an approval: the mandatory fields still empty after the update's other patches. */
  readonly missing: readonly string[];
}

export interface PatchTrace {
  readonly path: string;
  readonly op: PatchOp;
  readonly target: Target;
  /** The grant the patch needs; null for `/lxState`, which needs the seal permission. */
  readonly need: Need | null;
  readonly holder: GrantHolder | null;
  /** It empties a mandatory field of an approved fact sheet (denied for everyone). */
  readonly empties: boolean;
  readonly sealRelevant: boolean;
  readonly seal: SealPatchTrace | null;
  readonly allowed: boolean;
}

export interface ClockTrace {
  readonly approvedAt: number;
  readonly expiredAt: number;
  readonly renewalDays: number;
}

export interface SealTrace {
  readonly enabled: boolean;
  /** The actor's seal permission on the fact sheet (null: none, or no fact sheet yet). */
  readonly holder: SealHolder | null;
  /** The actor's RESPONSIBLE or ACCOUNTABLE subscription, whatever its standard role. */
  readonly subscription: SubscriptionType | null;
  /** The renewal clock had already broken the seal before the operation. */
  readonly clock: ClockTrace | null;
  /** Seal-relevant paths the update touches. */
  readonly relevant: readonly string[];
  /** How the operation breaks the seal: by an edit without the seal permission, or by setting BROKEN_QUALITY_SEAL. */
  readonly broken: 'edit' | 'set' | null;
  /** The state a `/lxState` patch sets, if any. */
  readonly sets: LxState | null;
  readonly tagsBreakSeal: boolean;
  readonly draftEnabled: boolean;
}

export interface LeanixTrace {
  readonly operation: LeanixOperation['op'];
  /** The decision's time (ms). */
  readonly at: number;
  readonly actor: { readonly id: string; readonly role: string; readonly customerRoles: readonly string[]; readonly admin: boolean };
  readonly type: string;
  readonly factSheet: { readonly id: string; readonly name: string } | null;
  readonly gate: Gate;
  /** create, read, archive: the grant on FACT_SHEET it needs, and who holds it. */
  readonly need: Need | null;
  readonly holder: GrantHolder | null;
  readonly patches: readonly PatchTrace[];
  readonly seal: SealTrace;
  readonly allowed: boolean;
  readonly deniedPaths: readonly string[];
  readonly lxStateBefore: LxState | null;
  readonly lxStateAfter: LxState | null;
  readonly sealBroken: boolean;
  readonly notified: readonly string[];
  readonly events: readonly LeanixEvent[];
  /** For an allowed approval: the new `approvedAt`. */
  readonly approvedAt: string | null;
}

// ---------------------------------------------------------------- rules

const SECTION_ACTION: Record<PatchOp, Action> = { add: 'CREATE', replace: 'UPDATE', remove: 'DELETE' };

/** Rule: base fields and attributes take UPDATE for every op; relations and sections the op's own action. */
export function actionFor(target: Target, op: PatchOp): Action {
  return onFields(target) ? 'UPDATE' : SECTION_ACTION[op];
}

function onFields(target: Target): boolean {
  return target.kind === 'base field' || target.kind === 'attribute';
}

/** The grant a patch needs, or null for `/lxState` (the seal permission). */
export function needOf(typeName: string, target: Target, op: PatchOp): Need | null {
  if (target.resource === null) return null;
  return need(target.resource, actionFor(target, op), typeName, target.qualifier);
}

export function need(resource: Resource, action: ShiroAction, type: string, qualifier: string): Need {
  return { resource, action, type, qualifier, permission: formatGrant({ resource, actions: [action], type, qualifier }) };
}

/** Rule: writing base fields, attributes, relations, documents (and tags where the type says so) can break a seal; subscriptions, comments, metrics, surveys never. */
export function isSealRelevant(kind: TargetKind, tagsBreakSeal: boolean): boolean {
  return kind === 'base field' || kind === 'attribute' || kind === 'relation' || kind === 'documents' || (kind === 'tags' && tagsBreakSeal);
}

/** Rule: empty as the mandatory rules mean it: missing, null, `""` or `[]`. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Rule: only RESPONSIBLE and ACCOUNTABLE subscriptions carry the seal permission and are notified of a break. */
export function isSealSubscription(type: SubscriptionType): boolean {
  return type === 'RESPONSIBLE' || type === 'ACCOUNTABLE';
}

/** The user's RESPONSIBLE or ACCOUNTABLE subscription on the fact sheet, if any. */
export function sealSubscriptionOf(sheet: FactSheet, userId: string): SubscriptionType | null {
  const subs = sheet.subscriptions;
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if (s.user === userId && isSealSubscription(s.type)) return s.type;
  }
  return null;
}

/** Rule: a technical user whose `expiresAt` is not after `at` is denied everything. */
export function expiryOf(user: CompiledUser, at: number): Gate['expired'] {
  const expires = user.user.expiresAt;
  if (user.user.kind !== 'technical' || expires === null) return null;
  const ms = Date.parse(expires);
  return ms <= at ? { user: user.user.id, expiresAt: ms } : null;
}

/** Rule: a non-empty ACL shuts out users holding none of its entities; ADMIN is not bound by ACLs. */
export function aclShutsOut(user: CompiledUser, acl: readonly string[]): boolean {
  if (user.admin || acl.length === 0) return false;
  for (let i = 0; i < acl.length; i++) if (user.aces.has(acl[i]!)) return false;
  return true;
}

function gateOf(user: CompiledUser, at: number, acl: readonly string[] | null, mode: 'read' | 'write'): Gate {
  const shut = acl !== null && aclShutsOut(user, acl);
  return { expired: expiryOf(user, at), acl: shut ? { mode, entities: acl, held: [...user.aces] } : null };
}

/** Rule: the seal permission by grant: ADMIN, or UPDATE on the base field lxState of the type. */
export function sealByGrant(ws: CompiledLeanix, user: CompiledUser, type: CompiledType): boolean {
  return user.admin || holds(ws, user, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', type, 'lxState');
}

/**
 * Rule, the seal permission on a fact sheet: ADMIN; UPDATE on the base field lxState of
 * its type (`byGrant`, which `sealByGrant` decides once per type); or being its
 * RESPONSIBLE or ACCOUNTABLE subscriber with a standard role other than VIEWER.
 * Answers how the user holds it, or null. Allocates nothing.
 */
export function sealPermissionOn(byGrant: boolean, user: CompiledUser, sheet: FactSheet): 'admin' | 'grant' | SubscriptionType | null {
  if (user.admin) return 'admin';
  if (byGrant) return 'grant';
  if (user.user.role === 'VIEWER') return null;
  return sealSubscriptionOf(sheet, user.user.id);
}

/** Who holds the seal permission on the fact sheet, and why; null when the actor does not. */
export function sealHolderOn(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, type: CompiledType): SealHolder | null {
  const how = sealPermissionOn(sealByGrant(ws, user, type), user, sheet);
  if (how === null) return null;
  if (how === 'admin') return { by: 'admin' };
  if (how === 'grant') return { by: 'grant', holder: grantHolder(ws, user, need('FACT_SHEET_BASE_FIELDS', 'UPDATE', type.type.name, 'lxState'), type)! };
  return { by: 'subscription', type: how, role: user.user.role };
}

/** Who holds a needed grant, or null. */
export function grantHolder(ws: CompiledLeanix, user: CompiledUser, n: Need, type: CompiledType): GrantHolder | null {
  if (user.admin) return { by: 'admin' };
  if (!holds(ws, user, n.resource, n.action, type, n.qualifier)) return null;
  const found = grantsFor(user, n.resource, n.action, n.type, n.qualifier)[0];
  return found ? { by: 'grant', role: found.role, builtin: found.builtin, source: found.grant.source } : { by: 'unnamed' };
}

/** Rule: archiving needs DELETE or ARCHIVE on FACT_SHEET of the type. */
export function archiveHolder(ws: CompiledLeanix, user: CompiledUser, type: CompiledType): GrantHolder | null {
  const name = type.type.name;
  return grantHolder(ws, user, need('FACT_SHEET', 'DELETE', name, '*'), type) ?? grantHolder(ws, user, need('FACT_SHEET', 'ARCHIVE', name, '*'), type);
}

/** Milliseconds an approval lasts on the type, or null: never expires (or no seal). */
export function renewalMs(type: CompiledType): number | null {
  const seal = type.type.qualitySeal;
  return seal.enabled && seal.renewalDays !== null ? seal.renewalDays * DAY_MS : null;
}

// Date.parse of the same `approvedAt` strings over and over is most of a bulk sheet's cost:
// remember a bounded number of them.
const parsedTimes = new Map<string, number>();
function approvedMs(text: string): number {
  let ms = parsedTimes.get(text);
  if (ms === undefined) {
    ms = Date.parse(text);
    if (parsedTimes.size < 4096) parsedTimes.set(text, ms);
  }
  return ms;
}

/**
 * Rule, the clock first: an APPROVED seal whose `approvedAt + renewal` is not after `at`
 * has already expired. `threshold` is `at - renewal` (NaN: no clock).
 */
export function clockedState(sheet: FactSheet, threshold: number): LxState {
  if (sheet.lxState !== 'APPROVED' || threshold !== threshold || sheet.approvedAt === null) return sheet.lxState;
  return approvedMs(sheet.approvedAt) <= threshold ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
}

export function clockThreshold(type: CompiledType, at: number): number {
  const ms = renewalMs(type);
  return ms === null ? NaN : at - ms;
}

/** The seal state after the renewal clock, and the clock's trace when it broke the seal. */
export function stateAfterClock(sheet: FactSheet, type: CompiledType, at: number): { state: LxState; clock: ClockTrace | null } {
  const state = clockedState(sheet, clockThreshold(type, at));
  if (state === sheet.lxState) return { state, clock: null };
  const approvedAt = Date.parse(sheet.approvedAt!);
  return { state, clock: { approvedAt, expiredAt: approvedAt + renewalMs(type)!, renewalDays: type.type.qualitySeal.renewalDays! } };
}

/** Rule: on an APPROVED fact sheet a patch that empties a mandatory field (a one-segment path) is denied for every actor. */
export function emptiesMandatory(type: CompiledType, target: Target, patch: Patch): boolean {
  return onFields(target) && isSingleSegment(patch.path) && type.mandatory.has(target.qualifier) && (patch.op === 'remove' || isEmpty(patch.value));
}

export function emptyingRuleHolds(before: LxState): boolean {
  return before === 'APPROVED';
}

/** Rule: a new fact sheet starts DRAFT where the draft state is enabled, else BROKEN_QUALITY_SEAL with a seal, APPROVED without. */
export function initialState(type: CompiledType): LxState {
  const seal = type.type.qualitySeal;
  return seal.draft ? 'DRAFT' : seal.enabled ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
}

/** Rule: what refuses a `/lxState` patch whoever sends it, before the fact sheet is looked at. */
function sealPatchStaticProblem(type: CompiledType, patch: Patch): SealPatchProblem | null {
  const seal = type.type.qualitySeal;
  if (!seal.enabled) return 'disabled';
  if (patch.op === 'remove') return 'remove';
  if (patch.value === 'DRAFT' && !seal.draft) return 'draft-not-enabled';
  if (patch.value === 'REJECTED' && !seal.rejected) return 'rejected-not-enabled';
  return null;
}

/** Rule: an edit of a seal-relevant part of an APPROVED fact sheet by someone without the seal permission breaks the seal. */
export function editBreaksSeal(sealEnabled: boolean, before: LxState, relevant: boolean, holdsSeal: boolean): boolean {
  return sealEnabled && before === 'APPROVED' && relevant && !holdsSeal;
}

/** Rule: setting BROKEN_QUALITY_SEAL on an APPROVED fact sheet breaks it too. */
function setBreaksSeal(before: LxState, sets: LxState | null): boolean {
  return before === 'APPROVED' && sets === 'BROKEN_QUALITY_SEAL';
}

/** Rule: a break notifies the fact sheet's RESPONSIBLE and ACCOUNTABLE subscribers, once each, the actor excluded. */
export function notifiedOn(sheet: FactSheet, actorId: string): string[] {
  const out: string[] = [];
  for (const s of sheet.subscriptions) {
    if (isSealSubscription(s.type) && s.user !== actorId && !out.includes(s.user)) out.push(s.user);
  }
  return out;
}

/** Rule: the events of an allowed update: FACT_SHEET_UPDATED, then QUALITY_SEAL_BROKEN for a break or QUALITY_SEAL_APPROVED for an approval. */
export function updateEvents(broken: boolean, sets: LxState | null): LeanixEvent[] {
  if (broken) return ['FACT_SHEET_UPDATED', 'QUALITY_SEAL_BROKEN'];
  return sets === 'APPROVED' ? ['FACT_SHEET_UPDATED', 'QUALITY_SEAL_APPROVED'] : ['FACT_SHEET_UPDATED'];
}

// ---------------------------------------------------------------- the update plan

export interface PatchPlan {
  readonly patch: Patch;
  readonly target: Target;
  readonly need: Need | null;
  /** The actor holds the needed grant (true for `/lxState`, judged by the seal rules). */
  readonly granted: boolean;
  readonly empties: boolean;
  readonly sealRelevant: boolean;
}

/** One update by one actor on fact sheets of one type, with every sheet-independent part decided. */
export interface UpdatePlan {
  readonly ws: CompiledLeanix;
  readonly type: CompiledType;
  readonly user: CompiledUser;
  readonly at: number;
  readonly patches: readonly PatchPlan[];
  readonly expired: Gate['expired'];
  readonly sealEnabled: boolean;
  /** `at - renewal`; NaN: no clock. */
  readonly threshold: number;
  /** Every patch but the seal patch is granted. */
  readonly grantsHeld: boolean;
  /** Some patch empties a mandatory field (denied where the emptying rule holds). */
  readonly emptiesMandatory: boolean;
  /** Index of the `/lxState` patch, or -1. */
  readonly sealPatch: number;
  readonly sealProblem: SealPatchProblem | null;
  readonly sets: LxState | null;
  /** For an approval: the mandatory fields, and their values where the update's other patches set them. */
  readonly approvalChecks: readonly { readonly field: string; readonly fixed: boolean; readonly value: unknown }[];
  /** The update touches a seal-relevant path. */
  readonly relevant: boolean;
  readonly sealByGrant: boolean;
}

export function planUpdate(ws: CompiledLeanix, user: CompiledUser, patches: readonly Patch[], type: CompiledType, at: number): UpdatePlan {
  const t = type.type;
  let grantsHeld = true;
  let empties = false;
  let relevant = false;
  let sealPatch = -1;
  const planned: PatchPlan[] = patches.map((patch, i) => {
    const target = targetOf(t, patch.path);
    if (target.kind === 'seal') {
      if (sealPatch < 0) sealPatch = i;
      return { patch, target, need: null, granted: true, empties: false, sealRelevant: false };
    }
    const n = needOf(t.name, target, patch.op)!;
    const granted = holds(ws, user, n.resource, n.action, type, n.qualifier);
    const e = emptiesMandatory(type, target, patch);
    const r = isSealRelevant(target.kind, t.qualitySeal.tagsBreakSeal);
    grantsHeld &&= granted;
    empties ||= e;
    relevant ||= r;
    return { patch, target, need: n, granted, empties: e, sealRelevant: r };
  });
  const seal = sealPatch >= 0 ? patches[sealPatch]! : null;
  const sets = seal && seal.op !== 'remove' ? (seal.value as LxState) : null;
  const approvalChecks: { field: string; fixed: boolean; value: unknown }[] = [];
  if (seal && sets === 'APPROVED') {
    for (const field of type.mandatory) {
      let fixed = false;
      let value: unknown;
      for (const p of patches) {
        if (p === seal || !isSingleSegment(p.path) || firstSegment(p.path) !== field) continue;
        fixed = true;
        value = p.op === 'remove' ? undefined : p.value;
      }
      approvalChecks.push({ field, fixed, value });
    }
  }
  return {
    ws,
    type,
    user,
    at,
    patches: planned,
    expired: expiryOf(user, at),
    sealEnabled: t.qualitySeal.enabled,
    threshold: clockThreshold(type, at),
    grantsHeld,
    emptiesMandatory: empties,
    sealPatch,
    sealProblem: seal ? sealPatchStaticProblem(type, seal) : null,
    sets,
    approvalChecks,
    relevant,
    sealByGrant: sealByGrant(ws, user, type),
  };
}

function valueOf(sheet: FactSheet, field: string): unknown {
  return field === 'name' ? sheet.name : sheet.values[field];
}

/** Rule: approval needs every mandatory field filled after the update's other patches. */
export function missingForApproval(plan: UpdatePlan, sheet: FactSheet): string[] {
  const missing: string[] = [];
  for (const c of plan.approvalChecks) if (isEmpty(c.fixed ? c.value : valueOf(sheet, c.field))) missing.push(c.field);
  return missing;
}

function holdsSealOn(plan: UpdatePlan, sheet: FactSheet): boolean {
  return sealPermissionOn(plan.sealByGrant, plan.user, sheet) !== null;
}

/** Bits of `judge`'s answer; the states before and after are in bits 2–3 and 4–5. */
export const SHEET_ALLOWED = 1;
export const SHEET_BROKEN = 2;
const STATES: readonly LxState[] = ['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED'];
const STATE_INDEX: Record<LxState, number> = { APPROVED: 0, BROKEN_QUALITY_SEAL: 1, DRAFT: 2, REJECTED: 3 };

export function stateBefore(code: number): LxState {
  return STATES[(code >>> 2) & 3]!;
}
export function stateAfter(code: number): LxState {
  return STATES[(code >>> 4) & 3]!;
}
function code(allowed: boolean, broken: boolean, before: LxState, after: LxState): number {
  return (allowed ? SHEET_ALLOWED : 0) | (broken ? SHEET_BROKEN : 0) | (STATE_INDEX[before] << 2) | (STATE_INDEX[after] << 4);
}

/**
 * The planned update's outcome on one fact sheet: SHEET_ALLOWED, SHEET_BROKEN and the
 * states before and after, composed from the rule functions above. `decide` gives the
 * same outcome with its trace.
 */
export function judge(plan: UpdatePlan, sheet: FactSheet): number {
  const before = clockedState(sheet, plan.threshold);
  if (plan.expired !== null || aclShutsOut(plan.user, sheet.permittedWriteACL)) return code(false, false, before, before);
  if (!plan.grantsHeld || (plan.emptiesMandatory && emptyingRuleHolds(before))) return code(false, false, before, before);
  let holder: boolean | null = null;
  if (plan.sealPatch >= 0) {
    if (plan.sealProblem !== null) return code(false, false, before, before);
    holder = holdsSealOn(plan, sheet);
    if (!holder || missingForApproval(plan, sheet).length) return code(false, false, before, before);
  }
  if (!plan.sealEnabled) return code(true, false, before, before);
  if (setBreaksSeal(before, plan.sets)) return code(true, true, before, 'BROKEN_QUALITY_SEAL');
  if (editBreaksSeal(true, before, plan.relevant, holder ?? holdsSealOn(plan, sheet))) return code(true, true, before, 'BROKEN_QUALITY_SEAL');
  return code(true, false, before, plan.sets ?? before);
}

// ---------------------------------------------------------------- decide

function actorOf(user: CompiledUser): LeanixTrace['actor'] {
  return { id: user.user.id, role: user.user.role, customerRoles: user.user.customerRoles, admin: user.admin };
}

function sealTrace(type: CompiledType, over: Partial<SealTrace>): SealTrace {
  const seal = type.type.qualitySeal;
  return {
    enabled: seal.enabled,
    holder: null,
    subscription: null,
    clock: null,
    relevant: [],
    broken: null,
    sets: null,
    tagsBreakSeal: seal.tagsBreakSeal,
    draftEnabled: seal.draft,
    ...over,
  };
}

/**
 * The decision with its trace. Assumes a question that `checkQuestion` accepts (known
 * actor, fact sheet, type, paths); throws on one it does not.
 */
export function decide(ws: CompiledLeanix, actorId: string, operation: LeanixOperation, at: number): LeanixTrace {
  const user = ws.users.get(actorId);
  if (!user) throw new Error(`unknown actor \`${actorId}\``);
  if (operation.op === 'create') return decideCreate(ws, user, operation.type, at);
  const sheet = ws.factSheets.get(operation.factSheet);
  if (!sheet) throw new Error(`unknown fact sheet \`${operation.factSheet}\``);
  const type = ws.types.get(sheet.type)!;
  return operation.op === 'update' ? decideUpdate(ws, user, sheet, type, operation, at) : decideWhole(ws, user, sheet, type, operation.op, at);
}

function decideCreate(ws: CompiledLeanix, user: CompiledUser, typeName: string, at: number): LeanixTrace {
  const type = ws.types.get(typeName);
  if (!type) throw new Error(`unknown fact sheet type \`${typeName}\``);
  const gate = gateOf(user, at, null, 'write');
  const n = need('FACT_SHEET', 'CREATE', typeName, '*');
  const holder = grantHolder(ws, user, n, type);
  const allowed = gate.expired === null && holder !== null;
  return {
    operation: 'create',
    at,
    actor: actorOf(user),
    type: typeName,
    factSheet: null,
    gate,
    need: n,
    holder,
    patches: [],
    seal: sealTrace(type, {}),
    allowed,
    deniedPaths: [],
    lxStateBefore: null,
    lxStateAfter: allowed ? initialState(type) : null,
    sealBroken: false,
    notified: [],
    events: allowed ? ['FACT_SHEET_CREATED'] : [],
    approvedAt: null,
  };
}

function decideWhole(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, type: CompiledType, op: 'read' | 'archive', at: number): LeanixTrace {
  const read = op === 'read';
  const { state, clock } = stateAfterClock(sheet, type, at);
  const gate = gateOf(user, at, read ? sheet.permittedReadACL : sheet.permittedWriteACL, read ? 'read' : 'write');
  const n = need('FACT_SHEET', read ? 'READ' : 'DELETE', type.type.name, '*');
  const holder = read ? grantHolder(ws, user, n, type) : archiveHolder(ws, user, type);
  const allowed = gate.expired === null && gate.acl === null && holder !== null;
  return {
    operation: op,
    at,
    actor: actorOf(user),
    type: type.type.name,
    factSheet: { id: sheet.id, name: sheet.name },
    gate,
    need: n,
    holder,
    patches: [],
    seal: sealTrace(type, { clock }),
    allowed,
    deniedPaths: [],
    lxStateBefore: state,
    lxStateAfter: state,
    sealBroken: false,
    notified: [],
    events: allowed && !read ? ['FACT_SHEET_ARCHIVED'] : [],
    approvedAt: null,
  };
}

function decideUpdate(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, type: CompiledType, operation: UpdateOperation, at: number): LeanixTrace {
  const plan = planUpdate(ws, user, operation.patches, type, at);
  const result = judge(plan, sheet);
  const { state: before, clock } = stateAfterClock(sheet, type, at);
  const gate = gateOf(user, at, sheet.permittedWriteACL, 'write');
  const holder = sealHolderOn(ws, user, sheet, type);
  const missing = plan.sealPatch >= 0 ? missingForApproval(plan, sheet) : [];
  const patches: PatchTrace[] = plan.patches.map((p) => {
    if (p.target.kind === 'seal') {
      // a valid update has at most one `/lxState` patch: the plan's
      const problem = plan.sealProblem ?? (missing.length ? 'mandatory-missing' : null);
      const value = p.patch.op === 'remove' ? null : (p.patch.value as LxState);
      const seal = { value, problem, missing: problem === 'mandatory-missing' ? missing : [] };
      return { path: p.patch.path, op: p.patch.op, target: p.target, need: null, holder: null, empties: false, sealRelevant: false, seal, allowed: problem === null && holder !== null };
    }
    const empties = p.empties && emptyingRuleHolds(before);
    const grant = p.granted ? grantHolder(ws, user, p.need!, type) : null;
    return { path: p.patch.path, op: p.patch.op, target: p.target, need: p.need, holder: grant, empties, sealRelevant: p.sealRelevant, seal: null, allowed: p.granted && !empties };
  });
  const allowed = (result & SHEET_ALLOWED) !== 0;
  const broken = (result & SHEET_BROKEN) !== 0;
  const gateShut = gate.expired !== null || gate.acl !== null;
  const deniedPaths = gateShut ? patches.map((p) => p.path) : patches.filter((p) => !p.allowed).map((p) => p.path);
  return {
    operation: 'update',
    at,
    actor: actorOf(user),
    type: type.type.name,
    factSheet: { id: sheet.id, name: sheet.name },
    gate,
    need: null,
    holder: null,
    patches,
    seal: sealTrace(type, {
      holder,
      subscription: sealSubscriptionOf(sheet, user.user.id),
      clock,
      relevant: patches.filter((p) => p.sealRelevant).map((p) => p.path),
      broken: broken ? (setBreaksSeal(before, plan.sets) ? 'set' : 'edit') : null,
      sets: plan.sets,
    }),
    allowed,
    deniedPaths,
    lxStateBefore: before,
    lxStateAfter: stateAfter(result),
    sealBroken: broken,
    notified: broken ? notifiedOn(sheet, user.user.id) : [],
    events: allowed ? updateEvents(broken, plan.sealEnabled ? plan.sets : null) : [],
    approvedAt: allowed && plan.sealEnabled && plan.sets === 'APPROVED' && !broken ? new Date(at).toISOString() : null,
  };
}
