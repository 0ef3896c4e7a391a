// Properties of reading policy files: valid files round-trip, and no mutation of a
// valid file makes the validator throw or report an error it cannot locate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../src/model/json-schema';
import type { PolicyError } from '../../src/policy/errors';
import { loadPolicyText, validatePolicy } from '../../src/policy/validate';
import type { ValidationResult } from '../../src/policy/validate';
import { example } from '../policy/helpers';
import { schemaMismatches } from '../policy/mini-json-schema';
import { arbLeanixFile, arbLeanixFileV2, arbMutation, mutate } from './arbitraries';
import type { Json } from './arbitraries';

/** Valid files: the two spec examples and generated LeanIX workspaces of versions 1 and 2 with scenarios. */
const arbValidFile: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constantFrom('leanix', 'qualytics').map((name) => example(name as 'leanix' | 'qualytics')), weight: 1 },
  { arbitrary: arbLeanixFile({ maxScenarios: 3, admin: true }), weight: 2 },
  { arbitrary: arbLeanixFileV2({ maxScenarios: 3, admin: true }), weight: 2 },
);

function mustBeValid(result: ValidationResult): Json {
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.policy;
}

describe('policy files', () => {
  it('(d) valid files round-trip: parse → JSON.stringify → parse gives the same policy', () => {
    fc.assert(
      fc.property(arbValidFile, (file) => {
        const policy = mustBeValid(validatePolicy(file));
        // A version 1 file is read as the version 2 model, which need not be a valid version 2
        // file (version 2 refuses patch shapes version 1 allows): its own text round-trips.
        if (file.platform === 'leanix' && file.version === 1) {
          expect(mustBeValid(loadPolicyText(JSON.stringify(file)))).toEqual(policy);
          return;
        }
        const text = JSON.stringify(policy);
        const again = mustBeValid(loadPolicyText(text));
        expect(again).toEqual(policy);
        // Defaults written out change nothing: the text is a fixed point.
        expect(JSON.stringify(again)).toBe(text);
      }),
      { numRuns: 150, seed: 505 },
    );
  });

  it('every valid file, as written and with its defaults, matches the JSON Schema', () => {
    const schema = policyJsonSchema();
    fc.assert(
      fc.property(arbValidFile, (file) => {
        expect(schemaMismatches(schema, file)).toEqual([]);
        expect(schemaMismatches(schema, mustBeValid(validatePolicy(file)))).toEqual([]);
      }),
      { numRuns: 60, seed: 606 },
    );
  });

  it('(e) mutated files validate or yield located errors, and never throw', () => {
    const located = (e: PolicyError) => e.path !== '' || (e.line !== undefined && e.column !== undefined);
    fc.assert(
      fc.property(arbValidFile, fc.array(arbMutation, { minLength: 1, maxLength: 3 }), (file, mutations) => {
        const mutated = mutate(file, mutations);
        let result: ValidationResult | undefined;
        expect(() => {
          result = 'text' in mutated ? loadPolicyText(mutated.text) : validatePolicy(mutated.value);
        }).not.toThrow();
        if (!result || result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(located(error), JSON.stringify(error)).toBe(true);
          // Message style: lowercase start (or quoted input), no trailing period.
          expect(error.message).toMatch(/^[a-z`]/);
          expect(error.message).not.toMatch(/\.$/);
          if (error.position !== undefined) expect(error.path).toMatch(/^roles\[\d+\]\.permissions\[\d+\]$/);
        }
        const keys = result.errors.map((e) => `${e.path}\u0000${e.message}`);
        expect(new Set(keys).size, keys.join('\n')).toBe(keys.length);
      }),
      { numRuns: 300, seed: 707 },
    );
  });
});
