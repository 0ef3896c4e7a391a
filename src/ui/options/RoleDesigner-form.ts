// A role draft as the editor holds it, and what went wrong with it, as plain data.
import type { PolicyError } from '../../policy/errors';
import type { RoleDraft } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { permissionsOf } from './RoleDesigner-model';

export interface DraftForm {
  /** The name the draft is stored under, or null for one not saved yet. */
  readonly stored: string | null;
  readonly name: string;
  readonly cloneFrom: string;
  readonly text: string;
  readonly users: readonly string[];
}

/** A problem said above its located errors (a refused save, delete or apply). */
export interface DraftProblem {
  readonly title: string;
  readonly errors: PolicyError[];
}

export function formOf(d: RoleDraft): DraftForm {
  return { stored: d.name, name: d.name, cloneFrom: d.cloneFrom ?? '', text: d.permissions.join('\n'), users: d.users ?? [] };
}

/** Whether two forms would save the same draft (blank lines and user order aside). */
export function sameForm(a: DraftForm, b: DraftForm): boolean {
  return (
    a.name === b.name &&
    a.cloneFrom === b.cloneFrom &&
    permissionsOf(a.text).join('\n') === permissionsOf(b.text).join('\n') &&
    [...a.users].sort().join('\n') === [...b.users].sort().join('\n')
  );
}

export function failureErrors(f: Failure): PolicyError[] {
  return f.kind === 'invalid' ? [...f.errors] : [];
}
