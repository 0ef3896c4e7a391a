// LeanIX cross references and file rules: each names the path of the offending value.
import { describe, expect, it } from 'vitest';
import { errorsOf, expectError, expectErrors, expectValid, leanixFile } from './helpers';

describe('unknown references', () => {
  it('a customer role of a user', () => {
    const file = leanixFile();
    file.users[2].customerRoles = ['FEED', 'VULN_SYNC'];
    expectError(file, 'users[2].customerRoles[1]', 'unknown customer role `VULN_SYNC`');
  });

  it('a customer role with a near miss suggests it', () => {
    const file = leanixFile();
    file.users[2].customerRoles = ['FEDE'];
    expectError(file, 'users[2].customerRoles[0]', 'unknown customer role `FEDE`; did you mean `FEED`?');
  });

  it('the type of a fact sheet', () => {
    const file = leanixFile();
    file.factSheets[1].type = 'ITComponnt';
    expectError(file, 'factSheets[1].type', 'unknown fact sheet type `ITComponnt`; did you mean `ITComponent`?');
  });

  it('a subscription to an unknown user', () => {
    const file = leanixFile();
    file.factSheets[0].subscriptions.push({ user: 'carol', type: 'OBSERVER' });
    expectError(file, 'factSheets[0].subscriptions[1].user', 'unknown user `carol`');
  });

  it('the actor of a scenario', () => {
    const file = leanixFile();
    file.scenarios[0].actor = 'robot';
    expectError(file, 'scenarios[0].actor', 'unknown user `robot`');
  });

  it('a notified user of an expectation', () => {
    const file = leanixFile();
    file.scenarios[0].expect.notified = ['alice', 'owner'];
    expectError(file, 'scenarios[0].expect.notified[1]', 'unknown user `owner`');
  });

  it('the fact sheet of an update, an archive and a read', () => {
    const file = leanixFile();
    file.scenarios[0].operation.factSheet = 'app-2';
    file.scenarios.push({ name: 'archive', actor: 'alice', operation: { op: 'archive', factSheet: 'app-3' } });
    file.scenarios.push({ name: 'read', actor: 'alice', operation: { op: 'read', factSheet: 'App-1' } });
    expectErrors(file, [
      { path: 'scenarios[0].operation.factSheet', message: 'unknown fact sheet `app-2`; did you mean `app-1`?' },
      { path: 'scenarios[1].operation.factSheet', message: 'unknown fact sheet `app-3`; did you mean `app-1`?' },
      { path: 'scenarios[2].operation.factSheet', message: 'unknown fact sheet `App-1`; did you mean `app-1`?' },
    ]);
  });

  it('the type of a create', () => {
    const file = leanixFile();
    file.scenarios[0].operation = { op: 'create', type: 'Process', values: { name: 'p' } };
    expectError(file, 'scenarios[0].operation.type', 'unknown fact sheet type `Process`');
  });

  it('a field in the values of a fact sheet and of a create', () => {
    const file = leanixFile();
    file.factSheets[0].values.lifecyle = 'active';
    file.scenarios[0].operation = { op: 'create', type: 'ITComponent', values: { name: 'n', lifecycle: 'x' } };
    expectErrors(file, [
      { path: 'factSheets[0].values.lifecyle', message: '`lifecyle` is not a field of `Application`; did you mean `lifecycle`?' },
      { path: 'scenarios[0].operation.values.lifecycle', message: '`lifecycle` is not a field of `ITComponent`' },
    ]);
  });

  it('top-level fact sheet keys written as values', () => {
    const file = leanixFile();
    file.factSheets[1].values = { name: 'DB', lxState: 'APPROVED', approvedAt: null };
    expectErrors(file, [
      { path: 'factSheets[1].values.name', message: '`name` is a top-level key of a fact sheet, not a value' },
      { path: 'factSheets[1].values.lxState', message: '`lxState` is a top-level key of a fact sheet, not a value' },
      { path: 'factSheets[1].values.approvedAt', message: '`approvedAt` is a top-level key of a fact sheet, not a value' },
    ]);
  });

  it('a mandatory field that the type does not have', () => {
    const file = leanixFile();
    file.factSheetTypes[1].mandatory = ['version', 'owner', 'lxState'];
    expectErrors(file, [
      { path: 'factSheetTypes[1].mandatory[1]', message: '`owner` is neither a base field nor an attribute of `ITComponent`' },
      { path: 'factSheetTypes[1].mandatory[2]', message: '`lxState` cannot be mandatory' },
    ]);
  });

  it('a field list naming a base field, a section or a name twice', () => {
    const file = leanixFile();
    file.factSheetTypes[1].fields = ['version', 'description', 'tags'];
    file.factSheetTypes[1].relations = ['version'];
    expectErrors(file, [
      { path: 'factSheetTypes[1].fields[1]', message: "`description` is a base field of every type; list only the type's own fields" },
      { path: 'factSheetTypes[1].fields[2]', message: '`tags` is a fact sheet section, not a field name' },
      { path: 'factSheetTypes[1].relations[0]', message: 'duplicate name `version` in `ITComponent`' },
    ]);
  });

  it('a patch path naming nothing of the type', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [
      { op: 'replace', path: '/lifecycle', value: 'x' },
      { op: 'replace', path: '/version', value: '2' },
      { op: 'add', path: '/tag', value: 'x' },
      { op: 'add', path: '/tags/0', value: 'x' },
      { op: 'add', path: '/relToITComponent/0', value: 'itc-1' },
    ];
    expectErrors(file, [
      {
        path: 'scenarios[0].operation.patches[1].path',
        message: '`/version` names nothing of `Application`: expected a base field, attribute, relation or section',
      },
      {
        path: 'scenarios[0].operation.patches[2].path',
        message: '`/tag` names nothing of `Application`: expected a base field, attribute, relation or section; did you mean `tags`?',
      },
    ]);
  });
});

describe('unknown relations and fields in permissions', () => {
  it('a relation the type does not have', () => {
    const file = leanixFile();
    // FACT_SHEET_RELATIONS is 20 characters, `:` 21, READ 22-25, `:` 26, Application 27-37, `:` 38.
    file.roles[0].permissions.push('FACT_SHEET_RELATIONS:READ:Application:relToNowhere');
    expectError(file, 'roles[0].permissions[1]', '`relToNowhere` at 39: expected a relation of `Application` or `*`', 39);
  });

  it('a field the type does not have', () => {
    const file = leanixFile();
    file.roles[0].permissions = ['FACT_SHEET_FIELDS:UPDATE:Application:cveCnt'];
    expectError(file, 'roles[0].permissions[0]', '`cveCnt` at 38: expected a field of `Application` or `*`; did you mean `cveCount`?', 38);
  });
});

describe('cloneFrom', () => {
  it('accepts MEMBER, VIEWER and declared roles, in any order', () => {
    const file = leanixFile();
    file.roles.push({ name: 'B', cloneFrom: 'A', permissions: [] }, { name: 'A', cloneFrom: 'VIEWER', permissions: [] }, { name: 'C', cloneFrom: 'MEMBER', permissions: [] });
    expectValid(file);
  });

  it('an unknown role', () => {
    const file = leanixFile();
    file.roles[0].cloneFrom = 'FEEDER';
    expectError(file, 'roles[0].cloneFrom', 'unknown role `FEEDER`: expected MEMBER, VIEWER or a declared customer role; did you mean `FEED`?');
  });

  it('ADMIN', () => {
    const file = leanixFile();
    file.roles[0].cloneFrom = 'ADMIN';
    expectError(file, 'roles[0].cloneFrom', '`ADMIN` cannot be cloned: expected MEMBER, VIEWER or a declared customer role');
  });

  it('a role cloning itself', () => {
    const file = leanixFile();
    file.roles[0].cloneFrom = 'FEED';
    expectError(file, 'roles[0].cloneFrom', '`FEED` clones from itself: FEED → FEED');
  });

  it('a cycle is reported at every role on it, and only there', () => {
    const file = leanixFile();
    file.roles = [
      { name: 'ENTRY', cloneFrom: 'A', permissions: [] },
      { name: 'A', cloneFrom: 'B', permissions: [] },
      { name: 'B', cloneFrom: 'C', permissions: [] },
      { name: 'C', cloneFrom: 'A', permissions: [] },
    ];
    file.users[2].customerRoles = ['ENTRY'];
    expectErrors(file, [
      { path: 'roles[1].cloneFrom', message: '`A` clones from itself: A → B → C → A' },
      { path: 'roles[2].cloneFrom', message: '`B` clones from itself: B → C → A → B' },
      { path: 'roles[3].cloneFrom', message: '`C` clones from itself: C → A → B → C' },
    ]);
  });

  it('a customer role named like a built-in role', () => {
    const file = leanixFile();
    file.roles.push({ name: 'MEMBER', permissions: [] });
    expectError(file, 'roles[1].name', '`MEMBER` is a built-in role; choose another name');
  });
});

describe('duplicate ids', () => {
  it('users', () => {
    const file = leanixFile();
    file.users.push({ id: 'alice', kind: 'human', role: 'VIEWER' });
    expectError(file, 'users[3].id', 'duplicate user id `alice`: already declared at users[0]');
  });

  it('fact sheets', () => {
    const file = leanixFile();
    file.factSheets.push({ id: 'itc-1', type: 'ITComponent', name: 'DB 2', lxState: 'APPROVED' });
    expectError(file, 'factSheets[2].id', 'duplicate fact sheet id `itc-1`: already declared at factSheets[1]');
  });

  it('fact sheet types', () => {
    const file = leanixFile();
    file.factSheetTypes.push({ name: 'Application' });
    expectError(file, 'factSheetTypes[2].name', 'duplicate fact sheet type `Application`: already declared at factSheetTypes[0]');
  });

  it('roles', () => {
    const file = leanixFile();
    file.roles.push({ name: 'FEED', permissions: [] });
    expectError(file, 'roles[1].name', 'duplicate role `FEED`: already declared at roles[0]');
  });

  it('scenario names', () => {
    const file = leanixFile();
    file.scenarios.push({ ...file.scenarios[0] }, { ...file.scenarios[0] });
    expectErrors(file, [
      { path: 'scenarios[1].name', message: 'duplicate scenario name `feed updates`: already declared at scenarios[0]' },
      { path: 'scenarios[2].name', message: 'duplicate scenario name `feed updates`: already declared at scenarios[0]' },
    ]);
  });
});

describe('file rules', () => {
  it('more than one ACCOUNTABLE subscriber', () => {
    const file = leanixFile();
    file.factSheets[0].subscriptions = [
      { user: 'alice', type: 'ACCOUNTABLE' },
      { user: 'bob', type: 'RESPONSIBLE' },
      { user: 'feed', type: 'ACCOUNTABLE' },
    ];
    expectError(file, 'factSheets[0].subscriptions[2].type', 'a fact sheet has at most one ACCOUNTABLE subscriber');
  });

  it('expiresAt on a human user', () => {
    const file = leanixFile();
    file.users[0].expiresAt = '2027-01-01T00:00:00Z';
    expectError(file, 'users[0].expiresAt', 'only technical users have an expiry date; `alice` is a human user');
  });

  it('expiresAt null on a human user is the default, not an error', () => {
    const file = leanixFile();
    file.users[0].expiresAt = null;
    expectValid(file);
  });

  it('an APPROVED fact sheet needs approvedAt on a type with renewalDays, even while its seal is disabled', () => {
    const file = leanixFile();
    file.factSheetTypes[1].qualitySeal = { enabled: false, renewalDays: 90 };
    file.factSheets[1].lxState = 'APPROVED';
    expectError(file, 'factSheets[1].approvedAt', 'missing required key `approvedAt`: an approved fact sheet of `ITComponent` needs it, its seal expires after 90 days');
  });

  it('an APPROVED fact sheet of a type with renewalDays needs approvedAt', () => {
    const file = leanixFile();
    delete file.factSheets[0].approvedAt;
    expectError(file, 'factSheets[0].approvedAt', 'missing required key `approvedAt`: an approved fact sheet of `Application` needs it, its seal expires after 365 days');
  });

  it('a type without renewalDays does not need approvedAt', () => {
    const file = leanixFile();
    delete file.factSheets[0].approvedAt;
    delete file.factSheetTypes[0].qualitySeal.renewalDays;
    expectValid(file);
  });

  it('DRAFT and REJECTED only where the type enables them', () => {
    const file = leanixFile();
    file.factSheets[0].lxState = 'DRAFT'; // Application enables DRAFT
    file.factSheets[1].lxState = 'DRAFT';
    file.factSheets.push({ id: 'app-2', type: 'Application', name: 'ERP', lxState: 'REJECTED' });
    expectErrors(file, [
      { path: 'factSheets[1].lxState', message: '`DRAFT` is not enabled for `ITComponent` (its `qualitySeal.draft` is false)' },
      { path: 'factSheets[2].lxState', message: '`REJECTED` is not enabled for `Application` (its `qualitySeal.rejected` is false)' },
    ]);
  });

  it('at most one /lxState patch, with a state as its value', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [
      { op: 'replace', path: '/lxState', value: 'APPROVED' },
      { op: 'replace', path: '/description', value: 'x' },
      { op: 'replace', path: '/lxState', value: 'approved' },
    ];
    expectErrors(file, [
      { path: 'scenarios[0].operation.patches[2].path', message: 'an update has at most one `/lxState` patch' },
      { path: 'scenarios[0].operation.patches[2].value', message: 'expected `APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`, found `approved`' },
    ]);
  });

  it('an /lxState patch without a value, or with further segments', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [{ op: 'replace', path: '/lxState' }];
    file.scenarios.push({
      name: 'two',
      actor: 'alice',
      operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/lxState/x', value: 'DRAFT' }] },
    });
    expectErrors(file, [
      {
        path: 'scenarios[0].operation.patches[0].value',
        message: 'missing required key `value`: expected `APPROVED`, `BROKEN_QUALITY_SEAL`, `DRAFT` or `REJECTED`',
      },
      { path: 'scenarios[1].operation.patches[0].path', message: '`/lxState/x`: `/lxState` takes no further path segments' },
    ]);
  });

  it('remove /lxState is a runtime denial, not a file error', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [{ op: 'remove', path: '/lxState' }];
    expectValid(file);
  });

  it('create values may not contain lxState', () => {
    const file = leanixFile();
    file.scenarios[0].operation = { op: 'create', type: 'Application', values: { name: 'New', lxState: 'APPROVED' } };
    expectError(
      file,
      'scenarios[0].operation.values.lxState',
      'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create',
    );
  });

  it('create values carry name and any field of the type', () => {
    const file = leanixFile();
    file.scenarios[0].operation = { op: 'create', type: 'Application', values: { name: 'New', description: 'd', cveCount: 0, relToITComponent: [] } };
    expectValid(file);
  });
});

describe('every error of a file', () => {
  it('a file with five distinct problems yields five errors', () => {
    const file = leanixFile();
    file.users[1].role = 'OWNER'; // shape
    file.factSheets[0].subscriptions[0].user = 'carol'; // reference
    file.roles[0].permissions = ['FACT_SHEET:READ:*:name']; // grammar
    file.factSheets[1].extra = true; // unknown key
    file.scenarios[0].operation.factSheet = 'nope'; // reference
    const errors = errorsOf(file);
    expect(errors).toEqual([
      { path: 'roles[0].permissions[0]', message: '`name` at 19: expected `*`, FACT_SHEET takes no qualifier', position: 19 },
      { path: 'users[1].role', message: 'expected `ADMIN`, `MEMBER` or `VIEWER`, found `OWNER`' },
      { path: 'factSheets[0].subscriptions[0].user', message: 'unknown user `carol`' },
      { path: 'factSheets[1].extra', message: 'unknown key `extra`' },
      { path: 'scenarios[0].operation.factSheet', message: 'unknown fact sheet `nope`' },
    ]);
  });

  it('a part with a shape error still declares its id: no follow-up errors', () => {
    const file = leanixFile();
    file.users[0].kind = 'person'; // alice is still declared
    file.factSheetTypes[1].qualitySeal = 'on'; // ITComponent is still declared
    expectErrors(file, [
      { path: 'factSheetTypes[1].qualitySeal', message: 'expected an object, found `on`' },
      { path: 'users[0].kind', message: 'expected `human` or `technical`, found `person`' },
    ]);
  });

  it('an unreadable list makes no reference into it an error', () => {
    const file = leanixFile();
    file.users = { alice: {} };
    expectError(file, 'users', 'expected a list, found an object');
  });
});
