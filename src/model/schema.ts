// Policy file v1 as zod schemas: the shape only. References between parts of the
// file (users, roles, types, ...) are checked by `src/policy/validate.ts`.
import { z } from 'zod';
import {
  DATASTORE_KINDS,
  FORMAT,
  HTTP_METHODS,
  LEANIX_EVENTS,
  LEANIX_USER_KINDS,
  LX_STATES,
  PATCH_OPS,
  Q_ACTION_IDS,
  Q_ROLES,
  Q_STATUSES,
  Q_USER_KINDS,
  STANDARD_ROLES,
  SUBSCRIPTION_TYPES,
  TEAM_LEVELS,
  TOKEN_KINDS,
  TOKEN_STATES,
} from './vocabulary';

/** A strict object that also allows the writer's `$schema` and `description`. */
function object<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    ...shape,
  });
}

const name = z.string().min(1, 'must not be empty');
const names = z.array(name);
const timestamp = z.iso.datetime({ offset: true, message: 'expected a date and time like `2026-11-24T00:00:00Z`' });
const json = z.json().meta({ id: 'JsonValue', description: 'Any JSON value' });

const header = {
  format: z.literal(FORMAT),
  version: z.literal(1),
  name: z.string(),
  asOf: timestamp,
};

// ---------------------------------------------------------------- LeanIX

export const QualitySealSchema = object({
  enabled: z.boolean().default(false),
  draft: z.boolean().default(false),
  rejected: z.boolean().default(false),
  renewalDays: z.number().int().positive().nullable().default(null),
  tagsBreakSeal: z.boolean().default(false),
});

export const FactSheetTypeSchema = object({
  name,
  fields: names.default([]),
  mandatory: names.default([]),
  relations: names.default([]),
  qualitySeal: QualitySealSchema.default(() => QualitySealSchema.parse({})),
});

export const CustomerRoleSchema = object({
  name,
  cloneFrom: name.optional(),
  permissions: z.array(z.string()),
});

export const LeanixUserSchema = object({
  id: name,
  kind: z.enum(LEANIX_USER_KINDS),
  role: z.enum(STANDARD_ROLES),
  customerRoles: names.default([]),
  aces: names.default([]),
  expiresAt: timestamp.nullable().default(null),
});

export const SubscriptionSchema = object({
  user: name,
  type: z.enum(SUBSCRIPTION_TYPES),
});

export const FactSheetSchema = object({
  id: name,
  type: name,
  name: z.string(),
  lxState: z.enum(LX_STATES),
  approvedAt: timestamp.nullable().default(null),
  subscriptions: z.array(SubscriptionSchema).default([]),
  permittedReadACL: names.default([]),
  permittedWriteACL: names.default([]),
  values: z.record(z.string(), json).default({}),
});

export const PatchSchema = object({
  op: z.enum(PATCH_OPS),
  path: z.string().regex(/^\//, 'expected a patch path starting with `/`'),
  value: json.optional(),
});

export const UpdateOperationSchema = object({
  op: z.literal('update'),
  factSheet: name,
  patches: z.array(PatchSchema).min(1, 'an update has at least one patch'),
});
export const CreateOperationSchema = object({
  op: z.literal('create'),
  type: name,
  values: z.record(z.string(), json).default({}),
});
export const ArchiveOperationSchema = object({ op: z.literal('archive'), factSheet: name });
export const ReadOperationSchema = object({ op: z.literal('read'), factSheet: name });

export const LeanixOperationSchema = z.discriminatedUnion('op', [
  UpdateOperationSchema,
  CreateOperationSchema,
  ArchiveOperationSchema,
  ReadOperationSchema,
]);

export const LeanixExpectSchema = object({
  allowed: z.boolean().optional(),
  deniedPaths: z.array(z.string()).optional(),
  lxStateBefore: z.enum(LX_STATES).nullable().optional(),
  lxStateAfter: z.enum(LX_STATES).nullable().optional(),
  sealBroken: z.boolean().optional(),
  notified: names.optional(),
  events: z.array(z.enum(LEANIX_EVENTS)).optional(),
});

export const LeanixScenarioSchema = object({
  name,
  actor: name,
  at: timestamp.optional(),
  operation: LeanixOperationSchema,
  expect: LeanixExpectSchema.default({}),
});

export const LeanixPolicySchema = object({
  ...header,
  platform: z.literal('leanix'),
  factSheetTypes: z.array(FactSheetTypeSchema),
  roles: z.array(CustomerRoleSchema).default([]),
  users: z.array(LeanixUserSchema),
  factSheets: z.array(FactSheetSchema),
  scenarios: z.array(LeanixScenarioSchema).default([]),
});

// ---------------------------------------------------------------- Qualytics

export const DatastoreSchema = object({ id: name, kind: z.enum(DATASTORE_KINDS) });

export const TeamSchema = object({
  name,
  permission: z.enum(TEAM_LEVELS),
  datastores: names.default([]),
});

export const QualyticsUserSchema = object({
  id: name,
  kind: z.enum(Q_USER_KINDS),
  role: z.enum(Q_ROLES),
  teams: names.default([]),
  active: z.boolean().default(true),
  // Allowed by the shape so that the validator can say why it is not allowed here.
  expiresAt: timestamp.nullable().optional(),
});

export const TokenSchema = object({
  id: name,
  user: name,
  name,
  kind: z.enum(TOKEN_KINDS),
  state: z.enum(TOKEN_STATES).default('Active'),
  expiresAt: timestamp.nullable().default(null),
});

export const DatastoreActionSchema = object({
  action: z.enum(Q_ACTION_IDS as [string, ...string[]]),
  datastore: name.optional(),
});

export const RequestSchema = object({
  method: z.enum(HTTP_METHODS),
  path: z.string().regex(/^\//, 'expected a request path starting with `/`'),
  body: json.optional(),
});

export const QualyticsOperationSchema = z.union([DatastoreActionSchema, object({ request: RequestSchema })], {
  error: 'expected a datastore action `{ "action": ... }` or an API request `{ "request": ... }`',
});

export const QualyticsActorSchema = z.union([name, object({ token: name })], {
  error: 'expected a user id or a token `{ "token": "<token id>" }`',
});

export const QualyticsExpectSchema = object({
  allowed: z.boolean().optional(),
  status: z.literal(Q_STATUSES).optional(),
});

export const QualyticsScenarioSchema = object({
  name,
  actor: QualyticsActorSchema,
  at: timestamp.optional(),
  operation: QualyticsOperationSchema,
  expect: QualyticsExpectSchema.default({}),
});

export const QualyticsPolicySchema = object({
  ...header,
  platform: z.literal('qualytics'),
  datastores: z.array(DatastoreSchema).default([]),
  teams: z.array(TeamSchema).default([]),
  users: z.array(QualyticsUserSchema),
  tokens: z.array(TokenSchema).default([]),
  scenarios: z.array(QualyticsScenarioSchema).default([]),
});

export const PolicySchema = z.discriminatedUnion('platform', [LeanixPolicySchema, QualyticsPolicySchema]);

// ---------------------------------------------------------------- types

export type QualitySeal = z.infer<typeof QualitySealSchema>;
export type FactSheetType = z.infer<typeof FactSheetTypeSchema>;
export type CustomerRole = z.infer<typeof CustomerRoleSchema>;
export type LeanixUser = z.infer<typeof LeanixUserSchema>;
export type Subscription = z.infer<typeof SubscriptionSchema>;
export type FactSheet = z.infer<typeof FactSheetSchema>;
export type Patch = z.infer<typeof PatchSchema>;
export type UpdateOperation = z.infer<typeof UpdateOperationSchema>;
export type CreateOperation = z.infer<typeof CreateOperationSchema>;
export type LeanixOperation = z.infer<typeof LeanixOperationSchema>;
export type LeanixExpect = z.infer<typeof LeanixExpectSchema>;
export type LeanixScenario = z.infer<typeof LeanixScenarioSchema>;
export type LeanixPolicy = z.infer<typeof LeanixPolicySchema>;

export type Datastore = z.infer<typeof DatastoreSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type QualyticsUser = z.infer<typeof QualyticsUserSchema>;
export type Token = z.infer<typeof TokenSchema>;
export type DatastoreAction = z.infer<typeof DatastoreActionSchema>;
export type QualyticsRequest = z.infer<typeof RequestSchema>;
export type QualyticsOperation = z.infer<typeof QualyticsOperationSchema>;
export type QualyticsActor = z.infer<typeof QualyticsActorSchema>;
export type QualyticsExpect = z.infer<typeof QualyticsExpectSchema>;
export type QualyticsScenario = z.infer<typeof QualyticsScenarioSchema>;
export type QualyticsPolicy = z.infer<typeof QualyticsPolicySchema>;

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type Scenario = LeanixScenario | QualyticsScenario;
