// The changes a quick check offers for a fact sheet type, as chips in groups, and the
// patches the chosen ones make. Paths come from leanix-paths.ts, escaped.
import type { FactSheetType, Patch } from '../../model/schema';
import { chipPatch, pathsOfType } from '../components/leanix-paths';
import type { PathKind, PathOption } from '../components/leanix-paths';
import { patchPath } from '../components/patch-path';

export interface ChipGroup {
  readonly name: string;
  readonly chips: readonly PathOption[];
}

/** Non-empty, so mandatory-field rules do not trigger. */
export const PLACEHOLDER = 'changed';
export const SEAL_PATH = patchPath('lxState');

const GROUPS: readonly (readonly [PathKind, string])[] = [
  ['base field', 'Base fields'],
  ['attribute', 'Attributes'],
  ['relation', 'Relations'],
  ['section', 'Sections'],
  ['seal', 'Quality seal'],
];

export function chipGroups(type: Pick<FactSheetType, 'fields' | 'relations'>): ChipGroup[] {
  const options = pathsOfType(type);
  return GROUPS.map(([kind, name]) => ({ name, chips: options.filter((o) => o.kind === kind) })).filter((g) => g.chips.length > 0);
}

/** The states `/lxState` may be set to on this type. */
export function sealStates(type: { readonly qualitySeal: Pick<FactSheetType['qualitySeal'], 'draft' | 'rejected'> }): string[] {
  const seal = type.qualitySeal;
  return ['APPROVED', 'BROKEN_QUALITY_SEAL', ...(seal.draft ? ['DRAFT'] : []), ...(seal.rejected ? ['REJECTED'] : [])];
}

/** Patches for the chosen chips, in chip order: `valueText` for fields, `lxState` for the seal. */
export function patchesFor(groups: readonly ChipGroup[], chosen: ReadonlySet<string>, valueText: string, lxState: string): Patch[] {
  return groups.flatMap((g) => g.chips.filter((c) => chosen.has(c.path)).map((c) => chipPatch(c, valueText, lxState)));
}
