// LeanIX's model as a policy file's model: the data model's types (fields, relations,
// mandatory values, quality seal), subscription roles and customer roles (their
// permission strings read for the pulled model). Names that differ only in letter
// case end the pull: permission strings could not tell them apart.
import { BASE_FIELDS, RENEWAL_UNITS, STANDARD_ROLES, SUBSCRIPTION_TYPES } from '../model/vocabulary';
import type { RenewalUnit, SubscriptionType } from '../model/vocabulary';
import { suggestion } from '../model/words';
import { fail } from './failure';
import type { Notes } from './notes';
import { permissionStrings } from './permissions';
import type { PermissionFilter } from './permissions';
import { asObject, at, isObject, list, misfit, obj, oneOf, optBool, optList, optNum, optObj, optStr, optStrings, str } from './read';
import type { Json, Where } from './read';

const BASE = new Set<string>(BASE_FIELDS);
export const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

const UNIT_SECONDS: Record<string, number> = { NANOSECONDS: 1e-9, MICROSECONDS: 1e-6, MILLISECONDS: 1e-3, SECONDS: 1, MINUTES: 60, HOURS: 3_600, DAYS: 86_400 };

export interface TypeDraft {
  readonly name: string;
  readonly fields: string[];
  readonly fieldKinds: Map<string, string | undefined>;
  readonly relations: string[];
  readonly mandatory: { fields: string[]; relations: string[]; subscriptions: { type: SubscriptionType }[] };
  readonly seal: {
    enabled: boolean;
    draft: boolean;
    rejected: boolean;
    renewal: { value: number; unit: RenewalUnit } | null;
    ignoreUpdatesForFields: string[];
    ignoreUpdatesForRelations: string[];
  };
  /** Attributes and relations the GraphQL query selects. */
  selectFields: string[];
  selectRelations: string[];
  readonly fieldSet: Set<string>;
  readonly relationSet: Set<string>;
}


export interface RoleDraft {
  readonly name: string;
  readonly type: SubscriptionType;
  readonly factSheetTypes: string[];
}


export function graphqlErrors(root: Json, where: Where): void {
  const errors = root.errors;
  if (errors === undefined || errors === null || (Array.isArray(errors) && errors.length === 0)) return;
  const messages = (Array.isArray(errors) ? errors : [errors]).slice(0, 3).map((e) => {
    const message = isObject(e) && typeof e.message === 'string' ? e.message : JSON.stringify(e);
    return message.length > 200 ? `${message.slice(0, 197)}...` : message;
  });
  if (Array.isArray(errors) && errors.length > 3) messages.push(`and ${errors.length - 3} more`);
  fail({ kind: 'graphql', request: where.request, messages });
}


// ---------------------------------------------------------------- data model

export function mapDataModel(answer: unknown, where: Where, wanted: readonly string[] | undefined, notes: Notes): TypeDraft[] {
  const root = asObject(answer, where);
  const data = obj(root, 'data', where);
  const dataWhere = at(where, 'data');
  const factSheets = obj(data, 'factSheets', dataWhere);
  const sheetsWhere = at(dataWhere, 'factSheets');
  const names = Object.keys(factSheets);
  if (wanted) {
    const unknown = wanted.filter((t) => !names.includes(t));
    if (unknown.length) {
      const first = unknown[0]!;
      fail({
        kind: 'options',
        message: `--types: unknown fact sheet type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `\`${t}\``).join(', ')}${suggestion(first, names)}; the data model has ${names.map((n) => `\`${n}\``).join(', ') || 'no types'}`,
      });
    }
  }
  const types: TypeDraft[] = [];
  for (const name of names) {
    if (wanted && !wanted.includes(name)) continue;
    types.push(mapType(name, obj(factSheets, name, sheetsWhere), at(sheetsWhere, name), notes));
  }
  clash(types.map((t) => t.name), 'fact sheet types');
  const byName = new Map(types.map((t) => [t.name, t]));

  const relations = optObj(data, 'relations', dataWhere);
  const relationsWhere = at(dataWhere, 'relations');
  for (const [relation, def] of Object.entries(relations ?? {})) {
    if (def === null) continue;
    if (!isObject(def)) misfit(relationsWhere, relation, 'an object', def);
    const defWhere = at(relationsWhere, relation);
    const from = optStr(def, 'from', defWhere);
    const type = from === undefined ? undefined : byName.get(from);
    if (!type || optBool(def, 'mandatory', defWhere) !== true) continue;
    if (!type.relationSet.has(relation)) {
      type.relations.push(relation);
      type.relationSet.add(relation);
      notes.add('mandatory relations that a type did not list among its relations, added to them', `${type.name}.${relation}`);
    }
    if (!type.mandatory.relations.includes(relation)) type.mandatory.relations.push(relation);
  }
  for (const type of types) {
    clash([...type.fields, ...type.relations], `fields and relations of \`${type.name}\``);
    type.selectFields = type.fields.filter((f) => GRAPHQL_NAME.test(f));
    type.selectRelations = type.relations.filter((r) => GRAPHQL_NAME.test(r));
    for (const name of [...type.fields, ...type.relations]) {
      if (!GRAPHQL_NAME.test(name)) notes.add('fields and relations that GraphQL cannot select, their values not pulled', `${type.name}.${name}`);
    }
  }
  return types;
}

function mapType(name: string, def: Json, where: Where, notes: Notes): TypeDraft {
  const type: TypeDraft = {
    name,
    fields: [],
    fieldKinds: new Map(),
    relations: [],
    mandatory: { fields: [], relations: [], subscriptions: [] },
    seal: { enabled: false, draft: false, rejected: false, renewal: null, ignoreUpdatesForFields: [], ignoreUpdatesForRelations: [] },
    selectFields: [],
    selectRelations: [],
    fieldSet: new Set(),
    relationSet: new Set(),
  };
  const mandatory = (field: string) => {
    if (!type.mandatory.fields.includes(field)) type.mandatory.fields.push(field);
  };
  const fields = optObj(def, 'fields', where);
  const fieldsWhere = at(where, 'fields');
  for (const [field, fieldDef] of Object.entries(fields ?? {})) {
    if (fieldDef !== null && !isObject(fieldDef)) misfit(fieldsWhere, field, 'an object', fieldDef);
    const fieldWhere = at(fieldsWhere, field);
    const required = fieldDef ? optBool(fieldDef, 'mandatory', fieldWhere) === true : false;
    if (BASE.has(field)) {
      if (required && field === 'lxState') notes.add('`lxState` among mandatory base fields, dropped (it cannot be mandatory)', name);
      else if (required && field !== 'name') mandatory(field);
      continue;
    }
    type.fields.push(field);
    type.fieldSet.add(field);
    type.fieldKinds.set(field, fieldDef ? optStr(fieldDef, 'type', fieldWhere) : undefined);
    if (required) mandatory(field);
  }
  for (const relation of optStrings(def, 'relations', where)) {
    if (type.relationSet.has(relation)) continue;
    type.relations.push(relation);
    type.relationSet.add(relation);
  }

  const config = optObj(def, 'config', where);
  const configWhere = at(where, 'config');
  const seal = config ? optObj(config, 'qualitySeal', configWhere) : undefined;
  const sealWhere = at(configWhere, 'qualitySeal');
  if (seal) {
    type.seal.enabled = optBool(seal, 'enabled', sealWhere) ?? false;
    type.seal.renewal = renewal(seal, sealWhere, name, notes);
    for (const field of optStrings(seal, 'ignoreUpdatesForFields', sealWhere)) {
      if (field !== 'lxState' && (BASE.has(field) || type.fieldSet.has(field))) type.seal.ignoreUpdatesForFields.push(field);
      else notes.add('seal exemptions naming no field of the type (or `lxState`), dropped', `${name}.${field}`);
    }
    for (const relation of optStrings(seal, 'ignoreUpdatesForRelations', sealWhere)) {
      if (type.relationSet.has(relation)) type.seal.ignoreUpdatesForRelations.push(relation);
      else notes.add('seal exemptions naming no relation of the type, dropped', `${name}.${relation}`);
    }
  }
  const workflow = config ? optObj(config, 'approvalWorkflow', configWhere) : undefined;
  const workflowWhere = at(configWhere, 'approvalWorkflow');
  if (workflow) {
    type.seal.draft = optBool(workflow, 'enabled', workflowWhere) ?? false;
    type.seal.rejected = optBool(workflow, 'rejectedState', workflowWhere) ?? false;
    const subscriptionTypes = optList(workflow, 'mandatorySubscriptionTypes', workflowWhere);
    subscriptionTypes.forEach((subscriptionType, i) => {
      if (!(SUBSCRIPTION_TYPES as readonly unknown[]).includes(subscriptionType)) {
        misfit(at(workflowWhere, 'mandatorySubscriptionTypes'), i, SUBSCRIPTION_TYPES.map((t) => `\`${t}\``).join(', '), subscriptionType);
      }
      if (!type.mandatory.subscriptions.some((s) => s.type === subscriptionType)) type.mandatory.subscriptions.push({ type: subscriptionType as SubscriptionType });
    });
    for (const field of optStrings(workflow, 'mandatoryBaseFields', workflowWhere)) {
      if (field === 'lxState') notes.add('`lxState` among mandatory base fields, dropped (it cannot be mandatory)', name);
      else if (BASE.has(field) || type.fieldSet.has(field)) mandatory(field);
      else notes.add('mandatory base fields naming no field of the type, dropped', `${name}.${field}`);
    }
  }
  return type;
}

function renewal(seal: Json, where: Where, type: string, notes: Notes): TypeDraft['seal']['renewal'] {
  const value = optNum(seal, 'value', where);
  const unit = optStr(seal, 'unit', where);
  if (value === undefined || unit === undefined || value === 0) return null;
  if (value < 0) misfit(where, 'value', 'a positive number', value);
  const seconds = UNIT_SECONDS[unit];
  if (seconds === undefined) misfit(where, 'unit', `one of ${Object.keys(UNIT_SECONDS).map((u) => `\`${u}\``).join(', ')}`, unit);
  if ((RENEWAL_UNITS as readonly string[]).includes(unit) && Number.isInteger(value)) return { value, unit: unit as RenewalUnit };
  const rounded = Math.ceil(value * seconds - 1e-9);
  notes.add('renewals rounded up to whole seconds', `${type}: ${value} ${unit} → ${rounded} SECONDS`);
  return { value: Math.max(1, rounded), unit: 'SECONDS' };
}

/** Fails when two names differ only in letter case (or are the same). */
function clash(names: readonly string[], where: string): void {
  const byKey = new Map<string, string[]>();
  for (const name of names) {
    const key = name.toLowerCase();
    const same = byKey.get(key);
    if (same) same.push(name);
    else byKey.set(key, [name]);
  }
  const clashing = [...byKey.values()].filter((group) => group.length > 1);
  if (clashing.length) fail({ kind: 'case-clash', where, names: clashing.flat() });
}

// ---------------------------------------------------------------- subscription roles

export interface SubRoles {
  readonly roles: RoleDraft[];
  readonly byName: Map<string, RoleDraft>;
  /** Roles dropped because none of their types was pulled. */
  readonly dropped: Set<string>;
}

export function mapSubscriptionRoles(answer: unknown, where: Where, types: ReadonlyMap<string, TypeDraft>, notes: Notes): SubRoles {
  const root = asObject(answer, where);
  graphqlErrors(root, where);
  const data = obj(root, 'data', where);
  const dataWhere = at(where, 'data');
  const all = optObj(data, 'allSubscriptionRoles', dataWhere);
  const allWhere = at(dataWhere, 'allSubscriptionRoles');
  const edges = all ? optList(all, 'edges', allWhere) : [];
  const roles: RoleDraft[] = [];
  const dropped = new Set<string>();
  edges.forEach((edge, i) => {
    if (!isObject(edge)) misfit(at(allWhere, 'edges'), i, 'an object', edge);
    const nodeWhere = at(allWhere, 'edges', i, 'node');
    const node = obj(edge, 'node', at(allWhere, 'edges', i));
    const name = str(node, 'name', nodeWhere);
    const type = oneOf(node, 'subscriptionType', nodeWhere, SUBSCRIPTION_TYPES);
    const restrict = optStrings(node, 'restrictToFactSheetTypes', nodeWhere);
    const kept = restrict.filter((t) => types.has(t));
    if (restrict.length > 0 && kept.length === 0) {
      notes.add('subscription roles for types that were not pulled, dropped with their uses on subscriptions', name);
      dropped.add(name);
      return;
    }
    if (kept.length < restrict.length) notes.add('types that were not pulled, dropped from subscription roles', `${name}: ${restrict.filter((t) => !types.has(t)).join(', ')}`);
    roles.push({ name, type, factSheetTypes: kept });
  });
  clash(roles.map((r) => r.name), 'subscription roles');
  return { roles, byName: new Map(roles.map((r) => [r.name, r])), dropped };
}

// ---------------------------------------------------------------- customer roles

export function mapRoles(answer: unknown, where: Where, filter: PermissionFilter): { name: string; permissions: string[] }[] {
  const root = asObject(answer, where);
  const items = list(root, 'data', where);
  const dataWhere = at(where, 'data');
  const roles: { name: string; permissions: string[] }[] = [];
  items.forEach((item, i) => {
    if (!isObject(item)) misfit(dataWhere, i, 'an object', item);
    const roleWhere = at(dataWhere, i);
    const name = str(item, 'name', roleWhere);
    if ((STANDARD_ROLES as readonly string[]).includes(name)) return;
    const permissions: string[] = [];
    const raw = optList(item, 'permissions', roleWhere);
    const permissionsWhere = at(roleWhere, 'permissions');
    raw.forEach((permission, j) => {
      for (const text of permissionTexts(permission, at(permissionsWhere, j), permissionsWhere, j)) {
        const kept = filter.filter(name, text);
        if (kept !== null && !permissions.includes(kept)) permissions.push(kept);
      }
    });
    roles.push({ name, permissions });
  });
  clash(roles.map((r) => r.name), 'customer roles');
  return roles;
}

function permissionTexts(permission: unknown, where: Where, parent: Where, index: number): string[] {
  if (typeof permission === 'string') return [permission];
  if (!isObject(permission)) return misfit(parent, index, 'a permission string or `{domain, actions, instances}`', permission);
  const domain = str(permission, 'domain', where);
  const actionsRaw = permission.actions;
  const actions = typeof actionsRaw === 'string' ? actionsRaw.split(',').map((a) => a.trim()) : optStrings(permission, 'actions', where);
  if (actions.length === 0) return misfit(where, 'actions', 'at least one action', actionsRaw);
  const instances = optList(permission, 'instances', where).map((instance, k) => {
    if (!isObject(instance)) misfit(at(where, 'instances'), k, 'an object', instance);
    return optStrings(instance, 'values', at(where, 'instances', k));
  });
  return permissionStrings(domain, actions, instances);
}

export function typeOut(type: TypeDraft): Record<string, unknown> {
  return {
    name: type.name,
    fields: type.fields,
    relations: type.relations,
    mandatory: type.mandatory,
    qualitySeal: {
      enabled: type.seal.enabled,
      draft: type.seal.draft,
      rejected: type.seal.rejected,
      tagsBreakSeal: false,
      renewal: type.seal.renewal,
      ignoreUpdatesForFields: type.seal.ignoreUpdatesForFields,
      ignoreUpdatesForRelations: type.seal.ignoreUpdatesForRelations,
    },
  };
}

