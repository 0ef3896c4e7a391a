// Where the engine runs (src/ui/engine-worker.ts): a module worker where the browser has
// them in extension pages, else a classic worker, else the page itself (Firefox and other
// browsers without them degrade, and the pages say so).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { connectEngine } from '../../src/ui/engine-client';
import { engineHome, engineHomeNote, engineHomeOf, startEngineEarly, startEngineWorker, supportsModuleWorkers } from '../../src/ui/engine-worker';
import type { WorkerScope } from '../../src/ui/engine-worker';

/** A Worker constructor that reads its options like a browser with module workers, or ignores them. */
function fakeWorker(readsType: boolean): { scope: WorkerScope; started: string[] } {
  const started: string[] = [];
  class FakeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      if (readsType) void options?.type;
      const parsed = URL.canParse(String(url));
      if (!parsed) throw new SyntaxError('bad URL');
      started.push(String(url));
    }
    terminate(): void {}
  }
  return { scope: { Worker: FakeWorker as unknown as WorkerScope['Worker'] }, started };
}

describe('engine home', () => {
  it('is a module worker where the option is read, and the check starts no worker', () => {
    const { scope, started } = fakeWorker(true);
    expect(supportsModuleWorkers(scope)).toBe(true);
    expect(engineHomeOf(scope)).toBe('module-worker');
    expect(started).toEqual([]);
    expect(engineHomeNote('module-worker')).toBeNull();
  });

  it('is a classic worker where the type option is not understood, and says so', () => {
    const { scope, started } = fakeWorker(false);
    expect(engineHomeOf(scope)).toBe('classic-worker');
    expect(started).toEqual([]);
    expect(engineHomeNote('classic-worker')).toContain('classic worker');
  });

  it('is the page without workers, and the engine answers there', async () => {
    expect(engineHomeOf({})).toBe('page');
    expect(engineHomeNote('page')).toContain('runs on this page');
    // Node has no Worker: the client's default start puts the engine on the "page".
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const restarts: string[] = [];
    const client = connectEngine((m) => restarts.push(m), startEngineWorker);
    expect(engineHome()).toBe('page');
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    const list = await client.engine().listWorkspaces();
    expect(list.ok).toBe(true);
    client.dispose();
    expect(restarts).toEqual([]);
  });

  it('started early (the popup, before its UI loads), is the engine the page then connects to, and only once', () => {
    const { scope, started } = fakeWorker(true);
    const global = globalThis as { Worker?: unknown };
    global.Worker = scope.Worker;
    try {
      startEngineEarly();
      // a second early start keeps the first engine
      startEngineEarly();
      expect(started).toHaveLength(1);
      const first = startEngineWorker();
      expect(started).toHaveLength(1);
      expect(engineHome()).toBe('module-worker');
      // the next start (a restart after a crash) is a new engine
      const second = startEngineWorker();
      expect(second).not.toBe(first);
      expect(started).toHaveLength(2);
    } finally {
      delete global.Worker;
    }
  });
});
