// Requests of a pull: at most 4 at once, 429 and 503 retried after Retry-After (or
// a backoff) at most 5 times, 401/403/other statuses and unreachable hosts as typed
// failures naming the request, bodies read as JSON. Saved responses (`--from DIR`)
// go through the same function, so the mappings cannot tell the two apart.
import { fail } from './failure';
import type { Clock, PullSource } from './types';

export const MAX_CONCURRENCY = 4;
export const MAX_RETRIES = 5;
/** A Retry-After longer than this is cut to it. */
export const MAX_RETRY_AFTER_MS = 120_000;
/** Without Retry-After: 1 s, 2 s, 4 s, 8 s, 16 s. */
export const BACKOFF_MS = 1_000;

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, from `/`. */
  readonly path: string;
  /** The saved response's file name. */
  readonly file: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly auth: 'basic' | 'bearer';
  /** An answer that may be missing (no saved file, or 404): the request then gives `undefined`. */
  readonly optional?: boolean;
}

/** How requests are authorized: the header for each attempt, and what a 401 may renew. */
export interface Authorizer {
  header(kind: 'basic' | 'bearer'): Promise<string>;
  /** After a 401 on a bearer request: true when a fresh token was obtained and the request may be sent once more. */
  renew(usedHeader: string): Promise<boolean>;
}

export interface Counters {
  /** Requests sent (retries included), or saved responses asked for. */
  requests: number;
  /** Answers read in full (whatever their status), or saved responses found. */
  responses: number;
  retries: number;
}

export type Requester = (request: ApiRequest) => Promise<unknown>;

/** The base URL's origin: `https`, or `http` on a loopback host only. */
export function baseOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail({ kind: 'bad-url', url, reason: 'not a URL; expected e.g. `https://acme.leanix.net`' });
  }
  if (parsed.username || parsed.password) fail({ kind: 'bad-url', url: `${parsed.protocol}//${parsed.host}`, reason: 'credentials do not belong in the URL; give the token in the environment variable' });
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:') {
    if (isLoopback(parsed.hostname)) return parsed.origin;
    return fail({ kind: 'bad-url', url, reason: '`http://` is accepted for loopback hosts only (127.0.0.1, ::1, localhost); use `https://`' });
  }
  return fail({ kind: 'bad-url', url, reason: `the scheme must be \`https\`, found \`${parsed.protocol.replace(/:$/, '')}\`` });
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A counting semaphore, first come first served. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

export function requestName(request: ApiRequest): string {
  return `${request.method} ${request.path} (${request.file})`;
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
}

function parseJson(text: string, request: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'syntax error';
    const start = text.trimStart().slice(0, 20).replace(/\s+/g, ' ');
    return fail({ kind: 'misfit', request, path: '', message: `expected JSON, found ${start ? `text starting \`${start}\`` : 'an empty body'} (${why})` });
  }
}

function errorDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The requester for a source. `signal` ends waiting and in-flight requests. */
export function createRequester(
  source: PullSource,
  origin: string | null,
  clock: Clock,
  signal: AbortSignal,
  concurrency: number,
  auth: Authorizer | null,
  counters: Counters,
): Requester {
  if (source.kind === 'saved') {
    return async (request) => {
      if (signal.aborted) fail({ kind: 'cancelled' });
      counters.requests++;
      const text = await source.read(request.file);
      if (signal.aborted) fail({ kind: 'cancelled' });
      if (text !== null) counters.responses++;
      if (text === null) {
        if (request.optional) return undefined;
        return fail({ kind: 'missing', file: request.file });
      }
      return parseJson(text, request.file);
    };
  }
  const limiter = new Limiter(Math.max(1, Math.min(concurrency, MAX_CONCURRENCY)));
  const host = new URL(origin!).host;
  const send = (request: ApiRequest, authorization: string): Promise<Answer> =>
    limiter.run(async () => {
      if (signal.aborted) fail({ kind: 'cancelled' });
      counters.requests++;
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: authorization };
      if (request.contentType) headers['Content-Type'] = request.contentType;
      // One signal per request, linked to the pull's and unlinked after: a fetch may leave
      // its listener on the signal it was given (node's does), and a pull sends thousands.
      const own = new AbortController();
      const abort = () => own.abort();
      signal.addEventListener('abort', abort, { once: true });
      try {
        const response = await source.fetch(`${origin}${request.path}`, {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: own.signal,
          redirect: 'manual',
        });
        const answer = { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
        counters.responses++;
        return answer;
      } catch (error) {
        if (signal.aborted) return fail({ kind: 'cancelled' });
        return fail({ kind: 'unreachable', host, detail: errorDetail(error) });
      } finally {
        signal.removeEventListener('abort', abort);
      }
    });

  return async (request) => {
    const name = requestName(request);
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) fail({ kind: 'cancelled' });
      const authorization = await auth!.header(request.auth);
      const answer = await send(request, authorization);
      const { status } = answer;
      if (status === 429 || status === 503) {
        if (attempt >= MAX_RETRIES) fail({ kind: 'status', request: name, status, detail: `still refused after ${MAX_RETRIES} retries` });
        counters.retries++;
        await clock.sleep(retryAfterMs(answer.retryAfter, clock.now()) ?? BACKOFF_MS * 2 ** attempt, signal);
        continue;
      }
      if (status === 401) {
        if (request.auth === 'bearer' && !renewed && (await auth!.renew(authorization))) {
          renewed = true;
          continue;
        }
        fail({ kind: 'unauthorized', request: name });
      }
      if (status === 403) fail({ kind: 'forbidden', request: name });
      if (status === 404 && request.optional) return undefined;
      if (status === 0 || (status >= 300 && status < 400)) fail({ kind: 'status', request: name, status, detail: 'redirected; give the workspace\'s own URL' });
      if (status < 200 || status >= 300) fail({ kind: 'status', request: name, status, detail: status === 404 ? 'not found' : '' });
      return parseJson(answer.text, name);
    }
  };
}
