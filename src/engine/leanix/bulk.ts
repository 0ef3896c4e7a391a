// Bulk impact: one update over many fact sheets, counted, without reasons.
// Everything that does not depend on the fact sheet (the actor's grants and expiry,
// what each patch targets and needs, the type's seal rules, the renewal clock) is
// decided once per type in a plan; per fact sheet only its ACL, clock, subscriptions
// and (for an approval) mandatory values are read. Each fact sheet's outcome is the
// one `evaluateLeanix` gives for the same update (test/bench/bulk.test.ts checks this).
import type { FactSheet, Patch } from '../../model/schema';
import { DAY_MS } from '../../model/vocabulary';
import type { LxState } from '../../model/vocabulary';
import { firstSegment, isSingleSegment } from '../../model/paths';
import { holds } from './compile';
import { actionFor, isEmpty, isSealRelevant, onFields } from './target';
import { targetOf } from '../../model/patch-path';
import type { CompiledLeanix, CompiledType, CompiledUser } from './compile';

/** Bits of `decideSheet`'s answer; the states before and after are in bits 2–3 and 4–5. */
export const SHEET_ALLOWED = 1;
export const SHEET_BROKEN = 2;
const STATES: readonly LxState[] = ['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED'];
const APPROVED = 0;
const BROKEN = 1;
const STATE_INDEX: Record<LxState, number> = { APPROVED: 0, BROKEN_QUALITY_SEAL: 1, DRAFT: 2, REJECTED: 3 };

export function stateBefore(code: number): LxState {
  return STATES[(code >>> 2) & 3]!;
}
export function stateAfter(code: number): LxState {
  return STATES[(code >>> 4) & 3]!;
}


/** Where a mandatory field's value comes from when an approval checks it. */
type MandatoryCheck = { readonly field: string; readonly fixed: boolean; readonly empty: boolean };

/** One update by one actor on fact sheets of one type, with every sheet-independent part decided. */
export interface UpdatePlan {
  readonly type: CompiledType;
  readonly user: CompiledUser;
  readonly actorId: string;
  /** Expired technical user: every sheet denied. */
  readonly expired: boolean;
  readonly admin: boolean;
  readonly aces: ReadonlySet<string>;
  readonly sealEnabled: boolean;
  /** Approvals expire at or before this `approvedAt` (ms); NaN: no renewal clock. */
  readonly expiredBefore: number;
  /** Every non-seal patch is granted. */
  readonly grantsHeld: boolean;
  /** A non-seal patch empties a mandatory field: denied on an APPROVED sheet. */
  readonly emptiesMandatory: boolean;
  readonly hasSealPatch: boolean;
  /** The seal patch passes every rule that does not depend on the sheet. */
  readonly sealPatchStaticOk: boolean;
  /** Its value: an index into STATES, or -1. */
  readonly newState: number;
  /** For an approval: the mandatory fields and where their values come from. */
  readonly approvalChecks: readonly MandatoryCheck[];
  /** The update touches a seal-relevant path. */
  readonly relevant: boolean;
  /** Holds the seal permission by grant or ADMIN, whatever the sheet. */
  readonly sealByGrant: boolean;
  /** Not VIEWER: its RESPONSIBLE or ACCOUNTABLE subscriptions give the seal permission. */
  readonly sealBySubscription: boolean;
}

function expiredUser(user: CompiledUser, at: number): boolean {
  const expires = user.user.expiresAt;
  return user.user.kind === 'technical' && expires !== null && Date.parse(expires) <= at;
}

export function planUpdate(ws: CompiledLeanix, actorId: string, patches: readonly Patch[], typeName: string, at: number): UpdatePlan {
  const user = ws.users.get(actorId);
  if (!user) throw new Error(`unknown actor \`${actorId}\``);
  const type = ws.types.get(typeName);
  if (!type) throw new Error(`unknown fact sheet type \`${typeName}\``);
  const t = type.type;
  const seal = t.qualitySeal;
  let grantsHeld = true;
  let emptiesMandatory = false;
  let relevant = false;
  let sealPatch: Patch | undefined;
  for (const patch of patches) {
    const segment = firstSegment(patch.path);
    if (segment === 'lxState') {
      sealPatch ??= patch;
      continue;
    }
    const target = targetOf(t, patch.path);
    const qualifier = target.qualifier;
    if (!holds(ws, user, target.resource!, actionFor(target, patch.op), type, qualifier)) grantsHeld = false;
    if (onFields(target) && isSingleSegment(patch.path) && type.mandatory.has(qualifier) && (patch.op === 'remove' || isEmpty(patch.value))) {
      emptiesMandatory = true;
    }
    if (isSealRelevant(target.kind, seal.tagsBreakSeal)) relevant = true;
  }
  const value = sealPatch?.value as LxState | undefined;
  const sealPatchStaticOk =
    sealPatch !== undefined &&
    seal.enabled &&
    sealPatch.op !== 'remove' &&
    !(value === 'DRAFT' && !seal.draft) &&
    !(value === 'REJECTED' && !seal.rejected);
  const approvalChecks: MandatoryCheck[] = [];
  if (sealPatch && value === 'APPROVED') {
    for (const field of type.mandatory) {
      let fixed = false;
      let fixedValue: unknown;
      for (const patch of patches) {
        if (patch === sealPatch || !isSingleSegment(patch.path) || firstSegment(patch.path) !== field) continue;
        fixed = true;
        fixedValue = patch.op === 'remove' ? undefined : patch.value;
      }
      approvalChecks.push({ field, fixed, empty: fixed && isEmpty(fixedValue) });
    }
  }
  const clocked = seal.enabled && seal.renewalDays !== null;
  return {
    type,
    user,
    actorId,
    expired: expiredUser(user, at),
    admin: user.admin,
    aces: user.aces,
    sealEnabled: seal.enabled,
    expiredBefore: clocked ? at - seal.renewalDays! * DAY_MS : NaN,
    grantsHeld,
    emptiesMandatory,
    hasSealPatch: sealPatch !== undefined,
    sealPatchStaticOk,
    newState: value !== undefined && value in STATE_INDEX ? STATE_INDEX[value] : -1,
    approvalChecks,
    relevant,
    sealByGrant: user.admin || holds(ws, user, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', type, 'lxState'),
    sealBySubscription: user.user.role !== 'VIEWER',
  };
}

// Date.parse of the same `approvedAt` strings over and over is most of a sheet's cost:
// remember a bounded number of them.
const parsed = new Map<string, number>();
function approvedMs(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = Date.parse(text);
    if (parsed.size < 4096) parsed.set(text, ms);
  }
  return ms;
}

function stateIndex(plan: UpdatePlan, sheet: FactSheet): number {
  const stored = STATE_INDEX[sheet.lxState];
  if (stored !== APPROVED || plan.expiredBefore !== plan.expiredBefore || sheet.approvedAt === null) return stored;
  return approvedMs(sheet.approvedAt) <= plan.expiredBefore ? BROKEN : APPROVED;
}

function subscribedForSeal(sheet: FactSheet, userId: string): boolean {
  const subs = sheet.subscriptions;
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if (s.user === userId && (s.type === 'RESPONSIBLE' || s.type === 'ACCOUNTABLE')) return true;
  }
  return false;
}

function aclDenies(plan: UpdatePlan, sheet: FactSheet): boolean {
  const acl = sheet.permittedWriteACL;
  if (plan.admin || acl.length === 0) return false;
  for (let i = 0; i < acl.length; i++) if (plan.aces.has(acl[i]!)) return false;
  return true;
}

function approvalFilled(plan: UpdatePlan, sheet: FactSheet): boolean {
  const checks = plan.approvalChecks;
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    if (c.fixed ? c.empty : isEmpty(c.field === 'name' ? sheet.name : sheet.values[c.field])) return false;
  }
  return true;
}

/** The update's outcome on one sheet: SHEET_ALLOWED, SHEET_BROKEN and the states before and after. */
export function decideSheet(plan: UpdatePlan, sheet: FactSheet): number {
  const before = stateIndex(plan, sheet);
  const denied = (before << 2) | (before << 4);
  if (plan.expired || aclDenies(plan, sheet)) return denied;
  if (!plan.grantsHeld || (plan.emptiesMandatory && before === APPROVED)) return denied;
  let holder = -1; // lazily: 0 no, 1 yes
  if (plan.hasSealPatch) {
    if (!plan.sealPatchStaticOk) return denied;
    holder = plan.sealByGrant || (plan.sealBySubscription && subscribedForSeal(sheet, plan.actorId)) ? 1 : 0;
    if (holder === 0) return denied;
    if (plan.approvalChecks.length && !approvalFilled(plan, sheet)) return denied;
  }
  if (!plan.sealEnabled || before !== APPROVED) {
    const after = plan.sealEnabled && plan.newState >= 0 ? plan.newState : before;
    return SHEET_ALLOWED | (before << 2) | (after << 4);
  }
  // APPROVED before, seal enabled.
  if (plan.newState === BROKEN) return SHEET_ALLOWED | SHEET_BROKEN | (before << 2) | (BROKEN << 4);
  if (plan.relevant) {
    if (holder < 0) holder = plan.sealByGrant || (plan.sealBySubscription && subscribedForSeal(sheet, plan.actorId)) ? 1 : 0;
    if (holder === 0) return SHEET_ALLOWED | SHEET_BROKEN | (before << 2) | (BROKEN << 4);
  }
  const after = plan.newState >= 0 ? plan.newState : before;
  return SHEET_ALLOWED | (before << 2) | (after << 4);
}

/** Who a broken seal notifies: RESPONSIBLE and ACCOUNTABLE subscribers, once each, never the actor. */
export function notifiedOn(plan: UpdatePlan, sheet: FactSheet): string[] {
  const out: string[] = [];
  for (const s of sheet.subscriptions) {
    if ((s.type === 'RESPONSIBLE' || s.type === 'ACCOUNTABLE') && s.user !== plan.actorId && !out.includes(s.user)) out.push(s.user);
  }
  return out;
}

function countNotified(plan: UpdatePlan, sheet: FactSheet): number {
  const subs = sheet.subscriptions;
  let n = 0;
  outer: for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if ((s.type !== 'RESPONSIBLE' && s.type !== 'ACCOUNTABLE') || s.user === plan.actorId) continue;
    for (let j = 0; j < i; j++) {
      const p = subs[j]!;
      if (p.user === s.user && (p.type === 'RESPONSIBLE' || p.type === 'ACCOUNTABLE')) continue outer;
    }
    n++;
  }
  return n;
}

export interface BulkResult {
  readonly total: number;
  readonly allowed: number;
  readonly denied: number;
  readonly sealsBroken: number;
  /** Notifications sent, one per notified user per broken seal. */
  readonly notifications: number;
  /** Ids of the fact sheets the update changes (allowed), in input order. */
  readonly affected: string[];
  /** Ids of the fact sheets whose seal it breaks, in input order. */
  readonly broken: string[];
}

/** One update by `actorId` over `sheets` (of any types the patches fit), at `at` (ms). */
export function evaluateUpdateBulk(
  ws: CompiledLeanix,
  actorId: string,
  patches: readonly Patch[],
  sheets: readonly FactSheet[],
  at: number,
): BulkResult {
  const plans = new Map<string, UpdatePlan>();
  let plan: UpdatePlan | undefined;
  let allowed = 0;
  let sealsBroken = 0;
  let notifications = 0;
  const affected: string[] = [];
  const broken: string[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const sheet = sheets[i]!;
    if (plan === undefined || plan.type.type.name !== sheet.type) {
      plan = plans.get(sheet.type);
      if (plan === undefined) plans.set(sheet.type, (plan = planUpdate(ws, actorId, patches, sheet.type, at)));
    }
    const code = decideSheet(plan, sheet);
    if ((code & SHEET_ALLOWED) === 0) continue;
    allowed++;
    affected.push(sheet.id);
    if ((code & SHEET_BROKEN) !== 0) {
      sealsBroken++;
      broken.push(sheet.id);
      notifications += countNotified(plan, sheet);
    }
  }
  return { total: sheets.length, allowed, denied: sheets.length - allowed, sealsBroken, notifications, affected, broken };
}
