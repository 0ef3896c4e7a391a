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
const ACTION_WORDS = 'READ, CREATE, UPDATE, DELETE, ARCHIVE, INLINE_EDIT, IMPORT, EXPORT or `*`';

describe('permission strings (Shiro wildcard permissions)', () => {
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

  it('rule: one to four parts, missing trailing parts mean `*`', () => {
    const file = leanixFile();
    file.roles[0].permissions = ['FACT_SHEET:READ:Application', 'FACT_SHEET_BASE_FIELDS:UPDATE', 'EXPORT', '*'];
    expectValid(file);
    expect(parsePermission('FACT_SHEET_BASE_FIELDS:UPDATE')).toEqual({
      ok: true,
      grants: [{ resource: 'FACT_SHEET_BASE_FIELDS', actions: ['UPDATE'], type: '*', qualifier: '*', source: 'FACT_SHEET_BASE_FIELDS:UPDATE' }],
    });
  });

  it('rule: every part is a comma list, and the string grants every combination', () => {
    const parsed = parsePermission('FACT_SHEET_FIELDS,FACT_SHEET_RELATIONS:READ:Application,ITComponent:*');
    expect(parsed.ok && parsed.grants.map((g) => `${g.resource}/${g.type}/${g.qualifier}`)).toEqual([
      'FACT_SHEET_FIELDS/Application/*',
      'FACT_SHEET_FIELDS/ITComponent/*',
      'FACT_SHEET_RELATIONS/Application/*',
      'FACT_SHEET_RELATIONS/ITComponent/*',
    ]);
  });

  it('rule: `*` means every value of its part, resources and actions included, also inside a list', () => {
    const all = parsePermission('*:*');
    expect(all.ok && all.grants.map((g) => g.resource)).toEqual(RESOURCE_LIST.split(', '));
    expect(all.ok && all.grants[0]!.actions).toEqual(['READ', 'CREATE', 'UPDATE', 'DELETE', 'ARCHIVE', 'INLINE_EDIT', 'IMPORT', 'EXPORT']);
    const listed = parsePermission('FACT_SHEET:READ,*,READ');
    expect(listed.ok && listed.grants[0]!.actions).toHaveLength(8);
  });

  it('rule: matching ignores letter case; resources and actions read in their canonical upper case', () => {
    const parsed = parsePermission('fact_sheet_fields:read:application:cost');
    expect(parsed).toEqual({ ok: true, grants: [{ resource: 'FACT_SHEET_FIELDS', actions: ['READ'], type: 'application', qualifier: 'cost', source: 'fact_sheet_fields:read:application:cost' }] });
    const file = leanixFile();
    file.roles[0].permissions = ['fact_sheet_fields:update:application:cvecount', 'Fact_Sheet:Archive:itcomponent'];
    expectValid(file);
  });

  it('an unknown action gets the nearest known one: `UPDAT` at 24', () => {
    // F-A-C-T-_-S-H-E-E-T-_-F-I-E-L-D-S is 17 characters, `:` 18, READ 19-22, `,` 23, UPDAT 24.
    expectPermissionError('FACT_SHEET_FIELDS:READ,UPDAT:Application:x', 24, `\`UPDAT\` at 24: expected ${ACTION_WORDS}; did you mean \`UPDATE\`?`);
  });

  it('a lower-case misspelt action: did you mean shows the canonical upper-case word', () => {
    expectPermissionError('FACT_SHEET:reed:*:*', 12, `\`reed\` at 12: expected ${ACTION_WORDS}; did you mean \`READ\`?`);
  });

  it('rule: empty parts stay errors — an empty action list', () => {
    expectPermissionError('FACT_SHEET::*:*', 12, `nothing at 12: expected ${ACTION_WORDS}`);
  });

  it('rule: empty list items stay errors — a trailing comma in the action list', () => {
    expectPermissionError('FACT_SHEET:READ,:*:*', 17, `nothing at 17: expected ${ACTION_WORDS}`);
  });

  it('an unknown resource gets the nearest known one', () => {
    expectPermissionError('FACTSHEET:READ:*:*', 1, `\`FACTSHEET\` at 1: expected a resource (${RESOURCE_LIST}) or \`*\`; did you mean \`FACT_SHEET\`?`);
    expectPermissionError('fact_shet:READ', 1, `\`fact_shet\` at 1: expected a resource (${RESOURCE_LIST}) or \`*\`; did you mean \`FACT_SHEET\`?`);
  });

  it('an empty string', () => {
    expectPermissionError('', 1, `nothing at 1: expected a resource (${RESOURCE_LIST}) or \`*\``);
  });

  it('an undeclared type', () => {
    expectPermissionError(
      'FACT_SHEET:READ:Applications:*',
      17,
      '`Applications` at 17: expected a declared fact sheet type: `Application`, `ITComponent` or `*`; did you mean `Application`?',
    );
  });

  it('an undeclared type in a list, at its own column', () => {
    expectPermissionError('FACT_SHEET:READ:Application,Foo:*', 29, '`Foo` at 29: expected a declared fact sheet type: `Application`, `ITComponent` or `*`');
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

  it('rule: a qualifier other than `*` only where every resource of the string takes one', () => {
    expectPermissionError('FACT_SHEET_TAGS:UPDATE:Application:lifecycle', 36, '`lifecycle` at 36: expected `*`, FACT_SHEET_TAGS takes no qualifier');
    expectPermissionError('FACT_SHEET_FIELDS,FACT_SHEET_TAGS:UPDATE:Application:lifecycle', 54, '`lifecycle` at 54: expected `*`, FACT_SHEET_TAGS takes no qualifier');
  });

  it('rule: `*` as resource with a named qualifier is an error', () => {
    expectPermissionError('*:UPDATE:Application:lifecycle', 22, '`lifecycle` at 22: expected `*`; a qualifier needs resources that take one (FACT_SHEET_BASE_FIELDS, FACT_SHEET_FIELDS, FACT_SHEET_RELATIONS), not `*`');
  });

  it('rule: a named qualifier must name a field or relation of a listed type for a listed resource', () => {
    expectPermissionError('FACT_SHEET_FIELDS:UPDATE:ITComponent:cveCount', 38, '`cveCount` at 38: expected a field of `ITComponent` or `*`');
    const file = leanixFile();
    file.roles[0].permissions = ['FACT_SHEET_FIELDS,FACT_SHEET_RELATIONS:UPDATE:Application,ITComponent:version'];
    expectValid(file);
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

  it('rule: a fifth part is an error at its first character', () => {
    expectPermissionError('FACT_SHEET:READ:*:*:extra', 21, '`extra` at 21: a permission has at most four parts, RESOURCE:ACTIONS:TYPE:QUALIFIER');
  });

  it('rule: spaces stay errors', () => {
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
      { path: 'roles[1].permissions[0]', message: `\`RUN\` at 8: expected ${ACTION_WORDS}`, position: 8 },
    ]);
  });

  it('checks only the grammar while a fact sheet type is itself invalid', () => {
    const file = leanixFile();
    file.factSheetTypes[1].fields = 'version';
    file.roles[0].permissions = ['FACT_SHEET_FIELDS:READ:ITComponent:version', 'FACT_SHEET:REED:*:*'];
    expectErrors(file, [
      { path: 'factSheetTypes[1].fields', message: 'expected a list, found `version`' },
      { path: 'roles[0].permissions[1]', message: `\`REED\` at 12: expected ${ACTION_WORDS}; did you mean \`READ\`?`, position: 12 },
    ]);
  });
});

describe('parsePermission', () => {
  it('reads the four parts, without duplicate actions', () => {
    const parsed = parsePermission('FACT_SHEET_FIELDS:READ,UPDATE,READ:*:lifecycle');
    expect(parsed).toEqual({
      ok: true,
      grants: [{ resource: 'FACT_SHEET_FIELDS', actions: ['READ', 'UPDATE'], type: '*', qualifier: 'lifecycle', source: 'FACT_SHEET_FIELDS:READ,UPDATE,READ:*:lifecycle' }],
    });
  });

  it('without a workspace, accepts any type and field name', () => {
    expect(parsePermission('FACT_SHEET_FIELDS:READ:Anything:whatever').ok).toBe(true);
    expect(parsePermission('FACT_SHEET_BASE_FIELDS:READ:Anything:whatever').ok).toBe(false);
  });
});
