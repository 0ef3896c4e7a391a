// What a patch path touches on a fact sheet type, which grant a patch there needs,
// and whether writing it can break the seal: one reading for the evaluator, the bulk
// path, the advisor and the pickers.
import type { FactSheetType, Patch } from '../../model/schema';
import { BASE_FIELDS, SECTION_RESOURCES } from '../../model/vocabulary';
import type { Action, PatchOp, Resource, Section } from '../../model/vocabulary';
import { firstSegment } from '../paths';

export type TargetKind = 'seal' | 'base field' | 'attribute' | 'relation' | Section;

export interface Target {
  readonly kind: TargetKind;
  /** The resource whose grant a patch here needs; null for `/lxState` (the seal permission). */
  readonly resource: Resource | null;
  /** The field, base field or relation; `*` for sections, `lxState` for the seal. */
  readonly qualifier: string;
  /** `Application.lifecycle`, `comments of Application`, `the quality seal`. */
  readonly label: string;
}

type TypeShape = Pick<FactSheetType, 'name' | 'fields' | 'relations'>;

const SECTION_ACTION: Record<PatchOp, Action> = { add: 'CREATE', replace: 'UPDATE', remove: 'DELETE' };
const BASE = new Set<string>(BASE_FIELDS);

/** The target of a path of a validated file; an unknown first segment reads as a base field. */
export function targetOf(type: TypeShape, path: string): Target {
  const segment = firstSegment(path);
  if (segment === 'lxState') return { label: 'the quality seal', kind: 'seal', resource: null, qualifier: 'lxState' };
  if (type.fields.includes(segment)) return { label: `${type.name}.${segment}`, kind: 'attribute', resource: 'FACT_SHEET_FIELDS', qualifier: segment };
  if (type.relations.includes(segment)) return { label: `${type.name}.${segment}`, kind: 'relation', resource: 'FACT_SHEET_RELATIONS', qualifier: segment };
  if (segment in SECTION_RESOURCES) {
    const section = segment as Section;
    return { label: `${section} of ${type.name}`, kind: section, resource: SECTION_RESOURCES[section], qualifier: '*' };
  }
  return { label: `${type.name}.${segment}`, kind: 'base field', resource: 'FACT_SHEET_BASE_FIELDS', qualifier: segment };
}

/** Whether the path's first segment names a base field, attribute, relation or section of the type. */
export function namesPartOf(type: TypeShape, path: string): boolean {
  const segment = firstSegment(path);
  return BASE.has(segment) || type.fields.includes(segment) || type.relations.includes(segment) || segment in SECTION_RESOURCES;
}

/** Base fields and attributes take UPDATE for every op; relations and sections the op's own action. */
export function onFields(target: Target): boolean {
  return target.kind === 'base field' || target.kind === 'attribute';
}

export function actionFor(target: Target, op: Patch['op']): Action {
  return onFields(target) ? 'UPDATE' : SECTION_ACTION[op];
}

/** Writing here breaks an approved seal (without the seal permission): base fields, attributes, relations, documents, and tags where the type says so. */
export function isSealRelevant(kind: TargetKind, tagsBreakSeal: boolean): boolean {
  return kind === 'base field' || kind === 'attribute' || kind === 'relation' || kind === 'documents' || (kind === 'tags' && tagsBreakSeal);
}

/** Empty as the mandatory rules mean it: missing, null, `""` or `[]`. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
