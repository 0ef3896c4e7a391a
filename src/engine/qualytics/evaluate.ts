// The Qualytics evaluator: `decideQualytics` decides (role layer, team ladder, the
// service-user and token API, in policy-file.md's order of checks) into a trace, and
// `renderQualytics` words it as reasons and fixes.
import type { QualyticsActor, QualyticsOperation } from '../../model/schema';
import type { QStatus } from '../../model/vocabulary';
import type { Fix, Reason } from '../reasons';
import type { CompiledQualytics } from './compile';
import { decideQualytics } from './decide';
import type { QualyticsTrace } from './decide';
import { renderQualytics } from './render';

export { compileQualytics } from './compile';
export type { CompiledQualytics } from './compile';

export interface QualyticsOutcome {
  readonly allowed: boolean;
  readonly status: QStatus;
  readonly reasons: Reason[];
  readonly fixes: Fix[];
  /** The structured decision the reasons and fixes are rendered from. */
  readonly trace: QualyticsTrace;
}

export function evaluateQualytics(ws: CompiledQualytics, actor: QualyticsActor, operation: QualyticsOperation, at: number): QualyticsOutcome {
  const trace = decideQualytics(ws, actor, operation, at);
  const { reasons, fixes } = renderQualytics(trace);
  return { allowed: trace.allowed, status: trace.status, reasons, fixes, trace };
}
