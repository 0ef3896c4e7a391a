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

// ---------------------------------------------------------------- version 2

const SUBSCRIPTION_ROLE_NAMES = ['Owner', 'Steward', 'Sponsor'];
const UNITS = ['SECONDS', 'MINUTES', 'HOURS', 'DAYS'] as const;

const arbTypeSpecV2 = fc.record({
  base: arbTypeSpec,
  mandatoryRelations: fc.nat({ max: 3 }),
  mandatorySubscriptions: fc.array(fc.record({ type: fc.nat({ max: 2 }), role: fc.option(fc.nat({ max: 5 }), { nil: undefined }) }), { maxLength: 2 }),
  renewal: fc.option(fc.record({ value: fc.integer({ min: 1, max: 400 }), unit: fc.nat({ max: 3 }) }), { nil: null }),
  exemptFields: fc.nat({ max: 63 }),
  exemptRelations: fc.nat({ max: 3 }),
});

const arbSheetSpecV2 = fc.record({
  base: arbSheetSpec,
  relations: fc.array(fc.record({ relation: fc.nat({ max: 3 }), targets: fc.array(fc.nat({ max: 5 }), { maxLength: 2 }) }), { maxLength: 2 }),
  naFields: fc.nat({ max: 3 }),
  subscriptionRoles: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
});

const arbPatchSpecV2 = fc.record({
  kind: fc.nat({ max: 9 }),
  path: fc.nat({ max: 30 }),
  value: arbValue,
  op: fc.constantFrom(...PATCH_OPS),
  target: fc.nat({ max: 5 }),
  user: fc.nat({ max: 5 }),
  subscription: fc.nat({ max: 1 }),
});

const arbOperationSpecV2 = fc.record({
  kind: fc.constantFrom('update', 'update', 'update', 'create', 'archive', 'read'),
  target: fc.nat({ max: 5 }),
  values: fc.array(fc.record({ field: fc.nat({ max: 20 }), value: arbValue }), { maxLength: 2 }),
  patches: fc.array(arbPatchSpecV2, { minLength: 1, maxLength: 3 }),
  seal: arbOperationSpec.map((o) => o.seal),
});
type OperationSpecV2 = typeof arbOperationSpecV2 extends fc.Arbitrary<infer T> ? T : never;

/** The version 2 types of a file: fields, relations and the subscription roles it declares. */
interface TypeV2 {
  name: string;
  fields: string[];
  relations: string[];
  qualitySeal: { renewal: unknown };
}

/** A valid version 2 operation: relation and subscription patches in version 2's shapes, create values fields only. */
function buildOperationV2(file: Json, spec: OperationSpecV2, only?: 'update'): Json {
  const types = file.factSheetTypes as TypeV2[];
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
  const sheetIds = (file.factSheets as Json[]).map((f) => f.id as string);
  const userIds = (file.users as Json[]).map((u) => u.id as string);
  const fields = [...EDITABLE_BASE, ...type.fields];
  const sections = SECTIONS.filter((x) => x !== 'subscriptions');
  // subscriptions as the update's patches leave them: an add may not make a second ACCOUNTABLE
  let accountable: string | null = (sheet.subscriptions as Json[]).find((x) => x.type === 'ACCOUNTABLE')?.user ?? null;
  const patches: Json[] = [];
  for (const p of spec.patches) {
    const k = p.kind % (type.relations.length ? 10 : 7);
    if (k <= 3) {
      const path = `/${pick(fields, p.path)}`;
      patches.push(p.op === 'remove' ? { op: 'remove', path } : { op: p.op, path, value: p.value });
    } else if (k === 4) {
      const path = `/${pick(sections, p.path)}`;
      patches.push(p.op === 'remove' ? { op: 'remove', path } : { op: p.op, path, value: p.value });
    } else if (k === 5) {
      const user = pick(userIds, p.user);
      const type2 = p.subscription === 1 && (accountable === null || accountable === user) ? 'ACCOUNTABLE' : pick(['RESPONSIBLE', 'OBSERVER'], p.path);
      if (type2 === 'ACCOUNTABLE') accountable = user;
      else if (accountable === user) accountable = null;
      patches.push({ op: 'add', path: '/subscriptions', value: { user, type: type2 } });
    } else if (k === 6) {
      const user = pick(userIds, p.user);
      if (accountable === user) accountable = null;
      patches.push({ op: 'remove', path: `/subscriptions/${user}` });
    } else {
      const relation = pick(type.relations, p.path);
      const target = pick(sheetIds, p.target);
      if (p.op === 'remove') patches.push(k === 7 ? { op: 'remove', path: `/${relation}` } : { op: 'remove', path: `/${relation}/${target}` });
      else if (p.op === 'add') patches.push({ op: 'add', path: `/${relation}`, value: k === 7 ? target : [target] });
      else patches.push({ op: 'replace', path: `/${relation}`, value: k === 7 ? target : k === 8 ? [] : null });
    }
  }
  if (spec.seal) {
    const patch = spec.seal.state === undefined ? { op: 'remove', path: '/lxState' } : { op: 'replace', path: '/lxState', value: spec.seal.state };
    patches.splice(spec.seal.at % (patches.length + 1), 0, patch);
  }
  return { op: 'update', factSheet: sheet.id, patches };
}

/** A valid operation on a version 1 or 2 file, in the file's own version. */
export function arbAnyOperation(file: Json, only?: 'update'): fc.Arbitrary<Json> {
  return file.version === 2 ? arbOperationSpecV2.map((spec) => buildOperationV2(file, spec, only)) : arbOperation(file, only);
}

/**
 * A small, valid LeanIX policy file of version 2 with what version 2 adds: settings,
 * subscription roles, mandatory relations and subscriptions (with roles), renewal units,
 * seal exemptions, fact sheet relations and "leave empty" marks, subscriptions with roles,
 * users' emails (a scenario's actor sometimes by email), and version 2 patch shapes.
 */
export function arbLeanixFileV2(options: WorkspaceOptions = {}): fc.Arbitrary<Json> {
  return fc
    .record({
      v1: arbLeanixFile(options),
      types: fc.array(arbTypeSpecV2, { minLength: 3, maxLength: 3 }),
      sheets: fc.array(arbSheetSpecV2, { minLength: 4, maxLength: 4 }),
      settings: fc.option(fc.record({ notifyActor: fc.boolean(), lockMandatoryWhenBroken: fc.boolean() }), { nil: undefined }),
      subscriptionRoles: fc.array(fc.record({ type: fc.nat({ max: 2 }), types: fc.nat({ max: 7 }) }), { maxLength: SUBSCRIPTION_ROLE_NAMES.length }),
      emails: fc.nat({ max: 31 }),
      byEmail: fc.nat({ max: 7 }),
      scenarios: fc.array(fc.record({ actor: fc.nat({ max: 5 }), at: fc.option(arbTime, { nil: undefined }), allowed: fc.option(fc.boolean(), { nil: undefined }), operation: arbOperationSpecV2 }), {
        maxLength: options.maxScenarios ?? 0,
      }),
    })
    .map((spec) => {
      const v1 = spec.v1;
      const typeNames = (v1.factSheetTypes as Json[]).map((t) => t.name as string);
      const subscriptionRoles = spec.subscriptionRoles.map((r, i) => ({
        name: SUBSCRIPTION_ROLE_NAMES[i]!,
        type: SUBSCRIPTION_TYPES[r.type]!,
        factSheetTypes: masked(typeNames, r.types),
      }));
      const rolesFor = (subscription: string, typeName: string) =>
        subscriptionRoles.filter((r) => r.type === subscription && (r.factSheetTypes.length === 0 || r.factSheetTypes.includes(typeName))).map((r) => r.name);
      const factSheetTypes = (v1.factSheetTypes as Json[]).map((t, i) => {
        const ts = spec.types[i]!;
        const fields = t.fields as string[];
        const relations = t.relations as string[];
        const mandatoryFields = (t.mandatory as string[]).filter((f) => f !== 'lxState');
        const seal = t.qualitySeal;
        const renewal = ts.renewal === null ? null : { value: ts.renewal.value, unit: UNITS[ts.renewal.unit]! };
        const subscriptions = ts.mandatorySubscriptions.map((m) => {
          const type = SUBSCRIPTION_TYPES[m.type]!;
          const roles = rolesFor(type, t.name);
          return m.role === undefined || roles.length === 0 ? { type } : { type, role: pick(roles, m.role) };
        });
        return {
          name: t.name,
          fields,
          relations,
          mandatory: { fields: mandatoryFields, relations: masked(relations, ts.mandatoryRelations), subscriptions },
          qualitySeal: {
            enabled: seal.enabled,
            draft: seal.draft ?? false,
            rejected: seal.rejected ?? false,
            tagsBreakSeal: seal.tagsBreakSeal ?? false,
            renewal,
            ignoreUpdatesForFields: masked([...EDITABLE_BASE, ...fields], ts.exemptFields),
            ignoreUpdatesForRelations: masked(relations, ts.exemptRelations),
          },
        };
      });
      const users = (v1.users as Json[]).map((u, i) => ((spec.emails >> i) & 1 ? { ...u, email: `${u.id}@acme.example` } : u));
      const sheetIds = (v1.factSheets as Json[]).map((f) => f.id as string);
      const factSheets = (v1.factSheets as Json[]).map((f, i) => {
        const ss = spec.sheets[i % spec.sheets.length]!;
        const type = factSheetTypes.find((t) => t.name === f.type)!;
        const sheet: Json = { ...f };
        if (sheet.lxState === 'APPROVED' && type.qualitySeal.renewal !== null) sheet.approvedAt = sheet.approvedAt ?? ss.base.approvedAt;
        if (sheet.lxState === 'DRAFT' && !type.qualitySeal.draft) sheet.lxState = 'BROKEN_QUALITY_SEAL';
        if (sheet.lxState === 'REJECTED' && !type.qualitySeal.rejected) sheet.lxState = 'BROKEN_QUALITY_SEAL';
        sheet.subscriptions = (f.subscriptions as Json[]).map((x, j) => {
          const roles = rolesFor(x.type, type.name);
          const k = ss.subscriptionRoles[j];
          return k === undefined || roles.length === 0 ? x : { ...x, roles: [pick(roles, k)] };
        });
        // values of relations are not values in version 2
        sheet.values = Object.fromEntries(Object.entries(f.values as Record<string, unknown>).filter(([k]) => !type.relations.includes(k)));
        if (type.relations.length) {
          sheet.relations = Object.fromEntries(ss.relations.map((r) => [pick(type.relations, r.relation), [...new Set(r.targets.map((t) => pick(sheetIds, t)))]]));
          const na = masked(type.relations, ss.naFields);
          if (na.length) sheet.naFields = na;
        }
        return sheet;
      });
      const file: Json = {
        format: 'sealcheck-policy',
        version: 2,
        platform: 'leanix',
        name: 'generated v2',
        asOf: v1.asOf,
        ...(spec.settings ? { settings: spec.settings } : {}),
        ...(subscriptionRoles.length ? { subscriptionRoles } : {}),
        factSheetTypes,
        ...(v1.roles ? { roles: v1.roles } : {}),
        users,
        factSheets,
      };
      if (spec.scenarios.length) {
        file.scenarios = spec.scenarios.map((x, i) => {
          const user = pick(users, x.actor);
          const actor = (spec.byEmail >> (i % 3)) & 1 && user.email ? user.email : user.id;
          const scenario: Json = { name: `s${i}`, actor, operation: buildOperationV2(file, x.operation) };
          if (x.at !== undefined) scenario.at = x.at;
          if (x.allowed !== undefined) scenario.expect = { allowed: x.allowed };
          return scenario;
        });
      }
      return file;
    });
}

/** A valid file of either version. */
export function arbAnyLeanixFile(options: WorkspaceOptions = {}): fc.Arbitrary<Json> {
  return fc.oneof(arbLeanixFile(options), arbLeanixFileV2(options));
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
