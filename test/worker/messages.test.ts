// The worker's boundary: every call's arguments are parsed before the API sees them.
// Malformed messages (wrong types, missing keys or arguments, extra keys or arguments)
// come back as `invalid` with located errors; nothing is thrown.
import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { messageArguments, withCheckedMessages } from '../../src/worker/messages';
import type { CheckedEngineApi } from '../../src/worker/messages';
import type { Result } from '../../src/worker/result';
import { leanixFile } from '../policy/helpers';

async function checkedWorkspace() {
  const api = withCheckedMessages(createEngineApi(createMemoryStore()));
  const r = await api.importPolicy(JSON.stringify(leanixFile()));
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.id };
}

/** Calls a method with arguments its type does not allow, as a message from anywhere may. */
function send(api: CheckedEngineApi, method: keyof CheckedEngineApi, ...args: unknown[]): Promise<Result<unknown>> {
  return Reflect.apply(api[method], undefined, args);
}

async function refused(r: Promise<Result<unknown>>) {
  const got = await r;
  expect(got.ok).toBe(false);
  if (got.ok) return { message: '', errors: [] };
  expect(got.error.kind).toBe('invalid');
  return got.error.kind === 'invalid' ? { message: got.error.message, errors: got.error.errors } : { message: '', errors: [] };
}

const update = { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/cveCount', value: 1 }] };

describe('messages entering the worker are parsed at the boundary', () => {
  it('wrong types, located by argument name and path', async () => {
    const { api, id } = await checkedWorkspace();
    expect((await refused(send(api, 'evaluate', 5, { platform: 'leanix', actor: 7, operation: update }))).errors).toEqual([
      { path: 'id', message: 'expected text, found number `5`' },
      { path: 'question.actor', message: 'expected text, found number `7`' },
    ]);
    expect((await refused(send(api, 'evaluate', id, { platform: 'leanix', actor: 'feed', operation: update, at: 'soon', useDrafts: 'yes' }))).errors).toEqual([
      { path: 'question.at', message: 'expected a date and time like `2026-11-24T00:00:00Z`, found `soon`' },
      { path: 'question.useDrafts', message: 'expected `true` or `false`, found `yes`' },
    ]);
    const patch = { op: 'set', path: 'cveCount', value: 1 };
    expect((await refused(send(api, 'evaluate', id, { platform: 'leanix', actor: 'feed', operation: { ...update, patches: [patch] } }))).errors).toEqual([
      { path: 'question.operation.patches[0].op', message: 'expected `add`, `replace` or `remove`, found `set`' },
      { path: 'question.operation.patches[0].path', message: 'expected a patch path starting with `/`, found `cveCount`' },
    ]);
    expect((await refused(send(api, 'roleMatrix', id, { name: 'R', permissions: [1] }))).errors).toEqual([{ path: 'draft.permissions[0]', message: 'expected text, found number `1`' }]);
    expect((await refused(send(api, 'importPolicy', '{}', 'not a function'))).errors).toEqual([{ path: 'onProgress', message: 'expected a function' }]);
  });

  it('missing keys and missing arguments', async () => {
    const { api, id } = await checkedWorkspace();
    expect((await refused(send(api, 'evaluate', id, { platform: 'leanix', actor: 'feed' }))).errors).toEqual([
      { path: 'question.operation', message: 'missing required key `operation`: expected an object' },
    ]);
    expect((await refused(send(api, 'evaluate', id, { actor: 'feed', operation: update }))).errors).toEqual([
      { path: 'question.platform', message: 'missing required key `platform`: expected `leanix` or `qualytics`' },
    ]);
    const missing = await refused(send(api, 'evaluate', id));
    expect(missing).toEqual({
      message: 'malformed call of `evaluate`: question: missing required argument `question`: expected an object',
      errors: [{ path: 'question', message: 'missing required argument `question`: expected an object' }],
    });
    expect((await refused(send(api, 'bulkWhatIf', id, { actor: 'feed', types: [], patches: [] }))).errors).toEqual([
      { path: 'jobId', message: 'missing required argument `jobId`: expected text' },
    ]);
  });

  it('extra keys and extra arguments', async () => {
    const { api, id } = await checkedWorkspace();
    expect((await refused(send(api, 'evaluate', id, { platform: 'leanix', actor: 'feed', operation: { ...update, patches: [{ ...update.patches[0], bogus: 1 }] }, extra: true }))).errors).toEqual([
      { path: 'question.operation.patches[0].bogus', message: 'unknown key `bogus`' },
      { path: 'question.extra', message: 'unknown key `extra`' },
    ]);
    expect((await refused(send(api, 'findFactSheets', id, { name: 'CRM' }))).errors).toEqual([{ path: 'query.name', message: 'unknown key `name`' }]);
    expect((await refused(send(api, 'ping', 'hello'))).errors).toEqual([{ path: '', message: 'expected no arguments, found 1' }]);
    expect((await refused(send(api, 'getWorkspace', id, id))).errors).toEqual([{ path: '', message: 'expected at most 1 argument (id), found 2' }]);
    const draft = { workspaceId: id, name: 'SYNC', permissions: [], updatedAt: '2026-11-24T00:00:00Z', users: ['feed'], colour: 'red' };
    expect((await refused(send(api, 'saveDraft', draft))).errors).toEqual([{ path: 'draft.colour', message: 'unknown key `colour`' }]);
  });

  it('parsed arguments reach the implementation with their defaults, and a good question is answered', async () => {
    const { api, id } = await checkedWorkspace();
    // `values` left out of a create: the schema's default fills it in
    const created = await send(api, 'evaluate', id, { platform: 'leanix', actor: 'alice', operation: { op: 'create', type: 'Application' } });
    expect(created).toMatchObject({ ok: true, value: { platform: 'leanix', outcome: { allowed: true } } });
    const r = await api.evaluate(id, { platform: 'leanix', actor: 'feed', operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/cveCount', value: 1 }] } });
    expect(r.ok).toBe(true);
    // a well-formed question about things the workspace lacks is still invalid, located in the question
    expect((await refused(api.evaluate(id, { platform: 'leanix', actor: 'nobody', operation: { op: 'read', factSheet: 'app-1' } }))).errors).toEqual([
      { path: 'actor', message: 'unknown user `nobody`' },
    ]);
  });

  it('an implementation that throws is answered as an internal failure, not thrown', async () => {
    const api = createEngineApi(createMemoryStore());
    const broken = withCheckedMessages({
      ...api,
      ping: () => {
        throw new Error('boom');
      },
    });
    expect(await broken.ping()).toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });

  it('every method of the API has its schema', () => {
    const api = createEngineApi(createMemoryStore());
    expect(Object.keys(messageArguments()).sort()).toEqual(Object.keys(api).sort());
    expect(Object.keys(withCheckedMessages(api)).sort()).toEqual(Object.keys(api).sort());
  });

  it('works across a comlink channel: a proxied progress callback passes, a malformed call is data', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(withCheckedMessages(createEngineApi(createMemoryStore())), port1 as never);
    const remote = wrap<CheckedEngineApi>(port2 as never);
    const progress: number[] = [];
    const r = await remote.importPolicy(JSON.stringify(leanixFile()), proxy((done: number) => void progress.push(done)));
    expect(r.ok).toBe(true);
    const bad = await (remote.evaluate as unknown as (...args: unknown[]) => Promise<Result<unknown>>)(r.ok ? r.value.id : '', { platform: 'sap' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid', errors: [{ path: 'question.platform', message: 'expected `leanix` or `qualytics`, found `sap`' }] } });
    port1.close();
    port2.close();
  });
});
