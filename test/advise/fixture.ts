// A small version 2 workspace for the advisor's rules: a feed writing `cveCount` on
// Applications, people with and without the seal permission, and one fact sheet the
// renewal clock has already broken.
import { validatePolicy } from '../../src/policy/validate';
import type { LeanixPolicy } from '../../src/model/schema';

export const FEED_ROLE = ['FACT_SHEET:READ:Application:*', 'FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount'];

export function rawWorkspace(): Record<string, any> {
  return {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'leanix',
    name: 'advisor rules',
    asOf: '2026-12-01T00:00:00Z',
    factSheetTypes: [
      {
        name: 'Application',
        fields: ['lifecycle', 'cveCount', 'note'],
        relations: ['relToITC'],
        qualitySeal: { enabled: true, renewal: { value: 90, unit: 'DAYS' } },
      },
      { name: 'ITComponent', fields: ['cost'], qualitySeal: { enabled: true } },
    ],
    roles: [
      { name: 'FEED', permissions: [...FEED_ROLE] },
      { name: 'SEALER', permissions: ['FACT_SHEET:READ:Application:*', 'FACT_SHEET_FIELDS:READ,UPDATE:Application:*', 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'] },
    ],
    users: [
      { id: 'feed', kind: 'technical', role: 'MEMBER', customerRoles: ['FEED'], email: 'feed@acme.example' },
      { id: 'mia', kind: 'human', role: 'MEMBER', displayName: 'Mia, a member who owns nothing' },
      { id: 'owner', kind: 'human', role: 'MEMBER' },
      { id: 'sealer', kind: 'human', role: 'MEMBER', customerRoles: ['SEALER'] },
      { id: 'viewer', kind: 'human', role: 'VIEWER' },
      { id: 'boss', kind: 'human', role: 'ADMIN' },
    ],
    factSheets: [
      { id: 'app-a', type: 'Application', name: 'A', lxState: 'APPROVED', approvedAt: '2026-11-01T00:00:00Z', subscriptions: [{ user: 'owner', type: 'RESPONSIBLE' }] },
      { id: 'app-b', type: 'Application', name: 'B', lxState: 'APPROVED', approvedAt: '2026-11-01T00:00:00Z', subscriptions: [{ user: 'mia', type: 'OBSERVER' }] },
      // approved, but the 90-day clock has run out by asOf: its seal counts as broken
      { id: 'app-old', type: 'Application', name: 'Old', lxState: 'APPROVED', approvedAt: '2026-01-01T00:00:00Z', subscriptions: [{ user: 'owner', type: 'ACCOUNTABLE' }] },
      { id: 'app-broken', type: 'Application', name: 'Broken', lxState: 'BROKEN_QUALITY_SEAL', approvedAt: '2026-11-01T00:00:00Z' },
      { id: 'itc-1', type: 'ITComponent', name: 'DB', lxState: 'APPROVED', approvedAt: '2026-11-01T00:00:00Z' },
    ],
    scenarios: [],
  };
}

export function parse(raw: unknown): LeanixPolicy {
  const r = validatePolicy(JSON.parse(JSON.stringify(raw)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.policy as LeanixPolicy;
}

export function workspace(edit: (raw: Record<string, any>) => void = () => {}): LeanixPolicy {
  const raw = rawWorkspace();
  edit(raw);
  return parse(raw);
}

/** The same workspace as a version 1 file (renewalDays, mandatory lists, no email). */
export function rawWorkspaceV1(): Record<string, any> {
  const raw = rawWorkspace();
  raw.version = 1;
  raw.factSheetTypes[0].qualitySeal = { enabled: true, renewalDays: 90 };
  raw.factSheetTypes[0].mandatory = ['description'];
  for (const u of raw.users) {
    delete u.email;
    delete u.displayName;
  }
  for (const f of raw.factSheets) if (f.id !== 'itc-1') f.values = { description: 'd' };
  return raw;
}
