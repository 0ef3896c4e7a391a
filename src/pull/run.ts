// What both platforms' pulls share: the context (requests, clock, notes, progress,
// cancellation), background requests that run while paging goes on, and the end of
// a pull (the file text, validated as written), with every failure turned into a
// typed result and the token kept out of it.
import { failureOf, fail, redactFailure } from './failure';
import { JsonLines, checkFile, fileTextAndDoc, readKeep } from './file';
import type { Kept } from './file';
import { createRequester } from './http';
import type { Authorizer, Counters, Requester } from './http';
import { MAX_FILE_BYTES } from '../policy/json';
import { Notes } from './notes';
import { isoSeconds } from './read';
import { systemClock } from './types';
import type { Clock, PullFailure, PullOptions, PullResult } from './types';

export interface Context {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly notes: Notes;
  readonly kept: Kept | null;
  /** The pull time: the file's `asOf`, whole seconds. */
  readonly asOfMs: number;
  readonly asOf: string;
  readonly saved: boolean;
  /** The base URL's origin, or `saved responses` for `--from`. */
  readonly origin: string;
  request: Requester;
  /** Reports a stage's progress (the count of responses read goes along). */
  progress(stage: string, done: number, total: number | null): void;
  /** Runs a mapping step and adds its time to the mapping cost. */
  map<T>(step: () => T): T;
  /** Runs a writing step (JSON text of the file) and adds its time to the writing cost. */
  write<T>(step: () => T): T;
  /** Runs a request in the background: its failure ends the pull at the next check or at `drain`. */
  background(task: Promise<void>): void;
  /** Throws the first background failure, if any. */
  check(): void;
  /** Waits for every background task; throws the first failure. */
  drain(): Promise<void>;
  pages: number;
  items: number;
}

export interface Pulled {
  readonly doc: Record<string, unknown>;
  readonly assumed: readonly string[];
}

export interface PlatformPull {
  readonly platform: 'leanix' | 'qualytics';
  /** The origin for a network source (validated), or null for saved responses. */
  readonly origin: string | null;
  /** Builds the authorizer once the context exists (network sources). */
  authorizer(ctx: Context): Authorizer | null;
  run(ctx: Context): Promise<Pulled>;
  /** Secrets that must never appear in a failure. */
  secrets(): readonly string[];
}

const now = (): number => globalThis.performance?.now() ?? Date.now();

/** Runs a platform pull to its result. Never throws. */
export async function runPull(options: PullOptions, makePull: () => PlatformPull): Promise<PullResult> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let pull: PlatformPull | null = null;
  let background: unknown = undefined;
  try {
    if (options.signal?.aborted) fail({ kind: 'cancelled' });
    pull = makePull();
    const clock = options.clock ?? systemClock;
    const asOfMs = Math.floor(clock.now() / 1000) * 1000;
    const counters: Counters = { requests: 0, responses: 0, retries: 0 };
    let mappingMs = 0;
    let writingMs = 0;
    let running = 0;
    let idle: (() => void) | null = null;
    const ctx: Context = {
      clock,
      signal: controller.signal,
      notes: new Notes(),
      // A LeanIX pull always writes its fact sheets anew: the kept file's need not be held.
      kept: options.keep === undefined ? null : readKeep(typeof options.keep === 'function' ? options.keep() : options.keep, pull.platform, pull.platform === 'leanix' ? ['factSheets'] : []),
      asOfMs,
      asOf: isoSeconds(asOfMs),
      saved: options.source.kind === 'saved',
      origin: pull.origin ?? 'saved responses',
      request: null as unknown as Requester,
      pages: 0,
      items: 0,
      progress(stage, done, total) {
        options.onProgress?.({ stage, pages: counters.responses, done, total });
      },
      map(step) {
        const start = now();
        try {
          return step();
        } finally {
          mappingMs += now() - start;
        }
      },
      write(step) {
        const start = now();
        try {
          return step();
        } finally {
          writingMs += now() - start;
        }
      },
      background(task) {
        running++;
        task.then(
          () => undefined,
          (error: unknown) => {
            if (background === undefined) background = error;
            controller.abort();
          },
        ).finally(() => {
          if (--running === 0 && idle) idle();
        });
      },
      check() {
        if (background !== undefined) throw background;
      },
      async drain() {
        if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
        idle = null;
        ctx.check();
      },
    };
    ctx.request = createRequester(options.source, pull.origin, clock, controller.signal, options.concurrency ?? 4, pull.authorizer(ctx), counters);
    let pulled: Pulled | null = await pull.run(ctx);
    const { assumed } = pulled;
    // From here on the fact sheets are read back from the text: the pulled lines may go.
    const limit = options.maxFileBytes ?? MAX_FILE_BYTES;
    const { text, doc } = ctx.write(() => fileTextAndDoc(pulled!.doc, ctx.kept, limit));
    pulled = null;
    const start = now();
    // Belt and braces: should an answer have echoed a token, nothing is written.
    if (pull.secrets().some((secret) => secret.length >= 8 && text.includes(secret))) {
      fail({ kind: 'internal', message: 'an answer carried the token, so the file would too; nothing was written' });
    }
    checkFile(doc, text, ctx.kept, limit);
    const counts: Record<string, number> = {};
    for (const [key, value] of Object.entries(doc)) if (Array.isArray(value) || value instanceof JsonLines) counts[key] = value.length;
    const validationMs = now() - start;
    return {
      ok: true,
      text,
      counts,
      report: {
        assumed,
        notes: ctx.notes.list(),
        stats: { requests: counters.requests, retries: counters.retries, pages: ctx.pages, items: ctx.items, mappingMs, writingMs, validationMs },
      },
    };
  } catch (thrown) {
    // A request that failed in the background cancels the others: its failure is the cause.
    const cause = background !== undefined && !options.signal?.aborted ? background : thrown;
    let failure: PullFailure = options.signal?.aborted ? { kind: 'cancelled' } : failureOf(cause);
    failure = redactFailure(failure, pull?.secrets() ?? secretsOf(options));
    return { ok: false, failure };
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function secretsOf(options: PullOptions): string[] {
  return options.source.kind === 'network' ? [options.source.token] : [];
}
