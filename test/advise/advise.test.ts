// Issue 5: the role advisor and the policy diff, checked against the examples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy, QualyticsPolicy } from '../../src/model/schema';
import { advise } from '../../src/engine/leanix/advise';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { adviseQualytics } from '../../src/engine/qualytics/advise';
import { diffPolicies } from '../../src/engine/diff';
import { compile, runScenarios } from '../../src/engine/scenarios';
import { validatePolicy, loadPolicyText } from '../../src/policy/validate';
import { proveAdvice } from '../../src/engine/leanix/advise-proof';

function load<T>(name: string): T {
  const r = loadPolicyText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.policy as T;
}
const vuln = load<LeanixPolicy>('leanix-vuln-sync.json');
const qualytics = load<QualyticsPolicy>('qualytics-service-users.json');
const question = { actor: 'vuln-sync-restricted', type: 'Application', paths: ['/securityVulnerabilityCount'] };

describe('sealcheck advise (LeanIX)', () => {
  const advice = advise(vuln, question);
  const option = (setup: string) => advice.options.find((o) => o.setup === setup)!;

  it('evaluates every setup over every Application of the workspace', () => {
    expect(advice.options.map((o) => o.setup)).toEqual(['current', 'role', 'role-with-seal', 'exempt', 'subscription', 'admin', 'reapprove']);
    const apps = vuln.factSheets.filter((f) => f.type === 'Application').length;
    for (const o of advice.options) expect(o.allowed + o.denied).toBe(apps);
  });

  it('the narrow role breaks approved seals on every run; the seal permission keeps them', () => {
    expect(option('current').sealBreaksPerRun).toBeGreaterThan(0);
    expect(option('role').sealBreaksPerRun).toBe(option('current').sealBreaksPerRun);
    expect(option('role-with-seal').sealBreaksPerRun).toBe(0);
    expect(option('admin').sealBreaksPerRun).toBe(0);
    expect(option('subscription').sealBreaksPerRun).toBe(0);
    expect(option('role').notificationsPerYear).toBe(option('role').notificationsPerRun * 52);
  });

  it('recommends the least-privilege role with the seal permission, scoped to the type and lxState, keeping the reads', () => {
    expect(advice.recommended).toBe('role-with-seal');
    expect(advice.role?.permissions).toEqual([
      'FACT_SHEET:READ:Application:*',
      'FACT_SHEET_FIELDS:READ,UPDATE:Application:securityVulnerabilityCount',
      'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState',
    ]);
  });

  it('counts what evaluating each fact sheet one by one counts, for every user as it is now', () => {
    const ws = compileLeanix(vuln);
    const at = Date.parse(vuln.asOf);
    const apps = vuln.factSheets.filter((f) => f.type === 'Application');
    const patches = [{ op: 'replace' as const, path: '/securityVulnerabilityCount', value: 'sealcheck' }];
    for (const user of vuln.users) {
      const one = apps.map((f) => evaluateLeanix(ws, user.id, { op: 'update', factSheet: f.id, patches }, at));
      const current = advise(vuln, { ...question, actor: user.id }).options.find((o) => o.setup === 'current')!;
      expect(current, user.id).toMatchObject({
        allowed: one.filter((o) => o.allowed).length,
        denied: one.filter((o) => !o.allowed).length,
        sealBreaksPerRun: one.filter((o) => o.sealBroken).length,
        eventsPerRun: one.reduce((n, o) => n + o.events.length, 0),
        notificationsPerRun: one.reduce((n, o) => n + o.notified.length, 0),
      });
    }
  });

  it('no setup with zero seal breaks has strictly fewer extra capabilities plus silenced users than the recommended one', () => {
    const chosen = option(advice.recommended);
    const weight = (o: typeof chosen) => o.extraCapabilities.length + o.silenced.length;
    for (const o of advice.options) {
      if (o.sealBreaksPerRun === 0 && o.denied === 0) expect(weight(o)).toBeGreaterThanOrEqual(weight(chosen));
    }
  });

  it('ADMIN is far broader than the recommendation; re-approving still breaks and doubles the events', () => {
    expect(option('admin').extraCapabilities.length).toBeGreaterThan(10);
    expect(option('reapprove').sealBreaksPerRun).toBe(option('role').sealBreaksPerRun);
    expect(option('reapprove').eventsPerRun).toBeGreaterThan(option('role-with-seal').eventsPerRun);
  });

  it('the recommended role written back into the file passes the generated scenarios', () => {
    const { policy, report } = proveAdvice(vuln, advice);
    expect(report.added.length).toBeGreaterThan(0);
    const valid = validatePolicy(JSON.parse(JSON.stringify(policy)));
    expect(valid.ok).toBe(true);
    if (!valid.ok) return;
    const results = runScenarios(valid.policy, compile(valid.policy));
    expect(results.filter((r) => !r.passed).map((r) => r.mismatches)).toEqual([]);
  });
});

describe('sealcheck advise (Qualytics)', () => {
  it('finds the lowest role and team level and what else it allows', () => {
    const user = qualytics.users.find((u) => u.kind === 'service' && u.role === 'Member')!;
    const ds = qualytics.datastores[0]!.id;
    const a = adviseQualytics(qualytics, { actor: user.id, actions: ['check.activate', 'check.create'], datastores: [ds] });
    expect(a.role).toBe('Member');
    expect(a.level).toBe('Author');
    expect(a.alsoAllows).toContain('anomaly.status.change');
    expect(a.alsoAllows).not.toContain('operation.run');
    const manager = adviseQualytics(qualytics, { actor: user.id, actions: ['connection.manage'], datastores: [] });
    expect(manager.role).toBe('Manager');
    expect(manager.level).toBeNull();
  });
});

describe('sealcheck diff', () => {
  const changed = (edit: (p: LeanixPolicy) => void): LeanixPolicy => {
    const raw = structuredClone(vuln);
    edit(raw);
    const v = validatePolicy(raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.policy as LeanixPolicy;
  };

  it('a file against itself differs in nothing', () => {
    expect(diffPolicies(vuln, vuln)).toMatchObject({ added: [], removed: [], scenarioChanges: [], sealChanges: [] });
  });

  it('finds exactly the capabilities a grant adds, for every holder of the role', () => {
    const next = changed((p) => p.roles.find((r) => r.name === 'VULN_SYNC')!.permissions.push('FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'));
    const d = diffPolicies(vuln, next);
    const holders = vuln.users.filter((u) => u.customerRoles.includes('VULN_SYNC')).map((u) => u.id).sort();
    expect(d.added.map((c) => c.user).sort()).toEqual(holders);
    for (const c of d.added) expect(c).toMatchObject({ resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'lifecycle' });
    expect(d.removed).toEqual([]);
    expect(d.rolesAdded).toEqual([{ role: 'VULN_SYNC', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'lifecycle' }]);
  });

  it('finds exactly the capabilities a removed grant takes away, and the seals that change', () => {
    const next = changed((p) => {
      const role = p.roles.find((r) => r.name === 'VULN_SYNC_COMMUNITY')!;
      role.permissions = [];
    });
    const d = diffPolicies(vuln, next);
    expect(d.added).toEqual([]);
    const removed = d.removed.filter((c) => c.user === 'vuln-sync-community');
    expect(removed.length).toBe(d.removed.length);
    // the community role held every base field action on both types: 4 actions × 6 base fields × 2 types, of which MEMBER keeps all but lxState
    expect(removed.filter((c) => c.resource === 'FACT_SHEET_BASE_FIELDS').map((c) => `${c.type}.${c.qualifier}:${c.action}`).sort()).toEqual(
      ['Application', 'ITComponent'].flatMap((t) => ['CREATE', 'DELETE', 'READ', 'UPDATE'].map((a) => `${t}.lxState:${a}`)).sort(),
    );
    expect(d.sealChanges.some((s) => s.user === 'vuln-sync-community' && s.old === 'keeps' && s.new === 'breaks')).toBe(true);
    expect(d.scenarioChanges.length).toBeGreaterThan(0);
  });

  it('a new user brings all its capabilities as added', () => {
    const next = changed((p) => p.users.push({ id: 'newbie', kind: 'human', role: 'VIEWER', customerRoles: [], aces: [], expiresAt: null }));
    const d = diffPolicies(vuln, next);
    expect(d.added.length).toBeGreaterThan(0);
    expect(new Set(d.added.map((c) => c.user))).toEqual(new Set(['newbie']));
    expect(d.added.every((c) => c.action === 'READ' || c.resource === 'FACT_SHEET_SUBSCRIPTIONS' || c.resource === 'FACT_SHEET_COMMENTS')).toBe(true);
  });
});
