// Validation of policy file v1: header first, then the shape (zod), then every
// reference between parts of the file. All errors are reported, each with its path.
import type { z } from 'zod';
import { LeanixPolicySchema, QualyticsPolicySchema } from '../model/schema';
import type { LeanixPolicy, Policy, QualyticsPolicy } from '../model/schema';
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
  matchEndpoint,
} from '../model/vocabulary';
import type { QAction } from '../model/vocabulary';
import { parsePermission } from '../engine/permission';
import type { GrammarContext } from '../engine/permission';
import { firstSegment } from '../engine/paths';
import { formatPath } from './errors';
import type { PathSegment, PolicyError } from './errors';
import { parseJsonText } from './json';

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Reads policy file text: JSON, header, shape and references. */
export function loadPolicyText(text: string): ValidationResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return validatePolicy(json.value);
}

/** Validates an already parsed JSON value. */
export function validatePolicy(value: unknown): ValidationResult {
  const headerErrors = checkHeader(value);
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  const platform = (value as { platform: string }).platform;
  const schema = platform === 'leanix' ? LeanixPolicySchema : QualyticsPolicySchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const policy = parsed.data as Policy;
  const errors = policy.platform === 'leanix' ? checkLeanix(policy) : checkQualytics(policy);
  return errors.length ? { ok: false, errors } : { ok: true, policy };
}

function checkHeader(value: unknown): PolicyError[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path: '', message: 'a policy file is one JSON object' }];
  }
  const file = value as Record<string, unknown>;
  const errors: PolicyError[] = [];
  if (file.format !== FORMAT) {
    errors.push({ path: 'format', message: `expected \`${FORMAT}\`, found ${show(file.format)}: this is not a Sealcheck policy file` });
  }
  if (file.version !== VERSION) {
    errors.push({
      path: 'version',
      message: `unsupported version ${show(file.version)}: this Sealcheck reads policy files of version ${VERSION}`,
    });
  }
  if (!PLATFORMS.includes(file.platform as never)) {
    errors.push({ path: 'platform', message: `expected \`leanix\` or \`qualytics\`, found ${show(file.platform)}` });
  }
  return errors;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function zodErrors(error: z.ZodError): PolicyError[] {
  const out: PolicyError[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: `unknown key \`${key}\`` });
      continue;
    }
    out.push({ path: formatPath(path), message: zodMessage(issue) });
  }
  return out;
}

function zodMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing, expected ${issue.expected}` : `expected ${issue.expected}, found ${typeName(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}, found ${show(issue.input)}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'too_small':
      return issue.message.startsWith('Too small') ? `too small: ${issue.message.slice(11)}` : issue.message;
    default:
      return lower(issue.message);
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

function lower(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}

// ---------------------------------------------------------------- references

class Collector {
  readonly errors: PolicyError[] = [];
  add(path: PathSegment[], message: string, position?: number): void {
    this.errors.push(position === undefined ? { path: formatPath(path), message } : { path: formatPath(path), message, position });
  }
  /** Reports duplicates of `key` among `items`; returns the set of keys. */
  unique<T>(items: readonly T[], key: (item: T) => string, path: PathSegment[], field: string, word: string): Set<string> {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) this.add([...path, i, field], `duplicate ${word} \`${k}\``);
      seen.add(k);
    });
    return seen;
  }
  ref(set: ReadonlySet<string>, name: string, path: PathSegment[], word: string): boolean {
    if (set.has(name)) return true;
    this.add(path, `unknown ${word} \`${name}\``);
    return false;
  }
}

const BASE = new Set<string>(BASE_FIELDS);
const SECTION_SET = new Set<string>(SECTIONS);

function checkLeanix(policy: LeanixPolicy): PolicyError[] {
  const c = new Collector();
  const types = new Map(policy.factSheetTypes.map((t) => [t.name, t]));
  c.unique(policy.factSheetTypes, (t) => t.name, ['factSheetTypes'], 'name', 'fact sheet type');
  policy.factSheetTypes.forEach((type, i) => {
    const at: PathSegment[] = ['factSheetTypes', i];
    const own = new Set<string>();
    const declare = (list: string[], key: string) =>
      list.forEach((name, j) => {
        if (BASE.has(name)) c.add([...at, key, j], `\`${name}\` is a base field of every type`);
        else if (SECTION_SET.has(name)) c.add([...at, key, j], `\`${name}\` is a fact sheet section, not a ${key === 'fields' ? 'field' : 'relation'} name`);
        else if (own.has(name)) c.add([...at, key, j], `duplicate name \`${name}\` in ${type.name}`);
        own.add(name);
      });
    declare(type.fields, 'fields');
    declare(type.relations, 'relations');
    type.mandatory.forEach((name, j) => {
      if (name === 'lxState') c.add([...at, 'mandatory', j], '`lxState` cannot be mandatory');
      else if (!BASE.has(name) && !type.fields.includes(name)) {
        c.add([...at, 'mandatory', j], `\`${name}\` is neither a base field nor an attribute of ${type.name}`);
      }
    });
  });

  // roles
  const grammar: GrammarContext = { types };
  const roleNames = c.unique(policy.roles, (r) => r.name, ['roles'], 'name', 'role');
  policy.roles.forEach((role, i) => {
    if ((STANDARD_ROLES as readonly string[]).includes(role.name)) {
      c.add(['roles', i, 'name'], `\`${role.name}\` is a built-in role; choose another name`);
    }
    if (role.cloneFrom !== undefined && role.cloneFrom !== 'MEMBER' && role.cloneFrom !== 'VIEWER' && !roleNames.has(role.cloneFrom)) {
      c.add(['roles', i, 'cloneFrom'], `unknown role \`${role.cloneFrom}\`: expected MEMBER, VIEWER or a declared customer role`);
    }
    role.permissions.forEach((text, j) => {
      const parsed = parsePermission(text, grammar);
      if (!parsed.ok) c.add(['roles', i, 'permissions', j], parsed.error.message, parsed.error.position);
    });
  });
  const byName = new Map(policy.roles.map((r) => [r.name, r]));
  policy.roles.forEach((role, i) => {
    const seen = new Set([role.name]);
    let next = role.cloneFrom;
    while (next && byName.has(next)) {
      if (seen.has(next)) {
        c.add(['roles', i, 'cloneFrom'], `\`${role.name}\` clones from itself through \`${next}\``);
        break;
      }
      seen.add(next);
      next = byName.get(next)!.cloneFrom;
    }
  });

  // users
  const userIds = c.unique(policy.users, (u) => u.id, ['users'], 'id', 'user id');
  policy.users.forEach((user, i) => {
    user.customerRoles.forEach((r, j) => c.ref(roleNames, r, ['users', i, 'customerRoles', j], 'customer role'));
    if (user.expiresAt !== null && user.kind !== 'technical') {
      c.add(['users', i, 'expiresAt'], 'only technical users have an expiry date');
    }
  });

  // fact sheets
  const sheetIds = c.unique(policy.factSheets, (f) => f.id, ['factSheets'], 'id', 'fact sheet id');
  policy.factSheets.forEach((sheet, i) => {
    const at: PathSegment[] = ['factSheets', i];
    const type = types.get(sheet.type);
    if (!c.ref(types as Map<string, unknown> as unknown as Set<string>, sheet.type, [...at, 'type'], 'fact sheet type')) return;
    if (!type) return;
    const seal = type.qualitySeal;
    if (sheet.lxState === 'DRAFT' && !seal.draft) c.add([...at, 'lxState'], `\`DRAFT\` is not enabled for ${type.name}`);
    if (sheet.lxState === 'REJECTED' && !seal.rejected) c.add([...at, 'lxState'], `\`REJECTED\` is not enabled for ${type.name}`);
    if (sheet.lxState === 'APPROVED' && seal.enabled && seal.renewalDays !== null && sheet.approvedAt === null) {
      c.add([...at, 'approvedAt'], `an approved fact sheet of ${type.name} needs \`approvedAt\`: its seal expires after ${seal.renewalDays} days`);
    }
    let accountable = 0;
    sheet.subscriptions.forEach((s, j) => {
      c.ref(userIds, s.user, [...at, 'subscriptions', j, 'user'], 'user');
      if (s.type === 'ACCOUNTABLE' && ++accountable > 1) {
        c.add([...at, 'subscriptions', j, 'type'], 'a fact sheet has at most one ACCOUNTABLE subscriber');
      }
    });
    for (const key of Object.keys(sheet.values)) {
      if (key === 'name' || key === 'lxState') c.add([...at, 'values', key], `\`${key}\` is a top-level field of a fact sheet, not a value`);
      else if (!BASE.has(key) && !type.fields.includes(key) && !type.relations.includes(key)) {
        c.add([...at, 'values', key], `\`${key}\` is not a field of ${type.name}`);
      }
    }
  });

  // scenarios
  const sheets = new Map(policy.factSheets.map((f) => [f.id, f]));
  c.unique(policy.scenarios, (s) => s.name, ['scenarios'], 'name', 'scenario name');
  policy.scenarios.forEach((scenario, i) => {
    const at: PathSegment[] = ['scenarios', i];
    c.ref(userIds, scenario.actor, [...at, 'actor'], 'user');
    scenario.expect.notified?.forEach((u, j) => c.ref(userIds, u, [...at, 'expect', 'notified', j], 'user'));
    const op = scenario.operation;
    const opAt = [...at, 'operation'];
    if (op.op === 'create') {
      const type = types.get(op.type);
      if (!type) {
        c.add([...opAt, 'type'], `unknown fact sheet type \`${op.type}\``);
        return;
      }
      for (const key of Object.keys(op.values)) {
        if (key === 'lxState') c.add([...opAt, 'values', key], 'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create');
        else if (!BASE.has(key) && !type.fields.includes(key) && !type.relations.includes(key)) {
          c.add([...opAt, 'values', key], `\`${key}\` is not a field of ${type.name}`);
        }
      }
      return;
    }
    if (!sheetIds.has(op.factSheet)) {
      c.add([...opAt, 'factSheet'], `unknown fact sheet \`${op.factSheet}\``);
      return;
    }
    if (op.op !== 'update') return;
    const type = types.get(sheets.get(op.factSheet)!.type);
    if (!type) return;
    let sealPatches = 0;
    op.patches.forEach((patch, j) => {
      const pAt = [...opAt, 'patches', j];
      const segment = firstSegment(patch.path);
      if (segment === 'lxState') {
        if (++sealPatches > 1) c.add([...pAt, 'path'], 'an update has at most one `/lxState` patch');
        if (patch.path !== '/lxState') c.add([...pAt, 'path'], '`/lxState` takes no further path segments');
        if (patch.op !== 'remove' && !(LX_STATES as readonly unknown[]).includes(patch.value)) {
          c.add([...pAt, 'value'], `expected ${LX_STATES.map((s) => `\`${s}\``).join(', ')}, found ${show(patch.value)}`);
        }
        return;
      }
      if (!BASE.has(segment) && !SECTION_SET.has(segment) && !type.fields.includes(segment) && !type.relations.includes(segment)) {
        c.add([...pAt, 'path'], `\`${patch.path}\` names nothing of ${type.name}: expected a base field, attribute, relation or section`);
      }
    });
  });
  return c.errors;
}

function checkQualytics(policy: QualyticsPolicy): PolicyError[] {
  const c = new Collector();
  const datastores = c.unique(policy.datastores, (d) => d.id, ['datastores'], 'id', 'datastore id');
  const teams = c.unique(policy.teams, (t) => t.name, ['teams'], 'name', 'team');
  teams.add(PUBLIC_TEAM);
  policy.teams.forEach((team, i) => {
    team.datastores.forEach((d, j) => c.ref(datastores, d, ['teams', i, 'datastores', j], 'datastore'));
  });
  const userIds = c.unique(policy.users, (u) => u.id, ['users'], 'id', 'user id');
  const users = new Map(policy.users.map((u) => [u.id, u]));
  policy.users.forEach((user, i) => {
    user.teams.forEach((t, j) => c.ref(teams, t, ['users', i, 'teams', j], 'team'));
    if (user.expiresAt !== undefined) c.add(['users', i, 'expiresAt'], 'only LeanIX technical users have an expiry date');
  });
  const tokenIds = c.unique(policy.tokens, (t) => t.id, ['tokens'], 'id', 'token id');
  const tokenNames = new Set<string>();
  policy.tokens.forEach((token, i) => {
    if (!c.ref(userIds, token.user, ['tokens', i, 'user'], 'user')) return;
    if (token.kind === 'service' && users.get(token.user)!.kind !== 'service') {
      c.add(['tokens', i, 'kind'], `a service token belongs to a service user; \`${token.user}\` is human`);
    }
    const key = `${token.user}\u0000${token.name}`;
    if (tokenNames.has(key)) c.add(['tokens', i, 'name'], `\`${token.user}\` already has a token named \`${token.name}\``);
    tokenNames.add(key);
  });
  c.unique(policy.scenarios, (s) => s.name, ['scenarios'], 'name', 'scenario name');
  policy.scenarios.forEach((scenario, i) => {
    const at: PathSegment[] = ['scenarios', i];
    if (typeof scenario.actor === 'string') c.ref(userIds, scenario.actor, [...at, 'actor'], 'user');
    else c.ref(tokenIds, scenario.actor.token, [...at, 'actor', 'token'], 'token');
    const op = scenario.operation;
    if ('action' in op) {
      const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(op.action as QAction);
      if (roleOnly && op.datastore !== undefined) c.add([...at, 'operation', 'datastore'], `\`${op.action}\` names no datastore`);
      if (!roleOnly && op.datastore === undefined) c.add([...at, 'operation', 'datastore'], `missing: \`${op.action}\` acts on a datastore`);
      if (op.datastore !== undefined && !roleOnly) c.ref(datastores, op.datastore, [...at, 'operation', 'datastore'], 'datastore');
    } else if (!matchEndpoint(op.request.method, op.request.path)) {
      c.add([...at, 'operation', 'request'], `\`${op.request.method} ${op.request.path}\` is not part of the service-user and token API`);
    }
  });
  return c.errors;
}
