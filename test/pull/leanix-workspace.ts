// The LeanIX workspace the pull tests read from the fake server: four types (one with
// a renewal in milliseconds, one whose approval workflow is off but holds DRAFT fact
// sheets), subscription roles for types that --types may leave out, customer roles
// with string and object permissions (some naming what the model lacks), 146 users
// over two pages, 260 fact sheets over three pages. Written for these tests.
import type { LeanixWorkspace } from './fake-leanix';

export const API_TOKEN = 'lx-api-token-7Hq2ZpX9wLr4Nc8Tb5Vd';
export const WORKSPACE_ID = 'ws-0b7d2c1e';
const DAY = 86_400_000;

export const dataModel = {
  factSheets: {
    Application: {
      fields: {
        name: { type: 'STRING', mandatory: true },
        description: { type: 'STRING', mandatory: true },
        lxState: { type: 'STATE', mandatory: true },
        lifecycle: { type: 'LIFECYCLE', mandatory: true },
        securityVulnerabilityCount: { type: 'INTEGER' },
        businessCriticality: { type: 'SINGLE_SELECT', values: ['low', 'high'] },
      },
      relations: ['relApplicationToITComponent', 'relApplicationToBusinessCapability'],
      config: {
        qualitySeal: { enabled: true, value: 90, unit: 'DAYS', ignoreUpdatesForFields: ['securityVulnerabilityCount'], ignoreUpdatesForRelations: [] },
        approvalWorkflow: {
          enabled: true,
          approvalStrategy: 'MANUAL',
          rejectedState: false,
          mandatorySubscriptionTypes: ['RESPONSIBLE'],
          mandatoryBaseFields: ['description', 'lxState'],
        },
      },
      someKeyPullDoesNotKnow: { nested: true },
    },
    ITComponent: {
      fields: { vendorName: { type: 'STRING' } },
      relations: ['relITComponentToApplication'],
      config: { qualitySeal: { enabled: true, value: 43_200_000, unit: 'MILLISECONDS' } },
    },
    BusinessCapability: {
      fields: { maturity: { type: 'SINGLE_SELECT' } },
      relations: [],
      config: { qualitySeal: { enabled: false } },
    },
    Project: {
      fields: { budget: { type: 'DOUBLE' } },
      config: { qualitySeal: { enabled: true, value: 0, unit: 'DAYS' } },
    },
  },
  relations: {
    relApplicationToBusinessCapability: { from: 'Application', to: 'BusinessCapability', mandatory: true },
    relApplicationToITComponent: { from: 'Application', to: 'ITComponent', mandatory: false },
  },
};

export const authorization = [
  { name: 'ADMIN', permissions: ['*:*'] },
  { name: 'MEMBER', permissions: ['FACT_SHEET:*:*'] },
  { name: 'VIEWER', permissions: ['FACT_SHEET:READ:*'] },
  {
    name: 'VULN_SYNC',
    permissions: [
      'FACT_SHEET_FIELDS:READ,UPDATE:Application:securityVulnerabilityCount',
      { domain: 'FACT_SHEET', actions: ['READ'], instances: [{ values: ['Application'] }] },
      'FACT_SHEET:READ:Application,Initiative',
    ],
  },
  {
    name: 'SEAL_KEEPER',
    permissions: ['FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState', 'SAVED_SEARCHES:READ', 'FACT_SHEET_FIELDS:UPDATE:Project:budget', { domain: 'FACT_SHEET', actions: ['READ'], instances: [] }],
  },
];

export const subscriptionRoles = [
  { id: 'sr-1', name: 'Application Owner', subscriptionType: 'RESPONSIBLE', restrictToFactSheetTypes: ['Application'] },
  { id: 'sr-2', name: 'Business Owner', subscriptionType: 'ACCOUNTABLE', restrictToFactSheetTypes: null },
  { id: 'sr-3', name: 'Project Lead', subscriptionType: 'RESPONSIBLE', restrictToFactSheetTypes: ['Project'] },
  { id: 'sr-4', name: 'Tech Owner', subscriptionType: 'RESPONSIBLE', restrictToFactSheetTypes: ['ITComponent', 'Project'] },
];

function person(id: string, role: string, extra: Record<string, unknown> = {}, user: Record<string, unknown> = {}) {
  return {
    id: `perm-${id}`,
    user: { id: `u-${id}`, userName: id, email: `${id}@acme.example`, displayName: id.replace(/^./, (c) => c.toUpperCase()), technicalUser: false, ...user },
    workspaceId: WORKSPACE_ID,
    role,
    status: 'ACTIVE',
    customerRoles: null,
    accessControlEntities: null,
    ...extra,
  };
}

export const permissions = [
  person('alice', 'MEMBER', { accessControlEntities: 'FINANCE, HR ' }),
  person('bob', 'ADMIN'),
  person('erin', 'MEMBER'),
  person('vuln-sync', 'MEMBER', { customerRoles: 'VULN_SYNC, GHOST' }, { technicalUser: true, displayName: null }),
  person('carol', 'CONTACT'),
  person('dave', 'MEMBER', { status: 'ARCHIVED' }),
  ...Array.from({ length: 140 }, (_, i) => person(`viewer-${i}`, 'VIEWER', { futureField: i })),
];

export const technicalUsers = [{ id: 'u-vuln-sync', userName: 'vuln-sync', permissionRole: 'MEMBER', apiTokenData: { expiry: '2027-03-01T00:00:00Z' } }];

/** Approval times relative to now, so that the 90-day renewal has not run out when the tests run. */
const approvedAtMs = Date.now() - 10 * DAY;

export function factSheetNode(i: number): Record<string, unknown> {
  const base = { description: null, alias: null, release: null, externalId: null, naFields: [], permittedReadACL: [], permittedWriteACL: [], subscriptions: { edges: [] } };
  if (i < 120) {
    const node: Record<string, unknown> = {
      ...base,
      id: `app-${i}`,
      type: 'Application',
      name: `Application ${i}`,
      description: `Application number ${i}`,
      externalId: { externalId: `APP-${i}` },
      lxState: i % 10 === 9 ? 'BROKEN_QUALITY_SEAL' : 'APPROVED',
      lifecycle: { asString: 'active', phases: [{ phase: 'active', startDate: '2024-01-01' }] },
      securityVulnerabilityCount: i % 7,
      businessCriticality: i % 2 ? 'high' : null,
      relApplicationToBusinessCapability: { edges: [{ node: { factSheet: { id: `bc-${180 + (i % 50)}` } } }] },
      relApplicationToITComponent: { totalCount: 0, edges: [] },
      naFields: i === 1 ? ['relApplicationToITComponent', 'businessCriticality'] : [],
      permittedWriteACL: i === 2 ? [{ id: 'acl-1', name: 'FINANCE' }] : [],
      subscriptions: {
        edges: [
          { node: { type: 'RESPONSIBLE', user: { id: 'u-alice', email: 'alice@acme.example' }, roles: [{ name: 'Application Owner' }] } },
          ...(i === 1 ? [{ node: { type: 'OBSERVER', user: { id: 'u-ghost', email: 'ghost@acme.example' }, roles: [] } }] : []),
          ...(i === 3 ? [{ node: { type: 'ACCOUNTABLE', user: { id: 'u-bob' }, roles: [{ name: 'Business Owner' }, { name: 'Project Lead' }] } }] : []),
        ],
      },
      unknownNodeKey: 'ignored',
    };
    return node;
  }
  if (i < 180) {
    return {
      ...base,
      id: `itc-${i}`,
      type: 'ITComponent',
      name: `Component ${i}`,
      lxState: i % 2 ? 'APPROVED' : 'BROKEN_QUALITY_SEAL',
      vendorName: `Vendor ${i % 5}`,
      relITComponentToApplication: { edges: [{ node: { factSheet: { id: `app-${i - 120}` } } }] },
      subscriptions: { edges: [{ node: { type: 'RESPONSIBLE', user: { id: 'u-erin' }, roles: [{ name: 'Tech Owner' }] } }] },
    };
  }
  if (i < 230) return { ...base, id: `bc-${i}`, type: 'BusinessCapability', name: `Capability ${i}`, lxState: 'BROKEN_QUALITY_SEAL', maturity: 'defined' };
  return { ...base, id: `proj-${i}`, type: 'Project', name: `Project ${i}`, lxState: 'DRAFT', budget: 1000 + i };
}

export function leanixWorkspace(overrides: Partial<LeanixWorkspace> = {}): LeanixWorkspace {
  return {
    workspaceId: WORKSPACE_ID,
    workspaceName: 'acme-ea',
    apiToken: API_TOKEN,
    dataModel,
    authorization,
    subscriptionRoles,
    permissions,
    technicalUsers,
    factSheetCount: 260,
    factSheet: factSheetNode,
    approvedAt: (id) => {
      if (id === 'app-5') return null;
      if (id === 'app-7') return undefined;
      return new Date(approvedAtMs).toISOString();
    },
    ...overrides,
  };
}
