// The stored policy's integrity check (src/storage/integrity.ts): a policy read back
// unchanged skips zod, anything else goes through zod as before.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelSchemas } from '../../src/model/schema';
import { openDexieStore } from '../../src/storage/dexie';
import type { InvalidRecord } from '../../src/storage/dexie';
import { digestText, passesCheck, policyCheck, policyDigest, POLICY_MODEL_VERSION } from '../../src/storage/integrity';
import { parsePolicy, prepareWorkspace, readStoredPolicy } from '../../src/storage/records';
import { put, value } from './contract';
import { leanixExample, qualyticsExample } from './fixtures';

/**
 * The model's JSON Schema (both platforms, as zod outputs them) at POLICY_MODEL_VERSION,
 * without the descriptions: they are documentation and change nothing a policy is.
 * When this test fails the model changed: bump POLICY_MODEL_VERSION in
 * src/storage/integrity.ts (stored digests of the old model are then ignored and zod
 * checks those policies again) and pin the new digest and version here.
 */
const PINNED_MODEL = { version: 2, digest: 'd154745eb4b2db9f' };

/** The schema without its `description` texts (a property named `description` stays: its value is a schema). */
function withoutDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'description' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDescriptions(value)]),
  );
}

function modelSchemaDigest(): string {
  const options = { io: 'output', unrepresentable: 'any' } as const;
  const schemas = [z.toJSONSchema(modelSchemas().LeanixPolicySchema, options), z.toJSONSchema(modelSchemas().QualyticsPolicySchema, options)];
  return digestText(JSON.stringify(withoutDescriptions(schemas)));
}

const NAME = 'sealcheck-integrity-test';

function fresh(reports: InvalidRecord[] = []) {
  const indexedDB = new IDBFactory();
  return { indexedDB, store: openDexieStore({ name: NAME, indexedDB, IDBKeyRange, onInvalidRecord: (r) => reports.push(r) }) };
}

async function rawPolicies(indexedDB: IDBFactory, edit: (record: Record<string, unknown> & { policy: Record<string, unknown> & { factSheets: Array<Record<string, unknown>> } }) => void): Promise<void> {
  const raw = new Dexie(NAME, { indexedDB, IDBKeyRange });
  await raw.open();
  const record = (await raw.table('policies').get('ws')) as Parameters<typeof edit>[0];
  edit(record);
  await raw.table('policies').put(record);
  raw.close();
}

describe('policy integrity check', () => {
  it('pins the model: a change to the model schemas must come with a new POLICY_MODEL_VERSION', () => {
    expect({ version: POLICY_MODEL_VERSION, digest: modelSchemaDigest() }).toEqual(PINNED_MODEL);
  });

  it('a digest survives the structured clone IndexedDB makes and changes with any change', () => {
    const { policy } = leanixExample();
    const check = policyCheck(policy)!;
    expect(check.model).toBe(POLICY_MODEL_VERSION);
    expect(passesCheck(structuredClone(policy), check)).toBe(true);
    const changed = structuredClone(policy);
    changed.factSheets[0]!.lxState = 'DRAFT';
    expect(passesCheck(changed, check)).toBe(false);
    expect(passesCheck(policy, { ...check, model: POLICY_MODEL_VERSION + 1 })).toBe(false);
    expect(passesCheck(policy, undefined)).toBe(false);
    expect(policyDigest({ n: 10n })).toBeNull();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(policyDigest(cycle)).toBeNull();
    expect(digestText('ab')).not.toBe(digestText('ba'));
    expect(digestText('')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prepareWorkspace stores the check of the policy zod produced', () => {
    const { policy, text } = qualyticsExample();
    const p = prepareWorkspace({ name: policy.name, policy, source: text }, 'ws', '2026-01-01T00:00:00.000Z');
    expect(p.body.check).toEqual({ model: POLICY_MODEL_VERSION, digest: policyDigest(p.body.policy) });
  });

  it('reading an unchanged policy gives what zod gives, for both platforms', () => {
    for (const { policy, text } of [leanixExample(), qualyticsExample()]) {
      const p = prepareWorkspace({ name: policy.name, policy, source: text }, 'ws', '2026-01-01T00:00:00.000Z');
      const stored = structuredClone(p.body);
      const read = readStoredPolicy(policy.platform, stored);
      expect(read.success).toBe(true);
      expect(read.data).toBe(stored.policy);
      expect(read.data).toEqual(parsePolicy(policy.platform, stored.policy).data);
      // A platform other than the workspace's is never taken on trust.
      expect(readStoredPolicy(policy.platform === 'leanix' ? 'qualytics' : 'leanix', stored).success).toBe(false);
    }
  });

  it('a record without a check, or with one of another model version, is checked by zod', async () => {
    const reports: InvalidRecord[] = [];
    const { store, indexedDB } = fresh(reports);
    const fixture = leanixExample();
    await put(store, fixture, { id: 'ws' });
    const before = value(await store.getWorkspace('ws'))!;

    // Written before checks existed: read through zod, the same workspace.
    await rawPolicies(indexedDB, (r) => delete r.check);
    expect(value(await store.getWorkspace('ws'))).toEqual(before);

    // Damaged, with a digest that matches the damage but an older model version: zod finds it.
    await rawPolicies(indexedDB, (r) => {
      r.policy.factSheets[0]!.lxState = 'SHINY';
      r.check = { model: POLICY_MODEL_VERSION - 1, digest: policyDigest(r.policy) };
    });
    const got = await store.getWorkspace('ws');
    expect(got.ok).toBe(false);
    expect(reports).toEqual([{ table: 'policies', key: 'ws', message: expect.stringContaining('factSheets[0].lxState') }]);

    // A malformed check is a damaged envelope.
    await rawPolicies(indexedDB, (r) => {
      r.policy.factSheets[0]!.lxState = 'APPROVED';
      r.check = { model: 'one', digest: 7 };
    });
    expect((await store.getWorkspace('ws')).ok).toBe(false);
    expect(reports[1]).toMatchObject({ table: 'policies', message: expect.stringContaining('check') });
  });
});

describe('a workspace stored under the version 1 model', () => {
  it('reads upgraded to the version 2 model, as a version 1 file is', () => {
    // the fixture file is version 1: its parsed v1 shape is what model version 1 stored
    const { text, policy } = leanixExample();
    const raw = JSON.parse(text) as Record<string, unknown>;
    const old = { ...raw, roles: raw.roles ?? [], scenarios: raw.scenarios ?? [] };
    const read = readStoredPolicy('leanix', { policy: old, check: { model: 1, digest: 'whatever' } });
    expect(read.success).toBe(true);
    expect(read.success && read.data).toEqual(policy);
  });
});
