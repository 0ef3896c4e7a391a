// The advisor, version 2: seven setups in order, the role keeps the reads, exempt and its
// silenced users, extra capabilities against `role`, reapprove, affected fact sheets,
// and the ranking. Each title names the rule it checks.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { SETUPS, advise, withExemption } from '../../src/engine/leanix/advise';
import type { Advice, AdviseOption, AdviseQuestion } from '../../src/engine/leanix/advise';
import { proveAdvice } from '../../src/engine/leanix/advise-proof';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { compile, runScenarios } from '../../src/engine/scenarios';
import { FEED_ROLE, parse, workspace } from './fixture';

const ask = (policy: LeanixPolicy, q: Partial<AdviseQuestion> = {}): Advice => advise(policy, { actor: 'feed', type: 'Application', paths: ['/cveCount'], ...q });
const option = (a: Advice, setup: string): AdviseOption => a.options.find((o) => o.setup === setup)!;
const apps = (p: LeanixPolicy) => p.factSheets.filter((f) => f.type === 'Application');

/**
 * The slow path: users other than the actor with some affected fact sheet and path whose
 * write `evaluateLeanix` allows and breaks before the exemption, and allows and keeps after.
 */
function silencedByEvaluate(policy: LeanixPolicy, actor: string, type: string, paths: string[], fields: string[], relations: string[]): string[] {
  const before = compileLeanix(policy);
  const after = compileLeanix(withExemption(policy, type, { fields, relations }));
  const at = Date.parse(policy.asOf);
  return policy.users
    .filter((u) => u.id !== actor)
    .filter((u) =>
      paths.some((path) =>
        policy.factSheets
          .filter((f) => f.type === type)
          .some((f) => {
            const operation = { op: 'update' as const, factSheet: f.id, patches: [{ op: 'replace' as const, path, value: 'sealcheck' }] };
            const was = evaluateLeanix(before, u.id, operation, at);
            const now = evaluateLeanix(after, u.id, operation, at);
            return was.allowed && was.sealBroken && now.allowed && !now.sealBroken;
          }),
      ),
    )
    .map((u) => u.id);
}

describe('advisor v2: the setups', () => {
  const policy = workspace();
  const a = ask(policy);

  it('seven setups, in the order current, role, role-with-seal, exempt, subscription, admin, reapprove', () => {
    expect(SETUPS).toEqual(['current', 'role', 'role-with-seal', 'exempt', 'subscription', 'admin', 'reapprove']);
    expect(a.options.map((o) => o.setup)).toEqual([...SETUPS]);
  });

  it('role: one new customer role replacing the actor\'s customer roles, holding FACT_SHEET:READ on the type and READ beside each written grant', () => {
    const role = option(a, 'role');
    expect(role.permissions).toEqual(['FACT_SHEET:READ:Application:*', 'FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount']);
    expect(role.change.role).toEqual({ name: 'FEED_SEALCHECK', permissions: role.permissions, exists: false });
    expect(role.change.replaces).toEqual(['FEED']);
    expect(role.change.standardRole).toBe('MEMBER');
    const rel = ask(policy, { paths: ['/relToITC', '/description', '/cveCount'] });
    expect(option(rel, 'role').permissions).toEqual([
      'FACT_SHEET:READ:Application:*',
      'FACT_SHEET_RELATIONS:READ,UPDATE:Application:relToITC',
      'FACT_SHEET_BASE_FIELDS:READ,UPDATE:Application:description',
      'FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount',
    ]);
  });

  it('role keeps reads: a generated `read` scenario of each affected fact sheet passes, allowed', () => {
    const proof = proveAdvice(policy, a, 'role');
    const reads = proof.policy.scenarios.filter((s) => s.operation.op === 'read');
    expect(reads.map((s) => (s.operation as { factSheet: string }).factSheet)).toEqual(apps(policy).map((f) => f.id));
    const results = runScenarios(proof.policy, compile(proof.policy)).filter((r) => reads.some((s) => s.name === r.name));
    expect(results.map((r) => [r.passed, r.actual.allowed])).toEqual(reads.map(() => [true, true]));
  });

  it('the role without READ would not read: the reads are what the standard role no longer gives once a customer role replaces it', () => {
    const writeOnly = workspace((raw) => {
      raw.roles.push({ name: 'WRITE_ONLY', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] });
      raw.users.push({ id: 'w', kind: 'technical', role: 'MEMBER', customerRoles: ['WRITE_ONLY'] });
    });
    const ws = compileLeanix(writeOnly);
    expect(evaluateLeanix(ws, 'w', { op: 'read', factSheet: 'app-a' }, Date.parse(writeOnly.asOf)).allowed).toBe(false);
  });

  it('role-with-seal: role plus FACT_SHEET_BASE_FIELDS:UPDATE:<type>:lxState, and it keeps every seal', () => {
    const o = option(a, 'role-with-seal');
    expect(o.permissions).toEqual([...option(a, 'role').permissions, 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState']);
    expect(o.sealBreaksPerRun).toBe(0);
    expect(o.extraCapabilities).toHaveLength(1);
  });

  it('exempt: role, and the type\'s ignoreUpdatesForFields gain the written fields; no seal breaks', () => {
    const o = option(a, 'exempt');
    expect(o.permissions).toEqual(option(a, 'role').permissions);
    expect(o.change.exempt).toEqual({ type: 'Application', fields: ['cveCount'], relations: [] });
    expect(o.sealBreaksPerRun).toBe(0);
    expect(o.extraCapabilities).toEqual([]);
    const rel = ask(policy, { paths: ['/relToITC'] });
    expect(option(rel, 'exempt').change.exempt).toEqual({ type: 'Application', fields: [], relations: ['relToITC'] });
  });

  it('extra capabilities are measured against role: role none, the actor\'s own identical role none, the subscription setup\'s seal power at least one', () => {
    expect(option(a, 'role').extraCapabilities).toEqual([]);
    expect(option(a, 'current').extraCapabilities).toEqual([]); // FEED holds exactly what role holds
    expect(option(a, 'subscription').extraCapabilities.length).toBeGreaterThanOrEqual(1);
    const member = ask(policy, { actor: 'mia' });
    expect(option(member, 'current').extraCapabilities.length).toBeGreaterThan(3);
    expect(option(member, 'current').extraCapabilities.some((x) => x.includes('standard role MEMBER'))).toBe(true);
    const sealer = ask(policy, { actor: 'sealer' });
    expect(option(sealer, 'current').extraCapabilities).toContain('may approve, break or reject the seals of Application');
    expect(option(a, 'admin').extraCapabilities.length).toBeGreaterThan(10);
  });

  it('subscription: keeps the reads, subscribes the actor RESPONSIBLE where it holds no seal subscription; its seal power counts even when nothing is to subscribe', () => {
    const o = option(a, 'subscription');
    expect(o.permissions).toEqual(option(a, 'role').permissions);
    expect(o.change.subscribe.map((f) => f.id)).toEqual(apps(policy).map((f) => f.id));
    expect(o.subscriptionsNeeded).toBe(4);
    expect(o.sealBreaksPerRun).toBe(0);
    const owned = workspace((raw) => {
      for (const f of raw.factSheets) if (f.type === 'Application') f.subscriptions = [{ user: 'feed', type: 'RESPONSIBLE' }];
    });
    const sub = option(ask(owned), 'subscription');
    expect(sub.subscriptionsNeeded).toBe(0);
    expect(sub.extraCapabilities.length).toBeGreaterThanOrEqual(1);
  });

  it('reapprove: each write breaks as under role, then re-approval needs the lxState grant and emits FACT_SHEET_UPDATED and QUALITY_SEAL_APPROVED per break', () => {
    const role = option(a, 'role');
    const r = option(a, 'reapprove');
    expect(r.sealBreaksPerRun).toBe(role.sealBreaksPerRun);
    expect(r.notificationsPerRun).toBe(role.notificationsPerRun);
    expect(r.eventsPerRun).toBe(role.eventsPerRun + 2 * role.sealBreaksPerRun);
    expect(r.permissions).toContain('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState');
    expect(r.extraCapabilities).toHaveLength(1);
  });

  it('--json options carry silenced and permissions', () => {
    for (const o of JSON.parse(JSON.stringify(a)).options) {
      expect(Array.isArray(o.silenced)).toBe(true);
      expect(Array.isArray(o.permissions)).toBe(true);
    }
    expect(option(a, 'current').permissions).toEqual([]);
    expect(option(a, 'admin').permissions).toEqual([]);
  });
});

describe('advisor v2: affected fact sheets', () => {
  const policy = workspace();

  it('every fact sheet of the type, states after the clock at asOf: an APPROVED seal the renewal clock broke does not break again', () => {
    const a = ask(policy);
    expect(a.factSheets).toBe(4);
    // app-a and app-b break; app-old's seal expired (90 days) and app-broken is broken already
    expect(option(a, 'role').sealBreaksPerRun).toBe(2);
    expect(option(a, 'role').notificationsPerRun).toBe(1); // owner of app-a; app-b has an OBSERVER only
  });

  it('--fact-sheets narrows the affected fact sheets', () => {
    const a = ask(policy, { factSheets: ['app-a'] });
    expect(a.factSheets).toBe(1);
    expect(option(a, 'role').sealBreaksPerRun).toBe(1);
    expect(option(a, 'subscription').change.subscribe).toEqual([{ id: 'app-a', name: 'A' }]);
  });

  it('each write is a replace with a non-empty value: a mandatory field written on an approved fact sheet is not emptied', () => {
    const mandatory = workspace((raw) => {
      raw.factSheetTypes[0].mandatory = { fields: ['cveCount'] };
    });
    const a = ask(mandatory);
    for (const o of a.options) if (o.setup !== 'current') expect(o.denied, o.setup).toBe(0);
  });
});

describe('advisor v2: exempt\'s silenced users', () => {
  it('a human MEMBER without the seal permission who writes the field is silenced; seal holders, viewers, ADMIN and the actor are not', () => {
    const policy = workspace();
    const o = option(ask(policy), 'exempt');
    // mia holds no seal anywhere; owner holds it on app-a but not on app-b
    expect(o.silenced).toEqual(['mia', 'owner']);
    expect(o.silenced).not.toContain('feed');
  });

  it('silenced is what evaluating each user, path and fact sheet before and after the exemption gives', () => {
    const policy = workspace();
    for (const paths of [['/cveCount'], ['/relToITC'], ['/cveCount', '/note']]) {
      const o = option(ask(policy, { paths }), 'exempt');
      expect(o.silenced, paths.join()).toEqual(silencedByEvaluate(policy, 'feed', 'Application', paths, o.change.exempt!.fields, o.change.exempt!.relations));
    }
  });

  it('a path already exempt silences nobody and is not added again', () => {
    const exempt = workspace((raw) => {
      raw.factSheetTypes[0].qualitySeal.ignoreUpdatesForFields = ['cveCount'];
      raw.roles.push({ name: 'CVE_ONLY', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] });
      raw.users.push({ id: 'cve-human', kind: 'human', role: 'MEMBER', customerRoles: ['CVE_ONLY'] });
    });
    const only = option(ask(exempt), 'exempt');
    expect(only.change.exempt).toBeNull();
    expect(only.silenced).toEqual([]);
    // with a second path: only that one is added, and cve-human (who can write only the exempt path) is not silenced
    const both = option(ask(exempt, { paths: ['/cveCount', '/note'] }), 'exempt');
    expect(both.change.exempt).toEqual({ type: 'Application', fields: ['note'], relations: [] });
    expect(both.silenced).toEqual(['mia', 'owner']);
  });

  it('nobody silenced when no one else may write the field', () => {
    const alone = workspace((raw) => {
      for (const u of raw.users) if (u.id === 'mia' || u.id === 'owner') u.role = 'VIEWER';
    });
    expect(option(ask(alone), 'exempt').silenced).toEqual([]);
  });
});

describe('advisor v2: ranking', () => {
  /** The spec's ranking key: lower is better. */
  const key = (o: AdviseOption, total: number) => [o.allowed === total ? 0 : 1, o.sealBreaksPerRun, o.extraCapabilities.length + o.silenced.length, o.subscriptionsNeeded, o.eventsPerRun];
  const before = (x: number[], y: number[]) => {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
    return false;
  };

  it('the recommended setup has the lowest key (all writes allowed, breaks, extras plus silenced, subscriptions, events); a tie keeps the order', () => {
    const cases: [string, LeanixPolicy, Partial<AdviseQuestion>][] = [
      ['feed', workspace(), {}],
      ['viewer actor', workspace(), { actor: 'viewer' }],
      ['member actor', workspace(), { actor: 'mia', paths: ['/note', '/relToITC'] }],
      ['alone', workspace((raw) => raw.users.forEach((u: { id: string; role: string }) => (u.id === 'mia' || u.id === 'owner' ? (u.role = 'VIEWER') : null))), {}],
    ];
    for (const [label, policy, q] of cases) {
      const a = ask(policy, q);
      const total = a.factSheets;
      const best = a.options.findIndex((o) => o.recommended);
      expect(a.options.filter((o) => o.recommended), label).toHaveLength(1);
      a.options.forEach((o, i) => {
        if (i < best) expect(before(key(a.options[best]!, total), key(o, total)), `${label}: ${o.setup} is no better`).toBe(true);
        else expect(before(key(o, total), key(a.options[best]!, total)), `${label}: ${o.setup} is not better`).toBe(false);
      });
    }
  });

  it('every write allowed first: a current setup that is denied (and so breaks nothing) is not recommended', () => {
    const a = ask(workspace(), { actor: 'viewer' });
    expect(option(a, 'current').denied).toBe(4);
    expect(option(a, 'current').sealBreaksPerRun).toBe(0);
    expect(a.recommended).not.toBe('current');
  });

  it('silenced users count like extra capabilities: with two silenced, role-with-seal (one extra) wins over exempt', () => {
    const a = ask(workspace());
    expect(option(a, 'exempt').silenced).toHaveLength(2);
    expect(a.recommended).toBe('role-with-seal');
    expect(a.role?.permissions).toEqual([...FEED_ROLE, 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState']);
  });

  it('exempt is recommended when it silences nobody: no seal power at all', () => {
    const a = ask(workspace((raw) => raw.users.forEach((u: { id: string; role: string }) => (u.id === 'mia' || u.id === 'owner' ? (u.role = 'VIEWER') : null))));
    expect(a.recommended).toBe('exempt');
    expect(a.role).toEqual({ name: 'FEED_SEALCHECK', permissions: FEED_ROLE });
  });

  it('a tie keeps the order: one silenced user weighs as much as role-with-seal\'s seal grant, and role-with-seal comes first', () => {
    const a = ask(workspace((raw) => raw.users.forEach((u: { id: string; role: string }) => (u.id === 'owner' ? (u.role = 'VIEWER') : null))));
    expect(option(a, 'exempt').silenced).toEqual(['mia']);
    expect(option(a, 'exempt').eventsPerRun).toBe(option(a, 'role-with-seal').eventsPerRun);
    expect(a.recommended).toBe('role-with-seal');
  });

  it('fewest subscriptions to keep: role-with-seal before subscription, both with one extra capability', () => {
    const a = ask(workspace());
    expect(option(a, 'subscription').extraCapabilities).toHaveLength(1);
    expect(option(a, 'subscription').subscriptionsNeeded).toBeGreaterThan(0);
    expect(SETUPS.indexOf(a.recommended)).toBeLessThan(SETUPS.indexOf('subscription'));
  });
});

describe('advisor v2: access control lists', () => {
  it('the role setups give the actor one entity of each read and write ACL that shuts it out, and the proving read and write scenarios pass', () => {
    const policy = workspace((raw) => {
      raw.factSheets[0].permittedReadACL = ['SECURITY'];
      raw.factSheets[1].permittedWriteACL = ['OPS', 'SECURITY_OPS'];
    });
    const a = ask(policy);
    expect(a.aces).toEqual(['OPS', 'SECURITY']);
    expect(option(a, 'role').change.aces).toEqual(['OPS', 'SECURITY']);
    expect(option(a, 'role').denied).toBe(0);
    expect(option(a, 'current').denied).toBe(1); // feed is shut out of app-b's writes as it is
    const proof = proveAdvice(policy, a);
    const results = runScenarios(proof.policy, compile(proof.policy)).filter((r) => r.name.startsWith('advised '));
    expect(results).toHaveLength(8);
    expect(results.every((r) => r.passed && r.actual.allowed === true)).toBe(true);
  });
});

describe('advisor v2: names never taken over', () => {
  it('an existing <ACTOR>_SEALCHECK role with other permissions: the advised role is <ACTOR>_SEALCHECK_2 and the existing role is simulated unchanged', () => {
    const policy = workspace((raw) => {
      raw.roles.push({ name: 'FEED_SEALCHECK', permissions: ['FACT_SHEET:READ:*:*'] });
      raw.users.push({ id: 'reader', kind: 'human', role: 'MEMBER', customerRoles: ['FEED_SEALCHECK'] });
    });
    const a = ask(policy);
    expect(option(a, 'role').change.role?.name).toBe('FEED_SEALCHECK_2');
    // reader still holds only READ: it writes nothing, so it is not silenced
    expect(option(a, 'exempt').silenced).not.toContain('reader');
  });

  it('a role of that name with exactly the advised permissions is reused', () => {
    const policy = workspace((raw) => raw.roles.push({ name: 'FEED_SEALCHECK', permissions: [...FEED_ROLE].reverse() }));
    expect(option(ask(policy), 'role').change.role).toMatchObject({ name: 'FEED_SEALCHECK', exists: true });
    expect(option(ask(policy), 'role-with-seal').change.role).toMatchObject({ name: 'FEED_SEALCHECK_2', exists: false });
  });

  it('the actor may be given by email', () => {
    const a = advise(parse(JSON.parse(JSON.stringify(workspace()))), { actor: 'feed@acme.example', type: 'Application', paths: ['/cveCount'] });
    expect(a.actor).toBe('feed');
  });
});
