// If the worker dies, the page says so and starts a new one (issue 4, worker).
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { connectEngine } from '../../src/ui/engine-client';
import type { WorkerLike } from '../../src/ui/engine-client';

/** A worker stand-in: the engine API over a MessageChannel, and an `error` event we can fire. */
function fakeWorker(started: FakeWorker[]): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  expose(createEngineApi(createMemoryStore()), port1 as never);
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
    },
    crash: (message: string) => errors.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })),
    terminated: false,
  };
  started.push(w);
  return w;
}
type FakeWorker = WorkerLike & { crash(message: string): void; terminated: boolean };

describe('engine client', () => {
  it('says the engine stopped, starts a new one, and the new one answers', async () => {
    const started: FakeWorker[] = [];
    const messages: string[] = [];
    const client = connectEngine((m) => messages.push(m), () => fakeWorker(started));
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    started[0]!.crash('out of memory');
    expect(messages).toEqual(['the engine stopped (out of memory); a new one was started, so repeat your last action']);
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    expect(await client.engine().ping()).toEqual({ ok: true, value: 'pong' });
    client.dispose();
    expect(started[1]!.terminated).toBe(true);
  });
});
