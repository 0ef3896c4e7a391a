// The popup's opt-in live re-read (issue 11) in the engine worker: one fact sheet of a
// pulled LeanIX workspace read again from where the workspace was pulled
// (src/pull/leanix-one.ts), checked against the stored model, and questions answered
// with it in place of the stored one, in memory for that question only: the store is
// never written. The token goes to the recorded origin only, never to a page's
// address, and no result or failure carries it.
import type { CompiledLeanix } from '../engine/leanix/compile';
import type { FactSheet, LeanixPolicy } from '../model/schema';
import { describeError, moreErrorsText } from '../policy/errors';
import { validatePolicy } from '../policy/validate';
import { describeReadFailure, factSheetChanges, readOneFactSheet } from '../pull/leanix-one';
import type { Clock, FetchLike } from '../pull';
import { noteLine } from '../pull/notes';
import type { WorkspaceSummary } from '../storage/store';
import { fail, ok } from './result';
import type { Result } from './result';

/** A fact sheet read live, and how it differs from the stored one. */
export interface LiveFactSheet {
  /** The fact sheet as LeanIX has it now, for the stored model. */
  readonly factSheet: FactSheet;
  /** When it was read (UTC, whole seconds). */
  readonly readAt: string;
  /** Where from: the workspace's recorded origin. */
  readonly origin: string;
  /** What differs from the stored fact sheet (`seal APPROVED → BROKEN_QUALITY_SEAL`, `description`, ...); empty: nothing. */
  readonly changes: readonly string[];
  /** What the mapping dropped or assumed, one line each. */
  readonly notes: readonly string[];
}

/**
 * Where a LeanIX workspace was pulled from: the store's record of a pull made in this
 * browser ("Import from LeanIX"). A workspace from a file has none, whatever its text
 * says: a file may come from anyone, and the token must go only where the user pulled from.
 */
export function liveOrigin(summary: Pick<WorkspaceSummary, 'platform' | 'pulledFrom'>): string | null {
  if (summary.platform !== 'leanix' || summary.pulledFrom?.platform !== 'leanix') return null;
  return summary.pulledFrom.origin;
}

/** `message` as the re-read's one-line failure. */
function liveFailure(message: string, cause: string): Result<never> {
  return fail({ kind: 'pull', message, cause });
}

/**
 * How long a re-read may take: less than the page's deadline for an engine call (20 s,
 * src/ui/engine-client.ts), so that a slow LeanIX (or its Retry-After) ends as a one-line
 * failure instead of counting as a stopped engine.
 */
export const LIVE_READ_TIMEOUT_MS = 15_000;

/** Re-reads `factSheetId` from `origin` and checks it against the stored model. Never throws. */
export async function readLive(
  policy: LeanixPolicy,
  origin: string,
  factSheetId: string,
  token: string,
  fetch: FetchLike,
  clock?: Clock,
  timeoutMs = LIVE_READ_TIMEOUT_MS,
): Promise<Result<LiveFactSheet>> {
  const stored = policy.factSheets.find((f) => f.id === factSheetId);
  if (!stored) return fail({ kind: 'not-found', message: `the workspace has no fact sheet \`${factSheetId}\`` });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const read = await readOneFactSheet({
    url: origin,
    token,
    fetch,
    id: factSheetId,
    type: stored.type,
    model: policy,
    signal: deadline.signal,
    ...(clock ? { clock } : {}),
  }).finally(() => clearTimeout(timer));
  const clean = (text: string) => (token.length >= 4 ? text.split(token).join('***') : text);
  if (!read.ok) {
    if (read.failure.kind === 'cancelled') return liveFailure(`${new URL(origin).host} did not answer within ${timeoutMs / 1000} s`, 'timeout');
    return liveFailure(clean(describeReadFailure(read.failure)), read.failure.kind);
  }
  const fits = checkLiveSheet(policy, read.factSheet, stored);
  if (!fits.ok) return fits;
  return ok({
    factSheet: read.factSheet,
    readAt: read.readAt,
    origin,
    changes: factSheetChanges(stored, read.factSheet),
    notes: read.notes.map((n) => clean(noteLine(n))),
  });
}

/**
 * Whether `sheet` may stand in for the stored fact sheet of its id: the same id and type,
 * and valid in the stored model (fields, relations, states, subscriptions). Validated on
 * its own with the model's types, as a pull validates a batch of fact sheets. `stored`:
 * the stored fact sheet of that id, when the caller has it at hand (a compiled workspace's map).
 */
export function checkLiveSheet(policy: LeanixPolicy, sheet: FactSheet, stored = policy.factSheets.find((f) => f.id === sheet.id)): Result<void> {
  if (!stored) return fail({ kind: 'not-found', message: `the workspace has no fact sheet \`${sheet.id}\`` });
  if (stored.type !== sheet.type) return liveFailure(`the fact sheet \`${sheet.id}\` is of type \`${sheet.type}\`, but of type \`${stored.type}\` in the workspace`, 'other-type');
  const subscribed = new Set(sheet.subscriptions.map((s) => s.user));
  const users = policy.users.filter((u) => subscribed.has(u.id)).map((u) => ({ id: u.id, kind: 'human', role: 'VIEWER' }));
  const checked = validatePolicy({ ...policy, roles: [], users, factSheets: [sheet], scenarios: [] });
  if (checked.ok) return ok(undefined);
  const first = checked.errors[0]!;
  const where = { ...first, path: first.path.replace(/^factSheets\[0\]\.?/, '') || 'its top' };
  return liveFailure(`the fact sheet read from LeanIX does not fit the stored model: ${describeError(where)}${moreErrorsText(checked.errors)}; pull the workspace again`, 'misfit');
}

/** The compiled workspace with `sheet` in place of the stored fact sheet of its id; the model itself is untouched. */
export function withFactSheet(ws: CompiledLeanix, sheet: FactSheet): CompiledLeanix {
  return { ...ws, factSheets: new Overlay(ws.factSheets, sheet) };
}

/** A map read through: one entry replaced, the rest from the base map (no copy of a large workspace). */
class Overlay implements ReadonlyMap<string, FactSheet> {
  constructor(
    private readonly base: ReadonlyMap<string, FactSheet>,
    private readonly sheet: FactSheet,
  ) {}

  get size(): number {
    return this.base.size;
  }

  get(key: string): FactSheet | undefined {
    return key === this.sheet.id ? this.sheet : this.base.get(key);
  }

  has(key: string): boolean {
    return this.base.has(key);
  }

  *entries(): MapIterator<[string, FactSheet]> {
    for (const [key, value] of this.base) yield [key, key === this.sheet.id ? this.sheet : value];
  }

  keys(): MapIterator<string> {
    return this.base.keys();
  }

  *values(): MapIterator<FactSheet> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: FactSheet, key: string, map: ReadonlyMap<string, FactSheet>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, FactSheet]> {
    return this.entries();
  }
}
