// The decision workload: a fixed-seed LeanIX workspace (types, customer roles, users)
// and fixed-seed permission requests, interned once to numeric indices so that every
// engine answers exactly the same questions.
import type { CustomerRole, FactSheetType, LeanixPolicy, LeanixUser } from '../src/model/schema';
import { ACTIONS, BASE_FIELDS, FORMAT, QUALIFIED_RESOURCES, RESOURCES } from '../src/model/vocabulary';
import type { Resource } from '../src/model/vocabulary';
import { rng } from './prng';
import type { Rng } from './prng';

export interface WorkloadOptions {
  readonly seed: number;
  readonly types: number;
  readonly fieldsPerType: number;
  readonly relationsPerType: number;
  readonly roles: number;
  /** Permission strings per role: about this many (±2). */
  readonly permissionsPerRole: number;
  readonly users: number;
  /** Users holding no customer role (ADMIN, MEMBER or VIEWER by their standard role alone). */
  readonly plainUsers: number;
  readonly requests: number;
}

export const FULL: WorkloadOptions = {
  seed: 0x5ea1c4ec,
  types: 20,
  fieldsPerType: 30,
  relationsPerType: 4,
  roles: 200,
  permissionsPerRole: 10,
  users: 2000,
  plainUsers: 30,
  requests: 100_000,
};

export const SMOKE: WorkloadOptions = {
  seed: 0x5ea1c4ec,
  types: 4,
  fieldsPerType: 8,
  relationsPerType: 2,
  roles: 20,
  permissionsPerRole: 8,
  users: 60,
  plainUsers: 9,
  requests: 3_000,
};

/**
 * One permission question, interned. `resource` indexes RESOURCES, `action` ACTIONS,
 * `type` the policy's factSheetTypes, `user` its users. `qualifier` indexes
 * `Workload.qualifiers[type]` (base fields, then attributes, then relations, each in
 * declaration order); for a resource that takes no qualifier it is 0 and means `*`.
 */
export interface Request {
  readonly user: number;
  readonly action: number;
  readonly resource: number;
  readonly type: number;
  readonly qualifier: number;
}

export interface Workload {
  readonly options: WorkloadOptions;
  readonly policy: LeanixPolicy;
  readonly typeNames: readonly string[];
  /** Per type: base fields, attributes, relations. */
  readonly qualifiers: readonly (readonly string[])[];
  /** Per type: where its attributes and its relations start in `qualifiers[type]`. */
  readonly fieldStart: readonly number[];
  readonly relationStart: readonly number[];
  readonly userIds: readonly string[];
  readonly requests: readonly Request[];
}

export const QUALIFIED = RESOURCES.map((r) => QUALIFIED_RESOURCES.includes(r));

const TYPE_NAMES = [
  'Application', 'ITComponent', 'BusinessCapability', 'DataObject', 'Interface', 'Provider', 'Project',
  'UserGroup', 'TechCategory', 'Process', 'Objective', 'Platform', 'Initiative', 'Domain', 'Organization',
  'ValueStream', 'BusinessContext', 'Contract', 'Location', 'Service',
];

/** Attributes many types have: grants on `*` types with these qualifiers match widely. */
const COMMON_FIELDS = [
  'lifecycle', 'businessCriticality', 'functionalSuitability', 'technicalSuitability', 'securityVulnerabilityCount',
  'hostingType', 'costCenter', 'dataClassification',
];

const RESOURCE_WEIGHTS: [Resource, number][] = [
  ['FACT_SHEET_FIELDS', 36],
  ['FACT_SHEET_BASE_FIELDS', 14],
  ['FACT_SHEET_RELATIONS', 12],
  ['FACT_SHEET', 10],
  ['FACT_SHEET_TAGS', 5],
  ['FACT_SHEET_SUBSCRIPTIONS', 4],
  ['FACT_SHEET_DOCUMENTS', 4],
  ['FACT_SHEET_COMMENTS', 4],
  ['FACT_SHEET_METRICS', 3],
  ['FACT_SHEET_SURVEYS', 3],
  ['IMPORT', 2],
  ['EXPORT', 2],
  ['TECHNICAL_USERS', 1],
];
const WEIGHT_TOTAL = RESOURCE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickResource(r: Rng): Resource {
  let x = r.int(WEIGHT_TOTAL);
  for (const [resource, w] of RESOURCE_WEIGHTS) {
    if (x < w) return resource;
    x -= w;
  }
  return 'FACT_SHEET_FIELDS';
}

function pickActions(r: Rng): string[] {
  const chosen = ACTIONS.filter(() => r.chance(0.45));
  return chosen.length ? chosen : [r.pick(ACTIONS)];
}

export function typeName(i: number): string {
  const base = TYPE_NAMES[i % TYPE_NAMES.length]!;
  return i < TYPE_NAMES.length ? base : `${base}${Math.floor(i / TYPE_NAMES.length)}`;
}

/** Fact sheet types with all defaults filled: shared by the decision and bulk workloads. */
export function generateTypes(r: Rng, count: number, fieldsPerType: number, relationsPerType: number): FactSheetType[] {
  const names = Array.from({ length: count }, (_, i) => typeName(i));
  const pool = Array.from({ length: Math.max(fieldsPerType * 2, 16) }, (_, i) => `attr${String(i).padStart(2, '0')}`);
  return names.map((name, t) => {
    const common = COMMON_FIELDS.slice(0, Math.min(COMMON_FIELDS.length, Math.ceil(fieldsPerType / 3)));
    const fields = [...common, ...r.sample(pool, fieldsPerType - common.length).sort()];
    const others = names.filter((_, j) => j !== t);
    const relations = r.sample(others, Math.min(relationsPerType, others.length)).map((o) => `rel${name}To${o}`);
    return {
      name,
      fields,
      mandatory: { fields: ['description', fields[0]!], relations: [], subscriptions: [] },
      relations,
      qualitySeal: {
        enabled: t % 5 !== 4,
        draft: t % 3 === 0,
        rejected: t % 4 === 0,
        renewal: t % 2 === 0 ? { value: 180, unit: 'DAYS' as const } : null,
        tagsBreakSeal: t % 3 === 1,
        ignoreUpdatesForFields: [],
        ignoreUpdatesForRelations: [],
      },
    };
  });
}

interface Shape {
  readonly types: readonly FactSheetType[];
  readonly qualifiers: readonly (readonly string[])[];
  readonly fieldStart: readonly number[];
  readonly relationStart: readonly number[];
}

/** Indices in `qualifiers[t]` a resource can name on type t. */
function qualifierRange(shape: Shape, resource: Resource, t: number): [number, number] {
  if (resource === 'FACT_SHEET_BASE_FIELDS') return [0, BASE_FIELDS.length];
  if (resource === 'FACT_SHEET_FIELDS') return [shape.fieldStart[t]!, shape.relationStart[t]!];
  return [shape.relationStart[t]!, shape.qualifiers[t]!.length];
}

function permission(r: Rng, shape: Shape): string {
  const resource = pickResource(r);
  const actions = pickActions(r).join(',');
  const anyType = r.chance(0.15);
  const t = r.int(shape.types.length);
  const type = anyType ? '*' : shape.types[t]!.name;
  let qualifier = '*';
  if (QUALIFIED_RESOURCES.includes(resource) && !r.chance(0.2)) {
    if (resource === 'FACT_SHEET_BASE_FIELDS') qualifier = r.chance(0.15) ? 'lxState' : r.pick(BASE_FIELDS);
    else if (anyType && resource === 'FACT_SHEET_FIELDS') qualifier = r.pick(shape.types[0]!.fields.slice(0, 3));
    else {
      const [from, to] = qualifierRange(shape, resource, t);
      if (to > from) qualifier = shape.qualifiers[t]![from + r.int(to - from)]!;
    }
  }
  return `${resource}:${actions}:${type}:${qualifier}`;
}

export function generateWorkload(options: WorkloadOptions = FULL): Workload {
  const r = rng(options.seed);
  const types = generateTypes(r, options.types, options.fieldsPerType, options.relationsPerType);
  const qualifiers = types.map((t) => [...BASE_FIELDS, ...t.fields, ...t.relations]);
  const fieldStart = types.map(() => BASE_FIELDS.length);
  const relationStart = types.map((t) => BASE_FIELDS.length + t.fields.length);
  const shape: Shape = { types, qualifiers, fieldStart, relationStart };

  const roles: CustomerRole[] = [];
  for (let i = 0; i < options.roles; i++) {
    const count = Math.max(1, options.permissionsPerRole - 2 + r.int(5));
    const permissions = [...new Set(Array.from({ length: count }, () => permission(r, shape)))];
    const role: CustomerRole = { name: `ROLE_${String(i).padStart(3, '0')}`, permissions };
    const x = r.next();
    if (x < 0.04) role.cloneFrom = 'VIEWER';
    else if (x < 0.06) role.cloneFrom = 'MEMBER';
    else if (x < 0.09 && i > 0) role.cloneFrom = roles[r.int(i)]!.name;
    roles.push(role);
  }

  const users: LeanixUser[] = [];
  const plain = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
  for (let i = 0; i < options.users; i++) {
    const technical = r.chance(0.1);
    const id = `${technical ? 'svc' : 'user'}-${String(i).padStart(4, '0')}`;
    if (i < options.plainUsers) {
      users.push({ id, kind: technical ? 'technical' : 'human', role: plain[i % 3]!, customerRoles: [], aces: [], expiresAt: null });
      continue;
    }
    const x = r.next();
    const role = x < 0.01 ? 'ADMIN' : x < 0.16 ? 'VIEWER' : 'MEMBER';
    const customerRoles = r.sample(roles, 1 + r.int(3)).map((c) => c.name);
    users.push({ id, kind: technical ? 'technical' : 'human', role, customerRoles, aces: r.chance(0.3) ? ['SECURITY'] : [], expiresAt: null });
  }

  const policy: LeanixPolicy = {
    format: FORMAT,
    version: 2,
    settings: { notifyActor: false, lockMandatoryWhenBroken: false },
    subscriptionRoles: [],
    name: `bench workload seed ${options.seed}`,
    asOf: '2026-11-24T00:00:00Z',
    platform: 'leanix',
    factSheetTypes: types,
    roles,
    users,
    factSheets: [],
    scenarios: [],
  };

  const roleByName = new Map(roles.map((c) => [c.name, c]));
  const typeIndex = new Map(types.map((t, i) => [t.name, i]));
  const requests: Request[] = [];
  for (let i = 0; i < options.requests; i++) {
    const u = r.int(users.length);
    const user = users[u]!;
    // About half the requests aim at something one of the user's roles grants (mostly
    // allowed), the rest anywhere (mostly denied).
    const roleName = user.customerRoles.length && r.chance(0.55) ? r.pick(user.customerRoles) : null;
    const own = roleName ? roleByName.get(roleName)!.permissions : [];
    if (own.length) {
      const [res, acts, typ, qual] = r.pick(own).split(':') as [Resource, string, string, string];
      const resource = RESOURCES.indexOf(res);
      let t = typ === '*' ? r.int(types.length) : typeIndex.get(typ)!;
      let q = 0;
      if (QUALIFIED[resource]) {
        if (qual === '*') {
          const [from, to] = qualifierRange(shape, res, t);
          q = to > from ? from + r.int(to - from) : -1;
        } else {
          if (qualifiers[t]!.indexOf(qual) < 0) t = types.findIndex((x) => x.fields.includes(qual) || x.relations.includes(qual));
          q = qualifiers[t]!.indexOf(qual);
        }
      }
      const action = r.chance(0.75) ? ACTIONS.indexOf(r.pick(acts.split(',')) as never) : r.int(ACTIONS.length);
      if (q >= 0) {
        requests.push({ user: u, action, resource, type: t, qualifier: q });
        continue;
      }
    }
    const res = pickResource(r);
    const resource = RESOURCES.indexOf(res);
    let t = r.int(types.length);
    let q = 0;
    if (QUALIFIED[resource]) {
      let [from, to] = qualifierRange(shape, res, t);
      while (to <= from) {
        t = r.int(types.length);
        [from, to] = qualifierRange(shape, res, t);
      }
      q = from + r.int(to - from);
    }
    requests.push({ user: u, action: r.int(ACTIONS.length), resource, type: t, qualifier: q });
  }

  return {
    options,
    policy,
    typeNames: types.map((t) => t.name),
    qualifiers,
    fieldStart,
    relationStart,
    userIds: users.map((u) => u.id),
    requests,
  };
}

/** A request in words, for the disagreement report. */
export function describeRequest(w: Workload, req: Request): string {
  const user = w.policy.users[req.user]!;
  const qualifier = QUALIFIED[req.resource] ? w.qualifiers[req.type]![req.qualifier] : '*';
  const roles = user.customerRoles.length ? `customer roles ${user.customerRoles.join(', ')}` : 'no customer role';
  return `${user.id} (${user.role}, ${roles}) ${ACTIONS[req.action]} ${RESOURCES[req.resource]}:${w.typeNames[req.type]}:${qualifier}`;
}
