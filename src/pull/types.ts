// What a pull takes and gives. Pure TypeScript: the network is a `fetch`-like
// function, time is a clock, saved responses are a read function, so that the
// command line (node's fetch, the file system) and the extension's worker (the
// browser's fetch, IndexedDB) run the same code.
import type { PolicyError } from '../policy/errors';

/** The part of a fetch `Response` a pull reads. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of a fetch `RequestInit` a pull sends. */
export interface RequestInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'manual';
}

/** `globalThis.fetch` fits; so does any function with this shape (tests, the worker). */
export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

/** Wall time in ms since the epoch, and a sleep that an abort ends early. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Where the answers come from: the platform's API, or responses saved as files. */
export type PullSource =
  | {
      readonly kind: 'network';
      /** The workspace's base URL, e.g. `https://acme.leanix.net`: `https`, or `http` on a loopback host. */
      readonly url: string;
      /** The API token. It is sent in headers only and never appears in a result, a note or a failure. */
      readonly token: string;
      readonly fetch: FetchLike;
    }
  | {
      readonly kind: 'saved';
      /** The text of a saved response by its file name (`dataModel.json`, `factSheets-2.json`, ...), or null when there is none. */
      readonly read: (file: string) => Promise<string | null>;
    };

/** How far a pull is: what it reads now, pages read so far, items so far and of how many. */
export interface PullProgress {
  /** `token`, `data model`, `users`, `fact sheets`, `approval times`, `datastores`, ... */
  readonly stage: string;
  /** Responses (pages) read so far, over every stage. */
  readonly pages: number;
  /** Items of this stage read so far. */
  readonly done: number;
  /** Items of this stage in all, when the platform said. */
  readonly total: number | null;
}

export interface PullOptions {
  readonly source: PullSource;
  readonly clock?: Clock;
  readonly onProgress?: (progress: PullProgress) => void;
  readonly signal?: AbortSignal;
  /** LeanIX only: pull these fact sheet types only (names as the data model spells them). */
  readonly types?: readonly string[];
  /**
   * The text of an existing policy file of the same platform whose `scenarios`,
   * `settings`, `name` and `description` are carried over; its other text is kept
   * where the pull does not change it. A function is called once, at the start: a caller
   * that gives the text that way need not hold it for the whole pull.
   */
  readonly keep?: string | (() => string);
  /** At most this many requests at once; 4 when absent, never more. */
  readonly concurrency?: number;
  /** The most bytes the file may have (UTF-8); the policy-file limit, MAX_FILE_BYTES, when absent. Tests give less. */
  readonly maxFileBytes?: number;
}

/** Something the pull changed, dropped or assumed, with how often and a few examples. */
export interface PullNote {
  readonly topic: string;
  readonly count: number;
  readonly examples: readonly string[];
}

export interface PullStats {
  /** HTTP requests sent (retries included) or saved responses read. */
  readonly requests: number;
  readonly retries: number;
  /** Fact sheet pages (LeanIX) or list pages (Qualytics) read. */
  readonly pages: number;
  readonly items: number;
  /** Time spent turning responses into the model, ms (JSON parsing of the responses excluded). */
  readonly mappingMs: number;
  /** Time spent writing the file's text: each fact sheet's line as it is final, then the file, ms. */
  readonly writingMs: number;
  /** Time spent validating the file as written, ms. */
  readonly validationMs: number;
}

export interface PullReport {
  /** The readings assumed, the grades [I] of the platform description. */
  readonly assumed: readonly string[];
  /** What was dropped or changed, and why. */
  readonly notes: readonly PullNote[];
  readonly stats: PullStats;
}

export type PullResult =
  | {
      readonly ok: true;
      /** The policy file's text, as it is to be written; it passes validatePolicy (`loadPolicyText(text)` gives the Policy). */
      readonly text: string;
      /** How many items each list of the file has: `factSheets`, `users`, `scenarios`, ... */
      readonly counts: Readonly<Record<string, number>>;
      readonly report: PullReport;
    }
  | { readonly ok: false; readonly failure: PullFailure };

/** Why a pull failed; `describeFailure` words it in one line. */
export type PullFailure =
  | { readonly kind: 'token-unset'; readonly variable: string }
  | { readonly kind: 'bad-url'; readonly url: string; readonly reason: string }
  | { readonly kind: 'options'; readonly message: string }
  | { readonly kind: 'unauthorized'; readonly request: string }
  | { readonly kind: 'forbidden'; readonly request: string }
  | { readonly kind: 'unreachable'; readonly host: string; readonly detail: string }
  | { readonly kind: 'status'; readonly request: string; readonly status: number; readonly detail: string }
  | { readonly kind: 'misfit'; readonly request: string; readonly path: string; readonly message: string }
  | { readonly kind: 'graphql'; readonly request: string; readonly messages: readonly string[] }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'case-clash'; readonly where: string; readonly names: readonly string[] }
  | { readonly kind: 'keep'; readonly message: string }
  | { readonly kind: 'invalid'; readonly errors: readonly PolicyError[] }
  /** The file would be `bytes` bytes, over the `limit` a policy file may have: nothing is written. */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly limit: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'internal'; readonly message: string };
