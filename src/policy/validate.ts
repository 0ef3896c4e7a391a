// Validation of policy files, versions 1 and 2: header first, then the shape (zod),
// then every reference between parts of the file. All errors are reported, each with
// its path: where the shape fails, the references of every part whose own shape is
// right are still checked, so one run lists every problem of the file. A version 1
// LeanIX file is read with version 1's key set and checked on its upgraded parts, so
// both versions share one set of reference checks. The letter-case rule holds for both
// versions; what version 2 makes invalid that version 1 allowed (relation and
// subscription patch shapes, a second subscription of one user, a relation in a
// create's values) is invalid in version 2 files only.
import type { z } from 'zod';
import { modelSchemas } from '../model/schema';
import type {
  CustomerRole,
  Datastore,
  FactSheet,
  FactSheetType,
  FactSheetTypeV1,
  FactSheetV1,
  LeanixPolicy,
  LeanixPolicyV1,
  LeanixScenario,
  LeanixUser,
  Patch,
  Policy,
  QualyticsScenario,
  QualyticsUser,
  Renewal,
  SubscriptionRole,
  Team,
  Token,
  UpdateOperation,
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
  SUBSCRIPTION_TYPES,
  VERSIONS,
  matchEndpoint,
} from '../model/vocabulary';
import type { SubscriptionType } from '../model/vocabulary';
import { parsePermission } from '../model/permission';
import { upgradeLeanix } from '../model/upgrade';
import type { GrammarContext } from '../model/permission';
import { firstSegment } from '../model/paths';
import { namesPartOf } from '../model/patch-path';
import { describeValue as describe, formatPath, literalList, suggestion } from '../model/words';
import type { PathSegment, PolicyError } from './errors';
import { omittedErrors } from './errors';
import { MAX_QUALIFIERS_PER_TYPE, MAX_REPORTED_ERRORS, MAX_TYPES, checkTree, decodeUtf8, parseJsonText, withoutForbiddenKeys } from './json';

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Reads policy file text: size, JSON syntax, header, shape and references. Never throws. */
export function loadPolicyText(text: string): ValidationResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return validatePolicy(json.value);
}

/**
 * Reads the bytes of a policy file: the size limit, strict UTF-8 (invalid UTF-8 is
 * refused with the byte offset of the first bad byte), then as loadPolicyText. Never
 * throws.
 */
export function loadPolicyBytes(bytes: Uint8Array): ValidationResult {
  const text = decodeUtf8(bytes);
  if (!text.ok) return text;
  return loadPolicyText(text.text);
}

/** Validates an already parsed JSON value. Never throws; never changes `value`. */
export function validatePolicy(value: unknown): ValidationResult {
  const tree = checkTree(value);
  if (tree.deep) return { ok: false, errors: tree.errors };
  const input = tree.errors.length ? withoutForbiddenKeys(value) : value;
  const headerErrors = checkHeader(input);
  if (headerErrors.length) return { ok: false, errors: capped([...tree.errors, ...headerErrors]) };
  const file = input as Record<string, unknown>;
  const located: Located[] = [];
  let policy: Policy | null = null;
  if (file.platform === 'leanix') {
    const version = file.version === 1 ? 1 : 2;
    if (version === 1) {
      const parsed = modelSchemas().LeanixPolicyV1Schema.safeParse(input);
      if (parsed.success) policy = upgradeLeanix(parsed.data);
      else located.push(...zodErrors(parsed.error.issues, [], input, versionHint(1)));
      located.push(...checkLeanix(policy ? leanixParts(policy as LeanixPolicy) : salvageLeanixV1(file), file, 1));
    } else {
      const parsed = modelSchemas().LeanixPolicySchema.safeParse(input);
      if (parsed.success) policy = parsed.data;
      else located.push(...zodErrors(parsed.error.issues, [], input, versionHint(2)));
      located.push(...checkLeanix(parsed.success ? leanixParts(parsed.data) : salvageLeanix(file), file, 2));
    }
  } else {
    const parsed = modelSchemas().QualyticsPolicySchema.safeParse(input);
    if (parsed.success) policy = parsed.data;
    else located.push(...zodErrors(parsed.error.issues, [], input, qualyticsHint));
    located.push(...checkQualytics(parsed.success ? qualyticsParts(parsed.data) : salvageQualytics(file), file));
  }
  if (tree.errors.length || located.length || policy === null) {
    // Only the errors reported in full have their messages worded (a "did you mean" reads every name).
    const sorted = inDocumentOrder(located, input);
    const shown = Math.max(0, Math.min(sorted.length, MAX_REPORTED_ERRORS - tree.errors.length));
    const errors = [...tree.errors, ...sorted.slice(0, shown).map(toError)];
    return { ok: false, errors: capped(errors, tree.errors.length + sorted.length) };
  }
  return { ok: true, policy };
}

/**
 * The first MAX_REPORTED_ERRORS errors, and a last one that counts the rest (`… and
 * 19,000 more errors`); `total` is how many there are in all.
 */
function capped(errors: PolicyError[], total = errors.length): PolicyError[] {
  if (total <= MAX_REPORTED_ERRORS) return errors;
  const more = total - MAX_REPORTED_ERRORS;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), omittedErrors(more)];
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

/** Same ids (and emails: a scenario's actor may name a user by email) in the same order. */
function sameIds(before: readonly { readonly id: string; readonly email?: string }[], after: unknown): boolean {
  if (!Array.isArray(after) || after.length !== before.length) return false;
  return after.every((user: unknown, i) => {
    if (user === null || typeof user !== 'object' || !('id' in user) || user.id !== before[i]!.id) return false;
    return ('email' in user ? user.email : undefined) === before[i]!.email;
  });
}

function leanixResult(result: ValidationResult): LeanixValidationResult {
  if (!result.ok) return result;
  if (result.policy.platform === 'leanix') return { ok: true, policy: result.policy };
  return { ok: false, errors: [{ path: 'platform', message: 'expected `leanix`, found `qualytics`' }] };
}

/** An error whose path is still a list of segments, so that errors can be sorted. */
interface Located {
  readonly path: PathSegment[];
  /** The message, or how to word it: only the errors reported in full are worded. */
  readonly message: string | (() => string);
  readonly position?: number;
}

function toError(error: Located): PolicyError {
  const path = formatPath(error.path);
  const message = typeof error.message === 'string' ? error.message : error.message();
  return error.position === undefined ? { path, message } : { path, message, position: error.position };
}

/** Sorts errors by where they are in the file (keys in the order written), stably. Each object's key order is read once. */
function inDocumentOrder(errors: Located[], root: unknown): Located[] {
  const keyOrder = new Map<object, Map<string, number>>();
  const indexOfKey = (node: object, key: string): number => {
    let order = keyOrder.get(node);
    if (!order) {
      order = new Map();
      const keys = Object.keys(node);
      for (let i = 0; i < keys.length; i++) order.set(keys[i]!, i);
      keyOrder.set(node, order);
    }
    return order.get(key) ?? Number.MAX_SAFE_INTEGER;
  };
  const rank = (path: PathSegment[]): number[] => {
    const out: number[] = [];
    let node: unknown = root;
    for (const segment of path) {
      if (typeof segment === 'number') out.push(segment);
      else if (node !== null && typeof node === 'object' && !Array.isArray(node)) out.push(indexOfKey(node, segment));
      else out.push(Number.MAX_SAFE_INTEGER);
      node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, segment) ? (node as Record<PathSegment, unknown>)[segment] : undefined;
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
  const versions = literalList(VERSIONS);
  if (!('version' in file)) {
    errors.push({ path: 'version', message: `missing required key \`version\`: expected ${versions}` });
  } else if (typeof file.version === 'number' && !(VERSIONS as readonly number[]).includes(file.version)) {
    errors.push({ path: 'version', message: `unsupported version ${file.version}: this Sealcheck reads policy files of version 1 and 2` });
  } else if (typeof file.version !== 'number') {
    errors.push({ path: 'version', message: `expected ${versions}, found ${describe(file.version, true)}: the version is a number` });
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

/**
 * What the message of a shape error adds where a key belongs to the other format
 * version (or the other platform): given the path of the key, the words after the
 * message, or null.
 */
type Hint = (path: readonly PathSegment[], issue: 'unknown key' | 'wrong type') => string | null;

/** Where in a LeanIX file a path is: the top, a type, its seal, a user, a fact sheet or a subscription. */
function leanixPlace(path: readonly PathSegment[]): string | null {
  const p = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  return PLACES.get(p) ?? null;
}

const PLACES: ReadonlyMap<string, string> = new Map([
  ['', 'top'],
  ['factSheetTypes/#', 'type'],
  ['factSheetTypes/#/qualitySeal', 'seal'],
  ['users/#', 'user'],
  ['factSheets/#', 'sheet'],
  ['factSheets/#/subscriptions/#', 'subscription'],
]);

/** Keys version 2 adds, by place. */
const V2_KEYS: Record<string, readonly string[]> = {
  top: ['settings', 'subscriptionRoles'],
  seal: ['renewal', 'ignoreUpdatesForFields', 'ignoreUpdatesForRelations'],
  user: ['email', 'displayName'],
  sheet: ['relations', 'naFields'],
  subscription: ['roles'],
};

const MIGRATE = 'migrate to version 2 first (`sealcheck migrate FILE`)';

function versionHint(version: 1 | 2): Hint {
  return (path, issue) => {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return null;
    const place = leanixPlace(path.slice(0, -1));
    if (place === null) return null;
    if (version === 1) {
      if (issue === 'unknown key' && V2_KEYS[place]?.includes(key)) return `: \`${key}\` is a version 2 key; ${MIGRATE}`;
      if (issue === 'wrong type' && place === 'type' && key === 'mandatory') return `: version 1 lists the mandatory fields; an object is version 2, ${MIGRATE}`;
      return null;
    }
    if (issue === 'unknown key' && place === 'seal' && key === 'renewalDays') {
      return ': `renewalDays` is version 1 and not allowed in version 2; write `"renewal": { "value": N, "unit": "DAYS" }`';
    }
    if (issue === 'wrong type' && place === 'type' && key === 'mandatory') return ': version 2 writes `"mandatory": { "fields": [...] }`';
    return null;
  };
}

const qualyticsHint: Hint = (path, issue) =>
  issue === 'unknown key' && path.length === 1 && path[0] === 'settings' ? ': `settings` are LeanIX only' : null;

/** zod's own messages start like this; any other message was written in the schema. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

function zodErrors(issues: readonly z.core.$ZodIssue[], base: PathSegment[], root: unknown, hint?: Hint): Located[] {
  const out: Located[] = [];
  const hinted = (path: PathSegment[], issue: 'unknown key' | 'wrong type') => (hint && hint(path, issue)) ?? '';
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    const found = lookup(root, path);
    const key = path[path.length - 1];
    const missing = (expectation: string) =>
      typeof key === 'string' ? `missing required key \`${key}\`: expected ${expectation}` : `missing: expected ${expectation}`;
    const custom = ZOD_DEFAULT.test(issue.message) ? null : issue.message;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push({ path: [...path, k], message: `unknown key \`${k}\`${hinted([...path, k], 'unknown key')}` });
        break;
      case 'invalid_type':
        out.push({
          path,
          message: found.present ? `expected ${noun(issue.expected)}, found ${describe(found.value)}${hinted(path, 'wrong type')}` : missing(noun(issue.expected)),
        });
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
  readonly subscriptionRoles: Entry<SubscriptionRole>[];
  readonly roles: Entry<CustomerRole>[];
  readonly users: Entry<LeanixUser>[];
  readonly factSheets: Entry<FactSheet>[];
  readonly scenarios: Entry<LeanixScenario>[];
}

function leanixParts(policy: LeanixPolicy): LeanixParts {
  return {
    types: all(policy.factSheetTypes),
    typesComplete: true,
    subscriptionRoles: all(policy.subscriptionRoles),
    roles: all(policy.roles),
    users: all(policy.users),
    factSheets: all(policy.factSheets),
    scenarios: all(policy.scenarios),
  };
}

function salvageLeanix(file: Record<string, unknown>): LeanixParts {
  const types = salvage(file, 'factSheetTypes', modelSchemas().FactSheetTypeSchema);
  return {
    types: types.entries,
    typesComplete: types.complete,
    subscriptionRoles: salvage(file, 'subscriptionRoles', modelSchemas().SubscriptionRoleSchema).entries,
    roles: salvage(file, 'roles', modelSchemas().CustomerRoleSchema).entries,
    users: salvage(file, 'users', modelSchemas().LeanixUserSchema).entries,
    factSheets: salvage(file, 'factSheets', modelSchemas().FactSheetSchema).entries,
    scenarios: salvage(file, 'scenarios', modelSchemas().LeanixScenarioSchema).entries,
  };
}

/** The parts of a version 1 file whose own shape is right, upgraded as the whole file would be. */
function salvageLeanixV1(file: Record<string, unknown>): LeanixParts {
  const types = salvage<FactSheetTypeV1>(file, 'factSheetTypes', modelSchemas().FactSheetTypeV1Schema);
  const sheets = salvage<FactSheetV1>(file, 'factSheets', modelSchemas().FactSheetV1Schema);
  const upgraded = upgradeLeanix({ factSheetTypes: types.entries.map((e) => e.value), factSheets: sheets.entries.map((e) => e.value) } as LeanixPolicyV1);
  return {
    types: types.entries.map((e, k) => ({ ...e, value: upgraded.factSheetTypes[k]! })),
    typesComplete: types.complete,
    subscriptionRoles: [],
    roles: salvage(file, 'roles', modelSchemas().CustomerRoleSchema).entries,
    users: salvage(file, 'users', modelSchemas().LeanixUserV1Schema).entries,
    factSheets: sheets.entries.map((e, k) => ({ ...e, value: upgraded.factSheets[k]! })),
    scenarios: salvage(file, 'scenarios', modelSchemas().LeanixScenarioSchema).entries,
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
    datastores: salvage(file, 'datastores', modelSchemas().DatastoreSchema).entries,
    teams: salvage(file, 'teams', modelSchemas().TeamSchema).entries,
    users: salvage(file, 'users', modelSchemas().QualyticsUserSchema).entries,
    tokens: salvage(file, 'tokens', modelSchemas().TokenSchema).entries,
    scenarios: salvage(file, 'scenarios', modelSchemas().QualyticsScenarioSchema).entries,
  };
}

// ---------------------------------------------------------------- references

class Collector {
  readonly errors: Located[] = [];
  add(path: PathSegment[], message: string | (() => string), position?: number): void {
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
  /**
   * The letter-case rule: names of one list that differ only in letter case. Each is
   * reported at its own place, naming the first; exact repeats are `unique`'s.
   */
  sameButCase(names: readonly (readonly [string, PathSegment[]])[], word: string, why = ''): void {
    const first = new Map<string, readonly [string, PathSegment[]]>();
    for (const entry of names) {
      const key = entry[0].toLowerCase();
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, entry);
      else if (earlier[0] !== entry[0]) {
        this.add(entry[1], `${word}\`${entry[0]}\` differs from \`${earlier[0]}\` (${formatPath(earlier[1])}) only in letter case${why}`);
      }
    }
  }
  /**
   * Reports a reference to an undeclared name; true when the name is declared or cannot
   * be judged. `extra`: more names it may be (its keys), also offered as suggestions.
   */
  ref(names: Names, name: string, path: PathSegment[], word: string, extra: ReadonlySet<string> | ReadonlyMap<string, unknown> = NO_NAMES): boolean {
    if (!names.known || names.all.has(name) || extra.has(name)) return true;
    this.add(path, () => `unknown ${word} \`${name}\`${suggestion(name, [...extra.keys(), ...names.all])}`);
    return false;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();
const PUBLIC_TEAM_NAMES: ReadonlySet<string> = new Set([PUBLIC_TEAM]);
const BASE = new Set<string>(BASE_FIELDS);
const SECTION_SET = new Set<string>(SECTIONS);
const TOP_LEVEL_FIELDS = new Set(['name', 'lxState', 'approvedAt']);

/** A type's fields and relations as sets, made once per type read (types may declare thousands). */
const typeSets = new WeakMap<FactSheetType, { fields: ReadonlySet<string>; relations: ReadonlySet<string> }>();
function setsOf(type: FactSheetType): { fields: ReadonlySet<string>; relations: ReadonlySet<string> } {
  let sets = typeSets.get(type);
  if (!sets) typeSets.set(type, (sets = { fields: new Set(type.fields), relations: new Set(type.relations) }));
  return sets;
}

function isFieldOf(type: FactSheetType, key: string): boolean {
  const { fields, relations } = setsOf(type);
  return BASE.has(key) || fields.has(key) || relations.has(key);
}

const UNIT_WORDS: Record<Renewal['unit'], string> = { SECONDS: 'second', MINUTES: 'minute', HOURS: 'hour', DAYS: 'day' };

/** `180 days`, `1 hour`. */
function renewalWords(renewal: Renewal): string {
  return `${renewal.value} ${UNIT_WORDS[renewal.unit]}${renewal.value === 1 ? '' : 's'}`;
}

/** A JSON-pointer path's segments, unescaped, each with the 1-based column of its first character. */
function segmentsOf(path: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let start = 1;
  for (const raw of path.slice(1).split('/')) {
    out.push({ text: raw.replace(/~1/g, '/').replace(/~0/g, '~'), at: start + 1 });
    start += raw.length + 1;
  }
  return out;
}

/** What the checks of one LeanIX file share. */
interface LeanixContext {
  readonly c: Collector;
  readonly version: 1 | 2;
  readonly names: { readonly types: Names; readonly users: Names; readonly subscriptionRoles: Names };
  /** The first declaration of each subscription role whose own shape is right. */
  readonly subscriptionRoles: ReadonlyMap<string, SubscriptionRole>;
}

/**
 * A subscription role a subscription (or a mandatory subscription) of `subscriptionType`
 * names, on a fact sheet of `typeName` (undefined: unknown type): declared, of the same
 * subscription type, and allowed for the fact sheet type.
 */
function checkSubscriptionRole(x: LeanixContext, role: string, subscriptionType: SubscriptionType, typeName: string | undefined, path: PathSegment[]): void {
  if (!x.c.ref(x.names.subscriptionRoles, role, path, 'subscription role')) return;
  const declared = x.subscriptionRoles.get(role);
  if (!declared) return;
  if (declared.type !== subscriptionType) {
    x.c.add(path, `subscription role \`${role}\` qualifies ${declared.type} subscriptions, not ${subscriptionType}`);
  } else if (typeName !== undefined && declared.factSheetTypes.length && !declared.factSheetTypes.includes(typeName)) {
    x.c.add(path, `subscription role \`${role}\` does not apply to \`${typeName}\`: its \`factSheetTypes\` are ${literalList(declared.factSheetTypes)}`);
  }
}

function checkLeanix(parts: LeanixParts, file: Record<string, unknown>, version: 1 | 2): Located[] {
  const c = new Collector();
  const names = {
    types: namesOf(file, 'factSheetTypes', 'name', true),
    subscriptionRoles: namesOf(file, 'subscriptionRoles', 'name'),
    roles: namesOf(file, 'roles', 'name'),
    users: namesOf(file, 'users', 'id', true),
    factSheets: namesOf(file, 'factSheets', 'id', true),
    scenarios: namesOf(file, 'scenarios', 'name'),
  };
  // Only types read whole are used to judge what refers to them.
  const types = new Map<string, FactSheetType>();
  for (const { value, dropped } of parts.types) if (!dropped && !types.has(value.name)) types.set(value.name, value);
  const subscriptionRoles = new Map<string, SubscriptionRole>();
  for (const { value } of parts.subscriptionRoles) if (!subscriptionRoles.has(value.name)) subscriptionRoles.set(value.name, value);
  const x: LeanixContext = { c, version, names, subscriptionRoles };

  // subscription roles (version 2)
  c.unique(names.subscriptionRoles, 'subscriptionRoles', 'name', 'subscription role');
  c.sameButCase(names.subscriptionRoles.entries.map(([n, i]) => [n, ['subscriptionRoles', i, 'name']] as const), 'subscription role ');
  for (const { value: role, at: i } of parts.subscriptionRoles) {
    role.factSheetTypes.forEach((t, j) => c.ref(names.types, t, ['subscriptionRoles', i, 'factSheetTypes', j], 'fact sheet type'));
  }

  // fact sheet types
  c.unique(names.types, 'factSheetTypes', 'name', 'fact sheet type');
  c.sameButCase(
    names.types.entries.map(([n, i]) => [n, ['factSheetTypes', i, 'name']] as const),
    'fact sheet type ',
    ': permission strings match types without case',
  );
  for (const { value: type, at: i, dropped } of parts.types) checkType(x, type, ['factSheetTypes', i], dropped);
  // the model's limits (docs/policy-file.md): beyond them the engine would not answer
  if (names.types.entries.length > MAX_TYPES) {
    c.add(['factSheetTypes'], `the file declares ${names.types.entries.length.toLocaleString('en-US')} fact sheet types; Sealcheck reads at most ${MAX_TYPES.toLocaleString('en-US')}`);
  }
  for (const { value: type, at: i } of parts.types) {
    const n = type.fields.length + type.relations.length;
    if (n > MAX_QUALIFIERS_PER_TYPE) {
      c.add(['factSheetTypes', i], `\`${type.name}\` declares ${n.toLocaleString('en-US')} fields and relations; Sealcheck reads at most ${MAX_QUALIFIERS_PER_TYPE.toLocaleString('en-US')} per type`);
    }
  }

  // customer roles
  // Without every type's shape, permission strings are checked for their grammar only.
  const grammar: GrammarContext | undefined = parts.typesComplete ? { types } : undefined;
  c.unique(names.roles, 'roles', 'name', 'role');
  c.sameButCase(names.roles.entries.map(([n, i]) => [n, ['roles', i, 'name']] as const), 'role ');
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
  checkCloneCycles(c, parts.roles);

  // users
  c.unique(names.users, 'users', 'id', 'user id');
  const userAt = new Map<string, number>();
  for (const [id, i] of names.users.entries) if (!userAt.has(id)) userAt.set(id, i);
  const emailAt = new Map<string, number>();
  for (const { value: user, at: i } of parts.users) {
    user.customerRoles.forEach((r, j) => c.ref(names.roles, r, ['users', i, 'customerRoles', j], 'customer role'));
    if (user.expiresAt !== null && user.kind !== 'technical') {
      c.add(['users', i, 'expiresAt'], `only technical users have an expiry date; \`${user.id}\` is a ${user.kind} user`);
    }
    if (user.email === undefined) continue;
    // An actor may name a user by email: an email names one user, and no other user's id.
    const owner = userAt.get(user.email);
    const earlier = emailAt.get(user.email);
    if (owner !== undefined && user.email !== user.id) {
      c.add(['users', i, 'email'], `\`${user.email}\` is the id of another user (${formatPath(['users', owner])}); an email may not equal another user's id`);
    } else if (earlier !== undefined) {
      c.add(['users', i, 'email'], `duplicate email \`${user.email}\`: already the email of ${formatPath(['users', earlier])}`);
    }
    if (earlier === undefined) emailAt.set(user.email, i);
  }

  // fact sheets
  c.unique(names.factSheets, 'factSheets', 'id', 'fact sheet id');
  for (const { value: sheet, at: i, dropped } of parts.factSheets) checkSheet(x, sheet, ['factSheets', i], types.get(sheet.type), dropped);

  // scenarios
  const sheets = new Map<string, FactSheet>();
  for (const { value } of parts.factSheets) if (!sheets.has(value.id)) sheets.set(value.id, value);
  c.unique(names.scenarios, 'scenarios', 'name', 'scenario name');
  for (const { value: scenario, at: i } of parts.scenarios) {
    const at: PathSegment[] = ['scenarios', i];
    // an actor may be a user's email (version 2)
    c.ref(names.users, scenario.actor, [...at, 'actor'], 'user', emailAt);
    scenario.expect.notified?.forEach((u, j) => c.ref(names.users, u, [...at, 'expect', 'notified', j], 'user'));
    const op = scenario.operation;
    const opAt: PathSegment[] = [...at, 'operation'];
    if (op.op === 'create') {
      c.ref(names.types, op.type, [...opAt, 'type'], 'fact sheet type');
      const type = types.get(op.type);
      for (const key of Object.keys(op.values)) {
        if (key === 'lxState') c.add([...opAt, 'values', key], 'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create');
        else if (key === 'approvedAt') c.add([...opAt, 'values', key], '`approvedAt` cannot be set on create');
        else if (type && version === 2 && setsOf(type).relations.has(key)) {
          c.add([...opAt, 'values', key], `\`${key}\` is a relation of \`${type.name}\`: the values of a create hold fields only`);
        } else if (type && !isFieldOf(type, key)) {
          c.add([...opAt, 'values', key], `\`${key}\` is not a field of \`${type.name}\`${suggestion(key, [...BASE_FIELDS, ...type.fields, ...type.relations])}`);
        }
      }
      continue;
    }
    if (!c.ref(names.factSheets, op.factSheet, [...opAt, 'factSheet'], 'fact sheet') || op.op !== 'update') continue;
    const sheet = sheets.get(op.factSheet);
    checkUpdate(x, op, opAt, sheet, sheet && types.get(sheet.type));
  }
  return c.errors;
}

/**
 * `cloneFrom` cycles, in time linear in the number of roles (chains may be thousands
 * long). Only the roles on a cycle report it, each with the cycle from itself back to
 * itself; a role that merely leads into one is fine.
 */
function checkCloneCycles(c: Collector, roles: readonly Entry<CustomerRole>[]): void {
  const byName = new Map<string, CustomerRole>();
  for (const { value } of roles) if (!byName.has(value.name)) byName.set(value.name, value);
  const next = (name: string): string | undefined => {
    const from = byName.get(name)!.cloneFrom;
    return from !== undefined && byName.has(from) ? from : undefined;
  };
  // Each name is walked once: the names on a cycle get the cycle, listed from themselves.
  const cycleOf = new Map<string, { readonly names: readonly string[]; readonly at: number }>();
  const done = new Set<string>();
  for (const start of byName.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let name: string | undefined = start;
    while (name !== undefined && !done.has(name) && !onPath.has(name)) {
      onPath.set(name, path.length);
      path.push(name);
      name = next(name);
    }
    if (name !== undefined && onPath.has(name)) {
      const names = path.slice(onPath.get(name)!);
      names.forEach((n, k) => cycleOf.set(n, { names, at: k }));
    }
    for (const n of path) done.add(n);
  }
  for (const { value: role, at: i } of roles) {
    if (byName.get(role.name) === role) {
      const cycle = cycleOf.get(role.name);
      if (!cycle) continue;
      c.add(['roles', i, 'cloneFrom'], () => {
        const { names, at } = cycle;
        return `\`${role.name}\` clones from itself: ${[...names.slice(at), ...names.slice(0, at), role.name].join(' → ')}`;
      });
      continue;
    }
    // A repeated name (an error of its own) with a cloneFrom of its own: walk it, once.
    const chain = [role.name];
    const seen = new Set<string>(chain);
    let from = role.cloneFrom;
    while (from !== undefined && byName.has(from)) {
      if (from === role.name) {
        c.add(['roles', i, 'cloneFrom'], `\`${role.name}\` clones from itself: ${[...chain, from].join(' → ')}`);
        break;
      }
      if (seen.has(from)) break;
      chain.push(from);
      seen.add(from);
      from = byName.get(from)!.cloneFrom;
    }
  }
}

function checkType(x: LeanixContext, type: FactSheetType, at: PathSegment[], dropped: ReadonlySet<string> | undefined): void {
  const { c, version } = x;
  const own = new Set<string>();
  const declared: [string, PathSegment[]][] = [];
  const declare = (list: readonly string[], key: 'fields' | 'relations') =>
    list.forEach((name, j) => {
      const word = key === 'fields' ? 'field' : 'relation';
      if (BASE.has(name)) c.add([...at, key, j], `\`${name}\` is a base field of every type; list only the type's own ${word}s`);
      else if (SECTION_SET.has(name)) c.add([...at, key, j], `\`${name}\` is a fact sheet section, not a ${word} name`);
      else if (own.has(name)) c.add([...at, key, j], `duplicate name \`${name}\` in \`${type.name}\``);
      own.add(name);
      declared.push([name, [...at, key, j]]);
    });
  declare(type.fields, 'fields');
  declare(type.relations, 'relations');
  c.sameButCase(declared, '', `: permission strings match fields and relations without case`);

  // mandatory values
  const fieldsKnown = !dropped?.has('fields');
  const relationsKnown = !dropped?.has('relations');
  const mandatoryAt: PathSegment[] = version === 1 ? [...at, 'mandatory'] : [...at, 'mandatory', 'fields'];
  if (fieldsKnown) type.mandatory.fields.forEach((name, j) => {
    if (name === 'lxState') c.add([...mandatoryAt, j], '`lxState` cannot be mandatory');
    else if (version === 2 && relationsKnown && setsOf(type).relations.has(name)) {
      c.add([...mandatoryAt, j], `\`${name}\` is a relation of \`${type.name}\`: list it in \`mandatory.relations\``);
    } else if (!BASE.has(name) && !setsOf(type).fields.has(name)) {
      c.add([...mandatoryAt, j], `\`${name}\` is neither a base field nor an attribute of \`${type.name}\`${suggestion(name, [...BASE_FIELDS, ...type.fields])}`);
    }
  });
  if (relationsKnown) type.mandatory.relations.forEach((name, j) => relationOf(x, type, name, [...at, 'mandatory', 'relations', j]));
  type.mandatory.subscriptions.forEach((m, j) => {
    if (m.role !== undefined) checkSubscriptionRole(x, m.role, m.type, type.name, [...at, 'mandatory', 'subscriptions', j, 'role']);
  });

  // seal exemptions
  const sealAt: PathSegment[] = [...at, 'qualitySeal'];
  if (fieldsKnown) type.qualitySeal.ignoreUpdatesForFields.forEach((name, j) => {
    const path = [...sealAt, 'ignoreUpdatesForFields', j];
    if (name === 'lxState') c.add(path, '`lxState` cannot be exempt: setting the seal is not an edit that breaks it');
    else if (relationsKnown && setsOf(type).relations.has(name)) c.add(path, `\`${name}\` is a relation of \`${type.name}\`: list it in \`ignoreUpdatesForRelations\``);
    else if (!BASE.has(name) && !setsOf(type).fields.has(name)) {
      c.add(path, `\`${name}\` is neither a base field nor an attribute of \`${type.name}\`${suggestion(name, [...BASE_FIELDS, ...type.fields])}`);
    }
  });
  if (relationsKnown) type.qualitySeal.ignoreUpdatesForRelations.forEach((name, j) => relationOf(x, type, name, [...sealAt, 'ignoreUpdatesForRelations', j]));
}

/** Reports a name that is not a relation of the type. */
function relationOf(x: LeanixContext, type: FactSheetType, name: string, path: PathSegment[]): boolean {
  if (setsOf(type).relations.has(name)) return true;
  const why = setsOf(type).fields.has(name) || BASE.has(name) ? `\`${name}\` is a field, not a relation of \`${type.name}\`` : `\`${name}\` is not a relation of \`${type.name}\``;
  x.c.add(path, `${why}${type.relations.length ? `${suggestion(name, type.relations)}` : ': the type declares no relations'}`);
  return false;
}

function checkSheet(x: LeanixContext, sheet: FactSheet, at: PathSegment[], type: FactSheetType | undefined, dropped: ReadonlySet<string> | undefined): void {
  const { c, version, names } = x;
  c.ref(names.types, sheet.type, [...at, 'type'], 'fact sheet type');
  let accountable = 0;
  const subscribed = new Map<string, number>();
  sheet.subscriptions.forEach((s, j) => {
    const sAt: PathSegment[] = [...at, 'subscriptions', j];
    c.ref(names.users, s.user, [...sAt, 'user'], 'user');
    const earlier = subscribed.get(s.user);
    if (version === 2 && earlier !== undefined) {
      c.add([...sAt, 'user'], `\`${s.user}\` is already subscribed to this fact sheet (${formatPath(['subscriptions', earlier])}): a user holds at most one subscription per fact sheet`);
    } else subscribed.set(s.user, j);
    if (s.type === 'ACCOUNTABLE' && ++accountable > 1) {
      c.add([...sAt, 'type'], 'a fact sheet has at most one ACCOUNTABLE subscriber');
    }
    s.roles.forEach((role, k) => checkSubscriptionRole(x, role, s.type, names.types.all.has(sheet.type) ? sheet.type : undefined, [...sAt, 'roles', k]));
  });
  if (!type) return;
  const seal = type.qualitySeal;
  if (sheet.lxState === 'DRAFT' && !seal.draft) c.add([...at, 'lxState'], `\`DRAFT\` is not enabled for \`${type.name}\` (its \`qualitySeal.draft\` is false)`);
  if (sheet.lxState === 'REJECTED' && !seal.rejected) c.add([...at, 'lxState'], `\`REJECTED\` is not enabled for \`${type.name}\` (its \`qualitySeal.rejected\` is false)`);
  if (sheet.lxState === 'APPROVED' && seal.renewal !== null && sheet.approvedAt === null && !dropped?.has('approvedAt')) {
    c.add([...at, 'approvedAt'], `missing required key \`approvedAt\`: an approved fact sheet of \`${type.name}\` needs it, its seal expires after ${renewalWords(seal.renewal)}`);
  }
  for (const key of Object.keys(sheet.values)) {
    if (TOP_LEVEL_FIELDS.has(key)) c.add([...at, 'values', key], `\`${key}\` is a top-level key of a fact sheet, not a value`);
    else if (!isFieldOf(type, key)) {
      c.add([...at, 'values', key], `\`${key}\` is not a field of \`${type.name}\`${suggestion(key, [...BASE_FIELDS, ...type.fields, ...type.relations])}`);
    }
  }
  for (const key of Object.keys(sheet.relations)) relationOf(x, type, key, [...at, 'relations', key]);
  sheet.naFields.forEach((name, j) => relationOf(x, type, name, [...at, 'naFields', j]));
}

function checkUpdate(x: LeanixContext, op: UpdateOperation, opAt: PathSegment[], sheet: FactSheet | undefined, type: FactSheetType | undefined): void {
  const { c, version } = x;
  // The subscriptions as the update's patches change them, in order (version 2).
  let subscriptions = sheet?.subscriptions.map((s) => ({ user: s.user, type: s.type })) ?? null;
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
    if (!type) return;
    if (!namesPartOf(type, patch.path)) {
      if (version === 2 && segment === 'naFields') {
        c.add([...pAt, 'path'], '`naFields` is not patchable: the "leave empty" marks are part of the workspace, not of an update', 2);
        return;
      }
      const hint = suggestion(segment, [...BASE_FIELDS, ...type.fields, ...type.relations, ...SECTIONS]);
      c.add([...pAt, 'path'], `\`${patch.path}\` names nothing of \`${type.name}\`: expected a base field, attribute, relation or section${hint}`);
      return;
    }
    if (version === 1) return;
    if (setsOf(type).relations.has(segment)) checkRelationPatch(x, patch, pAt);
    else if (segment === 'subscriptions') subscriptions = checkSubscriptionPatch(x, patch, pAt, type, subscriptions);
  });
}

const ID_OR_IDS = 'a fact sheet id or a list of ids';

/** Relation patches of version 2: `add`/`replace /rel` take an id or a list of ids (`replace` also `null`, `[]`); only `remove` takes `/rel/<id>`. */
function checkRelationPatch(x: LeanixContext, patch: Patch, pAt: PathSegment[]): void {
  const { c } = x;
  const segments = segmentsOf(patch.path);
  const relation = segments[0]!.text;
  if (segments.length > 2) {
    const at = segments[2]!.at - 1;
    c.add([...pAt, 'path'], `\`${patch.path}\` at ${at}: a relation path is \`/${relation}\` or \`/${relation}/<id>\`, nothing deeper`, at);
    return;
  }
  if (segments.length === 2) {
    const at = segments[1]!.at - 1;
    if (patch.op !== 'remove') {
      c.add(
        [...pAt, 'path'],
        `\`${patch.path}\` at ${at}: only \`remove\` takes a target id in the path; \`${patch.op}\` takes the id (or a list of ids) as its value, on \`/${relation}\``,
        at,
      );
    } else if (segments[1]!.text === '') c.add([...pAt, 'path'], `\`${patch.path}\` at ${at + 1}: expected the id of the target to remove`, at + 1);
    return;
  }
  if (patch.op === 'remove') return;
  const expected = patch.op === 'replace' ? `${ID_OR_IDS}, \`null\` or \`[]\`` : ID_OR_IDS;
  if (!('value' in patch)) {
    c.add([...pAt, 'value'], `missing required key \`value\`: expected ${expected}`);
    return;
  }
  const value = patch.value;
  const idAt = (path: PathSegment[], id: unknown) => {
    if (typeof id !== 'string') c.add(path, `expected a fact sheet id (text), found ${describe(id)}`);
    else if (id === '') c.add(path, 'a fact sheet id must not be empty');
  };
  if (typeof value === 'string') idAt([...pAt, 'value'], value);
  else if (Array.isArray(value)) {
    if (value.length === 0 && patch.op === 'add') c.add([...pAt, 'value'], `expected ${ID_OR_IDS}, found an empty list: an \`add\` adds at least one`);
    value.forEach((id, k) => idAt([...pAt, 'value', k], id));
  } else if (!(value === null && patch.op === 'replace')) c.add([...pAt, 'value'], `expected ${expected}, found ${describe(value)}`);
}

const SUBSCRIPTION_VALUE = '`{ "user", "type", "roles"? }`';

/**
 * Subscription patches of version 2: `add /subscriptions` with a subscription as its value,
 * `remove /subscriptions/<user id>`; nothing else. Returns the subscriptions after the
 * patch (null: not known).
 */
function checkSubscriptionPatch(
  x: LeanixContext,
  patch: Patch,
  pAt: PathSegment[],
  type: FactSheetType,
  before: { user: string; type: SubscriptionType }[] | null,
): { user: string; type: SubscriptionType }[] | null {
  const { c, names } = x;
  const segments = segmentsOf(patch.path);
  if (patch.op === 'replace') {
    c.add([...pAt, 'op'], `\`replace ${patch.path}\` is not allowed: add a subscription with \`add /subscriptions\` (it replaces the user's subscription) or remove one with \`remove /subscriptions/<user id>\``);
    return before;
  }
  if (segments.length > 2) {
    const at = segments[2]!.at - 1;
    c.add([...pAt, 'path'], `\`${patch.path}\` at ${at}: a subscription path is \`/subscriptions\` or \`/subscriptions/<user id>\`, nothing deeper`, at);
    return before;
  }
  if (patch.op === 'remove') {
    if (segments.length === 1) {
      c.add([...pAt, 'path'], `\`remove /subscriptions\` is not allowed: remove one user's subscription with \`remove /subscriptions/<user id>\``);
      return before;
    }
    const user = segments[1]!;
    if (!names.users.known || names.users.all.has(user.text)) return before && before.filter((s) => s.user !== user.text);
    c.add([...pAt, 'path'], `unknown user \`${user.text}\` at ${user.at}${suggestion(user.text, names.users.all)}`, user.at);
    return before;
  }
  // add
  if (segments.length === 2) {
    const at = segments[1]!.at - 1;
    c.add([...pAt, 'path'], `\`${patch.path}\` at ${at}: \`add\` takes no user id in the path; add a subscription with \`add /subscriptions\` and the value ${SUBSCRIPTION_VALUE}`, at);
    return before;
  }
  const value = patch.value;
  const vAt: PathSegment[] = [...pAt, 'value'];
  if (!('value' in patch)) {
    c.add(vAt, `missing required key \`value\`: expected a subscription ${SUBSCRIPTION_VALUE}`);
    return before;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    c.add(vAt, `expected a subscription ${SUBSCRIPTION_VALUE}, found ${describe(value)}`);
    return before;
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (key !== 'user' && key !== 'type' && key !== 'roles') c.add([...vAt, key], `unknown key \`${key}\`: a subscription has \`user\`, \`type\` and \`roles\``);
  let user: string | null = null;
  if (!('user' in v)) c.add([...vAt, 'user'], 'missing required key `user`: expected a user id');
  else if (typeof v.user !== 'string') c.add([...vAt, 'user'], `expected a user id, found ${describe(v.user)}`);
  else if (c.ref(names.users, v.user, [...vAt, 'user'], 'user')) user = v.user;
  let subscriptionType: SubscriptionType | null = null;
  if (!('type' in v)) c.add([...vAt, 'type'], `missing required key \`type\`: expected ${literalList(SUBSCRIPTION_TYPES)}`);
  else if (!(SUBSCRIPTION_TYPES as readonly unknown[]).includes(v.type)) c.add([...vAt, 'type'], `expected ${literalList(SUBSCRIPTION_TYPES)}, found ${describe(v.type)}`);
  else subscriptionType = v.type as SubscriptionType;
  if ('roles' in v) {
    if (!Array.isArray(v.roles)) c.add([...vAt, 'roles'], `expected a list, found ${describe(v.roles)}`);
    else v.roles.forEach((role: unknown, k) => {
      if (typeof role !== 'string') c.add([...vAt, 'roles', k], `expected a subscription role name, found ${describe(role)}`);
      else if (subscriptionType !== null) checkSubscriptionRole(x, role, subscriptionType, type.name, [...vAt, 'roles', k]);
    });
  }
  if (user === null || subscriptionType === null || before === null) return before;
  if (subscriptionType === 'ACCOUNTABLE') {
    const other = before.find((s) => s.type === 'ACCOUNTABLE' && s.user !== user);
    if (other) c.add([...vAt, 'type'], `a fact sheet has at most one ACCOUNTABLE subscriber: \`${other.user}\` already is`);
  }
  return [...before.filter((s) => s.user !== user), { user, type: subscriptionType }];
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
    user.teams.forEach((t, j) => c.ref(names.teams, t, ['users', i, 'teams', j], 'team', PUBLIC_TEAM_NAMES));
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
  const byEmails = new Map<string, QualyticsUser>();
  for (const { value } of parts.users) if (value.email !== undefined && !byEmails.has(value.email)) byEmails.set(value.email, value);
  for (const { value: scenario, at: i } of parts.scenarios) {
    const at: PathSegment[] = ['scenarios', i];
    if (typeof scenario.actor === 'string') {
      const actor = scenario.actor;
      const found = names.users.known && !names.users.all.has(actor) ? byEmails.get(actor) : undefined;
      const byEmail = found ? { value: found } : undefined;
      if (byEmail) c.add([...at, 'actor'], `unknown user \`${actor}\`: it is the email of \`${byEmail.value.id}\`, and an actor is named by email in LeanIX files only`);
      else c.ref(names.users, actor, [...at, 'actor'], 'user');
    } else c.ref(names.tokens, scenario.actor.token, [...at, 'actor', 'token'], 'token');
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
