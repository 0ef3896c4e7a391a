// Permission strings: every grammar error names the string's path and the 1-based
// character position of the offending text, and says what was expected there.
import { describe, expect, it } from 'vitest';
import { parsePermission } from '../../src/model/permission';
import { errorsOf, expectErrors, expectValid, leanixFile } from './helpers';

/** The one error of a file whose role FEED has this single permission string. */
function permissionError(permission: string): unknown {
  const file = leanixFile();
  file.roles[0].permissions = [permission];
  return errorsOf(file);
}

function expectPermissionError(permission: string, position: number, message: string): void {
  expect(permissionError(permission)).toEqual([{ path: 'roles[0].permissions[0]', message, position }]);
}

const RESOURCE_LIST =
  'FACT_SHEET, FACT_SHEET_BASE_FIELDS, FACT_SHEET_FIELDS, FACT_SHEET_RELATIONS, FACT_SHEET_TAGS, FACT_SHEET_SUBSCRIPTIONS, FACT_SHEET_DOCUMENTS, FACT_SHEET_COMMENTS, FACT_SHEET_METRICS, FACT_SHEET_SURVEYS, IMPORT, EXPORT, TECHNICAL_USERS';

describe('permission strings', () => {
  it('accepts well-formed grants', () => {
    const file = leanixFile();
    file.roles[0].permissions = [
      'FACT_SHEET:READ,CREATE,UPDATE,DELETE:*:*',
      'FACT_SHEET_FIELDS:READ,UPDATE:*:lifecycle',
      'FACT_SHEET_FIELDS:UPDATE:ITComponent:version',
      'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState',
      'FACT_SHEET_RELATIONS:CREATE,DELETE:Application:relToITComponent',
      'FACT_SHEET_TAGS:CREATE:Application:*',
      'TECHNICAL_USERS:READ:*:*',
      'IMPORT:CREATE:*:*',
    ];
    expectValid(file);
  });

  it('an unknown action: `UPDAT` at 24', () => {
    // F-A-C-T-_-S-H-E-E-T-_-F-I-E-L-D-S is 17 characters, `:` 18, READ 19-22, `,` 23, UPDAT 24.
    expectPermissionError('FACT_SHEET_FIELDS:READ,UPDAT:Application:x', 24, '`UPDAT` at 24: expected READ, CREATE, UPDATE or DELETE');
  });

  it('an action in lower case', () => {
    expectPermissionError('FACT_SHEET:read:*:*', 12, '`read` at 12: expected READ, CREATE, UPDATE or DELETE; permission strings are case-sensitive');
  });

  it('an empty action list', () => {
    expectPermissionError('FACT_SHEET::*:*', 12, 'nothing at 12: expected READ, CREATE, UPDATE or DELETE');
  });

  it('a trailing comma in the action list', () => {
    expectPermissionError('FACT_SHEET:READ,:*:*', 17, 'nothing at 17: expected READ, CREATE, UPDATE or DELETE');
  });

  it('an unknown resource', () => {
    expectPermissionError('FACTSHEET:READ:*:*', 1, `\`FACTSHEET\` at 1: expected a resource (${RESOURCE_LIST})`);
  });

  it('a resource in lower case', () => {
    expectPermissionError('fact_sheet:READ:*:*', 1, '`fact_sheet` at 1: expected `FACT_SHEET`; permission strings are case-sensitive');
  });

  it('an empty string', () => {
    expectPermissionError('', 1, `nothing at 1: expected a resource (${RESOURCE_LIST})`);
  });

  it('an undeclared type', () => {
    expectPermissionError(
      'FACT_SHEET:READ:Applications:*',
      17,
      '`Applications` at 17: expected a declared fact sheet type: `Application`, `ITComponent` or `*`',
    );
  });

  it('a type where none is declared', () => {
    const file = leanixFile();
    file.factSheetTypes = [];
    file.factSheets = [];
    file.scenarios = [];
    file.roles[0].permissions = ['FACT_SHEET:READ:Application:*'];
    expectErrors(file, [{ path: 'roles[0].permissions[0]', message: '`Application` at 17: expected `*`; no fact sheet type is declared', position: 17 }]);
  });

  it('an empty type', () => {
    expectPermissionError('FACT_SHEET:READ::*', 17, 'nothing at 17: expected a fact sheet type or `*`');
  });

  it('a qualifier on a resource that takes none', () => {
    expectPermissionError('FACT_SHEET_TAGS:UPDATE:Application:lifecycle', 36, '`lifecycle` at 36: expected `*`, FACT_SHEET_TAGS takes no qualifier');
  });

  it('a qualifier that is not a field of the type', () => {
    expectPermissionError('FACT_SHEET_FIELDS:UPDATE:ITComponent:cveCount', 38, '`cveCount` at 38: expected a field of `ITComponent` or `*`');
  });

  it('a qualifier that is a field of no type', () => {
    expectPermissionError('FACT_SHEET_FIELDS:READ:*:owner', 26, '`owner` at 26: expected a field of any type or `*`');
  });

  it('a relation qualifier naming an attribute', () => {
    expectPermissionError('FACT_SHEET_RELATIONS:CREATE:Application:lifecycle', 41, '`lifecycle` at 41: expected a relation of `Application` or `*`');
  });

  it('a base field qualifier that is no base field', () => {
    expectPermissionError(
      'FACT_SHEET_BASE_FIELDS:UPDATE:*:state',
      33,
      '`state` at 33: expected a base field (name, description, alias, release, externalId, lxState) or `*`',
    );
  });

  it('too many parts', () => {
    expectPermissionError('FACT_SHEET:READ:*:*:extra', 20, '`:` at 20: a permission has four parts, RESOURCE:ACTIONS:TYPE:QUALIFIER');
  });

  it('too few parts', () => {
    expectPermissionError('FACT_SHEET:READ:*', 18, 'nothing at 18: expected `:` and a qualifier or `*` after the type');
    expectPermissionError('FACT_SHEET:READ', 16, 'nothing at 16: expected `:` and a fact sheet type or `*` after the actions');
    expectPermissionError('FACT_SHEET', 11, 'nothing at 11: expected `:` and actions after the resource');
  });

  it('spaces', () => {
    expectPermissionError('FACT_SHEET:READ, UPDATE:*:*', 17, 'unexpected space at 17: a permission has no spaces');
    expectPermissionError(' FACT_SHEET:READ:*:*', 1, 'unexpected space at 1: a permission has no spaces');
  });

  it('reports every bad string of every role, each at its own path', () => {
    const file = leanixFile();
    file.roles = [
      { name: 'A', permissions: ['FACT_SHEET:READ:*:*', 'FACT_SHEET:READ:Foo:*'] },
      { name: 'B', permissions: ['IMPORT:RUN:*:*'] },
    ];
    file.users[2].customerRoles = ['A'];
    expectErrors(file, [
      { path: 'roles[0].permissions[1]', message: '`Foo` at 17: expected a declared fact sheet type: `Application`, `ITComponent` or `*`', position: 17 },
      { path: 'roles[1].permissions[0]', message: '`RUN` at 8: expected READ, CREATE, UPDATE or DELETE', position: 8 },
    ]);
  });

  it('checks only the grammar while a fact sheet type is itself invalid', () => {
    const file = leanixFile();
    file.factSheetTypes[1].fields = 'version';
    file.roles[0].permissions = ['FACT_SHEET_FIELDS:READ:ITComponent:version', 'FACT_SHEET:REED:*:*'];
    expectErrors(file, [
      { path: 'factSheetTypes[1].fields', message: 'expected a list, found `version`' },
      { path: 'roles[0].permissions[1]', message: '`REED` at 12: expected READ, CREATE, UPDATE or DELETE', position: 12 },
    ]);
  });
});

describe('parsePermission', () => {
  it('reads the four parts, without duplicate actions', () => {
    const parsed = parsePermission('FACT_SHEET_FIELDS:READ,UPDATE,READ:*:lifecycle');
    expect(parsed).toEqual({
      ok: true,
      grant: { resource: 'FACT_SHEET_FIELDS', actions: ['READ', 'UPDATE'], type: '*', qualifier: 'lifecycle', source: 'FACT_SHEET_FIELDS:READ,UPDATE,READ:*:lifecycle' },
    });
  });

  it('without a workspace, accepts any type and field name', () => {
    expect(parsePermission('FACT_SHEET_FIELDS:READ:Anything:whatever').ok).toBe(true);
    expect(parsePermission('FACT_SHEET_BASE_FIELDS:READ:Anything:whatever').ok).toBe(false);
  });
});
