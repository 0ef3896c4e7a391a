// Starting points for a new workspace: small, valid, and showing the seal question.
import type { PolicyInput } from '../model/schema';

export function template(platform: 'leanix' | 'qualytics'): PolicyInput {
  const asOf = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
  if (platform === 'qualytics') {
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
