// The checked-in JSON Schema is the one the zod schemas generate, the example
// fixtures match it, and its descriptions are the ones docs/policy-file.md gives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_SCHEMA_FILE, policyJsonSchema, policyJsonSchemaText } from '../../src/model/json-schema';
import { example, leanixFile, qualyticsFile } from './helpers';
import { schemaMismatches } from './mini-json-schema';

const checkedIn = fileURLToPath(new URL(`../../${POLICY_SCHEMA_FILE}`, import.meta.url));
const policyDoc = fileURLToPath(new URL('../../docs/policy-file.md', import.meta.url));

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
    expect(policyJsonSchema().title).toBe('Sealcheck policy file v1');
  });

  it('has one object form per platform, each with format, version and platform', () => {
    const schema = policyJsonSchema() as { oneOf: { type: string; properties: Record<string, { const?: unknown }>; required: string[] }[] };
    expect(schema.oneOf.map((form) => form.properties.platform?.const)).toEqual(['leanix', 'qualytics']);
    for (const form of schema.oneOf) {
      expect(form.type).toBe('object');
      expect(form.properties).toHaveProperty('format');
      expect(form.properties).toHaveProperty('version');
      expect(form.properties).toHaveProperty('platform');
      expect(form.properties.format!.const).toBe('sealcheck-policy');
      expect(form.properties.version!.const).toBe(1);
      expect(form.required).toEqual(expect.arrayContaining(['format', 'version', 'platform']));
    }
  });

  it('describes the input side: keys with defaults are optional', () => {
    const schema = policyJsonSchema() as { oneOf: { properties: Record<string, { items?: { required?: string[] } }>; required: string[] }[] };
    const leanix = schema.oneOf[0]!;
    expect(leanix.required).not.toContain('roles');
    expect(leanix.required).not.toContain('scenarios');
    expect(leanix.properties.users!.items!.required).toEqual(['id', 'kind', 'role']);
  });

  it('describes the keys in the words of docs/policy-file.md', () => {
    const { description: _file, ...schema } = policyJsonSchema();
    const texts = [...descriptions(schema)].filter((d) => d !== 'Any JSON value');
    expect(texts.length).toBeGreaterThan(80);
    const doc = readFileSync(policyDoc, 'utf8');
    expect(texts.filter((d) => !doc.includes(d))).toEqual([]);
  });

  it('the example fixtures and the test files match it', () => {
    const schema = policyJsonSchema();
    for (const file of [example('leanix'), example('qualytics'), leanixFile(), qualyticsFile()]) {
      expect(schemaMismatches(schema, file)).toEqual([]);
    }
  });

  it('refuses what the validator refuses for its shape', () => {
    const schema = policyJsonSchema() as { oneOf: Record<string, unknown>[]; $defs: unknown };
    const form = (i: number) => ({ ...schema.oneOf[i]!, $defs: schema.$defs });
    const unknownKey = example('leanix');
    unknownKey.factSheets[0].subscriptions[0].role = 'x';
    expect(schemaMismatches(schema, unknownKey)).toEqual(['$: 0 of 2 oneOf options match']);
    expect(schemaMismatches(form(0), unknownKey)).toEqual(['$.factSheets[0].subscriptions[0].role: not allowed']);
    const badEnum = example('qualytics');
    badEnum.users[0].role = 'Owner';
    expect(schemaMismatches(form(1), badEnum)).toEqual(['$.users[0].role: not in enum']);
    const otherVersion = example('leanix');
    otherVersion.version = 2;
    expect(schemaMismatches(form(0), otherVersion)).toEqual(['$.version: expected 1']);
  });
});
