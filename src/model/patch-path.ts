// Reading a patch path of the policy file: what its first segment names on a fact
// sheet type (the seal, a base field, an attribute, a relation or a section), and
// which resource and qualifier a grant for it names. The language of the file, shared
// by the validator, the engine, the worker and the CLI.
import type { FactSheetType } from './schema';
import { BASE_FIELDS, SECTION_RESOURCES } from './vocabulary';
import type { Resource, Section } from './vocabulary';
import { firstSegment } from './paths';

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

export type TypeShape = Pick<FactSheetType, 'name' | 'fields' | 'relations'>;

const BASE = new Set<string>(BASE_FIELDS);

function isSection(segment: string): segment is Section {
  return Object.prototype.hasOwnProperty.call(SECTION_RESOURCES, segment);
}

/** The target of a path of a validated file; an unknown first segment reads as a base field. */
export function targetOf(type: TypeShape, path: string): Target {
  const segment = firstSegment(path);
  if (segment === 'lxState') return { label: 'the quality seal', kind: 'seal', resource: null, qualifier: 'lxState' };
  if (type.fields.includes(segment)) return { label: `${type.name}.${segment}`, kind: 'attribute', resource: 'FACT_SHEET_FIELDS', qualifier: segment };
  if (type.relations.includes(segment)) return { label: `${type.name}.${segment}`, kind: 'relation', resource: 'FACT_SHEET_RELATIONS', qualifier: segment };
  if (isSection(segment)) {
    return { label: `${segment} of ${type.name}`, kind: segment, resource: SECTION_RESOURCES[segment], qualifier: '*' };
  }
  return { label: `${type.name}.${segment}`, kind: 'base field', resource: 'FACT_SHEET_BASE_FIELDS', qualifier: segment };
}

/** Whether the path's first segment names a base field, attribute, relation or section of the type. */
export function namesPartOf(type: TypeShape, path: string): boolean {
  const segment = firstSegment(path);
  return BASE.has(segment) || type.fields.includes(segment) || type.relations.includes(segment) || isSection(segment);
}
