// The checked-in JSON Schema is the one the zod schemas generate, files of both format
// versions match it (the example fixtures, the shipped examples, the rule cases and the
// test files), and its descriptions are the ones docs/policy-file.md gives.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_SCHEMA_FILE, policyJsonSchema, policyJsonSchemaText } from '../../src/model/json-schema';
import { example, leanixFile, leanixFileV2, qualyticsFile } from './helpers';
import { schemaMismatches } from './mini-json-schema';

const checkedIn = fileURLToPath(new URL(`../../${POLICY_SCHEMA_FILE}`, import.meta.url));
const policyDoc = fileURLToPath(new URL('../../docs/policy-file.md', import.meta.url));

/** Every policy file shipped or used as a rule case: examples/*.json and test/cases/<platform>/*.json. */
function shippedFiles(): { file: string; json: unknown }[] {
  const dirs = ['../../examples/', '../cases/leanix/', '../cases/qualytics/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ file: `${dir}${f}`, json: JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as unknown })),
  );
}

/** Every `description` text in a JSON Schema (a property named `description` is a schema, not a text). */
function descriptions(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) descriptions(item, out);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'description' && typeof value === 'string') out.add(value);
      else descriptions(value, out);
    }
  }
  return out;
}

describe('sealcheck-policy.schema.json', () => {
  it('is the schema the zod schemas generate', () => {
    const generated = policyJsonSchemaText();
    let current = '';
    try {
      current = readFileSync(checkedIn, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== generated) {
      expect.fail(`${POLICY_SCHEMA_FILE} is out of date with src/model/schema.ts; regenerate it with \`npx tsx src/model/write-json-schema.ts\``);
    }
  });

  it('is titled, and written with two spaces and a final newline', () => {
    const text = policyJsonSchemaText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "$schema": "https://json-schema.org/draft/2020-12/schema",');
    expect(policyJsonSchema().title).toBe('Sealcheck policy file');
  });

  it('has one object form per platform and version (LeanIX 2, Qualytics 1 or 2, LeanIX 1), each with format, version and platform', () => {
    type Form = { type: string; properties: Record<string, { const?: unknown; anyOf?: { const: unknown }[] }>; required: string[] };
    const schema = policyJsonSchema() as { oneOf: Form[] };
    const versions = (form: Form) => form.properties.version?.const ?? form.properties.version?.anyOf?.map((v) => v.const);
    expect(schema.oneOf.map((form) => [form.properties.platform?.const, versions(form)])).toEqual([
      ['leanix', 2],
      ['qualytics', [1, 2]],
      ['leanix', 1],
    ]);
    for (const form of schema.oneOf) {
      expect(form.type).toBe('object');
      expect(form.properties).toHaveProperty('format');
      expect(form.properties).toHaveProperty('version');
      expect(form.properties).toHaveProperty('platform');
      expect(form.properties.format!.const).toBe('sealcheck-policy');
      expect(form.required).toEqual(expect.arrayContaining(['format', 'version', 'platform']));
    }
    const [leanix2, , leanix1] = schema.oneOf;
    expect(Object.keys(leanix2!.properties)).toEqual(expect.arrayContaining(['settings', 'subscriptionRoles']));
    expect(Object.keys(leanix1!.properties)).not.toContain('settings');
  });

  it('describes the input side: keys with defaults are optional', () => {
    const schema = policyJsonSchema() as { oneOf: { properties: Record<string, { items?: { required?: string[] } }>; required: string[] }[] };
    for (const leanix of [schema.oneOf[0]!, schema.oneOf[2]!]) {
      expect(leanix.required).not.toContain('roles');
      expect(leanix.required).not.toContain('scenarios');
      expect(leanix.required).not.toContain('settings');
      expect(leanix.required).not.toContain('subscriptionRoles');
      expect(leanix.properties.users!.items!.required).toEqual(['id', 'kind', 'role']);
    }
  });

  it('describes the keys in the words of docs/policy-file.md', () => {
    const { description: _file, ...schema } = policyJsonSchema();
    const texts = [...descriptions(schema)].filter((d) => d !== 'Any JSON value');
    expect(texts.length).toBeGreaterThan(80);
    const doc = readFileSync(policyDoc, 'utf8');
    expect(texts.filter((d) => !doc.includes(d))).toEqual([]);
  });

  it('the example fixtures and the test files of both versions match it', () => {
    const schema = policyJsonSchema();
    const qualytics2 = { ...qualyticsFile(), version: 2 };
    for (const file of [example('leanix'), example('qualytics'), leanixFile(), leanixFileV2(), qualyticsFile(), qualytics2]) {
      expect(schemaMismatches(schema, file)).toEqual([]);
    }
  });

  it('the shipped examples and the rule cases match it', () => {
    const schema = policyJsonSchema();
    const files = shippedFiles();
    expect(files.some(({ json }) => (json as { version: number }).version === 2)).toBe(true);
    expect(files.some(({ json }) => (json as { version: number }).version === 1)).toBe(true);
    for (const { file, json } of files) expect(schemaMismatches(schema, json), file).toEqual([]);
  });

  it('refuses what the validator refuses for its shape', () => {
    const schema = policyJsonSchema() as { oneOf: Record<string, unknown>[]; $defs: unknown };
    const form = (i: number) => ({ ...schema.oneOf[i]!, $defs: schema.$defs });
    const unknownKey = example('leanix');
    unknownKey.factSheets[0].subscriptions[0].role = 'x';
    expect(schemaMismatches(schema, unknownKey)).toEqual(['$: 0 of 3 oneOf options match']);
    expect(schemaMismatches(form(2), unknownKey)).toEqual(['$.factSheets[0].subscriptions[0].role: not allowed']);
    const badEnum = example('qualytics');
    badEnum.users[0].role = 'Owner';
    expect(schemaMismatches(form(1), badEnum)).toEqual(['$.users[0].role: not in enum']);
    const otherVersion = example('leanix');
    otherVersion.version = 2;
    expect(schemaMismatches(form(2), otherVersion)).toEqual(['$.version: expected 1']);
    // a version 2 key in a version 1 file, and version 1's renewalDays in a version 2 file
    const v2KeyInV1 = leanixFile();
    v2KeyInV1.settings = {};
    expect(schemaMismatches(schema, v2KeyInV1)).toEqual(['$: 0 of 3 oneOf options match']);
    expect(schemaMismatches(form(2), v2KeyInV1)).toEqual(['$.settings: not allowed']);
    const renewalDaysInV2 = leanixFileV2();
    renewalDaysInV2.factSheetTypes[0].qualitySeal.renewalDays = 180;
    expect(schemaMismatches(form(0), renewalDaysInV2)).toEqual(['$.factSheetTypes[0].qualitySeal.renewalDays: not allowed']);
    const badRenewal = leanixFileV2();
    badRenewal.factSheetTypes[0].qualitySeal.renewal.value = 0;
    // `renewal` is an object or null: neither form matches
    expect(schemaMismatches(form(0), badRenewal)).toEqual(['$.factSheetTypes[0].qualitySeal.renewal: 0 of 2 anyOf options match']);
  });
});
