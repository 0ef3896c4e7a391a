// What changes between two policy files, as a gate that misses no new access:
// - capabilities, exactly, over user × resource × action × type × qualifier (LeanIX) or
//   user × action × datastore (Qualytics), grouped by user and by role;
// - for LeanIX, decisions per user × fact sheet that flip while the capabilities they need
//   stay held: a fact sheet's ACL, a user's access control entities or expiry, a
//   subscription (the seal permission), the fact sheet's state, the type's rules, the
//   settings or the clock. Each is what the decision core decides (decide.ts), read once
//   per user and type (grants) and once per fact sheet (rules), never re-implemented;
// - the scenarios and seals whose outcome changes.
// Every access added or removed names its cause.
import type { FactSheet, LeanixPolicy, Patch, Policy, QualyticsPolicy, Scenario } from '../model/schema';
import { targetOf } from '../model/patch-path';
import { BASE_FIELDS, LX_STATES, Q_ACTION_IDS, Q_ROLE_ONLY_ACTIONS, QUALIFIED_RESOURCES, RESOURCES, SECTIONS, SHIRO_ACTIONS, SUBSCRIPTION_TYPES } from '../model/vocabulary';
import type { PatchOp, Resource, ShiroAction, SubscriptionType } from '../model/vocabulary';
import { ACTION_BIT, ALL_ACTIONS, RESOURCE_INDEX, cellBits, compileLeanix, holds, offset, plainCaps, qualifierIndex, qualifierRange, roleCaps } from './leanix/compile';
import type { Caps, CompiledLeanix, CompiledType, CompiledUser } from './leanix/compile';
import {
  SHEET_ALLOWED,
  aclShutsOut,
  archiveHolder,
  clockThreshold,
  stateAfterClock,
  clockedState,
  expiryOf,
  judge,
  needOf,
  planUpdate,
  sealByGrant,
  sealPermissionOn,
} from './leanix/decide';
import type { UpdatePlan } from './leanix/decide';
import { compileQualytics, evaluateQualytics } from './qualytics/evaluate';
import { compile, runScenario } from './scenarios';

/**
 * Why an access is added (or removed):
 * - `grant`: a customer role's permissions (or a role it clones from) changed;
 * - `role`: the user's roles changed (customer roles, standard role, ADMIN);
 * - `user`: the user is in one file only;
 * - `type`: the type, field or relation is in one file only;
 * - `expiry`: the technical user's expiry;
 * - `acl`: the fact sheet's read or write ACL;
 * - `aces`: the user's access control entities;
 * - `subscription`: a subscription on the fact sheet (RESPONSIBLE and ACCOUNTABLE ones carry the seal permission);
 * - `sheet`: the fact sheet's state or values (mandatory values, relations, the stored seal);
 * - `rules`: the type's mandatory values or seal settings;
 * - `settings`: the workspace settings;
 * - `clock`: the file's `asOf` (the renewal clock, expiry).
 */
export type Cause = 'grant' | 'role' | 'user' | 'type' | 'expiry' | 'acl' | 'aces' | 'subscription' | 'sheet' | 'rules' | 'settings' | 'clock';

export interface Capability {
  readonly user: string;
  readonly resource: string;
  readonly action: string;
  readonly type: string;
  readonly qualifier: string;
  /** Why the user gains (or loses) it. */
  readonly cause?: Cause;
  /** For an access decided on one fact sheet (its ACL, a subscription, its state): that fact sheet. */
  readonly factSheet?: string;
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
  /** Accesses per fact sheet added (removed) beyond the ones listed. */
  readonly addedOmitted?: number;
  readonly removedOmitted?: number;
}

const SEAL_LIST_LIMIT = 10_000;
/** At most this many accesses per fact sheet are listed in each direction; the rest are counted. */
export const DECISION_LIST_LIMIT = 100_000;

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

// ---------------------------------------------------------------- LeanIX: capabilities

/** A cell named as both files can name it. */
interface Cell {
  readonly resource: Resource;
  readonly type: string;
  readonly qualifier: string;
}

const cellKey = (r: number, type: string, qualifier: string) => `${r}\u0000${type}\u0000${qualifier}`;

interface CellAt {
  readonly r: number;
  readonly type: CompiledType;
  readonly q: number;
  readonly cell: Cell;
}

/** Every cell of a workspace (resource × type × the qualifiers the resource covers), by name, in order. */
function cellsOf(ws: CompiledLeanix): Map<string, CellAt> {
  const out = new Map<string, CellAt>();
  RESOURCES.forEach((resource, r) => {
    for (const [name, type] of ws.types) {
      if (!QUALIFIED_RESOURCES.includes(resource)) {
        out.set(cellKey(r, name, '*'), { r, type, q: 0, cell: { resource, type: name, qualifier: '*' } });
        continue;
      }
      for (const [qualifier, q] of qualifierRange(resource, type)) out.set(cellKey(r, name, qualifier), { r, type, q, cell: { resource, type: name, qualifier } });
    }
  });
  return out;
}

/** The parts of caps, keyed by names so that two workspaces compare (`Caps` keys are indices). */
interface NamedCaps {
  readonly any: Uint8Array;
  readonly byType: Map<string, number>;
  readonly byName: Map<string, number>;
  readonly cells: Map<string, number>;
}

class Side {
  readonly cells: Map<string, CellAt>;
  /** Cell keys by resource; by resource and type; by resource and lower-case qualifier name. */
  readonly byResource: string[][] = RESOURCES.map(() => []);
  private readonly byTypeCells = new Map<string, string[]>();
  private readonly byNameCells = new Map<string, string[]>();
  private readonly typeByIndex: CompiledType[] = [];
  private readonly qualifierNames = new Map<CompiledType, string[]>();
  private readonly names: string[] = [];
  private readonly named = new WeakMap<Caps, NamedCaps>();
  constructor(readonly ws: CompiledLeanix) {
    this.cells = cellsOf(ws);
    for (const t of ws.types.values()) {
      this.typeByIndex[t.index] = t;
      const names: string[] = [];
      for (const [name, q] of t.qualifiers) names[q] = name;
      this.qualifierNames.set(t, names);
    }
    for (const [name, id] of ws.nameIds) this.names[id] = name;
    for (const [key, { r, type, q }] of this.cells) {
      this.byResource[r]!.push(key);
      push(this.byTypeCells, `${r}\u0000${type.type.name}`, key);
      if (QUALIFIED_RESOURCES.includes(RESOURCES[r]!)) push(this.byNameCells, `${r}\u0000${this.names[type.nameIds[q]!]}`, key);
    }
  }
  /** The cells a part of caps covers, by its named key. */
  cellsOfType(key: string): readonly string[] {
    return this.byTypeCells.get(key) ?? [];
  }
  cellsOfName(key: string): readonly string[] {
    return this.byNameCells.get(key) ?? [];
  }
  /** Bits of `caps` at a cell of this side (0 where it has no such cell). */
  bits(caps: Caps | null, key: string): number {
    if (caps === null) return 0;
    const c = this.cells.get(key);
    return c ? cellBits(this.ws, caps, c.r, c.type, c.q) : 0;
  }
  namedOf(caps: Caps): NamedCaps {
    let n = this.named.get(caps);
    if (n) return n;
    const { typeCount, qualifierCount } = this.ws;
    const stride = this.ws.nameIds.size;
    n = { any: caps.any, byType: new Map(), byName: new Map(), cells: new Map() };
    if (caps.byType) for (const [k, v] of caps.byType) n.byType.set(`${Math.floor(k / typeCount)}\u0000${this.typeByIndex[k % typeCount]?.type.name}`, v);
    if (caps.byName) for (const [k, v] of caps.byName) n.byName.set(`${Math.floor(k / stride)}\u0000${this.names[k % stride]}`, v);
    if (caps.cells) {
      for (const [k, v] of caps.cells) {
        const q = k % qualifierCount;
        const rt = Math.floor(k / qualifierCount);
        const type = this.typeByIndex[rt % typeCount];
        const name = type && this.qualifierNames.get(type)![q];
        if (type && name !== undefined) n.cells.set(cellKey(Math.floor(rt / typeCount), type.type.name, name), v);
      }
    }
    this.named.set(caps, n);
    return n;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const EMPTY_CAPS: Caps = plainCaps(new Uint8Array(RESOURCES.length));
const ADMIN_CAPS: Caps = plainCaps(new Uint8Array(RESOURCES.length).fill(ALL_ACTIONS));

/** One cell whose bits differ: the bits only the new caps hold, and only the old. */
interface CellChange {
  readonly key: string;
  readonly cell: Cell;
  readonly added: number;
  readonly removed: number;
  /** The cell is in one file only. */
  readonly onlyOne: boolean;
}

/**
 * The cells whose bits differ between two caps: only the parts that differ are looked at,
 * so the cost grows with the change, not with types × fields.
 */
function changedCells(a: Side, b: Side, oc: Caps | null, nc: Caps | null, order: ReadonlyMap<string, number>, onlyOld: readonly string[], onlyNew: readonly string[]): CellChange[] {
  const candidates = new Set<string>();
  const o = a.namedOf(oc ?? EMPTY_CAPS);
  const n = b.namedOf(nc ?? EMPTY_CAPS);
  const both = (key: string) => a.cells.has(key) && b.cells.has(key);
  for (let r = 0; r < RESOURCES.length; r++) {
    if (o.any[r] === n.any[r]) continue;
    for (const key of b.byResource[r]!) if (a.cells.has(key)) candidates.add(key);
  }
  const parts = (x: Map<string, number>, y: Map<string, number>, cellsOf: (side: Side, key: string) => readonly string[]) => {
    for (const [k, v] of x) if (y.get(k) !== v) for (const side of [a, b]) for (const key of cellsOf(side, k)) if (both(key)) candidates.add(key);
    for (const [k, v] of y) if (x.get(k) !== v) for (const side of [a, b]) for (const key of cellsOf(side, k)) if (both(key)) candidates.add(key);
  };
  parts(o.byType, n.byType, (side, k) => side.cellsOfType(k));
  parts(o.byName, n.byName, (side, k) => side.cellsOfName(k));
  parts(o.cells, n.cells, (_, k) => [k]);
  const out: CellChange[] = [];
  for (const key of candidates) {
    const ob = a.bits(oc, key);
    const nb = b.bits(nc, key);
    if (ob !== nb) out.push({ key, cell: (b.cells.get(key) ?? a.cells.get(key))!.cell, added: nb & ~ob, removed: ob & ~nb, onlyOne: false });
  }
  for (const key of onlyNew) {
    const nb = b.bits(nc, key);
    if (nb) out.push({ key, cell: b.cells.get(key)!.cell, added: nb, removed: 0, onlyOne: true });
  }
  for (const key of onlyOld) {
    const ob = a.bits(oc, key);
    if (ob) out.push({ key, cell: a.cells.get(key)!.cell, added: 0, removed: ob, onlyOne: true });
  }
  out.sort((x, y) => order.get(x.key)! - order.get(y.key)!);
  return out;
}

function actionsOf(bits: number): string[] {
  return SHIRO_ACTIONS.filter((a) => bits & ACTION_BIT[a]);
}

/** What decides a user's capabilities: ADMIN, the standard role, the customer roles (a set). */
function roleAssignment(user: CompiledUser | undefined): string {
  if (!user) return '';
  if (user.admin) return 'ADMIN';
  return `${user.user.role}\u0000${[...new Set(user.user.customerRoles)].sort().join('\u0001')}`;
}

interface Capabilities {
  readonly added: Capability[];
  readonly removed: Capability[];
  readonly rolesAdded: RoleCapability[];
  readonly rolesRemoved: RoleCapability[];
}

function diffCapabilities(a: Side, b: Side): Capabilities {
  const order = new Map<string, number>();
  for (const key of b.cells.keys()) order.set(key, order.size);
  for (const key of a.cells.keys()) if (!order.has(key)) order.set(key, order.size);
  const onlyNew = [...b.cells.keys()].filter((k) => !a.cells.has(k));
  const onlyOld = [...a.cells.keys()].filter((k) => !b.cells.has(k));
  const added: Capability[] = [];
  const removed: Capability[] = [];
  // users sharing the same pair of caps differ in the same way: compute once
  const memo = new Map<Caps | null, Map<Caps | null, CellChange[]>>();
  const changesOf = (oc: Caps | null, nc: Caps | null): CellChange[] => {
    let row = memo.get(oc);
    if (!row) memo.set(oc, (row = new Map()));
    let d = row.get(nc);
    if (!d) row.set(nc, (d = changedCells(a, b, oc, nc, order, onlyOld, onlyNew)));
    return d;
  };
  const capsOf = (u: CompiledUser | undefined) => (u ? (u.admin ? ADMIN_CAPS : u.caps) : null);
  for (const id of new Set([...a.ws.users.keys(), ...b.ws.users.keys()])) {
    const ou = a.ws.users.get(id);
    const nu = b.ws.users.get(id);
    const oc = capsOf(ou);
    const nc = capsOf(nu);
    if (oc === nc && onlyNew.length === 0 && onlyOld.length === 0) continue;
    const cause: Cause = !ou || !nu ? 'user' : roleAssignment(ou) !== roleAssignment(nu) ? 'role' : 'grant';
    for (const c of changesOf(oc, nc)) {
      const why = c.onlyOne ? 'type' : cause;
      const { resource, type, qualifier } = c.cell;
      for (const action of actionsOf(c.added)) added.push({ user: id, resource, action, type, qualifier, cause: why });
      for (const action of actionsOf(c.removed)) removed.push({ user: id, resource, action, type, qualifier, cause: why });
    }
  }
  const roles = diffRoles(a, b, changesOf, onlyNew.length > 0 || onlyOld.length > 0);
  return { added, removed, ...roles };
}

/** The customer roles whose grants may differ: their own definition, or one they clone from, changed; in time linear in the roles. */
function changedRoles(oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy): Set<string> {
  const oldRoles = new Map(oldPolicy.roles.map((r) => [r.name, r]));
  const newRoles = new Map(newPolicy.roles.map((r) => [r.name, r]));
  const names = new Set([...oldRoles.keys(), ...newRoles.keys()]);
  const known = new Map<string, boolean>();
  const own = (name: string) => JSON.stringify(oldRoles.get(name) ?? null) !== JSON.stringify(newRoles.get(name) ?? null);
  const parentOf = (name: string) => {
    const from = oldRoles.get(name)?.cloneFrom;
    return from !== undefined && names.has(from) ? from : undefined;
  };
  for (const start of names) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let at: string | undefined = start;
    // a role's own definition is the same in both files past the first step (or `own` says so), so one file's chain is enough
    while (at !== undefined && !known.has(at) && !onPath.has(at)) {
      path.push(at);
      onPath.add(at);
      at = own(at) ? undefined : parentOf(at);
    }
    let changed = at !== undefined && known.has(at) ? known.get(at)! : false;
    for (let i = path.length - 1; i >= 0; i--) {
      changed ||= own(path[i]!);
      known.set(path[i]!, changed);
    }
  }
  return new Set([...known].filter(([, v]) => v).map(([k]) => k));
}

function diffRoles(a: Side, b: Side, changesOf: (oc: Caps | null, nc: Caps | null) => CellChange[], shapeChanged: boolean) {
  const added: RoleCapability[] = [];
  const removed: RoleCapability[] = [];
  const names = [...new Set([...a.ws.policy.roles.map((r) => r.name), ...b.ws.policy.roles.map((r) => r.name)])];
  const changed = shapeChanged ? new Set(names) : changedRoles(a.ws.policy, b.ws.policy);
  for (const name of names) {
    if (!changed.has(name)) continue;
    for (const c of changesOf(roleCaps(a.ws, name), roleCaps(b.ws, name))) {
      const { resource, type, qualifier } = c.cell;
      for (const action of actionsOf(c.added)) added.push({ role: name, resource, action, type, qualifier });
      for (const action of actionsOf(c.removed)) removed.push({ role: name, resource, action, type, qualifier });
    }
  }
  return { rolesAdded: added, rolesRemoved: removed };
}

// ---------------------------------------------------------------- LeanIX: decisions per fact sheet

/** One question asked of every user on every fact sheet of a type. */
interface Decision {
  /** The same question in both files has the same id. */
  readonly id: string;
  readonly mode: 'read' | 'write';
  readonly kind: 'read' | 'archive' | 'patch' | 'seal';
  readonly patch: Patch | null;
  /** How an access is listed. */
  readonly resource: Resource;
  readonly action: string;
  readonly qualifier: string;
}

/** A stand-in actor that holds every grant and passes every ACL, never expired: what it is refused, the rules refuse. */
class Everything extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const STAND_IN = '\u0000sealcheck-diff';
const STAND_IN_USER: CompiledUser = {
  user: { id: STAND_IN, kind: 'human', role: 'MEMBER', customerRoles: [], aces: [], expiresAt: null },
  admin: false,
  caps: ADMIN_CAPS,
  sources: [],
  aces: new Everything(),
};

const VALUE = 'sealcheck';
const OPS: readonly PatchOp[] = ['add', 'replace', 'remove'];

function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function patchDecision(type: CompiledType, patch: Patch, id = `${patch.op} ${patch.path}`): Decision {
  const n = needOf(type.type.name, targetOf(type.type, patch.path), patch.op)!;
  return { id, mode: 'write', kind: 'patch', patch, resource: n.resource, action: n.action, qualifier: n.qualifier };
}

/**
 * The questions of a type: read, archive, a write of each field, relation and section with
 * each op, each `/lxState` value. A removal of a subscription is asked per subscriber.
 */
function decisionsOf(type: CompiledType): Decision[] {
  const t = type.type;
  const out: Decision[] = [
    { id: 'read', mode: 'read', kind: 'read', patch: null, resource: 'FACT_SHEET', action: 'READ', qualifier: '*' },
    { id: 'archive', mode: 'write', kind: 'archive', patch: null, resource: 'FACT_SHEET', action: 'ARCHIVE', qualifier: '*' },
  ];
  for (const name of [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...t.fields]) {
    const path = `/${escapeSegment(name)}`;
    out.push(patchDecision(type, { op: 'replace', path, value: VALUE }), patchDecision(type, { op: 'remove', path }));
  }
  for (const name of t.relations) {
    const path = `/${escapeSegment(name)}`;
    for (const op of OPS) out.push(patchDecision(type, op === 'remove' ? { op, path } : { op, path, value: VALUE }));
  }
  for (const section of SECTIONS) {
    if (section === 'subscriptions') out.push(patchDecision(type, { op: 'add', path: '/subscriptions', value: { user: STAND_IN, type: 'OBSERVER', roles: [] } }));
    else for (const op of OPS) out.push(patchDecision(type, op === 'remove' ? { op, path: `/${section}` } : { op, path: `/${section}`, value: VALUE }));
  }
  for (const state of LX_STATES) {
    out.push({ id: `seal ${state}`, mode: 'write', kind: 'seal', patch: { op: 'replace', path: '/lxState', value: state }, resource: 'FACT_SHEET_BASE_FIELDS', action: 'UPDATE', qualifier: 'lxState' });
  }
  return out;
}

/** Removing a subscriber's subscription: what the mandatory subscriptions allow depends on whose it is. */
function removalOf(type: CompiledType, user: string): Decision {
  return patchDecision(type, { op: 'remove', path: `/subscriptions/${escapeSegment(user)}` }, `remove /subscriptions/${user}`);
}

/** Subscribing a user (replacing its subscription): what the mandatory subscriptions allow depends on the one replaced. */
function subscribeOf(type: CompiledType, user: string, kind: SubscriptionType): Decision {
  return patchDecision(type, { op: 'add', path: '/subscriptions', value: { user, type: kind, roles: [] } }, `add /subscriptions ${kind} ${user}`);
}

/** The questions asked per subscriber of a fact sheet: each with the question of its type whose grant it needs (-1: the removal's). */
function subscriberQuestions(type: CompiledType, user: string): { d: Decision; grant: string | null }[] {
  return [
    { d: removalOf(type, user), grant: null },
    ...SUBSCRIPTION_TYPES.map((kind) => ({ d: subscribeOf(type, user, kind), grant: 'add /subscriptions' })),
  ];
}

/** A type's questions, with what they share: the listed access of each (several questions list as one). */
interface Questions {
  readonly type: CompiledType;
  readonly list: readonly Decision[];
  readonly index: ReadonlyMap<string, number>;
  /** By question: the listed access it is part of; at `list.length`, a subscription removal's. */
  readonly entry: Int32Array;
  readonly entries: number;
  /** By question: the cell of the grant it needs (resource, qualifier index, action bit); -1: not a cell. */
  readonly r: Int32Array;
  readonly q: Int32Array;
  readonly bit: Int32Array;
}

function questionsOf(type: CompiledType): Questions {
  const list = decisionsOf(type);
  const keys = new Map<string, number>();
  const entry = new Int32Array(list.length + 1);
  const keyOf = (d: Decision) => `${d.resource}\u0000${d.action}\u0000${d.qualifier}`;
  list.forEach((d, i) => {
    let e = keys.get(keyOf(d));
    if (e === undefined) keys.set(keyOf(d), (e = keys.size));
    entry[i] = e;
  });
  // a subscription removal lists as the one on its resource and action, or as its own
  const removal = removalOf(type, STAND_IN);
  entry[list.length] = keys.get(keyOf(removal)) ?? keys.size;
  const r = new Int32Array(list.length).fill(-1);
  const q = new Int32Array(list.length).fill(-1);
  const bit = new Int32Array(list.length);
  list.forEach((d, i) => {
    if (d.kind !== 'read' && d.kind !== 'patch') return;
    // what planUpdate (decideWhole for read) asks of the question: the grant its target and op need
    r[i] = RESOURCE_INDEX[d.resource];
    q[i] = qualifierIndex(type, d.resource, d.qualifier);
    bit[i] = ACTION_BIT[d.action as ShiroAction];
  });
  return { type, list, index: new Map(list.map((d, i) => [d.id, i])), entry, entries: keys.size + 1, r, q, bit };
}

/** One file's side of the decision diff: each plan, rule and grant answer computed once. */
class DecisionSide {
  readonly at: number;
  private readonly questions = new Map<CompiledType, Questions>();
  private readonly plans = new Map<string, UpdatePlan>();
  private readonly ruleCache = new Map<FactSheet, Uint8Array>();
  /** By caps (null: ADMIN) and type: the grant answers, the removal's grant at the end, then the lxState grant. */
  private readonly grantCache = new Map<Caps | null, Map<CompiledType, Uint8Array>>();
  constructor(readonly ws: CompiledLeanix) {
    this.at = Date.parse(ws.policy.asOf);
  }

  questionsOf(type: CompiledType): Questions {
    let q = this.questions.get(type);
    if (!q) this.questions.set(type, (q = questionsOf(type)));
    return q;
  }

  /** The rules' answer to a question on the sheet: what the stand-in is allowed (read and archive have no rule besides grants and gates). */
  ruleOf(type: CompiledType, sheet: FactSheet, d: Decision, at = this.at): boolean {
    if (d.patch === null) return true;
    const key = `${type.type.name}\u0000${d.id}`;
    let plan = this.plans.get(key);
    if (!plan) this.plans.set(key, (plan = planUpdate(this.ws, STAND_IN_USER, [d.patch], type, this.at)));
    // the plan at another time: only its time, the stand-in's expiry (never) and the clock's threshold depend on it
    const timed = at === this.at ? plan : { ...plan, at, expired: expiryOf(STAND_IN_USER, at), threshold: clockThreshold(type, at) };
    return (judge(timed, sheet) & SHEET_ALLOWED) !== 0;
  }

  /** The rules' answers to every question of the sheet's type, at the file's `asOf` (or at `at`). */
  rules(type: CompiledType, sheet: FactSheet, at = this.at): Uint8Array {
    let r = at === this.at ? this.ruleCache.get(sheet) : undefined;
    if (!r) {
      const q = this.questionsOf(type);
      r = new Uint8Array(q.list.length);
      for (let i = 0; i < q.list.length; i++) r[i] = this.ruleOf(type, sheet, q.list[i]!, at) ? 1 : 0;
      if (at === this.at) this.ruleCache.set(sheet, r);
    }
    return r;
  }

  /** When the renewal clock breaks the sheet's approved seal (ms), or null: it never does. */
  sealExpiry(type: CompiledType, sheet: FactSheet): number | null {
    return stateAfterClock(sheet, type, Number.MAX_VALUE).clock?.expiredAt ?? null;
  }

  /**
   * The grants' answers for the user to every question of the type (seal questions: 0);
   * at `list.length` a subscription removal's, at `list.length + 1` the lxState grant.
   */
  grants(user: CompiledUser, type: CompiledType): Uint8Array {
    const caps = user.admin ? null : user.caps;
    let byType = this.grantCache.get(caps);
    if (!byType) this.grantCache.set(caps, (byType = new Map()));
    let g = byType.get(type);
    if (!g) {
      const qs = this.questionsOf(type);
      const n = qs.list.length;
      g = new Uint8Array(n + 2);
      const bits = user.admin ? null : this.cellsOf(user.caps, type, qs);
      for (let i = 0; i < n; i++) {
        const d = qs.list[i]!;
        if (d.kind === 'archive') g[i] = archiveHolder(this.ws, user, type) !== null ? 1 : 0;
        else if (d.kind !== 'seal') g[i] = bits === null || (qs.q[i]! >= 0 && (bits[i]! & qs.bit[i]!) !== 0) ? 1 : 0;
      }
      g[n] = this.granted(user, type, removalOf(type, STAND_IN)) ? 1 : 0;
      g[n + 1] = sealByGrant(this.ws, user, type) ? 1 : 0;
      byType.set(type, g);
    }
    return g;
  }

  /**
   * The bits `caps` hold at each question's cell (`cellBits`, for all questions at once):
   * the parts that name a qualifier are read by their entries, not per question.
   */
  private cellsOf(caps: Caps, type: CompiledType, qs: Questions): Int32Array {
    const n = qs.list.length;
    const out = new Int32Array(n);
    const { typeCount, qualifierCount } = this.ws;
    for (let i = 0; i < n; i++) {
      const r = qs.r[i]!;
      if (r < 0 || qs.q[i]! < 0) continue;
      out[i] = caps.any[r]! | (caps.byType?.get(r * typeCount + type.index) ?? 0);
    }
    if (caps.byName !== null || caps.cells !== null) {
      const at = this.cellIndex(type, qs);
      if (caps.byName) for (const [k, v] of caps.byName) for (const i of at.byName.get(k) ?? NONE) out[i]! |= v;
      if (caps.cells) {
        for (const [k, v] of caps.cells) {
          const t = Math.floor(k / qualifierCount) % typeCount;
          if (t === type.index) for (const i of at.cells.get(k) ?? NONE) out[i]! |= v;
        }
      }
    }
    return out;
  }

  private readonly cellIndexes = new Map<CompiledType, { byName: Map<number, number[]>; cells: Map<number, number[]> }>();
  /** The questions of a type by the keys of `Caps.byName` and `Caps.cells` that cover their cells. */
  private cellIndex(type: CompiledType, qs: Questions): { byName: Map<number, number[]>; cells: Map<number, number[]> } {
    let idx = this.cellIndexes.get(type);
    if (!idx) {
      idx = { byName: new Map(), cells: new Map() };
      const stride = this.ws.nameIds.size;
      for (let i = 0; i < qs.list.length; i++) {
        const r = qs.r[i]!;
        const q = qs.q[i]!;
        if (r < 0 || q < 0 || !QUALIFIED_RESOURCES.includes(RESOURCES[r]!)) continue;
        push(idx.byName, r * stride + type.nameIds[q]!, i);
        push(idx.cells, offset(this.ws, r, type.index, q), i);
      }
      this.cellIndexes.set(type, idx);
    }
    return idx;
  }

  private granted(user: CompiledUser, type: CompiledType, d: Decision): boolean {
    if (d.kind === 'seal') return false;
    if (d.kind === 'archive') return archiveHolder(this.ws, user, type) !== null;
    if (d.kind === 'read') return holds(this.ws, user, 'FACT_SHEET', 'READ', type, '*');
    // what planUpdate asks of each patch: the grant its target and op need
    return holds(this.ws, user, d.resource, d.action as ShiroAction, type, d.qualifier);
  }

  /** The seal permission on the sheet: ADMIN, the lxState grant, or a RESPONSIBLE or ACCOUNTABLE subscription. */
  seal(user: CompiledUser, type: CompiledType, sheet: FactSheet): boolean {
    const g = this.grants(user, type);
    return sealPermissionOn(g[g.length - 1] === 1, user, sheet) !== null;
  }

  /** The gate: not expired, and not shut out by the fact sheet's ACL for the mode. */
  gate(user: CompiledUser, sheet: FactSheet, mode: 'read' | 'write'): boolean {
    return expiryOf(user, this.at) === null && !aclShutsOut(user, mode === 'read' ? sheet.permittedReadACL : sheet.permittedWriteACL);
  }

  /** Whether the user, in this file, is allowed `d` on the sheet: gate, grant and rules, as `decide` composes them. */
  allowed(user: CompiledUser, type: CompiledType, sheet: FactSheet, d: Decision): boolean {
    if (!this.ruleOf(type, sheet, d) || !this.gate(user, sheet, d.mode)) return false;
    if (d.kind === 'seal') return this.seal(user, type, sheet);
    return this.granted(user, type, d);
  }
}

const stable = (value: unknown) => JSON.stringify(value);
const NONE: readonly number[] = [];

function withoutAcls(sheet: FactSheet): unknown {
  const { permittedReadACL: _r, permittedWriteACL: _w, ...rest } = sheet;
  return rest;
}

function withoutSubscriptions(sheet: FactSheet): unknown {
  const { permittedReadACL: _r, permittedWriteACL: _w, subscriptions: _s, ...rest } = sheet;
  return rest;
}

/** What a user brings to a decision besides its grants (its expiry apart). */
function userFacts(user: CompiledUser | undefined): string {
  if (!user) return 'absent';
  return stable([user.admin, user.user.role === 'VIEWER', [...user.aces].sort()]);
}

/** When the user expires (ms), by the expiry rule; Infinity: never. */
function expiresAt(user: CompiledUser): number {
  return expiryOf(user, Number.MAX_VALUE)?.expiresAt ?? Infinity;
}

/**
 * Whether the user counts as expired on each side: expired at the file's `asOf`, or
 * expiring earlier than in the other file (between the two expiries, one file lets it act
 * and the other does not: a removed or later expiry is access added).
 */
function expiredOn(ou: CompiledUser | undefined, nu: CompiledUser | undefined, atA: number, atB: number): [boolean, boolean] {
  if (!ou || !nu) return [ou !== undefined && expiryOf(ou, atA) !== null, nu !== undefined && expiryOf(nu, atB) !== null];
  const ea = expiresAt(ou);
  const eb = expiresAt(nu);
  return [expiryOf(ou, atA) !== null || ea < eb, expiryOf(nu, atB) !== null || eb < ea];
}

interface Listing {
  readonly list: Capability[];
  omitted: number;
}

/** A question asked per subscriber of a fact sheet, on both sides: its grant's and listed access's indices, and the rules' answers per moment. */
interface Removal {
  readonly da: Decision;
  readonly db: Decision;
  readonly gi: number;
  readonly gj: number;
  readonly ea: number;
  readonly eb: number;
  readonly ra: boolean[];
  readonly rb: boolean[];
}

/** The questions both files ask of a pair of types: their indices on each side. */
interface Alignment {
  readonly qa: Questions;
  readonly qb: Questions;
  readonly ia: Int32Array;
  readonly ib: Int32Array;
  readonly seal: Uint8Array;
  /** By aligned question: 1 for the write gate, 0 for the read gate. */
  readonly write: Uint8Array;
  /** By aligned question: the users (indices) whose grants answer it in both files; made when first needed. */
  readonly holders: (Int32Array | undefined)[];
}

/**
 * The decisions per user and fact sheet that flip while their grants stay held in both
 * files (a flip by a grant is listed among the capabilities already). Only what can flip
 * is asked: users whose own facts changed, on every fact sheet; on a fact sheet, the users
 * an ACL or a subscription change touches; and, for the questions whose rules answer
 * differently on a fact sheet, the users whose grants answer them in both files. Answers
 * are read from vectors computed once per role set and type (grants) and once per fact
 * sheet (rules).
 */
function diffDecisions(oldWs: CompiledLeanix, newWs: CompiledLeanix): { added: Listing; removed: Listing } {
  const a = new DecisionSide(oldWs);
  const b = new DecisionSide(newWs);
  const added: Listing = { list: [], omitted: 0 };
  const removed: Listing = { list: [], omitted: 0 };
  const settingsSame = stable(oldWs.settings) === stable(newWs.settings);
  const clockSame = a.at === b.at;
  const ids = [...new Set([...oldWs.users.keys(), ...newWs.users.keys()])];
  const idIndex = new Map(ids.map((id, k) => [id, k]));
  const usersA = ids.map((id) => oldWs.users.get(id));
  const usersB = ids.map((id) => newWs.users.get(id));
  const expired = ids.map((_, k) => expiredOn(usersA[k], usersB[k], a.at, b.at));
  // each user's expiry counted as at `asOf`, and (where it differs) as its expiry window
  const expiries = ids.map((_, k): [boolean, boolean][] => {
    const now: [boolean, boolean] = [usersA[k] !== undefined && expiryOf(usersA[k]!, a.at) !== null, usersB[k] !== undefined && expiryOf(usersB[k]!, b.at) !== null];
    const window = expired[k]!;
    return now[0] === window[0] && now[1] === window[1] ? [now] : [now, window];
  });
  const changedUsers: number[] = [];
  ids.forEach((_, k) => {
    if (userFacts(usersA[k]) !== userFacts(usersB[k]) || expired[k]![0] !== expired[k]![1]) changedUsers.push(k);
  });
  const typeSame = new Map<string, boolean>();
  const sameType = (ta: CompiledType, tb: CompiledType) => {
    const key = `${ta.type.name}\u0000${tb.type.name}`;
    let same = typeSame.get(key);
    if (same === undefined) typeSame.set(key, (same = stable(ta.type) === stable(tb.type)));
    return same;
  };
  const alignments = new Map<string, Alignment>();
  const alignmentOf = (ta: CompiledType, tb: CompiledType): Alignment => {
    const key = `${ta.type.name}\u0000${tb.type.name}`;
    let al = alignments.get(key);
    if (!al) {
      const qa = a.questionsOf(ta);
      const qb = b.questionsOf(tb);
      const ia: number[] = [];
      const ib: number[] = [];
      qb.list.forEach((d, j) => {
        const i = qa.index.get(d.id);
        if (i !== undefined && qa.list[i]!.resource === d.resource && qa.list[i]!.action === d.action) {
          ia.push(i);
          ib.push(j);
        }
      });
      const seal = Uint8Array.from(ib, (j) => (qb.list[j]!.kind === 'seal' ? 1 : 0));
      const write = Uint8Array.from(ib, (j) => (qb.list[j]!.mode === 'write' ? 1 : 0));
      alignments.set(key, (al = { qa, qb, ia: Int32Array.from(ia), ib: Int32Array.from(ib), seal, write, holders: [] }));
    }
    return al;
  };
  /** The users whose grants answer an aligned question in both files (for a seal question: ADMIN or the lxState grant in both). */
  const holdersOf = (al: Alignment, ta: CompiledType, tb: CompiledType, x: number): Int32Array => {
    let list = al.holders[x];
    if (!list) {
      const i = al.seal[x] ? al.qa.list.length + 1 : al.ia[x]!;
      const j = al.seal[x] ? al.qb.list.length + 1 : al.ib[x]!;
      const out: number[] = [];
      for (let k = 0; k < ids.length; k++) {
        const ou = usersA[k];
        const nu = usersB[k];
        if (ou && nu && a.grants(ou, ta)[i] === 1 && b.grants(nu, tb)[j] === 1) out.push(k);
      }
      al.holders[x] = list = Int32Array.from(out);
    }
    return list;
  };
  let marks = new Uint8Array(64);
  const touched: number[] = [];

  for (const [sheetId, os] of oldWs.factSheets) {
    const ns = newWs.factSheets.get(sheetId);
    if (!ns) continue;
    const ta = oldWs.types.get(os.type);
    const tb = newWs.types.get(ns.type);
    if (!ta || !tb) continue;
    const al = alignmentOf(ta, tb);
    const { ia, ib, qa, qb } = al;
    const na = qa.list.length;
    const nb = qb.list.length;
    if (marks.length < qb.entries + qa.entries) marks = new Uint8Array(2 * (qb.entries + qa.entries));
    // a fact sheet whose type changed: its grants are another type's, none is listed among the capabilities
    const sameTypeName = os.type === ns.type;
    const rulesSame = sameType(ta, tb) && settingsSame && clockSame && stable(withoutAcls(os)) === stable(withoutAcls(ns));
    const subscribers = [...new Set([...os.subscriptions.map((s) => s.user), ...ns.subscriptions.map((s) => s.user)])];
    // The moments compared: each file at its `asOf`; and both files at one time of each span
    // the renewal clock's breaks of the approved seal cut time into (before a break the sheet
    // is approved, after it broken): the rules answer alike all through a span.
    const breakA = a.sealExpiry(ta, os);
    const breakB = b.sealExpiry(tb, ns);
    const span = (t: number) => (breakA !== null && t >= breakA ? 1 : 0) + (breakB !== null && t >= breakB ? 2 : 0);
    const spans = new Map<number, number>();
    for (const t of [breakA, breakB].flatMap((x) => (x === null ? [] : [x - 1, x]))) if (!spans.has(span(t))) spans.set(span(t), t);
    if (!spans.size) spans.set(0, a.at);
    const moments: { atA: number; atB: number }[] = [{ atA: a.at, atB: b.at }, ...[...spans.values()].map((t) => ({ atA: t, atB: t }))];
    const momentAt = (t: number) => 1 + [...spans.keys()].indexOf(span(t));
    let answers: (readonly [Uint8Array, Uint8Array])[] | null = null;
    const rules = () => (answers ??= moments.map((m) => [a.rules(ta, os, m.atA), b.rules(tb, ns, m.atB)] as const));
    // per subscriber: removing its subscription, subscribing it anew (grant and listed access: those of its type's question)
    let removalList: Removal[] | null = null;
    const removalsOf = (): Removal[] => (removalList ??= subscribers.flatMap((s) => {
      const qsA = subscriberQuestions(ta, s);
      const qsB = subscriberQuestions(tb, s);
      return qsB.map(({ d: db, grant }, x) => {
        const da = qsA[x]!.d;
        const gi = grant === null ? na : qa.index.get(grant) ?? -1;
        const gj = grant === null ? nb : qb.index.get(grant) ?? -1;
        return {
          da,
          db,
          gi,
          gj,
          ea: grant === null ? qa.entry[na]! : qa.entry[gi]!,
          eb: grant === null ? qb.entry[nb]! : qb.entry[gj]!,
          ra: moments.map((m) => a.ruleOf(ta, os, da, m.atA)),
          rb: moments.map((m) => b.ruleOf(tb, ns, db, m.atB)),
        };
      });
    }));
    let sheetWhy: Cause | null = null;
    const sheetCause = (): Cause => {
      if (sheetWhy) return sheetWhy;
      if (stable(withoutAcls(os)) !== stable(withoutAcls(ns))) sheetWhy = stable(withoutSubscriptions(os)) === stable(withoutSubscriptions(ns)) ? 'subscription' : 'sheet';
      else if (!sameType(ta, tb)) sheetWhy = 'rules';
      else sheetWhy = settingsSame ? 'clock' : 'settings';
      return sheetWhy;
    };
    /** Why user `k` is allowed in `to` what `from` refused, the grant held in both; `expiredFrom`: the user counted as expired in `from`. */
    const causeOf = (k: number, d: Decision, gateFrom: boolean, gateTo: boolean, sealFrom: boolean, expiredFrom: boolean, toOld: boolean): Cause => {
      const [fu, tu, fromSide, toSide, fs, ts] = toOld ? [usersB[k], usersA[k]!, b, a, ns, os] : [usersA[k], usersB[k]!, a, b, os, ns];
      if (!fu) return d.kind === 'seal' ? 'subscription' : 'user';
      if (!gateFrom && gateTo) {
        if (expiredFrom) return fromSide.at !== toSide.at && expiresAt(fu) === expiresAt(tu) ? 'clock' : 'expiry';
        if (tu.admin && !fu.admin) return 'role';
        const fAcl = d.mode === 'read' ? fs.permittedReadACL : fs.permittedWriteACL;
        const tAcl = d.mode === 'read' ? ts.permittedReadACL : ts.permittedWriteACL;
        return stable(fAcl) !== stable(tAcl) ? 'acl' : 'aces';
      }
      if (d.kind === 'seal' && !sealFrom) {
        const mine = (sheet: FactSheet) => stable(sheet.subscriptions.filter((s) => s.user === ids[k]));
        return mine(fs) !== mine(ts) ? 'subscription' : 'role';
      }
      return sheetCause();
    };
    /** Lists an access of user `k` once per fact sheet (several questions list as one). */
    const list = (into: Listing, k: number, e: number, d: Decision, typeName: string, cause: () => Cause) => {
      if (marks[e]) return;
      marks[e] = 1;
      touched.push(e);
      if (into.list.length >= DECISION_LIST_LIMIT) into.omitted++;
      else into.list.push({ user: ids[k]!, resource: d.resource, action: d.action, type: typeName, qualifier: d.qualifier, cause: cause(), factSheet: sheetId });
    };
    const clearMarks = () => {
      for (const e of touched) marks[e] = 0;
      touched.length = 0;
    };

    /**
     * Compares user `k`'s answers on this sheet (all questions, or those of `only`) at every
     * moment, and for each way of counting its expiry; a flip the grants explain (the grant
     * held in one file only) is left to the capabilities.
     */
    const compare = (k: number, only: Int32Array | null, removalsToo: boolean) => {
      const ou = usersA[k];
      const nu = usersB[k];
      const all = rules();
      const gA = ou ? a.grants(ou, ta) : null;
      const gB = nu ? b.grants(nu, tb) : null;
      const sealA = ou ? a.seal(ou, ta, os) : false;
      const sealB = nu ? b.seal(nu, tb, ns) : false;
      const n = only ? only.length : ia.length;
      // each moment with the user's expiry then: at `asOf` also its expiry window; at a time, its expiry at that time
      const expiredAt = (t: number): [boolean, boolean] => [ou !== undefined && expiryOf(ou, t) !== null, nu !== undefined && expiryOf(nu, t) !== null];
      const points = new Map<string, { m: number; expiredA: boolean; expiredB: boolean }>();
      const point = (m: number, [expiredA, expiredB]: [boolean, boolean]) => points.set(`${m}${+expiredA}${+expiredB}`, { m, expiredA, expiredB });
      for (const e of expiries[k]!) point(0, e);
      for (let m = 1; m < moments.length; m++) point(m, expiredAt(moments[m]!.atA));
      for (const user of [ou, nu]) {
        const t = user ? expiresAt(user) : Infinity;
        if (Number.isFinite(t)) for (const x of [t - 1, t]) point(momentAt(x), expiredAt(x));
      }
      for (const { m, expiredA, expiredB } of points.values()) {
        const readA = ou !== undefined && !expiredA && !aclShutsOut(ou, os.permittedReadACL);
        const writeA = ou !== undefined && !expiredA && !aclShutsOut(ou, os.permittedWriteACL);
        const readB = nu !== undefined && !expiredB && !aclShutsOut(nu, ns.permittedReadACL);
        const writeB = nu !== undefined && !expiredB && !aclShutsOut(nu, ns.permittedWriteACL);
        {
          const [rA, rB] = all[m]!;
          for (let y = 0; y < n; y++) {
            const x = only ? only[y]! : y;
            const i = ia[x]!;
            const j = ib[x]!;
            const w = al.write[x] === 1;
            const gateA = w ? writeA : readA;
            const gateB = w ? writeB : readB;
            const isSeal = al.seal[x] === 1;
            const grantA = isSeal ? sealA : gA !== null && gA[i] === 1;
            const grantB = isSeal ? sealB : gB !== null && gB[j] === 1;
            const before = gateA && grantA && rA[i] === 1;
            const after = gateB && grantB && rB[j] === 1;
            if (before === after) continue;
            // explained by a grant held in one file only: listed among the capabilities
            const heldA = isSeal ? gA !== null && gA[na + 1] === 1 : grantA;
            const heldB = isSeal ? gB !== null && gB[nb + 1] === 1 : grantB;
            if (sameTypeName && heldA !== heldB && (after ? heldB : heldA)) continue;
            if (after) list(added, k, qb.entry[j]!, qb.list[j]!, tb.type.name, () => causeOf(k, qb.list[j]!, gateA, gateB, grantA, expiredA, false));
            else list(removed, k, qb.entries + qa.entry[i]!, qa.list[i]!, ta.type.name, () => causeOf(k, qa.list[i]!, gateB, gateA, grantB, expiredB, true));
          }
          if (!removalsToo) continue;
          for (const r of removalsOf()) {
            const grantA = gA !== null && r.gi >= 0 && gA[r.gi] === 1;
            const grantB = gB !== null && r.gj >= 0 && gB[r.gj] === 1;
            const before = writeA && grantA && r.ra[m]!;
            const after = writeB && grantB && r.rb[m]!;
            if (before === after || (sameTypeName && grantA !== grantB)) continue;
            if (after) list(added, k, r.eb, r.db, tb.type.name, () => causeOf(k, r.db, writeA, writeB, grantA, expiredA, false));
            else list(removed, k, qb.entries + r.ea, r.da, ta.type.name, () => causeOf(k, r.da, writeB, writeA, grantB, expiredB, true));
          }
        }
      }
      clearMarks();
    };

    const done = new Set<number>();
    // users whose own facts changed: every question
    for (const k of changedUsers) {
      done.add(k);
      compare(k, null, true);
    }
    // an ACL that changed: the users it shuts out in one file only
    const readChanged = stable(os.permittedReadACL) !== stable(ns.permittedReadACL);
    const writeChanged = stable(os.permittedWriteACL) !== stable(ns.permittedWriteACL);
    if (readChanged || writeChanged) {
      for (let k = 0; k < ids.length; k++) {
        const ou = usersA[k];
        const nu = usersB[k];
        if (done.has(k) || !ou || !nu) continue;
        const flips =
          (readChanged && aclShutsOut(ou, os.permittedReadACL) !== aclShutsOut(nu, ns.permittedReadACL)) ||
          (writeChanged && aclShutsOut(ou, os.permittedWriteACL) !== aclShutsOut(nu, ns.permittedWriteACL));
        if (!flips) continue;
        done.add(k);
        compare(k, null, true);
      }
    }
    if (rulesSame) continue;
    const all = rules();
    const flipped: number[] = [];
    for (let x = 0; x < ia.length; x++) if (all.some(([rA, rB]) => rA[ia[x]!] !== rB[ib[x]!])) flipped.push(x);
    const removalsFlip = removalsOf().some((r) => r.ra.some((v, m) => v !== r.rb[m]));
    // subscriptions that changed: the seal questions of their users, and the flipped ones
    const userIndex = (id: string) => idIndex.get(id) ?? -1;
    for (const id of subscribers) {
      const mine = (sheet: FactSheet) => stable(sheet.subscriptions.filter((s) => s.user === id));
      if (mine(os) === mine(ns)) continue;
      const k = userIndex(id);
      if (k < 0 || done.has(k)) continue;
      done.add(k);
      const questions = new Set(flipped);
      for (let x = 0; x < ia.length; x++) if (al.seal[x] === 1) questions.add(x);
      compare(k, Int32Array.from(questions), removalsFlip);
    }
    if (!flipped.length && !removalsFlip) continue;
    // questions whose rules answer differently: the users whose grants answer them in both files,
    // and the subscribers (whose seal permission may come from their subscription)
    const others = subscribers.map(userIndex).filter((k) => k >= 0 && !done.has(k));
    for (const k of others) {
      done.add(k);
      compare(k, Int32Array.from(flipped), removalsFlip);
    }
    const byUser = new Map<number, number[]>();
    for (const x of flipped) for (const k of holdersOf(al, ta, tb, x)) if (!done.has(k)) push(byUser, k, x);
    if (removalsFlip) {
      for (let k = 0; k < ids.length; k++) {
        const ou = usersA[k];
        const nu = usersB[k];
        if (done.has(k) || byUser.has(k) || !ou || !nu) continue;
        const gA = a.grants(ou, ta);
        const gB = b.grants(nu, tb);
        if (removalsOf().some((r) => r.gi >= 0 && r.gj >= 0 && gA[r.gi] === 1 && gB[r.gj] === 1)) byUser.set(k, []);
      }
    }
    for (const [k, xs] of byUser) compare(k, Int32Array.from(xs), removalsFlip);
  }
  // creating a fact sheet: no ACL and no rule, only the grant and the expiry
  for (const k of changedUsers) {
    const ou = usersA[k];
    const nu = usersB[k];
    if (!ou || !nu) continue;
    const [expiredA, expiredB] = expired[k]!;
    if (expiredA === expiredB) continue;
    for (const [name, tb] of newWs.types) {
      const ta = oldWs.types.get(name);
      if (!ta) continue;
      const before = !expiredA && holds(oldWs, ou, 'FACT_SHEET', 'CREATE', ta, '*');
      const after = !expiredB && holds(newWs, nu, 'FACT_SHEET', 'CREATE', tb, '*');
      if (before === after || holds(oldWs, ou, 'FACT_SHEET', 'CREATE', ta, '*') !== holds(newWs, nu, 'FACT_SHEET', 'CREATE', tb, '*')) continue;
      const cause: Cause = a.at !== b.at && expiresAt(ou) === expiresAt(nu) ? 'clock' : 'expiry';
      const into = after ? added : removed;
      if (into.list.length >= DECISION_LIST_LIMIT) into.omitted++;
      else into.list.push({ user: ids[k]!, resource: 'FACT_SHEET', action: 'CREATE', type: name, qualifier: '*', cause });
    }
  }
  return { added, removed };
}

// ---------------------------------------------------------------- LeanIX

function diffLeanix(oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy): Omit<PolicyDiff, 'scenarioChanges'> {
  const oldWs = compileLeanix(oldPolicy);
  const newWs = compileLeanix(newPolicy);
  const caps = diffCapabilities(new Side(oldWs), new Side(newWs));
  const decisions = diffDecisions(oldWs, newWs);
  const seals = sealChanges(oldWs, newWs);
  return {
    added: [...caps.added, ...decisions.added.list],
    removed: [...caps.removed, ...decisions.removed.list],
    rolesAdded: caps.rolesAdded,
    rolesRemoved: caps.rolesRemoved,
    ...seals,
    addedOmitted: decisions.added.omitted,
    removedOmitted: decisions.removed.omitted,
  };
}

/** Per user and approved fact sheet: does an edit keep or break the seal, old vs new. */
function sealChanges(oldWs: CompiledLeanix, newWs: CompiledLeanix): { sealChanges: SealChange[]; sealChangesOmitted: number } {
  const out: SealChange[] = [];
  let omitted = 0;
  const ids = new Set([...oldWs.users.keys(), ...newWs.users.keys()]);
  const sheetIds = [...new Set([...oldWs.factSheets.keys(), ...newWs.factSheets.keys()])];
  // per file and fact sheet: approved after the clock, with a seal (else no edit breaks it)
  const approvedIn = (ws: CompiledLeanix) => {
    const at = Date.parse(ws.policy.asOf);
    const approved = new Map<string, { sheet: FactSheet; type: CompiledType }>();
    for (const [id, sheet] of ws.factSheets) {
      const type = ws.types.get(sheet.type)!;
      if (type.type.qualitySeal.enabled && clockedState(sheet, clockThreshold(type, at)) === 'APPROVED') approved.set(id, { sheet, type });
    }
    return approved;
  };
  const approvedA = approvedIn(oldWs);
  const approvedB = approvedIn(newWs);
  const byGrant = new Map<CompiledLeanix, Map<Caps, Map<CompiledType, boolean>>>();
  const outcome = (ws: CompiledLeanix, approved: ReturnType<typeof approvedIn>, userId: string, sheetId: string): SealChange['old'] => {
    const user = ws.users.get(userId);
    const found = approved.get(sheetId);
    if (!user || !found) return 'absent';
    let perCaps = byGrant.get(ws);
    if (!perCaps) byGrant.set(ws, (perCaps = new Map()));
    let perType = perCaps.get(user.caps);
    if (!perType) perCaps.set(user.caps, (perType = new Map()));
    let held = perType.get(found.type);
    if (held === undefined) perType.set(found.type, (held = sealByGrant(ws, user, found.type)));
    return sealPermissionOn(held, user, found.sheet) ? 'keeps' : 'breaks';
  };
  // a user whose seal permission by grant is the same in both files sees a change only where the fact sheet or its clock changed
  const changedSheets = sheetIds.filter((id) => approvedA.has(id) !== approvedB.has(id) || stable(oldWs.factSheets.get(id)) !== stable(newWs.factSheets.get(id)));
  const sameTypes = stable(oldWs.policy.factSheetTypes) === stable(newWs.policy.factSheetTypes);
  for (const userId of ids) {
    const unchanged = sameTypes && sealSignature(oldWs, userId) === sealSignature(newWs, userId);
    for (const sheetId of unchanged ? changedSheets : sheetIds) {
      const o = outcome(oldWs, approvedA, userId, sheetId);
      const n = outcome(newWs, approvedB, userId, sheetId);
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

/**
 * Scenarios whose outcome changes, symmetric in the two files: each file's own
 * definition runs on that file (a scenario in one file only runs on both).
 */
function scenarioChanges(oldPolicy: Policy, newPolicy: Policy): ScenarioChange[] {
  const oldC = compile(oldPolicy);
  const newC = compile(newPolicy);
  const olds = new Map<string, Scenario>();
  for (const s of oldPolicy.scenarios as readonly Scenario[]) if (!olds.has(s.name)) olds.set(s.name, s);
  const news = new Map<string, Scenario>();
  for (const s of newPolicy.scenarios as readonly Scenario[]) if (!news.has(s.name)) news.set(s.name, s);
  const out: ScenarioChange[] = [];
  for (const name of new Set([...olds.keys(), ...news.keys()])) {
    const before = attempt(() => runScenario(oldC, (olds.get(name) ?? news.get(name))!).actual);
    const after = attempt(() => runScenario(newC, (news.get(name) ?? olds.get(name))!).actual);
    if (stable(before) !== stable(after)) out.push({ name, old: before, new: after });
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

/** @internal for tests: the decision diff's answer for one user and fact sheet of one file, by question. */
export function decisionsOfUser(ws: CompiledLeanix, userId: string, sheetId: string): Map<string, { allowed: boolean; patch: Patch | null; kind: Decision['kind'] }> {
  const side = new DecisionSide(ws);
  const sheet = ws.factSheets.get(sheetId)!;
  const type = ws.types.get(sheet.type)!;
  const user = ws.users.get(userId)!;
  const out = new Map<string, { allowed: boolean; patch: Patch | null; kind: Decision['kind'] }>();
  for (const d of [...side.questionsOf(type).list, ...sheet.subscriptions.flatMap((s) => subscriberQuestions(type, s.user).map((x) => x.d))]) {
    out.set(d.id, { allowed: side.allowed(user, type, sheet, d), patch: d.patch, kind: d.kind });
  }
  return out;
}
