// The fixed words of policy file v1: constants only, no runtime library, so the
// engine may import them as freely as the model's types.

export const FORMAT = 'sealcheck-policy';
/** The format version this Sealcheck writes; it reads version 1 too. */
export const VERSION = 2;
export const VERSIONS = [1, 2] as const;
export const PLATFORMS = ['leanix', 'qualytics'] as const;
export type Platform = (typeof PLATFORMS)[number];

// ---------------------------------------------------------------- LeanIX

export const LX_STATES = ['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED'] as const;
export type LxState = (typeof LX_STATES)[number];

export const STANDARD_ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type StandardRole = (typeof STANDARD_ROLES)[number];

export const LEANIX_USER_KINDS = ['human', 'technical'] as const;
export const SUBSCRIPTION_TYPES = ['RESPONSIBLE', 'ACCOUNTABLE', 'OBSERVER'] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];

/** Base fields every fact sheet type has. */
export const BASE_FIELDS = ['name', 'description', 'alias', 'release', 'externalId', 'lxState'] as const;
export type BaseField = (typeof BASE_FIELDS)[number];

export const RESOURCES = [
  'FACT_SHEET',
  'FACT_SHEET_BASE_FIELDS',
  'FACT_SHEET_FIELDS',
  'FACT_SHEET_RELATIONS',
  'FACT_SHEET_TAGS',
  'FACT_SHEET_SUBSCRIPTIONS',
  'FACT_SHEET_DOCUMENTS',
  'FACT_SHEET_COMMENTS',
  'FACT_SHEET_METRICS',
  'FACT_SHEET_SURVEYS',
  'IMPORT',
  'EXPORT',
  'TECHNICAL_USERS',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Resources whose qualifier names a field; every other resource takes `*` only. */
export const QUALIFIED_RESOURCES: readonly Resource[] = [
  'FACT_SHEET_BASE_FIELDS',
  'FACT_SHEET_FIELDS',
  'FACT_SHEET_RELATIONS',
];

/** The actions a scenario's operations need. */
export const ACTIONS = ['READ', 'CREATE', 'UPDATE', 'DELETE'] as const;
/** Every action a permission string may name: ARCHIVE also allows archiving; INLINE_EDIT, IMPORT and EXPORT grant nothing a scenario does. */
export const SHIRO_ACTIONS = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'ARCHIVE', 'INLINE_EDIT', 'IMPORT', 'EXPORT'] as const;
export type ShiroAction = (typeof SHIRO_ACTIONS)[number];
export type Action = (typeof ACTIONS)[number];

export const PATCH_OPS = ['add', 'replace', 'remove'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/** Fact sheet sections addressed by a fixed patch path, and the resource that grants them. */
export const SECTION_RESOURCES = {
  tags: 'FACT_SHEET_TAGS',
  subscriptions: 'FACT_SHEET_SUBSCRIPTIONS',
  documents: 'FACT_SHEET_DOCUMENTS',
  comments: 'FACT_SHEET_COMMENTS',
  metrics: 'FACT_SHEET_METRICS',
  surveys: 'FACT_SHEET_SURVEYS',
} as const satisfies Record<string, Resource>;
export type Section = keyof typeof SECTION_RESOURCES;
export const SECTIONS = Object.keys(SECTION_RESOURCES) as Section[];

export const LEANIX_EVENTS = [
  'FACT_SHEET_CREATED',
  'FACT_SHEET_UPDATED',
  'FACT_SHEET_ARCHIVED',
  'QUALITY_SEAL_APPROVED',
  'QUALITY_SEAL_BROKEN',
] as const;
export type LeanixEvent = (typeof LEANIX_EVENTS)[number];

// ---------------------------------------------------------------- Qualytics

export const Q_ROLES = ['Member', 'Manager', 'Admin'] as const; // ascending
export type QRole = (typeof Q_ROLES)[number];

export const TEAM_LEVELS = ['Reporter', 'Viewer', 'Drafter', 'Author', 'Editor'] as const; // ascending
export type TeamLevel = (typeof TEAM_LEVELS)[number];

export const PUBLIC_TEAM = 'Public';
export const Q_USER_KINDS = ['human', 'service'] as const;
export const DATASTORE_KINDS = ['source', 'enrichment'] as const;
export const TOKEN_KINDS = ['service', 'personal'] as const;
export const TOKEN_STATES = ['Active', 'Revoked', 'Expired'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];
/** The expiry choices the UI offers; the API takes any whole number of days in TOKEN_EXPIRY_RANGE, or null (never). */
export const TOKEN_EXPIRY_DAYS = [30, 60, 90, 365] as const;
export const TOKEN_EXPIRY_RANGE = { min: 1, max: 365 } as const;

/** Datastore actions and the lowest team level each needs (null: decided by role alone). */
export const Q_ACTIONS = {
  'datastore.view': 'Reporter',
  'datastore.preview': 'Viewer',
  'anomaly.sourceRecords.view': 'Viewer',
  'anomaly.comment': 'Viewer',
  'tag.assign': 'Viewer',
  'check.create': 'Drafter',
  'check.draft': 'Drafter',
  'tag.manage': 'Drafter',
  'check.dryRun': 'Drafter',
  'check.activate': 'Author',
  'check.validate': 'Author',
  'check.metadata.edit': 'Author',
  'anomaly.status.change': 'Author',
  'datastore.settings.edit': 'Editor',
  'computedAsset.manage': 'Editor',
  'operation.run': 'Editor',
  'operation.schedule': 'Editor',
  'profile.delete': 'Editor',
  'datastore.group.assign': 'Editor',
  'datastore.delete': null,
  'datastore.create': null,
  'connection.manage': null,
} as const satisfies Record<string, TeamLevel | null>;
export type QAction = keyof typeof Q_ACTIONS;
export const Q_ACTION_IDS = Object.keys(Q_ACTIONS) as QAction[];

/** The lowest role each action needs; every other action needs Member. */
export const Q_ACTION_ROLE: Partial<Record<QAction, QRole>> = {
  'datastore.create': 'Manager',
  'connection.manage': 'Manager',
  'datastore.delete': 'Admin',
};

/** Actions that name no datastore. */
export const Q_ROLE_ONLY_ACTIONS: readonly QAction[] = ['datastore.create', 'connection.manage'];

export const Q_STATUSES = [200, 201, 204, 400, 401, 403, 404, 409] as const;
export type QStatus = (typeof Q_STATUSES)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/** The service-user and token API: method and path pattern. */
export const Q_ENDPOINTS = [
  { method: 'POST', pattern: '/users' },
  { method: 'PUT', pattern: '/users/{id}' },
  { method: 'DELETE', pattern: '/users/{id}' },
  { method: 'POST', pattern: '/user-tokens' },
  { method: 'GET', pattern: '/user-tokens/service' },
  { method: 'PUT', pattern: '/user-tokens/{id}' },
  { method: 'DELETE', pattern: '/user-tokens/{id}' },
] as const;
export type QEndpoint = (typeof Q_ENDPOINTS)[number];

/** Matches a request against the API; returns the endpoint and its `{id}` or null. */
export function matchEndpoint(method: string, path: string): { endpoint: QEndpoint; id: string | null } | null {
  for (const endpoint of Q_ENDPOINTS) {
    if (endpoint.method !== method) continue;
    if (!endpoint.pattern.includes('{id}')) {
      if (path === endpoint.pattern) return { endpoint, id: null };
      continue;
    }
    const prefix = endpoint.pattern.slice(0, endpoint.pattern.indexOf('{id}'));
    if (!path.startsWith(prefix)) continue;
    const id = path.slice(prefix.length);
    if (id.length > 0 && !id.includes('/')) return { endpoint, id: safeDecode(id) };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const DAY_MS = 86_400_000;

/** Renewal units, fixed lengths in UTC. */
export const RENEWAL_UNITS = ['SECONDS', 'MINUTES', 'HOURS', 'DAYS'] as const;
export type RenewalUnit = (typeof RENEWAL_UNITS)[number];
export const UNIT_MS: Record<RenewalUnit, number> = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: DAY_MS };
