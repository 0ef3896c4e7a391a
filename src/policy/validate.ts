// Validation of policy file v1: header first, then the shape (zod), then every
// reference between parts of the file. All errors are reported, each with its path:
// where the shape fails, the references of every part whose own shape is right are
// still checked, so one run lists every problem of the file.
import type { z } from 'zod';
import {
  CustomerRoleSchema,
  DatastoreSchema,
  FactSheetV1Schema,
  FactSheetTypeV1Schema,
  LeanixPolicySchema,
  LeanixPolicyV1Schema,
  LeanixScenarioSchema,
  LeanixUserV1Schema,
  QualyticsPolicySchema,
  QualyticsScenarioSchema,
  QualyticsUserSchema,
  TeamSchema,
  TokenSchema,
} from '../model/schema';
import type {
  CustomerRole,
  Datastore,
  FactSheetV1 as FactSheet,
  FactSheetTypeV1 as FactSheetType,
  LeanixPolicyV1,
  LeanixScenario,
  LeanixUserV1 as LeanixUser,
  Policy,
  QualyticsScenario,
  QualyticsUser,
  Team,
  Token,
} from '../model/schema';
import {
  BASE_FIELDS,
  FORMAT,
  LX_STATES,
  PLATFORMS,
  PUBLIC_TEAM,
  Q_ROLE_ONLY_ACTIONS,
  SECTIONS,
  STANDARD_ROLES,
  VERSION,
  VERSIONS,
  matchEndpoint,
} from '../model/vocabulary';
import { parsePermission } from '../model/permission';
import { upgradeLeanix } from '../model/upgrade';
import type { GrammarContext } from '../model/permission';
import { firstSegment } from '../model/paths';
import { namesPartOf } from '../model/patch-path';
import { describeValue as describe, formatPath, literalList, suggestion } from '../model/words';
import type { PathSegment, PolicyError } from './errors';
import { checkTree, parseJsonText, withoutForbiddenKeys } from './json';
import type { LeanixPolicy } from '../model/schema';

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Reads policy file text: size, JSON syntax, header, shape and references. Never throws. */
export function loadPolicyText(text: string): ValidationResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return validatePolicy(json.value);
}

/** Validates an already parsed JSON value. Never throws; never changes `value`. */
export function validatePolicy(value: unknown): ValidationResult {
  const tree = checkTree(value);
  if (tree.deep) return { ok: false, errors: tree.errors };
  const input = tree.errors.length ? withoutForbiddenKeys(value) : value;
  const headerErrors = checkHeader(input);
  if (headerErrors.length) return { ok: false, errors: [...tree.errors, ...headerErrors] };
  const file = input as Record<string, unknown>;
  const located: Located[] = [];
  let policy: Policy | null = null;
  if (file.platform === 'leanix' && file.version === 2) {
    // version 2: the shape (its reference checks come with the version 2 validator)
    const parsed = LeanixPolicySchema.safeParse(input);
    if (parsed.success) policy = parsed.data;
    else located.push(...zodErrors(parsed.error.issues, [], input));
  } else if (file.platform === 'leanix') {
    const parsed = LeanixPolicyV1Schema.safeParse(input);
    if (parsed.success) policy = upgradeLeanix(parsed.data);
    else located.push(...zodErrors(parsed.error.issues, [], input));
    located.push(...checkLeanix(parsed.success ? leanixParts(parsed.data) : salvageLeanix(file), file));
  } else {
    const parsed = QualyticsPolicySchema.safeParse(input);
    if (parsed.success) policy = parsed.data;
    else located.push(...zodErrors(parsed.error.issues, [], input));
    located.push(...checkQualytics(parsed.success ? qualyticsParts(parsed.data) : salvageQualytics(file), file));
  }
  const errors = [...tree.errors, ...inDocumentOrder(located, input).map(toError)];
  if (errors.length || policy === null) return { ok: false, errors };
  return { ok: true, policy };
}

// ---------------------------------------------------------------- validation by part

export type LeanixValidationResult = { ok: true; policy: LeanixPolicy } | { ok: false; errors: PolicyError[] };

/**
 * Validates a role edit of a LeanIX policy that validatePolicy returned: `roles`
 * replace the policy's roles and, for role drafts assigned to users, `users` (the same
 * ids, in the same order) its users. Only what such an edit can change is validated
 * again: the header, the types (permission strings name them), the roles and the
 * users. Fact sheets and scenarios refer to no customer role, so their checks cannot
 * change and they are not read: the cost no longer grows with them. The errors are
 * exactly those validatePolicy gives for the edited policy; users whose ids changed
 * (fact sheets and scenarios refer to user ids) are validated with everything else.
 */
export function validateRolesEdit(policy: LeanixPolicy, roles: unknown, users?: unknown): LeanixValidationResult {
  const edited = users === undefined ? { ...policy, roles } : { ...policy, roles, users };
  if (users !== undefined && !sameIds(policy.users, users)) return leanixResult(validatePolicy(edited));
  // in place, so that the keys keep their order and the errors theirs
  const checked = leanixResult(validatePolicy({ ...edited, factSheets: [], scenarios: [] }));
  if (!checked.ok) return checked;
  return { ok: true, policy: { ...checked.policy, factSheets: policy.factSheets, scenarios: policy.scenarios } };
}

function sameIds(before: readonly { readonly id: string }[], after: unknown): boolean {
  if (!Array.isArray(after) || after.length !== before.length) return false;
  return after.every((user: unknown, i) => user !== null && typeof user === 'object' && 'id' in user && user.id === before[i]!.id);
}

function leanixResult(result: ValidationResult): LeanixValidationResult {
  if (!result.ok) return result;
  if (result.policy.platform === 'leanix') return { ok: true, policy: result.policy };
  return { ok: false, errors: [{ path: 'platform', message: 'expected `leanix`, found `qualytics`' }] };
}

/** An error whose path is still a list of segments, so that errors can be sorted. */
interface Located {
  readonly path: PathSegment[];
  readonly message: string;
  readonly position?: number;
}

function toError(error: Located): PolicyError {
  const path = formatPath(error.path);
  return error.position === undefined ? { path, message: error.message } : { path, message: error.message, position: error.position };
}

/** Sorts errors by where they are in the file (keys in the order written), stably. */
function inDocumentOrder(errors: Located[], root: unknown): Located[] {
  const rank = (path: PathSegment[]): number[] => {
    const out: number[] = [];
    let node: unknown = root;
    for (const segment of path) {
      if (typeof segment === 'number') out.push(segment);
      else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        const index = Object.keys(node).indexOf(segment);
        out.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
      } else out.push(Number.MAX_SAFE_INTEGER);
      node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined;
    }
    return out;
  };
  const keyed = errors.map((error, i) => ({ error, i, rank: rank(error.path) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < Math.min(a.rank.length, b.rank.length); k++) {
      if (a.rank[k] !== b.rank[k]) return a.rank[k]! - b.rank[k]!;
    }
    return a.rank.length - b.rank.length || a.i - b.i;
  });
  return keyed.map((k) => k.error);
}

// ---------------------------------------------------------------- header

function checkHeader(value: unknown): PolicyError[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path: '', message: `a policy file is one JSON object, found ${describe(value)}` }];
  }
  const file = value as Record<string, unknown>;
  const errors: PolicyError[] = [];
  if (!('format' in file)) {
    errors.push({ path: 'format', message: `missing required key \`format\`: expected \`${FORMAT}\`` });
  } else if (file.format !== FORMAT) {
    errors.push({ path: 'format', message: `expected \`${FORMAT}\`, found ${describe(file.format)}: this is not a Sealcheck policy file` });
  }
  if (!('version' in file)) {
    errors.push({ path: 'version', message: `missing required key \`version\`: expected \`${VERSION}\`` });
  } else if (typeof file.version === 'number' && !(VERSIONS as readonly number[]).includes(file.version)) {
    errors.push({ path: 'version', message: `unsupported version ${file.version}: this Sealcheck reads policy files of version 1 and 2` });
  } else if (typeof file.version !== 'number') {
    errors.push({ path: 'version', message: `expected \`${VERSION}\`, found ${describe(file.version, true)}: the version is a number` });
  }
  if (!('platform' in file)) {
    errors.push({ path: 'platform', message: 'missing required key `platform`: expected `leanix` or `qualytics`' });
  } else if (!PLATFORMS.includes(file.platform as never)) {
    const message =
      typeof file.platform === 'string'
        ? `unknown platform ${describe(file.platform)}: expected \`leanix\` or \`qualytics\``
        : `expected \`leanix\` or \`qualytics\`, found ${describe(file.platform)}`;
    errors.push({ path: 'platform', message });
  }
  return errors;
}

// ---------------------------------------------------------------- shape (zod issues in product words)

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: '`null`',
};

function noun(expected: string): string {
  return NOUNS[expected] ?? expected;
}

function lookup(root: unknown, path: readonly PathSegment[]): { present: boolean; value: unknown } {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return { present: false, value: undefined };
    }
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return { present: true, value: node };
}

/**
 * zod issues in the product's words, each located by its path in `root` (the value
 * that was parsed): what the validator says of the file's shape, for other inputs too.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown): PolicyError[] {
  return zodErrors(issues, [], root).map(toError);
}

/** zod's own messages start like this; any other message was written in the schema. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

function zodErrors(issues: readonly z.core.$ZodIssue[], base: PathSegment[], root: unknown): Located[] {
  const out: Located[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    const found = lookup(root, path);
    const key = path[path.length - 1];
    const missing = (expectation: string) =>
      typeof key === 'string' ? `missing required key \`${key}\`: expected ${expectation}` : `missing: expected ${expectation}`;
    const custom = ZOD_DEFAULT.test(issue.message) ? null : issue.message;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push({ path: [...path, k], message: `unknown key \`${k}\`` });
        break;
      case 'invalid_type':
        out.push({ path, message: found.present ? `expected ${noun(issue.expected)}, found ${describe(found.value)}` : missing(noun(issue.expected)) });
        break;
      case 'invalid_value': {
        const expectation = literalList(issue.values);
        const quote = issue.values.some((v) => typeof v !== 'string');
        out.push({ path, message: found.present ? `expected ${expectation}, found ${describe(found.value, quote)}` : missing(expectation) });
        break;
      }
      case 'invalid_format':
        out.push({ path, message: `${custom ?? `expected ${issue.format}`}, found ${describe(found.value)}` });
        break;
      case 'too_small':
      case 'too_big': {
        if (custom) out.push({ path, message: custom });
        else out.push({ path, message: sizeMessage(issue, found.value) });
        break;
      }
      case 'invalid_union':
        out.push(...unionErrors(issue, path, root, found, custom));
        break;
      default:
        out.push({ path, message: lower(issue.message) });
    }
  }
  return out;
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  const bound = issue.inclusive ? (small ? 'at least' : 'at most') : small ? 'greater than' : 'less than';
  if (issue.origin === 'array') return `expected ${bound} ${String(limit)} item${Number(limit) === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return Number(limit) === 1 && small ? 'must not be empty' : `expected text of ${bound} ${String(limit)} characters`;
  return `expected a number ${bound} ${String(limit)}, found ${describe(value)}`;
}

/**
 * A union (or a discriminated union) failed. For a discriminated union the
 * discriminator is wrong; for a plain one, the branch the value most looks like
 * explains it, or, when none stands out, the union's own message.
 */
function unionErrors(
  issue: z.core.$ZodIssueInvalidUnion,
  path: PathSegment[],
  root: unknown,
  found: { present: boolean; value: unknown },
  custom: string | null,
): Located[] {
  const extra = issue as z.core.$ZodIssueInvalidUnion & { note?: string; options?: unknown[] };
  if (extra.note === 'No matching discriminator' && extra.options) {
    const expectation = literalList(extra.options);
    const key = path[path.length - 1];
    return [{ path, message: found.present ? `expected ${expectation}, found ${describe(found.value)}` : `missing required key \`${String(key)}\`: expected ${expectation}` }];
  }
  const scored = issue.errors.map((branch) => {
    let penalty = 0;
    for (const inner of branch) {
      if (inner.path.length) continue;
      if (inner.code === 'invalid_type') penalty += 1000;
      else if (inner.code === 'unrecognized_keys') penalty += inner.keys.length;
    }
    return { branch, penalty };
  });
  const best = Math.min(...scored.map((s) => s.penalty));
  const winners = scored.filter((s) => s.penalty === best);
  if (winners.length === 1 && best < 1000) return zodErrors(winners[0]!.branch, path, root);
  const expectation = custom ?? 'a value of one of the allowed forms';
  const key = path[path.length - 1];
  if (!found.present && typeof key === 'string') return [{ path, message: `missing required key \`${key}\`: ${expectation}` }];
  return [{ path, message: `${expectation}, found ${describe(found.value)}` }];
}

function lower(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}

// ---------------------------------------------------------------- the parts of a file

/** A part whose own shape is right, with its index in its list. */
interface Entry<T> {
  readonly value: T;
  readonly at: number;
  /**
   * Keys left out to read it, because their values have shape errors: they hold
   * defaults now, so no check may judge them.
   */
  readonly dropped?: ReadonlySet<string>;
}

/** The names a list declares, read from the file as written. */
interface Names {
  /** False when the list itself is missing or unreadable: references into it cannot be judged. */
  readonly known: boolean;
  readonly all: ReadonlySet<string>;
  /** Every element with a name: [name, index]. */
  readonly entries: readonly [string, number][];
}

function namesOf(file: Record<string, unknown>, list: string, key: string, required = false): Names {
  const raw = file[list];
  if (raw === undefined && !required) return { known: true, all: new Set(), entries: [] };
  if (!Array.isArray(raw)) return { known: false, all: new Set(), entries: [] };
  const entries: [string, number][] = [];
  raw.forEach((item, i) => {
    const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
    if (typeof name === 'string') entries.push([name, i]);
  });
  return { known: true, all: new Set(entries.map(([n]) => n)), entries };
}

/**
 * The elements of a list whose own shape is right, or becomes right without the
 * keys whose values are wrong (those keys have shape errors of their own): their
 * references can still be checked. `complete` when every element passes as written.
 */
function salvage<T>(file: Record<string, unknown>, list: string, schema: z.ZodType<T>): { entries: Entry<T>[]; complete: boolean } {
  const raw = file[list];
  if (raw === undefined) return { entries: [], complete: true };
  if (!Array.isArray(raw)) return { entries: [], complete: false };
  const entries: Entry<T>[] = [];
  let complete = true;
  raw.forEach((item, at) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      entries.push({ value: parsed.data, at });
      return;
    }
    complete = false;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    const wrong = new Set<string>();
    for (const issue of parsed.error.issues) {
      if (issue.path.length === 0 && issue.code === 'unrecognized_keys') issue.keys.forEach((k) => wrong.add(k));
      else if (typeof issue.path[0] === 'string') wrong.add(issue.path[0]);
      else return;
    }
    const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !wrong.has(k)));
    const retried = schema.safeParse(rest);
    if (retried.success) entries.push({ value: retried.data, at, dropped: wrong });
  });
  return { entries, complete };
}

function all<T>(list: readonly T[]): Entry<T>[] {
  return list.map((value, at) => ({ value, at }));
}

interface LeanixParts {
  readonly types: Entry<FactSheetType>[];
  readonly typesComplete: boolean;
  readonly roles: Entry<CustomerRole>[];
  readonly users: Entry<LeanixUser>[];
  readonly factSheets: Entry<FactSheet>[];
  readonly scenarios: Entry<LeanixScenario>[];
}

function leanixParts(policy: LeanixPolicyV1): LeanixParts {
  return {
    types: all(policy.factSheetTypes),
    typesComplete: true,
    roles: all(policy.roles),
    users: all(policy.users),
    factSheets: all(policy.factSheets),
    scenarios: all(policy.scenarios),
  };
}

function salvageLeanix(file: Record<string, unknown>): LeanixParts {
  const types = salvage(file, 'factSheetTypes', FactSheetTypeV1Schema);
  return {
    types: types.entries,
    typesComplete: types.complete,
    roles: salvage(file, 'roles', CustomerRoleSchema).entries,
    users: salvage(file, 'users', LeanixUserV1Schema).entries,
    factSheets: salvage(file, 'factSheets', FactSheetV1Schema).entries,
    scenarios: salvage(file, 'scenarios', LeanixScenarioSchema).entries,
  };
}

interface QualyticsParts {
  readonly datastores: Entry<Datastore>[];
  readonly teams: Entry<Team>[];
  readonly users: Entry<QualyticsUser>[];
  readonly tokens: Entry<Token>[];
  readonly scenarios: Entry<QualyticsScenario>[];
}

function qualyticsParts(policy: Extract<Policy, { platform: 'qualytics' }>): QualyticsParts {
  return {
    datastores: all(policy.datastores),
    teams: all(policy.teams),
    users: all(policy.users),
    tokens: all(policy.tokens),
    scenarios: all(policy.scenarios),
  };
}

function salvageQualytics(file: Record<string, unknown>): QualyticsParts {
  return {
    datastores: salvage(file, 'datastores', DatastoreSchema).entries,
    teams: salvage(file, 'teams', TeamSchema).entries,
    users: salvage(file, 'users', QualyticsUserSchema).entries,
    tokens: salvage(file, 'tokens', TokenSchema).entries,
    scenarios: salvage(file, 'scenarios', QualyticsScenarioSchema).entries,
  };
}

// ---------------------------------------------------------------- references

class Collector {
  readonly errors: Located[] = [];
  add(path: PathSegment[], message: string, position?: number): void {
    this.errors.push(position === undefined ? { path, message } : { path, message, position });
  }
  /** Reports every repeated name of a list at its own place. */
  unique(names: Names, list: string, key: string, word: string): void {
    const first = new Map<string, number>();
    for (const [name, i] of names.entries) {
      const earlier = first.get(name);
      if (earlier === undefined) first.set(name, i);
      else this.add([list, i, key], `duplicate ${word} \`${name}\`: already declared at ${formatPath([list, earlier])}`);
    }
  }
  /** Reports a reference to an undeclared name; true when the name is declared or cannot be judged. */
  ref(names: Names, name: string, path: PathSegment[], word: string, extra: readonly string[] = []): boolean {
    if (!names.known || names.all.has(name) || extra.includes(name)) return true;
    this.add(path, `unknown ${word} \`${name}\`${suggestion(name, [...extra, ...names.all])}`);
    return false;
  }
}

const BASE = new Set<string>(BASE_FIELDS);
const SECTION_SET = new Set<string>(SECTIONS);
const TOP_LEVEL_FIELDS = new Set(['name', 'lxState', 'approvedAt']);

function isFieldOf(type: FactSheetType, key: string): boolean {
  return BASE.has(key) || type.fields.includes(key) || type.relations.includes(key);
}

function checkLeanix(parts: LeanixParts, file: Record<string, unknown>): Located[] {
  const c = new Collector();
  const names = {
    types: namesOf(file, 'factSheetTypes', 'name', true),
    roles: namesOf(file, 'roles', 'name'),
    users: namesOf(file, 'users', 'id', true),
    factSheets: namesOf(file, 'factSheets', 'id', true),
    scenarios: namesOf(file, 'scenarios', 'name'),
  };
  // Only types read whole are used to judge what refers to them.
  const types = new Map<string, FactSheetType>();
  for (const { value, dropped } of parts.types) if (!dropped && !types.has(value.name)) types.set(value.name, value);

  // fact sheet types
  c.unique(names.types, 'factSheetTypes', 'name', 'fact sheet type');
  for (const { value: type, at: i, dropped } of parts.types) {
    const at: PathSegment[] = ['factSheetTypes', i];
    const own = new Set<string>();
    const declare = (list: readonly string[], key: 'fields' | 'relations') =>
      list.forEach((name, j) => {
        const word = key === 'fields' ? 'field' : 'relation';
        if (BASE.has(name)) c.add([...at, key, j], `\`${name}\` is a base field of every type; list only the type's own ${word}s`);
        else if (SECTION_SET.has(name)) c.add([...at, key, j], `\`${name}\` is a fact sheet section, not a ${word} name`);
        else if (own.has(name)) c.add([...at, key, j], `duplicate name \`${name}\` in \`${type.name}\``);
        own.add(name);
      });
    declare(type.fields, 'fields');
    declare(type.relations, 'relations');
    if (!dropped?.has('fields')) type.mandatory.forEach((name, j) => {
      if (name === 'lxState') c.add([...at, 'mandatory', j], '`lxState` cannot be mandatory');
      else if (!BASE.has(name) && !type.fields.includes(name)) {
        c.add([...at, 'mandatory', j], `\`${name}\` is neither a base field nor an attribute of \`${type.name}\`${suggestion(name, [...BASE_FIELDS, ...type.fields])}`);
      }
    });
  }

  // customer roles
  // Without every type's shape, permission strings are checked for their grammar only.
  const grammar: GrammarContext | undefined = parts.typesComplete ? { types } : undefined;
  c.unique(names.roles, 'roles', 'name', 'role');
  for (const { value: role, at: i } of parts.roles) {
    if ((STANDARD_ROLES as readonly string[]).includes(role.name)) {
      c.add(['roles', i, 'name'], `\`${role.name}\` is a built-in role; choose another name`);
    }
    if (role.cloneFrom !== undefined && names.roles.known && role.cloneFrom !== 'MEMBER' && role.cloneFrom !== 'VIEWER' && !names.roles.all.has(role.cloneFrom)) {
      const why = role.cloneFrom === 'ADMIN' ? '`ADMIN` cannot be cloned' : `unknown role \`${role.cloneFrom}\``;
      c.add(['roles', i, 'cloneFrom'], `${why}: expected MEMBER, VIEWER or a declared customer role${suggestion(role.cloneFrom, ['MEMBER', 'VIEWER', ...names.roles.all])}`);
    }
    role.permissions.forEach((text, j) => {
      const parsed = parsePermission(text, grammar);
      if (!parsed.ok) c.add(['roles', i, 'permissions', j], parsed.error.message, parsed.error.position);
    });
  }
  const byName = new Map<string, CustomerRole>();
  for (const { value } of parts.roles) if (!byName.has(value.name)) byName.set(value.name, value);
  for (const { value: role, at: i } of parts.roles) {
    // Only the roles on a cycle report it; a role that merely leads into one is fine.
    const chain = [role.name];
    let next = role.cloneFrom;
    while (next !== undefined && byName.has(next)) {
      if (next === role.name) {
        c.add(['roles', i, 'cloneFrom'], `\`${role.name}\` clones from itself: ${[...chain, next].join(' → ')}`);
        break;
      }
      if (chain.includes(next)) break;
      chain.push(next);
      next = byName.get(next)!.cloneFrom;
    }
  }

  // users
  c.unique(names.users, 'users', 'id', 'user id');
  for (const { value: user, at: i } of parts.users) {
    user.customerRoles.forEach((r, j) => c.ref(names.roles, r, ['users', i, 'customerRoles', j], 'customer role'));
    if (user.expiresAt !== null && user.kind !== 'technical') {
      c.add(['users', i, 'expiresAt'], `only technical users have an expiry date; \`${user.id}\` is a ${user.kind} user`);
    }
  }

  // fact sheets
  c.unique(names.factSheets, 'factSheets', 'id', 'fact sheet id');
  for (const { value: sheet, at: i, dropped } of parts.factSheets) {
    const at: PathSegment[] = ['factSheets', i];
    c.ref(names.types, sheet.type, [...at, 'type'], 'fact sheet type');
    let accountable = 0;
    sheet.subscriptions.forEach((s, j) => {
      c.ref(names.users, s.user, [...at, 'subscriptions', j, 'user'], 'user');
      if (s.type === 'ACCOUNTABLE' && ++accountable > 1) {
        c.add([...at, 'subscriptions', j, 'type'], 'a fact sheet has at most one ACCOUNTABLE subscriber');
      }
    });
    const type = types.get(sheet.type);
    if (!type) continue;
    const seal = type.qualitySeal;
    if (sheet.lxState === 'DRAFT' && !seal.draft) c.add([...at, 'lxState'], `\`DRAFT\` is not enabled for \`${type.name}\` (its \`qualitySeal.draft\` is false)`);
    if (sheet.lxState === 'REJECTED' && !seal.rejected) c.add([...at, 'lxState'], `\`REJECTED\` is not enabled for \`${type.name}\` (its \`qualitySeal.rejected\` is false)`);
    if (sheet.lxState === 'APPROVED' && seal.renewalDays !== null && sheet.approvedAt === null && !dropped?.has('approvedAt')) {
      c.add([...at, 'approvedAt'], `missing required key \`approvedAt\`: an approved fact sheet of \`${type.name}\` needs it, its seal expires after ${seal.renewalDays} days`);
    }
    for (const key of Object.keys(sheet.values)) {
      if (TOP_LEVEL_FIELDS.has(key)) c.add([...at, 'values', key], `\`${key}\` is a top-level key of a fact sheet, not a value`);
      else if (!isFieldOf(type, key)) {
        c.add([...at, 'values', key], `\`${key}\` is not a field of \`${type.name}\`${suggestion(key, [...BASE_FIELDS, ...type.fields, ...type.relations])}`);
      }
    }
  }

  // scenarios
  const sheets = new Map<string, FactSheet>();
  for (const { value } of parts.factSheets) if (!sheets.has(value.id)) sheets.set(value.id, value);
  c.unique(names.scenarios, 'scenarios', 'name', 'scenario name');
  for (const { value: scenario, at: i } of parts.scenarios) {
    const at: PathSegment[] = ['scenarios', i];
    c.ref(names.users, scenario.actor, [...at, 'actor'], 'user');
    scenario.expect.notified?.forEach((u, j) => c.ref(names.users, u, [...at, 'expect', 'notified', j], 'user'));
    const op = scenario.operation;
    const opAt: PathSegment[] = [...at, 'operation'];
    if (op.op === 'create') {
      c.ref(names.types, op.type, [...opAt, 'type'], 'fact sheet type');
      const type = types.get(op.type);
      for (const key of Object.keys(op.values)) {
        if (key === 'lxState') c.add([...opAt, 'values', key], 'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create');
        else if (key === 'approvedAt') c.add([...opAt, 'values', key], '`approvedAt` cannot be set on create');
        else if (type && !isFieldOf(type, key)) {
          c.add([...opAt, 'values', key], `\`${key}\` is not a field of \`${type.name}\`${suggestion(key, [...BASE_FIELDS, ...type.fields, ...type.relations])}`);
        }
      }
      continue;
    }
    if (!c.ref(names.factSheets, op.factSheet, [...opAt, 'factSheet'], 'fact sheet') || op.op !== 'update') continue;
    const sheet = sheets.get(op.factSheet);
    const type = sheet && types.get(sheet.type);
    let sealPatches = 0;
    op.patches.forEach((patch, j) => {
      const pAt: PathSegment[] = [...opAt, 'patches', j];
      const segment = firstSegment(patch.path);
      if (segment === 'lxState') {
        if (++sealPatches > 1) c.add([...pAt, 'path'], 'an update has at most one `/lxState` patch');
        if (patch.path !== '/lxState') c.add([...pAt, 'path'], `\`${patch.path}\`: \`/lxState\` takes no further path segments`);
        if (patch.op !== 'remove') {
          if (!('value' in patch)) c.add([...pAt, 'value'], `missing required key \`value\`: expected ${literalList(LX_STATES)}`);
          else if (!(LX_STATES as readonly unknown[]).includes(patch.value)) c.add([...pAt, 'value'], `expected ${literalList(LX_STATES)}, found ${describe(patch.value)}`);
        }
        return;
      }
      if (type && !namesPartOf(type, patch.path)) {
        const hint = suggestion(segment, [...BASE_FIELDS, ...type.fields, ...type.relations, ...SECTIONS]);
        c.add([...pAt, 'path'], `\`${patch.path}\` names nothing of \`${type.name}\`: expected a base field, attribute, relation or section${hint}`);
      }
    });
  }
  return c.errors;
}

function checkQualytics(parts: QualyticsParts, file: Record<string, unknown>): Located[] {
  const c = new Collector();
  const names = {
    datastores: namesOf(file, 'datastores', 'id'),
    teams: namesOf(file, 'teams', 'name'),
    users: namesOf(file, 'users', 'id', true),
    tokens: namesOf(file, 'tokens', 'id'),
    scenarios: namesOf(file, 'scenarios', 'name'),
  };
  c.unique(names.datastores, 'datastores', 'id', 'datastore id');
  c.unique(names.teams, 'teams', 'name', 'team');
  for (const { value: team, at: i } of parts.teams) {
    team.datastores.forEach((d, j) => c.ref(names.datastores, d, ['teams', i, 'datastores', j], 'datastore'));
  }
  c.unique(names.users, 'users', 'id', 'user id');
  const users = new Map<string, QualyticsUser>();
  for (const { value } of parts.users) if (!users.has(value.id)) users.set(value.id, value);
  for (const { value: user, at: i } of parts.users) {
    user.teams.forEach((t, j) => c.ref(names.teams, t, ['users', i, 'teams', j], 'team', [PUBLIC_TEAM]));
    if (user.expiresAt !== undefined) c.add(['users', i, 'expiresAt'], 'only LeanIX technical users have an expiry date; a Qualytics user expires through its tokens');
  }
  c.unique(names.tokens, 'tokens', 'id', 'token id');
  const tokenNames = new Map<string, number>();
  for (const { value: token, at: i } of parts.tokens) {
    if (!c.ref(names.users, token.user, ['tokens', i, 'user'], 'user')) continue;
    const owner = users.get(token.user);
    if (token.kind === 'service' && owner && owner.kind !== 'service') {
      c.add(['tokens', i, 'kind'], `a service token belongs to a service user; \`${token.user}\` is a ${owner.kind} user`);
    }
    const key = `${token.user}\u0000${token.name}`;
    const earlier = tokenNames.get(key);
    if (earlier !== undefined) c.add(['tokens', i, 'name'], `\`${token.user}\` already has a token named \`${token.name}\` (tokens[${earlier}])`);
    else tokenNames.set(key, i);
  }
  c.unique(names.scenarios, 'scenarios', 'name', 'scenario name');
  for (const { value: scenario, at: i } of parts.scenarios) {
    const at: PathSegment[] = ['scenarios', i];
    if (typeof scenario.actor === 'string') c.ref(names.users, scenario.actor, [...at, 'actor'], 'user');
    else c.ref(names.tokens, scenario.actor.token, [...at, 'actor', 'token'], 'token');
    const op = scenario.operation;
    if ('action' in op) {
      const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(op.action);
      if (roleOnly && op.datastore !== undefined) c.add([...at, 'operation', 'datastore'], `\`${op.action}\` names no datastore; remove \`datastore\``);
      if (!roleOnly && op.datastore === undefined) c.add([...at, 'operation', 'datastore'], `missing required key \`datastore\`: \`${op.action}\` acts on a datastore`);
      if (op.datastore !== undefined && !roleOnly) c.ref(names.datastores, op.datastore, [...at, 'operation', 'datastore'], 'datastore');
    } else if (!matchEndpoint(op.request.method, op.request.path)) {
      c.add(
        [...at, 'operation', 'request'],
        `\`${op.request.method} ${op.request.path}\` is not part of the service-user and token API (POST /users, PUT /users/{id}, DELETE /users/{id}, POST /user-tokens, GET /user-tokens/service, PUT /user-tokens/{id}, DELETE /user-tokens/{id})`,
      );
    }
  }
  return c.errors;
}
