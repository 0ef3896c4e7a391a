// What a patch path touches on a fact sheet type, which grant a patch there needs,
// and whether writing it can break the seal: one reading for the evaluator, the bulk
// path, the advisor and the pickers.
import type { Patch } from '../../model/schema';
import type { Action, PatchOp } from '../../model/vocabulary';
import type { Target, TargetKind } from '../../model/patch-path';

const SECTION_ACTION: Record<PatchOp, Action> = { add: 'CREATE', replace: 'UPDATE', remove: 'DELETE' };

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
