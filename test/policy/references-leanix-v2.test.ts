// Format version 2 of a LeanIX file: every validity rule version 2 adds, each with the
// path (and, inside a patch path, the position) of the offending value.
import { describe, expect, it } from 'vitest';
import { validatePolicy, validateRolesEdit } from '../../src/policy/validate';
import { errorsOf, expectError, expectErrors, expectValid, leanixFile, leanixFileV2, policyOf, withPatches } from './helpers';

describe('version 2 files', () => {
  it('the small version 2 file is valid and keeps every key it writes', () => {
    expectValid(leanixFileV2());
    const policy = policyOf(leanixFileV2());
    expect(policy.version).toBe(2);
    expect(policy.settings).toEqual({ notifyActor: false, lockMandatoryWhenBroken: true });
    expect(policy.factSheetTypes[1].mandatory).toEqual({ fields: [], relations: [], subscriptions: [] });
    expect(policy.factSheets[1]).toMatchObject({ relations: {}, naFields: [], subscriptions: [] });
  });

  it('a version 1 file and its version 2 form are the same model', () => {
    const v1 = leanixFile();
    const v2 = leanixFile();
    v2.version = 2;
    v2.factSheetTypes[0].mandatory = { fields: ['description'] };
    v2.factSheetTypes[0].qualitySeal = { enabled: true, draft: true, renewal: { value: 365, unit: 'DAYS' } };
    expect(policyOf(v2)).toEqual(policyOf(v1));
  });
});

describe('renewal', () => {
  it('renewal.value is a positive whole number, and the unit one of four', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.renewal = { value: 0, unit: 'DAYS' };
    file.factSheetTypes[1].qualitySeal = { renewal: { value: 1.5, unit: 'WEEKS' } };
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.renewal.value', message: 'expected a number greater than 0, found number `0`' },
      { path: 'factSheetTypes[1].qualitySeal.renewal.value', message: 'expected a whole number, found number `1.5`' },
      { path: 'factSheetTypes[1].qualitySeal.renewal.unit', message: 'expected `SECONDS`, `MINUTES`, `HOURS` or `DAYS`, found `WEEKS`' },
    ]);
  });

  it('renewal needs both value and unit', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.renewal = { value: 90 };
    expectError(file, 'factSheetTypes[0].qualitySeal.renewal.unit', 'missing required key `unit`: expected `SECONDS`, `MINUTES`, `HOURS` or `DAYS`');
  });

  it('renewalDays is not allowed in version 2, and the message says what to write', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.renewalDays = 180;
    expectError(
      file,
      'factSheetTypes[0].qualitySeal.renewalDays',
      'unknown key `renewalDays`: `renewalDays` is version 1 and not allowed in version 2; write `"renewal": { "value": N, "unit": "DAYS" }`',
    );
  });

  it('a version 1 renewalDays that is not a positive whole number is an error at its own path', () => {
    const file = leanixFile();
    file.factSheetTypes[0].qualitySeal.renewalDays = -3;
    file.factSheetTypes[1].qualitySeal = { renewalDays: '30' };
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.renewalDays', message: 'expected a number greater than 0, found number `-3`' },
      { path: 'factSheetTypes[1].qualitySeal.renewalDays', message: 'expected a number, found `30`' },
    ]);
  });

  it('an APPROVED sheet on a type with a renewal needs approvedAt, in the renewal\'s unit, seal enabled or not', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.enabled = false;
    file.factSheetTypes[0].qualitySeal.renewal = { value: 1, unit: 'HOURS' };
    file.factSheets[0].approvedAt = null;
    expectError(file, 'factSheets[0].approvedAt', 'missing required key `approvedAt`: an approved fact sheet of `Application` needs it, its seal expires after 1 hour');
  });
});

describe('mandatory values and seal exemptions', () => {
  it('mandatory.fields names attributes or base fields other than lxState; name is allowed', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].mandatory.fields = ['name', 'description', 'lxState', 'owner', 'relToProcess', 'lifecyle'];
    expectErrors(file, [
      { path: 'factSheetTypes[0].mandatory.fields[2]', message: '`lxState` cannot be mandatory' },
      { path: 'factSheetTypes[0].mandatory.fields[3]', message: '`owner` is neither a base field nor an attribute of `Application`' },
      { path: 'factSheetTypes[0].mandatory.fields[4]', message: '`relToProcess` is a relation of `Application`: list it in `mandatory.relations`' },
      { path: 'factSheetTypes[0].mandatory.fields[5]', message: '`lifecyle` is neither a base field nor an attribute of `Application`; did you mean `lifecycle`?' },
    ]);
  });

  it('a mandatory list is version 1: version 2 writes an object', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].mandatory = ['description'];
    expectError(file, 'factSheetTypes[0].mandatory', 'expected an object, found a list: version 2 writes `"mandatory": { "fields": [...] }`');
  });

  it('mandatory.relations names relations of the type', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].mandatory.relations = ['relToProces', 'lifecycle'];
    file.factSheetTypes[1].mandatory = { relations: ['relToApplication'] };
    expectErrors(file, [
      { path: 'factSheetTypes[0].mandatory.relations[0]', message: '`relToProces` is not a relation of `Application`; did you mean `relToProcess`?' },
      { path: 'factSheetTypes[0].mandatory.relations[1]', message: '`lifecycle` is a field, not a relation of `Application`' },
      { path: 'factSheetTypes[1].mandatory.relations[0]', message: '`relToApplication` is not a relation of `ITComponent`: the type declares no relations' },
    ]);
  });

  it('ignoreUpdatesForFields names attributes or base fields other than lxState', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.ignoreUpdatesForFields = ['name', 'lxState', 'cveCout', 'relToProcess'];
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.ignoreUpdatesForFields[1]', message: '`lxState` cannot be exempt: setting the seal is not an edit that breaks it' },
      {
        path: 'factSheetTypes[0].qualitySeal.ignoreUpdatesForFields[2]',
        message: '`cveCout` is neither a base field nor an attribute of `Application`; did you mean `cveCount`?',
      },
      {
        path: 'factSheetTypes[0].qualitySeal.ignoreUpdatesForFields[3]',
        message: '`relToProcess` is a relation of `Application`: list it in `ignoreUpdatesForRelations`',
      },
    ]);
  });

  it('ignoreUpdatesForRelations names relations of the type', () => {
    const file = leanixFileV2();
    file.factSheetTypes[0].qualitySeal.ignoreUpdatesForRelations = ['relToProces', 'cveCount'];
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.ignoreUpdatesForRelations[0]', message: '`relToProces` is not a relation of `Application`; did you mean `relToProcess`?' },
      { path: 'factSheetTypes[0].qualitySeal.ignoreUpdatesForRelations[1]', message: '`cveCount` is a field, not a relation of `Application`' },
    ]);
  });
});

describe('fact sheet relations and naFields', () => {
  it('keys of a fact sheet\'s relations name relations of its type; targets are text, not necessarily fact sheets of the file', () => {
    const file = leanixFileV2();
    file.factSheets[0].relations = { relToITComponent: ['itc-1', 'itc-elsewhere'], relToProcesses: [], lifecycle: ['x'] };
    // a sheet whose relations have a shape error is not judged by its relation names
    file.factSheets[1].relations = { relToNothing: ['itc-1', 3] };
    expectErrors(file, [
      { path: 'factSheets[0].relations.relToProcesses', message: '`relToProcesses` is not a relation of `Application`; did you mean `relToProcess`?' },
      { path: 'factSheets[0].relations.lifecycle', message: '`lifecycle` is a field, not a relation of `Application`' },
      { path: 'factSheets[1].relations.relToNothing[1]', message: 'expected text, found number `3`' },
    ]);
  });

  it('relation targets are strings: a single id is not a list', () => {
    const file = leanixFileV2();
    file.factSheets[0].relations = { relToITComponent: 'itc-1' };
    expectError(file, 'factSheets[0].relations.relToITComponent', 'expected a list, found `itc-1`');
  });

  it('naFields name relations of the type', () => {
    const file = leanixFileV2();
    file.factSheets[0].naFields = ['relToProcess', 'lifecycle', 'relToITComponents'];
    expectErrors(file, [
      { path: 'factSheets[0].naFields[1]', message: '`lifecycle` is a field, not a relation of `Application`' },
      { path: 'factSheets[0].naFields[2]', message: '`relToITComponents` is not a relation of `Application`; did you mean `relToITComponent`?' },
    ]);
  });
});

describe('subscription roles', () => {
  it('a subscription role is declared once; its factSheetTypes name declared types, exactly', () => {
    const file = leanixFileV2();
    file.subscriptionRoles.push({ name: 'Application Owner', type: 'OBSERVER' }, { name: 'Architect', type: 'OBSERVER', factSheetTypes: ['application'] });
    expectErrors(file, [
      { path: 'subscriptionRoles[2].name', message: 'duplicate subscription role `Application Owner`: already declared at subscriptionRoles[0]' },
      { path: 'subscriptionRoles[3].factSheetTypes[0]', message: 'unknown fact sheet type `application`; did you mean `Application`?' },
    ]);
  });

  it('a subscription\'s roles are declared, of the subscription\'s type, and allowed for the fact sheet\'s type', () => {
    const file = leanixFileV2();
    file.factSheets[0].subscriptions = [
      { user: 'alice', type: 'RESPONSIBLE', roles: ['Business Owner', 'Owner', 'application owner'] },
      { user: 'bob', type: 'ACCOUNTABLE', roles: ['Business Owner'] },
    ];
    file.factSheets[1].subscriptions = [{ user: 'bob', type: 'RESPONSIBLE', roles: ['Application Owner'] }];
    expectErrors(file, [
      { path: 'factSheets[0].subscriptions[0].roles[0]', message: 'subscription role `Business Owner` qualifies ACCOUNTABLE subscriptions, not RESPONSIBLE' },
      { path: 'factSheets[0].subscriptions[0].roles[1]', message: 'unknown subscription role `Owner`' },
      { path: 'factSheets[0].subscriptions[0].roles[2]', message: 'unknown subscription role `application owner`; did you mean `Application Owner`?' },
      {
        path: 'factSheets[1].subscriptions[0].roles[0]',
        message: 'subscription role `Application Owner` does not apply to `ITComponent`: its `factSheetTypes` are `Application`',
      },
    ]);
  });

  it('a mandatory subscription\'s role is declared, of its type, and allowed for the type', () => {
    const file = leanixFileV2();
    file.factSheetTypes[1].mandatory = {
      subscriptions: [
        { type: 'RESPONSIBLE', role: 'Application Owner' },
        { type: 'ACCOUNTABLE', role: 'Application Owner' },
        { type: 'OBSERVER', role: 'Nobody' },
        { type: 'ACCOUNTABLE', role: 'Business Owner' },
      ],
    };
    expectErrors(file, [
      {
        path: 'factSheetTypes[1].mandatory.subscriptions[0].role',
        message: 'subscription role `Application Owner` does not apply to `ITComponent`: its `factSheetTypes` are `Application`',
      },
      { path: 'factSheetTypes[1].mandatory.subscriptions[1].role', message: 'subscription role `Application Owner` qualifies RESPONSIBLE subscriptions, not ACCOUNTABLE' },
      { path: 'factSheetTypes[1].mandatory.subscriptions[2].role', message: 'unknown subscription role `Nobody`' },
    ]);
  });
});

describe('the letter-case rule', () => {
  it('two types, two fields or relations of a type, two customer roles or two subscription roles differing only in case', () => {
    const file = leanixFileV2();
    file.subscriptionRoles.push({ name: 'application owner', type: 'RESPONSIBLE' });
    file.factSheetTypes.push({ name: 'application' });
    file.factSheetTypes[1].fields = ['version', 'Version'];
    file.factSheetTypes[1].relations = ['VERSION'];
    file.roles.push({ name: 'feed', permissions: [] });
    expectErrors(file, [
      {
        path: 'subscriptionRoles[2].name',
        message: 'subscription role `application owner` differs from `Application Owner` (subscriptionRoles[0].name) only in letter case',
      },
      {
        path: 'factSheetTypes[1].fields[1]',
        message: '`Version` differs from `version` (factSheetTypes[1].fields[0]) only in letter case: permission strings match fields and relations without case',
      },
      {
        path: 'factSheetTypes[1].relations[0]',
        message: '`VERSION` differs from `version` (factSheetTypes[1].fields[0]) only in letter case: permission strings match fields and relations without case',
      },
      {
        path: 'factSheetTypes[2].name',
        message: 'fact sheet type `application` differs from `Application` (factSheetTypes[0].name) only in letter case: permission strings match types without case',
      },
      { path: 'roles[1].name', message: 'role `feed` differs from `FEED` (roles[0].name) only in letter case' },
    ]);
  });

  it('applies to version 1 files too', () => {
    const file = leanixFile();
    file.factSheetTypes.push({ name: 'APPLICATION' });
    file.factSheetTypes[0].relations = ['relToITComponent', 'CVECOUNT'];
    file.roles.push({ name: 'Feed', permissions: [] });
    expectErrors(file, [
      {
        path: 'factSheetTypes[0].relations[1]',
        message: '`CVECOUNT` differs from `cveCount` (factSheetTypes[0].fields[1]) only in letter case: permission strings match fields and relations without case',
      },
      {
        path: 'factSheetTypes[2].name',
        message: 'fact sheet type `APPLICATION` differs from `Application` (factSheetTypes[0].name) only in letter case: permission strings match types without case',
      },
      { path: 'roles[1].name', message: 'role `Feed` differs from `FEED` (roles[0].name) only in letter case' },
    ]);
  });

  it('the same name in two lists is no case problem', () => {
    const file = leanixFileV2();
    file.subscriptionRoles.push({ name: 'FEED', type: 'OBSERVER' });
    file.factSheetTypes[1].fields = ['lifecycle'];
    expectValid(file);
  });
});

describe('users, emails and actors', () => {
  it('emails are unique across users and equal no other user\'s id (a user\'s own id is fine)', () => {
    const file = leanixFileV2();
    file.users[1].email = 'alice@acme.example';
    file.users.push({ id: 'x', kind: 'human', role: 'MEMBER', email: 'bob' }, { id: 'y', kind: 'human', role: 'MEMBER', email: 'y' });
    expectErrors(file, [
      { path: 'users[1].email', message: 'duplicate email `alice@acme.example`: already the email of users[0]' },
      { path: 'users[3].email', message: "`bob` is the id of another user (users[1]); an email may not equal another user's id" },
    ]);
  });

  it('a scenario actor may be a user\'s email; an unknown one is suggested among ids and emails', () => {
    const file = leanixFileV2();
    expectValid(file);
    file.scenarios[0].actor = 'fed@acme.example';
    expectError(file, 'scenarios[0].actor', 'unknown user `fed@acme.example`; did you mean `feed@acme.example`?');
  });

  it('notified names user ids, never emails', () => {
    const file = leanixFileV2();
    file.scenarios[0].expect.notified = ['alice@acme.example'];
    expectError(file, 'scenarios[0].expect.notified[0]', 'unknown user `alice@acme.example`');
  });

  it('a user holds at most one subscription per fact sheet', () => {
    const file = leanixFileV2();
    file.factSheets[0].subscriptions.push({ user: 'bob', type: 'OBSERVER' }, { user: 'alice', type: 'OBSERVER' });
    expectError(
      file,
      'factSheets[0].subscriptions[2].user',
      '`alice` is already subscribed to this fact sheet (subscriptions[0]): a user holds at most one subscription per fact sheet',
    );
  });
});

describe('version 2 keys in a version 1 file, and LeanIX-only keys', () => {
  it('a version 2 key in a version 1 file is unknown: migrate to version 2 first', () => {
    const file = leanixFile();
    file.settings = {};
    file.factSheetTypes[0].qualitySeal.renewal = null;
    file.users[0].email = 'a@b';
    file.factSheets[0].subscriptions[0].roles = [];
    file.factSheets[0].naFields = [];
    const migrate = 'migrate to version 2 first (`sealcheck migrate FILE`)';
    expectErrors(file, [
      { path: 'factSheetTypes[0].qualitySeal.renewal', message: `unknown key \`renewal\`: \`renewal\` is a version 2 key; ${migrate}` },
      { path: 'users[0].email', message: `unknown key \`email\`: \`email\` is a version 2 key; ${migrate}` },
      { path: 'factSheets[0].subscriptions[0].roles', message: `unknown key \`roles\`: \`roles\` is a version 2 key; ${migrate}` },
      { path: 'factSheets[0].naFields', message: `unknown key \`naFields\`: \`naFields\` is a version 2 key; ${migrate}` },
      { path: 'settings', message: `unknown key \`settings\`: \`settings\` is a version 2 key; ${migrate}` },
    ]);
  });

  it('a mandatory object in a version 1 file: migrate to version 2 first', () => {
    const file = leanixFile();
    file.factSheetTypes[0].mandatory = { fields: ['description'] };
    expectError(
      file,
      'factSheetTypes[0].mandatory',
      'expected a list, found an object: version 1 lists the mandatory fields; an object is version 2, migrate to version 2 first (`sealcheck migrate FILE`)',
    );
  });

  it('settings are LeanIX only', () => {
    const file = leanixFileV2();
    const qualytics = { format: 'sealcheck-policy', version: 2, platform: 'qualytics', name: 'q', asOf: file.asOf, settings: {}, users: [] };
    expectError(qualytics, 'settings', 'unknown key `settings`: `settings` are LeanIX only');
  });

  it('an email is not an actor in a Qualytics file', () => {
    const qualytics = {
      format: 'sealcheck-policy',
      version: 2,
      platform: 'qualytics',
      name: 'q',
      asOf: '2026-11-24T00:00:00Z',
      datastores: [{ id: 'orders', kind: 'source' }],
      users: [{ id: 'sync', kind: 'service', role: 'Member', email: 'sync@acme.example' }],
      scenarios: [{ name: 'view', actor: 'sync@acme.example', operation: { action: 'datastore.view', datastore: 'orders' } }],
    };
    expectError(qualytics, 'scenarios[0].actor', 'unknown user `sync@acme.example`: it is the email of `sync`, and an actor is named by email in LeanIX files only');
  });
});

describe('subscription patches, version 2', () => {
  it('add /subscriptions with { user, type, roles? } and remove /subscriptions/<id> are valid', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/subscriptions', value: { user: 'bob', type: 'ACCOUNTABLE', roles: ['Business Owner'] } },
      { op: 'add', path: '/subscriptions', value: { user: 'alice', type: 'OBSERVER' } },
      { op: 'remove', path: '/subscriptions/feed' },
    ]);
    expectValid(file);
  });

  it('add /subscriptions names a declared user, a subscription type and declared roles, and nothing else', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/subscriptions', value: { user: 'carol', type: 'OWNER', roles: ['Application Owner', 3], note: 1 } },
      { op: 'add', path: '/subscriptions', value: { user: 'bob', type: 'RESPONSIBLE', roles: ['Business Owner'] } },
      { op: 'add', path: '/subscriptions', value: 'alice' },
      { op: 'add', path: '/subscriptions' },
    ]);
    expectErrors(file, [
      { path: 'scenarios[0].operation.patches[0].value.user', message: 'unknown user `carol`' },
      { path: 'scenarios[0].operation.patches[0].value.type', message: 'expected `RESPONSIBLE`, `ACCOUNTABLE` or `OBSERVER`, found `OWNER`' },
      { path: 'scenarios[0].operation.patches[0].value.roles[1]', message: 'expected a subscription role name, found number `3`' },
      { path: 'scenarios[0].operation.patches[0].value.note', message: 'unknown key `note`: a subscription has `user`, `type` and `roles`' },
      { path: 'scenarios[0].operation.patches[1].value.roles[0]', message: 'subscription role `Business Owner` qualifies ACCOUNTABLE subscriptions, not RESPONSIBLE' },
      { path: 'scenarios[0].operation.patches[2].value', message: 'expected a subscription `{ "user", "type", "roles"? }`, found `alice`' },
      { path: 'scenarios[0].operation.patches[3].value', message: 'missing required key `value`: expected a subscription `{ "user", "type", "roles"? }`' },
    ]);
  });

  it('an add that would make a second ACCOUNTABLE is invalid; replacing the same user\'s, or after removing the other, is not', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/subscriptions', value: { user: 'bob', type: 'ACCOUNTABLE' } },
      { op: 'add', path: '/subscriptions', value: { user: 'bob', type: 'ACCOUNTABLE', roles: ['Business Owner'] } },
      { op: 'add', path: '/subscriptions', value: { user: 'feed', type: 'ACCOUNTABLE' } },
    ]);
    expectError(file, 'scenarios[0].operation.patches[2].value.type', 'a fact sheet has at most one ACCOUNTABLE subscriber: `bob` already is');
    file.scenarios[0].operation.patches.splice(2, 0, { op: 'remove', path: '/subscriptions/bob' });
    expectValid(file);
  });

  it('remove /subscriptions/<id> of an undeclared user is invalid, at the id\'s position; of an unsubscribed one it is fine', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'remove', path: '/subscriptions/bob' },
      { op: 'remove', path: '/subscriptions/alcie' },
    ]);
    expectError(file, 'scenarios[0].operation.patches[1].path', 'unknown user `alcie` at 16; did you mean `alice`?', 16);
  });

  it('remove /subscriptions, replace /subscriptions, add /subscriptions/<id> and deeper paths are invalid in version 2', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'remove', path: '/subscriptions' },
      { op: 'replace', path: '/subscriptions', value: [] },
      { op: 'add', path: '/subscriptions/bob', value: { user: 'bob', type: 'OBSERVER' } },
      { op: 'remove', path: '/subscriptions/bob/roles' },
    ]);
    expectErrors(file, [
      {
        path: 'scenarios[0].operation.patches[0].path',
        message: "`remove /subscriptions` is not allowed: remove one user's subscription with `remove /subscriptions/<user id>`",
      },
      {
        path: 'scenarios[0].operation.patches[1].op',
        message:
          "`replace /subscriptions` is not allowed: add a subscription with `add /subscriptions` (it replaces the user's subscription) or remove one with `remove /subscriptions/<user id>`",
      },
      {
        path: 'scenarios[0].operation.patches[2].path',
        message: '`/subscriptions/bob` at 15: `add` takes no user id in the path; add a subscription with `add /subscriptions` and the value `{ "user", "type", "roles"? }`',
        position: 15,
      },
      {
        path: 'scenarios[0].operation.patches[3].path',
        message: '`/subscriptions/bob/roles` at 19: a subscription path is `/subscriptions` or `/subscriptions/<user id>`, nothing deeper',
        position: 19,
      },
    ]);
  });

  it('a version 1 file keeps version 1\'s patch shapes, one subscription per user and relations in create values are version 2 rules', () => {
    const file = leanixFile();
    file.scenarios[0].operation.patches = [
      { op: 'replace', path: '/subscriptions', value: 'v' },
      { op: 'add', path: '/subscriptions', value: { type: 'OBSERVER' } },
      { op: 'add', path: '/relToITComponent/-', value: 'itc-1' },
    ];
    file.factSheets[0].subscriptions.push({ user: 'alice', type: 'OBSERVER' });
    file.scenarios.push({ name: 'create', actor: 'alice', operation: { op: 'create', type: 'Application', values: { name: 'n', relToITComponent: [] } } });
    expectValid(file);
  });
});

describe('relation patches, version 2', () => {
  it('add and replace take an id or a list of ids, replace also null and []; remove takes /rel or /rel/<id>', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/relToITComponent', value: 'itc-2' },
      { op: 'add', path: '/relToITComponent', value: ['a', 'b'] },
      { op: 'replace', path: '/relToITComponent', value: null },
      { op: 'replace', path: '/relToITComponent', value: [] },
      { op: 'replace', path: '/relToITComponent', value: 'itc-1' },
      { op: 'remove', path: '/relToITComponent/itc-1' },
      { op: 'remove', path: '/relToITComponent' },
    ]);
    expectValid(file);
  });

  it('values that are no id or list of ids, and non-string ids, are invalid', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/relToITComponent', value: null },
      { op: 'add', path: '/relToITComponent', value: [] },
      { op: 'add', path: '/relToITComponent', value: ['a', 7] },
      { op: 'replace', path: '/relToITComponent', value: { id: 'a' } },
      { op: 'replace', path: '/relToITComponent' },
    ]);
    expectErrors(file, [
      { path: 'scenarios[0].operation.patches[0].value', message: 'expected a fact sheet id or a list of ids, found `null`' },
      { path: 'scenarios[0].operation.patches[1].value', message: 'expected a fact sheet id or a list of ids, found an empty list: an `add` adds at least one' },
      { path: 'scenarios[0].operation.patches[2].value[1]', message: 'expected a fact sheet id (text), found number `7`' },
      { path: 'scenarios[0].operation.patches[3].value', message: 'expected a fact sheet id or a list of ids, `null` or `[]`, found an object' },
      { path: 'scenarios[0].operation.patches[4].value', message: 'missing required key `value`: expected a fact sheet id or a list of ids, `null` or `[]`' },
    ]);
  });

  it('only remove takes /rel/<id>; deeper paths are invalid; positions point into the path', () => {
    const file = withPatches(leanixFileV2(), [
      { op: 'add', path: '/relToITComponent/itc-2', value: 'itc-2' },
      { op: 'remove', path: '/relToITComponent/itc-1/x' },
      { op: 'remove', path: '/relToITComponent/' },
    ]);
    expectErrors(file, [
      {
        path: 'scenarios[0].operation.patches[0].path',
        message: '`/relToITComponent/itc-2` at 18: only `remove` takes a target id in the path; `add` takes the id (or a list of ids) as its value, on `/relToITComponent`',
        position: 18,
      },
      {
        path: 'scenarios[0].operation.patches[1].path',
        message: '`/relToITComponent/itc-1/x` at 24: a relation path is `/relToITComponent` or `/relToITComponent/<id>`, nothing deeper',
        position: 24,
      },
      { path: 'scenarios[0].operation.patches[2].path', message: '`/relToITComponent/` at 19: expected the id of the target to remove', position: 19 },
    ]);
  });

  it('naFields is not patchable', () => {
    const file = withPatches(leanixFileV2(), [{ op: 'replace', path: '/naFields', value: [] }]);
    expectError(file, 'scenarios[0].operation.patches[0].path', '`naFields` is not patchable: the "leave empty" marks are part of the workspace, not of an update', 2);
  });

  it('create values hold fields only', () => {
    const file = leanixFileV2();
    file.scenarios[0].operation = { op: 'create', type: 'Application', values: { name: 'n', description: 'd', relToProcess: ['p'] } };
    expectError(file, 'scenarios[0].operation.values.relToProcess', '`relToProcess` is a relation of `Application`: the values of a create hold fields only');
  });
});

describe('version 2 checks still run when the shape fails elsewhere', () => {
  it('reports shape and reference errors of a version 2 file in document order', () => {
    const file = leanixFileV2();
    file.name = 7;
    file.factSheetTypes[0].mandatory.relations = ['relToNowhere'];
    file.users[0].role = 'OWNER';
    file.scenarios[0].actor = 'nobody';
    expect(errorsOf(file).map((e) => e.path)).toEqual(['name', 'factSheetTypes[0].mandatory.relations[0]', 'users[0].role', 'scenarios[0].actor']);
  });
});

describe('validation by part, version 2', () => {
  it('a role edit whose users keep their ids but change an email is validated whole (an actor may name a user by email)', () => {
    const policy = policyOf(leanixFileV2());
    const users = policy.users.map((u: { id: string }) => (u.id === 'feed' ? { ...u, email: 'sync@acme.example' } : u));
    const whole = validatePolicy({ ...policy, users });
    const byPart = validateRolesEdit(policy, policy.roles, users);
    expect(byPart).toEqual(whole);
    expect(byPart.ok ? [] : byPart.errors).toEqual([{ path: 'scenarios[0].actor', message: 'unknown user `feed@acme.example`; did you mean `sync@acme.example`?' }]);
  });

  it('a valid role edit of a version 2 policy keeps its fact sheets and scenarios', () => {
    const policy = policyOf(leanixFileV2());
    const roles = [...policy.roles, { name: 'SYNC', permissions: ['FACT_SHEET_RELATIONS:CREATE:Application:relToProcess'] }];
    const byPart = validateRolesEdit(policy, roles);
    expect(byPart).toEqual(validatePolicy({ ...policy, roles }));
    expect(byPart.ok && byPart.policy.factSheets).toEqual(policy.factSheets);
  });
});
