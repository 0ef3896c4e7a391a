// The model editor's pure helpers: dates for date inputs, immutable list edits, filters
// for long lists, fact sheet search, and the names forms offer. No DOM; unit-tested in
// test/ui/model-editor.test.ts.
import type { FactSheet, FactSheetType, LeanixPolicy, Renewal, Subscription, SubscriptionRole } from '../../model/schema';
import { BASE_FIELDS, DAY_MS } from '../../model/vocabulary';
import type { RenewalUnit, SubscriptionType } from '../../model/vocabulary';

/** `2027-06-30T00:00:00Z` → `2027-06-30` for an `<input type=date>`; null → ''. */
export function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/**
 * The timestamp a date input stands for (midnight UTC), or null when it is empty. When
 * the day is the one `previous` already falls on, `previous` is kept as it is.
 */
export function isoFromDateInput(value: string, previous: string | null | undefined): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  if (previous && dateInputValue(previous) === value) return previous;
  return `${value}T00:00:00Z`;
}

/** `days` after `from`, as a policy file writes a timestamp. */
export function daysAfter(from: string, days: number): string {
  return new Date(Date.parse(from) + days * DAY_MS).toISOString().replace(/\.000Z$/, 'Z');
}

// The list edits are shared with the scenario form; the sections take them from here.
export { removeAt, replaceAt } from '../components/list-edit';

/** How many rows a long list renders; the filter narrows the rest. */
const SHOW = 100;

/**
 * The items (with their index in `list`) one of whose `texts` contains the filter, ignoring
 * case, and the first `SHOW` of them, to render.
 */
export function filterRows<T>(list: readonly T[], filter: string, texts: (item: T) => readonly string[]): { rows: { item: T; index: number }[]; shown: { item: T; index: number }[] } {
  const q = filter.trim().toLowerCase();
  const rows = list.map((item, index) => ({ item, index })).filter(({ item }) => !q || texts(item).some((t) => t.toLowerCase().includes(q)));
  return { rows, shown: rows.slice(0, SHOW) };
}

/** Fact sheets whose name (or id) matches the query: name prefix first, then anywhere. */
export function searchFactSheets(sheets: readonly FactSheet[], query: string, limit = 20): FactSheet[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const prefix: FactSheet[] = [];
  const inner: FactSheet[] = [];
  for (const f of sheets) {
    const name = f.name.toLowerCase();
    if (name.startsWith(q)) prefix.push(f);
    else if (inner.length < limit && (name.includes(q) || f.id.toLowerCase().includes(q))) inner.push(f);
    if (prefix.length >= limit) break;
  }
  return [...prefix, ...inner].slice(0, limit);
}

/** Every access control entity the workspace names, for suggestions. */
export function knownAces(policy: LeanixPolicy): string[] {
  const all = new Set<string>();
  for (const u of policy.users) for (const a of u.aces) all.add(a);
  for (const f of policy.factSheets) {
    for (const a of f.permittedReadACL) all.add(a);
    for (const a of f.permittedWriteACL) all.add(a);
  }
  return [...all].sort();
}

/** Why a new id cannot be used, or null. */
export function newIdProblem(id: string, taken: readonly string[], word: string): string | null {
  if (id.trim() === '') return `give the ${word} an id`;
  if (id !== id.trim()) return `an id has no leading or trailing spaces`;
  if (taken.includes(id)) return `there is already a ${word} \`${id}\``;
  return null;
}

/** Why a new name cannot be used, or null; names that differ only in letter case are one name to the platform. */
export function newNameProblem(name: string, taken: readonly string[], word: string): string | null {
  if (name.trim() === '') return `give the ${word} a name`;
  if (name !== name.trim()) return 'a name has no leading or trailing spaces';
  const same = taken.find((t) => t.toLowerCase() === name.toLowerCase());
  if (same === name) return `there is already a ${word} “${name}”`;
  if (same !== undefined) return `“${name}” differs from the ${word} “${same}” only in letter case`;
  return null;
}

/** Keeps the errors under a path prefix, e.g. `users[2]`, for showing next to a row. */
export function errorsAt<E extends { path: string }>(errors: readonly E[], prefix: string): E[] {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`));
}

/** `list` with `item` in it (at the end) when `on`, without it otherwise. */
export function withItem<T>(list: readonly T[], item: T, on: boolean): T[] {
  const rest = list.filter((x) => x !== item);
  return on ? [...rest, item] : rest;
}

/** The fields a type's mandatory and seal exemption lists may name: base fields but `lxState`, then its attributes. */
export function fieldChoices(type: Pick<FactSheetType, 'fields'>): string[] {
  return [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...type.fields];
}

/**
 * The type with new attributes and relations; its mandatory and seal exemption lists
 * drop what no longer exists (base fields stay), so that the edit does not leave dangling names.
 */
export function withShape(type: FactSheetType, shape: { fields?: readonly string[]; relations?: readonly string[] }): FactSheetType {
  const fields = [...(shape.fields ?? type.fields)];
  const relations = [...(shape.relations ?? type.relations)];
  const isField = (f: string) => fields.includes(f) || (BASE_FIELDS as readonly string[]).includes(f);
  const isRelation = (r: string) => relations.includes(r);
  return {
    ...type,
    fields,
    relations,
    mandatory: { ...type.mandatory, fields: type.mandatory.fields.filter(isField), relations: type.mandatory.relations.filter(isRelation) },
    qualitySeal: {
      ...type.qualitySeal,
      ignoreUpdatesForFields: type.qualitySeal.ignoreUpdatesForFields.filter(isField),
      ignoreUpdatesForRelations: type.qualitySeal.ignoreUpdatesForRelations.filter(isRelation),
    },
  };
}

/**
 * The renewal a value box and a unit select stand for: null when the box is empty; a
 * number as typed otherwise (the validator says what is wrong with `0` or `1.5`); text that
 * is no number keeps `previous`.
 */
export function renewalOf(text: string, unit: RenewalUnit, previous: Renewal | null): Renewal | null {
  const v = text.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? { value: n, unit } : previous;
}

/** The subscription roles a subscription of `type` on a fact sheet of `factSheetType` may carry. */
export function rolesFor(roles: readonly SubscriptionRole[], type: SubscriptionType, factSheetType: string): string[] {
  return roles.filter((r) => r.type === type && (r.factSheetTypes.length === 0 || r.factSheetTypes.includes(factSheetType))).map((r) => r.name);
}

/** A subscription with another type; the roles that do not fit the new type are dropped. */
export function withSubscriptionType(sub: Subscription, type: SubscriptionType, roles: readonly SubscriptionRole[], factSheetType: string): Subscription {
  const fit = rolesFor(roles, type, factSheetType);
  return { ...sub, type, roles: sub.roles.filter((r) => fit.includes(r)) };
}

/** The relations a fact sheet's form shows: its type's, then any other key its `relations` or `naFields` hold. */
export function sheetRelations(sheet: Pick<FactSheet, 'relations' | 'naFields'>, type: Pick<FactSheetType, 'relations'> | undefined): string[] {
  const out = [...(type?.relations ?? [])];
  for (const r of [...Object.keys(sheet.relations), ...sheet.naFields]) if (!out.includes(r)) out.push(r);
  return out;
}

/** The fact sheet with the targets of one relation; no targets: the key goes. */
export function withTargets(sheet: FactSheet, relation: string, targets: readonly string[]): FactSheet {
  const { [relation]: _old, ...rest } = sheet.relations;
  return { ...sheet, relations: targets.length ? { ...sheet.relations, [relation]: [...targets] } : rest };
}
