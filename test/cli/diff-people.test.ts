// `sealcheck diff` for people: only the changed keys of a scenario's outcome, summaries per
// role and per team, users whose roles change, seal changes grouped per user, causes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { causeText, changedKeys, printDiff } from '../../src/cli/diff';
import type { PolicyDiff } from '../../src/engine/diff';
import { loadPolicyText } from '../../src/policy/validate';
import type { Policy } from '../../src/model/schema';
import { LEANIX, QUALYTICS, mutated, sealcheck, write } from './helpers';

function load(text: string): Policy {
  const r = loadPolicyText(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.policy;
}

describe('LeanIX', () => {
  const wider = write('people-wider.json', mutated((p) => p.roles[0].permissions.push('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState')));

  it('a scenario shows only the keys that change', async () => {
    const r = await sealcheck(['diff', LEANIX, wider]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Scenarios whose outcome changes (1):');
    expect(r.stdout).toContain(
      '  feed with a narrow role breaks the seal: lxStateAfter "BROKEN_QUALITY_SEAL" → "APPROVED"; sealBroken true → false; notified ["owner"] → []; events ["FACT_SHEET_UPDATED","QUALITY_SEAL_BROKEN"] → ["FACT_SHEET_UPDATED"]',
    );
    expect(r.stdout).not.toContain('deniedPaths');
  });

  it('per role: what it gains and who holds it', async () => {
    const r = await sealcheck(['diff', LEANIX, wider]);
    expect(r.stdout).toContain('By role:\n  role CVE_FEED: +1 -0, held by cve-feed\n    + UPDATE FACT_SHEET_BASE_FIELDS Application.lxState');
    expect(r.stdout).toContain('Seal outcomes that change (1): what an edit by the user does to the approved seal\n  cve-feed: breaks → keeps on app-shop');
    expect(r.stdout).toMatch(/NEW grants 1 access OLD did not\n$/);
  });

  it('users whose standard role, customer roles, entities or expiry change', async () => {
    const changed = write('people-users.json', mutated((p) => {
      p.users[2].role = 'ADMIN';
      p.users[2].customerRoles = [];
      p.users[2].expiresAt = '2028-01-01T00:00:00Z';
      p.users.push({ id: 'newbie', kind: 'human', role: 'VIEWER' });
    }));
    const r = await sealcheck(['diff', LEANIX, changed]);
    expect(r.stdout).toContain('Users whose roles change:\n  cve-feed: MEMBER → ADMIN; customer roles -CVE_FEED; expiry 2027-06-30T00:00:00Z → 2028-01-01T00:00:00Z\n  newbie: new human user, VIEWER');
  });
});

describe('Qualytics', () => {
  it('per team: "team Quality: Author → Editor, N actions on 1 datastore gained", and users whose role or teams change', async () => {
    const editor = write('people-team.json', mutated((p) => {
      p.teams[0].permission = 'Editor';
      p.users[2].role = 'Manager';
    }, QUALYTICS));
    const r = await sealcheck(['diff', QUALYTICS, editor]);
    expect(r.code).toBe(1);
    const json = JSON.parse((await sealcheck(['diff', QUALYTICS, editor, '--json'])).stdout);
    const pairs = new Set(json.added.filter((c: { user: string; type: string }) => ['lead', 'sync'].includes(c.user) && c.type === 'orders').map((c: { action: string; type: string }) => `${c.action} ${c.type}`));
    expect(pairs.size).toBeGreaterThan(1);
    expect(r.stdout).toContain(`By team:\n  team Quality: Author → Editor, ${pairs.size} actions on 1 datastore gained`);
    expect(r.stdout).toContain('By role and team membership:\n  sync: Member → Manager');
  });
});

describe('causes', () => {
  it('are printed from text, an object with text, or a kind with details', () => {
    expect(causeText(undefined)).toBeNull();
    expect(causeText('a removed write ACL')).toBe('a removed write ACL');
    expect(causeText('acl')).toBe("the fact sheet's access control list changes");
    expect(causeText('expiry')).toBe("the technical user's expiry changes");
    expect(causeText({ kind: 'acl', text: 'the write ACL of app-shop is removed' })).toBe('the write ACL of app-shop is removed');
    expect(causeText({ kind: 'subscription', user: 'x', type: 'RESPONSIBLE' })).toBe('subscription: user x, type RESPONSIBLE');
    expect(causeText(['one', { text: 'two' }])).toBe('one; two');
    expect(causeText('evil\u001b[2Jcause')).toBe('evil\\u001b[2Jcause');
  });

  it('appear beside each change that has one', () => {
    const a = load(readFileSync(LEANIX, 'utf8'));
    const d = {
      added: [
        { user: 'editor', resource: 'FACT_SHEET', action: 'UPDATE', type: 'Application', qualifier: '*', cause: 'the write ACL of app-shop is removed' },
        { user: 'editor', resource: 'FACT_SHEET_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'cveCount', cause: 'acl', factSheet: 'app-shop' },
      ],
      removed: [],
      rolesAdded: [],
      rolesRemoved: [],
      scenarioChanges: [{ name: 's', old: { allowed: false }, new: { allowed: true }, cause: { kind: 'expiry', text: 'cve-feed no longer expires' } }],
      sealChanges: [{ user: 'cve-feed', factSheet: 'app-shop', old: 'breaks', new: 'keeps', cause: { kind: 'subscription', text: 'cve-feed is subscribed RESPONSIBLE' } }],
      sealChangesOmitted: 0,
    } as unknown as PolicyDiff;
    let out = '';
    printDiff({ out: (l) => void (out += `${l}\n`), err: () => undefined, color: false }, a, a, d);
    expect(out).toContain('    + UPDATE FACT_SHEET Application — the write ACL of app-shop is removed');
    expect(out).toContain("    + UPDATE FACT_SHEET_FIELDS Application.cveCount on app-shop — the fact sheet's access control list changes");
    expect(out).toContain('  s: allowed false → true — cve-feed no longer expires');
    expect(out).toContain('  cve-feed on app-shop: breaks → keeps — cve-feed is subscribed RESPONSIBLE');
  });

  it('the JSON keeps every key the comparison gives, the documented ones first', async () => {
    const r = await sealcheck(['diff', LEANIX, LEANIX, '--json']);
    expect(Object.keys(JSON.parse(r.stdout)).slice(0, 7)).toEqual(['added', 'removed', 'rolesAdded', 'rolesRemoved', 'scenarioChanges', 'sealChanges', 'sealChangesOmitted']);
  });

  it('changedKeys names a scenario that runs on one side only', () => {
    expect(changedKeys(null, { allowed: true })).toContain('cannot run on OLD');
    expect(changedKeys({ allowed: true }, null)).toContain('cannot run on NEW');
    expect(changedKeys({ allowed: true, status: 200 }, { allowed: false, status: 403 })).toBe('allowed true → false; status 200 → 403');
  });
});
