// The page side of the engine worker: starts it, wraps it with comlink, and starts a
// new one when it dies, telling the page so.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { EngineApi, Progress } from '../worker/api';

export type Engine = Remote<EngineApi>;

export interface EngineClient {
  /** The current worker; replaced after a crash. */
  readonly engine: () => Engine;
  /** Wraps a progress callback so it can cross into the worker. */
  readonly progress: (fn: Progress) => Progress;
  readonly dispose: () => void;
}

export function connectEngine(onRestart: (message: string) => void): EngineClient {
  let worker: Worker;
  let remote: Engine;
  const startWorker = () => {
    worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    remote = wrap<EngineApi>(worker);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const why = event.message || 'it stopped unexpectedly';
      remote[releaseProxy]();
      worker.terminate();
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
