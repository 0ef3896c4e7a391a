// Bad questions, typed or picked, come back from the worker as `invalid` with located
// errors: never as an internal error, never thrown.
import { describe, expect, it } from 'vitest';
import type { LeanixOperation, QualyticsOperation } from '../../src/model/schema';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import type { Question } from '../../src/worker/api';
import type { Result } from '../../src/worker/result';
import { leanixFile, qualyticsFile } from '../policy/helpers';

async function workspace(file: unknown) {
  const api = createEngineApi(createMemoryStore());
  const r = await api.importPolicy(JSON.stringify(file));
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.id };
}

const update = (path: string, value: unknown = 1, factSheet = 'app-1'): LeanixOperation => JSON.parse(JSON.stringify({ op: 'update', factSheet, patches: [{ op: 'replace', path, value }] }));

/** The located errors of a result that must be `invalid`. */
function invalid(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.error.kind).toBe('invalid');
  return r.error.kind === 'invalid' ? r.error.errors : [];
}

const nothing = (path: string) => `\`${path}\` names nothing of \`Application\`: expected a base field, attribute, relation or section`;

describe('the worker checks a question before it evaluates it', () => {
  it('LeanIX: unknown actor, unknown fact sheet, paths that name nothing (prototype names included)', async () => {
    const { api, id } = await workspace(leanixFile());
    const ask = (actor: string, operation: LeanixOperation) => api.evaluate(id, { platform: 'leanix', actor, operation });

    expect(invalid(await ask('nobody', update('/cveCount')))).toEqual([{ path: 'actor', message: 'unknown user `nobody`' }]);
    expect(invalid(await ask('feed', update('/cveCount', 1, 'app-9')))).toEqual([{ path: 'operation.factSheet', message: 'unknown fact sheet `app-9`; did you mean `app-1`?' }]);
    for (const path of ['/nope', '/toString', '/__proto__', '/constructor', '/hasOwnProperty/x']) {
      expect(invalid(await ask('feed', update(path)))).toEqual([{ path: 'operation.patches[0].path', message: nothing(path) }]);
    }
    expect(invalid(await ask('feed', { op: 'create', type: 'toString', values: {} }))).toEqual([{ path: 'operation.type', message: 'unknown fact sheet type `toString`' }]);
    expect(invalid(await ask('feed', update('/lxState', 'SEALED')))).toEqual([
      { path: 'operation.patches[0].value', message: 'expected `APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`, found `SEALED`' },
    ]);
  });

  it('the message names the first problem and how many more there are', async () => {
    const { api, id } = await workspace(leanixFile());
    const r = await api.evaluate(id, { platform: 'leanix', actor: 'nobody', operation: update('/nope') });
    expect(!r.ok && r.error.message).toBe('actor: unknown user `nobody` (and 1 more)');
  });

  it('checks against the workspace with its role drafts', async () => {
    const { api, id } = await workspace(leanixFile());
    await api.saveDraft({ workspaceId: id, name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['feed'], updatedAt: '2026-11-24T00:00:00Z' });
    const good = await api.evaluate(id, { platform: 'leanix', actor: 'feed', operation: update('/cveCount') });
    expect(good.ok && good.value.platform === 'leanix' && good.value.draftsApplied).toEqual(['SYNC']);
    expect(invalid(await api.evaluate(id, { platform: 'leanix', actor: 'feed', operation: update('/__proto__') }))).toEqual([
      { path: 'operation.patches[0].path', message: nothing('/__proto__') },
    ]);
  });

  it('Qualytics: unknown user, token, action and datastore, a request outside the API', async () => {
    const { api, id } = await workspace(qualyticsFile());
    const ask = (question: Omit<Extract<Question, { platform: 'qualytics' }>, 'platform'>) => api.evaluate(id, { platform: 'qualytics', ...question });
    const op = (json: string): QualyticsOperation => JSON.parse(json);

    expect(invalid(await ask({ actor: 'nobody', operation: { action: 'datastore.view', datastore: 'orders' } }))).toEqual([{ path: 'actor', message: 'unknown user `nobody`' }]);
    expect(invalid(await ask({ actor: { token: 'toString' }, operation: { action: 'datastore.view', datastore: 'orders' } }))).toEqual([
      { path: 'actor.token', message: 'unknown token `toString`' },
    ]);
    expect(invalid(await ask({ actor: 'sync', operation: op('{ "action": "__proto__", "datastore": "orders" }') }))).toEqual([
      { path: 'operation.action', message: 'unknown action `__proto__`' },
    ]);
    expect(invalid(await ask({ actor: 'sync', operation: { action: 'datastore.view', datastore: 'order' } }))).toEqual([
      { path: 'operation.datastore', message: 'unknown datastore `order`; did you mean `orders`?' },
    ]);
    const [request] = invalid(await ask({ actor: 'admin', operation: { request: { method: 'GET', path: '/users/x' } } }));
    expect(request?.path).toBe('operation.request');
  });

  it('a question for the other platform, or at an impossible time, is invalid too', async () => {
    const { api, id } = await workspace(qualyticsFile());
    expect(invalid(await api.evaluate(id, { platform: 'leanix', actor: 'sync', operation: update('/cveCount') }))).toEqual([
      { path: 'platform', message: 'the workspace is a `qualytics` workspace; the question is for `leanix`' },
    ]);
    expect(invalid(await api.evaluate(id, { platform: 'qualytics', actor: 'sync', operation: { action: 'datastore.view', datastore: 'orders' }, at: 'soon' }))).toEqual([
      { path: 'at', message: 'expected a date and time like `2026-11-24T00:00:00Z`, found `soon`' },
    ]);
  });

  it('the advisor: unknown actor, type, paths and actions are located', async () => {
    const l = await workspace(leanixFile());
    expect(invalid(await l.api.advise(l.id, { platform: 'leanix', actor: 'feed', type: 'Application', paths: ['/toString', '/lxState'] }))).toEqual([
      { path: 'paths[0]', message: '`/toString` names no field, relation or section of `Application`' },
      { path: 'paths[1]', message: '`/lxState` is the quality seal: the advisor weighs who may set it, choose the fields the integration writes' },
    ]);
    const q = await workspace(qualyticsFile());
    expect(invalid(await q.api.advise(q.id, { platform: 'qualytics', actor: 'nobody', actions: [], datastores: [] }))).toEqual([
      { path: 'actor', message: 'unknown user `nobody`' },
      { path: 'actions', message: 'choose at least one action' },
    ]);
  });
});
