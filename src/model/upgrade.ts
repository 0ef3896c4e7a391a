// Version 1 files read as version 2: `renewalDays: N` becomes `renewal: {value: N,
// unit: "DAYS"}`, a `mandatory` list becomes `{ fields: [...] }`, and every key version
// 2 adds gets its default. The engine, the store and the UI only ever see version 2.
import type { FactSheet, FactSheetType, LeanixPolicy, LeanixPolicyV1, Policy, QualyticsPolicy } from './schema';

function upgradeType(type: LeanixPolicyV1['factSheetTypes'][number]): FactSheetType {
  const { mandatory, qualitySeal, ...rest } = type;
  const { renewalDays, ...seal } = qualitySeal;
  return {
    ...rest,
    mandatory: { fields: [...mandatory], relations: [], subscriptions: [] },
    qualitySeal: { ...seal, renewal: renewalDays === null ? null : { value: renewalDays, unit: 'DAYS' }, ignoreUpdatesForFields: [], ignoreUpdatesForRelations: [] },
  };
}

function upgradeSheet(sheet: LeanixPolicyV1['factSheets'][number]): FactSheet {
  return { ...sheet, subscriptions: sheet.subscriptions.map((s) => ({ ...s, roles: [] })), relations: {}, naFields: [] };
}

/** The parsed version 1 LeanIX file as the version 2 model (defaults filled, as a version 2 parse fills them). */
export function upgradeLeanix(v1: LeanixPolicyV1): LeanixPolicy {
  const { factSheetTypes, factSheets, version: _version, ...rest } = v1;
  return {
    ...rest,
    version: 2,
    settings: { notifyActor: false, lockMandatoryWhenBroken: false },
    subscriptionRoles: [],
    factSheetTypes: factSheetTypes.map(upgradeType),
    factSheets: factSheets.map(upgradeSheet),
  };
}

/** Any parsed file as the model the product runs on. */
export function upgrade(file: LeanixPolicyV1 | Policy): Policy {
  if (file.platform === 'leanix' && file.version === 1) return upgradeLeanix(file as LeanixPolicyV1);
  return file as LeanixPolicy | QualyticsPolicy;
}
