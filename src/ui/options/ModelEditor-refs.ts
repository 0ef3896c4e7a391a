// Creating, renaming and deleting fact sheet types and fact sheets in the model editor:
// where the model refers to a type or a fact sheet (each place with its JSON path, as
// the validator locates errors), a rename that updates every reference, and the
// refusal of a delete that would leave references behind. Also the value boxes of a
// fact sheet's fields. Pure; unit-tested in test/ui/model-editor-refs.test.ts.
import type { FactSheet, FactSheetType, LeanixPolicy } from '../../model/schema';
import { tokenizePermission } from '../../model/permission';
import { BASE_FIELDS } from '../../model/vocabulary';
import { formatPath } from '../../model/words';
import type { LxState } from '../../model/vocabulary';
import { newIdProblem, newNameProblem } from './ModelEditor-model';

/** One place that refers to a name: its JSON path and what it is, in words. */
export interface Reference {
  readonly path: string;
  readonly what: string;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The index of the TYPE part's comma item naming `type` (letter case ignored, as Shiro reads it), per item; -1: none. */
function typeItems(permission: string, type: string): number[] {
  const parts = tokenizePermission(permission);
  const typePart = parts[2];
  if (!typePart) return [];
  return typePart.items.flatMap((item, k) => (sameName(item.text, type) ? [k] : []));
}

/** Every place that names the type: fact sheets of it, subscription roles for it, permission strings naming it, scenarios creating one. */
export function typeReferences(policy: LeanixPolicy, type: string): Reference[] {
  const out: Reference[] = [];
  policy.factSheets.forEach((f, i) => {
    if (f.type === type) out.push({ path: `factSheets[${i}].type`, what: `fact sheet “${f.name || f.id}” (${f.id}) is of this type` });
  });
  policy.subscriptionRoles.forEach((r, i) =>
    r.factSheetTypes.forEach((t, j) => {
      if (t === type) out.push({ path: `subscriptionRoles[${i}].factSheetTypes[${j}]`, what: `subscription role “${r.name}” applies to it` });
    }),
  );
  policy.roles.forEach((r, i) =>
    r.permissions.forEach((p, j) => {
      if (typeItems(p, type).length) out.push({ path: `roles[${i}].permissions[${j}]`, what: `customer role ${r.name} grants on it: ${p}` });
    }),
  );
  policy.scenarios.forEach((s, i) => {
    if (s.operation.op === 'create' && s.operation.type === type) out.push({ path: `scenarios[${i}].operation.type`, what: `scenario “${s.name}” creates one` });
  });
  return out;
}

/** Why the type cannot be deleted (every reference, located), or null. */
export function typeDeleteProblem(policy: LeanixPolicy, type: string): Reference[] | null {
  const refs = typeReferences(policy, type);
  return refs.length ? refs : null;
}

/** Why `to` cannot be the new name of type `from`, or null. */
export function typeRenameProblem(policy: LeanixPolicy, from: string, to: string): string | null {
  if (to === from) return 'the type already has this name';
  return newNameProblem(
    to,
    policy.factSheetTypes.map((t) => t.name).filter((n) => n !== from),
    'fact sheet type',
  );
}

/** The permission string with every TYPE item naming `from` written `to`; the other parts as they were. */
export function renameTypeInPermission(permission: string, from: string, to: string): string {
  const hits = typeItems(permission, from);
  if (!hits.length) return permission;
  const parts = tokenizePermission(permission);
  const typePart = parts[2]!;
  const items = typePart.items.map((item, k) => (hits.includes(k) ? to : item.text));
  return [...parts.slice(0, 2).map((p) => p.text), items.join(','), ...parts.slice(3).map((p) => p.text)].join(':');
}

/** The policy with type `from` named `to`, and every reference to it (fact sheets, subscription roles, permission strings, create scenarios) too. */
export function renameType(policy: LeanixPolicy, from: string, to: string): LeanixPolicy {
  return {
    ...policy,
    factSheetTypes: policy.factSheetTypes.map((t) => (t.name === from ? { ...t, name: to } : t)),
    factSheets: policy.factSheets.map((f) => (f.type === from ? { ...f, type: to } : f)),
    subscriptionRoles: policy.subscriptionRoles.map((r) => (r.factSheetTypes.includes(from) ? { ...r, factSheetTypes: r.factSheetTypes.map((t) => (t === from ? to : t)) } : r)),
    roles: policy.roles.map((r) => {
      const permissions = r.permissions.map((p) => renameTypeInPermission(p, from, to));
      return permissions.some((p, j) => p !== r.permissions[j]) ? { ...r, permissions } : r;
    }),
    scenarios: policy.scenarios.map((s) =>
      s.operation.op === 'create' && s.operation.type === from ? { ...s, operation: { ...s.operation, type: to } } : s,
    ),
  };
}

/** A new type: no fields or relations yet, the quality seal on (no renewal), nothing mandatory or exempt. */
export function newType(name: string): FactSheetType {
  return {
    name,
    fields: [],
    relations: [],
    mandatory: { fields: [], relations: [], subscriptions: [] },
    qualitySeal: { enabled: true, draft: false, rejected: false, tagsBreakSeal: false, renewal: null, ignoreUpdatesForFields: [], ignoreUpdatesForRelations: [] },
  };
}

/** Why `name` cannot be a new type's name, or null. */
export function newTypeProblem(policy: LeanixPolicy, name: string): string | null {
  return newNameProblem(name, policy.factSheetTypes.map((t) => t.name), 'fact sheet type');
}

// ---------------------------------------------------------------- fact sheets

/** The places that name the fact sheet: scenarios acting on it. (Relation targets need not be fact sheets of the file.) */
export function sheetReferences(policy: LeanixPolicy, id: string): Reference[] {
  const out: Reference[] = [];
  policy.scenarios.forEach((s, i) => {
    const op = s.operation;
    if (op.op !== 'create' && op.factSheet === id) out.push({ path: `scenarios[${i}].operation.factSheet`, what: `scenario “${s.name}” acts on it` });
  });
  return out;
}

/** Other fact sheets whose relations point to the fact sheet: they stay valid, but say so. */
export function sheetTargetedBy(policy: LeanixPolicy, id: string): Reference[] {
  const out: Reference[] = [];
  policy.factSheets.forEach((f, i) => {
    for (const [rel, targets] of Object.entries(f.relations)) {
      const j = targets.indexOf(id);
      if (j >= 0 && f.id !== id) out.push({ path: formatPath(['factSheets', i, 'relations', rel, j]), what: `“${f.name || f.id}” relates to it by ${rel}` });
    }
  });
  return out;
}

/** The state a new fact sheet of the type is written with: DRAFT where enabled, BROKEN_QUALITY_SEAL with a seal, APPROVED without. */
export function newSheetState(type: FactSheetType | undefined): LxState {
  if (!type) return 'APPROVED';
  return type.qualitySeal.draft ? 'DRAFT' : type.qualitySeal.enabled ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
}

export function newSheet(policy: LeanixPolicy, id: string, type: string, name: string): FactSheet {
  return {
    id,
    type,
    name,
    lxState: newSheetState(policy.factSheetTypes.find((t) => t.name === type)),
    approvedAt: null,
    subscriptions: [],
    permittedReadACL: [],
    permittedWriteACL: [],
    values: {},
    relations: {},
    naFields: [],
  };
}

export function newSheetProblem(policy: LeanixPolicy, id: string, type: string): string | null {
  const why = newIdProblem(id, policy.factSheets.map((f) => f.id), 'fact sheet');
  if (why) return why;
  if (!policy.factSheetTypes.some((t) => t.name === type)) return policy.factSheetTypes.length ? 'choose the type of the fact sheet' : 'add a fact sheet type first (Fact sheet types)';
  return null;
}

/**
 * The fact sheet with another seal state. Setting APPROVED on a type with a renewal
 * fills an empty `approvedAt` with `asOf` (the validator asks for one).
 */
export function withState(sheet: FactSheet, lxState: LxState, type: FactSheetType | undefined, asOf: string): FactSheet {
  const needsTime = lxState === 'APPROVED' && sheet.approvedAt === null && type?.qualitySeal.enabled && type.qualitySeal.renewal !== null;
  return { ...sheet, lxState, approvedAt: needsTime ? asOf : sheet.approvedAt };
}

/** The fields whose values a fact sheet's form offers: base fields (but name and lxState), the type's attributes, then any other key its values hold. */
export function valueFields(sheet: Pick<FactSheet, 'values'>, type: Pick<FactSheetType, 'fields'> | undefined): string[] {
  const out: string[] = BASE_FIELDS.filter((f) => f !== 'name' && f !== 'lxState');
  for (const f of type?.fields ?? []) if (!out.includes(f)) out.push(f);
  for (const k of Object.keys(sheet.values)) if (!out.includes(k)) out.push(k);
  return out;
}

/** A value as its box shows it: text as typed; numbers, booleans, null, lists and objects as JSON; text that would read as JSON in quotes. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return readsAsJson(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function readsAsJson(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v !== 'string' || t.startsWith('"');
  } catch {
    return false;
  }
}

/** What a value box means: empty is no value; JSON (`3`, `true`, `null`, `[..]`, `"3"`) is that value; any other text is text. */
export function valueOfText(text: string): { value: unknown } | null {
  if (text.trim() === '') return null;
  if (readsAsJson(text)) return { value: JSON.parse(text.trim()) as unknown };
  return { value: text };
}

/** The fact sheet with the value of `field` set from its box (an empty box removes it). */
export function withValueText(sheet: FactSheet, field: string, text: string): FactSheet {
  const { [field]: _old, ...rest } = sheet.values;
  const v = valueOfText(text);
  return { ...sheet, values: v ? { ...sheet.values, [field]: v.value as FactSheet['values'][string] } : rest };
}
