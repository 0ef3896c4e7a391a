// The LeanIX evaluator: the decision core's trace, rendered into the reasons and fixes
// people read. What CLI, worker, popup and playground call for one question.
import type { LeanixOperation } from '../../model/schema';
import type { LeanixEvent, LxState } from '../../model/vocabulary';
import type { Fix, Reason } from '../reasons';
import type { TargetKind } from '../../model/patch-path';
import { decide } from './decide';
import type { LeanixTrace } from './decide';
import { renderLeanix } from './render';
import type { CompiledLeanix } from './compile';

export interface PatchDecision {
  readonly path: string;
  readonly allowed: boolean;
  /** What the patch touches: `attribute`, `base field`, `relation`, a section name, or `seal`. */
  readonly target: TargetKind;
  readonly sealRelevant: boolean;
}

export interface LeanixOutcome {
  readonly allowed: boolean;
  readonly deniedPaths: string[];
  readonly lxStateBefore: LxState | null;
  readonly lxStateAfter: LxState | null;
  readonly sealBroken: boolean;
  readonly notified: string[];
  readonly events: LeanixEvent[];
  /** Only for an allowed approval: the new `approvedAt`. */
  readonly approvedAt?: string;
  /** Whether the fact sheet's type has a quality seal at all (false: the state is only stored). */
  readonly sealEnabled?: boolean;
  readonly patches: PatchDecision[];
  readonly reasons: Reason[];
  readonly fixes: Fix[];
  /** The structured decision the reasons and fixes were rendered from. */
  readonly trace: LeanixTrace;
}

/** The outcome of a trace, without words. */
export function outcomeOf(trace: LeanixTrace): Omit<LeanixOutcome, 'reasons' | 'fixes'> {
  const gateShut = trace.gate.expired !== null || trace.gate.acl !== null;
  return {
    allowed: trace.allowed,
    deniedPaths: [...trace.deniedPaths],
    lxStateBefore: trace.lxStateBefore,
    lxStateAfter: trace.lxStateAfter,
    sealBroken: trace.sealBroken,
    notified: [...trace.notified],
    events: [...trace.events],
    ...(trace.approvedAt !== null ? { approvedAt: trace.approvedAt } : {}),
    ...(trace.seal.enabled ? {} : { sealEnabled: false }),
    patches: trace.patches.map((p) => ({ path: p.path, allowed: !gateShut && p.allowed, target: p.target.kind, sealRelevant: p.sealRelevant })),
    trace,
  };
}

export function evaluateLeanix(ws: CompiledLeanix, actorId: string, operation: LeanixOperation, at: number): LeanixOutcome {
  const trace = decide(ws, actorId, operation, at);
  return { ...outcomeOf(trace), ...renderLeanix(trace) };
}
