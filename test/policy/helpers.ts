// Shared by the validator tests: the example fixtures (test/fixtures) as mutable copies, and a
// short way to validate a changed copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { PolicyError } from '../../src/policy/errors';
import { validatePolicy } from '../../src/policy/validate';

export const EXAMPLES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function exampleText(name: 'leanix' | 'qualytics'): string {
  return readFileSync(`${EXAMPLES_DIR}${name}-example.json`, 'utf8');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A fresh, mutable copy of an example fixture. */
export function example(name: 'leanix' | 'qualytics'): Json {
  return JSON.parse(exampleText(name));
}

/** A small valid LeanIX file, easier to read in a test than the example. */
export function leanixFile(): Json {
  return {
    format: 'sealcheck-policy',
    version: 1,
    platform: 'leanix',
    name: 'test',
    asOf: '2026-11-24T00:00:00Z',
    factSheetTypes: [
      {
        name: 'Application',
        fields: ['lifecycle', 'cveCount'],
        mandatory: ['description'],
        relations: ['relToITComponent'],
        qualitySeal: { enabled: true, draft: true, renewalDays: 365 },
      },
      { name: 'ITComponent', fields: ['version'] },
    ],
    roles: [{ name: 'FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] }],
    users: [
      { id: 'alice', kind: 'human', role: 'MEMBER' },
      { id: 'bob', kind: 'human', role: 'VIEWER' },
      { id: 'feed', kind: 'technical', role: 'MEMBER', customerRoles: ['FEED'], expiresAt: '2027-01-01T00:00:00Z' },
    ],
    factSheets: [
      {
        id: 'app-1',
        type: 'Application',
        name: 'CRM',
        lxState: 'APPROVED',
        approvedAt: '2026-06-01T00:00:00Z',
        subscriptions: [{ user: 'alice', type: 'RESPONSIBLE' }],
        values: { description: 'd', lifecycle: 'active' },
      },
      { id: 'itc-1', type: 'ITComponent', name: 'DB', lxState: 'BROKEN_QUALITY_SEAL' },
    ],
    scenarios: [
      {
        name: 'feed updates',
        actor: 'feed',
        operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/cveCount', value: 1 }] },
        expect: { allowed: true },
      },
    ],
  };
}

/** A small valid LeanIX file of version 2 that uses every key version 2 adds. */
export function leanixFileV2(): Json {
  return {
    format: 'sealcheck-policy',
    version: 2,
    platform: 'leanix',
    name: 'test v2',
    asOf: '2026-11-24T00:00:00Z',
    settings: { notifyActor: false, lockMandatoryWhenBroken: true },
    subscriptionRoles: [
      { name: 'Application Owner', type: 'RESPONSIBLE', factSheetTypes: ['Application'] },
      { name: 'Business Owner', type: 'ACCOUNTABLE' },
    ],
    factSheetTypes: [
      {
        name: 'Application',
        fields: ['lifecycle', 'cveCount'],
        relations: ['relToITComponent', 'relToProcess'],
        mandatory: {
          fields: ['description'],
          relations: ['relToProcess'],
          subscriptions: [{ type: 'RESPONSIBLE', role: 'Application Owner' }],
        },
        qualitySeal: {
          enabled: true,
          draft: true,
          renewal: { value: 365, unit: 'DAYS' },
          ignoreUpdatesForFields: ['cveCount'],
          ignoreUpdatesForRelations: ['relToITComponent'],
        },
      },
      { name: 'ITComponent', fields: ['version'] },
    ],
    roles: [{ name: 'FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] }],
    users: [
      { id: 'alice', kind: 'human', role: 'MEMBER', email: 'alice@acme.example', displayName: 'Alice' },
      { id: 'bob', kind: 'human', role: 'VIEWER' },
      { id: 'feed', kind: 'technical', role: 'MEMBER', customerRoles: ['FEED'], expiresAt: '2027-01-01T00:00:00Z', email: 'feed@acme.example' },
    ],
    factSheets: [
      {
        id: 'app-1',
        type: 'Application',
        name: 'CRM',
        lxState: 'APPROVED',
        approvedAt: '2026-06-01T00:00:00Z',
        subscriptions: [{ user: 'alice', type: 'RESPONSIBLE', roles: ['Application Owner'] }],
        values: { description: 'd', lifecycle: 'active' },
        relations: { relToITComponent: ['itc-1'] },
        naFields: ['relToProcess'],
      },
      { id: 'itc-1', type: 'ITComponent', name: 'DB', lxState: 'BROKEN_QUALITY_SEAL' },
    ],
    scenarios: [
      {
        name: 'feed updates',
        actor: 'feed@acme.example',
        operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/cveCount', value: 1 }] },
        expect: { allowed: true },
      },
    ],
  };
}

/** An update scenario of the version 2 test file with these patches. */
export function withPatches(file: Json, patches: Json[], factSheet = 'app-1'): Json {
  file.scenarios[0].operation = { op: 'update', factSheet, patches };
  return file;
}

/** A small valid Qualytics file. */
export function qualyticsFile(): Json {
  return {
    format: 'sealcheck-policy',
    version: 1,
    platform: 'qualytics',
    name: 'test',
    asOf: '2026-11-24T00:00:00Z',
    datastores: [{ id: 'orders', kind: 'source' }],
    teams: [{ name: 'Quality', permission: 'Author', datastores: ['orders'] }],
    users: [
      { id: 'admin', kind: 'human', role: 'Admin' },
      { id: 'sync', kind: 'service', role: 'Member', teams: ['Quality'] },
    ],
    tokens: [{ id: 't-1', user: 'sync', name: 'nightly', kind: 'service' }],
    scenarios: [{ name: 'view', actor: 'sync', operation: { action: 'datastore.view', datastore: 'orders' } }],
  };
}

/** The errors of a file that must be invalid. */
export function errorsOf(file: unknown): PolicyError[] {
  const result = validatePolicy(file);
  if (result.ok) throw new Error('expected the file to be invalid, but it validated');
  return result.errors;
}

/** Asserts that the file is invalid with exactly these errors (path and message; position where given). */
export function expectErrors(file: unknown, expected: PolicyError[]): void {
  expect(errorsOf(file)).toEqual(expected);
}

/** Asserts exactly one error. */
export function expectError(file: unknown, path: string, message: string, position?: number): void {
  expectErrors(file, [position === undefined ? { path, message } : { path, message, position }]);
}

export function expectValid(file: unknown): void {
  const result = validatePolicy(file);
  expect(result.ok ? [] : result.errors).toEqual([]);
}

/** The validated policy of a file that must be valid. */
export function policyOf(file: unknown): Json {
  const result = validatePolicy(file);
  if (!result.ok) throw new Error(`expected a valid file:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return result.policy;
}
