// Storage failures in plain words. Every backend turns whatever the browser (or
// Dexie, which wraps the browser's DOMExceptions) throws into a `StorageFailure`
// through `toFailure`, so the UI shows one sentence and never a stack trace.
import type { StorageFailure, StoreResult } from './store';

export const MESSAGES = {
  quota: "the browser's storage is full: free space or delete a workspace, then try again",
  version: 'this database was written by a newer Sealcheck; update the extension',
  blocked: 'another Sealcheck tab holds the database open; close it and try again',
  aborted: 'the storage operation was cancelled before it finished; nothing was changed',
  workspaceNotFound: 'this workspace no longer exists; it may have been deleted in another tab',
  draftNotFound: 'this draft no longer exists; it may have been deleted in another tab',
} as const;

/** Thrown by a backend to cancel an operation (an aborted signal); maps to `aborted`. */
export class StoreAbortError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super(MESSAGES.aborted);
  }
}

/** An upgrade of the database waits for another connection to close; maps to `blocked`. */
export class StoreBlockedError extends Error {
  override readonly name = 'BlockedError';
  constructor() {
    super(MESSAGES.blocked);
  }
}

/** The database on disk has a newer schema than this code; maps to `version`. */
export class StoreVersionError extends Error {
  override readonly name = 'VersionError';
  constructor(found: number, supported: number) {
    super(`database version ${found} is newer than the supported ${supported}`);
  }
}

/** A failure that already carries its final kind and sentence (not found, invalid input, damaged record). */
export class StoreFailureError extends Error {
  constructor(readonly failure: StorageFailure) {
    super(failure.message);
    this.name = 'StoreFailureError';
  }
}

export function ok<T>(value: T): StoreResult<T> {
  return { ok: true, value };
}

export function fail<T>(kind: StorageFailure['kind'], message: string): StoreResult<T> {
  return { ok: false, error: { kind, message } };
}

/** Error names by priority: a quota error inside an abort is a quota error. */
const KINDS: ReadonlyArray<readonly [string, StorageFailure['kind']]> = [
  ['QuotaExceededError', 'quota'],
  ['VersionError', 'version'],
  ['BlockedError', 'blocked'],
  // Our connection was closed because another tab upgrades or deletes the database.
  ['DatabaseClosedError', 'blocked'],
  ['VersionChangeError', 'blocked'],
  ['AbortError', 'aborted'],
];

/** Maps anything thrown by a backend to a `StorageFailure`. */
export function toFailure(error: unknown): StorageFailure {
  if (error instanceof StoreFailureError) return error.failure;
  const chain = causes(error);
  for (const [name, kind] of KINDS) {
    if (chain.some((e) => e.name === name)) return { kind, message: MESSAGES[kind as keyof typeof MESSAGES] };
  }
  return { kind: 'unknown', message: unknownMessage(chain) };
}

interface Named {
  readonly name: string;
  readonly message: string;
}

/** The error, its `inner` (Dexie), `cause` (ES2022) and `failures` (Dexie's BulkError, ModifyError), depth first. */
function causes(error: unknown, depth = 0, out: Named[] = []): Named[] {
  if (depth > 8 || error === null || error === undefined) return out;
  if (typeof error !== 'object') {
    out.push({ name: 'Error', message: String(error) });
    return out;
  }
  const e = error as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  out.push({ name: typeof e.name === 'string' ? e.name : 'Error', message: typeof e.message === 'string' ? e.message : '' });
  causes(e.inner, depth + 1, out);
  causes(e.cause, depth + 1, out);
  if (Array.isArray(e.failures)) for (const f of e.failures.slice(0, 3)) causes(f, depth + 1, out);
  return out;
}

/** The browser's own words: the innermost message, as a lowercase sentence without a trailing period. */
function unknownMessage(chain: readonly Named[]): string {
  const root = [...chain].reverse().find((e) => e.message.trim() !== '') ?? chain[0];
  if (!root) return "the browser's storage failed for an unknown reason";
  const text = root.message.trim().split('\n')[0]!.replace(/[.\s]+$/, '');
  if (!text) return `the browser's storage failed (${root.name})`;
  return `the browser's storage failed: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** Runs `body`, turning every throw into a failed result. */
export async function guard<T>(body: () => Promise<T>): Promise<StoreResult<T>> {
  try {
    return ok(await body());
  } catch (error) {
    return { ok: false, error: toFailure(error) };
  }
}
