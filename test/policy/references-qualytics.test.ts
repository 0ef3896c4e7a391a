// Qualytics cross references and file rules.
import { describe, expect, it } from 'vitest';
import { errorsOf, expectError, expectErrors, expectValid, qualyticsFile } from './helpers';

const API =
  '(POST /users, PUT /users/{id}, DELETE /users/{id}, POST /user-tokens, GET /user-tokens/service, PUT /user-tokens/{id}, DELETE /user-tokens/{id})';

describe('unknown references', () => {
  it('a team of a user; Public always exists', () => {
    const file = qualyticsFile();
    file.users[1].teams = ['Quality', 'Public', 'Qualiti'];
    expectError(file, 'users[1].teams[2]', 'unknown team `Qualiti`; did you mean `Quality`?');
  });

  it('a datastore of a team', () => {
    const file = qualyticsFile();
    file.teams[0].datastores = ['orders', 'customers'];
    expectError(file, 'teams[0].datastores[1]', 'unknown datastore `customers`');
  });

  it('the user of a token', () => {
    const file = qualyticsFile();
    file.tokens[0].user = 'syncer';
    expectError(file, 'tokens[0].user', 'unknown user `syncer`; did you mean `sync`?');
  });

  it('an actor user and an actor token', () => {
    const file = qualyticsFile();
    file.scenarios[0].actor = 'nobody';
    file.scenarios.push({ name: 'tok', actor: { token: 't-2' }, operation: { action: 'datastore.view', datastore: 'orders' } });
    expectErrors(file, [
      { path: 'scenarios[0].actor', message: 'unknown user `nobody`' },
      { path: 'scenarios[1].actor.token', message: 'unknown token `t-2`; did you mean `t-1`?' },
    ]);
  });

  it('the datastore of an action', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation.datastore = 'order';
    expectError(file, 'scenarios[0].operation.datastore', 'unknown datastore `order`; did you mean `orders`?');
  });
});

describe('duplicate ids', () => {
  it('datastores, teams, users, tokens and scenario names', () => {
    const file = qualyticsFile();
    file.datastores.push({ id: 'orders', kind: 'enrichment' });
    file.teams.push({ name: 'Quality', permission: 'Viewer' });
    file.users.push({ id: 'sync', kind: 'human', role: 'Member' });
    file.tokens.push({ id: 't-1', user: 'admin', name: 'mine', kind: 'personal' });
    file.scenarios.push({ ...file.scenarios[0] });
    expectErrors(file, [
      { path: 'datastores[1].id', message: 'duplicate datastore id `orders`: already declared at datastores[0]' },
      { path: 'teams[1].name', message: 'duplicate team `Quality`: already declared at teams[0]' },
      { path: 'users[2].id', message: 'duplicate user id `sync`: already declared at users[1]' },
      { path: 'tokens[1].id', message: 'duplicate token id `t-1`: already declared at tokens[0]' },
      { path: 'scenarios[1].name', message: 'duplicate scenario name `view`: already declared at scenarios[0]' },
    ]);
  });

  it('a token name the same user already has', () => {
    const file = qualyticsFile();
    file.tokens.push({ id: 't-2', user: 'sync', name: 'nightly', kind: 'personal', state: 'Revoked' });
    file.tokens.push({ id: 't-3', user: 'admin', name: 'nightly', kind: 'personal' });
    expectError(file, 'tokens[1].name', '`sync` already has a token named `nightly` (tokens[0])');
  });
});

describe('file rules', () => {
  it('a service token on a human user', () => {
    const file = qualyticsFile();
    file.tokens.push({ id: 't-2', user: 'admin', name: 'svc', kind: 'service' });
    expectError(file, 'tokens[1].kind', 'a service token belongs to a service user; `admin` is a human user');
  });

  it('a personal token on a service user is fine', () => {
    const file = qualyticsFile();
    file.tokens.push({ id: 't-2', user: 'sync', name: 'mine', kind: 'personal' });
    expectValid(file);
  });

  it('expiresAt on a Qualytics user', () => {
    const file = qualyticsFile();
    file.users[1].expiresAt = '2027-01-01T00:00:00Z';
    expectError(file, 'users[1].expiresAt', 'only LeanIX technical users have an expiry date; a Qualytics user expires through its tokens');
  });

  it('a datastore action without its datastore', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { action: 'check.activate' };
    expectError(file, 'scenarios[0].operation.datastore', 'missing required key `datastore`: `check.activate` acts on a datastore');
  });

  it('datastore.delete names its datastore', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { action: 'datastore.delete' };
    expectError(file, 'scenarios[0].operation.datastore', 'missing required key `datastore`: `datastore.delete` acts on a datastore');
  });

  it('a role-only action with a datastore', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { action: 'datastore.create', datastore: 'orders' };
    file.scenarios.push({ name: 'conn', actor: 'admin', operation: { action: 'connection.manage', datastore: 'x' } });
    expectErrors(file, [
      { path: 'scenarios[0].operation.datastore', message: '`datastore.create` names no datastore; remove `datastore`' },
      { path: 'scenarios[1].operation.datastore', message: '`connection.manage` names no datastore; remove `datastore`' },
    ]);
  });

  it('every API request of the spec is accepted', () => {
    const file = qualyticsFile();
    const requests = [
      ['POST', '/users'],
      ['PUT', '/users/sync'],
      ['DELETE', '/users/unknown-is-a-runtime-404'],
      ['POST', '/user-tokens'],
      ['GET', '/user-tokens/service'],
      ['PUT', '/user-tokens/t-1'],
      ['DELETE', '/user-tokens/t-1'],
    ];
    file.scenarios = requests.map(([method, path], i) => ({ name: `r${i}`, actor: 'admin', operation: { request: { method, path, body: {} } } }));
    expectValid(file);
  });

  it('a request method and path not in the API', () => {
    const file = qualyticsFile();
    file.scenarios = [
      { name: 'a', actor: 'admin', operation: { request: { method: 'GET', path: '/users' } } },
      { name: 'b', actor: 'admin', operation: { request: { method: 'POST', path: '/teams' } } },
      { name: 'c', actor: 'admin', operation: { request: { method: 'PUT', path: '/users/a/b' } } },
    ];
    expectErrors(file, [
      { path: 'scenarios[0].operation.request', message: `\`GET /users\` is not part of the service-user and token API ${API}` },
      { path: 'scenarios[1].operation.request', message: `\`POST /teams\` is not part of the service-user and token API ${API}` },
      { path: 'scenarios[2].operation.request', message: `\`PUT /users/a/b\` is not part of the service-user and token API ${API}` },
    ]);
  });

  it('a request path without a leading slash', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { request: { method: 'POST', path: 'users' } };
    expectError(file, 'scenarios[0].operation.request.path', 'expected a request path starting with `/`, found `users`');
  });

  it('reports all problems of a file together', () => {
    const file = qualyticsFile();
    file.datastores[0].kind = 'warehouse';
    file.teams[0].datastores.push('nowhere');
    file.tokens[0].state = 'Paused';
    file.scenarios[0].actor = { token: 'nope' };
    file.scenarios[0].expect = { status: 418 };
    expect(errorsOf(file).map((e) => e.path)).toEqual([
      'datastores[0].kind',
      'teams[0].datastores[1]',
      'tokens[0].state',
      'scenarios[0].actor.token',
      'scenarios[0].expect.status',
    ]);
  });
});
