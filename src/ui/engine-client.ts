// The page side of the engine worker: starts it, wraps it with comlink, and starts a new
// one when it stops, telling the page so. It stops when it reports an error, when it
// closes without one (it held a Web Lock while it lived; the page is granted the lock the
// moment it is gone), or when a call outlives its deadline (20 s; 10 min for imports and
// other long work, which their progress reports keep alive). A stopped engine's calls are
// answered `stopped` (never left waiting, so no tab stays on "Loading…"), and the message
// says what it was busy with: a workspace that never finishes loading is named.
//
// The client also hears what every engine (this page's and other tabs') is busy with on
// the status channel (src/worker/status.ts), so that a tab can say "Importing acme.json…
// 40%" instead of "Reading…", and waits for busy engines instead of declaring them stopped.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Endpoint, Remote } from 'comlink';
import type { EngineApi, Progress } from '../worker/api';
import type { Result } from '../worker/result';
import { describeJob, ENGINE_STATUS_CHANNEL, engineLockName, STATUS_BEAT_MS, STATUS_STALE_MS, statusSchemas } from '../worker/status';
import type { EngineJob } from '../worker/status';

export type Engine = Remote<EngineApi>;

/** What the client needs of a worker: a comlink endpoint that reports crashes as `error` events. */
export type WorkerLike = Endpoint & { terminate(): void };

/** Where the page hears the engines' status reports: a BroadcastChannel, or a stand-in in tests. */
export interface StatusChannel {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface EngineClientOptions {
  /** Milliseconds a call may take before the engine counts as stopped; default 20 s. */
  readonly timeoutMs?: number;
  /** The same for `LONG_CALLS` (imports, bulk what-if, ...), whose progress reports also keep them alive; default 10 min. */
  readonly longTimeoutMs?: number;
  /** Web Locks, to learn at once that a worker closed; default `navigator.locks` where there is one. */
  readonly locks?: Pick<LockManager, 'request'> | null;
  /** The status channel; default a BroadcastChannel where there is one. */
  readonly status?: StatusChannel | null;
  readonly now?: () => number;
}

/** A job some engine runs now; `mine`: this page's engine runs it. */
export interface BusyJob extends EngineJob {
  readonly engine: string;
  readonly mine: boolean;
}

export interface EngineClient {
  /** The engine: each call goes to the current worker (replaced after it stops) and always answers. */
  readonly engine: () => Engine;
  /** Wraps a progress callback so it can cross into the worker (and keeps the call alive). */
  readonly progress: (fn: Progress) => Progress;
  readonly dispose: () => void;
  /** The jobs every engine runs now, this page's first. */
  readonly busy: () => readonly BusyJob[];
  /** Told whenever `busy()` may have changed; answers the unsubscribe. */
  readonly onBusy: (listener: (jobs: readonly BusyJob[]) => void) => () => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_LONG_TIMEOUT_MS = 10 * 60_000;

/** Calls that may take long by design: they get `longTimeoutMs`. */
export const LONG_CALLS: ReadonlySet<string> = new Set([
  'importPolicy',
  'createFromTemplate',
  'checkPolicyText',
  'savePolicy',
  'addScenario',
  'runScenarios',
  'bulkWhatIf',
  'advise',
  'applyDraftsToWorkspace',
  'diff',
  'diffSides',
  'pullWorkspace',
]);

function moduleWorker(): WorkerLike {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
}

function defaultLocks(): Pick<LockManager, 'request'> | null {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks ?? null;
}

function defaultStatus(): StatusChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(ENGINE_STATUS_CHANNEL);
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** "Importing acme.json… 40%" of the first job, "and 2 more" when there are more. */
export function describeBusy(jobs: readonly BusyJob[]): string {
  const [first, ...rest] = jobs;
  if (!first) return '';
  const where = first.mine ? '' : ' (in another tab)';
  return `${describeJob(first)}${where}${rest.length ? `, and ${rest.length} more` : ''}`;
}

interface Call {
  readonly method: string;
  readonly started: number;
  readonly limit: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  settle(result: Result<unknown>): void;
}

interface Running {
  readonly id: string;
  readonly worker: WorkerLike;
  readonly remote: Engine;
  readonly pending: Set<Call>;
  /** When the worker last showed it is alive (a progress report). */
  lastSign: number;
  alive: boolean;
  lockAbort: AbortController | null;
}

let engines = 0;

export function connectEngine(
  onRestart: (message: string) => void,
  createWorker: () => WorkerLike = moduleWorker,
  options: EngineClientOptions = {},
): EngineClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const longTimeoutMs = options.longTimeoutMs ?? DEFAULT_LONG_TIMEOUT_MS;
  const locks = options.locks !== undefined ? options.locks : defaultLocks();
  const channel = options.status !== undefined ? options.status : defaultStatus();
  const now = options.now ?? Date.now;
  const page = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let disposed = false;

  // ------------------------------------------------------------ what the engines are busy with

  /** Each engine's latest report: its jobs and when it was heard. */
  const reports = new Map<string, { jobs: readonly EngineJob[]; heard: number }>();
  const listeners = new Set<(jobs: readonly BusyJob[]) => void>();
  let sweep: ReturnType<typeof setInterval> | null = null;
  const fresh = (heard: number) => now() - heard <= STATUS_STALE_MS;
  const busy = (): BusyJob[] => {
    const out: BusyJob[] = [];
    for (const [engine, r] of reports) if (fresh(r.heard)) for (const job of r.jobs) out.push({ ...job, engine, mine: engine === current.id });
    return out.sort((a, b) => Number(b.mine) - Number(a.mine));
  };
  const changed = () => {
    for (const [engine, r] of reports) if (!fresh(r.heard)) reports.delete(engine);
    if (reports.size && !sweep) {
      sweep = setInterval(changed, STATUS_BEAT_MS);
      (sweep as { unref?: () => void }).unref?.();
    } else if (!reports.size && sweep) {
      clearInterval(sweep);
      sweep = null;
    }
    const jobs = busy();
    for (const listener of listeners) listener(jobs);
  };
  const hear = (event: MessageEvent) => {
    const parsed = statusSchemas().EngineStatusSchema.safeParse(event.data);
    if (!parsed.success) return;
    const { engine, jobs } = parsed.data;
    if (jobs.length) reports.set(engine, { jobs, heard: now() });
    else reports.delete(engine);
    changed();
  };
  channel?.addEventListener('message', hear);

  // ------------------------------------------------------------ the worker

  let current: Running = start();

  function start(): Running {
    const worker = createWorker();
    const run: Running = {
      id: `${page}-${++engines}`,
      worker,
      remote: wrap<EngineApi>(worker),
      pending: new Set(),
      lastSign: now(),
      alive: true,
      lockAbort: null,
    };
    worker.addEventListener('error', (event) => {
      if (current !== run || !run.alive) return;
      event.preventDefault();
      stop(run, (event as ErrorEvent).message || 'it stopped unexpectedly');
    });
    // Named, the engine's status reports are told apart; with Web Locks, the page learns the
    // moment it is gone, even when it closed without an error.
    run.remote.attach(run.id).then(
      (held) => {
        if (!held.ok || !held.value || !locks || current !== run || !run.alive) return;
        const abort = new AbortController();
        run.lockAbort = abort;
        locks
          .request(engineLockName(run.id), { signal: abort.signal }, () => {
            if (current === run && run.alive && !disposed) stop(run, 'it closed without an error');
          })
          .catch(() => undefined);
      },
      () => undefined,
    );
    return run;
  }

  /** What a stopped engine was busy with, from its last report. */
  function lastJobOf(run: Running): EngineJob | undefined {
    return reports.get(run.id)?.jobs[0];
  }

  function stop(run: Running, why: string): void {
    if (!run.alive) return;
    run.alive = false;
    const job = lastJobOf(run);
    reports.delete(run.id);
    run.lockAbort?.abort();
    try {
      run.remote[releaseProxy]();
    } catch {
      // the channel is gone already
    }
    run.worker.terminate();
    let message = `the engine stopped (${why})`;
    if (job) message += ` while ${job.label.charAt(0).toLowerCase()}${job.label.slice(1)}`;
    message += disposed ? '' : '; a new one was started, so repeat your last action';
    if (job?.kind === 'load' && job.workspace) message += `; if “${job.workspace.name}” stops it again, export or delete that workspace in the Workspaces tab`;
    for (const call of [...run.pending]) call.settle({ ok: false, error: { kind: 'stopped', message } });
    run.pending.clear();
    if (disposed) return;
    current = start();
    onRestart(message);
    changed();
  }

  function arm(run: Running, call: Call, ms: number): void {
    call.timer = setTimeout(() => expire(run, call), Math.max(0, ms));
  }

  function expire(run: Running, call: Call): void {
    if (!run.pending.has(call) || !run.alive) return;
    const left = call.limit - (now() - Math.max(call.started, run.lastSign));
    if (left > 0) return arm(run, call, left);
    // an engine (this one, or another tab's holding the database) that reports work is busy, not stopped
    if (busy().length) return arm(run, call, Math.min(call.limit, STATUS_STALE_MS));
    stop(run, `it did not answer \`${call.method}\` within ${seconds(call.limit)}`);
  }

  function call(method: string, args: unknown[]): Promise<Result<unknown>> {
    const run = current;
    return new Promise((resolve) => {
      const entry: Call = {
        method,
        started: now(),
        limit: LONG_CALLS.has(method) ? longTimeoutMs : timeoutMs,
        timer: undefined,
        settle(result) {
          clearTimeout(entry.timer);
          run.pending.delete(entry);
          resolve(result);
        },
      };
      if (!run.alive || disposed) {
        entry.settle({ ok: false, error: { kind: 'stopped', message: 'the engine has stopped' } });
        return;
      }
      run.pending.add(entry);
      arm(run, entry, entry.limit);
      const fail = (error: unknown) => entry.settle({ ok: false, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } });
      try {
        const method_ = (run.remote as unknown as Record<string, (...a: unknown[]) => Promise<Result<unknown>>>)[method]!;
        method_(...args).then((result) => entry.settle(result), fail);
      } catch (error) {
        fail(error);
      }
    });
  }

  /** Every method of the API, calling the current worker; `then` stays undefined so it is no thenable. */
  const facade = new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' && key !== 'then' ? (...args: unknown[]) => call(key, args) : undefined),
    },
  ) as Engine;

  return {
    engine: () => facade,
    progress: (fn) =>
      proxy((done: number, total: number) => {
        current.lastSign = now();
        fn(done, total);
      }),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      channel?.removeEventListener('message', hear);
      channel?.close();
      if (sweep) clearInterval(sweep);
      const run = current;
      run.lockAbort?.abort();
      run.alive = false;
      for (const c of [...run.pending]) c.settle({ ok: false, error: { kind: 'stopped', message: 'the engine was closed with the page' } });
      run.worker.terminate();
    },
    busy,
    onBusy: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
