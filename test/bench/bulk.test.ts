// The counting bulk path (src/engine/leanix/bulk.ts) must give, on every fact sheet,
// the outcome evaluateLeanix gives for the same update: allowed, seal broken, states
// before and after, who is notified. Checked over many actors, updates, seal settings,
// states, clocks, ACLs and subscriptions.
import { describe, expect, it } from 'vitest';
import { evaluateUpdateBulk } from '../../src/engine/leanix/bulk';
import { SHEET_ALLOWED, SHEET_BROKEN, judge, notifiedOn, planUpdate, stateAfter, stateBefore } from '../../src/engine/leanix/decide';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import type { FactSheet, FactSheetType, LeanixPolicy, LeanixUser, Patch, Subscription } from '../../src/model/schema';
import { DAY_MS, FORMAT } from '../../src/model/vocabulary';
import type { LxState } from '../../src/model/vocabulary';
import { validatePolicy } from '../../src/policy/validate';
import { rng } from '../../bench/prng';
import { generateBulk } from '../../bench/bulk-workload';

const AT = Date.parse('2026-11-24T00:00:00Z');

const seal = (enabled: boolean, draft: boolean, rejected: boolean, renewalDays: number | null, tagsBreakSeal: boolean, exempt: string[] = [], exemptRelations: string[] = []) => ({
  enabled,
  draft,
  rejected,
  renewal: renewalDays === null ? null : { value: renewalDays, unit: 'DAYS' as const },
  tagsBreakSeal,
  ignoreUpdatesForFields: exempt,
  ignoreUpdatesForRelations: exemptRelations,
});
const mandatory = (fields: string[], relations: string[] = [], subscriptions: FactSheetType['mandatory']['subscriptions'] = []) => ({ fields, relations, subscriptions });

const TYPES: FactSheetType[] = [
  { name: 'Application', fields: ['lifecycle', 'criticality', 'vulnCount'], mandatory: mandatory(['description', 'lifecycle']), relations: ['relAppToIT'], qualitySeal: seal(true, true, true, 180, false, ['vulnCount']) },
  { name: 'ITComponent', fields: ['lifecycle', 'cost'], mandatory: mandatory(['name', 'cost'], ['relITToApp']), relations: ['relITToApp'], qualitySeal: seal(true, false, false, null, true) },
  { name: 'Project', fields: ['budget', 'lifecycle'], mandatory: mandatory(['budget']), relations: [], qualitySeal: seal(false, false, false, null, false) },
  {
    name: 'Interface',
    fields: ['protocol', 'lifecycle'],
    mandatory: mandatory([], ['relIfToApp'], [{ type: 'RESPONSIBLE', role: 'Interface Owner' }]),
    relations: ['relIfToApp'],
    qualitySeal: seal(true, false, true, 30, true, [], ['relIfToApp']),
  },
];

const ROLES = [
  { name: 'VULN_SYNC', permissions: ['FACT_SHEET_FIELDS:READ,UPDATE:Application:vulnCount'] },
  { name: 'SEALER', permissions: ['FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState', 'FACT_SHEET_FIELDS:UPDATE:*:*'] },
  { name: 'SECTIONS', permissions: ['FACT_SHEET_TAGS:CREATE,DELETE:*:*', 'FACT_SHEET_SUBSCRIPTIONS:CREATE:*:*', 'FACT_SHEET_DOCUMENTS:DELETE:*:*', 'FACT_SHEET_RELATIONS:CREATE:*:*'] },
  { name: 'EDITOR', cloneFrom: 'MEMBER', permissions: ['FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'] },
  { name: 'FIELDS', permissions: ['FACT_SHEET_FIELDS:UPDATE:*:lifecycle', 'FACT_SHEET_BASE_FIELDS:UPDATE:*:*', 'FACT_SHEET_COMMENTS:UPDATE:*:*'] },
];

const user = (id: string, kind: 'human' | 'technical', role: 'ADMIN' | 'MEMBER' | 'VIEWER', customerRoles: string[] = [], aces: string[] = [], expiresAt: string | null = null): LeanixUser => ({
  id,
  kind,
  role,
  customerRoles,
  aces,
  expiresAt,
});

const USERS: LeanixUser[] = [
  user('admin', 'human', 'ADMIN'),
  user('member', 'human', 'MEMBER', [], ['SECURITY']),
  user('viewer', 'human', 'VIEWER'),
  user('vuln-sync', 'technical', 'MEMBER', ['VULN_SYNC'], ['SECURITY'], '2027-01-01T00:00:00Z'),
  user('expired-sync', 'technical', 'MEMBER', ['VULN_SYNC'], [], '2026-11-24T00:00:00Z'),
  user('sealer', 'human', 'VIEWER', ['SEALER'], ['FINANCE']),
  user('sections', 'human', 'MEMBER', ['SECTIONS', 'FIELDS']),
  user('editor', 'human', 'MEMBER', ['EDITOR'], ['SECURITY', 'FINANCE']),
  user('viewer-fields', 'human', 'VIEWER', ['FIELDS']),
];

function sheets(seed: number, count: number): FactSheet[] {
  const r = rng(seed);
  const out: FactSheet[] = [];
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length]!;
    const s = type.qualitySeal;
    const states: LxState[] = ['APPROVED', 'BROKEN_QUALITY_SEAL', ...(s.draft ? ['DRAFT' as const] : []), ...(s.rejected ? ['REJECTED' as const] : [])];
    const lxState = r.pick(states);
    const needsApproval = lxState === 'APPROVED' && s.renewal !== null;
    const approvedAt = needsApproval || r.chance(0.3) ? new Date(AT - r.int(400) * DAY_MS - r.int(2) * 3_600_000).toISOString() : null;
    const subscriptions: Subscription[] = [];
    for (let k = r.int(4); k > 0; k--) {
      const type = r.pick(['RESPONSIBLE', 'ACCOUNTABLE', 'OBSERVER'] as const);
      if (type === 'ACCOUNTABLE' && subscriptions.some((x) => x.type === 'ACCOUNTABLE')) continue;
      const user = r.pick(USERS).id;
      if (subscriptions.some((x) => x.user === user)) continue; // one subscription per user per fact sheet
      subscriptions.push({ user, type, roles: type === 'RESPONSIBLE' && r.chance(0.5) ? ['Interface Owner'] : [] });
    }
    const values: Record<string, string | number | null | string[]> = {};
    for (const field of ['description', ...type.fields]) {
      const x = r.next();
      if (x < 0.6) values[field] = `${field}-${i}`;
      else if (x < 0.7) values[field] = '';
      else if (x < 0.8) values[field] = null;
      else if (x < 0.85) values[field] = [];
    }
    out.push({
      id: `fs-${i}`,
      type: type.name,
      name: r.chance(0.05) ? '' : `Sheet ${i}`,
      lxState,
      approvedAt,
      subscriptions,
      permittedReadACL: [],
      permittedWriteACL: r.chance(0.7) ? [] : r.chance(0.5) ? ['SECURITY'] : ['FINANCE', 'EMEA'],
      values,
      relations: Object.fromEntries(type.relations.map((rel) => [rel, r.chance(0.4) ? [] : r.chance(0.5) ? ['a'] : ['a', 'b']])),
      naFields: type.relations.filter(() => r.chance(0.15)),
    });
  }
  // The renewal clock's edge: approved exactly renewalDays before `at` has expired, a
  // millisecond later has not.
  for (const [type, days] of [['Application', 180], ['Interface', 30]] as const) {
    for (const [k, approvedAt] of [AT - days * DAY_MS, AT - days * DAY_MS + 1, AT + (200 - days) * DAY_MS].entries()) {
      out.push({
        id: `edge-${type}-${k}`,
        type,
        name: `Edge ${type} ${k}`,
        lxState: 'APPROVED',
        approvedAt: new Date(approvedAt).toISOString(),
        subscriptions: [
          { user: 'member', type: 'RESPONSIBLE', roles: [] },
          { user: 'viewer', type: 'ACCOUNTABLE', roles: [] },
        ],
        permittedReadACL: [],
        permittedWriteACL: [],
        values: { description: 'd', lifecycle: 'l' },
        relations: {},
        naFields: [],
      });
    }
  }
  return out;
}

/** Updates that fit each type: attributes, mandatory fields, the seal, sections, relations. */
function updates(type: FactSheetType): Patch[][] {
  const field = type.fields[0]!;
  const mandatoryField = type.mandatory.fields.find((m) => m !== 'name' && m !== 'description') ?? type.fields[1]!;
  const relation = type.relations[0];
  const list: Patch[][] = [
    [{ op: 'replace', path: `/${field}`, value: 'x' }],
    [{ op: 'replace', path: '/vulnCount', value: 3 }].filter(() => type.fields.includes('vulnCount')) as Patch[],
    [{ op: 'replace', path: `/${mandatoryField}`, value: '' }],
    [{ op: 'remove', path: '/description' }],
    [{ op: 'replace', path: '/name', value: 'Renamed' }],
    [{ op: 'replace', path: '/lxState', value: 'APPROVED' }],
    [{ op: 'replace', path: `/${mandatoryField}`, value: 'filled' }, { op: 'replace', path: '/description', value: 'd' }, { op: 'replace', path: '/lxState', value: 'APPROVED' }],
    [{ op: 'remove', path: `/${mandatoryField}` }, { op: 'replace', path: '/lxState', value: 'APPROVED' }],
    [{ op: 'replace', path: '/lxState', value: 'BROKEN_QUALITY_SEAL' }],
    [{ op: 'replace', path: '/lxState', value: 'DRAFT' }],
    [{ op: 'replace', path: '/lxState', value: 'REJECTED' }],
    [{ op: 'remove', path: '/lxState' }],
    [{ op: 'add', path: '/tags', value: ['pci'] }],
    [{ op: 'remove', path: '/tags/0' }],
    [{ op: 'add', path: '/subscriptions', value: [] }],
    [{ op: 'remove', path: '/documents/0' }],
    [{ op: 'replace', path: '/comments/0', value: 'c' }],
    [{ op: 'add', path: `/${field}/0`, value: '' }],
    [{ op: 'replace', path: '/lifecycle', value: 'active' }, { op: 'add', path: '/subscriptions', value: [] }],
  ];
  if (relation) {
    list.push(
      [{ op: 'add', path: `/${relation}`, value: ['x'] }],
      [{ op: 'remove', path: `/${relation}/a` }],
      [{ op: 'remove', path: `/${relation}` }],
      [{ op: 'replace', path: `/${relation}`, value: null }, { op: 'add', path: `/${relation}`, value: 'y' }],
      [{ op: 'remove', path: `/${relation}` }, { op: 'replace', path: '/lxState', value: 'APPROVED' }],
    );
  }
  list.push(
    [{ op: 'remove', path: '/subscriptions/member' }],
    [{ op: 'add', path: '/subscriptions', value: { user: 'member', type: 'OBSERVER' } }],
    [{ op: 'add', path: '/subscriptions', value: { user: 'sections', type: 'RESPONSIBLE', roles: ['Interface Owner'] } }, { op: 'replace', path: '/lxState', value: 'APPROVED' }],
  );
  return list.filter((patches) => patches.length > 0);
}

function policyWith(factSheets: FactSheet[], settings = { notifyActor: false, lockMandatoryWhenBroken: false }): LeanixPolicy {
  return {
    format: FORMAT,
    version: 2,
    name: 'bulk agreement',
    asOf: new Date(AT).toISOString(),
    platform: 'leanix',
    settings,
    subscriptionRoles: [{ name: 'Interface Owner', type: 'RESPONSIBLE', factSheetTypes: [] }],
    factSheetTypes: TYPES,
    roles: ROLES,
    users: USERS,
    factSheets,
    scenarios: [],
  };
}

describe('bulk impact agrees with evaluateLeanix', () => {
  const all = sheets(7, 240);
  const policy = policyWith(all);
  const plain = compileLeanix(policy);
  const ws = plain;
  const locked = compileLeanix(policyWith(all, { notifyActor: true, lockMandatoryWhenBroken: true }));

  it('uses a valid policy file', () => {
    const result = validatePolicy(policy);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  for (const [at, ws] of [[AT, plain], [AT + 200 * DAY_MS, plain], [AT, locked]] as const) {
    it(`on every fact sheet, for every actor and update (at ${new Date(at).toISOString().slice(0, 10)}${ws === locked ? ', notifyActor and lockMandatoryWhenBroken' : ''})`, () => {
      let compared = 0;
      const seen = new Set<string>();
      for (const type of TYPES) {
        const ofType = all.filter((s) => s.type === type.name);
        for (const patches of updates(type)) {
          for (const actor of USERS) {
            const plan = planUpdate(ws, ws.users.get(actor.id)!, patches, ws.types.get(type.name)!, at);
            let allowed = 0;
            let broken = 0;
            let notifications = 0;
            for (const sheet of ofType) {
              const full = evaluateLeanix(ws, actor.id, { op: 'update', factSheet: sheet.id, patches }, at);
              const code = judge(plan, sheet);
              const fast = {
                allowed: (code & SHEET_ALLOWED) !== 0,
                sealBroken: (code & SHEET_BROKEN) !== 0,
                lxStateBefore: stateBefore(code),
                lxStateAfter: stateAfter(code),
                notified: (code & SHEET_BROKEN) !== 0 ? notifiedOn(sheet, actor.id, ws.settings.notifyActor).sort() : [],
              };
              // the per-patch trace agrees with the whole: allowed exactly when no path is denied
              expect(full.allowed, JSON.stringify({ actor: actor.id, sheet: sheet.id, patches })).toBe(full.deniedPaths.length === 0);
              const expected = {
                allowed: full.allowed,
                sealBroken: full.sealBroken,
                lxStateBefore: full.lxStateBefore,
                lxStateAfter: full.lxStateAfter,
                notified: [...full.notified].sort(),
              };
              if (JSON.stringify(fast) !== JSON.stringify(expected)) {
                expect({ actor: actor.id, sheet, patches, at, fast }).toEqual({ actor: actor.id, sheet, patches, at, fast: expected });
              }
              seen.add(`${full.allowed}/${full.sealBroken}/${full.lxStateBefore}->${full.lxStateAfter}`);
              if (full.allowed) allowed++;
              if (full.sealBroken) broken++;
              notifications += full.notified.length;
              compared++;
            }
            const bulk = evaluateUpdateBulk(ws, actor.id, patches, ofType, at);
            expect([bulk.allowed, bulk.denied, bulk.sealsBroken, bulk.notifications]).toEqual([allowed, ofType.length - allowed, broken, notifications]);
            expect(bulk.affected.length).toBe(allowed);
            expect(bulk.broken.length).toBe(broken);
          }
        }
      }
      expect(compared).toBeGreaterThan(40_000);
      // The cases cover denials, kept and broken seals, approvals and clock expiries.
      expect(seen).toContain('false/false/APPROVED->APPROVED');
      expect(seen).toContain('true/true/APPROVED->BROKEN_QUALITY_SEAL');
      expect(seen).toContain('true/false/APPROVED->APPROVED');
      expect(seen).toContain('true/false/BROKEN_QUALITY_SEAL->APPROVED');
      expect(seen).toContain('true/false/DRAFT->DRAFT');
    });
  }

  it('over mixed types in one call, and on the bench workload', () => {
    const patches: Patch[] = [{ op: 'replace', path: '/lifecycle', value: 'active' }];
    for (const actor of USERS) {
      const bulk = evaluateUpdateBulk(ws, actor.id, patches, all, AT);
      const each = all.map((s) => evaluateLeanix(ws, actor.id, { op: 'update', factSheet: s.id, patches }, AT));
      expect(bulk.affected).toEqual(all.filter((_, i) => each[i]!.allowed).map((s) => s.id));
      expect(bulk.broken).toEqual(all.filter((_, i) => each[i]!.sealBroken).map((s) => s.id));
    }
    const workload = generateBulk(3_000);
    const bws = compileLeanix(workload.policy);
    const bulk = evaluateUpdateBulk(bws, workload.actorId, workload.patches, workload.sheets, workload.at);
    const each = workload.sheets.map((s) => evaluateLeanix(bws, workload.actorId, { op: 'update', factSheet: s.id, patches: [...workload.patches] }, workload.at));
    expect(bulk.affected).toEqual(workload.sheets.filter((_, i) => each[i]!.allowed).map((s) => s.id));
    expect(bulk.broken).toEqual(workload.sheets.filter((_, i) => each[i]!.sealBroken).map((s) => s.id));
    expect(bulk.notifications).toBe(each.reduce((n, o) => n + o.notified.length, 0));
  });
});
