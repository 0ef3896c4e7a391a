// What an engine is busy with, told to every page of the extension: each engine worker
// posts its running jobs on a BroadcastChannel when they start, change and end, and once
// a second while any runs (so a page can tell a busy engine from a stopped one: an engine
// that stops posting is gone or stuck). Pages parse every message with zod and ignore
// what does not parse; "Reading…" becomes "Importing acme.json… 40%".
import { z } from 'zod';

export const ENGINE_STATUS_CHANNEL = 'sealcheck-engine-status';

/** The name of the Web Lock an engine holds while it lives (the page learns of a silent close when it is freed). */
export function engineLockName(engine: string): string {
  return `sealcheck-engine:${engine}`;
}

/** Milliseconds between an engine's reports while it has running jobs. */
export const STATUS_BEAT_MS = 1_000;
/** A report older than this is an engine that stopped: its jobs are forgotten. */
export const STATUS_STALE_MS = 3_500;

export const JOB_KINDS = ['import', 'load', 'bulk', 'scenarios', 'apply', 'save'] as const;

/**
 * Builds the status and change messages' schemas.
 * Called once, on first use (`statusSchemas()`), not at module load: the engine worker starts without them.
 */
function buildStatusSchemas() {
  const EngineJobSchema = z.strictObject({
    /** Unique within its engine. */
    job: z.string().max(200),
    kind: z.enum(JOB_KINDS),
    /** What it does, for people: `Importing acme.json`, `Loading “Acme”`. */
    label: z.string().max(500),
    /** The workspace it works on, when it has one (a load that never ends names it). */
    workspace: z.strictObject({ id: z.string().max(200), name: z.string().max(500) }).optional(),
    done: z.number().nonnegative().optional(),
    total: z.number().nonnegative().optional(),
  });
  const EngineStatusSchema = z.strictObject({
    type: z.literal('engine-status'),
    /** The engine (one worker of one page) that reports. */
    engine: z.string().max(200),
    /** Its running jobs; empty when it is idle again. */
    jobs: z.array(EngineJobSchema).max(100),
    /** When it reported, in milliseconds since the epoch. */
    at: z.number(),
  });
  const WorkspaceChangedSchema = z.strictObject({
    type: z.literal('workspace-changed'),
    workspace: z.string().max(200),
  });

  return { EngineJobSchema, EngineStatusSchema, WorkspaceChangedSchema };
}

export type StatusSchemas = ReturnType<typeof buildStatusSchemas>;

let built: StatusSchemas | undefined;

/** The status and change messages' schemas, built on the first call and kept. */
export function statusSchemas(): StatusSchemas {
  built ??= buildStatusSchemas();
  return built;
}

export type EngineJob = z.infer<StatusSchemas['EngineJobSchema']>;

export type EngineStatus = z.infer<StatusSchemas['EngineStatusSchema']>;

/** Where an engine's reports go: a BroadcastChannel in the worker, nothing in tests. */
export type StatusSink = (status: EngineStatus) => void;

export interface JobHandle {
  readonly id: string;
  progress(done: number, total: number): void;
  /** Changes what the job says it does. */
  relabel(label: string): void;
  end(): void;
}

export interface JobBoard {
  /** The engine's id in its reports (the page names its worker once started). */
  setEngine(id: string): void;
  start(job: Omit<EngineJob, 'job'> & { job?: string }): JobHandle;
  /** The running jobs. */
  list(): EngineJob[];
}

/** Progress reports are posted at most this often. */
const PROGRESS_MS = 200;

export function createJobBoard(sink: StatusSink | null, now: () => number = Date.now): JobBoard {
  let engine = 'engine';
  let seq = 0;
  const jobs = new Map<string, EngineJob>();
  let beat: ReturnType<typeof setInterval> | null = null;
  let lastPost = 0;

  const post = () => {
    if (!sink) return;
    lastPost = now();
    try {
      sink({ type: 'engine-status', engine, jobs: [...jobs.values()], at: lastPost });
    } catch {
      // a report that cannot be sent is not worth failing the work for
    }
  };
  const beating = () => {
    if (!sink) return;
    if (jobs.size && !beat) {
      beat = setInterval(post, STATUS_BEAT_MS);
      (beat as { unref?: () => void }).unref?.();
    } else if (!jobs.size && beat) {
      clearInterval(beat);
      beat = null;
    }
  };

  return {
    setEngine(id) {
      engine = id;
    },
    start(spec) {
      const id = spec.job ?? `job-${++seq}`;
      const key = jobs.has(id) ? `${id}#${++seq}` : id;
      jobs.set(key, { ...spec, job: key });
      post();
      beating();
      return {
        id: key,
        progress(done, total) {
          const job = jobs.get(key);
          if (!job) return;
          jobs.set(key, { ...job, done, total });
          if (now() - lastPost >= PROGRESS_MS || done >= total) post();
        },
        relabel(label) {
          const job = jobs.get(key);
          if (!job) return;
          jobs.set(key, { ...job, label });
          post();
        },
        end() {
          if (!jobs.delete(key)) return;
          post();
          beating();
        },
      };
    },
    list: () => [...jobs.values()],
  };
}

/** "Importing acme.json… 40%", "Loading “Acme”…". */
export function describeJob(job: Pick<EngineJob, 'label' | 'done' | 'total'>): string {
  const percent = job.total ? ` ${Math.min(100, Math.floor(((job.done ?? 0) / job.total) * 100))}%` : '';
  return `${job.label}…${percent}`;
}

// ---------------------------------------------------------------- changes between engines

/** Engines tell each other here that a workspace changed, so none answers from a stale cache. */
export const ENGINE_CHANGES_CHANNEL = 'sealcheck-engine-changes';

/** The change bus of the engine worker (src/worker/api.ts, `changes`); null where there is no BroadcastChannel. */
export function broadcastChanges(): { post(workspaceId: string): void; listen(handler: (workspaceId: string) => void): void } | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(ENGINE_CHANGES_CHANNEL);
  return {
    post: (workspace) => channel.postMessage({ type: 'workspace-changed', workspace }),
    listen: (handler) =>
      channel.addEventListener('message', (event) => {
        const message = statusSchemas().WorkspaceChangedSchema.safeParse((event as MessageEvent).data);
        if (message.success) handler(message.data.workspace);
      }),
  };
}
