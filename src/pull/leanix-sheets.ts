// LeanIX fact sheets: the GraphQL query (base fields, ACLs, subscriptions, and per
// type its attributes and relations, from the data model) and each node mapped as a
// page arrives: values as they come, relation targets, "leave empty" marks, ACLs by
// name, subscriptions of known users with the roles that fit them.
import { LX_STATES, SUBSCRIPTION_TYPES } from '../model/vocabulary';
import type { LxState, SubscriptionType } from '../model/vocabulary';
import { GRAPHQL_NAME } from './leanix-model';
import type { SubRoles, TypeDraft } from './leanix-model';
import type { Notes } from './notes';
import { at, id, isObject, misfit, obj, oneOf, optList, optObj, optStr, optStrings, str } from './read';
import type { Json, Where } from './read';

/** Sub-selections for attribute kinds whose values are objects [I]. */
const SUBSELECTIONS: Record<string, string> = {
  LIFECYCLE: ' { asString phases { phase startDate } }',
  EXTERNAL_ID: ' { externalId }',
  LOCATION: ' { rawAddress }',
};

/** The `approvedAt` of a fact sheet whose approval time is still to be asked for. */
export const PENDING = '\u0000approval time pending\u0000';

export interface SheetDraft {
  id: string;
  type: string;
  name: string;
  lxState: LxState;
  approvedAt?: string;
  subscriptions?: { user: string; type: SubscriptionType; roles?: string[] }[];
  permittedReadACL?: string[];
  permittedWriteACL?: string[];
  values?: Record<string, unknown>;
  relations?: Record<string, string[]>;
  naFields?: string[];
}

// ---------------------------------------------------------------- fact sheets

export function factSheetQuery(types: readonly Pick<TypeDraft, 'name' | 'selectFields' | 'selectRelations' | 'fieldKinds'>[], filtered: boolean, notes?: Notes): string {
  const variables = filtered ? '$after: String, $filter: FilterInput' : '$after: String';
  const args = filtered ? 'first: 100, after: $after, filter: $filter' : 'first: 100, after: $after';
  return `query SealcheckPull(${variables}) { allFactSheets(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${factSheetSelection(types, notes)} } } } }`;
}

/** What a query selects of each fact sheet: the base fields, ACLs, subscriptions, and per type its attributes and relations. */
export function factSheetSelection(types: readonly Pick<TypeDraft, 'name' | 'selectFields' | 'selectRelations' | 'fieldKinds'>[], notes?: Notes): string {
  const fragments: string[] = [];
  for (const type of types) {
    const selection = [
      ...type.selectFields.map((f) => `${f}${SUBSELECTIONS[type.fieldKinds.get(f) ?? ''] ?? ''}`),
      ...type.selectRelations.map((r) => `${r} { edges { node { factSheet { id } } } }`),
    ];
    if (!selection.length) continue;
    if (!GRAPHQL_NAME.test(type.name)) {
      notes?.add('types whose name GraphQL cannot select, their attributes and relations not pulled', type.name);
      continue;
    }
    fragments.push(`... on ${type.name} { ${selection.join(' ')} }`);
  }
  return (
    'id type name description alias release externalId { externalId } lxState naFields ' +
    'permittedReadACL { id name } permittedWriteACL { id name } ' +
    'subscriptions { edges { node { type user { id email } roles { name } } } }' +
    (fragments.length ? ` ${fragments.join(' ')}` : '')
  );
}

export function mapSheet(node: Json, where: Where, types: ReadonlyMap<string, TypeDraft>, users: ReadonlySet<string>, roles: SubRoles, notes: Notes): SheetDraft | null {
  const sheetId = id(node, 'id', where);
  const typeName = str(node, 'type', where);
  const type = types.get(typeName);
  if (!type) {
    notes.add('fact sheets of types that were not pulled, left out', `${sheetId} (${typeName})`);
    return null;
  }
  const lxState = oneOf(node, 'lxState', where, LX_STATES);
  if (lxState === 'DRAFT' && !type.seal.draft) {
    type.seal.draft = true;
    notes.add('types with DRAFT fact sheets whose approval workflow is off, given the DRAFT state', type.name);
  }
  if (lxState === 'REJECTED' && !type.seal.rejected) {
    type.seal.rejected = true;
    notes.add('types with REJECTED fact sheets whose rejected state is off, given the REJECTED state', type.name);
  }
  const name = optStr(node, 'name', where) ?? '';
  const sheet: SheetDraft = { id: sheetId, type: typeName, name, lxState };
  // Asked for later (its own request); the key is placed now so that it follows `lxState` in the file.
  if (lxState === 'APPROVED' && type.seal.renewal !== null) sheet.approvedAt = PENDING;

  // values: base fields, then attributes, as they come (null means empty)
  let values: Record<string, unknown> | undefined;
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    (values ??= {})[key] = value;
  };
  put('description', node.description);
  put('alias', node.alias);
  put('release', node.release);
  const external = node.externalId;
  put('externalId', isObject(external) ? external.externalId : external);
  for (const field of type.selectFields) put(field, node[field]);

  let relations: Record<string, string[]> | undefined;
  for (const relation of type.selectRelations) {
    const connection = node[relation];
    if (connection === undefined || connection === null) continue;
    if (!isObject(connection)) misfit(where, relation, 'an object', connection);
    const relWhere = at(where, relation);
    const edges = optList(connection, 'edges', relWhere);
    if (!edges.length) continue;
    const ids: string[] = [];
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k];
      if (!isObject(edge)) misfit(at(relWhere, 'edges'), k, 'an object', edge);
      const edgeWhere = at(relWhere, 'edges', k);
      const target = obj(obj(edge, 'node', edgeWhere), 'factSheet', at(edgeWhere, 'node'));
      const targetId = id(target, 'id', at(edgeWhere, 'node', 'factSheet'));
      if (!ids.includes(targetId)) ids.push(targetId);
    }
    (relations ??= {})[relation] = ids;
  }

  const naRaw = optStrings(node, 'naFields', where);
  let naFields: string[] | undefined;
  for (const field of naRaw) {
    if (type.relationSet.has(field)) {
      if (!(naFields ??= []).includes(field)) naFields.push(field);
    } else notes.add('"leave empty" marks on what is not a relation of the type, dropped', `${type.name}.${field}`);
  }

  const readACL = acl(node, 'permittedReadACL', where);
  const writeACL = acl(node, 'permittedWriteACL', where);

  const subscriptions = optObj(node, 'subscriptions', where);
  let subs: SheetDraft['subscriptions'];
  if (subscriptions) {
    const subsWhere = at(where, 'subscriptions');
    const edges = optList(subscriptions, 'edges', subsWhere);
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k];
      if (!isObject(edge)) misfit(at(subsWhere, 'edges'), k, 'an object', edge);
      const edgeWhere = at(subsWhere, 'edges', k);
      const sub = obj(edge, 'node', edgeWhere);
      const subWhere = at(edgeWhere, 'node');
      const subType = oneOf(sub, 'type', subWhere, SUBSCRIPTION_TYPES);
      const userId = id(obj(sub, 'user', subWhere), 'id', at(subWhere, 'user'));
      if (!users.has(userId)) {
        notes.add('subscriptions of users who are not in the user list, dropped', `${sheetId}: ${userId}`);
        continue;
      }
      if (subs?.some((s) => s.user === userId)) {
        notes.add('second subscriptions of a user to one fact sheet, dropped', `${sheetId}: ${userId}`);
        continue;
      }
      let subRoles: string[] | undefined;
      const rolesRaw = optList(sub, 'roles', subWhere);
      for (let r = 0; r < rolesRaw.length; r++) {
        const role = rolesRaw[r];
        if (!isObject(role)) misfit(at(subWhere, 'roles'), r, 'an object', role);
        const roleName = str(role, 'name', at(subWhere, 'roles', r));
        const declared = roles.byName.get(roleName);
        if (roles.dropped.has(roleName)) continue; // reported with the role
        if (!declared) notes.add('subscription roles not among the pulled subscription roles, dropped from subscriptions', `${sheetId}: ${roleName}`);
        else if (declared.type !== subType || (declared.factSheetTypes.length > 0 && !declared.factSheetTypes.includes(typeName))) {
          notes.add('subscription roles used on a subscription of another type or fact sheet type, dropped from it', `${sheetId}: ${roleName}`);
        } else if (!(subRoles ??= []).includes(roleName)) subRoles.push(roleName);
      }
      (subs ??= []).push(subRoles ? { user: userId, type: subType, roles: subRoles } : { user: userId, type: subType });
    }
  }

  if (subs) sheet.subscriptions = subs;
  if (readACL) sheet.permittedReadACL = readACL;
  if (writeACL) sheet.permittedWriteACL = writeACL;
  if (values) sheet.values = values;
  if (relations) sheet.relations = relations;
  if (naFields) sheet.naFields = naFields;
  return sheet;
}

function acl(node: Json, key: string, where: Where): string[] | undefined {
  const entries = optList(node, key, where);
  if (!entries.length) return undefined;
  const out: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!isObject(entry)) misfit(at(where, key), i, 'an object', entry);
    const entryWhere = at(where, key, i);
    const name = optStr(entry, 'name', entryWhere) || id(entry, 'id', entryWhere);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

