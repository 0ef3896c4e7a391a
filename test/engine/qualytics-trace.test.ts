// The Qualytics decision as data: decideQualytics's trace (who acts, the deciding
// findings in the order of checks, the status, what is lacking), without any prose.
// A few rows of each status, then every scenario of the case files against its trace.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QualyticsActor, QualyticsOperation, QualyticsPolicy, QualyticsRequest } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';
import { compileQualytics, evaluateQualytics } from '../../src/engine/qualytics/evaluate';
import { decideQualytics } from '../../src/engine/qualytics/decide';
import type { QualyticsCheck, QualyticsFindingKind, QualyticsLack } from '../../src/engine/qualytics/decide';
import { loadDir } from './qualytics-spec';

const policy = ((): QualyticsPolicy => {
  const result = loadPolicyText(
    JSON.stringify({
      format: 'sealcheck-policy',
      version: 1,
      platform: 'qualytics',
      name: 'trace rows',
      asOf: '2026-11-24T00:00:00Z',
      datastores: [{ id: 'ds', kind: 'source' }, { id: 'other', kind: 'source' }],
      teams: [
        { name: 'Public', permission: 'Reporter', datastores: ['ds'] },
        { name: 'Drafters', permission: 'Drafter', datastores: ['ds'] },
      ],
      users: [
        { id: 'svc', kind: 'service', role: 'Member', teams: ['Drafters'] },
        { id: 'svc-admin', kind: 'service', role: 'Admin' },
        { id: 'mgr', kind: 'human', role: 'Manager' },
        { id: 'alice', kind: 'human', role: 'Member' },
        { id: 'off', kind: 'service', role: 'Member', active: false },
      ],
      tokens: [
        { id: 't-ok', user: 'svc', name: 'weekly', kind: 'service', expiresAt: '2027-01-01T00:00:00Z' },
        { id: 't-rev', user: 'svc', name: 'old', kind: 'service', state: 'Revoked' },
        { id: 't-exp', user: 'svc', name: 'past', kind: 'service', expiresAt: '2026-01-01T00:00:00Z' },
        { id: 't-state', user: 'svc', name: 'stale', kind: 'service', state: 'Expired' },
        { id: 't-admin', user: 'svc-admin', name: 'ops', kind: 'service' },
        { id: 't-alice', user: 'alice', name: 'mine', kind: 'personal' },
      ],
    }),
  );
  if (!result.ok || result.policy.platform !== 'qualytics') throw new Error(JSON.stringify(result));
  return result.policy;
})();
const ws = compileQualytics(policy);
const at = Date.parse(policy.asOf);

const req = (method: QualyticsRequest['method'], path: string, body?: QualyticsRequest['body']): QualyticsOperation => ({ request: { method, path, body } });

interface Row {
  readonly actor: QualyticsActor;
  readonly operation: QualyticsOperation;
  readonly status: number;
  readonly decidedBy: QualyticsCheck;
  readonly kinds: readonly QualyticsFindingKind[];
  readonly lacks?: readonly QualyticsLack[];
}

const rows: Record<string, Row> = {
  // 401
  'a revoked token': { actor: { token: 't-rev' }, operation: { action: 'datastore.view', datastore: 'ds' }, status: 401, decidedBy: 'authenticate', kinds: ['token-revoked'] },
  'a token past its expiresAt': { actor: { token: 't-exp' }, operation: req('GET', '/user-tokens/service'), status: 401, decidedBy: 'authenticate', kinds: ['token-expired'] },
  'an inactive user': { actor: 'off', operation: { action: 'datastore.view', datastore: 'ds' }, status: 401, decidedBy: 'authenticate', kinds: ['inactive'] },
  // 403, role
  'a Member creating a datastore': {
    actor: 'svc',
    operation: { action: 'datastore.create' },
    status: 403,
    decidedBy: 'role',
    kinds: ['role-short'],
    lacks: [{ kind: 'role', user: 'svc', role: 'Manager' }],
  },
  'a Manager creating a service user': {
    actor: 'mgr',
    operation: req('POST', '/users', { name: 'new', role: 'Member' }),
    status: 403,
    decidedBy: 'role',
    kinds: ['role-short'],
    lacks: [{ kind: 'role', user: 'mgr', role: 'Admin' }],
  },
  "someone else's personal token": { actor: 'svc', operation: req('PUT', '/user-tokens/t-alice', { revoke: true }), status: 403, decidedBy: 'role', kinds: ['not-owner'], lacks: [] },
  // 404
  'an unknown user id in the path': { actor: 'svc-admin', operation: req('DELETE', '/users/nobody'), status: 404, decidedBy: 'lookup', kinds: ['role-ok', 'not-found'] },
  'an unknown token id, before the rights check': { actor: 'alice', operation: req('DELETE', '/user-tokens/nope'), status: 404, decidedBy: 'lookup', kinds: ['not-found'] },
  // 400
  'an unknown role in the body': { actor: { token: 't-admin' }, operation: req('POST', '/users', { name: 'new', role: 'Owner' }), status: 400, decidedBy: 'body', kinds: ['role-ok', 'bad-body'] },
  'a personal token without a name': { actor: 'alice', operation: req('POST', '/user-tokens', {}), status: 400, decidedBy: 'body', kinds: ['role-ok', 'bad-body'] },
  // 403, team level
  'no team holds the datastore': {
    actor: 'svc',
    operation: { action: 'datastore.view', datastore: 'other' },
    status: 403,
    decidedBy: 'team',
    kinds: ['role-ok', 'no-team'],
    lacks: [{ kind: 'team', user: 'svc', level: 'Reporter', datastore: 'other' }],
  },
  'the highest level is too low, through a token': {
    actor: { token: 't-ok' },
    operation: { action: 'check.activate', datastore: 'ds' },
    status: 403,
    decidedBy: 'team',
    kinds: ['role-ok', 'level-short'],
    lacks: [{ kind: 'team', user: 'svc', level: 'Author', datastore: 'ds' }],
  },
  // 409
  'a taken user name': { actor: 'svc-admin', operation: req('POST', '/users', { name: 'alice', role: 'Member' }), status: 409, decidedBy: 'conflict', kinds: ['role-ok', 'conflict'] },
  'deleting a token that is not revoked': { actor: 'alice', operation: req('DELETE', '/user-tokens/t-alice'), status: 409, decidedBy: 'conflict', kinds: ['owner', 'conflict'] },
  // 2xx
  'a level that suffices': { actor: 'svc', operation: { action: 'check.create', datastore: 'ds' }, status: 201, decidedBy: 'done', kinds: ['role-ok', 'level-ok', 'done'] },
  'Admin skips the team check': { actor: 'svc-admin', operation: { action: 'profile.delete', datastore: 'other' }, status: 204, decidedBy: 'done', kinds: ['role-ok', 'admin-bypass', 'done'] },
  'a role-only action': { actor: 'mgr', operation: { action: 'connection.manage' }, status: 200, decidedBy: 'done', kinds: ['role-ok', 'done'] },
  'a service token generated by an Admin': {
    actor: 'svc-admin',
    operation: req('POST', '/user-tokens', { name: 'fresh', user_id: 'svc', expires_in_days: 90 }),
    status: 201,
    decidedBy: 'done',
    kinds: ['role-ok', 'done'],
  },
};

describe('decideQualytics: status and deciding findings', () => {
  for (const [title, row] of Object.entries(rows)) {
    it(`${row.status} ${title}`, () => {
      const trace = decideQualytics(ws, row.actor, row.operation, at);
      expect(trace.status).toBe(row.status);
      expect(trace.allowed).toBe(row.status < 300);
      expect(trace.decidedBy).toBe(row.decidedBy);
      expect(trace.steps.map((s) => s.kind)).toEqual(row.kinds);
      if (row.lacks) expect(trace.lacks).toEqual(row.lacks);
      if (row.status !== 403) expect(trace.lacks).toEqual([]);
    });
  }

  it('resolves a token to its user, with its state, expiry and standing', () => {
    const ok = decideQualytics(ws, { token: 't-ok' }, { action: 'datastore.view', datastore: 'ds' }, at).actor;
    expect(ok).toEqual({ via: 'token', token: 't-ok', name: 'weekly', user: 'svc', role: 'Member', active: true, state: 'Active', expiresAt: '2027-01-01T00:00:00Z', standing: 'valid' });
    const later = decideQualytics(ws, { token: 't-ok' }, { action: 'datastore.view', datastore: 'ds' }, Date.parse('2027-01-01T00:00:00Z'));
    expect([later.actor.via === 'token' && later.actor.standing, later.steps]).toEqual([
      'expired',
      [{ kind: 'token-expired', token: 't-ok', name: 'weekly', user: 'svc', state: 'Active', on: '2027-01-01T00:00:00Z' }],
    ]);
    const stale = decideQualytics(ws, { token: 't-state' }, { action: 'datastore.view', datastore: 'ds' }, at);
    expect(stale.steps).toEqual([{ kind: 'token-expired', token: 't-state', name: 'stale', user: 'svc', state: 'Expired', on: null }]);
    expect(decideQualytics(ws, 'alice', { action: 'datastore.view', datastore: 'ds' }, at).actor).toEqual({ via: 'user', user: 'alice', role: 'Member', active: true });
  });

  it('names the team level held and the team that gives it (Public included)', () => {
    const viaPublic = decideQualytics(ws, 'alice', { action: 'datastore.preview', datastore: 'ds' }, at);
    expect(viaPublic.steps[1]).toEqual({ kind: 'level-short', user: 'alice', action: 'datastore.preview', datastore: 'ds', level: 'Reporter', team: 'Public', needed: 'Viewer' });
    const none = decideQualytics(ws, 'svc', { action: 'datastore.view', datastore: 'other' }, at);
    expect(none.steps[1]).toMatchObject({ kind: 'no-team', teams: ['Public', 'Drafters'], needed: 'Reporter' });
  });

  it('keeps body problems and conflicts as codes, not sentences', () => {
    const bad = decideQualytics(ws, 'svc-admin', req('POST', '/users', { name: 'n', role: 'Member', teams: ['Nope', 'Drafters', 'Gone'] }), at);
    expect(bad.steps.at(-1)).toEqual({ kind: 'bad-body', problem: { code: 'unknown-teams', teams: ['Nope', 'Gone'] } });
    const userId = decideQualytics(ws, 'svc-admin', req('POST', '/user-tokens', { name: 'n', user_id: 7 }), at);
    expect([userId.status, userId.steps.at(-1)]).toEqual([400, { kind: 'bad-body', problem: { code: 'not-string', field: 'user_id' } }]);
    const human = decideQualytics(ws, 'svc-admin', req('POST', '/user-tokens', { name: 'n', user_id: 'alice' }), at);
    expect(human.steps.at(-1)).toEqual({ kind: 'conflict', problem: { code: 'human-owner', user: 'alice' } });
    const taken = decideQualytics(ws, 'svc-admin', req('POST', '/user-tokens', { name: 'old', user_id: 'svc' }), at);
    expect(taken.steps.at(-1)).toEqual({ kind: 'conflict', problem: { code: 'token-name-taken', user: 'svc', name: 'old', state: 'Revoked' } });
  });

  it('evaluateQualytics renders its trace: fixes come from what the trace lacks', () => {
    const o = evaluateQualytics(ws, { token: 't-ok' }, { action: 'check.activate', datastore: 'ds' }, at);
    expect(o.trace.status).toBe(o.status);
    expect(o.fixes).toEqual([{ kind: 'team', text: 'add svc to a team with Author on ds', level: 'Author', datastore: 'ds' }]);
    const role = evaluateQualytics(ws, 'mgr', { action: 'datastore.delete', datastore: 'ds' }, at);
    expect(role.fixes).toEqual([{ kind: 'role', text: 'make mgr Admin', role: 'Admin' }]);
  });
});

describe('every case scenario: its trace answers with the expected status by the check that must', () => {
  const files = loadDir(fileURLToPath(new URL('../cases/qualytics/', import.meta.url)));
  const byStatus: Record<number, readonly QualyticsCheck[]> = {
    401: ['authenticate'],
    403: ['role', 'team'],
    404: ['lookup'],
    400: ['body'],
    409: ['conflict'],
  };
  const lastKinds: Record<QualyticsCheck, readonly QualyticsFindingKind[]> = {
    authenticate: ['token-revoked', 'token-expired', 'inactive'],
    role: ['role-short', 'not-owner'],
    lookup: ['not-found'],
    body: ['bad-body', 'no-endpoint'],
    team: ['no-team', 'level-short'],
    conflict: ['conflict'],
    done: ['done'],
  };
  for (const { file, policy: p } of files) {
    if (!p) continue;
    const compiled = compileQualytics(p);
    it(file.split('/').pop()!, () => {
      for (const s of p.scenarios) {
        const trace = decideQualytics(compiled, s.actor, s.operation, Date.parse(s.at ?? p.asOf));
        const label = `${s.name}: ${JSON.stringify(trace)}`;
        expect(trace.status, label).toBe(s.expect.status);
        expect(byStatus[trace.status] ?? ['done'], label).toContain(trace.decidedBy);
        expect(lastKinds[trace.decidedBy], label).toContain(trace.steps.at(-1)!.kind);
        // Only a refusal by role or team level lacks something; each such lack is one fix.
        if (trace.decidedBy !== 'role' && trace.decidedBy !== 'team') expect(trace.lacks, label).toEqual([]);
        if (trace.steps.at(-1)!.kind === 'role-short' || trace.decidedBy === 'team') expect(trace.lacks.length, label).toBe(1);
      }
    });
  }
});
