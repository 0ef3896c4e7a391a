// The diff gate (issue 13): access is what the engine decides, not only what roles grant.
// A removed write ACL, a removed expiry, an added access control entity and a new
// RESPONSIBLE subscription each add access, with their cause; scenario changes are
// symmetric; the decision diff answers as the decision core does.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy, Policy } from '../../src/model/schema';
import { decisionsOfUser, diffPolicies } from '../../src/engine/diff';
import type { Capability } from '../../src/engine/diff';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import type { Json } from '../policy/helpers';
import { example, leanixFileV2, policyOf } from '../policy/helpers';

/** The test file with a write ACL on app-1 that only SEC holds, and the feed's expiry ahead. */
function base(): Json {
  const file = leanixFileV2();
  file.factSheets[0].permittedWriteACL = ['SEC'];
  file.users[0].aces = ['SEC'];
  return file;
}

function diff(edit: (file: Json) => void, from: Json = base()): ReturnType<typeof diffPolicies> {
  const next = structuredClone(from);
  edit(next);
  return diffPolicies(policyOf(from) as Policy, policyOf(next) as Policy);
}

function sheetBroken(file: Json): Json {
  const copy = structuredClone(file);
  copy.factSheets[0].lxState = 'BROKEN_QUALITY_SEAL';
  return copy;
}

const bySheet = (list: readonly Capability[], user: string, sheet: string) => list.filter((c) => c.user === user && c.factSheet === sheet);

describe('the diff gate adds what the engine decides', () => {
  it('a removed write ACL lets its users write the fact sheet: added, cause acl', () => {
    const d = diff((f) => (f.factSheets[0].permittedWriteACL = []));
    expect(d.added.length).toBeGreaterThan(0);
    const feed = bySheet(d.added, 'feed', 'app-1');
    expect(feed).toEqual([{ user: 'feed', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'cveCount', cause: 'acl', factSheet: 'app-1' }]);
    // bob (VIEWER) may now write app-1's comments and add subscriptions, as VIEWER grants; not remove
    // alice's, the one subscription the type's mandatory subscriptions need
    expect(bySheet(d.added, 'bob', 'app-1').map((c) => `${c.resource}:${c.action}`).sort()).toEqual(
      ['FACT_SHEET_COMMENTS:CREATE', 'FACT_SHEET_COMMENTS:DELETE', 'FACT_SHEET_COMMENTS:UPDATE', 'FACT_SHEET_SUBSCRIPTIONS:CREATE'].sort(),
    );
    expect(d.added.every((c) => c.cause === 'acl')).toBe(true);
    // alice held SEC already: nothing changes for her
    expect(bySheet(d.added, 'alice', 'app-1')).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('a removed read ACL lets its users read', () => {
    const from = base();
    from.factSheets[1].permittedReadACL = ['SEC'];
    const d = diff((f) => (f.factSheets[1].permittedReadACL = []), from);
    // alice holds SEC; the feed holds no READ
    expect(d.added.filter((c) => c.action === 'READ').map((c) => c.user).sort()).toEqual(['bob']);
    expect(d.added.every((c) => c.cause === 'acl' && c.factSheet === 'itc-1')).toBe(true);
  });

  it('a removed expiry, or a later one, lets the technical user act after the old date: added, cause expiry', () => {
    for (const expiresAt of [null, '2030-01-01T00:00:00Z']) {
      const d = diff((f) => (f.users[2].expiresAt = expiresAt), leanixFileV2());
      expect(d.added.length).toBeGreaterThan(0);
      expect(new Set(d.added.map((c) => `${c.user}:${c.cause}`))).toEqual(new Set(['feed:expiry']));
      // its one grant, on the fact sheets whose ACL it passes
      expect(d.added.filter((c) => c.factSheet !== undefined).map((c) => `${c.factSheet}:${c.resource}:${c.qualifier}`)).toEqual(['app-1:FACT_SHEET_FIELDS:cveCount']);
    }
  });

  it('an expired user whose expiry is removed regains its access at once', () => {
    const from = base();
    from.users[2].expiresAt = '2026-01-01T00:00:00Z'; // before asOf
    from.factSheets[0].permittedWriteACL = [];
    const d = diff((f) => (f.users[2].expiresAt = null), from);
    expect(d.added).toEqual([{ user: 'feed', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'cveCount', cause: 'expiry', factSheet: 'app-1' }]);
  });

  it('an access control entity added to a user passes the ACL: added, cause aces', () => {
    const d = diff((f) => (f.users[2].aces = ['SEC']));
    expect(d.added).toEqual([{ user: 'feed', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'cveCount', cause: 'aces', factSheet: 'app-1' }]);
  });

  it('a new RESPONSIBLE subscription gives the seal permission: added, cause subscription', () => {
    const from = base();
    from.users.push({ id: 'carol', kind: 'human', role: 'MEMBER' });
    from.factSheets[1].subscriptions = [];
    from.factSheetTypes[1].qualitySeal = { enabled: true };
    const d = diff((f) => f.factSheets[1].subscriptions.push({ user: 'carol', type: 'RESPONSIBLE' }), from);
    expect(d.added).toEqual([{ user: 'carol', resource: 'FACT_SHEET_BASE_FIELDS', action: 'UPDATE', type: 'ITComponent', qualifier: 'lxState', cause: 'subscription', factSheet: 'itc-1' }]);
    // no role or grant changed
    expect(d.rolesAdded).toEqual([]);
    // an OBSERVER subscription, or a VIEWER's, gives nothing
    expect(diff((f) => f.factSheets[1].subscriptions.push({ user: 'carol', type: 'OBSERVER' }), from).added).toEqual([]);
    expect(diff((f) => f.factSheets[1].subscriptions.push({ user: 'bob', type: 'RESPONSIBLE' }), from).added).toEqual([]);
  });

  it('a rule relaxed on a fact sheet: the users whose grants hold it gain it, cause rules or sheet', () => {
    // the emptying rule: description is mandatory on the approved app-1
    const from = base();
    from.factSheets[0].permittedWriteACL = [];
    const rules = diff((f) => (f.factSheetTypes[0].mandatory.fields = []), from);
    expect(bySheet(rules.added, 'alice', 'app-1')).toEqual([{ user: 'alice', resource: 'FACT_SHEET_BASE_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'description', cause: 'rules', factSheet: 'app-1' }]);
    // a broken seal lifts the emptying rule, unless lockMandatoryWhenBroken (as in this file)
    expect(bySheet(diff((f) => (f.factSheets[0].lxState = 'BROKEN_QUALITY_SEAL'), from).added, 'alice', 'app-1')).toEqual([]);
    from.settings.lockMandatoryWhenBroken = false;
    const sheet = diff((f) => (f.factSheets[0].lxState = 'BROKEN_QUALITY_SEAL'), from);
    expect(bySheet(sheet.added, 'alice', 'app-1').map((c) => [c.qualifier, c.cause])).toContainEqual(['description', 'sheet']);
    const settings = diff((f) => (f.settings.lockMandatoryWhenBroken = true), sheetBroken(from));
    expect(bySheet(settings.removed, 'alice', 'app-1').map((c) => [c.qualifier, c.cause])).toContainEqual(['description', 'settings']);
  });

  it('grants name their cause: grant, role, user or type', () => {
    const from = base();
    const grant = diff((f) => f.roles[0].permissions.push('FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'), from);
    expect(grant.added).toEqual([{ user: 'feed', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'lifecycle', cause: 'grant' }]);
    const role = diff((f) => (f.users[1].role = 'MEMBER'), from);
    expect(new Set(role.added.map((c) => c.cause))).toEqual(new Set(['role']));
    const user = diff((f) => f.users.push({ id: 'dave', kind: 'human', role: 'VIEWER' }), from);
    expect(new Set(user.added.map((c) => `${c.user}:${c.cause}`))).toEqual(new Set(['dave:user']));
    const type = diff((f) => f.factSheetTypes[1].fields.push('owner'), from);
    expect(type.added.filter((c) => c.qualifier === 'owner').map((c) => c.cause)).toEqual(type.added.filter((c) => c.qualifier === 'owner').map(() => 'type'));
    expect(type.added.some((c) => c.qualifier === 'owner')).toBe(true);
  });

  it('what diff A B adds, diff B A removes, with the same cause', () => {
    const a = base();
    const b = structuredClone(a);
    b.factSheets[0].permittedWriteACL = [];
    b.users[2].aces = ['OPS'];
    b.factSheets[1].subscriptions = [{ user: 'feed', type: 'OBSERVER' }];
    const ab = diffPolicies(policyOf(a), policyOf(b));
    const ba = diffPolicies(policyOf(b), policyOf(a));
    expect(ab.added.length).toBeGreaterThan(0);
    expect(ba.removed).toEqual(ab.added);
    expect(ba.added).toEqual(ab.removed);
  });
});

describe('scenario changes are symmetric', () => {
  it('a scenario of the same name runs each file its own definition, in both directions', () => {
    const a = base();
    a.factSheets[0].permittedWriteACL = [];
    const b = structuredClone(a);
    // the same name, another question: b's scenario reads instead of writing
    b.scenarios[0] = { name: a.scenarios[0].name, actor: 'bob', operation: { op: 'read', factSheet: 'app-1' } };
    b.scenarios.push({ name: 'only in b', actor: 'bob', operation: { op: 'archive', factSheet: 'app-1' } });
    const ab = diffPolicies(policyOf(a), policyOf(b));
    const ba = diffPolicies(policyOf(b), policyOf(a));
    expect(ab.scenarioChanges.map((s) => s.name).sort()).toEqual(ba.scenarioChanges.map((s) => s.name).sort());
    const [x] = ab.scenarioChanges.filter((s) => s.name === a.scenarios[0].name);
    const [y] = ba.scenarioChanges.filter((s) => s.name === a.scenarios[0].name);
    // OLD's definition on OLD (the feed's write) and NEW's on NEW (bob's read)
    expect(x!.old).toMatchObject({ allowed: true, events: ['FACT_SHEET_UPDATED'] });
    expect(x!.new).toMatchObject({ allowed: true, events: [] });
    expect([y!.new, y!.old]).toEqual([x!.old, x!.new]);
    // a scenario of one file runs on both: here its outcome is the same, so it is not listed
    expect(ab.scenarioChanges.map((s) => s.name)).not.toContain('only in b');
  });
});

describe('the decision diff answers as the decision core', () => {
  it('for every user, fact sheet and question of the example files', () => {
    for (const file of [example('leanix'), leanixFileV2(), base()]) {
      const policy = policyOf(file) as LeanixPolicy;
      const ws = compileLeanix(policy);
      const at = Date.parse(policy.asOf);
      let checked = 0;
      for (const user of policy.users) {
        for (const sheet of policy.factSheets) {
          for (const [id, d] of decisionsOfUser(ws, user.id, sheet.id)) {
            const operation = d.kind === 'read' || d.kind === 'archive' ? { op: d.kind, factSheet: sheet.id } : { op: 'update' as const, factSheet: sheet.id, patches: [d.patch!] };
            const engine = evaluateLeanix(ws, user.id, operation as never, at).allowed;
            if (engine !== d.allowed) expect({ user: user.id, sheet: sheet.id, id, allowed: d.allowed }).toEqual({ user: user.id, sheet: sheet.id, id, allowed: engine });
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  });
});

describe('long chains and wide changes', () => {
  it('a grant at the top of a cloneFrom chain of 6,000 roles reaches every role of the chain', () => {
    const file = base();
    file.roles = Array.from({ length: 6_000 }, (_, i) => ({ name: `R${i}`, ...(i ? { cloneFrom: `R${i - 1}` } : {}), permissions: [] }));
    file.users[2].customerRoles = ['R5999'];
    const d = diff((f) => f.roles[0].permissions.push('FACT_SHEET:READ:Application'), file);
    expect(d.rolesAdded).toHaveLength(6_000);
    expect(d.rolesAdded[5_999]).toEqual({ role: 'R5999', resource: 'FACT_SHEET', action: 'READ', type: 'Application', qualifier: '*' });
    expect(d.added).toEqual([{ user: 'feed', resource: 'FACT_SHEET', action: 'READ', type: 'Application', qualifier: '*', cause: 'grant' }]);
  });
});
