// Compiles a LeanIX workspace into per-user capability indexes sized by what the roles
// name: per distinct role set, the action bits of its grants kept in the grants' own
// shape (every type or one type, every qualifier or one), so a decision is at most a
// few lookups and memory grows with the grants, not with types × fields.
import type { CustomerRole, FactSheet, FactSheetType, LeanixPolicy, LeanixUser, MandatorySubscription, Settings } from '../../model/schema';
import { BASE_FIELDS, RESOURCES, SHIRO_ACTIONS } from '../../model/vocabulary';
import type { Resource, ShiroAction } from '../../model/vocabulary';
import { parsePermission } from '../../model/permission';
import type { Grant } from '../../model/permission';
import { MAX_QUALIFIERS_PER_TYPE, MAX_TYPES } from '../../policy/json';

export const ACTION_BIT: Record<ShiroAction, number> = { READ: 1, CREATE: 2, UPDATE: 4, DELETE: 8, ARCHIVE: 16, INLINE_EDIT: 32, IMPORT: 64, EXPORT: 128 };
export const ALL_ACTIONS = 255;
/** The four actions a scenario's operations need; the packed fast path keeps these. */
const SCENARIO_ACTIONS = 15;
export const RESOURCE_INDEX = Object.fromEntries(RESOURCES.map((r, i) => [r, i])) as Record<Resource, number>;

/** Which qualifiers a resource covers on a type: bit 1 base fields, 2 attributes, 4 relations; 0 takes none. */
const KIND_BASE = 1;
const KIND_FIELD = 2;
const KIND_RELATION = 4;
const RESOURCE_KIND: readonly number[] = RESOURCES.map((r) =>
  r === 'FACT_SHEET_BASE_FIELDS' ? KIND_BASE : r === 'FACT_SHEET_FIELDS' ? KIND_FIELD : r === 'FACT_SHEET_RELATIONS' ? KIND_RELATION : 0,
);

/** Where a user's grants come from: the customer roles it holds, or its standard role. */
export interface GrantSource {
  /** `VULN_SYNC`, or `MEMBER` for a standard role. */
  readonly role: string;
  readonly builtin: boolean;
  readonly grants: readonly Grant[];
}

/**
 * The action bits a role set holds, in the shape its grants have. The bits of a cell
 * (resource, type, qualifier) are the union of the four parts that cover it; every part
 * but `any` is absent (null) when no grant has that shape.
 */
export interface Caps {
  /** By resource: grants on every type (`*`) and, where the resource takes one, every qualifier (`*`). */
  readonly any: Uint8Array;
  /** By `resource * typeCount + type`: grants on one type and every qualifier. */
  readonly byType: ReadonlyMap<number, number> | null;
  /** By `resource * nameCount + name`: grants on every type naming one qualifier (names without case). */
  readonly byName: ReadonlyMap<number, number> | null;
  /** By `offset(resource, type, qualifier)`: grants naming one type and one qualifier. */
  readonly cells: ReadonlyMap<number, number> | null;
  /** The same three parts as open-addressed tables for `cellBits` (null: the part is empty); see `tableOf`. */
  readonly typeTable: Int32Array | null;
  readonly nameTable: Int32Array | null;
  readonly cellTable: Int32Array | null;
  /** Bit r set: the part has a key for resource r (a lookup of another resource is skipped). */
  readonly typeResources: number;
  readonly nameResources: number;
  readonly cellResources: number;
}

export interface CompiledUser {
  readonly user: LeanixUser;
  readonly admin: boolean;
  /** The action bits of the user's role set; shared by users with the same roles. */
  readonly caps: Caps;
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
  /** By qualifier index: which resources cover it (KIND_* bits). */
  readonly kinds: Uint8Array;
  /** By qualifier index: the id of its lower-case name in the workspace's name table. */
  readonly nameIds: Int32Array;
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
  /** The most qualifiers a type has: the stride of `offset`. */
  readonly qualifierCount: number;
  /** Every qualifier name of every type, lower-case, to its id (`CompiledType.nameIds`). */
  readonly nameIds: ReadonlyMap<string, number>;
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

/** Index of a cell (resource, type, qualifier): the key of `Caps.cells`, and the index into `denseCaps`. */
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
  return new Roles(roles).grants(role.name);
}

/** The model is beyond the limits Sealcheck reads (docs/policy-file.md): the words why, or null. */
export function beyondLimits(types: readonly Pick<FactSheetType, 'name' | 'fields' | 'relations'>[]): string | null {
  if (types.length > MAX_TYPES) return `${types.length.toLocaleString('en-US')} fact sheet types; Sealcheck reads at most ${MAX_TYPES.toLocaleString('en-US')}`;
  for (const t of types) {
    const n = t.fields.length + t.relations.length;
    if (n > MAX_QUALIFIERS_PER_TYPE) return `\`${t.name}\` has ${n.toLocaleString('en-US')} fields and relations; Sealcheck reads at most ${MAX_QUALIFIERS_PER_TYPE.toLocaleString('en-US')} per type`;
  }
  return null;
}

export function compileLeanix(policy: LeanixPolicy): CompiledLeanix {
  const limit = beyondLimits(policy.factSheetTypes);
  if (limit) throw new Error(`the model is beyond Sealcheck's limits: ${limit}`);
  const types = new Map<string, CompiledType>();
  const nameIds = new Map<string, number>();
  const nameId = (name: string): number => {
    const key = name.toLowerCase();
    let id = nameIds.get(key);
    if (id === undefined) nameIds.set(key, (id = nameIds.size));
    return id;
  };
  let qualifierCount = 1;
  policy.factSheetTypes.forEach((type, index) => {
    const qualifiers = new Map<string, number>();
    for (const name of [...BASE_FIELDS, ...type.fields, ...type.relations]) {
      if (!qualifiers.has(name)) qualifiers.set(name, qualifiers.size);
    }
    qualifierCount = Math.max(qualifierCount, qualifiers.size);
    const qualifiersByKey = new Map<string, number>();
    for (const [name, q] of qualifiers) if (!qualifiersByKey.has(name.toLowerCase())) qualifiersByKey.set(name.toLowerCase(), q);
    const kinds = new Uint8Array(qualifiers.size);
    for (const name of BASE_FIELDS) kinds[qualifiers.get(name)!]! |= KIND_BASE;
    for (const name of type.fields) kinds[qualifiers.get(name)!]! |= KIND_FIELD;
    for (const name of type.relations) kinds[qualifiers.get(name)!]! |= KIND_RELATION;
    const ids = new Int32Array(qualifiers.size);
    for (const [name, q] of qualifiers) ids[q] = nameId(name);
    if (!types.has(type.name)) {
      types.set(type.name, {
        index,
        type,
        qualifiers,
        qualifiersByKey,
        kinds,
        nameIds: ids,
        mandatory: new Set(type.mandatory.fields),
        mandatoryRelations: new Set(type.mandatory.relations),
        mandatorySubscriptions: type.mandatory.subscriptions,
        exemptFields: new Set(type.qualitySeal.ignoreUpdatesForFields),
        exemptRelations: new Set(type.qualitySeal.ignoreUpdatesForRelations),
      });
    }
  });
  const typesByKey = new Map<string, CompiledType>();
  for (const [name, t] of types) if (!typesByKey.has(name.toLowerCase())) typesByKey.set(name.toLowerCase(), t);
  const shape: Shape = { typeCount: Math.max(1, policy.factSheetTypes.length), qualifierCount, nameIds, typesByKey };
  const roles = new Roles(new Map(policy.roles.map((r) => [r.name, r])));
  const builder = new CapsBuilder(shape, roles);
  const capsCache = new Map<string, Caps>();
  const users = new Map<string, CompiledUser>();
  // Roles that clone from others are built after those (fewest steps from a built-in first): each walks only to the nearest one built.
  const held = [...new Set(policy.users.flatMap((u) => (u.role === 'ADMIN' ? [] : u.customerRoles)))];
  for (const name of roles.byDepth(held)) builder.role(name);
  for (const user of policy.users) {
    const admin = user.role === 'ADMIN';
    let sources: GrantSource[];
    if (admin) sources = [{ role: 'ADMIN', builtin: true, grants: [] }];
    else if (user.customerRoles.length) sources = user.customerRoles.map((role) => roles.source(role));
    else sources = [{ role: user.role, builtin: true, grants: user.role === 'MEMBER' ? memberGrants() : viewerGrants() }];
    const key = admin ? '\u0000ADMIN' : sources.map((s) => (s.builtin ? `\u0000${s.role}` : s.role)).sort().join('\u0001');
    let caps = capsCache.get(key);
    if (!caps) {
      if (admin) caps = adminCaps();
      else if (!user.customerRoles.length) caps = builder.standard(user.role === 'MEMBER' ? 'MEMBER' : 'VIEWER');
      else if (user.customerRoles.length === 1) caps = builder.role(user.customerRoles[0]!);
      else caps = union(user.customerRoles.map((r) => builder.role(r)), shape);
      capsCache.set(key, caps);
    }
    users.set(user.id, { user, admin, caps, sources, aces: new Set(user.aces) });
  }
  const usersByEmail = new Map<string, CompiledUser>();
  for (const user of policy.users) if (user.email !== undefined && !users.has(user.email)) usersByEmail.set(user.email, users.get(user.id)!);
  // the fact sheet index is built when first read: the bulk and advisor paths get their fact sheets as arrays and never read it
  let sheetIndex: ReadonlyMap<string, FactSheet> | null = null;
  const ws: CompiledLeanix = {
    policy,
    types,
    typesByKey,
    typeCount: shape.typeCount,
    qualifierCount,
    nameIds,
    users,
    usersByEmail,
    settings: policy.settings,
    get factSheets() {
      return (sheetIndex ??= factSheetIndex(policy.factSheets));
    },
  };
  builders.set(ws, builder);
  return ws;
}

/**
 * The fact sheets by id, shared by every workspace compiled from the same array (the
 * advisor's setups change users, roles or types, never the fact sheets): built once per
 * array, not once per compile. Files are immutable once read.
 */
const sheetIndexes = new WeakMap<readonly FactSheet[], ReadonlyMap<string, FactSheet>>();
function factSheetIndex(sheets: readonly FactSheet[]): ReadonlyMap<string, FactSheet> {
  let index = sheetIndexes.get(sheets);
  if (!index) sheetIndexes.set(sheets, (index = new Map(sheets.map((f) => [f.id, f]))));
  return index;
}

// ---------------------------------------------------------------- roles and their grants

/** The customer roles of a workspace: each role's permissions parsed once, its chain walked without recursion. */
class Roles {
  private readonly parsed = new Map<string, readonly Grant[]>();
  private readonly depths = new Map<string, number>();
  private readonly sources = new Map<string, GrantSource>();
  constructor(readonly roles: ReadonlyMap<string, CustomerRole>) {}

  /** The role's own grants (not those it clones from). */
  own(name: string): readonly Grant[] {
    const role = this.roles.get(name);
    if (!role) return [];
    const out: Grant[] = [];
    for (const text of role.permissions) {
      let grants = this.parsed.get(text);
      if (!grants) {
        const result = parsePermission(text);
        this.parsed.set(text, (grants = result.ok ? result.grants : []));
      }
      for (const g of grants) out.push(g);
    }
    return out;
  }

  /** The role it clones from when that is a customer role of the file. */
  parent(name: string): string | undefined {
    const from = this.roles.get(name)?.cloneFrom;
    return from === undefined || from === 'MEMBER' || from === 'VIEWER' || !this.roles.has(from) ? undefined : from;
  }

  /** The chain from the role up to its top (the role without a customer role to clone from), stopping at `stop` or at a repeat. */
  chain(name: string, stop: (name: string) => boolean = () => false): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = name; at !== undefined && !seen.has(at) && (at === name || !stop(at)); at = this.parent(at)) {
      seen.add(at);
      out.push(at);
    }
    return out;
  }

  /** The built-in role a chain starts from, if any. */
  base(top: string): 'MEMBER' | 'VIEWER' | undefined {
    const from = this.roles.get(top)?.cloneFrom;
    return from === 'MEMBER' || from === 'VIEWER' ? from : undefined;
  }

  /** Every grant of the role, its chain's first (a validated file has no cycles; a cycle stops at the repeat). */
  grants(name: string): Grant[] {
    const chain = this.chain(name);
    const base = chain.length ? this.base(chain[chain.length - 1]!) : undefined;
    const out = base === 'MEMBER' ? memberGrants() : base === 'VIEWER' ? viewerGrants() : [];
    for (let i = chain.length - 1; i >= 0; i--) for (const g of this.own(chain[i]!)) out.push(g);
    return out;
  }

  /** The role as a user's grant source; its grants are listed when first read (explanations, the advisor). */
  source(name: string): GrantSource {
    let source = this.sources.get(name);
    if (!source) {
      let grants: readonly Grant[] | null = null;
      const roles = this;
      source = {
        role: name,
        builtin: false,
        get grants() {
          return (grants ??= roles.grants(name));
        },
      };
      this.sources.set(name, source);
    }
    return source;
  }

  /** How many customer roles the role's chain has above it; linear over all roles asked. */
  depth(name: string): number {
    const known = this.depths.get(name);
    if (known !== undefined) return known;
    const chain = this.chain(name, (n) => this.depths.has(n));
    const last = chain[chain.length - 1]!;
    const above = this.parent(last);
    let d = above !== undefined && this.depths.has(above) && !chain.includes(above) ? this.depths.get(above)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--) this.depths.set(chain[i]!, d++);
    return this.depths.get(name)!;
  }

  /** The names, those with fewer roles above them first. */
  byDepth(names: readonly string[]): string[] {
    return names.filter((n) => this.roles.has(n)).map((n) => [n, this.depth(n)] as const).sort((a, b) => a[1] - b[1]).map(([n]) => n);
  }
}

// ---------------------------------------------------------------- capabilities

interface Shape {
  readonly typeCount: number;
  readonly qualifierCount: number;
  readonly nameIds: ReadonlyMap<string, number>;
  readonly typesByKey: ReadonlyMap<string, CompiledType>;
}

/** Caps under construction: plain maps, created when first needed; `done` builds the tables. */
interface MutableCaps {
  any: Uint8Array;
  byType: Map<number, number> | null;
  byName: Map<number, number> | null;
  cells: Map<number, number> | null;
  typeTable: Int32Array | null;
  nameTable: Int32Array | null;
  cellTable: Int32Array | null;
  typeResources: number;
  nameResources: number;
  cellResources: number;
}

function emptyCaps(): MutableCaps {
  return { any: new Uint8Array(RESOURCES.length), byType: null, byName: null, cells: null, typeTable: null, nameTable: null, cellTable: null, typeResources: 0, nameResources: 0, cellResources: 0 };
}

function copyCaps(c: Caps): MutableCaps {
  const out = emptyCaps();
  out.any = c.any.slice();
  out.byType = c.byType && new Map(c.byType);
  out.byName = c.byName && new Map(c.byName);
  out.cells = c.cells && new Map(c.cells);
  return out;
}

/** Caps with only their `any` part (ADMIN: every bit; an empty role set: none). */
export function plainCaps(any: Uint8Array): Caps {
  const out = emptyCaps();
  out.any = any;
  return out;
}

function adminCaps(): Caps {
  return plainCaps(new Uint8Array(RESOURCES.length).fill(ALL_ACTIONS));
}

/**
 * A part of caps as an open-addressed hash table: key at 2i, bits at 2i + 1, -1 an empty
 * slot, at most half full. A lookup is a multiply, a mask and a probe or two, with no
 * call into the engine's Map: `cellBits` runs for every grant question.
 */
function tableOf(map: ReadonlyMap<number, number> | null): Int32Array | null {
  if (map === null || map.size === 0) return null;
  let slots = 4;
  while (slots < map.size * 2) slots <<= 1;
  const table = new Int32Array(slots * 2).fill(-1);
  const mask = slots - 1;
  for (const [key, bits] of map) {
    let i = slot(key, mask);
    while (table[i << 1] !== -1) i = (i + 1) & mask;
    table[i << 1] = key;
    table[(i << 1) | 1] = bits;
  }
  return table;
}

function slot(key: number, mask: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}

/** The bits a table holds at `key`, 0 when none. */
function probe(table: Int32Array, key: number): number {
  const mask = (table.length >> 1) - 1;
  let i = slot(key, mask);
  for (;;) {
    const k = table[i << 1]!;
    if (k === key) return table[(i << 1) | 1]!;
    if (k === -1) return 0;
    i = (i + 1) & mask;
  }
}

/** Finishes caps: builds the lookup tables from the maps, and which resources each part names. */
function done(c: MutableCaps, shape: Pick<Shape, 'typeCount' | 'qualifierCount' | 'nameIds'>): Caps {
  c.typeTable = tableOf(c.byType);
  c.nameTable = tableOf(c.byName);
  c.cellTable = tableOf(c.cells);
  const resources = (map: Map<number, number> | null, stride: number) => {
    let mask = 0;
    if (map) for (const key of map.keys()) mask |= 1 << Math.floor(key / stride);
    return mask;
  };
  c.typeResources = resources(c.byType, shape.typeCount);
  c.nameResources = resources(c.byName, Math.max(1, shape.nameIds.size));
  c.cellResources = resources(c.cells, shape.typeCount * shape.qualifierCount);
  return c;
}

function orInto(map: Map<number, number>, key: number, bits: number): void {
  map.set(key, (map.get(key) ?? 0) | bits);
}

/** The union of role sets' caps. */
function union(all: readonly Caps[], shape: Shape): Caps {
  const out = emptyCaps();
  for (const c of all) {
    for (let r = 0; r < out.any.length; r++) out.any[r]! |= c.any[r]!;
    if (c.byType) for (const [k, v] of c.byType) orInto((out.byType ??= new Map()), k, v);
    if (c.byName) for (const [k, v] of c.byName) orInto((out.byName ??= new Map()), k, v);
    if (c.cells) for (const [k, v] of c.cells) orInto((out.cells ??= new Map()), k, v);
  }
  return done(out, shape);
}

/** Adds a grant's bits where it applies: every cell it covers reads them, as `holds` does. */
function applyGrant(caps: MutableCaps, grant: Grant, shape: Shape): void {
  let bits = 0;
  for (const action of grant.actions) bits |= ACTION_BIT[action];
  const r = RESOURCE_INDEX[grant.resource];
  const kind = RESOURCE_KIND[r]!;
  const anyQualifier = kind === 0 || grant.qualifier === '*';
  if (grant.type === '*') {
    if (anyQualifier) caps.any[r]! |= bits;
    else {
      const id = shape.nameIds.get(grant.qualifier.toLowerCase());
      if (id !== undefined) orInto((caps.byName ??= new Map()), r * shape.nameIds.size + id, bits);
    }
    return;
  }
  const type = shape.typesByKey.get(grant.type.toLowerCase());
  if (!type) return;
  if (anyQualifier) {
    orInto((caps.byType ??= new Map()), r * shape.typeCount + type.index, bits);
    return;
  }
  const q = qualifierOfKind(type, kind, grant.qualifier);
  if (q !== undefined) orInto((caps.cells ??= new Map()), offset(shape, r, type.index, q), bits);
}

/** The qualifier a resource of `kind` names on the type (matched without case), or undefined. */
function qualifierOfKind(type: CompiledType, kind: number, name: string): number | undefined {
  const key = name.toLowerCase();
  const q = type.qualifiersByKey.get(key);
  if (q === undefined) return undefined;
  if ((type.kinds[q]! & kind) !== 0) return q;
  // a name whose first spelling is of another kind (a field `Name` beside the base field `name`)
  for (const [n, i] of type.qualifiers) if ((type.kinds[i]! & kind) !== 0 && n.toLowerCase() === key) return i;
  return undefined;
}

/** Builds and keeps the caps of the standard roles and of each customer role (with what it clones from). */
class CapsBuilder {
  private readonly byRole = new Map<string, Caps>();
  private readonly standards = new Map<string, Caps>();
  constructor(
    private readonly shape: Shape,
    readonly roles: Roles,
  ) {}

  standard(role: 'MEMBER' | 'VIEWER'): Caps {
    let caps = this.standards.get(role);
    if (!caps) {
      const c = emptyCaps();
      for (const g of role === 'MEMBER' ? memberGrants() : viewerGrants()) applyGrant(c, g, this.shape);
      this.standards.set(role, (caps = done(c, this.shape)));
    }
    return caps;
  }

  /** A customer role's caps: those of the nearest role above it already built (or of its built-in start), plus the grants of the roles between. */
  role(name: string): Caps {
    const known = this.byRole.get(name);
    if (known) return known;
    const chain = this.roles.chain(name, (n) => this.byRole.has(n));
    const top = chain[chain.length - 1]!;
    const above = this.roles.parent(top);
    const from = above !== undefined && this.byRole.has(above) && !chain.includes(above) ? this.byRole.get(above)! : null;
    const base = from ? null : this.roles.base(top);
    const caps = from ? copyCaps(from) : base ? copyCaps(this.standard(base)) : emptyCaps();
    for (let i = chain.length - 1; i >= 0; i--) for (const g of this.roles.own(chain[i]!)) applyGrant(caps, g, this.shape);
    const finished = done(caps, this.shape);
    this.byRole.set(name, finished);
    return finished;
  }
}

const builders = new WeakMap<CompiledLeanix, CapsBuilder>();

/** The caps of one customer role of the workspace (with the roles it clones from), or null when the file has no such role. */
export function roleCaps(ws: CompiledLeanix, name: string): Caps | null {
  const builder = builders.get(ws);
  if (!builder || !builder.roles.roles.has(name)) return null;
  return builder.role(name);
}

/** The caps of a standard role in the workspace. */
export function standardCaps(ws: CompiledLeanix, role: 'ADMIN' | 'MEMBER' | 'VIEWER'): Caps {
  if (role === 'ADMIN') return adminCaps();
  return builders.get(ws)!.standard(role);
}

/** The action bits `caps` hold at a cell of the type: `q` a qualifier index the resource covers (0 for the others). */
export function cellBits(ws: Pick<CompiledLeanix, 'typeCount' | 'qualifierCount' | 'nameIds'>, caps: Caps, r: number, type: CompiledType, q: number): number {
  let bits = caps.any[r]!;
  if (caps.typeTable !== null) bits |= probe(caps.typeTable, r * ws.typeCount + type.index);
  if (RESOURCE_KIND[r] === 0) return bits;
  if (caps.nameTable !== null) bits |= probe(caps.nameTable, r * ws.nameIds.size + type.nameIds[q]!);
  if (caps.cellTable !== null) bits |= probe(caps.cellTable, offset(ws, r, type.index, q));
  return bits;
}

/** The qualifier index of `qualifier` for the resource on the type (0 for resources without qualifiers), or -1 when the resource does not cover it. */
export function qualifierIndex(type: CompiledType, resource: Resource, qualifier: string): number {
  const kind = RESOURCE_KIND[RESOURCE_INDEX[resource]]!;
  if (kind === 0) return 0;
  const q = type.qualifiers.get(qualifier);
  return q === undefined || (type.kinds[q]! & kind) === 0 ? -1 : q;
}

/** The qualifiers a resource covers on a type: base fields, attributes or relations. */
export function qualifierRange(resource: Resource, type: CompiledType): [string, number][] {
  const names =
    resource === 'FACT_SHEET_BASE_FIELDS' ? BASE_FIELDS : resource === 'FACT_SHEET_FIELDS' ? type.type.fields : type.type.relations;
  return names.map((n) => [n, type.qualifiers.get(n)!]);
}

/** By resource name: its index, and in bits 4 on the qualifiers it covers (RESOURCE_KIND). */
const RESOURCE_CODE = new Map<string, number>(RESOURCES.map((r, i) => [r, i | (RESOURCE_KIND[i]! << 4)]));
const ACTION_BITS = new Map<string, number>(Object.entries(ACTION_BIT));

/** RESOURCE_CODE by a switch: the names are interned constants, so each case is a pointer compare. */
function resourceCode(resource: Resource): number {
  switch (resource) {
    case 'FACT_SHEET_FIELDS': return 2 | (KIND_FIELD << 4);
    case 'FACT_SHEET_BASE_FIELDS': return 1 | (KIND_BASE << 4);
    case 'FACT_SHEET_RELATIONS': return 3 | (KIND_RELATION << 4);
    case 'FACT_SHEET': return 0;
    default: return RESOURCE_CODE.get(resource)!;
  }
}

function actionBit(action: ShiroAction): number {
  switch (action) {
    case 'READ': return 1;
    case 'CREATE': return 2;
    case 'UPDATE': return 4;
    case 'DELETE': return 8;
    default: return ACTION_BITS.get(action)!;
  }
}

/** Does the user hold `action` on resource/type/qualifier? A few lookups, no allocation. */
export function holds(ws: CompiledLeanix, user: CompiledUser, resource: Resource, action: ShiroAction, type: CompiledType, qualifier: string): boolean {
  if (user.admin) return true;
  const code = resourceCode(resource);
  const kind = code >> 4;
  let q = 0;
  if (kind !== 0) {
    const at = type.qualifiers.get(qualifier);
    if (at === undefined || (type.kinds[at]! & kind) === 0) return false;
    q = at;
  }
  // only one bit is asked: each part is looked at until it answers, and only if it names the resource
  const bit = actionBit(action);
  const caps = user.caps;
  const r = code & 15;
  if ((caps.any[r]! & bit) !== 0) return true;
  const flag = 1 << r;
  if ((caps.typeResources & flag) !== 0 && (probe(caps.typeTable!, r * ws.typeCount + type.index) & bit) !== 0) return true;
  if (kind === 0) return false;
  if ((caps.cellResources & flag) !== 0 && (probe(caps.cellTable!, offset(ws, r, type.index, q)) & bit) !== 0) return true;
  return (caps.nameResources & flag) !== 0 && (probe(caps.nameTable!, r * ws.nameIds.size + type.nameIds[q]!) & bit) !== 0;
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

// ---------------------------------------------------------------- dense view and packed fast path

const dense = new WeakMap<Caps, Uint8Array>();

/**
 * The user's caps as one byte of action bits per cell, at `offset(resource, type,
 * qualifier)`: RESOURCES × types × the most qualifiers of a type. For hot numeric
 * lookups over small models (the bench); kept per role set. Cells a resource does not
 * cover hold 0, except for ADMIN, who holds every bit everywhere.
 */
export function denseCaps(ws: CompiledLeanix, user: CompiledUser): Uint8Array {
  const caps = user.caps;
  let out = dense.get(caps);
  if (out) return out;
  out = new Uint8Array(RESOURCES.length * ws.typeCount * ws.qualifierCount);
  if (user.admin) out.fill(ALL_ACTIONS);
  else {
    for (let r = 0; r < RESOURCES.length; r++) {
      const kind = RESOURCE_KIND[r]!;
      for (const type of ws.types.values()) {
        if (kind === 0) {
          out[offset(ws, r, type.index, 0)] = cellBits(ws, caps, r, type, 0);
          continue;
        }
        for (let q = 0; q < type.kinds.length; q++) if ((type.kinds[q]! & kind) !== 0) out[offset(ws, r, type.index, q)] = cellBits(ws, caps, r, type, q);
      }
    }
  }
  dense.set(caps, out);
  return out;
}

/**
 * A capability array packed two cells per byte (the cell at an even offset in the low
 * nibble): half the memory of `denseCaps`, for hot numeric lookups over many users, where
 * the working set decides the speed.
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
