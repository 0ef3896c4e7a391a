// The LeanIX decision core: every rule of the policy file's "Semantics" lives in exactly
// one function of this file. `decide` turns a question into a structured trace (no
// prose: `render.ts` words it); the fast paths (bulk what-if, advisor, matrix, diff) use
// the same plan and rule functions without building a trace.
//
// An update is planned once per (actor, patches, type): everything that does not depend
// on the fact sheet (grants, targets, the seal patch's static checks, the clock's
// threshold) is decided there; per fact sheet only its ACL, clock, subscriptions and
// mandatory values are read.
import type { FactSheet, LeanixOperation, MandatorySubscription, Patch, Renewal, Subscription, UpdateOperation } from '../../model/schema';
import type { Target, TargetKind } from '../../model/patch-path';
import { targetOf } from '../../model/patch-path';
import { firstSegment, isSingleSegment } from '../../model/paths';
import { formatGrant } from '../../model/permission';
import { UNIT_MS } from '../../model/vocabulary';
import type { Action, LeanixEvent, LxState, PatchOp, Resource, ShiroAction, SubscriptionType } from '../../model/vocabulary';
import { grantsFor, holds, userOf } from './compile';
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

/** What an approval lacks after the update's other patches. */
export interface Missing {
  readonly fields: readonly string[];
  /** Mandatory relations without a target and not marked "leave empty". */
  readonly relations: readonly string[];
  /** Mandatory subscriptions no subscription matches. */
  readonly subscriptions: readonly MandatorySubscription[];
}

export interface SealPatchTrace {
  readonly value: LxState | null;
  readonly problem: SealPatchProblem | null;
  /** For an approval refused for missing mandatory values: what is missing. */
  readonly missing: Missing | null;
}

/** Why a patch is refused under the emptying rule, whoever sends it. */
export type Emptying =
  | { readonly kind: 'field' }
  | { readonly kind: 'relation'; readonly relation: string }
  | { readonly kind: 'subscription'; readonly mandatory: MandatorySubscription };

export interface PatchTrace {
  readonly path: string;
  readonly op: PatchOp;
  readonly target: Target;
  /** The grant the patch needs; null for `/lxState`, which needs the seal permission. */
  readonly need: Need | null;
  readonly holder: GrantHolder | null;
  /** It empties a mandatory value where the emptying rule holds (denied for everyone). */
  readonly empties: Emptying | null;
  readonly sealRelevant: boolean;
  /** Seal-relevant by its kind, but the type exempts it from the seal. */
  readonly exempt: boolean;
  readonly seal: SealPatchTrace | null;
  readonly allowed: boolean;
}

export interface ClockTrace {
  readonly approvedAt: number;
  readonly expiredAt: number;
  readonly renewal: Renewal;
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
  readonly rejectedEnabled: boolean;
  /** `settings.lockMandatoryWhenBroken`: the emptying rule holds on broken seals too. */
  readonly lockWhenBroken: boolean;
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

/** Rule, seal exemptions: the type's `ignoreUpdatesForFields` and `ignoreUpdatesForRelations` never break its seal, whoever edits them. */
export function isExempt(type: CompiledType, target: Target): boolean {
  if (target.kind === 'relation') return type.exemptRelations.has(target.qualifier);
  return onFields(target) && type.exemptFields.has(target.qualifier);
}

/** A patch on the target can break the type's seal: seal-relevant and not exempt. */
export function breaksSealOf(type: CompiledType, target: Target): boolean {
  return isSealRelevant(target.kind, type.type.qualitySeal.tagsBreakSeal) && !isExempt(type, target);
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

/** Milliseconds an approval lasts on the type (value × unit, fixed lengths in UTC), or null: never expires (or no seal). */
export function renewalMs(type: CompiledType): number | null {
  const seal = type.type.qualitySeal;
  return seal.enabled && seal.renewal !== null ? seal.renewal.value * UNIT_MS[seal.renewal.unit] : null;
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
  return { state, clock: { approvedAt, expiredAt: approvedAt + renewalMs(type)!, renewal: type.type.qualitySeal.renewal! } };
}

/** Rule: a patch that empties a mandatory field (a one-segment path; judged by its own value). */
export function emptiesMandatoryField(type: CompiledType, target: Target, patch: Patch): boolean {
  return onFields(target) && isSingleSegment(patch.path) && type.mandatory.has(target.qualifier) && (patch.op === 'remove' || isEmpty(patch.value));
}

/** Rule: the emptying rule holds on APPROVED fact sheets, and on broken ones with `lockMandatoryWhenBroken` (states after the clock). */
export function emptyingRuleHolds(before: LxState, lockWhenBroken: boolean): boolean {
  return before === 'APPROVED' || (lockWhenBroken && before === 'BROKEN_QUALITY_SEAL');
}

// ---------------------------------------------------------------- relations and subscriptions in patches

/** Relation targets as a patch value gives them: an id, a list of ids, or nothing. */
function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The relations and subscriptions of a fact sheet as an update changes them, patch by patch. */
interface Linked {
  readonly relations: Map<string, Set<string>>;
  subscriptions: readonly Subscription[];
}

function linkedOf(sheet: FactSheet): Linked {
  return { relations: new Map(), subscriptions: sheet.subscriptions };
}

function targetsOf(linked: Linked, sheet: FactSheet, relation: string): Set<string> {
  let set = linked.relations.get(relation);
  if (!set) linked.relations.set(relation, (set = new Set(Object.prototype.hasOwnProperty.call(sheet.relations, relation) ? sheet.relations[relation] : [])));
  return set;
}

/**
 * Rule, relation and subscription values: `add /rel` adds ids, `replace /rel` sets the list,
 * `remove /rel` clears it, `remove /rel/<id>` removes one; `add /subscriptions` adds (or
 * replaces) the user's subscription, `remove /subscriptions/<user>` removes the user's.
 */
function applyLinked(linked: Linked, sheet: FactSheet, target: Target, patch: Patch): void {
  if (target.kind === 'relation') {
    const set = targetsOf(linked, sheet, target.qualifier);
    if (patch.op === 'remove') {
      if (isSingleSegment(patch.path)) set.clear();
      else set.delete(patch.path.slice(patch.path.indexOf('/', 1) + 1).replace(/~1/g, '/').replace(/~0/g, '~'));
    } else {
      if (patch.op === 'replace') set.clear();
      for (const id of idsOf(patch.value)) set.add(id);
    }
  } else if (target.kind === 'subscriptions') {
    if (patch.op === 'add' && patch.value !== null && typeof patch.value === 'object' && !Array.isArray(patch.value)) {
      const v = patch.value as { user?: unknown; type?: unknown; roles?: unknown };
      if (typeof v.user !== 'string' || typeof v.type !== 'string') return;
      const roles = Array.isArray(v.roles) ? v.roles.filter((r): r is string => typeof r === 'string') : [];
      linked.subscriptions = [...linked.subscriptions.filter((s) => s.user !== v.user), { user: v.user, type: v.type as SubscriptionType, roles }];
    } else if (patch.op === 'remove' && !isSingleSegment(patch.path)) {
      const user = patch.path.slice(patch.path.indexOf('/', 1) + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      linked.subscriptions = linked.subscriptions.filter((s) => s.user !== user);
    }
  }
}

/** Rule: a subscription matches a mandatory one with the same type and, when it names a role, that role among its roles. */
export function matchesMandatory(s: Subscription, m: MandatorySubscription): boolean {
  return s.type === m.type && (m.role === undefined || s.roles.includes(m.role));
}

function relationFilled(linked: Linked, sheet: FactSheet, relation: string): boolean {
  return sheet.naFields.includes(relation) || targetsOf(linked, sheet, relation).size > 0;
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

/** Rule: a break notifies the fact sheet's RESPONSIBLE and ACCOUNTABLE subscribers (as stored before the update), once each, the actor excluded unless `notifyActor`. */
export function notifiedOn(sheet: FactSheet, actorId: string, notifyActor = false): string[] {
  const out: string[] = [];
  for (const s of sheet.subscriptions) {
    if (isSealSubscription(s.type) && (notifyActor || s.user !== actorId) && !out.includes(s.user)) out.push(s.user);
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
  /** Empties a mandatory field by its own value. */
  readonly emptiesField: boolean;
  readonly sealRelevant: boolean;
  readonly exempt: boolean;
  /** Changes a relation or subscriptions that a mandatory rule watches: judged per fact sheet. */
  readonly linked: boolean;
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
  /** Some patch changes a watched relation or subscriptions: the emptying rule reads the fact sheet. */
  readonly linked: boolean;
  readonly lockWhenBroken: boolean;
  readonly notifyActor: boolean;
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
  let linked = false;
  let sealPatch = -1;
  const planned: PatchPlan[] = patches.map((patch, i) => {
    const target = targetOf(t, patch.path);
    if (target.kind === 'seal') {
      if (sealPatch < 0) sealPatch = i;
      return { patch, target, need: null, granted: true, emptiesField: false, sealRelevant: false, exempt: false, linked: false };
    }
    const n = needOf(t.name, target, patch.op)!;
    const granted = holds(ws, user, n.resource, n.action, type, n.qualifier);
    const e = emptiesMandatoryField(type, target, patch);
    const exempt = isSealRelevant(target.kind, t.qualitySeal.tagsBreakSeal) && isExempt(type, target);
    const r = breaksSealOf(type, target);
    const l = (target.kind === 'relation' && type.mandatoryRelations.has(target.qualifier)) || (target.kind === 'subscriptions' && type.mandatorySubscriptions.length > 0);
    grantsHeld &&= granted;
    empties ||= e;
    relevant ||= r;
    linked ||= l;
    return { patch, target, need: n, granted, emptiesField: e, sealRelevant: r, exempt, linked: l };
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
    linked,
    lockWhenBroken: ws.settings.lockMandatoryWhenBroken,
    notifyActor: ws.settings.notifyActor,
    sealPatch,
    sealProblem: seal ? sealPatchStaticProblem(type, seal) : null,
    sets,
    approvalChecks,
    relevant,
    sealByGrant: sealByGrant(ws, user, type),
  };
}

function valueOf(sheet: FactSheet, field: string): unknown {
  if (field === 'name') return sheet.name;
  // own keys only: a field named `toString` or `constructor` without a value is empty
  return Object.prototype.hasOwnProperty.call(sheet.values, field) ? sheet.values[field] : undefined;
}

/**
 * Rule, approval: setting APPROVED needs, after the update's other patches as written,
 * every mandatory field filled, every mandatory relation with a target (or marked "leave
 * empty") and a subscription matching every mandatory subscription. Null: nothing missing.
 */
export function missingForApproval(plan: UpdatePlan, sheet: FactSheet): Missing | null {
  const fields: string[] = [];
  for (const c of plan.approvalChecks) if (isEmpty(c.fixed ? c.value : valueOf(sheet, c.field))) fields.push(c.field);
  const relations: string[] = [];
  const subscriptions: MandatorySubscription[] = [];
  const type = plan.type;
  if (type.mandatoryRelations.size || type.mandatorySubscriptions.length) {
    const linked = linkedOf(sheet);
    plan.patches.forEach((p, i) => {
      if (i !== plan.sealPatch) applyLinked(linked, sheet, p.target, p.patch);
    });
    for (const r of type.mandatoryRelations) if (!relationFilled(linked, sheet, r)) relations.push(r);
    for (const m of type.mandatorySubscriptions) if (!linked.subscriptions.some((s) => matchesMandatory(s, m))) subscriptions.push(m);
  }
  return fields.length || relations.length || subscriptions.length ? { fields, relations, subscriptions } : null;
}

/**
 * Rule, emptying of relations and subscriptions: where the emptying rule holds, a patch is
 * denied when it leaves a mandatory relation without targets (not marked "leave empty"),
 * or removes the last subscription matching a mandatory one; judged after the patch with
 * the update's earlier patches applied in order. Per patch: what it empties, or null.
 */
export function linkedEmptying(plan: UpdatePlan, sheet: FactSheet): (Emptying | null)[] {
  const type = plan.type;
  const linked = linkedOf(sheet);
  return plan.patches.map((p) => {
    const beforeSubs = linked.subscriptions;
    applyLinked(linked, sheet, p.target, p.patch);
    if (!p.linked) return null;
    if (p.target.kind === 'relation') return relationFilled(linked, sheet, p.target.qualifier) ? null : { kind: 'relation', relation: p.target.qualifier };
    for (const m of type.mandatorySubscriptions) {
      if (beforeSubs.some((s) => matchesMandatory(s, m)) && !linked.subscriptions.some((s) => matchesMandatory(s, m))) return { kind: 'subscription', mandatory: m };
    }
    return null;
  });
}

/** Some patch empties a mandatory value of the fact sheet (the emptying rule holding). */
function emptiesOn(plan: UpdatePlan, sheet: FactSheet): boolean {
  if (plan.emptiesMandatory) return true;
  if (!plan.linked) return false;
  for (const e of linkedEmptying(plan, sheet)) if (e) return true;
  return false;
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
  if (!plan.grantsHeld || (emptyingRuleHolds(before, plan.lockWhenBroken) && emptiesOn(plan, sheet))) return code(false, false, before, before);
  let holder: boolean | null = null;
  if (plan.sealPatch >= 0) {
    if (plan.sealProblem !== null) return code(false, false, before, before);
    holder = holdsSealOn(plan, sheet);
    if (!holder || (plan.sets === 'APPROVED' && missingForApproval(plan, sheet) !== null)) return code(false, false, before, before);
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

function sealTrace(ws: CompiledLeanix, type: CompiledType, over: Partial<SealTrace>): SealTrace {
  const seal = type.type.qualitySeal;
  return {
    rejectedEnabled: seal.rejected,
    lockWhenBroken: ws.settings.lockMandatoryWhenBroken,
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
  const user = userOf(ws, actorId);
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
    seal: sealTrace(ws, type, {}),
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
    seal: sealTrace(ws, type, { clock }),
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
  const missing = plan.sets === 'APPROVED' ? missingForApproval(plan, sheet) : null;
  const ruleHolds = emptyingRuleHolds(before, plan.lockWhenBroken);
  const linked = plan.linked && ruleHolds ? linkedEmptying(plan, sheet) : null;
  const patches: PatchTrace[] = plan.patches.map((p, i) => {
    const base = { path: p.patch.path, op: p.patch.op, target: p.target, sealRelevant: p.sealRelevant, exempt: p.exempt };
    if (p.target.kind === 'seal') {
      // a valid update has at most one `/lxState` patch: the plan's
      const problem = plan.sealProblem ?? (missing ? 'mandatory-missing' : null);
      const value = p.patch.op === 'remove' ? null : (p.patch.value as LxState);
      const seal = { value, problem, missing: problem === 'mandatory-missing' ? missing : null };
      return { ...base, need: null, holder: null, empties: null, seal, allowed: problem === null && holder !== null };
    }
    const empties: Emptying | null = !ruleHolds ? null : p.emptiesField ? { kind: 'field' } : (linked?.[i] ?? null);
    const grant = p.granted ? grantHolder(ws, user, p.need!, type) : null;
    return { ...base, need: p.need, holder: grant, empties, seal: null, allowed: p.granted && empties === null };
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
    seal: sealTrace(ws, type, {
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
    notified: broken ? notifiedOn(sheet, user.user.id, plan.notifyActor) : [],
    events: allowed ? updateEvents(broken, plan.sealEnabled ? plan.sets : null) : [],
    approvedAt: allowed && plan.sealEnabled && plan.sets === 'APPROVED' && !broken ? new Date(at).toISOString() : null,
  };
}
