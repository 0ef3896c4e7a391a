// "Who" for one fact sheet, the reverse of the quick question: for every user, which
// seal-relevant paths it edits keeping the seal, which it edits breaking it, which it
// may not edit, whether it may approve the seal, whether it is notified when the seal
// breaks, and whether it can touch the fact sheet at all. Composed only from the
// decision core's rule functions (planUpdate, judge, sealPermissionOn, notifiedOn, ...):
// no rule is written again here.
import type { FactSheet, Patch } from '../model/schema';
import type { LxState } from '../model/vocabulary';
import { BASE_FIELDS } from '../model/vocabulary';
import { patchPath } from '../ui/components/patch-path';
import type { CompiledLeanix, CompiledType, CompiledUser } from '../engine/leanix/compile';
import {
  SHEET_ALLOWED,
  SHEET_BROKEN,
  aclShutsOut,
  clockedState,
  clockThreshold,
  decide,
  expiryOf,
  isSealRelevant,
  judge,
  missingForApproval,
  notifiedOn,
  planUpdate,
  sealByGrant,
  sealPermissionOn,
} from '../engine/leanix/decide';
import type { Missing } from '../engine/leanix/decide';
import { targetOf } from '../model/patch-path';

export type WhoSealHolder = ReturnType<typeof sealPermissionOn>;

export interface WhoUser {
  readonly id: string;
  readonly kind: string;
  readonly role: string;
  readonly customerRoles: readonly string[];
  /** Seal-relevant paths the user may edit and the seal stays approved. */
  readonly keeps: readonly string[];
  /** Seal-relevant paths the user may edit, and the edit breaks the approved seal. */
  readonly breaks: readonly string[];
  /** Seal-relevant paths the user may not edit. */
  readonly denied: readonly string[];
  /** How the user holds the seal permission on the fact sheet, or null. */
  readonly sealHolder: WhoSealHolder;
  /** Whether setting `/lxState` to APPROVED is allowed for the user now. */
  readonly approves: boolean;
  /** Why not, in a few words; null when it may. */
  readonly approveBlocked: string | null;
  /** Notified when someone else breaks the seal (RESPONSIBLE or ACCOUNTABLE subscriber). */
  readonly notified: boolean;
  readonly reads: boolean;
  /** What shuts the user out of every write, or null. */
  readonly shut: 'expired' | 'write ACL' | null;
}

export interface WhoAnswer {
  readonly factSheet: { readonly id: string; readonly name: string; readonly type: string; readonly lxState: LxState; readonly stored: LxState };
  readonly sealEnabled: boolean;
  /**
   * The fact sheet's seal is not APPROVED now (after the renewal clock): the edit columns
   * say what each edit would do to it once approved again.
   */
  readonly assumedApproved: boolean;
  /** The seal-relevant paths judged, one edit each. */
  readonly paths: readonly string[];
  /** Exempt paths among them (edits never break the seal). */
  readonly exempt: readonly string[];
  /** What an approval lacks now, whoever asks; null when nothing is missing (or no seal). */
  readonly approvalMissing: Missing | null;
  readonly users: readonly WhoUser[];
  /** User ids per answer, in the workspace's user order. */
  readonly groups: {
    readonly keepsSeal: readonly string[];
    readonly breaksSeal: readonly string[];
    readonly approves: readonly string[];
    readonly notified: readonly string[];
    readonly cannotTouch: readonly string[];
  };
}

/** One edit of `path` that empties nothing: a value for fields, one target for relations. */
function editOf(kind: string, path: string): Patch {
  if (kind === 'relation') return { op: 'add', path, value: ['sealcheck-who-target'] };
  if (kind === 'documents' || kind === 'tags') return { op: 'add', path, value: { name: 'sealcheck-who' } };
  return { op: 'replace', path, value: 'sealcheck-who' };
}

/** The seal-relevant paths of a type, each with one edit: base fields (but lxState), attributes, relations, documents, and tags where they break the seal. */
function relevantEdits(type: CompiledType): { path: string; patch: Patch; exempt: boolean }[] {
  const t = type.type;
  const names: string[] = [];
  for (const f of BASE_FIELDS) if (f !== 'lxState') names.push(f);
  for (const f of t.fields) if (!names.includes(f) && f !== 'lxState') names.push(f);
  for (const r of t.relations) if (!names.includes(r)) names.push(r);
  names.push('documents', 'tags');
  const out: { path: string; patch: Patch; exempt: boolean }[] = [];
  for (const name of names) {
    const path = patchPath(name);
    const target = targetOf(t, path);
    if (!isSealRelevant(target.kind, t.qualitySeal.tagsBreakSeal)) continue;
    const exempt = (target.kind === 'relation' && type.exemptRelations.has(name)) || ((target.kind === 'base field' || target.kind === 'attribute') && type.exemptFields.has(name));
    out.push({ path, patch: editOf(target.kind, path), exempt });
  }
  return out;
}

function missingWords(m: Missing): string {
  const parts = [
    ...m.fields.map((f) => `field ${f}`),
    ...m.relations.map((r) => `relation ${r}`),
    ...m.subscriptions.map((s) => `a ${s.type} subscription${s.role ? ` with role ${s.role}` : ''}`),
  ];
  return `mandatory values missing: ${parts.join(', ')}`;
}

/** Who does what to the fact sheet's seal at `at`; null when there is no such fact sheet. */
export function whoOf(ws: CompiledLeanix, factSheetId: string, at: number): WhoAnswer | null {
  const sheet = ws.factSheets.get(factSheetId);
  if (!sheet) return null;
  const type = ws.types.get(sheet.type);
  if (!type) return null;
  const seal = type.type.qualitySeal;
  const now = clockedState(sheet, clockThreshold(type, at));
  const assumedApproved = seal.enabled && now !== 'APPROVED';
  // the edits are judged on the fact sheet as approved: that is what "breaks" means
  const judged: FactSheet = assumedApproved ? { ...sheet, lxState: 'APPROVED', approvedAt: new Date(at).toISOString() } : sheet;
  const edits = relevantEdits(type);
  const approval: Patch[] = [{ op: 'replace', path: '/lxState', value: 'APPROVED' }];
  let approvalMissing: Missing | null = null;

  const users: WhoUser[] = [];
  for (const user of ws.users.values()) {
    const keeps: string[] = [];
    const breaks: string[] = [];
    const denied: string[] = [];
    for (const e of edits) {
      const code = judge(planUpdate(ws, user, [e.patch], type, at), judged);
      if (!(code & SHEET_ALLOWED)) denied.push(e.path);
      else if (code & SHEET_BROKEN) breaks.push(e.path);
      else keeps.push(e.path);
    }
    const plan = planUpdate(ws, user, approval, type, at);
    const approves = (judge(plan, sheet) & SHEET_ALLOWED) !== 0;
    const holder = sealPermissionOn(sealByGrant(ws, user, type), user, sheet);
    const missing = seal.enabled ? missingForApproval(plan, sheet) : null;
    if (missing) approvalMissing = missing;
    const shut = expiryOf(user, at) ? ('expired' as const) : aclShutsOut(user, sheet.permittedWriteACL) ? ('write ACL' as const) : null;
    users.push({
      id: user.user.id,
      kind: user.user.kind,
      role: user.user.role,
      customerRoles: user.user.customerRoles,
      keeps,
      breaks,
      denied,
      sealHolder: holder,
      approves,
      approveBlocked: approves ? null : approveBlocked(user, holder, shut, seal.enabled, missing),
      notified: notifiedOn(sheet, '', false).includes(user.user.id),
      reads: readsSheet(ws, user, sheet, at),
      shut,
    });
  }
  const ids = (keep: (u: WhoUser) => boolean) => users.filter(keep).map((u) => u.id);
  return {
    factSheet: { id: sheet.id, name: sheet.name, type: sheet.type, lxState: now, stored: sheet.lxState },
    sealEnabled: seal.enabled,
    assumedApproved,
    paths: edits.map((e) => e.path),
    exempt: edits.filter((e) => e.exempt).map((e) => e.path),
    approvalMissing,
    users,
    groups: {
      keepsSeal: ids((u) => u.keeps.length > 0),
      breaksSeal: ids((u) => u.breaks.length > 0),
      approves: ids((u) => u.approves),
      notified: ids((u) => u.notified),
      cannotTouch: ids((u) => u.keeps.length === 0 && u.breaks.length === 0 && !u.approves),
    },
  };
}

function approveBlocked(user: CompiledUser, holder: WhoSealHolder, shut: WhoUser['shut'], sealEnabled: boolean, missing: Missing | null): string {
  if (!sealEnabled) return 'the type has no quality seal';
  if (shut === 'expired') return 'the user has expired';
  if (shut === 'write ACL') return 'the write ACL shuts the user out';
  if (holder === null) return user.user.role === 'VIEWER' ? 'no seal permission (a VIEWER holds none by subscription)' : 'no seal permission: not ADMIN, no grant on lxState, not a responsible or accountable subscriber';
  if (missing) return missingWords(missing);
  return 'not allowed';
}

/** Whether the user may open the fact sheet: the decision of a `read`. */
function readsSheet(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, at: number): boolean {
  return decide(ws, user.user.id, { op: 'read', factSheet: sheet.id }, at).allowed;
}
