// Starting points for a new workspace, `sealcheck init`-like: small, valid (version 2),
// and showing the seal question. `leanix` and `qualytics` are the short starters;
// `leanix-integration` is "integration user and the seal" (three types, four users,
// six fact sheets and scenarios that pass); `leanix-empty` is a blank model to build in
// the playground's forms. No dependencies but types, so the page may import the list.
import type { PolicyInput } from '../model/schema';

export const TEMPLATE_IDS = ['leanix-integration', 'leanix', 'leanix-empty', 'qualytics'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateInfo {
  readonly id: TemplateId;
  readonly platform: 'leanix' | 'qualytics';
  /** A short title for a button. */
  readonly title: string;
  /** One sentence: what the template holds. */
  readonly about: string;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'leanix-integration',
    platform: 'leanix',
    title: 'Integration user and the seal',
    about: 'LeanIX: three types, an owner, an architect, a viewer and a technical user whose narrow role breaks seals, with six scenarios.',
  },
  { id: 'leanix', platform: 'leanix', title: 'LeanIX starter', about: 'LeanIX: one type, one fact sheet, a sync user and one scenario.' },
  { id: 'leanix-empty', platform: 'leanix', title: 'Empty LeanIX model', about: 'LeanIX: no types, users or fact sheets yet; build them in the Model tab.' },
  { id: 'qualytics', platform: 'qualytics', title: 'Qualytics starter', about: 'Qualytics: one datastore, one team, an admin and a service user.' },
];

/** Today at midnight UTC, the clock of a new workspace. */
function today(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
}

/** `days` before `iso`, written as a policy file writes a time. */
function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString().replace(/\.000Z$/, 'Z');
}

/** The template's policy; `asOf` (default: today) is the workspace's clock. */
export function template(id: TemplateId, asOf = today()): PolicyInput {
  switch (id) {
    case 'qualytics':
      return qualytics(asOf);
    case 'leanix-empty':
      return { format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'New LeanIX model', asOf, factSheetTypes: [], users: [], factSheets: [] };
    case 'leanix-integration':
      return integration(asOf);
    case 'leanix':
      return starter(asOf);
  }
}

function qualytics(asOf: string): PolicyInput {
  return {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'qualytics',
    name: 'New Qualytics workspace',
    asOf,
    datastores: [{ id: 'orders', kind: 'source' }],
    teams: [{ name: 'Quality', permission: 'Author', datastores: ['orders'] }],
    users: [
      { id: 'admin', kind: 'human', role: 'Admin' },
      { id: 'svc-sync', kind: 'service', role: 'Member', teams: ['Quality'] },
    ],
    tokens: [],
    scenarios: [
      {
        name: 'the sync service activates checks',
        actor: 'svc-sync',
        operation: { action: 'check.activate', datastore: 'orders' },
        expect: { allowed: true, status: 200 },
      },
    ],
  };
}

function starter(asOf: string): PolicyInput {
  return {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'leanix',
    name: 'New LeanIX workspace',
    asOf,
    factSheetTypes: [
      {
        name: 'Application',
        fields: ['lifecycle', 'securityVulnerabilityCount'],
        mandatory: { fields: ['description'] },
        qualitySeal: { enabled: true, renewal: { value: 365, unit: 'DAYS' } },
      },
    ],
    roles: [{ name: 'VULN_SYNC', permissions: ['FACT_SHEET_FIELDS:READ,UPDATE:Application:securityVulnerabilityCount'] }],
    users: [
      { id: 'owner', kind: 'human', role: 'MEMBER' },
      { id: 'vuln-sync', kind: 'technical', role: 'MEMBER', customerRoles: ['VULN_SYNC'] },
    ],
    factSheets: [
      {
        id: 'app-crm',
        type: 'Application',
        name: 'CRM',
        lxState: 'APPROVED',
        approvedAt: asOf,
        subscriptions: [{ user: 'owner', type: 'RESPONSIBLE' }],
        values: { description: 'Customer data', lifecycle: 'active', securityVulnerabilityCount: 0 },
      },
    ],
    scenarios: [
      {
        name: 'the weekly sync breaks the seal',
        actor: 'vuln-sync',
        operation: { op: 'update', factSheet: 'app-crm', patches: [{ op: 'replace', path: '/securityVulnerabilityCount', value: 3 }] },
        expect: { allowed: true, sealBroken: true, notified: ['owner'] },
      },
    ],
  };
}

/** "Integration user and the seal": the question Sealcheck exists for, ready to explore. */
function integration(asOf: string): PolicyInput {
  const approved = daysBefore(asOf, 30);
  const cve = (factSheet: string, value: number) => ({
    op: 'update' as const,
    factSheet,
    patches: [{ op: 'replace' as const, path: '/securityVulnerabilityCount', value }],
  });
  return {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'leanix',
    name: 'Integration user and the seal',
    description:
      'A weekly vulnerability sync writes securityVulnerabilityCount with a narrow customer role. On Applications that breaks the owners\u2019 approved seals; on IT components the field is exempt from the seal, so it does not.',
    asOf,
    subscriptionRoles: [{ name: 'Application Owner', type: 'RESPONSIBLE', factSheetTypes: ['Application'] }],
    factSheetTypes: [
      {
        name: 'Application',
        fields: ['lifecycle', 'businessCriticality', 'securityVulnerabilityCount'],
        relations: ['relApplicationToITComponent', 'relApplicationToBusinessCapability'],
        mandatory: { fields: ['description'], subscriptions: [{ type: 'RESPONSIBLE', role: 'Application Owner' }] },
        qualitySeal: { enabled: true, renewal: { value: 365, unit: 'DAYS' } },
      },
      {
        name: 'ITComponent',
        fields: ['vendor', 'securityVulnerabilityCount'],
        relations: ['relITComponentToApplication'],
        mandatory: { fields: ['description'] },
        qualitySeal: { enabled: true, renewal: { value: 180, unit: 'DAYS' }, ignoreUpdatesForFields: ['securityVulnerabilityCount'] },
      },
      { name: 'BusinessCapability', fields: ['level'], qualitySeal: { enabled: false } },
    ],
    roles: [
      {
        name: 'VULN_SYNC',
        description: 'Narrow: read Applications and IT components, write the one attribute. No seal permission.',
        permissions: ['FACT_SHEET:READ:Application,ITComponent:*', 'FACT_SHEET_FIELDS:READ,UPDATE:Application,ITComponent:securityVulnerabilityCount'],
      },
    ],
    users: [
      { id: 'owner', kind: 'human', role: 'MEMBER', email: 'owner@example.com', displayName: 'Olivia Owner' },
      { id: 'architect', kind: 'human', role: 'ADMIN', email: 'architect@example.com', displayName: 'Ari Architect' },
      { id: 'viewer', kind: 'human', role: 'VIEWER', email: 'viewer@example.com' },
      { id: 'vuln-sync', kind: 'technical', role: 'MEMBER', customerRoles: ['VULN_SYNC'] },
    ],
    factSheets: [
      {
        id: 'app-crm',
        type: 'Application',
        name: 'CRM',
        lxState: 'APPROVED',
        approvedAt: approved,
        subscriptions: [{ user: 'owner', type: 'RESPONSIBLE', roles: ['Application Owner'] }],
        values: { description: 'Customer relationship management', lifecycle: 'active', securityVulnerabilityCount: 2 },
        relations: { relApplicationToITComponent: ['itc-db'], relApplicationToBusinessCapability: ['bc-sales'] },
      },
      {
        id: 'app-shop',
        type: 'Application',
        name: 'Web shop',
        lxState: 'BROKEN_QUALITY_SEAL',
        approvedAt: daysBefore(asOf, 400),
        subscriptions: [{ user: 'owner', type: 'RESPONSIBLE', roles: ['Application Owner'] }],
        values: { description: 'Online store', lifecycle: 'active', securityVulnerabilityCount: 5 },
        relations: { relApplicationToITComponent: ['itc-db'] },
      },
      {
        id: 'itc-db',
        type: 'ITComponent',
        name: 'Customer database',
        lxState: 'APPROVED',
        approvedAt: approved,
        subscriptions: [{ user: 'owner', type: 'RESPONSIBLE' }],
        values: { description: 'PostgreSQL cluster', vendor: 'PostgreSQL', securityVulnerabilityCount: 1 },
        relations: { relITComponentToApplication: ['app-crm', 'app-shop'] },
      },
      {
        id: 'itc-mq',
        type: 'ITComponent',
        name: 'Message queue',
        lxState: 'APPROVED',
        approvedAt: approved,
        values: { description: 'Event bus', vendor: 'RabbitMQ', securityVulnerabilityCount: 0 },
      },
      { id: 'bc-sales', type: 'BusinessCapability', name: 'Sales', lxState: 'APPROVED', values: { level: 1 } },
      { id: 'bc-service', type: 'BusinessCapability', name: 'Customer service', lxState: 'APPROVED', values: { level: 1 } },
    ],
    scenarios: [
      {
        name: 'the weekly sync breaks the seal of an Application and notifies its owner',
        actor: 'vuln-sync',
        operation: cve('app-crm', 3),
        expect: { allowed: true, sealBroken: true, notified: ['owner'], lxStateAfter: 'BROKEN_QUALITY_SEAL' },
      },
      {
        name: 'on an IT component the count is exempt: the seal is kept',
        actor: 'vuln-sync',
        operation: cve('itc-db', 2),
        expect: { allowed: true, sealBroken: false, lxStateAfter: 'APPROVED' },
      },
      {
        name: 'the sync may not change the lifecycle',
        actor: 'vuln-sync',
        operation: { op: 'update', factSheet: 'app-crm', patches: [{ op: 'replace', path: '/lifecycle', value: 'phaseOut' }] },
        expect: { allowed: false, deniedPaths: ['/lifecycle'] },
      },
      {
        name: 'the owner edits the lifecycle and keeps the seal',
        actor: 'owner',
        operation: { op: 'update', factSheet: 'app-crm', patches: [{ op: 'replace', path: '/lifecycle', value: 'phaseOut' }] },
        expect: { allowed: true, sealBroken: false, lxStateAfter: 'APPROVED' },
      },
      {
        name: 'the owner approves the broken seal of the web shop again',
        actor: 'owner',
        operation: { op: 'update', factSheet: 'app-shop', patches: [{ op: 'replace', path: '/lxState', value: 'APPROVED' }] },
        expect: { allowed: true, lxStateBefore: 'BROKEN_QUALITY_SEAL', lxStateAfter: 'APPROVED', events: ['FACT_SHEET_UPDATED', 'QUALITY_SEAL_APPROVED'] },
      },
      {
        name: 'a viewer may not edit',
        actor: 'viewer',
        operation: { op: 'update', factSheet: 'app-crm', patches: [{ op: 'replace', path: '/description', value: 'CRM' }] },
        expect: { allowed: false },
      },
    ],
  };
}
