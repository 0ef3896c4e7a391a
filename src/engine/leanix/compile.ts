// Compiles a LeanIX workspace into per-user capability indexes: one byte of action
// bits per (resource, type, qualifier), so a decision is one array lookup.
import type { CustomerRole, FactSheet, FactSheetType, LeanixPolicy, LeanixUser, MandatorySubscription, Settings } from '../../model/schema';
import { BASE_FIELDS, QUALIFIED_RESOURCES, RESOURCES, SHIRO_ACTIONS } from '../../model/vocabulary';
import type { Resource, ShiroAction } from '../../model/vocabulary';
import { parsePermission } from '../../model/permission';
import type { Grant } from '../../model/permission';

export const ACTION_BIT: Record<ShiroAction, number> = { READ: 1, CREATE: 2, UPDATE: 4, DELETE: 8, ARCHIVE: 16, INLINE_EDIT: 32, IMPORT: 64, EXPORT: 128 };
export const ALL_ACTIONS = 255;
/** The four actions a scenario's operations need; the packed fast path keeps these. */
const SCENARIO_ACTIONS = 15;
export const RESOURCE_INDEX = Object.fromEntries(RESOURCES.map((r, i) => [r, i])) as Record<Resource, number>;

/** Where a user's grants come from: the customer roles it holds, or its standard role. */
export interface GrantSource {
  /** `VULN_SYNC`, or `MEMBER` for a standard role. */
  readonly role: string;
  readonly builtin: boolean;
  readonly grants: readonly Grant[];
}

export interface CompiledUser {
  readonly user: LeanixUser;
  readonly admin: boolean;
  /** Action bits at `offset(resource, type, qualifier)`; shared by users with the same roles. */
  readonly caps: Uint8Array;
  readonly sources: readonly GrantSource[];
  readonly aces: ReadonlySet<string>;
}

export interface CompiledType {
  readonly index: number;
  readonly type: FactSheetType;
  /** Qualifier index of each base field, attribute and relation of the type. */
  readonly qualifiers: ReadonlyMap<string, number>;
  /** The same, keyed by the lower-case name: permission strings match without case. */
  readonly qualifiersByKey: ReadonlyMap<string, number>;
  /** Mandatory base fields and attributes. */
  readonly mandatory: ReadonlySet<string>;
  readonly mandatoryRelations: ReadonlySet<string>;
  readonly mandatorySubscriptions: readonly MandatorySubscription[];
  /** Seal exemptions: edits of these never break the seal. */
  readonly exemptFields: ReadonlySet<string>;
  readonly exemptRelations: ReadonlySet<string>;
}

export interface CompiledLeanix {
  readonly policy: LeanixPolicy;
  readonly types: ReadonlyMap<string, CompiledType>;
  /** The types keyed by lower-case name: permission strings match without case. */
  readonly typesByKey: ReadonlyMap<string, CompiledType>;
  readonly typeCount: number;
  readonly qualifierCount: number;
  readonly users: ReadonlyMap<string, CompiledUser>;
  /** Users by email: a scenario's actor may be given by email. */
  readonly usersByEmail: ReadonlyMap<string, CompiledUser>;
  readonly factSheets: ReadonlyMap<string, FactSheet>;
  readonly settings: Settings;
}

/** The user an actor names: by id, or by email. */
export function userOf(ws: CompiledLeanix, actor: string): CompiledUser | undefined {
  return ws.users.get(actor) ?? ws.usersByEmail.get(actor);
}

/** Index into a capability array. */
export function offset(ws: Pick<CompiledLeanix, 'typeCount' | 'qualifierCount'>, resource: number, type: number, qualifier: number): number {
  return (resource * ws.typeCount + type) * ws.qualifierCount + qualifier;
}

/** Built-in MEMBER: everything but TECHNICAL_USERS, and every base field but lxState. */
export function memberGrants(): Grant[] {
  const all = [...SHIRO_ACTIONS];
  const grants: Grant[] = [];
  for (const resource of RESOURCES) {
    if (resource === 'TECHNICAL_USERS') continue;
    if (resource === 'FACT_SHEET_BASE_FIELDS') {
      for (const field of BASE_FIELDS) {
        if (field !== 'lxState') grants.push(builtin(resource, all, field));
      }
    } else grants.push(builtin(resource, all, '*'));
  }
  return grants;
}

/** Built-in VIEWER: READ everywhere, plus writing subscriptions and comments. */
export function viewerGrants(): Grant[] {
  const grants: Grant[] = RESOURCES.filter((r) => r !== 'TECHNICAL_USERS').map((r) => builtin(r, ['READ'], '*'));
  grants.push(builtin('FACT_SHEET_SUBSCRIPTIONS', ['CREATE', 'UPDATE', 'DELETE'], '*'));
  grants.push(builtin('FACT_SHEET_COMMENTS', ['CREATE', 'UPDATE', 'DELETE'], '*'));
  return grants;
}

function builtin(resource: Resource, actions: ShiroAction[], qualifier: string): Grant {
  return { resource, actions, type: '*', qualifier, source: `${resource}:${actions.join(',')}:*:${qualifier}` };
}

/** A customer role's grants, with those of the roles it clones from (iterative: chains may be long). Assumes a validated file. */
export function expandRole(role: CustomerRole, roles: ReadonlyMap<string, CustomerRole>): Grant[] {
  const chain: CustomerRole[] = [];
  const seen = new Set<string>();
  let base: Grant[] = [];
  for (let at: CustomerRole | undefined = role; at !== undefined && !seen.has(at.name); ) {
    seen.add(at.name);
    chain.push(at);
    const from: string | undefined = at.cloneFrom;
    if (from === 'MEMBER') base = memberGrants();
    else if (from === 'VIEWER') base = viewerGrants();
    at = from === undefined || from === 'MEMBER' || from === 'VIEWER' ? undefined : roles.get(from);
  }
  const out = base;
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const text of chain[i]!.permissions) {
      const parsed = parsePermission(text);
      if (parsed.ok) for (const g of parsed.grants) out.push(g);
    }
  }
  return out;
}

export function compileLeanix(policy: LeanixPolicy): CompiledLeanix {
  const types = new Map<string, CompiledType>();
  let qualifierCount = 1;
  policy.factSheetTypes.forEach((type, index) => {
    const qualifiers = new Map<string, number>();
    for (const name of [...BASE_FIELDS, ...type.fields, ...type.relations]) {
      if (!qualifiers.has(name)) qualifiers.set(name, qualifiers.size);
    }
    qualifierCount = Math.max(qualifierCount, qualifiers.size);
    const qualifiersByKey = new Map<string, number>();
    for (const [name, q] of qualifiers) if (!qualifiersByKey.has(name.toLowerCase())) qualifiersByKey.set(name.toLowerCase(), q);
    types.set(type.name, {
      index,
      type,
      qualifiers,
      qualifiersByKey,
      mandatory: new Set(type.mandatory.fields),
      mandatoryRelations: new Set(type.mandatory.relations),
      mandatorySubscriptions: type.mandatory.subscriptions,
      exemptFields: new Set(type.qualitySeal.ignoreUpdatesForFields),
      exemptRelations: new Set(type.qualitySeal.ignoreUpdatesForRelations),
    });
  });
  const shape = { typeCount: Math.max(1, types.size), qualifierCount };
  const typesByKey = new Map<string, CompiledType>();
  for (const [name, t] of types) if (!typesByKey.has(name.toLowerCase())) typesByKey.set(name.toLowerCase(), t);
  const roles = new Map(policy.roles.map((r) => [r.name, r]));
  const roleGrants = new Map<string, Grant[]>();
  const grantsOf = (name: string) => {
    let grants = roleGrants.get(name);
    if (!grants) roleGrants.set(name, (grants = expandRole(roles.get(name)!, roles)));
    return grants;
  };
  const capsCache = new Map<string, Uint8Array>();
  const users = new Map<string, CompiledUser>();
  for (const user of policy.users) {
    const admin = user.role === 'ADMIN';
    let sources: GrantSource[];
    if (admin) sources = [{ role: 'ADMIN', builtin: true, grants: [] }];
    else if (user.customerRoles.length) sources = user.customerRoles.map((role) => ({ role, builtin: false, grants: grantsOf(role) }));
    else sources = [{ role: user.role, builtin: true, grants: user.role === 'MEMBER' ? memberGrants() : viewerGrants() }];
    const key = admin ? '\u0000ADMIN' : sources.map((s) => (s.builtin ? `\u0000${s.role}` : s.role)).sort().join('\u0001');
    let caps = capsCache.get(key);
    if (!caps) {
      caps = new Uint8Array(RESOURCES.length * shape.typeCount * shape.qualifierCount);
      if (admin) caps.fill(ALL_ACTIONS);
      else for (const source of sources) for (const grant of source.grants) applyGrant(caps, grant, types, typesByKey, shape);
      capsCache.set(key, caps);
    }
    users.set(user.id, { user, admin, caps, sources, aces: new Set(user.aces) });
  }
  const usersByEmail = new Map<string, CompiledUser>();
  for (const user of policy.users) if (user.email !== undefined && !users.has(user.email)) usersByEmail.set(user.email, users.get(user.id)!);
  return {
    policy,
    types,
    typesByKey,
    ...shape,
    users,
    usersByEmail,
    settings: policy.settings,
    factSheets: new Map(policy.factSheets.map((f) => [f.id, f])),
  };
}

function applyGrant(
  caps: Uint8Array,
  grant: Grant,
  types: ReadonlyMap<string, CompiledType>,
  typesByKey: ReadonlyMap<string, CompiledType>,
  shape: Pick<CompiledLeanix, 'typeCount' | 'qualifierCount'>,
): void {
  let bits = 0;
  for (const action of grant.actions) bits |= ACTION_BIT[action];
  const r = RESOURCE_INDEX[grant.resource];
  const qualified = QUALIFIED_RESOURCES.includes(grant.resource);
  const targets = grant.type === '*' ? [...types.values()] : [typesByKey.get(grant.type.toLowerCase())].filter((t) => t !== undefined);
  for (const type of targets) {
    if (!qualified) {
      caps[offset(shape, r, type.index, 0)]! |= bits;
      continue;
    }
    if (grant.qualifier === '*') {
      for (const [, q] of qualifierRange(grant.resource, type)) {
        caps[offset(shape, r, type.index, q)]! |= bits;
      }
    } else {
      const q = type.qualifiersByKey.get(grant.qualifier.toLowerCase());
      if (q !== undefined && kindOf(grant.resource, type, grant.qualifier)) caps[offset(shape, r, type.index, q)]! |= bits;
    }
  }
}

/** The qualifiers a resource covers on a type: base fields, attributes or relations. */
export function qualifierRange(resource: Resource, type: CompiledType): [string, number][] {
  const names =
    resource === 'FACT_SHEET_BASE_FIELDS' ? BASE_FIELDS : resource === 'FACT_SHEET_FIELDS' ? type.type.fields : type.type.relations;
  return names.map((n) => [n, type.qualifiers.get(n)!]);
}

function kindOf(resource: Resource, type: CompiledType, name: string): boolean {
  const key = name.toLowerCase();
  return qualifierRange(resource, type).some(([n]) => n.toLowerCase() === key);
}

/** Does the user hold `action` on resource/type/qualifier? One lookup. */
export function holds(ws: CompiledLeanix, user: CompiledUser, resource: Resource, action: ShiroAction, type: CompiledType, qualifier: string): boolean {
  if (user.admin) return true;
  const q = QUALIFIED_RESOURCES.includes(resource) ? type.qualifiers.get(qualifier) : 0;
  if (q === undefined) return false;
  return (user.caps[offset(ws, RESOURCE_INDEX[resource], type.index, q)]! & ACTION_BIT[action]) !== 0;
}

/** The grants that give `action` on resource/type/qualifier, with the role they come from. */
export function grantsFor(
  user: CompiledUser,
  resource: Resource,
  action: ShiroAction,
  type: string,
  qualifier: string,
): { role: string; builtin: boolean; grant: Grant }[] {
  const typeKey = type.toLowerCase();
  const qualifierKey = qualifier.toLowerCase();
  const found: { role: string; builtin: boolean; grant: Grant }[] = [];
  for (const source of user.sources) {
    for (const grant of source.grants) {
      if (
        grant.resource === resource &&
        grant.actions.includes(action) &&
        (grant.type === '*' || grant.type.toLowerCase() === typeKey) &&
        (grant.qualifier === '*' || grant.qualifier.toLowerCase() === qualifierKey)
      ) {
        found.push({ role: source.role, builtin: source.builtin, grant });
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------- packed fast path

/**
 * A capability array packed two cells per byte (the cell at an even offset in the low
 * nibble): half the memory of `caps`, for hot numeric lookups over many users, where
 * the working set decides the speed. `caps` itself is unchanged.
 */
export function packCaps(caps: Uint8Array): Uint8Array {
  const packed = new Uint8Array((caps.length + 1) >> 1);
  for (let i = 0; i < caps.length; i++) packed[i >> 1]! |= (caps[i]! & SCENARIO_ACTIONS) << ((i & 1) << 2);
  return packed;
}

/**
 * `(caps[at] & bit) !== 0` on `packCaps(caps)`: `at` an `offset(...)`, `bit` an ACTION_BIT
 * value. Allocates nothing.
 */
export function packedAllows(packed: Uint8Array, at: number, bit: number): boolean {
  return ((packed[at >> 1]! >> ((at & 1) << 2)) & bit) !== 0;
}
