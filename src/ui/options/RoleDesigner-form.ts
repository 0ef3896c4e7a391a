// A role draft as the editor holds it, and what went wrong with it, as plain data.
import type { PolicyError } from '../../policy/errors';
import type { DraftConflictReason, DraftRevision, RoleDraft } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { permissionsOf } from './RoleDesigner-model';

export interface DraftForm {
  /** The name the draft is stored under, or null for one not saved yet. */
  readonly stored: string | null;
  /** The stored revision the form was read at (what its save is based on), or null for one not saved yet. */
  readonly revision: number | null;
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
  return { stored: d.name, revision: d.revision, name: d.name, cloneFrom: d.cloneFrom ?? '', text: d.permissions.join('\n'), users: d.users ?? [] };
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

/** A save refused because another tab changed the draft: what is stored now, to keep either. */
export interface DraftConflict {
  readonly reason: DraftConflictReason;
  readonly message: string;
  /** The version stored now; null when the draft was deleted. */
  readonly theirs: RoleDraft | null;
}

/**
 * What a save of `form` is based on after the conflict, so that it replaces exactly the
 * version the user was shown ("keep mine"): the draft where it is now, or nothing when it
 * was deleted; for a name another draft took, that draft's revision is the one replaced.
 */
export function keepMineBase(form: DraftForm, conflict: DraftConflict): { base: DraftRevision | null; replacing?: number } {
  const theirs = conflict.theirs;
  const own = form.stored !== null && form.revision !== null ? { name: form.stored, revision: form.revision } : null;
  if (!theirs) return { base: null };
  if (conflict.reason === 'taken') return { base: own, replacing: theirs.revision };
  return { base: { name: theirs.name, revision: theirs.revision } };
}

/** The lines only one side has, for showing a conflict: permissions and users. */
export function conflictDiff(mine: DraftForm, theirs: RoleDraft): { onlyMine: string[]; onlyTheirs: string[]; users: { onlyMine: string[]; onlyTheirs: string[] } } {
  const a = permissionsOf(mine.text);
  const b = [...theirs.permissions];
  const ua = [...mine.users];
  const ub = [...(theirs.users ?? [])];
  return {
    onlyMine: a.filter((l) => !b.includes(l)),
    onlyTheirs: b.filter((l) => !a.includes(l)),
    users: { onlyMine: ua.filter((u) => !ub.includes(u)), onlyTheirs: ub.filter((u) => !ua.includes(u)) },
  };
}
