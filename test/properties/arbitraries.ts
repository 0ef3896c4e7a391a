// fast-check arbitraries for small LeanIX workspaces: valid policy files (as JSON
// input, before defaults), their operations and permission strings, and
// mutations of any JSON file.
import fc from 'fast-check';
import { ACTIONS, BASE_FIELDS, LX_STATES, PATCH_OPS, QUALIFIED_RESOURCES, RESOURCES, SECTIONS, STANDARD_ROLES, SUBSCRIPTION_TYPES } from '../../src/model/vocabulary';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TypeInput {
  name: string;
  fields: string[];
  mandatory: string[];
  relations: string[];
  qualitySeal: { enabled: boolean; draft: boolean; rejected: boolean; renewalDays: number | null; tagsBreakSeal: boolean };
}

const TYPE_NAMES = ['Application', 'ITComponent', 'Process'];
const FIELD_NAMES = ['lifecycle', 'cveCount', 'owner', 'cost'];
const RELATION_NAMES = ['relToApp', 'relToITC'];
const ACES = ['SEC', 'OPS', 'FIN'];
const EDITABLE_BASE = BASE_FIELDS.filter((f) => f !== 'lxState');

const START = Date.parse('2026-01-01T00:00:00Z');

/** An ISO time within two years from 2026-01-01, on whole hours. */
export const arbTime: fc.Arbitrary<string> = fc.integer({ min: 0, max: 2 * 365 * 24 }).map((h) => new Date(START + h * 3_600_000).toISOString());

const arbValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('active', 'phaseOut', 'x', ''),
  fc.integer({ min: 0, max: 9 }),
  fc.constant(null),
  fc.constant([]),
  fc.constant(['a']),
);

// Workspaces are drawn as specs of plain numbers and flags, then built: indices are
// taken modulo what exists, so every spec builds a valid file and shrinks freely.

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length]!;
}

function masked<T>(items: readonly T[], mask: number): T[] {
  return items.filter((_, i) => (mask >> i) & 1);
}

const arbPermissionSpec = fc.record({
  resource: fc.nat({ max: RESOURCES.length - 1 }),
  actions: fc.integer({ min: 1, max: 15 }),
  type: fc.nat({ max: 3 }),
  qualifier: fc.nat({ max: 9 }),
});
type PermissionSpec = typeof arbPermissionSpec extends fc.Arbitrary<infer T> ? T : never;

function buildPermission(types: readonly TypeInput[], spec: PermissionSpec): string {
  const resource = RESOURCES[spec.resource]!;
  const actions = masked(ACTIONS, spec.actions);
  const typeChoices = ['*', ...types.map((t) => t.name)];
  const type = pick(typeChoices, spec.type);
  let qualifier = '*';
  if (QUALIFIED_RESOURCES.includes(resource)) {
    const scope = type === '*' ? types : types.filter((t) => t.name === type);
    const names =
      resource === 'FACT_SHEET_BASE_FIELDS'
        ? [...BASE_FIELDS]
        : resource === 'FACT_SHEET_FIELDS'
          ? scope.flatMap((t) => t.fields)
          : scope.flatMap((t) => t.relations);
    qualifier = pick(['*', ...names], spec.qualifier);
  }
  return `${resource}:${actions.join(',')}:${type}:${qualifier}`;
}

/** A permission string that is valid for these types. */
export function arbPermission(types: readonly TypeInput[]): fc.Arbitrary<string> {
  return arbPermissionSpec.map((spec) => buildPermission(types, spec));
}

const arbTypeSpec = fc.record({
  fields: fc.nat({ max: 15 }),
  relations: fc.nat({ max: 3 }),
  mandatory: fc.nat({ max: 63 }),
  enabled: fc.boolean(),
  draft: fc.boolean(),
  rejected: fc.boolean(),
  renewalDays: fc.constantFrom(null, 30, 365),
  tagsBreakSeal: fc.boolean(),
  /** Written without the seal's details, which then take their defaults. */
  short: fc.boolean(),
});

const arbRoleSpec = fc.record({
  permissions: fc.array(arbPermissionSpec, { maxLength: 4 }),
  cloneFrom: fc.nat({ max: 5 }),
});

const arbUserSpec = fc.record({
  technical: fc.boolean(),
  role: fc.nat({ max: 2 }),
  customerRoles: fc.nat({ max: 7 }),
  writeCustomerRoles: fc.boolean(),
  aces: fc.nat({ max: 7 }),
  expiresAt: fc.option(fc.option(arbTime, { nil: null }), { nil: undefined }),
});

const arbSheetSpec = fc.record({
  type: fc.nat({ max: 3 }),
  state: fc.nat({ max: 4 }),
  approvedAt: arbTime,
  writeApprovedAt: fc.boolean(),
  subscriptions: fc.array(fc.record({ user: fc.nat({ max: 5 }), type: fc.nat({ max: 2 }) }), { maxLength: 3 }),
  writeACL: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  readACL: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  values: fc.array(fc.record({ field: fc.nat({ max: 20 }), value: arbValue }), { maxLength: 3 }),
});

const arbOperationSpec = fc.record({
  kind: fc.constantFrom('update', 'update', 'update', 'create', 'archive', 'read'),
  target: fc.nat({ max: 5 }),
  values: fc.array(fc.record({ field: fc.nat({ max: 20 }), value: arbValue }), { maxLength: 2 }),
  patches: fc.array(
    fc.record({ op: fc.constantFrom(...PATCH_OPS), path: fc.nat({ max: 30 }), value: arbValue }),
    { minLength: 1, maxLength: 3 },
  ),
  // An /lxState patch in one update of four; a removal in one of those five.
  seal: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.record({ at: fc.nat({ max: 3 }), state: fc.option(fc.constantFrom(...LX_STATES), { nil: undefined, freq: 5 }) }), weight: 1 },
  ),
});
type OperationSpec = typeof arbOperationSpec extends fc.Arbitrary<infer T> ? T : never;

function buildOperation(file: Json, spec: OperationSpec, only?: 'update'): Json {
  const types = file.factSheetTypes as TypeInput[];
  const kind = only ?? spec.kind;
  if (kind === 'create') {
    const type = pick(types, spec.target);
    const values: Record<string, unknown> = { name: 'New' };
    const fields = [...EDITABLE_BASE.filter((f) => f !== 'name'), ...type.fields];
    for (const { field, value } of spec.values) values[pick(fields, field)] = value;
    return { op: 'create', type: type.name, values };
  }
  const sheet = pick(file.factSheets as Json[], spec.target);
  if (kind !== 'update') return { op: kind, factSheet: sheet.id };
  const type = types.find((t) => t.name === sheet.type)!;
  const paths = [
    ...EDITABLE_BASE.map((f) => `/${f}`),
    ...type.fields.map((f) => `/${f}`),
    ...type.relations.map((r) => `/${r}`),
    ...SECTIONS.map((s) => `/${s}`),
    '/tags/0',
  ];
  const patches: Json[] = spec.patches.map(({ op, path, value }) => (op === 'remove' ? { op, path: pick(paths, path) } : { op, path: pick(paths, path), value }));
  if (spec.seal) {
    const patch = spec.seal.state === undefined ? { op: 'remove', path: '/lxState' } : { op: 'replace', path: '/lxState', value: spec.seal.state };
    patches.splice(spec.seal.at % (patches.length + 1), 0, patch);
  }
  return { op: 'update', factSheet: sheet.id, patches };
}

/** A valid update, create, archive or read on the workspace. */
export function arbOperation(file: Json, only?: 'update'): fc.Arbitrary<Json> {
  return arbOperationSpec.map((spec) => buildOperation(file, spec, only));
}

export interface WorkspaceOptions {
  /** The first user is a non-ADMIN holder of at least one customer role. */
  readonly customerRoleHolder?: boolean;
  /** One more user, `admin`, has the ADMIN role. */
  readonly admin?: boolean;
  /** At most this many scenarios (each a valid operation); none by default. */
  readonly maxScenarios?: number;
}

/** A small, valid LeanIX policy file, as written (defaults sometimes left out, sometimes given). */
export function arbLeanixFile(options: WorkspaceOptions = {}): fc.Arbitrary<Json> {
  return fc
    .record({
      types: fc.array(arbTypeSpec, { minLength: 1, maxLength: TYPE_NAMES.length }),
      roles: fc.array(arbRoleSpec, { minLength: options.customerRoleHolder ? 1 : 0, maxLength: 3 }),
      writeRoles: fc.boolean(),
      users: fc.array(arbUserSpec, { minLength: 1, maxLength: 4 }),
      adminTechnical: fc.boolean(),
      adminAces: fc.nat({ max: 7 }),
      sheets: fc.array(arbSheetSpec, { minLength: 1, maxLength: 4 }),
      asOf: arbTime,
      scenarios: fc.array(fc.record({ actor: fc.nat({ max: 5 }), at: fc.option(arbTime, { nil: undefined }), allowed: fc.option(fc.boolean(), { nil: undefined }), operation: arbOperationSpec }), {
        maxLength: options.maxScenarios ?? 0,
      }),
    })
    .map((spec) => {
      const types: TypeInput[] = spec.types.map((t, i) => {
        const fields = masked(FIELD_NAMES, t.fields);
        const short = t.short;
        return {
          name: TYPE_NAMES[i]!,
          fields,
          mandatory: masked(['description', 'alias', ...fields], t.mandatory),
          relations: masked(RELATION_NAMES, t.relations),
          qualitySeal: {
            enabled: t.enabled,
            draft: short ? false : t.draft,
            rejected: short ? false : t.rejected,
            renewalDays: short ? null : t.renewalDays,
            tagsBreakSeal: short ? false : t.tagsBreakSeal,
          },
        };
      });
      const written = types.map((t, i) => (spec.types[i]!.short ? { ...t, qualitySeal: { enabled: t.qualitySeal.enabled } } : t));

      const roles: Json[] = spec.roles.map((r, i) => {
        const role: Json = { name: `ROLE_${i}`, permissions: r.permissions.map((p) => buildPermission(types, p)) };
        // Clone only from built-ins or earlier roles: never a cycle.
        const from = pick([undefined, 'MEMBER', 'VIEWER', ...Array.from({ length: i }, (_, j) => `ROLE_${j}`)], r.cloneFrom);
        if (from !== undefined) role.cloneFrom = from;
        return role;
      });
      const roleNames = roles.map((r) => r.name as string);

      const users: Json[] = spec.users.map((u, i) => {
        const holder = options.customerRoleHolder && i === 0;
        const kind = u.technical ? 'technical' : 'human';
        const user: Json = { id: `u${i}`, kind, role: holder ? pick(['MEMBER', 'VIEWER'], u.role) : STANDARD_ROLES[u.role] };
        let customerRoles = masked(roleNames, u.customerRoles);
        if (holder && customerRoles.length === 0) customerRoles = [roleNames[0]!];
        if (customerRoles.length || u.writeCustomerRoles) user.customerRoles = customerRoles;
        const aces = masked(ACES, u.aces);
        if (aces.length) user.aces = aces;
        if (kind === 'technical' && u.expiresAt !== undefined) user.expiresAt = u.expiresAt;
        return user;
      });
      if (options.admin) {
        users.push({ id: 'admin', kind: spec.adminTechnical ? 'technical' : 'human', role: 'ADMIN', aces: masked(ACES, spec.adminAces) });
      }
      const userIds = users.map((u) => u.id as string);

      const factSheets: Json[] = spec.sheets.map((f, i) => {
        const type = pick(types, f.type);
        const seal = type.qualitySeal;
        const states = ['APPROVED', 'APPROVED', 'BROKEN_QUALITY_SEAL', ...(seal.draft ? ['DRAFT'] : []), ...(seal.rejected ? ['REJECTED'] : [])];
        const lxState = pick(states, f.state);
        const sheet: Json = { id: `fs${i}`, type: type.name, name: `Sheet ${i}`, lxState };
        if (lxState === 'APPROVED' && seal.renewalDays !== null) sheet.approvedAt = f.approvedAt;
        else if (f.writeApprovedAt) sheet.approvedAt = null;
        const seen = new Set<string>();
        let accountable = false;
        sheet.subscriptions = [];
        for (const s of f.subscriptions) {
          const user = pick(userIds, s.user);
          if (seen.has(user)) continue;
          seen.add(user);
          let subscription = SUBSCRIPTION_TYPES[s.type]!;
          if (subscription === 'ACCOUNTABLE' && accountable) subscription = 'RESPONSIBLE';
          if (subscription === 'ACCOUNTABLE') accountable = true;
          sheet.subscriptions.push({ user, type: subscription });
        }
        if (f.writeACL !== undefined) sheet.permittedWriteACL = f.writeACL < ACES.length ? [ACES[f.writeACL]] : [];
        if (f.readACL !== undefined) sheet.permittedReadACL = f.readACL < ACES.length ? [ACES[f.readACL]] : [];
        const fields = [...EDITABLE_BASE.filter((b) => b !== 'name'), ...type.fields, ...type.relations];
        sheet.values = Object.fromEntries(f.values.map(({ field, value }) => [pick(fields, field), value]));
        return sheet;
      });

      const file: Json = {
        format: 'sealcheck-policy',
        version: 1,
        platform: 'leanix',
        name: 'generated',
        asOf: spec.asOf,
        factSheetTypes: written,
        users,
        factSheets,
      };
      if (roles.length || spec.writeRoles) file.roles = roles;
      if (spec.scenarios.length) {
        file.scenarios = spec.scenarios.map((s, i) => {
          const scenario: Json = { name: `s${i}`, actor: pick(userIds, s.actor), operation: buildOperation(file, s.operation) };
          if (s.at !== undefined) scenario.at = s.at;
          if (s.allowed !== undefined) scenario.expect = { allowed: s.allowed };
          return scenario;
        });
      }
      return file;
    });
}

// ---------------------------------------------------------------- mutations

export type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'retype'; pick: number; to: unknown }
  | { kind: 'rename'; pick: number; suffix: string }
  | { kind: 'insert'; pick: number; key: string }
  | { kind: 'truncate'; at: number };

export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), to: fc.constantFrom<unknown>(0, 'x', true, null, [], {}, [1], { a: 1 }) }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), suffix: fc.constantFrom('_x', 'X', '', '2') }),
  fc.record({ kind: fc.constant('insert' as const), pick: fc.nat(), key: fc.constantFrom('extra', 'Name', 'id ', '__proto__', 'constructor', 'scenario') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Every non-root node of a JSON value with its parent and key. */
function nodes(root: Json): { parent: Json; key: string | number; value: Json }[] {
  const out: { parent: Json; key: string | number; value: Json }[] = [];
  const walk = (value: Json) => {
    if (value === null || typeof value !== 'object') return;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      out.push({ parent: value, key, value: value[key] });
      walk(value[key]);
    }
  };
  walk(root);
  return out;
}

/** Applies mutations to a copy of a JSON value; a truncation turns it into text. */
export function mutate(file: Json, mutations: readonly Mutation[]): { value: Json } | { text: string } {
  const copy = structuredClone(file);
  for (const m of mutations) {
    if (m.kind === 'truncate') {
      const text = JSON.stringify(copy, null, 2);
      return { text: text.slice(0, m.at % text.length) };
    }
    const all = nodes(copy);
    if (m.kind === 'insert') {
      const objects = [copy, ...all.map((n) => n.value).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v))];
      const target = objects[m.pick % objects.length];
      Object.defineProperty(target, m.key, { value: 1, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (m.kind === 'rename') {
      const strings = all.filter((n) => typeof n.value === 'string');
      if (!strings.length) continue;
      const node = strings[m.pick % strings.length]!;
      node.parent[node.key] = `${node.value}${m.suffix}`;
      continue;
    }
    if (!all.length) continue;
    const node = all[m.pick % all.length]!;
    if (m.kind === 'delete') {
      if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
      else delete node.parent[node.key];
    } else {
      node.parent[node.key] = structuredClone(m.to);
    }
  }
  return { value: copy };
}
