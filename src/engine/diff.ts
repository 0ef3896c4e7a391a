// Exact, exhaustive capability difference between two policy files over the finite
// space user × resource × action × type × qualifier (LeanIX) or user × action ×
// datastore (Qualytics), grouped by user and by role, plus the scenarios and seals
// whose outcome changes.
import type { LeanixPolicy, Policy, QualyticsPolicy, Scenario } from '../model/schema';
import { SHIRO_ACTIONS, Q_ACTION_IDS, Q_ROLE_ONLY_ACTIONS, QUALIFIED_RESOURCES, RESOURCES } from '../model/vocabulary';
import type { Resource } from '../model/vocabulary';
import { ACTION_BIT, RESOURCE_INDEX, compileLeanix, offset, qualifierRange } from './leanix/compile';
import type { CompiledLeanix, CompiledType } from './leanix/compile';
import { clockThreshold, clockedState, sealByGrant, sealPermissionOn } from './leanix/decide';
import { compileQualytics, evaluateQualytics } from './qualytics/evaluate';
import { compile, runScenario } from './scenarios';

export interface Capability {
  readonly user: string;
  readonly resource: string;
  readonly action: string;
  readonly type: string;
  readonly qualifier: string;
}

export interface RoleCapability {
  readonly role: string;
  readonly resource: string;
  readonly action: string;
  readonly type: string;
  readonly qualifier: string;
}

export interface ScenarioChange {
  readonly name: string;
  readonly old: Record<string, unknown> | null;
  readonly new: Record<string, unknown> | null;
}

export interface SealChange {
  readonly user: string;
  readonly factSheet: string;
  /** What an edit of a seal-relevant field by the user does to the approved seal. */
  readonly old: 'keeps' | 'breaks' | 'absent';
  readonly new: 'keeps' | 'breaks' | 'absent';
}

export interface PolicyDiff {
  readonly added: Capability[];
  readonly removed: Capability[];
  readonly rolesAdded: RoleCapability[];
  readonly rolesRemoved: RoleCapability[];
  readonly scenarioChanges: ScenarioChange[];
  readonly sealChanges: SealChange[];
  /** Seal changes beyond the ones listed. */
  readonly sealChangesOmitted: number;
}

const SEAL_LIST_LIMIT = 10_000;

export function diffPolicies(oldPolicy: Policy, newPolicy: Policy): PolicyDiff {
  const base =
    oldPolicy.platform === 'leanix' && newPolicy.platform === 'leanix'
      ? diffLeanix(oldPolicy, newPolicy)
      : oldPolicy.platform === 'qualytics' && newPolicy.platform === 'qualytics'
        ? diffQualytics(oldPolicy, newPolicy)
        : null;
  if (!base) throw new Error('the two files are for different platforms');
  return { ...base, scenarioChanges: scenarioChanges(oldPolicy, newPolicy) };
}

// ---------------------------------------------------------------- LeanIX

interface Space {
  /** For each (resource, type, qualifier) cell of a capability array: its names. */
  readonly cells: { resource: Resource; type: string; qualifier: string }[];
  readonly offsets: number[];
}

function spaceOf(ws: CompiledLeanix): Space {
  const cells: Space['cells'] = [];
  const offsets: number[] = [];
  for (const resource of RESOURCES) {
    const qualified = QUALIFIED_RESOURCES.includes(resource);
    for (const [typeName, type] of ws.types) {
      const names = qualified ? qualifiersOf(resource, type) : ['*'];
      for (const qualifier of names) {
        cells.push({ resource, type: typeName, qualifier });
        offsets.push(offset(ws, RESOURCE_INDEX[resource], type.index, qualified ? type.qualifiers.get(qualifier)! : 0));
      }
    }
  }
  return { cells, offsets };
}

function qualifiersOf(resource: Resource, type: CompiledType): string[] {
  return qualifierRange(resource, type).map(([name]) => name);
}

function key(c: { resource: string; type: string; qualifier: string }): string {
  return `${c.resource}\u0000${c.type}\u0000${c.qualifier}`;
}

/** Bits held per cell key, for a user's caps in a workspace. */
function diffCaps(
  user: string,
  oldCaps: Uint8Array | null,
  newCaps: Uint8Array | null,
  oldSpace: Space,
  newSpace: Space,
  newIndex: Map<string, number> | null,
  added: Capability[],
  removed: Capability[],
): void {
  const emit = (into: Capability[], cell: Space['cells'][number], bits: number) => {
    for (const action of SHIRO_ACTIONS) if (bits & ACTION_BIT[action]) into.push({ user, resource: cell.resource, action, type: cell.type, qualifier: cell.qualifier });
  };
  if (!newIndex) {
    // same shape: compare cell by cell
    for (let i = 0; i < oldSpace.offsets.length; i++) {
      const o = oldCaps ? oldCaps[oldSpace.offsets[i]!]! : 0;
      const n = newCaps ? newCaps[newSpace.offsets[i]!]! : 0;
      if (o === n) continue;
      emit(added, newSpace.cells[i]!, n & ~o);
      emit(removed, oldSpace.cells[i]!, o & ~n);
    }
    return;
  }
  const seen = new Set<number>();
  for (let i = 0; i < oldSpace.offsets.length; i++) {
    const o = oldCaps ? oldCaps[oldSpace.offsets[i]!]! : 0;
    const j = newIndex.get(key(oldSpace.cells[i]!));
    const n = j === undefined || !newCaps ? 0 : newCaps[newSpace.offsets[j]!]!;
    if (j !== undefined) seen.add(j);
    emit(added, oldSpace.cells[i]!, n & ~o);
    emit(removed, oldSpace.cells[i]!, o & ~n);
  }
  if (!newCaps) return;
  for (let j = 0; j < newSpace.offsets.length; j++) {
    if (seen.has(j)) continue;
    emit(added, newSpace.cells[j]!, newCaps[newSpace.offsets[j]!]!);
  }
}

function sameShape(a: Space, b: Space): boolean {
  if (a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (key(a.cells[i]!) !== key(b.cells[i]!)) return false;
  return true;
}

function diffLeanix(oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy): Omit<PolicyDiff, 'scenarioChanges'> {
  const oldWs = compileLeanix(oldPolicy);
  const newWs = compileLeanix(newPolicy);
  const oldSpace = spaceOf(oldWs);
  const newSpace = spaceOf(newWs);
  const newIndex = sameShape(oldSpace, newSpace) ? null : new Map(newSpace.cells.map((c, j) => [key(c), j]));
  const added: Capability[] = [];
  const removed: Capability[] = [];
  // users sharing the same pair of capability arrays differ in the same way: compute once
  const memo = new Map<Uint8Array | null, Map<Uint8Array | null, { added: Capability[]; removed: Capability[] }>>();
  const ids = new Set([...oldWs.users.keys(), ...newWs.users.keys()]);
  for (const id of ids) {
    const o = oldWs.users.get(id)?.caps ?? null;
    const n = newWs.users.get(id)?.caps ?? null;
    if (o === n) continue;
    let row = memo.get(o);
    if (!row) memo.set(o, (row = new Map()));
    let d = row.get(n);
    if (!d) {
      d = { added: [], removed: [] };
      diffCaps('', o, n, oldSpace, newSpace, newIndex, d.added, d.removed);
      row.set(n, d);
    }
    for (const c of d.added) added.push({ ...c, user: id });
    for (const c of d.removed) removed.push({ ...c, user: id });
  }
  const roles = diffRoles(oldWs, newWs, oldSpace, newSpace, newIndex);
  const seals = sealChanges(oldWs, newWs);
  return { added, removed, rolesAdded: roles.added, rolesRemoved: roles.removed, ...seals };
}

function roleCaps(ws: CompiledLeanix, name: string): Uint8Array | null {
  const role = ws.policy.roles.find((r) => r.name === name);
  if (!role) return null;
  const fake = compileLeanix({ ...ws.policy, users: [{ id: '\u0000', kind: 'human', role: 'MEMBER', customerRoles: [name], aces: [], expiresAt: null }], factSheets: [] });
  return fake.users.get('\u0000')!.caps;
}

function diffRoles(oldWs: CompiledLeanix, newWs: CompiledLeanix, oldSpace: Space, newSpace: Space, newIndex: Map<string, number> | null) {
  const added: RoleCapability[] = [];
  const removed: RoleCapability[] = [];
  const names = new Set([...oldWs.policy.roles.map((r) => r.name), ...newWs.policy.roles.map((r) => r.name)]);
  for (const name of names) {
    const o = oldWs.policy.roles.find((r) => r.name === name);
    const n = newWs.policy.roles.find((r) => r.name === name);
    if (o && n && newIndex === null && JSON.stringify(o) === JSON.stringify(n) && sameClones(oldWs, newWs, name)) continue;
    const a: Capability[] = [];
    const r: Capability[] = [];
    diffCaps(name, roleCaps(oldWs, name), roleCaps(newWs, name), oldSpace, newSpace, newIndex, a, r);
    for (const c of a) added.push({ role: name, resource: c.resource, action: c.action, type: c.type, qualifier: c.qualifier });
    for (const c of r) removed.push({ role: name, resource: c.resource, action: c.action, type: c.type, qualifier: c.qualifier });
  }
  return { added, removed };
}

/** True when the roles a role clones from are unchanged too. */
function sameClones(oldWs: CompiledLeanix, newWs: CompiledLeanix, name: string): boolean {
  let next: string | undefined = name;
  const seen = new Set<string>();
  while (next && !seen.has(next)) {
    seen.add(next);
    const o = oldWs.policy.roles.find((r) => r.name === next);
    const n = newWs.policy.roles.find((r) => r.name === next);
    if (JSON.stringify(o) !== JSON.stringify(n)) return false;
    next = o?.cloneFrom;
  }
  return true;
}

/** Per user and approved fact sheet: does an edit keep or break the seal, old vs new. */
function sealChanges(oldWs: CompiledLeanix, newWs: CompiledLeanix): { sealChanges: SealChange[]; sealChangesOmitted: number } {
  const out: SealChange[] = [];
  let omitted = 0;
  const ids = new Set([...oldWs.users.keys(), ...newWs.users.keys()]);
  const sheetIds = new Set([...oldWs.factSheets.keys(), ...newWs.factSheets.keys()]);
  const at = (ws: CompiledLeanix) => Date.parse(ws.policy.asOf);
  const outcome = (ws: CompiledLeanix, userId: string, sheetId: string): SealChange['old'] => {
    const user = ws.users.get(userId);
    const sheet = ws.factSheets.get(sheetId);
    if (!user || !sheet) return 'absent';
    const type = ws.types.get(sheet.type)!;
    if (!type.type.qualitySeal.enabled || clockedState(sheet, clockThreshold(type, at(ws))) !== 'APPROVED') return 'absent';
    return sealPermissionOn(sealByGrant(ws, user, type), user, sheet) ? 'keeps' : 'breaks';
  };
  const changedSheets = [...sheetIds].filter((id) => JSON.stringify(oldWs.factSheets.get(id)) !== JSON.stringify(newWs.factSheets.get(id)));
  const sameClock = oldWs.policy.asOf === newWs.policy.asOf && JSON.stringify(oldWs.policy.factSheetTypes) === JSON.stringify(newWs.policy.factSheetTypes);
  const allSheets = [...sheetIds];
  for (const userId of ids) {
    const unchanged = sameClock && sealSignature(oldWs, userId) === sealSignature(newWs, userId);
    for (const sheetId of unchanged ? changedSheets : allSheets) {
      const o = outcome(oldWs, userId, sheetId);
      const n = outcome(newWs, userId, sheetId);
      if (o === n) continue;
      if (out.length < SEAL_LIST_LIMIT) out.push({ user: userId, factSheet: sheetId, old: o, new: n });
      else omitted++;
    }
  }
  return { sealChanges: out, sealChangesOmitted: omitted };
}

/** What decides a user's seal permission, besides subscriptions: ADMIN, standard role, lxState grants per type. */
function sealSignature(ws: CompiledLeanix, userId: string): string {
  const user = ws.users.get(userId);
  if (!user) return 'absent';
  if (user.admin) return 'admin';
  const types: string[] = [];
  for (const [name, type] of ws.types) if (sealByGrant(ws, user, type)) types.push(name);
  return `${user.user.role}:${types.join(',')}`;
}

// ---------------------------------------------------------------- Qualytics

function diffQualytics(oldPolicy: QualyticsPolicy, newPolicy: QualyticsPolicy): Omit<PolicyDiff, 'scenarioChanges'> {
  const oldWs = compileQualytics(oldPolicy);
  const newWs = compileQualytics(newPolicy);
  const datastores = [...new Set([...oldPolicy.datastores.map((d) => d.id), ...newPolicy.datastores.map((d) => d.id)])];
  const caps = (ws: ReturnType<typeof compileQualytics>, user: string): Set<string> => {
    const out = new Set<string>();
    const u = ws.users.get(user);
    if (!u || !u.active) return out;
    const at = Date.parse(ws.policy.asOf);
    for (const action of Q_ACTION_IDS) {
      const targets = Q_ROLE_ONLY_ACTIONS.includes(action) ? ['*'] : datastores.filter((d) => ws.policy.datastores.some((x) => x.id === d));
      for (const ds of targets) {
        const o = evaluateQualytics(ws, user, ds === '*' ? { action } : { action, datastore: ds }, at);
        if (o.allowed) out.add(`${action}\u0000${ds}`);
      }
    }
    return out;
  };
  const added: Capability[] = [];
  const removed: Capability[] = [];
  const ids = new Set([...oldWs.users.keys(), ...newWs.users.keys()]);
  for (const id of ids) {
    const o = caps(oldWs, id);
    const n = caps(newWs, id);
    const as = (k: string): Capability => {
      const [action, ds] = k.split('\u0000') as [string, string];
      return { user: id, resource: 'DATASTORE', action, type: ds, qualifier: '*' };
    };
    for (const k of n) if (!o.has(k)) added.push(as(k));
    for (const k of o) if (!n.has(k)) removed.push(as(k));
  }
  return { added, removed, rolesAdded: [], rolesRemoved: [], sealChanges: [], sealChangesOmitted: 0 };
}

// ---------------------------------------------------------------- scenarios

function scenarioChanges(oldPolicy: Policy, newPolicy: Policy): ScenarioChange[] {
  const oldC = compile(oldPolicy);
  const newC = compile(newPolicy);
  const byName = new Map<string, Scenario>();
  for (const s of oldPolicy.scenarios as readonly Scenario[]) byName.set(s.name, s);
  for (const s of newPolicy.scenarios as readonly Scenario[]) byName.set(s.name, s);
  const out: ScenarioChange[] = [];
  for (const [name, scenario] of byName) {
    const before = attempt(() => runScenario(oldC, scenario).actual);
    const after = attempt(() => runScenario(newC, scenario).actual);
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ name, old: before, new: after });
  }
  return out;
}

/** A scenario that names something one file lacks has no outcome there. */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

