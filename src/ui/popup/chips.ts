// The changes a quick check offers for a fact sheet type, as chips, and the patches they make.
import type { FactSheetType, Patch } from '../../model/schema';
import { BASE_FIELDS, SECTIONS } from '../../model/vocabulary';

export interface Chip {
  /** The JSON-pointer patch path, e.g. `/cveCount`. */
  readonly path: string;
  readonly label: string;
  readonly op: 'replace' | 'add';
}

export interface ChipGroup {
  readonly name: string;
  readonly chips: readonly Chip[];
}

/** Non-empty, so mandatory-field rules do not trigger. */
export const PLACEHOLDER = 'changed';
export const SEAL_PATH = '/lxState';

export function pointer(name: string): string {
  return `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function chipGroups(type: FactSheetType): ChipGroup[] {
  const seen = new Set<string>();
  const group = (name: string, names: readonly string[], op: Chip['op']): ChipGroup => ({
    name,
    chips: names.flatMap((n) => {
      const path = pointer(n);
      if (seen.has(path)) return [];
      seen.add(path);
      return [{ path, label: n, op }];
    }),
  });
  return [
    group('Base fields', BASE_FIELDS.filter((f) => f !== 'lxState'), 'replace'),
    group('Attributes', type.fields, 'replace'),
    group('Relations', type.relations, 'add'),
    group('Sections', SECTIONS, 'add'),
    group('Quality seal', ['lxState'], 'replace'),
  ].filter((g) => g.chips.length > 0);
}

/** The states `/lxState` may be set to on this type. */
export function sealStates(type: FactSheetType): string[] {
  const seal = type.qualitySeal;
  return ['APPROVED', 'BROKEN_QUALITY_SEAL', ...(seal.draft ? ['DRAFT'] : []), ...(seal.rejected ? ['REJECTED'] : [])];
}

/** Patches for the chosen chips, in chip order. */
export function patchesFor(groups: readonly ChipGroup[], chosen: ReadonlySet<string>, lxState: string): Patch[] {
  const out: Patch[] = [];
  for (const g of groups) {
    for (const c of g.chips) {
      if (!chosen.has(c.path)) continue;
      out.push({ op: c.op, path: c.path, value: c.path === SEAL_PATH ? lxState : PLACEHOLDER });
    }
  }
  return out;
}
