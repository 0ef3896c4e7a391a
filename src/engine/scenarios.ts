// Runs a policy file's scenarios: each against the file's state as written, at its
// own time, never seeing another's effects.
import type { LeanixScenario, Policy, QualyticsScenario } from '../model/schema';
import { compileLeanix } from './leanix/compile';
import type { CompiledLeanix } from './leanix/compile';
import { evaluateLeanix } from './leanix/evaluate';
import type { LeanixOutcome } from './leanix/evaluate';
import { compileQualytics, evaluateQualytics } from './qualytics/evaluate';
import type { CompiledQualytics, QualyticsOutcome } from './qualytics/evaluate';
import type { Fix, Reason } from './reasons';
import { verdictOf } from './verdict';
import type { Verdict } from './verdict';

export interface Mismatch {
  readonly key: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface ScenarioResult {
  readonly name: string;
  readonly passed: boolean;
  /** The expectation keys the scenario gives. */
  readonly expected: Record<string, unknown>;
  /** The actual value of every expectation key of the platform. */
  readonly actual: Record<string, unknown>;
  readonly mismatches: Mismatch[];
  readonly reasons: Reason[];
  readonly fixes: Fix[];
  /** The verdict in the one language of popup, playground and CLI. */
  readonly verdict: Verdict;
}

export type Compiled = { platform: 'leanix'; ws: CompiledLeanix } | { platform: 'qualytics'; ws: CompiledQualytics };

export function compile(policy: Policy): Compiled {
  return policy.platform === 'leanix'
    ? { platform: 'leanix', ws: compileLeanix(policy) }
    : { platform: 'qualytics', ws: compileQualytics(policy) };
}

export function leanixActual(outcome: LeanixOutcome): Record<string, unknown> {
  return {
    allowed: outcome.allowed,
    deniedPaths: outcome.deniedPaths,
    lxStateBefore: outcome.lxStateBefore,
    lxStateAfter: outcome.lxStateAfter,
    sealBroken: outcome.sealBroken,
    notified: outcome.notified,
    events: outcome.events,
  };
}

export function qualyticsActual(outcome: QualyticsOutcome): Record<string, unknown> {
  return { allowed: outcome.allowed, status: outcome.status };
}

/** Evaluates one scenario against a compiled workspace. */
export function runScenario(compiled: Compiled, scenario: LeanixScenario | QualyticsScenario): ScenarioResult {
  const at = Date.parse(scenario.at ?? compiled.ws.policy.asOf);
  let outcome: LeanixOutcome | QualyticsOutcome;
  let actual: Record<string, unknown>;
  if (compiled.platform === 'leanix') {
    const s = scenario as LeanixScenario;
    const o = evaluateLeanix(compiled.ws, s.actor, s.operation, at);
    outcome = o;
    actual = leanixActual(o);
  } else {
    const s = scenario as QualyticsScenario;
    const o = evaluateQualytics(compiled.ws, s.actor, s.operation, at);
    outcome = o;
    actual = qualyticsActual(o);
  }
  const expected: Record<string, unknown> = {};
  const mismatches: Mismatch[] = [];
  for (const [key, value] of Object.entries(scenario.expect)) {
    if (value === undefined || key === '$schema' || key === 'description') continue;
    expected[key] = value;
    if (!same(key, value, actual[key])) mismatches.push({ key, expected: value, actual: actual[key] });
  }
  return { name: scenario.name, passed: mismatches.length === 0, expected, actual, mismatches, reasons: outcome.reasons, fixes: outcome.fixes, verdict: verdictOf(outcome) };
}

export function runScenarios(policy: Policy, compiled: Compiled = compile(policy)): ScenarioResult[] {
  const scenarios: readonly (LeanixScenario | QualyticsScenario)[] = policy.scenarios;
  return scenarios.map((s) => runScenario(compiled, s));
}

function same(key: string, expected: unknown, actual: unknown): boolean {
  if (key === 'notified' && Array.isArray(expected) && Array.isArray(actual)) {
    const a = [...new Set(expected as string[])].sort();
    const b = [...new Set(actual as string[])].sort();
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}
