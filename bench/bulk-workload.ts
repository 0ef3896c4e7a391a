// The bulk-impact workload: one update (a technical MEMBER user with a narrow customer
// role patches one attribute) over N generated fact sheets of one type. Fact sheets are
// generated cheaply: subscriptions, ACLs and value objects come from small shared pools
// (they are never mutated), so N = 1,000,000 costs little more than N ids.
import type { FactSheet, LeanixPolicy, LeanixUser, Patch, Subscription } from '../src/model/schema';
import { DAY_MS, FORMAT } from '../src/model/vocabulary';
import { rng } from './prng';
import type { Rng } from './prng';
import { generateTypes } from './workload';

export const BULK_AT = Date.parse('2026-11-24T00:00:00Z');
export const BULK_ACTOR = 'vuln-sync';
export const BULK_TYPE = 'Application';
export const BULK_PATCHES: readonly Patch[] = [{ op: 'replace', path: '/securityVulnerabilityCount', value: 3 }];

export interface BulkWorkload {
  readonly policy: LeanixPolicy;
  /** Every fact sheet of BULK_TYPE, in file order (the index a caller would keep by type). */
  readonly sheets: readonly FactSheet[];
  readonly actorId: string;
  readonly patches: readonly Patch[];
  readonly at: number;
}

const OWNERS = 40;

/** Users: the actor, owners who subscribe, a few others. */
export function bulkUsers(): LeanixUser[] {
  const users: LeanixUser[] = [
    { id: BULK_ACTOR, kind: 'technical', role: 'MEMBER', customerRoles: ['VULN_SYNC'], aces: ['SECURITY'], expiresAt: '2027-06-30T00:00:00Z' },
    { id: 'admin', kind: 'human', role: 'ADMIN', customerRoles: [], aces: [], expiresAt: null },
    { id: 'viewer', kind: 'human', role: 'VIEWER', customerRoles: [], aces: [], expiresAt: null },
  ];
  for (let i = 0; i < OWNERS; i++) {
    users.push({ id: `owner-${String(i).padStart(2, '0')}`, kind: 'human', role: i % 7 === 6 ? 'VIEWER' : 'MEMBER', customerRoles: [], aces: [], expiresAt: null });
  }
  return users;
}

function subscriptionPool(r: Rng): Subscription[][] {
  const types = ['RESPONSIBLE', 'ACCOUNTABLE', 'OBSERVER'] as const;
  const pool: Subscription[][] = [[]];
  for (let i = 1; i < 64; i++) {
    const subs: Subscription[] = [];
    const n = 1 + r.int(3);
    for (let k = 0; k < n; k++) {
      // At most one ACCOUNTABLE subscriber per fact sheet; the same owner may subscribe twice.
      const type = r.pick(subs.some((s) => s.type === 'ACCOUNTABLE') ? types.filter((t) => t !== 'ACCOUNTABLE') : types);
      subs.push({ user: `owner-${String(r.int(OWNERS)).padStart(2, '0')}`, type, roles: [] });
    }
    // One in eight: the actor is a responsible subscriber and so holds the seal permission.
    if (i % 8 === 0) subs.push({ user: BULK_ACTOR, type: 'RESPONSIBLE', roles: [] });
    pool.push(subs);
  }
  return pool;
}

export function generateBulk(n: number, seed = 0xb0b): BulkWorkload {
  const r = rng(seed);
  const factSheetTypes = generateTypes(rng(seed + 1), 20, 30, 4);
  const subs = subscriptionPool(r);
  const acls: string[][] = [[], ['SECURITY'], ['FINANCE']];
  const values: Record<string, unknown>[] = Array.from({ length: 8 }, (_, i) => ({
    description: i === 7 ? '' : `Generated application ${i}`,
    ...(i % 4 === 3 ? {} : { lifecycle: ['plan', 'active', 'phaseOut'][i % 3] }),
    securityVulnerabilityCount: i,
  }));
  // Approvals from 0 to 400 days before `at`: those older than the type's 180 days have expired.
  const approvals = Array.from({ length: 16 }, (_, i) => new Date(BULK_AT - (i * 25 + 3) * DAY_MS).toISOString().replace('.000Z', 'Z'));
  const sheets: FactSheet[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = r.next();
    const lxState = x < 0.55 ? 'APPROVED' : x < 0.75 ? 'BROKEN_QUALITY_SEAL' : x < 0.9 ? 'DRAFT' : 'REJECTED';
    const a = r.next();
    const id = `fs-${i}`;
    sheets[i] = {
      id,
      type: BULK_TYPE,
      name: id,
      lxState,
      approvedAt: lxState === 'APPROVED' || a < 0.2 ? approvals[r.int(approvals.length)]! : null,
      subscriptions: subs[r.int(subs.length)]!,
      permittedReadACL: acls[0]!,
      permittedWriteACL: a < 0.85 ? acls[0]! : a < 0.95 ? acls[1]! : acls[2]!,
      values: values[r.int(values.length)] as FactSheet['values'],
      relations: {},
      naFields: [],
    };
  }
  const policy: LeanixPolicy = {
    format: FORMAT,
    version: 2,
    settings: { notifyActor: false, lockMandatoryWhenBroken: false },
    subscriptionRoles: [],
    name: `bulk impact, ${n} fact sheets`,
    asOf: new Date(BULK_AT).toISOString(),
    platform: 'leanix',
    factSheetTypes,
    roles: [{ name: 'VULN_SYNC', permissions: [`FACT_SHEET_FIELDS:READ,UPDATE:${BULK_TYPE}:securityVulnerabilityCount`] }],
    users: bulkUsers(),
    factSheets: sheets,
    scenarios: [],
  };
  return { policy, sheets, actorId: BULK_ACTOR, patches: BULK_PATCHES, at: BULK_AT };
}

/**
 * A realistic file of N fact sheets of BULK_TYPE: every fact sheet has its own
 * subscriptions (0–3 of 400 owners, the actor on about one in eight), its own read and
 * write ACLs (empty or 1–2 of 8 entities), its own values (description, lifecycle,
 * vulnerability count, a few attributes) and relations, as a pull writes them. The
 * users hold the ACL entities the way teams do. For the product's parse path, give
 * `JSON.stringify(policy)` to `loadPolicyText`.
 */
export function generateRealisticBulk(n: number, seed = 0xfeed): BulkWorkload {
  const r = rng(seed);
  const factSheetTypes = generateTypes(rng(seed + 1), 20, 30, 4);
  const type = factSheetTypes.find((t) => t.name === BULK_TYPE)!;
  const owners = 400;
  const entities = ['SECURITY', 'FINANCE', 'HR', 'SALES', 'OPS', 'LEGAL', 'RND', 'EXEC'];
  const users: LeanixUser[] = bulkUsers().slice(0, 3);
  for (let i = 0; i < owners; i++) {
    users.push({
      id: `owner-${String(i).padStart(3, '0')}`,
      kind: 'human',
      role: i % 7 === 6 ? 'VIEWER' : 'MEMBER',
      customerRoles: [],
      aces: r.chance(0.4) ? [entities[i % entities.length]!] : [],
      expiresAt: null,
    });
  }
  const subTypes = ['RESPONSIBLE', 'ACCOUNTABLE', 'OBSERVER'] as const;
  const acl = (p: number): string[] => {
    if (!r.chance(p)) return [];
    const a = r.pick(entities);
    return r.chance(0.3) ? [a, r.pick(entities.filter((e) => e !== a))] : [a];
  };
  const approvals = (i: number) => new Date(BULK_AT - (3 + ((i * 7919) % 400)) * DAY_MS).toISOString().replace('.000Z', 'Z');
  const relation = type.relations[0];
  const sheets: FactSheet[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = r.next();
    const lxState = x < 0.55 ? 'APPROVED' : x < 0.75 ? 'BROKEN_QUALITY_SEAL' : x < 0.9 ? 'DRAFT' : 'REJECTED';
    const subscriptions: Subscription[] = [];
    const count = r.int(4);
    for (let k = 0; k < count; k++) {
      const t = r.pick(subscriptions.some((s) => s.type === 'ACCOUNTABLE') ? subTypes.filter((s) => s !== 'ACCOUNTABLE') : subTypes);
      const user = `owner-${String(r.int(owners)).padStart(3, '0')}`;
      if (!subscriptions.some((s) => s.user === user)) subscriptions.push({ user, type: t, roles: [] });
    }
    if (r.chance(0.125)) subscriptions.push({ user: BULK_ACTOR, type: 'RESPONSIBLE', roles: [] });
    const values: Record<string, unknown> = {
      description: r.chance(0.9) ? `Application ${i}: generated for the bench` : '',
      securityVulnerabilityCount: r.int(20),
    };
    if (r.chance(0.8)) values.lifecycle = r.pick(['plan', 'active', 'phaseOut', 'endOfLife']);
    for (const f of type.fields.slice(2, 6)) if (r.chance(0.5)) values[f] = `${f}-${r.int(1000)}`;
    const id = `fs-${i}`;
    sheets[i] = {
      id,
      type: BULK_TYPE,
      name: `Application ${i}`,
      lxState,
      approvedAt: lxState === 'APPROVED' || r.chance(0.2) ? approvals(i) : null,
      subscriptions,
      permittedReadACL: acl(0.05),
      permittedWriteACL: acl(0.15),
      values: values as FactSheet['values'],
      relations: relation && i > 0 && r.chance(0.3) ? { [relation]: [`fs-${r.int(i)}`] } : {},
      naFields: [],
    };
  }
  const policy: LeanixPolicy = {
    format: FORMAT,
    version: 2,
    settings: { notifyActor: false, lockMandatoryWhenBroken: false },
    subscriptionRoles: [],
    name: `realistic bulk impact, ${n} fact sheets`,
    asOf: new Date(BULK_AT).toISOString(),
    platform: 'leanix',
    factSheetTypes,
    roles: [{ name: 'VULN_SYNC', permissions: [`FACT_SHEET_FIELDS:READ,UPDATE:${BULK_TYPE}:securityVulnerabilityCount`] }],
    users,
    factSheets: sheets,
    scenarios: [],
  };
  return { policy, sheets, actorId: BULK_ACTOR, patches: BULK_PATCHES, at: BULK_AT };
}
