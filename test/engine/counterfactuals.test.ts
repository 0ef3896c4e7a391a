// Issue 5, part 3: every counterfactual the engine offers, once applied, flips the decision.
// Run over every LeanIX scenario of the rule cases and the examples: a denial's grant
// fixes together allow it (or any one of its ACL / expiry fixes lifts that gate); any
// single fix of a broken seal keeps it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy, LeanixScenario } from '../../src/model/schema';
import { applyFix } from '../../src/engine/leanix/counterfactual';
import { compile, runScenario } from '../../src/engine/scenarios';
import { validatePolicy, loadPolicyText } from '../../src/policy/validate';

const dirs = [new URL('../cases/leanix/', import.meta.url), new URL('../../examples/', import.meta.url)];
const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => new URL(f, dir)));
const texts = files.map((f) => readFileSync(f, 'utf8'));
/** The version 2 files' models, and which were written as version 2 (their fixed models must stay valid files). */
const loaded = texts
  .map((text) => ({ result: loadPolicyText(text), written: (JSON.parse(text) as { version?: unknown }).version }))
  .flatMap(({ result, written }) => (result.ok && result.policy.platform === 'leanix' ? [{ policy: result.policy, v2: written === 2 }] : []));
const policies = loaded.map((l) => l.policy);
const writtenAsV2 = new Set(loaded.filter((l) => l.v2).map((l) => l.policy));

/**
 * Runs the scenario on the fixed model. A model read from a version 2 file must stay a
 * valid version 2 file; one upgraded from version 1 may use patch shapes only version 1
 * allows, so it is compiled as it is.
 */
function rerun(policy: LeanixPolicy, scenario: LeanixScenario, fromV2: boolean) {
  if (!fromV2) return runScenario(compile({ ...policy, scenarios: [scenario] }), scenario);
  const valid = validatePolicy({ ...policy, scenarios: [scenario] });
  if (!valid.ok) throw new Error(valid.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return runScenario(compile(valid.policy), scenario);
}

describe('counterfactuals flip the decision once applied', () => {
  let denials = 0;
  let breaks = 0;
  for (const policy of policies) {
    for (const scenario of policy.scenarios) {
      const result = runScenario(compile(policy), scenario);
      const grants = result.fixes.filter((f) => f.kind === 'grant');
      if (!result.actual.allowed && result.fixes.length) {
        denials++;
        it(`denied, fixed: ${scenario.name}`, () => {
          const gates = result.fixes.filter((f) => f.kind === 'ace' || f.kind === 'expiry');
          let fixed = policy;
          for (const f of [...gates, ...grants]) fixed = applyFix(fixed, scenario.actor, f);
          const after = rerun(fixed, scenario, writtenAsV2.has(policy));
          expect(after.actual.allowed, after.reasons.map((r) => r.text).join('\n')).toBe(true);
        });
      }
      if (result.actual.sealBroken && result.fixes.length) {
        breaks++;
        for (const fix of result.fixes) {
          it(`broken, kept by "${fix.text}": ${scenario.name}`, () => {
            const after = rerun(applyFix(policy, scenario.actor, fix), scenario, writtenAsV2.has(policy));
            expect(after.actual).toMatchObject({ allowed: true, sealBroken: false });
          });
        }
      }
    }
  }
  it('covers denials and breaks', () => {
    expect(denials).toBeGreaterThan(10);
    expect(breaks).toBeGreaterThan(5);
  });
});
