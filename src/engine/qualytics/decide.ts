// The Qualytics decision core. `decideQualytics` turns a question into a structured
// trace (no prose: `render.ts` words it). Each rule of policy-file.md's order of checks
// lives in exactly one function of this file, run in that order, the first failing one
// answering: 401 `authenticate`, 403 (role) `checkRole`, 404 `lookUp`, 400 `checkBody`,
// 403 (team level) `checkTeam`, 409 `checkConflict`; `succeed` gives the 2xx.
import type { QualyticsActor, QualyticsOperation, QualyticsUser, Token } from '../../model/schema';
import { PUBLIC_TEAM, Q_ACTIONS, Q_ACTION_ROLE, Q_ROLES, TEAM_LEVELS, TOKEN_EXPIRY_RANGE, matchEndpoint } from '../../model/vocabulary';
import type { QAction, QEndpoint, QRole, QStatus, TeamLevel, TokenState } from '../../model/vocabulary';
import type { CompiledQualytics } from './compile';

// ---------------------------------------------------------------- trace

/** Who acts: a user, or a token acting with its user's current role and teams. */
export type QualyticsActorTrace =
  | { readonly via: 'user'; readonly user: string; readonly role: QRole; readonly active: boolean }
  | {
      readonly via: 'token';
      readonly token: string;
      readonly name: string;
      readonly user: string;
      readonly role: QRole;
      readonly active: boolean;
      /** The token's declared state and expiry. */
      readonly state: TokenState;
      readonly expiresAt: string | null;
      /** Its standing at the decision's time: an `expiresAt` not after it makes it expired. */
      readonly standing: 'valid' | 'revoked' | 'expired';
    };

/** Rights of the service-user and token API, by endpoint. */
export type ApiRight =
  | 'users.create'
  | 'users.change'
  | 'users.deactivate'
  | 'service-tokens.generate'
  | 'service-tokens.list'
  | 'service-tokens.manage'
  | 'personal-token.create';

/** What a role check is about: a datastore action or a right of the API. */
export type RoleSubject = { readonly action: QAction; readonly what?: undefined } | { readonly what: ApiRight; readonly action?: undefined };

/** Why a request body is refused (400), as data. */
export type BodyProblem =
  /** Not a JSON object; `keys` are the ones it must carry. */
  | { readonly code: 'not-object'; readonly keys: readonly string[] }
  | { readonly code: 'missing'; readonly field: 'role' }
  /** `name` is not a non-empty string. */
  | { readonly code: 'empty-name' }
  | { readonly code: 'not-string'; readonly field: 'user_id' }
  | { readonly code: 'not-boolean'; readonly field: 'revoke' }
  | { readonly code: 'not-team-list' }
  | { readonly code: 'unknown-role'; readonly value: string; readonly roles: readonly QRole[] }
  | { readonly code: 'unknown-teams'; readonly teams: readonly string[] }
  | { readonly code: 'bad-expiry'; readonly min: number; readonly max: number };

/** Why a request conflicts with the state (409), as data. */
export type ConflictProblem =
  | { readonly code: 'user-exists'; readonly user: string }
  | { readonly code: 'deactivate-self'; readonly user: string }
  | { readonly code: 'already-inactive'; readonly user: string }
  | { readonly code: 'human-owner'; readonly user: string }
  | { readonly code: 'inactive-owner'; readonly user: string }
  | { readonly code: 'token-name-taken'; readonly user: string; readonly name: string; readonly state: TokenState }
  | { readonly code: 'not-revoked'; readonly token: string; readonly name: string; readonly state: TokenState }
  | { readonly code: 'restore-expired'; readonly token: string; readonly name: string };

/** What an allowed operation does (2xx). */
export type Effect =
  | { readonly code: 'action'; readonly action: QAction }
  | { readonly code: 'user-created'; readonly user: string; readonly role: QRole }
  | { readonly code: 'user-changed'; readonly user: string }
  | { readonly code: 'user-deactivated'; readonly user: string }
  | { readonly code: 'token-generated'; readonly owner: string; readonly name: string; readonly tokenKind: 'service' | 'personal' }
  | { readonly code: 'service-tokens-listed' }
  | { readonly code: 'token-deleted'; readonly token: string; readonly name: string }
  /** `already`: it was revoked before; nothing changes. */
  | { readonly code: 'token-revoked'; readonly token: string; readonly name: string; readonly already: boolean }
  /** `already`: it was active before; nothing changes. */
  | { readonly code: 'token-restored'; readonly token: string; readonly name: string; readonly already: boolean };

/** One step of the decision, in the order of checks. */
export type QualyticsFinding =
  // 401
  | { readonly kind: 'token-revoked'; readonly token: string; readonly name: string; readonly user: string }
  /** `on`: the `expiresAt` it expired on; null when its state says Expired. */
  | { readonly kind: 'token-expired'; readonly token: string; readonly name: string; readonly user: string; readonly state: TokenState; readonly on: string | null }
  | { readonly kind: 'inactive'; readonly user: string }
  // 403, role
  | ({ readonly kind: 'role-short'; readonly user: string; readonly role: QRole; readonly needed: QRole } & RoleSubject)
  /** `alone`: a datastore action the role decides alone (no team level applies). */
  | ({ readonly kind: 'role-ok'; readonly user: string; readonly role: QRole; readonly needed: QRole; readonly alone: boolean } & RoleSubject)
  | { readonly kind: 'not-owner'; readonly user: string; readonly token: string; readonly name: string; readonly owner: string }
  | { readonly kind: 'owner'; readonly user: string; readonly token: string; readonly name: string }
  // 404
  | { readonly kind: 'not-found'; readonly what: 'user' | 'token'; readonly id: string }
  // 400
  | { readonly kind: 'bad-body'; readonly problem: BodyProblem }
  | { readonly kind: 'no-endpoint'; readonly method: string; readonly path: string }
  // 403, team level
  | { readonly kind: 'admin-bypass'; readonly user: string; readonly action: QAction; readonly datastore: string }
  /** `teams`: the user's teams, Public first. */
  | { readonly kind: 'no-team'; readonly user: string; readonly action: QAction; readonly datastore: string; readonly teams: readonly string[]; readonly needed: TeamLevel }
  | { readonly kind: 'level-short'; readonly user: string; readonly action: QAction; readonly datastore: string; readonly level: TeamLevel; readonly team: string; readonly needed: TeamLevel }
  | { readonly kind: 'level-ok'; readonly user: string; readonly action: QAction; readonly datastore: string; readonly level: TeamLevel; readonly team: string; readonly needed: TeamLevel }
  // 409
  | { readonly kind: 'conflict'; readonly problem: ConflictProblem }
  // 2xx
  | { readonly kind: 'done'; readonly effect: Effect };

export type QualyticsFindingKind = QualyticsFinding['kind'];

/** What the actor lacks for the decision to flip: a role, or a team level on a datastore. */
export type QualyticsLack =
  | { readonly kind: 'role'; readonly user: string; readonly role: QRole }
  | { readonly kind: 'team'; readonly user: string; readonly level: TeamLevel; readonly datastore: string };

/** The check that answered, in the order of checks; `done` when none refused. */
export type QualyticsCheck = 'authenticate' | 'role' | 'lookup' | 'body' | 'team' | 'conflict' | 'done';

export interface QualyticsTrace {
  readonly actor: QualyticsActorTrace;
  readonly steps: readonly QualyticsFinding[];
  readonly decidedBy: QualyticsCheck;
  readonly status: QStatus;
  readonly allowed: boolean;
  readonly lacks: readonly QualyticsLack[];
}

// ---------------------------------------------------------------- the question, read once

type Body = Record<string, unknown>;
/** `POST /users`, `PUT /users/{id}`, ...: one per endpoint of the API. */
type Endpoint = QEndpoint extends infer E ? (E extends QEndpoint ? `${E['method']} ${E['pattern']}` : never) : never;

type Subject =
  | { readonly kind: 'action'; readonly action: QAction; readonly datastore: string | undefined; readonly needed: TeamLevel | null }
  | {
      readonly kind: 'request';
      /** null: a method and path the API does not have. */
      readonly endpoint: Endpoint | null;
      readonly method: string;
      readonly path: string;
      /** The path's `{id}`. */
      readonly id: string;
      /** The body when it is a JSON object. */
      readonly body: Body | null;
      /** `POST /user-tokens`: its `user_id`, null when absent. */
      readonly userId: unknown;
    };

function subjectOf(operation: QualyticsOperation): Subject {
  if ('action' in operation) {
    const action = operation.action;
    return { kind: 'action', action, datastore: operation.datastore, needed: Q_ACTIONS[action] };
  }
  const { method, path, body: raw } = operation.request;
  const match = matchEndpoint(method, path);
  const body = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Body) : null;
  return {
    kind: 'request',
    endpoint: match ? (`${match.endpoint.method} ${match.endpoint.pattern}` as Endpoint) : null,
    method,
    path,
    id: match?.id ?? '',
    body,
    userId: body?.user_id ?? null,
  };
}

class Context {
  readonly steps: QualyticsFinding[] = [];
  readonly lacks: QualyticsLack[] = [];
  constructor(
    readonly ws: CompiledQualytics,
    readonly user: QualyticsUser,
    readonly subject: Subject,
    readonly at: number,
  ) {}
  step(finding: QualyticsFinding): void {
    this.steps.push(finding);
  }
  /** A refusal: the finding, what would flip it, and its status. */
  refuse(status: QStatus, finding: QualyticsFinding, lack?: QualyticsLack): QStatus {
    this.steps.push(finding);
    if (lack) this.lacks.push(lack);
    return status;
  }
}

function roleAtLeast(role: QRole, needed: QRole): boolean {
  return Q_ROLES.indexOf(role) >= Q_ROLES.indexOf(needed);
}

function tokenExpired(token: Token, at: number): boolean {
  return token.state === 'Expired' || (token.expiresAt !== null && Date.parse(token.expiresAt) <= at);
}

// ---------------------------------------------------------------- 401

/** Who acts, and the 401 rule: a revoked or expired token, an inactive user. */
function authenticate(ws: CompiledQualytics, actor: QualyticsActor, at: number): { actor: QualyticsActorTrace; user: QualyticsUser; refusal: QualyticsFinding | null } {
  if (typeof actor === 'string') {
    const user = ws.users.get(actor)!;
    return { actor: { via: 'user', user: user.id, role: user.role, active: user.active }, user, refusal: user.active ? null : { kind: 'inactive', user: user.id } };
  }
  const token = ws.tokens.get(actor.token)!;
  const user = ws.users.get(token.user)!;
  const standing = token.state === 'Revoked' ? 'revoked' : tokenExpired(token, at) ? 'expired' : 'valid';
  const trace: QualyticsActorTrace = {
    via: 'token',
    token: token.id,
    name: token.name,
    user: user.id,
    role: user.role,
    active: user.active,
    state: token.state,
    expiresAt: token.expiresAt,
    standing,
  };
  const refusal: QualyticsFinding | null =
    standing === 'revoked'
      ? { kind: 'token-revoked', token: token.id, name: token.name, user: user.id }
      : standing === 'expired'
        ? { kind: 'token-expired', token: token.id, name: token.name, user: user.id, state: token.state, on: token.state === 'Expired' ? null : token.expiresAt }
        : user.active
          ? null
          : { kind: 'inactive', user: user.id };
  return { actor: trace, user, refusal };
}

// ---------------------------------------------------------------- 403, role

/** The role rule: the action's lowest role, Admin for the API's Admin rights, the owner for a personal token. */
function checkRole(c: Context): QStatus | null {
  const { user, subject: s } = c;
  if (s.kind === 'action') {
    const needed = Q_ACTION_ROLE[s.action] ?? 'Member';
    if (!roleAtLeast(user.role, needed)) {
      return c.refuse(403, { kind: 'role-short', user: user.id, role: user.role, needed, action: s.action }, { kind: 'role', user: user.id, role: needed });
    }
    c.step({ kind: 'role-ok', user: user.id, role: user.role, needed, action: s.action, alone: s.needed === null || s.datastore === undefined });
    return null;
  }
  const admin = (what: ApiRight): QStatus | null => {
    if (user.role !== 'Admin') {
      return c.refuse(403, { kind: 'role-short', user: user.id, role: user.role, needed: 'Admin', what }, { kind: 'role', user: user.id, role: 'Admin' });
    }
    c.step({ kind: 'role-ok', user: user.id, role: user.role, needed: 'Admin', what, alone: false });
    return null;
  };
  switch (s.endpoint) {
    case 'POST /users':
      return admin('users.create');
    case 'PUT /users/{id}':
      return admin('users.change');
    case 'DELETE /users/{id}':
      return admin('users.deactivate');
    case 'POST /user-tokens':
      if (s.userId !== null) return admin('service-tokens.generate');
      c.step({ kind: 'role-ok', user: user.id, role: user.role, needed: 'Member', what: 'personal-token.create', alone: false });
      return null;
    case 'GET /user-tokens/service':
      return admin('service-tokens.list');
    case 'PUT /user-tokens/{id}':
    case 'DELETE /user-tokens/{id}': {
      const token = c.ws.tokens.get(s.id)!; // lookUp ran first
      if (token.kind === 'service') return admin('service-tokens.manage');
      if (token.user !== user.id) return c.refuse(403, { kind: 'not-owner', user: user.id, token: token.id, name: token.name, owner: token.user });
      c.step({ kind: 'owner', user: user.id, token: token.id, name: token.name });
      return null;
    }
    case null:
      return null;
  }
}

// ---------------------------------------------------------------- 404

/** The 404 rule: an unknown id in the request's path or `user_id`. */
function lookUp(c: Context): QStatus | null {
  const { ws, subject: s } = c;
  if (s.kind !== 'request') return null;
  switch (s.endpoint) {
    case 'PUT /users/{id}':
    case 'DELETE /users/{id}':
      return ws.users.has(s.id) ? null : c.refuse(404, { kind: 'not-found', what: 'user', id: s.id });
    case 'POST /user-tokens':
      // A `user_id` that is not a string names no one: the body check refuses it.
      return typeof s.userId !== 'string' || ws.users.has(s.userId) ? null : c.refuse(404, { kind: 'not-found', what: 'user', id: s.userId });
    case 'PUT /user-tokens/{id}':
    case 'DELETE /user-tokens/{id}':
      return ws.tokens.has(s.id) ? null : c.refuse(404, { kind: 'not-found', what: 'token', id: s.id });
    default:
      return null;
  }
}

// ---------------------------------------------------------------- 400

/** The 400 rule: a malformed body (a missing or wrongly typed field, an unknown role or team). */
function checkBody(c: Context): QStatus | null {
  const { ws, subject: s } = c;
  if (s.kind !== 'request') return null;
  const bad = (problem: BodyProblem | null): QStatus | null => (problem ? c.refuse(400, { kind: 'bad-body', problem }) : null);
  const body = s.body;
  switch (s.endpoint) {
    case 'POST /users':
      if (!body) return bad({ code: 'not-object', keys: ['name', 'role'] });
      if (typeof body.name !== 'string' || body.name === '') return bad({ code: 'empty-name' });
      return bad(roleProblem(body.role, true) ?? teamsProblem(ws, body.teams));
    case 'PUT /users/{id}':
      if (!body) return bad({ code: 'not-object', keys: [] });
      return bad(roleProblem(body.role, false) ?? teamsProblem(ws, body.teams));
    case 'POST /user-tokens':
      if (s.userId !== null && typeof s.userId !== 'string') return bad({ code: 'not-string', field: 'user_id' });
      if (!body) return bad({ code: 'not-object', keys: ['name'] });
      return bad(tokenProblem(body));
    case 'PUT /user-tokens/{id}':
      return !body || typeof body.revoke !== 'boolean' ? bad({ code: 'not-boolean', field: 'revoke' }) : null;
    case 'DELETE /users/{id}':
    case 'GET /user-tokens/service':
    case 'DELETE /user-tokens/{id}':
      return null;
    case null:
      return c.refuse(400, { kind: 'no-endpoint', method: s.method, path: s.path });
  }
}

function roleProblem(role: unknown, required: boolean): BodyProblem | null {
  if (role === undefined) return required ? { code: 'missing', field: 'role' } : null;
  return (Q_ROLES as readonly unknown[]).includes(role) ? null : { code: 'unknown-role', value: String(role), roles: Q_ROLES };
}

function teamsProblem(ws: CompiledQualytics, teams: unknown): BodyProblem | null {
  if (teams === undefined) return null;
  if (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string')) return { code: 'not-team-list' };
  const unknown = (teams as string[]).filter((t) => !ws.teams.has(t));
  return unknown.length ? { code: 'unknown-teams', teams: unknown } : null;
}

function tokenProblem(body: Body): BodyProblem | null {
  if (typeof body.name !== 'string' || body.name === '') return { code: 'empty-name' };
  if (!expiryDaysOk(body.expires_in_days)) return { code: 'bad-expiry', ...TOKEN_EXPIRY_RANGE };
  return null;
}

/** Rule: `expires_in_days` is absent, null, or a whole number of days from 1 to 365 (`30.0` is 30; text and booleans are not numbers). */
function expiryDaysOk(days: unknown): boolean {
  if (days === undefined || days === null) return true;
  return typeof days === 'number' && Number.isInteger(days) && days >= TOKEN_EXPIRY_RANGE.min && days <= TOKEN_EXPIRY_RANGE.max;
}

// ---------------------------------------------------------------- 403, team level

/** Rule: on an enrichment datastore `datastore.view` needs Viewer, like the preview: Reporter holds nothing there. */
function levelNeeded(ws: CompiledQualytics, action: QAction, datastore: string, needed: TeamLevel): TeamLevel {
  return action === 'datastore.view' && ws.datastoreKinds.get(datastore) === 'enrichment' ? 'Viewer' : needed;
}

/** The team rule: the highest level over the actor's teams (Public included) on the datastore; Admin skips it. */
function checkTeam(c: Context): QStatus | null {
  const { ws, user, subject: s } = c;
  if (s.kind !== 'action' || s.needed === null || s.datastore === undefined) return null;
  const { action, datastore } = s;
  const needed = levelNeeded(ws, action, datastore, s.needed);
  if (user.role === 'Admin') {
    c.step({ kind: 'admin-bypass', user: user.id, action, datastore });
    return null;
  }
  const held = ws.levels.get(user.id)!.get(datastore);
  const lack: QualyticsLack = { kind: 'team', user: user.id, level: needed, datastore };
  if (!held) {
    const teams = [PUBLIC_TEAM, ...user.teams.filter((t) => t !== PUBLIC_TEAM)];
    return c.refuse(403, { kind: 'no-team', user: user.id, action, datastore, teams, needed }, lack);
  }
  const level = TEAM_LEVELS[held.level]!;
  if (held.level < TEAM_LEVELS.indexOf(needed)) {
    return c.refuse(403, { kind: 'level-short', user: user.id, action, datastore, level, team: held.team, needed }, lack);
  }
  c.step({ kind: 'level-ok', user: user.id, action, datastore, level, team: held.team, needed });
  return null;
}

// ---------------------------------------------------------------- 409

/** The 409 rule: a request that conflicts with the state as it is. */
function checkConflict(c: Context): QStatus | null {
  const { ws, user, subject: s, at } = c;
  if (s.kind !== 'request') return null;
  const conflict = (problem: ConflictProblem | null): QStatus | null => (problem ? c.refuse(409, { kind: 'conflict', problem }) : null);
  switch (s.endpoint) {
    case 'POST /users': {
      const name = s.body!.name as string;
      return conflict(ws.users.has(name) ? { code: 'user-exists', user: name } : null);
    }
    case 'DELETE /users/{id}': {
      const target = ws.users.get(s.id)!;
      if (target.id === user.id) return conflict({ code: 'deactivate-self', user: user.id });
      return conflict(target.active ? null : { code: 'already-inactive', user: target.id });
    }
    case 'POST /user-tokens': {
      const owner = s.userId === null ? user : ws.users.get(s.userId as string)!;
      if (s.userId !== null) {
        if (owner.kind !== 'service') return conflict({ code: 'human-owner', user: owner.id });
        if (!owner.active) return conflict({ code: 'inactive-owner', user: owner.id });
      }
      const name = s.body!.name as string;
      const clash = [...ws.tokens.values()].find((t) => t.user === owner.id && t.name === name);
      return conflict(clash ? { code: 'token-name-taken', user: owner.id, name, state: clash.state } : null);
    }
    case 'DELETE /user-tokens/{id}': {
      const token = ws.tokens.get(s.id)!;
      return conflict(token.state === 'Revoked' ? null : { code: 'not-revoked', token: token.id, name: token.name, state: token.state });
    }
    case 'PUT /user-tokens/{id}': {
      const token = ws.tokens.get(s.id)!;
      return conflict(s.body!.revoke === false && tokenExpired(token, at) ? { code: 'restore-expired', token: token.id, name: token.name } : null);
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------- 2xx

/** What an operation that passed every check does, and its status. */
function succeed(c: Context): QStatus {
  const { ws, user, subject: s } = c;
  const done = (status: QStatus, effect: Effect): QStatus => {
    c.step({ kind: 'done', effect });
    return status;
  };
  if (s.kind === 'action') {
    const status = s.action === 'datastore.create' || s.action === 'check.create' ? 201 : s.action === 'datastore.delete' || s.action === 'profile.delete' ? 204 : 200;
    return done(status, { code: 'action', action: s.action });
  }
  const body = s.body!;
  switch (s.endpoint) {
    case 'POST /users':
      return done(201, { code: 'user-created', user: body.name as string, role: body.role as QRole });
    case 'PUT /users/{id}':
      return done(200, { code: 'user-changed', user: s.id });
    case 'DELETE /users/{id}':
      return done(204, { code: 'user-deactivated', user: s.id });
    case 'POST /user-tokens':
      return s.userId === null
        ? done(201, { code: 'token-generated', owner: user.id, name: body.name as string, tokenKind: 'personal' })
        : done(201, { code: 'token-generated', owner: s.userId as string, name: body.name as string, tokenKind: 'service' });
    case 'GET /user-tokens/service':
      return done(200, { code: 'service-tokens-listed' });
    case 'DELETE /user-tokens/{id}': {
      const token = ws.tokens.get(s.id)!;
      return done(204, { code: 'token-deleted', token: token.id, name: token.name });
    }
    case 'PUT /user-tokens/{id}': {
      const token = ws.tokens.get(s.id)!;
      return body.revoke
        ? done(200, { code: 'token-revoked', token: token.id, name: token.name, already: token.state === 'Revoked' })
        : done(200, { code: 'token-restored', token: token.id, name: token.name, already: token.state === 'Active' });
    }
    case null:
      throw new Error('unreachable: checkBody refuses a request the API does not have');
  }
}

// ---------------------------------------------------------------- the order of checks

type Check = readonly [QualyticsCheck, (c: Context) => QStatus | null];

/** policy-file.md: 401, 403 (role), 404, 400, 403 (team level), 409; 401 comes first, before the question is read. */
const ORDER: readonly Check[] = [
  ['role', checkRole],
  ['lookup', lookUp],
  ['body', checkBody],
  ['team', checkTeam],
  ['conflict', checkConflict],
];
/** Edge rule: for `/user-tokens/{id}` the rights check comes after 404 and before 400. */
const TOKEN_ORDER: readonly Check[] = [ORDER[1]!, ORDER[0]!, ...ORDER.slice(2)];

function orderFor(s: Subject): readonly Check[] {
  return s.kind === 'request' && (s.endpoint === 'PUT /user-tokens/{id}' || s.endpoint === 'DELETE /user-tokens/{id}') ? TOKEN_ORDER : ORDER;
}

/**
 * The decision with its trace. Assumes a question the validator accepts: a declared
 * actor (user or token) and, for a datastore action, a declared datastore.
 */
export function decideQualytics(ws: CompiledQualytics, actor: QualyticsActor, operation: QualyticsOperation, at: number): QualyticsTrace {
  const who = authenticate(ws, actor, at);
  if (who.refusal) return { actor: who.actor, steps: [who.refusal], decidedBy: 'authenticate', status: 401, allowed: false, lacks: [] };
  const subject = subjectOf(operation);
  const c = new Context(ws, who.user, subject, at);
  const end = (decidedBy: QualyticsCheck, status: QStatus): QualyticsTrace => ({
    actor: who.actor,
    steps: c.steps,
    decidedBy,
    status,
    allowed: status >= 200 && status < 300,
    lacks: c.lacks,
  });
  for (const [name, check] of orderFor(subject)) {
    const status = check(c);
    if (status !== null) return end(name, status);
  }
  return end('done', succeed(c));
}
