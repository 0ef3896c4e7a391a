// The import's check on a helper thread (issue 13): the engine waits for the answer without
// blocking, a cancel ends the helper at once (the next import starts a new one), answers
// are parsed, and where no helper can run the check runs on the engine's thread.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicyText } from '../../src/policy/validate';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { validateMessageSchemas } from '../../src/worker/validate-messages';
import { validateOffThread } from '../../src/worker/validator';
import type { HelperLike } from '../../src/worker/validator';

const leanixText = readFileSync(new URL('../fixtures/leanix-example.json', import.meta.url), 'utf8');

/** A helper thread stand-in: answers as validate.worker.ts does, unless it is `stuck` (a huge file). */
function fakeHelper(log: { started: number; terminated: number }, mode: { stuck?: boolean; garbage?: boolean } = {}): HelperLike {
  log.started++;
  const target = new EventTarget();
  let alive = true;
  return {
    postMessage(message) {
      const request = validateMessageSchemas().ValidateRequestSchema.parse(message);
      if (mode.stuck) return;
      const data = mode.garbage ? { id: request.id, result: { ok: 'maybe' } } : structuredClone({ id: request.id, result: loadPolicyText(request.text) });
      setTimeout(() => alive && target.dispatchEvent(new MessageEvent('message', { data })), 1);
    },
    addEventListener: (type, listener) => target.addEventListener(type, listener as EventListener),
    terminate() {
      alive = false;
      log.terminated++;
    },
  };
}

describe('the import check on a helper thread', () => {
  it('answers what loadPolicyText answers, from one helper for many imports', async () => {
    const log = { started: 0, terminated: 0 };
    const validate = validateOffThread(() => fakeHelper(log));
    const signal = new AbortController().signal;
    expect(await validate(leanixText, signal)).toEqual(loadPolicyText(leanixText));
    const broken = leanixText.replace('"leanix"', '"leanx"');
    expect(await validate(broken, signal)).toEqual(loadPolicyText(broken));
    expect(log).toEqual({ started: 1, terminated: 0 });
  });

  it('a cancel ends a helper stuck on a huge file at once; the next import gets a new one', async () => {
    const log = { started: 0, terminated: 0 };
    let stuck = true;
    const validate = validateOffThread(() => fakeHelper(log, { stuck }));
    const api = createEngineApi(createMemoryStore(), { validate });
    const running = api.importPolicy(leanixText, undefined, 'job-1', undefined, 'huge.json');
    await new Promise((r) => setTimeout(r, 5));
    expect((await api.status()).ok && (await api.status())).toMatchObject({ value: [{ kind: 'import', label: 'Importing huge.json' }] });
    await api.cancel('job-1');
    expect(await running).toEqual({ ok: false, error: { kind: 'cancelled', message: 'import cancelled; nothing was stored' } });
    expect(log).toEqual({ started: 1, terminated: 1 });
    stuck = false;
    expect(await api.importPolicy(leanixText)).toMatchObject({ ok: true, value: { name: 'Spec example: Acme integration' } });
    expect(log).toEqual({ started: 2, terminated: 1 });
  });

  it('checks on the engine thread where no helper starts, or it answers something else', async () => {
    const signal = new AbortController().signal;
    const none = validateOffThread(() => {
      throw new Error('Worker is not defined');
    });
    expect(await none(leanixText, signal)).toEqual(loadPolicyText(leanixText));
    const log = { started: 0, terminated: 0 };
    const garbage = validateOffThread(() => fakeHelper(log, { garbage: true }));
    expect(await garbage(leanixText, signal)).toEqual(loadPolicyText(leanixText));
  });
});
