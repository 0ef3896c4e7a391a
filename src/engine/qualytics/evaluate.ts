// The Qualytics evaluator: role layer, team ladder (highest level wins, Public
// included, Admin bypasses), and the service-user and token API with the statuses
// and order of checks policy-file.md fixes: 401, 403 role, 404, 400, 403 team, 409.
import type { QualyticsActor, QualyticsOperation, QualyticsPolicy, QualyticsUser, Token } from '../../model/schema';
import { PUBLIC_TEAM, Q_ACTIONS, Q_ACTION_ROLE, Q_ROLES, TEAM_LEVELS, TOKEN_EXPIRY_DAYS, matchEndpoint } from '../../model/vocabulary';
import type { QAction, QRole, QStatus, TeamLevel } from '../../model/vocabulary';
import { day, list } from '../reasons';
import type { Fix, Reason } from '../reasons';

export interface QualyticsOutcome {
  readonly allowed: boolean;
  readonly status: QStatus;
  readonly reasons: Reason[];
  readonly fixes: Fix[];
}

export interface CompiledQualytics {
  readonly policy: QualyticsPolicy;
  readonly users: ReadonlyMap<string, QualyticsUser>;
  readonly tokens: ReadonlyMap<string, Token>;
  /** Per user, per datastore: the highest team level and the team that gives it. */
  readonly levels: ReadonlyMap<string, ReadonlyMap<string, { level: number; team: string }>>;
  readonly teams: ReadonlySet<string>;
}

export function compileQualytics(policy: QualyticsPolicy): CompiledQualytics {
  const teams = new Map(policy.teams.map((t) => [t.name, t]));
  const levels = new Map<string, Map<string, { level: number; team: string }>>();
  for (const user of policy.users) {
    const mine = new Map<string, { level: number; team: string }>();
    for (const name of new Set([PUBLIC_TEAM, ...user.teams])) {
      const team = teams.get(name);
      if (!team) continue; // Public unlisted: it holds no datastores
      const level = TEAM_LEVELS.indexOf(team.permission);
      for (const ds of team.datastores) {
        const current = mine.get(ds);
        if (!current || current.level < level) mine.set(ds, { level, team: name });
      }
    }
    levels.set(user.id, mine);
  }
  return {
    policy,
    users: new Map(policy.users.map((u) => [u.id, u])),
    tokens: new Map(policy.tokens.map((t) => [t.id, t])),
    levels,
    teams: new Set([PUBLIC_TEAM, ...teams.keys()]),
  };
}

function roleAtLeast(role: QRole, needed: QRole): boolean {
  return Q_ROLES.indexOf(role) >= Q_ROLES.indexOf(needed);
}

function tokenExpired(token: Token, at: number): boolean {
  return token.state === 'Expired' || (token.expiresAt !== null && Date.parse(token.expiresAt) <= at);
}

class Answer {
  readonly reasons: Reason[] = [];
  readonly fixes: Fix[] = [];
  because(kind: Reason['kind'], text: string): this {
    this.reasons.push({ kind, text });
    return this;
  }
  fix(kind: Fix['kind'], text: string): this {
    this.fixes.push({ kind, text });
    return this;
  }
  status(status: QStatus): QualyticsOutcome {
    return { allowed: status >= 200 && status < 300, status, reasons: this.reasons, fixes: this.fixes };
  }
}

export function evaluateQualytics(ws: CompiledQualytics, actor: QualyticsActor, operation: QualyticsOperation, at: number): QualyticsOutcome {
  const a = new Answer();
  let user: QualyticsUser;
  if (typeof actor === 'string') {
    user = ws.users.get(actor)!;
  } else {
    const token = ws.tokens.get(actor.token)!;
    user = ws.users.get(token.user)!;
    if (token.state === 'Revoked') return a.because('token', `the token ${token.name} of ${user.id} is revoked`).status(401);
    if (tokenExpired(token, at)) {
      const when = token.state === 'Expired' ? 'is expired' : `expired on ${day(Date.parse(token.expiresAt!))}`;
      return a.because('token', `the token ${token.name} of ${user.id} ${when}`).status(401);
    }
    a.because('token', `the token ${token.name} acts as ${user.id} with its current role ${user.role} and teams`);
  }
  if (!user.active) return a.because('role', `${user.id} is deactivated`).status(401);
  return 'action' in operation ? datastoreAction(ws, a, user, operation.action as QAction, operation.datastore) : request(ws, a, user, operation.request, at);
}

function datastoreAction(ws: CompiledQualytics, a: Answer, user: QualyticsUser, action: QAction, datastore: string | undefined): QualyticsOutcome {
  const neededRole = Q_ACTION_ROLE[action] ?? 'Member';
  if (!roleAtLeast(user.role, neededRole)) {
    a.because('role', `${action} needs the ${neededRole} role; ${user.id} is ${user.role}`);
    return a.fix('role', `make ${user.id} ${neededRole}`).status(403);
  }
  const ok: QStatus = action === 'datastore.create' || action === 'check.create' ? 201 : action === 'datastore.delete' || action === 'profile.delete' ? 204 : 200;
  const neededLevel = Q_ACTIONS[action] as TeamLevel | null;
  if (neededLevel === null || datastore === undefined) {
    return a.because('role', `${action} is decided by role alone: ${user.id} is ${user.role}, at least ${neededRole}`).status(ok);
  }
  if (user.role === 'Admin') return a.because('role', `${user.id} is Admin: team permissions do not limit it`).status(ok);
  const held = ws.levels.get(user.id)!.get(datastore);
  const need = TEAM_LEVELS.indexOf(neededLevel);
  if (!held) {
    a.because('team', `none of ${user.id}'s teams (${list([PUBLIC_TEAM, ...user.teams.filter((t) => t !== PUBLIC_TEAM)])}) holds ${datastore}; ${action} needs ${neededLevel}`);
    return a.fix('team', `add ${user.id} to a team with ${neededLevel} on ${datastore}`).status(403);
  }
  const level = TEAM_LEVELS[held.level]!;
  if (held.level < need) {
    a.because('team', `${user.id}'s highest level on ${datastore} is ${level} (team ${held.team}); ${action} needs ${neededLevel}`);
    return a.fix('team', `add ${user.id} to a team with ${neededLevel} on ${datastore}`).status(403);
  }
  return a.because('team', `${user.id} has ${level} on ${datastore} through team ${held.team}; ${action} needs ${neededLevel}`).status(ok);
}

type Body = Record<string, unknown>;

function bodyOf(raw: unknown): Body | null {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Body) : null;
}

function needAdmin(a: Answer, user: QualyticsUser, what: string): QualyticsOutcome | null {
  if (user.role === 'Admin') {
    a.because('role', `${user.id} is Admin: it may ${what}`);
    return null;
  }
  a.because('role', `only Admins may ${what}; ${user.id} is ${user.role}`);
  return a.fix('role', `make ${user.id} Admin`).status(403);
}

function badTeams(ws: CompiledQualytics, teams: unknown): string | null {
  if (teams === undefined) return null;
  if (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string')) return '`teams` must be a list of team names';
  const unknown = teams.filter((t) => !ws.teams.has(t as string));
  return unknown.length ? `unknown team ${list(unknown.map((t) => `\`${t}\``))}` : null;
}

function badRole(role: unknown, required: boolean): string | null {
  if (role === undefined) return required ? '`role` is missing' : null;
  return (Q_ROLES as readonly unknown[]).includes(role) ? null : `unknown role \`${String(role)}\`: expected Admin, Manager or Member`;
}

function request(
  ws: CompiledQualytics,
  a: Answer,
  user: QualyticsUser,
  req: { method: string; path: string; body?: unknown },
  at: number,
): QualyticsOutcome {
  const match = matchEndpoint(req.method, req.path)!;
  const key = `${req.method} ${match.endpoint.pattern}`;
  const body = bodyOf(req.body);
  const bad = (text: string) => a.because('request', `400: ${text}`).status(400);
  const conflict = (text: string) => a.because('request', `409: ${text}`).status(409);

  switch (key) {
    case 'POST /users': {
      const denied = needAdmin(a, user, 'create service users');
      if (denied) return denied;
      if (!body) return bad('the body must be an object with `name` and `role`');
      if (typeof body.name !== 'string' || body.name === '') return bad('`name` must be a non-empty string');
      const problem = badRole(body.role, true) ?? badTeams(ws, body.teams);
      if (problem) return bad(problem);
      if (ws.users.has(body.name)) return conflict(`a user \`${body.name}\` exists already`);
      return a.because('request', `201: the service user ${body.name} is created as ${String(body.role)}`).status(201);
    }
    case 'PUT /users/{id}': {
      const denied = needAdmin(a, user, "change a service user's role or teams");
      if (denied) return denied;
      if (!ws.users.has(match.id!)) return a.because('request', `404: no user \`${match.id}\``).status(404);
      if (!body) return bad('the body must be an object');
      const problem = badRole(body.role, false) ?? badTeams(ws, body.teams);
      if (problem) return bad(problem);
      return a.because('request', `200: ${match.id} changes; its tokens act with the new role and teams at once`).status(200);
    }
    case 'DELETE /users/{id}': {
      const denied = needAdmin(a, user, 'deactivate users');
      if (denied) return denied;
      const target = ws.users.get(match.id!);
      if (!target) return a.because('request', `404: no user \`${match.id}\``).status(404);
      if (target.id === user.id) return conflict(`${user.id} cannot deactivate itself`);
      if (!target.active) return conflict(`${target.id} is already deactivated`);
      return a.because('request', `204: ${target.id} is deactivated`).status(204);
    }
    case 'POST /user-tokens': {
      const userId = body?.user_id ?? null;
      if (userId !== null) {
        const denied = needAdmin(a, user, 'generate service tokens');
        if (denied) return denied;
        if (typeof userId !== 'string') return bad('`user_id` must be a string');
        const owner = ws.users.get(userId);
        if (!owner) return a.because('request', `404: no user \`${userId}\``).status(404);
        const problem = tokenBodyProblem(body!);
        if (problem) return bad(problem);
        if (owner.kind !== 'service') return conflict(`${owner.id} is a human user; service tokens belong to service users`);
        if (!owner.active) return conflict(`${owner.id} is deactivated`);
        return newToken(ws, a, owner.id, body!.name as string, 'service token');
      }
      a.because('role', `any user may create a personal token: ${user.id} is ${user.role}`);
      if (!body) return bad('the body must be an object with `name`');
      const problem = tokenBodyProblem(body);
      if (problem) return bad(problem);
      return newToken(ws, a, user.id, body.name as string, 'personal token');
    }
    case 'GET /user-tokens/service': {
      const denied = needAdmin(a, user, 'list service tokens');
      return denied ?? a.because('request', '200: the service tokens are listed').status(200);
    }
    case 'PUT /user-tokens/{id}':
    case 'DELETE /user-tokens/{id}': {
      const token = ws.tokens.get(match.id!);
      if (!token) return a.because('request', `404: no token \`${match.id}\``).status(404);
      if (token.kind === 'service') {
        const denied = needAdmin(a, user, 'manage service tokens');
        if (denied) return denied;
      } else if (token.user !== user.id) {
        a.because('role', `${token.name} is a personal token of ${token.user}; only its owner manages it`);
        return a.status(403);
      } else a.because('role', `${token.name} is ${user.id}'s own personal token`);
      if (req.method === 'DELETE') {
        if (token.state !== 'Revoked') return conflict(`only a revoked token may be deleted; ${token.name} is ${token.state}`);
        return a.because('request', `204: ${token.name} is deleted`).status(204);
      }
      if (!body || typeof body.revoke !== 'boolean') return bad('`revoke` must be true or false');
      if (body.revoke) {
        return a.because('request', token.state === 'Revoked' ? `200: ${token.name} is already revoked; nothing changes` : `200: ${token.name} is revoked`).status(200);
      }
      if (tokenExpired(token, at)) return conflict(`${token.name} is expired and cannot be restored`);
      return a.because('request', token.state === 'Active' ? `200: ${token.name} is active; nothing changes` : `200: ${token.name} is restored`).status(200);
    }
  }
  return bad(`\`${req.method} ${req.path}\` is not part of the API`);
}

function tokenBodyProblem(body: Body): string | null {
  if (typeof body.name !== 'string' || body.name === '') return '`name` must be a non-empty string';
  const days = body.expires_in_days;
  if (days !== undefined && days !== null && !(TOKEN_EXPIRY_DAYS as readonly unknown[]).includes(days)) {
    return '`expires_in_days` must be 30, 60, 90, 365 or null';
  }
  return null;
}

function newToken(ws: CompiledQualytics, a: Answer, owner: string, name: string, kind: string): QualyticsOutcome {
  const clash = [...ws.tokens.values()].find((t) => t.user === owner && t.name === name);
  if (clash) return a.because('request', `409: ${owner} already has a token named ${name} (${clash.state})`).status(409);
  return a.because('request', `201: a ${kind} ${name} is generated for ${owner}; it is shown once`).status(201);
}
