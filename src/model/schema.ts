// Policy files, versions 1 and 2, as zod schemas: the shape only. Version 1 files
// are read with the `*V1` schemas and upgraded in memory (`src/model/upgrade.ts`), so
// everything past the reader sees version 2's shape. References between parts of the
// file (users, roles, types, ...) are checked by `src/policy/validate.ts`.
// The `description`s are what editors show on hover (through the generated JSON
// Schema); docs/policy-file.md gives the same sentences, and a test keeps them equal.
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
  RENEWAL_UNITS,
  SUBSCRIPTION_TYPES,
  TEAM_LEVELS,
  TOKEN_KINDS,
  TOKEN_STATES,
} from './vocabulary';

/** `{ description }` for `.meta()`: one sentence or two, as docs/policy-file.md gives them. */
const about = (description: string) => ({ description });

/** A strict object that also allows the writer's `$schema` and `description`. */
function object<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({
    $schema: z.string().optional().meta(about('Optional: the JSON Schema this file follows, for editors. Sealcheck ignores it.')),
    description: z.string().optional().meta(about('Optional notes for the people who read the file. Sealcheck ignores them.')),
    ...shape,
  });
}

/**
 * Builds every schema of the model. Called once, on first use (`modelSchemas()`), not at
 * module load: constructing them costs tens of milliseconds, which the engine worker would
 * otherwise pay at every start, before it can answer the popup.
 */
function buildModelSchemas() {
  const name = z.string().min(1, 'must not be empty');
  const names = z.array(name);
  const timestamp = z.iso.datetime({ offset: true, message: 'expected a date and time like `2026-11-24T00:00:00Z`' });
  const json = z.json().meta({ id: 'JsonValue', description: 'Any JSON value' });

  const header = {
    format: z.literal(FORMAT).meta(about('Always `sealcheck-policy`: marks the file as a Sealcheck policy file.')),
    version: z.literal(2).meta(about('The format version: 2. Version 1 files are read too (`sealcheck migrate` upgrades them).')),
    name: z.string().meta(about('A name for the workspace, shown by the extension and the command line.')),
    asOf: timestamp.meta(about('The clock of every scenario without an `at` of its own: a date and time with offset, like `2026-11-24T00:00:00Z`.')),
  };

  const platformAbout = about('`leanix` or `qualytics`: the platform the file models. It decides which other keys the file has.');
  const scenarioName = about('The scenario\'s name, unique in the file; `sealcheck explain --scenario` finds it by this name.');
  const scenarioAt = about('When the scenario happens: a date and time with offset. Without it, the file\'s `asOf`.');
  const expectAbout = about('The outcome the scenario expects. Every key is optional; only the keys given are checked.');
  const allowedAbout = about('Whether the operation takes effect.');
  const factSheetRef = about('The id of the fact sheet the operation acts on.');

  // ---------------------------------------------------------------- LeanIX

  const QualitySealV1Schema = object({
    enabled: z.boolean().default(false).meta(about('Whether the type has a quality seal. Without one, fact sheets keep the `lxState` they are stored with: no renewal clock, no break.')),
    draft: z.boolean().default(false).meta(about('Whether the DRAFT state is enabled for the type. New fact sheets of the type then start as DRAFT.')),
    rejected: z.boolean().default(false).meta(about('Whether the REJECTED state is enabled for the type.')),
    renewalDays: z.number().int().positive().nullable().default(null).meta(about('How many days an approval lasts; after that the seal counts as broken. `null`: approvals never expire.')),
    tagsBreakSeal: z.boolean().default(false).meta(about('Whether editing tags breaks an approved seal of the type.')),
  });

  const FactSheetTypeV1Schema = object({
    name: name.meta(about('The type\'s name, like `Application`. Fact sheets, permission strings and `create` operations refer to it.')),
    fields: names.default([]).meta(about('The type\'s attributes: its own fields besides the base fields every type has.')),
    mandatory: names.default([]).meta(about('Base fields or attributes that must be filled before the seal can be approved, and that nobody may empty on an approved fact sheet.')),
    relations: names.default([]).meta(about('The type\'s relations, like `relApplicationToITComponent`.')),
    qualitySeal: QualitySealV1Schema.default(() => QualitySealV1Schema.parse({})).meta(about('The type\'s quality seal settings. Every key is optional; without them the type has no seal.')),
  });

  const RenewalSchema = object({
    value: z.number().int().positive().meta(about('How many units an approval lasts.')),
    unit: z.enum(RENEWAL_UNITS).meta(about('SECONDS, MINUTES, HOURS or DAYS (fixed lengths in UTC).')),
  });

  const QualitySealSchema = object({
    enabled: QualitySealV1Schema.shape.enabled,
    draft: QualitySealV1Schema.shape.draft,
    rejected: QualitySealV1Schema.shape.rejected,
    tagsBreakSeal: QualitySealV1Schema.shape.tagsBreakSeal,
    renewal: RenewalSchema.nullable().default(null).meta(about('How long an approval lasts, `{ "value": 90, "unit": "DAYS" }`; after that the seal counts as broken. `null`: approvals never expire.')),
    ignoreUpdatesForFields: names.default([]).meta(about('Seal exemptions: base fields (not `lxState`) or attributes whose edits never break the seal, whoever makes them.')),
    ignoreUpdatesForRelations: names.default([]).meta(about('Seal exemptions: relations whose edits never break the seal, whoever makes them.')),
  });

  const MandatorySubscriptionSchema = object({
    type: z.enum(SUBSCRIPTION_TYPES).meta(about('The subscription type that must exist: RESPONSIBLE, ACCOUNTABLE or OBSERVER.')),
    role: name.optional().meta(about('Optional: the subscription role the subscription must carry.')),
  });

  const MandatorySchema = object({
    fields: names.default([]).meta(about('Base fields (not `lxState`) or attributes that must be filled before approval, and that nobody may empty on an approved fact sheet.')),
    relations: names.default([]).meta(about('Relations that need a target (or a "leave empty" mark in the fact sheet\'s `naFields`) before approval.')),
    subscriptions: z.array(MandatorySubscriptionSchema).default([]).meta(about('Subscriptions that must exist before approval, by type and optionally by subscription role.')),
  });

  const FactSheetTypeSchema = object({
    name: FactSheetTypeV1Schema.shape.name,
    fields: FactSheetTypeV1Schema.shape.fields,
    relations: FactSheetTypeV1Schema.shape.relations,
    mandatory: MandatorySchema.default(() => MandatorySchema.parse({})).meta(about('What must be filled before the seal can be approved, and may not be emptied on an approved fact sheet.')),
    qualitySeal: QualitySealSchema.default(() => QualitySealSchema.parse({})).meta(about('The type\'s quality seal settings. Every key is optional; without them the type has no seal.')),
  });

  const SettingsSchema = object({
    notifyActor: z.boolean().default(false).meta(about('`true`: the actor who breaks a seal is notified too when it is a responsible or accountable subscriber.')),
    lockMandatoryWhenBroken: z.boolean().default(false).meta(about('`true`: the emptying rule holds on BROKEN_QUALITY_SEAL fact sheets too, not only on APPROVED ones.')),
  });

  const SubscriptionRoleSchema = object({
    name: name.meta(about('The subscription role\'s name, like `Application Owner`; unique.')),
    type: z.enum(SUBSCRIPTION_TYPES).meta(about('The subscription type the role qualifies.')),
    factSheetTypes: names.default([]).meta(about('The fact sheet types the role applies to. Empty: every type.')),
  });

  const CustomerRoleSchema = object({
    name: name.meta(about('The customer role\'s name; users refer to it. ADMIN, MEMBER and VIEWER are taken by the built-in roles.')),
    cloneFrom: name.optional().meta(about('Optional: MEMBER, VIEWER or another customer role whose permissions this role starts from.')),
    permissions: z.array(z.string()).meta(about('The permission strings the role grants, each `RESOURCE:ACTIONS:TYPE:QUALIFIER`. Grants only: nothing denies.')),
  });

  const LeanixUserV1Schema = object({
    id: name.meta(about('The user\'s id. Scenarios, subscriptions and `notified` refer to it.')),
    kind: z.enum(LEANIX_USER_KINDS).meta(about('`human`, or `technical` for an API user.')),
    role: z.enum(STANDARD_ROLES).meta(about('The standard role: ADMIN, MEMBER or VIEWER.')),
    customerRoles: names.default([]).meta(about('The customer roles the user holds. Holding any replaces the standard role\'s permissions with their union; ADMIN stays ADMIN.')),
    aces: names.default([]).meta(about('The access control entities the user holds, matched against the fact sheets\' ACLs.')),
    expiresAt: timestamp.nullable().default(null).meta(about('Technical users only: when the user expires. From then on it is denied everything. `null`: never.')),
  });

  const email = z.string().min(1, 'must not be empty').meta(about('The user\'s email, for display; a scenario\'s `actor` may give it instead of the id.'));
  const displayName = z.string().meta(about('The user\'s name for display.'));

  const LeanixUserSchema = LeanixUserV1Schema.extend({ email: email.optional(), displayName: displayName.optional() });

  const SubscriptionV1Schema = object({
    user: name.meta(about('The id of the subscribed user.')),
    type: z.enum(SUBSCRIPTION_TYPES).meta(about('RESPONSIBLE, ACCOUNTABLE (at most one per fact sheet) or OBSERVER.')),
  });

  const SubscriptionSchema = SubscriptionV1Schema.extend({
    roles: names.default([]).meta(about('The subscription roles the subscription carries.')),
  });

  const FactSheetV1Schema = object({
    id: name.meta(about('The fact sheet\'s id; scenarios refer to it.')),
    type: name.meta(about('The fact sheet\'s type, one of `factSheetTypes`.')),
    name: z.string().meta(about('The fact sheet\'s name (the base field `name`).')),
    lxState: z.enum(LX_STATES).meta(about('The stored seal state: APPROVED, BROKEN_QUALITY_SEAL, or DRAFT and REJECTED where the type enables them.')),
    approvedAt: timestamp.nullable().default(null).meta(about('When the seal was last approved. Required for an APPROVED fact sheet whose type has `renewalDays`.')),
    subscriptions: z.array(SubscriptionV1Schema).default([]).meta(about('Who is subscribed to the fact sheet, and how. RESPONSIBLE and ACCOUNTABLE subscribers hold the seal permission (unless VIEWER) and are notified when the seal breaks.')),
    permittedReadACL: names.default([]).meta(about('The access control entities allowed to read the fact sheet. Empty: everyone.')),
    permittedWriteACL: names.default([]).meta(about('The access control entities allowed to write the fact sheet. Empty: everyone.')),
    values: z.record(z.string(), json).default({}).meta(about('The values of the base fields (but `name` and `lxState`) and attributes, by field name.')),
  });

  const FactSheetSchema = FactSheetV1Schema.extend({
    approvedAt: timestamp.nullable().default(null).meta(about('When the seal was last approved. Required for an APPROVED fact sheet whose type has a `renewal`.')),
    subscriptions: z.array(SubscriptionSchema).default([]).meta(FactSheetV1Schema.shape.subscriptions.meta() ?? {}),
    relations: z.record(z.string(), z.array(z.string())).default({}).meta(about('Related fact sheet ids by relation name. Targets need not be fact sheets of the file.')),
    naFields: names.default([]).meta(about('Relations marked "leave empty": they count as filled for the mandatory rules.')),
  });

  const PatchSchema = object({
    op: z.enum(PATCH_OPS).meta(about('`add`, `replace` or `remove`. On relations and sections it decides the action needed: CREATE, UPDATE or DELETE.')),
    path: z
      .string()
      .regex(/^\//, 'expected a patch path starting with `/`')
      .meta(about('What the patch changes: `/` and a base field, attribute, relation or section (`tags`, `subscriptions`, `documents`, `comments`, `metrics`, `surveys`) of the type, or `/lxState` for the seal.')),
    value: json.optional().meta(about('The new value. For `/lxState`: APPROVED, BROKEN_QUALITY_SEAL, DRAFT or REJECTED.')),
  });

  const UpdateOperationSchema = object({
    op: z.literal('update').meta(about('`update`: change an existing fact sheet.')),
    factSheet: name.meta(factSheetRef),
    patches: z
      .array(PatchSchema)
      .min(1, 'an update has at least one patch')
      .meta(about('The changes, judged together: if one is denied, nothing changes. At least one, and at most one `/lxState` patch.')),
  });
  const CreateOperationSchema = object({
    op: z.literal('create').meta(about('`create`: make a new fact sheet.')),
    type: name.meta(about('The type of the new fact sheet.')),
    values: z.record(z.string(), json).default({}).meta(about('The new fact sheet\'s values, `name` included. `lxState` cannot be set: a new fact sheet starts in the state its type fixes.')),
  });
  const ArchiveOperationSchema = object({ op: z.literal('archive').meta(about('`archive`: archive a fact sheet.')), factSheet: name.meta(factSheetRef) });
  const ReadOperationSchema = object({ op: z.literal('read').meta(about('`read`: open a fact sheet.')), factSheet: name.meta(factSheetRef) });

  const LeanixOperationSchema = z
    .discriminatedUnion('op', [UpdateOperationSchema, CreateOperationSchema, ArchiveOperationSchema, ReadOperationSchema])
    .meta(about('What the actor does: `update`, `create`, `archive` or `read` a fact sheet.'));

  const LeanixExpectSchema = object({
    allowed: z.boolean().optional().meta(allowedAbout),
    deniedPaths: z.array(z.string()).optional().meta(about('The paths of the denied patches, in patch order; every path when the whole update is denied (write ACL, expiry).')),
    lxStateBefore: z.enum(LX_STATES).nullable().optional().meta(about('The seal state before the operation, after the renewal clock. `null` for `create`.')),
    lxStateAfter: z.enum(LX_STATES).nullable().optional().meta(about('The seal state after the operation. `null` for a denied `create`.')),
    sealBroken: z.boolean().optional().meta(about('Whether this operation broke an approved seal.')),
    notified: names.optional().meta(about('The users notified because the seal broke, in any order.')),
    events: z.array(z.enum(LEANIX_EVENTS)).optional().meta(about('The events the operation emits, in order.')),
  });

  const LeanixScenarioSchema = object({
    name: name.meta(scenarioName),
    actor: name.meta(about('The id of the user who performs the operation; in a version 2 file also the user\'s `email`.')),
    at: timestamp.optional().meta(scenarioAt),
    operation: LeanixOperationSchema,
    expect: LeanixExpectSchema.default({}).meta(expectAbout),
  });

  const headerV1 = { ...header, version: z.literal(1).meta(about('Format version 1.')) };

  const LeanixPolicyV1Schema = object({
    ...headerV1,
    platform: z.literal('leanix').meta(platformAbout),
    factSheetTypes: z.array(FactSheetTypeV1Schema).meta(about('The fact sheet types, with their fields, relations and quality seal settings.')),
    roles: z.array(CustomerRoleSchema).default([]).meta(about('The customer roles. ADMIN, MEMBER and VIEWER are built in and not listed.')),
    users: z.array(LeanixUserV1Schema).meta(about('The users, humans and technical users.')),
    factSheets: z.array(FactSheetV1Schema).meta(about('The fact sheets as they are now.')),
    scenarios: z.array(LeanixScenarioSchema).default([]).meta(about('Questions with the answers you expect; `sealcheck test` checks them.')),
  });

  const LeanixPolicySchema = object({
    ...header,
    platform: z.literal('leanix').meta(platformAbout),
    settings: SettingsSchema.default(() => SettingsSchema.parse({})).meta(about('Readings the platform documentation leaves open. Every key is optional and false by default.')),
    subscriptionRoles: z.array(SubscriptionRoleSchema).default([]).meta(about('Subscription roles that qualify subscriptions, like `Application Owner`.')),
    factSheetTypes: z.array(FactSheetTypeSchema).meta(about('The fact sheet types, with their fields, relations, mandatory values and quality seal settings.')),
    roles: LeanixPolicyV1Schema.shape.roles,
    users: z.array(LeanixUserSchema).meta(about('The users, humans and technical users.')),
    factSheets: z.array(FactSheetSchema).meta(about('The fact sheets as they are now.')),
    scenarios: LeanixPolicyV1Schema.shape.scenarios,
  });

  // ---------------------------------------------------------------- Qualytics

  const DatastoreSchema = object({
    id: name.meta(about('The datastore\'s id; teams and scenarios refer to it.')),
    kind: z.enum(DATASTORE_KINDS).meta(about('`source` or `enrichment`.')),
  });

  const TeamSchema = object({
    name: name.meta(about('The team\'s name; users refer to it. `Public` is the team every user is in.')),
    permission: z.enum(TEAM_LEVELS).meta(about('The level the team gives on its datastores: Reporter, Viewer, Drafter, Author or Editor, from lowest to highest.')),
    datastores: names.default([]).meta(about('The datastores the team\'s level applies to.')),
  });

  const QualyticsUserSchema = object({
    id: name.meta(about('The user\'s id. Scenarios, tokens and API requests refer to it.')),
    kind: z.enum(Q_USER_KINDS).meta(about('`human`, or `service` for an API-only account.')),
    role: z.enum(Q_ROLES).meta(about('The role: Member, Manager or Admin, from lowest to highest.')),
    teams: names.default([]).meta(about('The teams the user is in besides `Public`, which every user is in.')),
    active: z.boolean().default(true).meta(about('`false` for a deactivated user: whatever it does is answered 401.')),
    email: email.optional(),
    displayName: displayName.optional(),
    // Allowed by the shape so that the validator can say why it is not allowed here.
    expiresAt: timestamp.nullable().optional().meta(about('Not allowed: a Qualytics user expires through its tokens.')),
  });

  const TokenSchema = object({
    id: name.meta(about('The token\'s id; a scenario\'s `{ "token": ... }` actor refers to it.')),
    user: name.meta(about('The user the token belongs to; it acts with that user\'s current role and teams.')),
    name: name.meta(about('The token\'s name, unique among the tokens of its user.')),
    kind: z.enum(TOKEN_KINDS).meta(about('`service` (a service user\'s token, managed by Admins) or `personal` (its owner\'s own token).')),
    state: z.enum(TOKEN_STATES).default('Active').meta(about('Active, Revoked or Expired.')),
    expiresAt: timestamp.nullable().default(null).meta(about('When the token expires. `null`: never.')),
  });

  const DatastoreActionSchema = object({
    action: z.enum(Q_ACTION_IDS).meta(about('The datastore action, like `check.activate`.')),
    datastore: name.optional().meta(about('The datastore acted on. Required, except for `datastore.create` and `connection.manage`, which take none.')),
  });

  const RequestSchema = object({
    method: z.enum(HTTP_METHODS).meta(about('GET, POST, PUT or DELETE.')),
    path: z
      .string()
      .regex(/^\//, 'expected a request path starting with `/`')
      .meta(about('`/users`, `/users/{id}`, `/user-tokens`, `/user-tokens/service` or `/user-tokens/{id}`, with a real id.')),
    body: json.optional().meta(about('The JSON body the request sends.')),
  });

  const QualyticsOperationSchema = z
    .union([DatastoreActionSchema, object({ request: RequestSchema.meta(about('A call of the service-user and token API.')) })], {
      error: 'expected a datastore action `{ "action": ... }` or an API request `{ "request": ... }`',
    })
    .meta(about('What the actor does: a datastore action `{ "action": ... }` or an API request `{ "request": ... }`.'));

  const QualyticsActorSchema = z
    .union([name, object({ token: name.meta(about('The id of the token the actor uses.')) })], {
      error: 'expected a user id or a token `{ "token": "<token id>" }`',
    })
    .meta(about('Who acts: a user id, or `{ "token": "<token id>" }` to act through a token.'));

  const QualyticsExpectSchema = object({
    allowed: z.boolean().optional().meta(about('Whether the platform would answer with a 2xx status.')),
    status: z.literal(Q_STATUSES).optional().meta(about('The HTTP status the platform would answer: 200, 201, 204, 400, 401, 403, 404 or 409.')),
  });

  const QualyticsScenarioSchema = object({
    name: name.meta(scenarioName),
    actor: QualyticsActorSchema,
    at: timestamp.optional().meta(scenarioAt),
    operation: QualyticsOperationSchema,
    expect: QualyticsExpectSchema.default({}).meta(expectAbout),
  });

  const QualyticsPolicySchema = object({
    ...header,
    version: z.union([z.literal(1), z.literal(2)]).meta(about('The format version, 1 or 2; the Qualytics part is the same in both.')),
    platform: z.literal('qualytics').meta(platformAbout),
    datastores: z.array(DatastoreSchema).default([]).meta(about('The datastores.')),
    teams: z.array(TeamSchema).default([]).meta(about('The teams and the level each gives on its datastores. `Public` exists always; list it only to give it datastores.')),
    users: z.array(QualyticsUserSchema).meta(about('The users, humans and service users.')),
    tokens: z.array(TokenSchema).default([]).meta(about('The API tokens.')),
    scenarios: z.array(QualyticsScenarioSchema).default([]).meta(about('Questions with the answers you expect; `sealcheck test` checks them.')),
  });

  const PolicySchema = z.discriminatedUnion('platform', [LeanixPolicySchema, QualyticsPolicySchema]);
  /** A file as written in version 1 or 2, before the upgrade. */
  const PolicyFileSchema = z.union([LeanixPolicyV1Schema, PolicySchema]);

  return {
    QualitySealV1Schema,
    FactSheetTypeV1Schema,
    RenewalSchema,
    QualitySealSchema,
    MandatorySubscriptionSchema,
    MandatorySchema,
    FactSheetTypeSchema,
    SettingsSchema,
    SubscriptionRoleSchema,
    CustomerRoleSchema,
    LeanixUserV1Schema,
    LeanixUserSchema,
    SubscriptionV1Schema,
    SubscriptionSchema,
    FactSheetV1Schema,
    FactSheetSchema,
    PatchSchema,
    UpdateOperationSchema,
    CreateOperationSchema,
    ArchiveOperationSchema,
    ReadOperationSchema,
    LeanixOperationSchema,
    LeanixExpectSchema,
    LeanixScenarioSchema,
    LeanixPolicyV1Schema,
    LeanixPolicySchema,
    DatastoreSchema,
    TeamSchema,
    QualyticsUserSchema,
    TokenSchema,
    DatastoreActionSchema,
    RequestSchema,
    QualyticsOperationSchema,
    QualyticsActorSchema,
    QualyticsExpectSchema,
    QualyticsScenarioSchema,
    QualyticsPolicySchema,
    PolicySchema,
    PolicyFileSchema,
  };
}

/** The model's schemas, by name: `modelSchemas().FactSheetSchema`. */
export type ModelSchemas = ReturnType<typeof buildModelSchemas>;

let built: ModelSchemas | undefined;

/** The model's schemas, built on the first call and kept. */
export function modelSchemas(): ModelSchemas {
  built ??= buildModelSchemas();
  return built;
}

// ---------------------------------------------------------------- types

export type QualitySeal = z.infer<ModelSchemas['QualitySealSchema']>;
export type Renewal = z.infer<ModelSchemas['RenewalSchema']>;
export type Mandatory = z.infer<ModelSchemas['MandatorySchema']>;
export type MandatorySubscription = z.infer<ModelSchemas['MandatorySubscriptionSchema']>;
export type Settings = z.infer<ModelSchemas['SettingsSchema']>;
export type SubscriptionRole = z.infer<ModelSchemas['SubscriptionRoleSchema']>;
export type LeanixPolicyV1 = z.infer<ModelSchemas['LeanixPolicyV1Schema']>;
export type FactSheetTypeV1 = z.infer<ModelSchemas['FactSheetTypeV1Schema']>;
export type FactSheetV1 = z.infer<ModelSchemas['FactSheetV1Schema']>;
export type LeanixUserV1 = z.infer<ModelSchemas['LeanixUserV1Schema']>;
export type FactSheetType = z.infer<ModelSchemas['FactSheetTypeSchema']>;
export type CustomerRole = z.infer<ModelSchemas['CustomerRoleSchema']>;
export type LeanixUser = z.infer<ModelSchemas['LeanixUserSchema']>;
export type Subscription = z.infer<ModelSchemas['SubscriptionSchema']>;
export type FactSheet = z.infer<ModelSchemas['FactSheetSchema']>;
export type Patch = z.infer<ModelSchemas['PatchSchema']>;
export type UpdateOperation = z.infer<ModelSchemas['UpdateOperationSchema']>;
export type CreateOperation = z.infer<ModelSchemas['CreateOperationSchema']>;
export type LeanixOperation = z.infer<ModelSchemas['LeanixOperationSchema']>;
export type LeanixExpect = z.infer<ModelSchemas['LeanixExpectSchema']>;
export type LeanixScenario = z.infer<ModelSchemas['LeanixScenarioSchema']>;
export type LeanixPolicy = z.infer<ModelSchemas['LeanixPolicySchema']>;

export type Datastore = z.infer<ModelSchemas['DatastoreSchema']>;
export type Team = z.infer<ModelSchemas['TeamSchema']>;
export type QualyticsUser = z.infer<ModelSchemas['QualyticsUserSchema']>;
export type Token = z.infer<ModelSchemas['TokenSchema']>;
export type DatastoreAction = z.infer<ModelSchemas['DatastoreActionSchema']>;
export type QualyticsRequest = z.infer<ModelSchemas['RequestSchema']>;
export type QualyticsOperation = z.infer<ModelSchemas['QualyticsOperationSchema']>;
export type QualyticsActor = z.infer<ModelSchemas['QualyticsActorSchema']>;
export type QualyticsExpect = z.infer<ModelSchemas['QualyticsExpectSchema']>;
export type QualyticsScenario = z.infer<ModelSchemas['QualyticsScenarioSchema']>;
export type QualyticsPolicy = z.infer<ModelSchemas['QualyticsPolicySchema']>;

export type Policy = z.infer<ModelSchemas['PolicySchema']>;
export type PolicyInput = z.input<ModelSchemas['PolicySchema']>;
export type Scenario = LeanixScenario | QualyticsScenario;
