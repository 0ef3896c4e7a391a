import { describe, expect, it } from 'vitest';
import type { FactSheet, LeanixPolicy } from '../../src/model/schema';
import {
  dateInputValue,
  daysAfter,
  errorsAt,
  isoFromDateInput,
  knownAces,
  newIdProblem,
  removeAt,
  replaceAt,
  searchFactSheets,
} from '../../src/ui/options/ModelEditor-model';

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
