// The shape of a policy file: strict objects, types, required keys, enums, the header.
import { describe, expect, it } from 'vitest';
import { errorsOf, example, expectError, expectErrors, expectValid, leanixFile, policyOf, qualyticsFile } from './helpers';

describe('valid files', () => {
  it('accepts both example fixtures and the small test files', () => {
    expectValid(example('leanix'));
    expectValid(example('qualytics'));
    expectValid(leanixFile());
    expectValid(qualyticsFile());
  });

  it('fills the documented defaults', () => {
    const file = leanixFile();
    delete file.roles;
    file.users = [{ id: 'alice', kind: 'human', role: 'MEMBER' }];
    file.factSheets = [{ id: 'itc-1', type: 'ITComponent', name: 'DB', lxState: 'APPROVED' }];
    file.scenarios[0] = { name: 's', actor: 'alice', operation: { op: 'read', factSheet: 'itc-1' } };
    const result = policyOf(file);
    expect(result.roles).toEqual([]);
    expect(result.users[0]).toEqual({ id: 'alice', kind: 'human', role: 'MEMBER', customerRoles: [], aces: [], expiresAt: null });
    expect(result.factSheets[0]).toMatchObject({ approvedAt: null, subscriptions: [], permittedReadACL: [], permittedWriteACL: [], values: {} });
    // a version 1 file is read as the version 2 model
    expect(result.factSheetTypes[1].qualitySeal).toEqual({
      enabled: false,
      draft: false,
      rejected: false,
      tagsBreakSeal: false,
      renewal: null,
      ignoreUpdatesForFields: [],
      ignoreUpdatesForRelations: [],
    });
    expect(result.factSheetTypes[1].mandatory).toEqual({ fields: [], relations: [], subscriptions: [] });
    expect(result.scenarios[0].expect).toEqual({});
  });

  it('allows `$schema` and `description` in every object', () => {
    const file = leanixFile();
    file.$schema = './sealcheck-policy.schema.json';
    file.description = 'top';
    file.factSheetTypes[0].qualitySeal.description = 'seal';
    file.factSheets[0].subscriptions[0].description = 'why';
    file.scenarios[0].operation.patches[0].description = 'patch';
    expectValid(file);
  });
});

describe('unknown keys', () => {
  it('at the top', () => {
    const file = leanixFile();
    file.factsheets = [];
    expectError(file, 'factsheets', 'unknown key `factsheets`');
  });

  it('deep inside', () => {
    const file = example('leanix');
    file.factSheets[0].subscriptions[0].role = 'x';
    expectError(file, 'factSheets[0].subscriptions[0].role', 'unknown key `role`');
  });

  it('in the quality seal, an operation, a patch and an expectation', () => {
    const file = leanixFile();
    file.factSheetTypes[0].qualitySeal.expires = 1;
    file.scenarios[0].operation.force = true;
    file.scenarios[0].operation.patches[0].from = '/x';
    file.scenarios[0].expect.deniedPath = [];
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.expires', message: 'unknown key `expires`' },
      { path: 'scenarios[0].operation.patches[0].from', message: 'unknown key `from`' },
      { path: 'scenarios[0].operation.force', message: 'unknown key `force`' },
      { path: 'scenarios[0].expect.deniedPath', message: 'unknown key `deniedPath`' },
    ]);
  });

  it('in a Qualytics datastore action and token', () => {
    const file = qualyticsFile();
    file.tokens[0].scope = 'all';
    file.scenarios[0].operation.team = 'Quality';
    expectErrors(file, [
      { path: 'tokens[0].scope', message: 'unknown key `scope`' },
      { path: 'scenarios[0].operation.team', message: 'unknown key `team`' },
    ]);
  });

  it('names a key that is not an identifier in brackets', () => {
    const file = leanixFile();
    file.users[0]['first name'] = 'Alice';
    expectError(file, 'users[0]["first name"]', 'unknown key `first name`');
  });
});

describe('wrong types', () => {
  it('text where a list is expected', () => {
    const file = leanixFile();
    file.users[2].customerRoles = 'FEED';
    expectError(file, 'users[2].customerRoles', 'expected a list, found `FEED`');
  });

  it('a number where text is expected', () => {
    const file = leanixFile();
    file.factSheets[1].name = 42;
    expectError(file, 'factSheets[1].name', 'expected text, found number `42`');
  });

  it('text where true or false is expected', () => {
    const file = leanixFile();
    file.factSheetTypes[0].qualitySeal.enabled = 'yes';
    expectError(file, 'factSheetTypes[0].qualitySeal.enabled', 'expected `true` or `false`, found `yes`');
  });

  it('a fraction where a whole number is expected, and a number out of range', () => {
    const file = leanixFile();
    file.factSheetTypes[0].qualitySeal.renewalDays = 1.5;
    file.factSheetTypes[1].qualitySeal = { renewalDays: 0 };
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.renewalDays', message: 'expected a whole number, found number `1.5`' },
      { path: 'factSheetTypes[1].qualitySeal.renewalDays', message: 'expected a number greater than 0, found number `0`' },
    ]);
  });

  it('a list where an object is expected', () => {
    const file = leanixFile();
    file.factSheets[0].values = [];
    expectError(file, 'factSheets[0].values', 'expected an object, found an empty list');
  });

  it('an object where a list is expected', () => {
    const file = leanixFile();
    file.factSheets = { 'app-1': {} };
    expectError(file, 'factSheets', 'expected a list, found an object');
  });

  it('a malformed date', () => {
    const file = leanixFile();
    file.asOf = '24.11.2026';
    file.factSheets[0].approvedAt = '2026-06-01';
    expectErrors(file, [
      { path: 'asOf', message: 'expected a date and time like `2026-11-24T00:00:00Z`, found `24.11.2026`' },
      { path: 'factSheets[0].approvedAt', message: 'expected a date and time like `2026-11-24T00:00:00Z`, found `2026-06-01`' },
    ]);
  });

  it('an empty id', () => {
    const file = leanixFile();
    file.factSheets[1].id = '';
    expectError(file, 'factSheets[1].id', 'must not be empty');
  });

  it('a patch path without a leading slash', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches[0].path = 'cveCount';
    expectError(file, 'scenarios[0].operation.patches[0].path', 'expected a patch path starting with `/`, found `cveCount`');
  });

  it('an update without patches', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [];
    expectError(file, 'scenarios[0].operation.patches', 'an update has at least one patch');
  });

  it('a Qualytics actor that is neither a user id nor a token', () => {
    const file = qualyticsFile();
    file.scenarios[0].actor = 7;
    expectError(file, 'scenarios[0].actor', 'expected a user id or a token `{ "token": "<token id>" }`, found number `7`');
  });

  it('a Qualytics token actor with a wrong key is explained by the token form', () => {
    const file = qualyticsFile();
    file.scenarios[0].actor = { tokenId: 't-1' };
    // Errors come in the order of the file; keys that are missing come after those written.
    expectErrors(file, [
      { path: 'scenarios[0].actor.tokenId', message: 'unknown key `tokenId`' },
      { path: 'scenarios[0].actor.token', message: 'missing required key `token`: expected text' },
    ]);
  });

  it('a missing Qualytics actor and operation', () => {
    const file = qualyticsFile();
    delete file.scenarios[0].actor;
    delete file.scenarios[0].operation;
    expectErrors(file, [
      { path: 'scenarios[0].actor', message: 'missing required key `actor`: expected a user id or a token `{ "token": "<token id>" }`' },
      {
        path: 'scenarios[0].operation',
        message: 'missing required key `operation`: expected a datastore action `{ "action": ... }` or an API request `{ "request": ... }`',
      },
    ]);
  });

  it('a Qualytics operation that is neither an action nor a request', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { run: 'x' };
    expectError(
      file,
      'scenarios[0].operation',
      'expected a datastore action `{ "action": ... }` or an API request `{ "request": ... }`, found an object',
    );
  });
});

describe('missing required keys', () => {
  it('on a user', () => {
    const file = leanixFile();
    delete file.users[1].kind;
    expectError(file, 'users[1].kind', 'missing required key `kind`: expected `human` or `technical`');
  });

  it('on a fact sheet', () => {
    const file = leanixFile();
    delete file.factSheets[1].lxState;
    delete file.factSheets[1].name;
    expectErrors(file, [
      { path: 'factSheets[1].name', message: 'missing required key `name`: expected text' },
      { path: 'factSheets[1].lxState', message: 'missing required key `lxState`: expected `APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`' },
    ]);
  });

  it('at the top', () => {
    const file = leanixFile();
    delete file.factSheets;
    delete file.asOf;
    expectErrors(file, [
      { path: 'asOf', message: 'missing required key `asOf`: expected text' },
      { path: 'factSheets', message: 'missing required key `factSheets`: expected a list' },
    ]);
  });

  it('the operation kind', () => {
    const file = leanixFile();
    delete file.scenarios[0].operation.op;
    expectError(file, 'scenarios[0].operation.op', 'missing required key `op`: expected `update`, `create`, `archive` or `read`');
  });

  it('a Qualytics request path', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation = { request: { method: 'GET' } };
    expectError(file, 'scenarios[0].operation.request.path', 'missing required key `path`: expected text');
  });
});

describe('bad enum values', () => {
  it('a standard role', () => {
    const file = leanixFile();
    file.users[0].role = 'OWNER';
    expectError(file, 'users[0].role', 'expected `ADMIN`, `MEMBER` or `VIEWER`, found `OWNER`');
  });

  it('a subscription type', () => {
    const file = leanixFile();
    file.factSheets[0].subscriptions[0].type = 'responsible';
    expectError(file, 'factSheets[0].subscriptions[0].type', 'expected `RESPONSIBLE`, `ACCOUNTABLE` or `OBSERVER`, found `responsible`');
  });

  it('an operation kind', () => {
    const file = leanixFile();
    file.scenarios[0].operation.op = 'delete';
    expectError(file, 'scenarios[0].operation.op', 'expected `update`, `create`, `archive` or `read`, found `delete`');
  });

  it('a patch op', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches[0].op = 'move';
    expectError(file, 'scenarios[0].operation.patches[0].op', 'expected `add`, `replace` or `remove`, found `move`');
  });

  it('an expected event', () => {
    const file = leanixFile();
    file.scenarios[0].expect.events = ['FACT_SHEET_UPDATED', 'SEAL_BROKEN'];
    expectError(
      file,
      'scenarios[0].expect.events[1]',
      'expected `FACT_SHEET_CREATED`, `FACT_SHEET_UPDATED`, `FACT_SHEET_ARCHIVED`, `QUALITY_SEAL_APPROVED` or `QUALITY_SEAL_BROKEN`, found `SEAL_BROKEN`',
    );
  });

  it('a team level and a Qualytics role', () => {
    const file = qualyticsFile();
    file.teams[0].permission = 'Owner';
    file.users[1].role = 'member';
    expectErrors(file, [
      { path: 'teams[0].permission', message: 'expected `Reporter`, `Viewer`, `Drafter`, `Author` or `Editor`, found `Owner`' },
      { path: 'users[1].role', message: 'expected `Member`, `Manager` or `Admin`, found `member`' },
    ]);
  });

  it('an expected status: text is told apart from a number', () => {
    const file = qualyticsFile();
    file.scenarios[0].expect = { status: '200' };
    expectError(file, 'scenarios[0].expect.status', 'expected `200`, `201`, `204`, `400`, `401`, `403`, `404` or `409`, found text `"200"`');
  });

  it('a Qualytics action id and a request method', () => {
    const file = qualyticsFile();
    file.scenarios[0].operation.action = 'datastore.read';
    file.scenarios.push({ name: 'r', actor: 'admin', operation: { request: { method: 'PATCH', path: '/users/sync' } } });
    const errors = errorsOf(file);
    expect(errors.map((e) => e.path)).toEqual(['scenarios[0].operation.action', 'scenarios[1].operation.request.method']);
    expect(errors[0]!.message).toMatch(/^expected `datastore\.view`, `datastore\.preview`, .* or `connection\.manage`, found `datastore\.read`$/);
    expect(errors[1]!.message).toBe('expected `GET`, `POST`, `PUT` or `DELETE`, found `PATCH`');
  });
});

describe('the header', () => {
  it('refuses another version, naming it', () => {
    const file = leanixFile();
    file.version = 3;
    expectError(file, 'version', 'unsupported version 3: this Sealcheck reads policy files of version 1 and 2');
  });

  it('refuses a version written as text', () => {
    const file = leanixFile();
    file.version = '1';
    expectError(file, 'version', 'expected `1` or `2`, found text `"1"`: the version is a number');
  });

  it('reports a missing version', () => {
    const file = leanixFile();
    delete file.version;
    expectError(file, 'version', 'missing required key `version`: expected `1` or `2`');
  });

  it('refuses another format', () => {
    const file = leanixFile();
    file.format = 'sealcheck';
    expectError(file, 'format', 'expected `sealcheck-policy`, found `sealcheck`: this is not a Sealcheck policy file');
  });

  it('reports a missing format', () => {
    const file = leanixFile();
    delete file.format;
    expectError(file, 'format', 'missing required key `format`: expected `sealcheck-policy`');
  });

  it('refuses an unknown platform', () => {
    const file = leanixFile();
    file.platform = 'ardoq';
    expectError(file, 'platform', 'unknown platform `ardoq`: expected `leanix` or `qualytics`');
    file.platform = ['leanix'];
    expectError(file, 'platform', 'expected `leanix` or `qualytics`, found a list');
  });

  it('reports a missing platform', () => {
    const file = leanixFile();
    delete file.platform;
    expectError(file, 'platform', 'missing required key `platform`: expected `leanix` or `qualytics`');
  });

  it('reports every header problem at once, and nothing else of a file it cannot read', () => {
    const file = leanixFile();
    file.format = 'x';
    file.version = 3;
    file.platform = 'x';
    file.users = 'nobody';
    expect(errorsOf(file).map((e) => e.path)).toEqual(['format', 'version', 'platform']);
  });

  it('refuses a file that is not one object', () => {
    expectError([leanixFile()], '', 'a policy file is one JSON object, found a list');
    expectError('leanix', '', 'a policy file is one JSON object, found `leanix`');
    expectError(null, '', 'a policy file is one JSON object, found `null`');
  });

  it('checks each platform with its own keys', () => {
    const file = qualyticsFile();
    file.factSheets = [];
    expectError(file, 'factSheets', 'unknown key `factSheets`');
  });
});
