import { describe, expect, it } from 'vitest';
import { checkAdviceQuestion, checkQuestion } from '../../src/engine/question';
import type { PlatformQuestion, QuestionError } from '../../src/engine/question';
import type { LeanixOperation, LeanixPolicy, QualyticsActor, QualyticsOperation, QualyticsPolicy } from '../../src/model/schema';
import { validatePolicy } from '../../src/policy/validate';
import { leanixFile, policyOf, qualyticsFile } from '../policy/helpers';

const leanix: LeanixPolicy = policyOf(leanixFile());
const qualytics: QualyticsPolicy = policyOf(qualyticsFile());

const update = (...paths: [string, (string | number | string[])?][]): LeanixOperation => ({
  op: 'update',
  factSheet: 'app-1',
  patches: paths.map(([path, value]) => (value === undefined ? { op: 'replace' as const, path } : { op: 'replace' as const, path, value })),
});

/** An operation as it may come from outside the type system (a flag, a message). */
const untyped = (json: string): QualyticsOperation => JSON.parse(json);

function errorsOfLeanix(actor: string, operation: LeanixOperation): readonly QuestionError[] {
  const r = checkQuestion(leanix, { platform: 'leanix', actor, operation });
  return r.ok ? [] : r.errors;
}

function errorsOfQualytics(actor: QualyticsActor, operation: QualyticsOperation): readonly QuestionError[] {
  const r = checkQuestion(qualytics, { platform: 'qualytics', actor, operation });
  return r.ok ? [] : r.errors;
}

describe('checkQuestion, LeanIX', () => {
  it('passes a question a valid file could ask', () => {
    expect(checkQuestion(leanix, { platform: 'leanix', actor: 'feed', operation: update(['/cveCount', 3], ['/lxState', 'APPROVED'], ['/tags', []]) })).toEqual({ ok: true });
    expect(checkQuestion(leanix, { platform: 'leanix', actor: 'alice', operation: { op: 'create', type: 'ITComponent', values: { name: 'x', version: '1' } } })).toEqual({ ok: true });
    expect(checkQuestion(leanix, { platform: 'leanix', actor: 'bob', operation: { op: 'read', factSheet: 'itc-1' } })).toEqual({ ok: true });
  });

  it('an unknown actor, with a near miss', () => {
    expect(errorsOfLeanix('alcie', update(['/cveCount', 1]))).toEqual([{ path: 'actor', message: 'unknown user `alcie`; did you mean `alice`?' }]);
    expect(errorsOfLeanix('nobody', update(['/cveCount', 1]))).toEqual([{ path: 'actor', message: 'unknown user `nobody`' }]);
  });

  it('an actor given by email', () => {
    const withEmail: LeanixPolicy = { ...leanix, users: leanix.users.map((u) => (u.id === 'alice' ? { ...u, email: 'alice@example.com' } : u)) };
    expect(checkQuestion(withEmail, { platform: 'leanix', actor: 'alice@example.com', operation: update(['/cveCount', 1]) })).toEqual({ ok: true });
    expect(checkQuestion(withEmail, { platform: 'leanix', actor: 'bob@example.com', operation: update(['/cveCount', 1]) })).toEqual({
      ok: false,
      errors: [{ path: 'actor', message: 'unknown user `bob@example.com`' }],
    });
    // the advisor names its actor by id
    expect(checkAdviceQuestion(withEmail, { platform: 'leanix', actor: 'alice@example.com', type: 'Application', paths: ['/cveCount'] })).toEqual({
      ok: false,
      errors: [{ path: 'actor', message: 'unknown user `alice@example.com`' }],
    });
  });

  it('an unknown fact sheet', () => {
    expect(errorsOfLeanix('alice', { op: 'archive', factSheet: 'app-2' })).toEqual([{ path: 'operation.factSheet', message: 'unknown fact sheet `app-2`; did you mean `app-1`?' }]);
    expect(errorsOfLeanix('alice', { op: 'update', factSheet: 'zzz', patches: [{ op: 'replace', path: '/nope', value: 1 }] })).toEqual([
      { path: 'operation.factSheet', message: 'unknown fact sheet `zzz`' },
    ]);
  });

  it('an unknown type', () => {
    expect(errorsOfLeanix('alice', { op: 'create', type: 'Aplication', values: {} })).toEqual([
      { path: 'operation.type', message: 'unknown fact sheet type `Aplication`; did you mean `Application`?' },
    ]);
  });

  it('a patch path that names nothing of the type, prototype names included', () => {
    const nothing = (path: string, hint = '') => ({
      path: 'operation.patches[0].path',
      message: `\`${path}\` names nothing of \`Application\`: expected a base field, attribute, relation or section${hint}`,
    });
    expect(errorsOfLeanix('alice', update(['/nope', 1]))).toEqual([nothing('/nope')]);
    expect(errorsOfLeanix('alice', update(['/toString', 1]))).toEqual([nothing('/toString')]);
    expect(errorsOfLeanix('alice', update(['/__proto__', 1]))).toEqual([nothing('/__proto__')]);
    expect(errorsOfLeanix('alice', update(['/constructor/x', 1]))).toEqual([nothing('/constructor/x')]);
    expect(errorsOfLeanix('alice', update(['/lifecylce', 1]))).toEqual([nothing('/lifecylce', '; did you mean `lifecycle`?')]);
    expect(errorsOfLeanix('alice', update(['/cveCount', 1], ['cveCount', 1]))).toEqual([
      { path: 'operation.patches[1].path', message: '`cveCount`: expected a patch path starting with `/`' },
    ]);
    expect(errorsOfLeanix('alice', { op: 'update', factSheet: 'app-1', patches: [] })).toEqual([{ path: 'operation.patches', message: 'an update has at least one patch' }]);
  });

  it('more than one /lxState patch, and /lxState with further segments', () => {
    expect(errorsOfLeanix('alice', update(['/lxState', 'APPROVED'], ['/cveCount', 1], ['/lxState', 'DRAFT']))).toEqual([
      { path: 'operation.patches[2].path', message: 'an update has at most one `/lxState` patch' },
    ]);
    expect(errorsOfLeanix('alice', update(['/lxState/x', 'APPROVED']))).toEqual([
      { path: 'operation.patches[0].path', message: '`/lxState/x`: `/lxState` takes no further path segments' },
    ]);
  });

  it('an lxState value that is not a state', () => {
    const states = '`APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`';
    expect(errorsOfLeanix('alice', update(['/lxState', 'APPROVE']))).toEqual([{ path: 'operation.patches[0].value', message: `expected ${states}, found \`APPROVE\`` }]);
    expect(errorsOfLeanix('alice', update(['/lxState', 3]))).toEqual([{ path: 'operation.patches[0].value', message: `expected ${states}, found number \`3\`` }]);
    expect(errorsOfLeanix('alice', update(['/lxState']))).toEqual([{ path: 'operation.patches[0].value', message: `missing required key \`value\`: expected ${states}` }]);
    expect(errorsOfLeanix('alice', { op: 'update', factSheet: 'app-1', patches: [{ op: 'remove', path: '/lxState' }] })).toEqual([]);
  });

  it('a create whose values set lxState, approvedAt or a field the type lacks', () => {
    const values = JSON.parse('{"name": "n", "lxState": "APPROVED", "approvedAt": "2026-01-01T00:00:00Z", "lifecylce": "x", "__proto__": 1, "my key": 2}');
    expect(errorsOfLeanix('alice', { op: 'create', type: 'Application', values })).toEqual([
      { path: 'operation.values.lxState', message: 'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create' },
      { path: 'operation.values.approvedAt', message: '`approvedAt` cannot be set on create' },
      { path: 'operation.values.lifecylce', message: '`lifecylce` is not a field of `Application`; did you mean `lifecycle`?' },
      { path: 'operation.values.__proto__', message: '`__proto__` is not a field of `Application`' },
      { path: 'operation.values["my key"]', message: '`my key` is not a field of `Application`' },
    ]);
  });

  it('lists every problem, in the order of the question', () => {
    expect(errorsOfLeanix('nobody', update(['/nope', 1], ['/lxState', 'NO']))).toEqual([
      { path: 'actor', message: 'unknown user `nobody`' },
      { path: 'operation.patches[0].path', message: '`/nope` names nothing of `Application`: expected a base field, attribute, relation or section' },
      { path: 'operation.patches[1].value', message: 'expected `APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`, found `NO`' },
    ]);
  });

  it('a question for the other platform', () => {
    const r = checkQuestion(leanix, { platform: 'qualytics', actor: 'sync', operation: { action: 'datastore.view', datastore: 'orders' } });
    expect(r).toEqual({ ok: false, errors: [{ path: 'platform', message: 'the workspace is a `leanix` workspace; the question is for `qualytics`' }] });
  });
});

describe('checkQuestion, Qualytics', () => {
  it('passes a question a valid file could ask', () => {
    expect(errorsOfQualytics('sync', { action: 'check.activate', datastore: 'orders' })).toEqual([]);
    expect(errorsOfQualytics({ token: 't-1' }, { action: 'datastore.create' })).toEqual([]);
    expect(errorsOfQualytics('admin', { request: { method: 'DELETE', path: '/users/anyone' } })).toEqual([]);
  });

  it('an unknown user or token', () => {
    expect(errorsOfQualytics('synk', { action: 'datastore.view', datastore: 'orders' })).toEqual([{ path: 'actor', message: 'unknown user `synk`; did you mean `sync`?' }]);
    expect(errorsOfQualytics({ token: 't-2' }, { action: 'datastore.view', datastore: 'orders' })).toEqual([
      { path: 'actor.token', message: 'unknown token `t-2`; did you mean `t-1`?' },
    ]);
  });

  it('an unknown action, prototype names included', () => {
    expect(errorsOfQualytics('sync', untyped('{ "action": "check.activat", "datastore": "orders" }'))).toEqual([
      { path: 'operation.action', message: 'unknown action `check.activat`; did you mean `check.activate`?' },
    ]);
    expect(errorsOfQualytics('sync', untyped('{ "action": "toString", "datastore": "orders" }'))).toEqual([{ path: 'operation.action', message: 'unknown action `toString`' }]);
  });

  it('an unknown datastore, a missing one, one too many', () => {
    expect(errorsOfQualytics('sync', { action: 'datastore.view', datastore: 'order' })).toEqual([
      { path: 'operation.datastore', message: 'unknown datastore `order`; did you mean `orders`?' },
    ]);
    expect(errorsOfQualytics('sync', { action: 'datastore.view' })).toEqual([
      { path: 'operation.datastore', message: 'missing required key `datastore`: `datastore.view` acts on a datastore' },
    ]);
    expect(errorsOfQualytics('sync', { action: 'connection.manage', datastore: 'orders' })).toEqual([
      { path: 'operation.datastore', message: '`connection.manage` names no datastore; remove `datastore`' },
    ]);
  });

  it('a request to a method and path not in the API', () => {
    expect(errorsOfQualytics('admin', { request: { method: 'GET', path: '/users' } })).toEqual([
      {
        path: 'operation.request',
        message:
          '`GET /users` is not part of the service-user and token API (POST /users, PUT /users/{id}, DELETE /users/{id}, POST /user-tokens, GET /user-tokens/service, PUT /user-tokens/{id}, DELETE /user-tokens/{id})',
      },
    ]);
  });
});

describe('checkQuestion says what the validator says of the same question in a scenario', () => {
  const leanixCases: [string, LeanixOperation][] = [
    ['nobody', update(['/cveCount', 1])],
    ['alcie', { op: 'read', factSheet: 'app-2' }],
    ['alice', { op: 'create', type: 'Aplication', values: {} }],
    ['alice', { op: 'create', type: 'Application', values: { lxState: 'APPROVED', approvedAt: 'x', lifecylce: 1 } }],
    ['alice', update(['/nope', 1], ['/lifecylce', 1], ['/toString', 1])],
    ['alice', update(['/lxState', 'APPROVED'], ['/lxState', 'x'], ['/lxState/y', 'DRAFT'])],
    ['alice', update(['/lxState'])],
  ];
  const qualyticsCases: [QualyticsActor, QualyticsOperation][] = [
    ['synk', { action: 'datastore.view', datastore: 'order' }],
    [{ token: 't-2' }, { action: 'datastore.view' }],
    ['sync', { action: 'connection.manage', datastore: 'orders' }],
    ['admin', { request: { method: 'PUT', path: '/users' } }],
  ];

  function validatorSays(file: ReturnType<typeof leanixFile>, actor: unknown, operation: unknown) {
    const r = validatePolicy({ ...file, scenarios: [{ name: 's', actor, operation }] });
    if (r.ok) return [];
    return r.errors.map((e) => ({ path: e.path.replace(/^scenarios\[0\]\./, ''), message: e.message }));
  }

  it.each(leanixCases)('LeanIX %s %j', (actor, operation) => {
    const question: PlatformQuestion = { platform: 'leanix', actor, operation };
    const r = checkQuestion(leanix, question);
    expect(r.ok ? [] : r.errors).toEqual(validatorSays(leanixFile(), actor, operation));
    expect(r.ok).toBe(false);
  });

  it.each(qualyticsCases)('Qualytics %j %j', (actor, operation) => {
    const r = checkQuestion(qualytics, { platform: 'qualytics', actor, operation });
    expect(r.ok ? [] : r.errors).toEqual(validatorSays(qualyticsFile(), actor, operation));
    expect(r.ok).toBe(false);
  });
});

describe('checkAdviceQuestion', () => {
  it('passes the advisor question of a valid setup', () => {
    expect(checkAdviceQuestion(leanix, { platform: 'leanix', actor: 'feed', type: 'Application', paths: ['/cveCount', '/tags'], factSheets: ['app-1'] })).toEqual({ ok: true });
    expect(checkAdviceQuestion(qualytics, { platform: 'qualytics', actor: 'sync', actions: ['check.activate'], datastores: ['orders'] })).toEqual({ ok: true });
  });

  it('locates every problem of a LeanIX advisor question', () => {
    const r = checkAdviceQuestion(leanix, {
      platform: 'leanix',
      actor: 'fede',
      type: 'Application',
      paths: ['/nope', '/lxState', '/cveCount/x', 'cveCount', '/toString'],
      factSheets: ['itc-1', 'app-9'],
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'actor', message: 'unknown user `fede`; did you mean `feed`?' },
        { path: 'paths[0]', message: '`/nope` names no field, relation or section of `Application`' },
        { path: 'paths[1]', message: '`/lxState` is the quality seal: the advisor weighs who may set it, choose the fields the integration writes' },
        { path: 'paths[2]', message: '`/cveCount/x`: expected one segment, like `/lifecycle`' },
        { path: 'paths[3]', message: '`cveCount`: expected a path starting with `/`, like `/lifecycle`' },
        { path: 'paths[4]', message: '`/toString` names no field, relation or section of `Application`' },
        { path: 'factSheets[0]', message: '`itc-1` is a fact sheet of `ITComponent`, not of `Application`' },
        { path: 'factSheets[1]', message: 'unknown fact sheet `app-9`; did you mean `app-1`?' },
      ],
    });
    expect(checkAdviceQuestion(leanix, { platform: 'leanix', actor: 'feed', type: 'App', paths: [] })).toEqual({
      ok: false,
      errors: [
        { path: 'type', message: 'unknown fact sheet type `App`' },
        { path: 'paths', message: 'choose at least one path the integration writes' },
      ],
    });
  });

  it('locates every problem of a Qualytics advisor question', () => {
    expect(checkAdviceQuestion(qualytics, { platform: 'qualytics', actor: 'sync', actions: ['check.activat', 'constructor'], datastores: ['order'] })).toEqual({
      ok: false,
      errors: [
        { path: 'actions[0]', message: 'unknown action `check.activat`; did you mean `check.activate`?' },
        { path: 'actions[1]', message: 'unknown action `constructor`' },
        { path: 'datastores[0]', message: 'unknown datastore `order`; did you mean `orders`?' },
      ],
    });
    expect(checkAdviceQuestion(qualytics, { platform: 'leanix', actor: 'sync', type: 'T', paths: ['/a'] })).toEqual({
      ok: false,
      errors: [{ path: 'platform', message: 'the workspace is a `qualytics` workspace; the question is for `leanix`' }],
    });
  });
});
