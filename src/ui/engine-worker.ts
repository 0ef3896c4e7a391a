// Where the engine runs. A module Web Worker where the browser starts one from an
// extension page (Chrome; Firefox from 114); else a classic worker (the built worker is
// one self-contained script, so it runs as either); else, with no worker at all, on the
// page itself, which is slower to answer while long work runs. The pages say which when
// it is not the module worker (EngineHomeNote).
import type { WorkerLike } from './engine-client';

export type EngineHome = 'module-worker' | 'classic-worker' | 'page';

/** What the choice needs of the page: its Worker constructor, if any. */
export interface WorkerScope {
  readonly Worker?: new (url: string | URL, options?: WorkerOptions) => Worker;
}

/**
 * True when `new Worker(…, { type: 'module' })` is understood: a browser that knows the
 * option reads it. The URL cannot be parsed, so no worker starts and nothing is fetched.
 */
export function supportsModuleWorkers(scope: WorkerScope): boolean {
  if (!scope.Worker) return false;
  let read = false;
  const options = {
    get type(): WorkerType {
      read = true;
      return 'module';
    },
  };
  try {
    new scope.Worker('http://[', options).terminate();
  } catch {
    // The unparsable URL throws after the options were read.
  }
  return read;
}

/** Where the engine would run in `scope`. */
export function engineHomeOf(scope: WorkerScope): EngineHome {
  return supportsModuleWorkers(scope) ? 'module-worker' : scope.Worker ? 'classic-worker' : 'page';
}

let home: EngineHome | null = null;

/** Where this page's engine runs; null before it starts. */
export function engineHome(): EngineHome | null {
  return home;
}

/** An engine started before the page's UI loaded (`startEngineEarly`), until the UI takes it. */
let early: WorkerLike | null = null;

/**
 * Starts the engine now, so that its thread loads and starts while the page's UI bundle is
 * still fetched and rendered (the popup: its first answers about 100 ms sooner); the next
 * `startEngineWorker()` hands this one over instead of starting another.
 */
export function startEngineEarly(): void {
  early ??= startEngineWorker();
}

/** Starts the engine where this browser lets it run: the pages give it to connectEngine. */
export function startEngineWorker(): WorkerLike {
  if (early) {
    const started = early;
    early = null;
    return started;
  }
  home = engineHomeOf(globalThis as WorkerScope);
  if (home === 'module-worker') return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  if (home === 'classic-worker') return new Worker(new URL('../worker/engine.worker.ts', import.meta.url));
  return pageEngine();
}

/**
 * The engine on this page behind a MessageChannel, so the client speaks comlink to it as to
 * a worker. The engine's code loads on first use; the channel holds messages until then.
 */
function pageEngine(): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  void import('./engine-in-page').then(({ exposeEngine }) => exposeEngine(port1));
  port2.start();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port2.postMessage(message, transfer ?? []),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => port2.addEventListener(type as 'message', listener as EventListener),
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => port2.removeEventListener(type as 'message', listener as EventListener),
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
}

/** A sentence for the pages when the engine is not in a module worker, else null; `short` for the popup. */
export function engineHomeNote(where: EngineHome | null, short = false): string | null {
  if (where === 'classic-worker')
    return short
      ? 'The engine runs in a classic worker (no module workers here).'
      : 'This browser starts no module worker from an extension page, so the engine runs in a classic worker: everything works.';
  if (where === 'page')
    return short
      ? 'The engine runs on this page (no workers here): it may pause during long work.'
      : 'This browser starts no worker from an extension page, so the engine runs on this page: everything works, but the page may pause during long work such as a bulk what-if.';
  return null;
}
