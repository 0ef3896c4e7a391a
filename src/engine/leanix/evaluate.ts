// The LeanIX evaluator: who may do what, and what an allowed operation does to the
// quality seal, exactly as policy-file.md "Semantics" fixes it. Every outcome
// carries its reasons and, where it is denied or breaks a seal, what would change it.
import type { FactSheet, LeanixOperation, Patch, UpdateOperation } from '../../model/schema';
import { DAY_MS } from '../../model/vocabulary';
import type { Action, LeanixEvent, LxState, Resource } from '../../model/vocabulary';
import { firstSegment, isSingleSegment } from '../../model/paths';
import { formatGrant } from '../../model/permission';
import { day, list } from '../reasons';
import type { Fix, Reason } from '../reasons';
import { grantsFor, holds } from './compile';
import { actionFor, isEmpty, isSealRelevant, onFields } from './target';
import { targetOf } from '../../model/patch-path';
import type { Target } from '../../model/patch-path';
import type { CompiledLeanix, CompiledType, CompiledUser } from './compile';

export interface PatchDecision {
  readonly path: string;
  readonly allowed: boolean;
  /** What the patch touches: `attribute`, `base field`, `relation`, a section name, or `seal`. */
  readonly target: string;
  readonly sealRelevant: boolean;
}

export interface LeanixOutcome {
  readonly allowed: boolean;
  readonly deniedPaths: string[];
  readonly lxStateBefore: LxState | null;
  readonly lxStateAfter: LxState | null;
  readonly sealBroken: boolean;
  readonly notified: string[];
  readonly events: LeanixEvent[];
  /** Only for an allowed approval: the new `approvedAt`. */
  readonly approvedAt?: string;
  /** Whether the fact sheet's type has a quality seal at all (false: the state is only stored). */
  readonly sealEnabled?: boolean;
  readonly patches: PatchDecision[];
  readonly reasons: Reason[];
  readonly fixes: Fix[];
}

const SEAL_SUBSCRIPTIONS = new Set(['RESPONSIBLE', 'ACCOUNTABLE']);

/** The seal state after the renewal clock: an expired approval is already broken. */
export function stateAfterClock(sheet: FactSheet, type: CompiledType, at: number): { state: LxState; expiredAt: number | null } {
  const seal = type.type.qualitySeal;
  if (!seal.enabled || sheet.lxState !== 'APPROVED' || seal.renewalDays === null || sheet.approvedAt === null) {
    return { state: sheet.lxState, expiredAt: null };
  }
  const expiresAt = Date.parse(sheet.approvedAt) + seal.renewalDays * DAY_MS;
  return expiresAt <= at ? { state: 'BROKEN_QUALITY_SEAL', expiredAt: expiresAt } : { state: 'APPROVED', expiredAt: null };
}

/** How a user holds the seal permission on a fact sheet, or null. */
export function sealPermission(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, type: CompiledType): string | null {
  if (user.admin) return `${user.user.id} holds the seal permission on ${sheet.name}: ADMIN`;
  if (holds(ws, user, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', type, 'lxState')) {
    const grant = grantsFor(user, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', type.type.name, 'lxState')[0];
    const by = grant ? `${grant.role} grants ${grant.grant.source}` : 'a grant of UPDATE on lxState';
    return `${user.user.id} holds the seal permission on ${sheet.name}: ${by}`;
  }
  if (user.user.role !== 'VIEWER') {
    const sub = sheet.subscriptions.find((s) => s.user === user.user.id && SEAL_SUBSCRIPTIONS.has(s.type));
    if (sub) return `${user.user.id} holds the seal permission on ${sheet.name}: its ${sub.type} subscriber with standard role ${user.user.role}`;
  }
  return null;
}

function noSealPermission(user: CompiledUser, sheet: FactSheet): string {
  const sub = sheet.subscriptions.find((s) => s.user === user.user.id && SEAL_SUBSCRIPTIONS.has(s.type));
  const subscriber = sub
    ? `its ${sub.type} subscriber but with standard role VIEWER`
    : 'not its responsible or accountable subscriber';
  return `${user.user.id} holds no seal permission on ${sheet.name}: not ADMIN, ${subscriber}, no grant on lxState`;
}

function valueOf(sheet: FactSheet, field: string): unknown {
  return field === 'name' ? sheet.name : sheet.values[field];
}

function grantReason(user: CompiledUser, resource: Resource, action: Action, type: string, qualifier: string, label: string): string {
  if (user.admin) return `${user.user.id} is ADMIN: it may ${action} ${label}`;
  const found = grantsFor(user, resource, action, type, qualifier)[0];
  if (!found) return `${user.user.id} may ${action} ${label}`;
  const who = found.builtin ? `${found.role} (standard role)` : found.role;
  return `${who} grants ${action} on ${label} (${found.grant.source})`;
}

/** `vuln-sync's customer role VULN_SYNC grants no`, `a's customer roles X and Y grant no`. */
function grantsNo(user: CompiledUser): string {
  if (!user.user.customerRoles.length) return `${user.user.id}'s standard role ${user.user.role} grants no`;
  const n = user.user.customerRoles.length;
  return `${user.user.id}'s customer role${n === 1 ? ' ' : 's '}${list(user.user.customerRoles)} ${n === 1 ? 'grants' : 'grant'} no`;
}

function expiryFix(user: CompiledUser, at: number): Fix {
  return { kind: 'expiry', text: `extend the expiry of the technical user ${user.user.id} beyond ${day(at)}` };
}

function aceFix(user: CompiledUser, acl: readonly string[]): Fix {
  return { kind: 'ace', text: `give ${user.user.id} one of the access control entities ${list(acl, 'or')}`, aces: [...acl] };
}

/** The grant to add: to the actor's first customer role, or a new one cloned from its standard role. */
function grantFix(user: CompiledUser, permission: string, consequence = ''): Fix {
  const first = user.user.customerRoles[0];
  const text = first
    ? `add ${permission} to ${first}, a customer role of ${user.user.id}${consequence}`
    : `give ${user.user.id} a customer role cloned from ${user.user.role} with ${permission}${consequence}`;
  return { kind: 'grant', text, permission };
}

function requiredGrant(resource: Resource, action: Action, type: string, qualifier: string): string {
  return formatGrant({ resource, actions: [action], type, qualifier });
}

/** The outcome every denial shares. */
function denied(before: LxState | null, after: LxState | null, deniedPaths: string[], patches: PatchDecision[], reasons: Reason[], fixes: Fix[]): LeanixOutcome {
  return { allowed: false, deniedPaths, lxStateBefore: before, lxStateAfter: after, sealBroken: false, notified: [], events: [], patches, reasons, fixes };
}

function expiryReason(user: CompiledUser, at: number): Reason | null {
  const expires = user.user.expiresAt;
  if (user.user.kind !== 'technical' || expires === null || Date.parse(expires) > at) return null;
  return { kind: 'expiry', text: `the technical user ${user.user.id} expired on ${day(Date.parse(expires))}: it is denied everything` };
}

function aclReason(user: CompiledUser, sheet: FactSheet, acl: readonly string[], mode: 'read' | 'write'): Reason | null {
  if (user.admin || acl.length === 0 || acl.some((e) => user.aces.has(e))) return null;
  const held = user.aces.size ? `holds only ${list([...user.aces])}` : 'holds no access control entity';
  return { kind: 'acl', text: `${sheet.name} may be ${mode === 'read' ? 'read' : 'written'} only by holders of ${list(acl, 'or')}; ${user.user.id} ${held}` };
}

export function evaluateLeanix(ws: CompiledLeanix, actorId: string, operation: LeanixOperation, at: number): LeanixOutcome {
  const outcome = evaluate(ws, actorId, operation, at);
  const typeName = operation.op === 'create' ? operation.type : ws.factSheets.get(operation.factSheet)?.type;
  const sealEnabled = typeName !== undefined && ws.types.get(typeName)?.type.qualitySeal.enabled === true;
  return sealEnabled ? outcome : { ...outcome, sealEnabled };
}

function evaluate(ws: CompiledLeanix, actorId: string, operation: LeanixOperation, at: number): LeanixOutcome {
  const user = ws.users.get(actorId);
  if (!user) throw new Error(`unknown actor \`${actorId}\``); // a validated file never gets here
  const expiry = expiryReason(user, at);

  if (operation.op === 'create') {
    const type = ws.types.get(operation.type)!;
    if (expiry) return denied(null, null, [], [], [expiry], [expiryFix(user, at)]);
    if (!holds(ws, user, 'FACT_SHEET', 'CREATE', type, '*')) {
      const permission = requiredGrant('FACT_SHEET', 'CREATE', type.type.name, '*');
      return denied(null, null, [], [], [{ kind: 'missing-grant', text: `${grantsNo(user)} CREATE on ${type.type.name} fact sheets` }], [
        grantFix(user, permission),
      ]);
    }
    const seal = type.type.qualitySeal;
    const initial: LxState = seal.draft ? 'DRAFT' : seal.enabled ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
    return {
      allowed: true,
      deniedPaths: [],
      lxStateBefore: null,
      lxStateAfter: initial,
      sealBroken: false,
      notified: [],
      events: ['FACT_SHEET_CREATED'],
      patches: [],
      reasons: [
        { kind: 'grant', text: grantReason(user, 'FACT_SHEET', 'CREATE', type.type.name, '*', `${type.type.name} fact sheets`) },
        {
          kind: 'seal',
          text: `a new ${type.type.name} starts as ${initial}: its seal is ${seal.enabled ? 'enabled' : 'disabled'} and the draft state ${seal.draft ? 'enabled' : 'not enabled'}`,
        },
      ],
      fixes: [],
    };
  }

  const sheet = ws.factSheets.get(operation.factSheet)!;
  const type = ws.types.get(sheet.type)!;
  const clock = stateAfterClock(sheet, type, at);
  const before = clock.state;
  const reasons: Reason[] = [];
  if (clock.expiredAt !== null) {
    reasons.push({
      kind: 'clock',
      text: `the seal of ${sheet.name} was approved on ${day(Date.parse(sheet.approvedAt!))} and expires after ${type.type.qualitySeal.renewalDays} days (${day(clock.expiredAt)}): it is already broken`,
    });
  }

  if (operation.op === 'read' || operation.op === 'archive') {
    const read = operation.op === 'read';
    const action: Action = read ? 'READ' : 'DELETE';
    const gate = [expiry, aclReason(user, sheet, read ? sheet.permittedReadACL : sheet.permittedWriteACL, read ? 'read' : 'write')].filter(
      (r): r is Reason => r !== null,
    );
    if (gate.length) {
      const acl = read ? sheet.permittedReadACL : sheet.permittedWriteACL;
      const fixes: Fix[] = [];
      if (gate.some((g) => g.kind === 'acl')) fixes.push(aceFix(user, acl));
      if (expiry) fixes.push(expiryFix(user, at));
      return denied(before, before, [], [], [...reasons, ...gate], fixes);
    }
    if (!holds(ws, user, 'FACT_SHEET', action, type, '*')) {
      const permission = requiredGrant('FACT_SHEET', action, type.type.name, '*');
      return denied(before, before, [], [], [...reasons, { kind: 'missing-grant', text: `${grantsNo(user)} ${action} on ${type.type.name} fact sheets` }], [
        grantFix(user, permission),
      ]);
    }
    reasons.push({ kind: 'grant', text: grantReason(user, 'FACT_SHEET', action, type.type.name, '*', `${type.type.name} fact sheets`) });
    return {
      allowed: true,
      deniedPaths: [],
      lxStateBefore: before,
      lxStateAfter: before,
      sealBroken: false,
      notified: [],
      events: read ? [] : ['FACT_SHEET_ARCHIVED'],
      patches: [],
      reasons,
      fixes: [],
    };
  }

  return evaluateUpdate(ws, user, sheet, type, operation, at, before, reasons, expiry);
}

function evaluateUpdate(
  ws: CompiledLeanix,
  user: CompiledUser,
  sheet: FactSheet,
  type: CompiledType,
  operation: UpdateOperation,
  at: number,
  before: LxState,
  reasons: Reason[],
  expiry: Reason | null,
): LeanixOutcome {
  const allPaths = operation.patches.map((p) => p.path);
  const seal = type.type.qualitySeal;
  const targets = operation.patches.map((p) => targetOf(type.type, p.path));
  const decisions = (allowed: (i: number) => boolean): PatchDecision[] =>
    operation.patches.map((p, i) => ({
      path: p.path,
      allowed: allowed(i),
      target: targets[i]!.kind,
      sealRelevant: isSealRelevant(targets[i]!.kind, type.type.qualitySeal.tagsBreakSeal),
    }));

  const gate = [expiry, aclReason(user, sheet, sheet.permittedWriteACL, 'write')].filter((r): r is Reason => r !== null);
  // the patches are judged even behind a closed gate, so that the fixes name every grant still missing
  const sealHolder = sealPermission(ws, user, sheet, type);
  const fixes: Fix[] = [];
  const patchReasons: Reason[] = [];
  const patchAllowed: boolean[] = [];
  const sealPatch = operation.patches.find((p) => firstSegment(p.path) === 'lxState');
  operation.patches.forEach((patch, i) => {
    const target = targets[i]!;
    const ok = target.kind === 'seal'
      ? checkSealPatch(user, sheet, type, operation.patches, patch, sealHolder, patchReasons, fixes)
      : checkPatch(ws, user, sheet, type, patch, target, before, patchReasons, fixes);
    patchAllowed.push(ok);
  });
  if (gate.length) {
    const gateFixes: Fix[] = [];
    if (gate.some((g) => g.kind === 'acl')) {
      gateFixes.push(aceFix(user, sheet.permittedWriteACL));
    }
    if (expiry) gateFixes.push(expiryFix(user, at));
    return denied(before, before, allPaths, decisions(() => false), [...reasons, ...gate], [...gateFixes, ...fixes]);
  }
  reasons.push(...patchReasons);
  const deniedPaths = operation.patches.filter((_, i) => !patchAllowed[i]).map((p) => p.path);
  const patches = decisions((i) => patchAllowed[i]!);
  if (deniedPaths.length) {
    reasons.push({ kind: 'rule', text: 'an update is atomic: one denied patch denies it all, nothing changes' });
    return denied(before, before, deniedPaths, patches, reasons, fixes);
  }

  if (!seal.enabled) {
    reasons.push({ kind: 'seal', text: `${type.type.name} has no quality seal: the state is kept as stored, nothing breaks` });
    return { allowed: true, deniedPaths: [], lxStateBefore: before, lxStateAfter: before, sealBroken: false, notified: [], events: ['FACT_SHEET_UPDATED'], patches, reasons, fixes };
  }

  const relevant = patches.filter((p) => p.sealRelevant).map((p) => p.path);
  const newState = sealPatch ? (sealPatch.value as LxState) : null;
  const breaksByEdit = before === 'APPROVED' && relevant.length > 0 && sealHolder === null;
  const breaksBySeal = before === 'APPROVED' && newState === 'BROKEN_QUALITY_SEAL';
  if (breaksByEdit || breaksBySeal) {
    const notified = [...new Set(sheet.subscriptions.filter((s) => SEAL_SUBSCRIPTIONS.has(s.type)).map((s) => s.user))].filter((u) => u !== user.user.id);
    if (breaksByEdit) {
      reasons.push({ kind: 'no-seal-permission', text: noSealPermission(user, sheet) });
      reasons.push({
        kind: 'seal',
        text: `the update touches ${list(relevant)} of approved ${sheet.name} without the seal permission: the seal breaks`,
      });
      const permission = requiredGrant('FACT_SHEET_BASE_FIELDS', 'UPDATE', type.type.name, 'lxState');
      fixes.push(grantFix(user, permission, ` (it may then also set seals of ${type.type.name})`));
      if (user.user.role !== 'VIEWER') fixes.push({ kind: 'subscription', text: `subscribe ${user.user.id} to ${sheet.name} as RESPONSIBLE`, factSheet: sheet.id });
    } else {
      reasons.push({ kind: 'seal', text: `${user.user.id} sets the seal of approved ${sheet.name} to BROKEN_QUALITY_SEAL` });
    }
    reasons.push({
      kind: 'seal',
      text: notified.length
        ? `${list(notified)} ${notified.length === 1 ? 'is' : 'are'} notified as responsible or accountable subscriber${notified.length === 1 ? '' : 's'}`
        : `${sheet.name} has no responsible or accountable subscriber to notify`,
    });
    return {
      allowed: true,
      deniedPaths: [],
      lxStateBefore: before,
      lxStateAfter: 'BROKEN_QUALITY_SEAL',
      sealBroken: true,
      notified,
      events: ['FACT_SHEET_UPDATED', 'QUALITY_SEAL_BROKEN'],
      patches,
      reasons,
      fixes,
    };
  }

  const events: LeanixEvent[] = ['FACT_SHEET_UPDATED'];
  if (before === 'APPROVED' && relevant.length > 0 && sealHolder) {
    reasons.push({ kind: 'seal-permission', text: sealHolder });
    reasons.push({ kind: 'seal', text: `an edit by a holder of the seal permission keeps the seal of ${sheet.name}` });
  } else if (before === 'APPROVED' && !newState) {
    reasons.push({ kind: 'seal', text: `the update touches no seal-relevant path (subscriptions, comments, metrics and surveys never break a seal${seal.tagsBreakSeal ? '' : '; tags do not on ' + type.type.name}): the seal is kept` });
  } else if (before !== 'APPROVED' && !newState) {
    reasons.push({ kind: 'seal', text: `${sheet.name} is ${before}, not approved: there is no seal to break` });
  }
  const result: LeanixOutcome = {
    allowed: true,
    deniedPaths: [],
    lxStateBefore: before,
    lxStateAfter: newState ?? before,
    sealBroken: false,
    notified: [],
    events,
    patches,
    reasons,
    fixes,
  };
  if (newState === 'APPROVED') {
    events.push('QUALITY_SEAL_APPROVED');
    return { ...result, approvedAt: new Date(at).toISOString() };
  }
  return result;
}

function checkPatch(
  ws: CompiledLeanix,
  user: CompiledUser,
  sheet: FactSheet,
  type: CompiledType,
  patch: Patch,
  target: Target,
  before: LxState,
  reasons: Reason[],
  fixes: Fix[],
): boolean {
  const resource = target.resource!;
  const action = actionFor(target, patch.op);
  let ok = true;
  if (before === 'APPROVED' && isSingleSegment(patch.path) && type.mandatory.has(target.qualifier) && onFields(target)) {
    if (patch.op === 'remove' || isEmpty(patch.value)) {
      reasons.push({ kind: 'rule', text: `${patch.path}: ${target.label} is mandatory and ${sheet.name} is approved: it may be edited but not emptied, by anyone (ADMIN included)` });
      ok = false;
    }
  }
  if (holds(ws, user, resource, action, type, target.qualifier)) {
    reasons.push({ kind: 'grant', text: `${patch.path}: ${grantReason(user, resource, action, type.type.name, target.qualifier, target.label)}` });
  } else {
    const permission = requiredGrant(resource, action, type.type.name, target.qualifier);
    reasons.push({ kind: 'missing-grant', text: `${patch.path}: ${grantsNo(user)} ${action} on ${target.label} (needs ${permission})` });
    fixes.push(grantFix(user, permission));
    ok = false;
  }
  return ok;
}

function checkSealPatch(
  user: CompiledUser,
  sheet: FactSheet,
  type: CompiledType,
  patches: readonly Patch[],
  patch: Patch,
  sealHolder: string | null,
  reasons: Reason[],
  fixes: Fix[],
): boolean {
  const seal = type.type.qualitySeal;
  const value = patch.value as LxState | undefined;
  let ok = true;
  const deny = (text: string) => {
    reasons.push({ kind: 'rule', text: `/lxState: ${text}` });
    ok = false;
  };
  if (!seal.enabled) deny(`${type.type.name} has no quality seal to set`);
  else if (patch.op === 'remove') deny('the seal state cannot be removed');
  else if (value === 'DRAFT' && !seal.draft) deny(`the DRAFT state is not enabled for ${type.type.name}`);
  else if (value === 'REJECTED' && !seal.rejected) deny(`the REJECTED state is not enabled for ${type.type.name}`);
  else if (value === 'APPROVED') {
    const missing = [...type.mandatory].filter((field) => isEmpty(valueAfter(sheet, patches, patch, field)));
    if (missing.length) deny(`approval needs every mandatory field filled; ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} empty`);
  }
  if (sealHolder) reasons.push({ kind: 'seal-permission', text: `/lxState: ${sealHolder}` });
  else {
    reasons.push({ kind: 'no-seal-permission', text: `/lxState: ${noSealPermission(user, sheet)}` });
    const permission = requiredGrant('FACT_SHEET_BASE_FIELDS', 'UPDATE', type.type.name, 'lxState');
    fixes.push(grantFix(user, permission));
    ok = false;
  }
  return ok;
}

/** A field's value with every other single-segment patch of the update applied. */
function valueAfter(sheet: FactSheet, patches: readonly Patch[], except: Patch, field: string): unknown {
  let value = valueOf(sheet, field);
  for (const patch of patches) {
    if (patch === except || !isSingleSegment(patch.path) || firstSegment(patch.path) !== field) continue;
    value = patch.op === 'remove' ? undefined : patch.value;
  }
  return value;
}

