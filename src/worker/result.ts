import type { PolicyError } from '../policy/errors';
import type { StorageFailure } from '../storage/store';

/** What crosses the worker boundary when something goes wrong: data, never a thrown class. */
export type Failure =
  | { readonly kind: 'invalid'; readonly message: string; readonly errors: readonly PolicyError[] }
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'storage'; readonly message: string; readonly storage: StorageFailure['kind'] }
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
