// If the worker dies, the page says so and starts a new one (issue 4, worker); if it hangs,
// or closes without an error event, its calls time out instead of waiting forever, and the
// page says so and starts a new one too (issue 13). What the engines are busy with is heard
// on the status channel.
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import type { EngineApi, EngineOptions } from '../../src/worker/api';
import { connectEngine, describeBusy } from '../../src/ui/engine-client';
import type { EngineClient, EngineClientOptions, StatusChannel, WorkerLike } from '../../src/ui/engine-client';
import { STATUS_STALE_MS } from '../../src/worker/status';
import type { EngineStatus } from '../../src/worker/status';

type FakeWorker = WorkerLike & {
  crash(message: string): void;
  /** Closes the worker's side without an error event (a worker that calls `close()`, or is killed). */
  close(): void;
  terminated: boolean;
  /** The engine id the page gave it. */
  engine: string | null;
};

interface FakeOptions {
  /** Changes the API the worker exposes (a method that never answers, ...). */
  readonly api?: (api: EngineApi) => EngineApi;
  readonly engine?: EngineOptions;
  /** Called when the worker side closes (its locks end). */
  readonly onClose?: (w: FakeWorker) => void;
}

/** A worker stand-in: the engine API over a MessageChannel, and an `error` event we can fire. */
function fakeWorker(started: FakeWorker[], options: FakeOptions = {}): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const errors = new EventTarget();
  const w: FakeWorker = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port2.postMessage(message, transfer as never),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) =>
      type === 'error' ? errors.addEventListener(type, listener) : (port2 as unknown as EventTarget).addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) =>
      type === 'error' ? errors.removeEventListener(type, listener) : (port2 as unknown as EventTarget).removeEventListener(type, listener),
    terminate: () => {
      w.terminated = true;
      port1.close();
      port2.close();
      options.onClose?.(w);
    },
    crash: (message: string) => errors.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })),
    close: () => {
      port1.close();
      options.onClose?.(w);
    },
    terminated: false,
    engine: null,
  };
  const base = createEngineApi(createMemoryStore(), { locks: null, ...options.engine });
  const api = (options.api ?? ((a) => a))(base);
  expose(
    {
      ...api,
      attach: (engine: string) => {
        w.engine = engine;
        return api.attach(engine);
      },
    },
    port1 as never,
  );
  started.push(w);
  return w;
}

/** A status channel stand-in: the test posts what an engine would broadcast. */
function fakeChannel() {
  const target = new EventTarget();
  const channel: StatusChannel & { post(status: unknown): void; closed: boolean } = {
    addEventListener: (type, listener) => target.addEventListener(type, listener as EventListener),
    removeEventListener: (type, listener) => target.removeEventListener(type, listener as EventListener),
    close: () => void (channel.closed = true),
    post: (data) => target.dispatchEvent(new MessageEvent('message', { data })),
    closed: false,
  };
  return channel;
}

/** Web Locks for one process: locks held per owner, released when the owner ends. */
function fakeLocks() {
  const held = new Map<string, string>();
  const waiting = new Map<string, Array<() => void>>();
  const grant = (name: string, owner: string, callback: () => unknown) => {
    held.set(name, owner);
    void Promise.resolve(callback()).then(() => release(name, owner));
  };
  const release = (name: string, owner: string) => {
    if (held.get(name) !== owner) return;
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  return {
    for: (owner: string): Pick<LockManager, 'request'> => ({
      request: ((name: string, options: LockOptions | (() => unknown), callback?: () => unknown) => {
        const cb = (typeof options === 'function' ? options : callback)!;
        const signal = typeof options === 'function' ? undefined : options.signal;
        return new Promise<unknown>((resolve) => {
          const go = () => {
            if (signal?.aborted) return resolve(undefined);
            grant(name, owner, () => Promise.resolve(cb()).then(resolve));
          };
          if (!held.has(name)) go();
          else waiting.set(name, [...(waiting.get(name) ?? []), go]);
        });
      }) as LockManager['request'],
    }),
    /** Everything `owner` holds is released: it ended. */
    end: (owner: string) => {
      for (const [name, who] of [...held]) if (who === owner) release(name, owner);
    },
  };
}

const clients: EngineClient[] = [];
function connect(onRestart: (m: string) => void, factory: () => WorkerLike, options: EngineClientOptions = {}) {
  const client = connectEngine(onRestart, factory, { status: null, locks: null, ...options });
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const never = <T>() => new Promise<T>(() => undefined);

describe('engine client', () => {
  it('says the engine stopped, starts a new one, and the new one answers', async () => {
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const client = connect((m) => messages.push(m), () => fakeWorker(started));
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    started[0]!.crash('out of memory');
    expect(messages).toEqual(['the engine stopped (out of memory); a new one was started, so repeat your last action']);
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    client.dispose();
    expect(started[1]!.terminated).toBe(true);
  });

  it('a call the engine never answers times out: the call is answered `stopped`, and a new engine answers', async () => {
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    // the first engine hangs in `outline` (an endless loop would look the same from the page)
    const client = connect((m) => messages.push(m), () => fakeWorker(started, started.length === 0 ? { api: (a) => ({ ...a, outline: () => never() }) } : {}), {
      timeoutMs: 100,
    });
    const t0 = Date.now();
    const r = await client.engine().outline('ws');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    const message = 'the engine stopped (it did not answer `outline` within 0.1 s); a new one was started, so repeat your last action';
    expect(r).toEqual({ ok: false, error: { kind: 'stopped', message } });
    expect(messages).toEqual([message]);
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    expect(await client.engine().outline('nope')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(messages).toHaveLength(1);
  });

  it('an engine that closes without an error event: its calls time out and a new one is started', async () => {
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const client = connect((m) => messages.push(m), () => fakeWorker(started), { timeoutMs: 100 });
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    started[0]!.close();
    const r = await client.engine().listWorkspaces();
    expect(r).toMatchObject({ ok: false, error: { kind: 'stopped', message: expect.stringContaining('it did not answer `listWorkspaces` within 0.1 s') } });
    expect(messages).toHaveLength(1);
    expect(await client.engine().listWorkspaces()).toEqual({ ok: true, value: [] });
  });

  it('with Web Locks, a silent close is known at once, before any call waits on it', async () => {
    const locks = fakeLocks();
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const client = connect(
      (m) => messages.push(m),
      () => {
        const n = started.length;
        return fakeWorker(started, { engine: { locks: locks.for(`worker-${n}`) }, onClose: () => locks.end(`worker-${n}`) });
      },
      { locks: locks.for('page'), timeoutMs: 60_000 },
    );
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    expect(started[0]!.engine).toMatch(/.+/);
    await new Promise((r) => setTimeout(r, 20));
    started[0]!.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(messages).toEqual(['the engine stopped (it closed without an error); a new one was started, so repeat your last action']);
    expect(started).toHaveLength(2);
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    // a worker the page ends itself is no news
    client.dispose();
    await new Promise((r) => setTimeout(r, 20));
    expect(messages).toHaveLength(1);
  });

  it('progress keeps a long call alive past its deadline', async () => {
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const slow = (api: EngineApi): EngineApi => ({
      ...api,
      importPolicy: async (text, onProgress) => {
        for (let i = 1; i <= 6; i++) {
          await new Promise((r) => setTimeout(r, 40));
          await onProgress?.(i, 6);
        }
        return api.importPolicy(text);
      },
    });
    const client = connect((m) => messages.push(m), () => fakeWorker(started, { api: slow }), { timeoutMs: 60, longTimeoutMs: 100 });
    const seen: number[] = [];
    const text = JSON.stringify({ format: 'sealcheck-policy' });
    const r = await client.engine().importPolicy(text, client.progress((done) => void seen.push(done)));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(messages).toEqual([]);
    expect(started).toHaveLength(1);
  });

  it('names what a stopped engine was busy with: a workspace that never finishes loading', async () => {
    const channel = fakeChannel();
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const client = connect(
      (m) => messages.push(m),
      () =>
        fakeWorker(started, {
          api: (a) => ({
            ...a,
            // says it loads the workspace, then never answers: a compile that does not end
            outline: (id: string) => {
              const engine = started[0]!.engine!;
              channel.post({ type: 'engine-status', engine, jobs: [{ job: 'j1', kind: 'load', label: 'Loading “Acme”', workspace: { id, name: 'Acme' } }], at: Date.now() } satisfies EngineStatus);
              return never();
            },
          }),
        }),
      { status: channel, timeoutMs: 100 },
    );
    await client.engine().ping();
    const busyHeard: string[] = [];
    client.onBusy((jobs) => busyHeard.push(describeBusy(jobs)));
    // while it runs, the job is heard as this page's ...
    const pending = client.engine().outline('ws-1');
    await new Promise((r) => setTimeout(r, 20));
    expect(client.busy()).toEqual([expect.objectContaining({ kind: 'load', label: 'Loading “Acme”', mine: true })]);
    expect(busyHeard.at(-1)).toBe('Loading “Acme”…');
    // ... and the engine is not declared stopped while its report is fresh; once stale, it is
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { kind: 'stopped' } });
    expect(messages).toEqual([
      'the engine stopped (it did not answer `outline` within 0.1 s) while loading “Acme”; a new one was started, so repeat your last action; if “Acme” stops it again, export or delete that workspace in the Workspaces tab',
    ]);
    expect(client.busy()).toEqual([]);
  }, 15_000);

  it('hears other tabs’ engines: what they are busy with, malformed reports ignored, stale ones forgotten', () => {
    const channel = fakeChannel();
    let clock = 1_000_000;
    const client = connect(() => undefined, () => fakeWorker([]), { status: channel, now: () => clock });
    const heard: string[] = [];
    client.onBusy((jobs) => heard.push(describeBusy(jobs)));
    channel.post({ type: 'engine-status', engine: 'other-tab', jobs: [{ job: 'j', kind: 'import', label: 'Importing acme.json', done: 400, total: 1_000 }], at: clock });
    expect(client.busy()).toEqual([{ job: 'j', kind: 'import', label: 'Importing acme.json', done: 400, total: 1_000, engine: 'other-tab', mine: false }]);
    expect(heard).toEqual(['Importing acme.json… 40% (in another tab)']);
    // not what an engine says: ignored
    channel.post({ type: 'engine-status', engine: 'x', jobs: [{ job: 'j', kind: 'mining', label: 'Mining' }], at: clock });
    channel.post('<img src=x onerror=alert(1)>');
    expect(client.busy()).toHaveLength(1);
    // an engine that stops reporting is forgotten
    clock += STATUS_STALE_MS + 1;
    expect(client.busy()).toEqual([]);
    // one that reports it is idle, at once
    channel.post({ type: 'engine-status', engine: 'other-tab', jobs: [{ job: 'j', kind: 'bulk', label: 'Bulk what-if over “A”' }], at: clock });
    expect(describeBusy(client.busy())).toBe('Bulk what-if over “A”… (in another tab)');
    channel.post({ type: 'engine-status', engine: 'other-tab', jobs: [], at: clock });
    expect(client.busy()).toEqual([]);
    client.dispose();
    expect(channel.closed).toBe(true);
  });
});
