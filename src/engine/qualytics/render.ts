// Words for a Qualytics trace: the reasons a role designer reads and the fixes that
// would flip the decision, derived from what the trace lacks. No deciding happens here.
import { day, list } from '../reasons';
import type { Fix, Reason } from '../reasons';
import type { ApiRight, BodyProblem, ConflictProblem, Effect, QualyticsFinding, QualyticsLack, QualyticsTrace } from './decide';

const RIGHT: Record<ApiRight, string> = {
  'users.create': 'create service users',
  'users.change': "change a service user's role or teams",
  'users.deactivate': 'deactivate users',
  'service-tokens.generate': 'generate service tokens',
  'service-tokens.list': 'list service tokens',
  'service-tokens.manage': 'manage service tokens',
  'personal-token.create': 'create a personal token',
};

const code = (s: string): string => `\`${s}\``;

function bodyProblem(p: BodyProblem): string {
  switch (p.code) {
    case 'not-object':
      return p.keys.length ? `the body must be an object with ${list(p.keys.map(code))}` : 'the body must be an object';
    case 'missing':
      return `${code(p.field)} is missing`;
    case 'empty-name':
      return '`name` must be a non-empty string';
    case 'not-string':
      return `${code(p.field)} must be a string`;
    case 'not-boolean':
      return `${code(p.field)} must be true or false`;
    case 'not-team-list':
      return '`teams` must be a list of team names';
    case 'unknown-role':
      return `unknown role ${code(p.value)}: expected ${list([...p.roles].reverse(), 'or')}`;
    case 'unknown-teams':
      return `unknown team ${list(p.teams.map(code))}`;
    case 'bad-expiry':
      return `\`expires_in_days\` must be a whole number of days from ${p.min} to ${p.max}, or null`;
  }
}

function conflict(p: ConflictProblem): string {
  switch (p.code) {
    case 'user-exists':
      return `a user ${code(p.user)} exists already`;
    case 'deactivate-self':
      return `${p.user} cannot deactivate itself`;
    case 'already-inactive':
      return `${p.user} is already deactivated`;
    case 'human-owner':
      return `${p.user} is a human user; service tokens belong to service users`;
    case 'inactive-owner':
      return `${p.user} is deactivated`;
    case 'token-name-taken':
      return `${p.user} already has a token named ${p.name} (${p.state})`;
    case 'not-revoked':
      return `only a revoked token may be deleted; ${p.name} is ${p.state}`;
    case 'restore-expired':
      return `${p.name} is expired and cannot be restored`;
  }
}

/** What an allowed request does; null for a datastore action (its role or team step says why). */
function effect(e: Effect): string | null {
  switch (e.code) {
    case 'action':
      return null;
    case 'user-created':
      return `the service user ${e.user} is created as ${e.role}`;
    case 'user-changed':
      return `${e.user} changes; its tokens act with the new role and teams at once`;
    case 'user-deactivated':
      return `${e.user} is deactivated`;
    case 'token-generated':
      return `a ${e.tokenKind} token ${e.name} is generated for ${e.owner}; it is shown once`;
    case 'service-tokens-listed':
      return 'the service tokens are listed';
    case 'token-deleted':
      return `${e.name} is deleted`;
    case 'token-revoked':
      return e.already ? `${e.name} is already revoked; nothing changes` : `${e.name} is revoked`;
    case 'token-restored':
      return e.already ? `${e.name} is active; nothing changes` : `${e.name} is restored`;
  }
}

/** One finding in words; null for a step that says nothing on its own. */
export function renderFinding(f: QualyticsFinding, status: number): Reason | null {
  switch (f.kind) {
    case 'token-revoked':
      return { kind: 'token', text: `the token ${f.name} of ${f.user} is revoked` };
    case 'token-expired':
      return { kind: 'token', text: `the token ${f.name} of ${f.user} ${f.on === null ? 'is expired' : `expired on ${day(Date.parse(f.on))}`}` };
    case 'inactive':
      return { kind: 'role', text: `${f.user} is deactivated` };
    case 'role-short':
      return f.action !== undefined
        ? { kind: 'role', text: `${f.action} needs the ${f.needed} role; ${f.user} is ${f.role}` }
        : { kind: 'role', text: `only Admins may ${RIGHT[f.what]}; ${f.user} is ${f.role}` };
    case 'role-ok':
      if (f.action !== undefined) {
        return f.alone ? { kind: 'role', text: `${f.action} is decided by role alone: ${f.user} is ${f.role}, at least ${f.needed}` } : null;
      }
      return f.what === 'personal-token.create'
        ? { kind: 'role', text: `any user may ${RIGHT[f.what]}: ${f.user} is ${f.role}` }
        : { kind: 'role', text: `${f.user} is Admin: it may ${RIGHT[f.what]}` };
    case 'not-owner':
      return { kind: 'role', text: `${f.name} is a personal token of ${f.owner}; only its owner manages it` };
    case 'owner':
      return { kind: 'role', text: `${f.name} is ${f.user}'s own personal token` };
    case 'not-found':
      return { kind: 'request', text: `404: no ${f.what} ${code(f.id)}` };
    case 'bad-body':
      return { kind: 'request', text: `400: ${bodyProblem(f.problem)}` };
    case 'no-endpoint':
      return { kind: 'request', text: `400: ${code(`${f.method} ${f.path}`)} is not part of the API` };
    case 'admin-bypass':
      return { kind: 'role', text: `${f.user} is Admin: team permissions do not limit it` };
    case 'no-team':
      return { kind: 'team', text: `none of ${f.user}'s teams (${list([...f.teams])}) holds ${f.datastore}; ${f.action} needs ${f.needed}` };
    case 'level-short':
      return { kind: 'team', text: `${f.user}'s highest level on ${f.datastore} is ${f.level} (team ${f.team}); ${f.action} needs ${f.needed}` };
    case 'level-ok':
      return { kind: 'team', text: `${f.user} has ${f.level} on ${f.datastore} through team ${f.team}; ${f.action} needs ${f.needed}` };
    case 'conflict':
      return { kind: 'request', text: `409: ${conflict(f.problem)}` };
    case 'done': {
      const text = effect(f.effect);
      return text === null ? null : { kind: 'request', text: `${status}: ${text}` };
    }
  }
}

export function renderLack(lack: QualyticsLack): Fix {
  return lack.kind === 'role'
    ? { kind: 'role', text: `make ${lack.user} ${lack.role}`, role: lack.role }
    : { kind: 'team', text: `add ${lack.user} to a team with ${lack.level} on ${lack.datastore}`, level: lack.level, datastore: lack.datastore };
}

export function renderQualytics(trace: QualyticsTrace): { reasons: Reason[]; fixes: Fix[] } {
  const reasons: Reason[] = [];
  const a = trace.actor;
  if (a.via === 'token' && a.standing === 'valid') {
    reasons.push({ kind: 'token', text: `the token ${a.name} acts as ${a.user} with its current role ${a.role} and teams` });
  }
  for (const f of trace.steps) {
    const r = renderFinding(f, trace.status);
    if (r) reasons.push(r);
  }
  return { reasons, fixes: trace.lacks.map(renderLack) };
}
