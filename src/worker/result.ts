import type { PolicyError } from '../policy/errors';
import type { DraftConflictReason, RoleDraft, StorageFailure } from '../storage/store';

/** What crosses the worker boundary when something goes wrong: data, never a thrown class. */
export type Failure =
  | { readonly kind: 'invalid'; readonly message: string; readonly errors: readonly PolicyError[] }
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'storage'; readonly message: string; readonly storage: StorageFailure['kind'] }
  /**
   * A draft save refused because the draft changed since the editor read it (another tab
   * saved, renamed or deleted it, or took its name): `theirs` is the version stored now.
   */
  | {
      readonly kind: 'conflict';
      readonly message: string;
      readonly reason: DraftConflictReason;
      readonly theirs: RoleDraft | null;
      readonly renamedTo?: string;
    }
  /**
   * A pull from LeanIX or Qualytics failed before anything was stored: `message` is the one
   * line naming the cause (never the token), `cause` the pull's failure kind (`unauthorized`, ...).
   */
  | { readonly kind: 'pull'; readonly message: string; readonly cause: string }
  /** The engine stopped (crashed, closed or hung) before it answered; the page started a new one. */
  | { readonly kind: 'stopped'; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string };

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: Failure): Result<T> {
  return { ok: false, error };
}

export function storageFailure(error: StorageFailure): Failure {
  return { kind: 'storage', message: error.message, storage: error.kind };
}
