// Bulk impact: one update over many fact sheets, counted, without reasons. The decision
// core plans the update once per type; per fact sheet `judge` answers with the rules of
// `decide.ts`, so each fact sheet's outcome is the one `evaluateLeanix` gives
// (test/bench/bulk.test.ts checks this).
import type { FactSheet, Patch } from '../../model/schema';
import { SHEET_ALLOWED, SHEET_BROKEN, judge, notifiedOn, planUpdate, updateEvents } from './decide';
import type { UpdatePlan } from './decide';
import type { CompiledLeanix } from './compile';

export interface BulkResult {
  readonly total: number;
  readonly allowed: number;
  readonly denied: number;
  readonly sealsBroken: number;
  /** Notifications sent, one per notified user per broken seal. */
  readonly notifications: number;
  /** Events emitted over all fact sheets. */
  readonly events: number;
  /** Ids of the fact sheets the update changes (allowed), in input order. */
  readonly affected: string[];
  /** Ids of the fact sheets whose seal it breaks, in input order. */
  readonly broken: string[];
}

/** Plans an update by `actorId` per fact sheet type, once each. */
export function updatePlanner(ws: CompiledLeanix, actorId: string, patches: readonly Patch[], at: number): (typeName: string) => UpdatePlan {
  const user = ws.users.get(actorId);
  if (!user) throw new Error(`unknown actor \`${actorId}\``);
  const plans = new Map<string, UpdatePlan>();
  return (typeName) => {
    let plan = plans.get(typeName);
    if (plan === undefined) {
      const type = ws.types.get(typeName);
      if (!type) throw new Error(`unknown fact sheet type \`${typeName}\``);
      plans.set(typeName, (plan = planUpdate(ws, user, patches, type, at)));
    }
    return plan;
  };
}

/**
 * One update by `actorId` over `sheets` (of any types the patches fit), at `at` (ms).
 * `lists: false` leaves `affected` and `broken` empty (a caller that only counts: at a
 * million fact sheets the lists are most of what it allocates).
 */
export function evaluateUpdateBulk(ws: CompiledLeanix, actorId: string, patches: readonly Patch[], sheets: readonly FactSheet[], at: number, lists: { affected: boolean; broken: boolean } = { affected: true, broken: true }): BulkResult {
  const planFor = updatePlanner(ws, actorId, patches, at);
  let plan: UpdatePlan | undefined;
  let allowed = 0;
  let sealsBroken = 0;
  let notifications = 0;
  let events = 0;
  const affected: string[] = [];
  const broken: string[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const sheet = sheets[i]!;
    if (plan === undefined || plan.type.type.name !== sheet.type) plan = planFor(sheet.type);
    const code = judge(plan, sheet);
    if ((code & SHEET_ALLOWED) === 0) continue;
    allowed++;
    if (lists.affected) affected.push(sheet.id);
    const isBroken = (code & SHEET_BROKEN) !== 0;
    events += updateEvents(isBroken, plan.sealEnabled ? plan.sets : null).length;
    if (isBroken) {
      sealsBroken++;
      if (lists.broken) broken.push(sheet.id);
      notifications += notifiedOn(sheet, actorId, plan.notifyActor).length;
    }
  }
  return { total: sheets.length, allowed, denied: sheets.length - allowed, sealsBroken, notifications, events, affected, broken };
}
