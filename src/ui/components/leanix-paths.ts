// The patch paths a LeanIX fact sheet type offers, for chips and pickers.
import type { FactSheetType, Patch } from '../../model/schema';
import { BASE_FIELDS, SECTIONS } from '../../model/vocabulary';
import { patchPath } from './patch-path';

export type PathKind = 'base field' | 'attribute' | 'relation' | 'section' | 'seal';

export interface PathOption {
  /** The patch path, escaped: `/cost~1eur` for the field `cost/eur`. */
  readonly path: string;
  /** The name as declared, for people: `cost/eur`. */
  readonly name: string;
  readonly kind: PathKind;
}

/**
 * Every first-level path of a type: base fields, attributes, relations, sections, and
 * `/lxState`, each once (a field that repeats a base field's name is the base field).
 */
export function pathsOfType(type: Pick<FactSheetType, 'fields' | 'relations'>): PathOption[] {
  const out = new Map<string, PathOption>();
  const add = (name: string, kind: PathKind) => {
    if (name === 'lxState' && kind !== 'seal') return; // the seal, whatever else declares it
    const path = patchPath(name);
    if (!out.has(path)) out.set(path, { path, name, kind });
  };
  for (const f of BASE_FIELDS) add(f, 'base field');
  for (const f of type.fields) add(f, 'attribute');
  for (const r of type.relations) add(r, 'relation');
  for (const s of SECTIONS) add(s, 'section');
  add('lxState', 'seal');
  return [...out.values()];
}

/** Paths offered by any of `types`, each once, in the order of the first type that has it. */
export function pathsOfTypes(types: readonly Pick<FactSheetType, 'fields' | 'relations'>[]): PathOption[] {
  const seen = new Map<string, PathOption>();
  for (const t of types) for (const p of pathsOfType(t)) if (!seen.has(p.path)) seen.set(p.path, p);
  return [...seen.values()];
}

/** The ops a form offers for a patch, in the order its select lists them. */
export const PATCH_OP_CHOICES = ['replace', 'add', 'remove'] as const satisfies readonly Patch['op'][];

/** A patch for a chosen chip: sections and relations are added to, everything else replaced. */
export function chipPatch(option: PathOption, valueText: string, lxState = 'APPROVED'): Patch {
  if (option.kind === 'seal') return { op: 'replace', path: option.path, value: lxState };
  const op = option.kind === 'section' || option.kind === 'relation' ? 'add' : 'replace';
  return { op, path: option.path, value: parseValue(valueText) };
}

/** Text typed for a value: JSON when it parses (`3`, `true`, `["a"]`, `"3"`), else the text itself. */
export function parseValue(text: string): Patch['value'] {
  try {
    return JSON.parse(text) as Patch['value'];
  } catch {
    return text;
  }
}

/** The text that `parseValue` reads back as the same value. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
      return JSON.stringify(value); // `"3"` stays a string
    } catch {
      return value;
    }
  }
  return JSON.stringify(value);
}
