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
const policies = files
  .map((f) => loadPolicyText(readFileSync(f, 'utf8')))
  .flatMap((r) => (r.ok && r.policy.platform === 'leanix' ? [r.policy] : []));

function rerun(policy: LeanixPolicy, scenario: LeanixScenario) {
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
          const after = rerun(fixed, scenario);
          expect(after.actual.allowed, after.reasons.map((r) => r.text).join('\n')).toBe(true);
        });
      }
      if (result.actual.sealBroken && result.fixes.length) {
        breaks++;
        for (const fix of result.fixes) {
          it(`broken, kept by "${fix.text}": ${scenario.name}`, () => {
            const after = rerun(applyFix(policy, scenario.actor, fix), scenario);
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
