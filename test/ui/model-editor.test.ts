import { describe, expect, it } from 'vitest';
import type { FactSheet, LeanixPolicy } from '../../src/model/schema';
import {
  dateInputValue,
  daysAfter,
  errorsAt,
  fieldChoices,
  isoFromDateInput,
  knownAces,
  newIdProblem,
  newNameProblem,
  removeAt,
  renewalOf,
  replaceAt,
  rolesFor,
  searchFactSheets,
  sheetRelations,
  withItem,
  withShape,
  withSubscriptionType,
  withTargets,
} from '../../src/ui/options/ModelEditor-model';
import { modelSchemas } from '../../src/model/schema';
import type { SubscriptionRole } from '../../src/model/schema';

const sheet = (id: string, name: string): FactSheet => ({
  id,
  name,
  type: 'Application',
  lxState: 'APPROVED',
  approvedAt: null,
  subscriptions: [],
  permittedReadACL: [],
  permittedWriteACL: [],
  values: {},
  relations: {},
  naFields: [],
});

describe('dates', () => {
  it('shows a timestamp as the day of a date input, and null as empty', () => {
    expect(dateInputValue('2027-06-30T00:00:00Z')).toBe('2027-06-30');
    expect(dateInputValue(null)).toBe('');
    expect(dateInputValue('nonsense')).toBe('');
  });

  it('reads a date input as midnight UTC, keeps the old timestamp on the same day, and empty as null', () => {
    expect(isoFromDateInput('2028-01-31', null)).toBe('2028-01-31T00:00:00Z');
    expect(isoFromDateInput('2027-06-30', '2027-06-30T12:30:00Z')).toBe('2027-06-30T12:30:00Z');
    expect(isoFromDateInput('', '2027-06-30T00:00:00Z')).toBeNull();
  });

  it('counts days after the workspace date', () => {
    expect(daysAfter('2026-11-24T00:00:00Z', 30)).toBe('2026-12-24T00:00:00Z');
    expect(daysAfter('2026-11-24T00:00:00Z', 365)).toBe('2027-11-24T00:00:00Z');
  });
});

describe('lists', () => {
  it('replaces and removes by index without touching the input', () => {
    const list = ['a', 'b', 'c'];
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('finds fact sheets by name prefix first, then anywhere in the name or id', () => {
    const sheets = [sheet('app-1', 'Payroll web'), sheet('app-2', 'Web shop'), sheet('web-3', 'CRM')];
    expect(searchFactSheets(sheets, 'web').map((f) => f.id)).toEqual(['app-2', 'app-1', 'web-3']);
    expect(searchFactSheets(sheets, '  ')).toEqual([]);
    expect(searchFactSheets(sheets, 'web', 1).map((f) => f.id)).toEqual(['app-2']);
  });

  it('collects every access control entity named by users and ACLs', () => {
    const policy = {
      users: [{ id: 'u', kind: 'human', role: 'MEMBER', customerRoles: [], aces: ['SECURITY'], expiresAt: null }],
      factSheets: [{ ...sheet('a', 'A'), permittedReadACL: ['FINANCE'], permittedWriteACL: ['SECURITY', 'HR'] }],
    } as unknown as LeanixPolicy;
    expect(knownAces(policy)).toEqual(['FINANCE', 'HR', 'SECURITY']);
  });

  it('refuses empty, padded and taken ids', () => {
    expect(newIdProblem('', [], 'user')).toBe('give the user an id');
    expect(newIdProblem(' x', [], 'user')).toMatch(/spaces/);
    expect(newIdProblem('x', ['x'], 'user')).toBe('there is already a user `x`');
    expect(newIdProblem('y', ['x'], 'user')).toBeNull();
  });

  it('keeps the errors under a path', () => {
    const errors = [
      { path: 'users[1].role', message: 'a' },
      { path: 'users[10]', message: 'b' },
      { path: 'users[1]', message: 'c' },
      { path: 'users[1][0]', message: 'd' },
    ];
    expect(errorsAt(errors, 'users[1]').map((e) => e.message)).toEqual(['a', 'c', 'd']);
  });
});

describe('version 2 forms', () => {
  const type = modelSchemas().FactSheetTypeSchema.parse({
    name: 'Application',
    fields: ['lifecycle', 'cveCount'],
    relations: ['relToITC', 'relToBC'],
    mandatory: { fields: ['description', 'lifecycle'], relations: ['relToITC'] },
    qualitySeal: { enabled: true, ignoreUpdatesForFields: ['cveCount', 'alias'], ignoreUpdatesForRelations: ['relToBC'] },
  });
  const roles: SubscriptionRole[] = [
    { name: 'Application Owner', type: 'RESPONSIBLE', factSheetTypes: ['Application'] },
    { name: 'Expert', type: 'OBSERVER', factSheetTypes: [] },
    { name: 'Everywhere owner', type: 'RESPONSIBLE', factSheetTypes: [] },
  ];

  it('adds and removes a name of a list, once', () => {
    expect(withItem(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(withItem(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(withItem(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('offers base fields but lxState, then the attributes, for mandatory fields and seal exemptions', () => {
    expect(fieldChoices(type)).toEqual(['name', 'description', 'alias', 'release', 'externalId', 'lifecycle', 'cveCount']);
  });

  it('drops mandatory and exempt names with the attribute or relation they name; base fields stay', () => {
    const fewer = withShape(type, { fields: ['lifecycle'], relations: ['relToITC'] });
    expect(fewer.mandatory.fields).toEqual(['description', 'lifecycle']);
    expect(fewer.mandatory.relations).toEqual(['relToITC']);
    expect(fewer.qualitySeal.ignoreUpdatesForFields).toEqual(['alias']);
    expect(fewer.qualitySeal.ignoreUpdatesForRelations).toEqual([]);
    expect(withShape(type, { relations: [] }).mandatory.relations).toEqual([]);
  });

  it('reads the renewal from a value box and a unit', () => {
    expect(renewalOf('90', 'DAYS', null)).toEqual({ value: 90, unit: 'DAYS' });
    expect(renewalOf(' 12 ', 'HOURS', null)).toEqual({ value: 12, unit: 'HOURS' });
    expect(renewalOf('', 'HOURS', { value: 1, unit: 'DAYS' })).toBeNull();
    // the validator says what is wrong with these, at renewal.value
    expect(renewalOf('0', 'MINUTES', null)).toEqual({ value: 0, unit: 'MINUTES' });
    expect(renewalOf('abc', 'SECONDS', { value: 5, unit: 'DAYS' })).toEqual({ value: 5, unit: 'DAYS' });
  });

  it('offers the subscription roles of the subscription type that allow the fact sheet type', () => {
    expect(rolesFor(roles, 'RESPONSIBLE', 'Application')).toEqual(['Application Owner', 'Everywhere owner']);
    expect(rolesFor(roles, 'RESPONSIBLE', 'ITComponent')).toEqual(['Everywhere owner']);
    expect(rolesFor(roles, 'ACCOUNTABLE', 'Application')).toEqual([]);
    const sub = { user: 'alice', type: 'RESPONSIBLE' as const, roles: ['Application Owner', 'Everywhere owner'] };
    expect(withSubscriptionType(sub, 'OBSERVER', roles, 'Application')).toEqual({ user: 'alice', type: 'OBSERVER', roles: [] });
    expect(withSubscriptionType(sub, 'RESPONSIBLE', roles, 'ITComponent').roles).toEqual(['Everywhere owner']);
  });

  it('shows a fact sheet\'s relations: its type\'s, then other keys it holds; no targets drops the key', () => {
    const s = { ...sheet('a', 'A'), relations: { relOld: ['x'], relToBC: ['bc-1'] }, naFields: ['relToITC', 'relNa'] };
    expect(sheetRelations(s, type)).toEqual(['relToITC', 'relToBC', 'relOld', 'relNa']);
    expect(withTargets(s, 'relToBC', ['bc-1', 'bc-2']).relations).toEqual({ relOld: ['x'], relToBC: ['bc-1', 'bc-2'] });
    expect(withTargets(s, 'relToBC', []).relations).toEqual({ relOld: ['x'] });
    expect(withTargets(s, 'relToITC', ['itc-1']).relations).toEqual({ relOld: ['x'], relToBC: ['bc-1'], relToITC: ['itc-1'] });
  });

  it('refuses empty, padded, taken and letter-case twin names', () => {
    expect(newNameProblem('', [], 'subscription role')).toBe('give the subscription role a name');
    expect(newNameProblem('Owner ', [], 'subscription role')).toMatch(/spaces/);
    expect(newNameProblem('Owner', ['Owner'], 'subscription role')).toBe('there is already a subscription role “Owner”');
    expect(newNameProblem('owner', ['Owner'], 'subscription role')).toBe('“owner” differs from the subscription role “Owner” only in letter case');
    expect(newNameProblem('Application Owner', ['Owner'], 'subscription role')).toBeNull();
  });
});
