// The page side of the engine worker: starts it, wraps it with comlink, and starts a
// new one when it dies, telling the page so.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Endpoint, Remote } from 'comlink';
import type { EngineApi, Progress } from '../worker/api';

export type Engine = Remote<EngineApi>;

/** What the client needs of a worker: a comlink endpoint that reports crashes as `error` events. */
export type WorkerLike = Endpoint & { terminate(): void };

export interface EngineClient {
  /** The current worker; replaced after a crash. */
  readonly engine: () => Engine;
  /** Wraps a progress callback so it can cross into the worker. */
  readonly progress: (fn: Progress) => Progress;
  readonly dispose: () => void;
}

function moduleWorker(): WorkerLike {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
}

export function connectEngine(onRestart: (message: string) => void, createWorker: () => WorkerLike = moduleWorker): EngineClient {
  let worker: WorkerLike;
  let remote: Engine;
  const startWorker = () => {
    const current = createWorker();
    worker = current;
    remote = wrap<EngineApi>(current);
    current.addEventListener('error', (event) => {
      if (worker !== current) return;
      event.preventDefault();
      const why = (event as ErrorEvent).message || 'it stopped unexpectedly';
      remote[releaseProxy]();
      current.terminate();
      startWorker();
      onRestart(`the engine stopped (${why}); a new one was started, so repeat your last action`);
    });
  };
  startWorker();
  return {
    engine: () => remote,
    progress: (fn) => proxy(fn),
    dispose: () => worker.terminate(),
  };
}
