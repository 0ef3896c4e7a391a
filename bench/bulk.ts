// Bulk impact: one update over every fact sheet of a type, at growing sizes, by the
// full evaluator (evaluateLeanix, one call per fact sheet, reasons and all) and by the
// counting path (evaluateUpdateBulk). Both must give the same counts.
import { compileLeanix } from '../src/engine/leanix/compile';
import { evaluateLeanix } from '../src/engine/leanix/evaluate';
import { evaluateUpdateBulk } from '../src/engine/leanix/bulk';
import type { BulkResult } from '../src/engine/leanix/bulk';
import type { UpdateOperation } from '../src/model/schema';
import { generateBulk } from './bulk-workload';
import type { BulkWorkload } from './bulk-workload';
import { now, since } from './clock';
import type { Stamp } from './clock';

export const FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000];
export const SMOKE_SIZES = [1_000, 5_000];

export interface Counts {
  readonly allowed: number;
  readonly denied: number;
  readonly sealsBroken: number;
  readonly notifications: number;
}

export interface PathTiming {
  /**
   * CPU time of this process (GC threads included) for one pass over all fact sheets:
   * the best run (other processes only ever slow a run down).
   */
  readonly ms: number;
  /** The median run, CPU time. */
  readonly medianMs: number;
  /** The best run by wall time: higher than `ms` when other processes share the cores. */
  readonly wallMs: number;
  readonly runs: number;
  /** Per second of CPU time. */
  readonly factSheetsPerSecond: number;
  /** Highest heapUsed seen during the passes (workspace included), MB. */
  readonly peakMB: number;
}

export interface BulkRow {
  readonly size: number;
  readonly generateMs: number;
  readonly compileMs: number;
  /** heapUsed after a full GC with the workspace compiled, before evaluating, MB. */
  readonly baseMB: number;
  readonly counts: Counts;
  readonly fast: PathTiming;
  readonly evaluate: PathTiming;
}

export interface BulkMismatch {
  readonly size: number;
  readonly evaluate: Counts;
  readonly fast: Counts;
}

const MB = 1024 * 1024;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / MB;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** evaluateLeanix on every sheet, as a caller without a bulk API would do it. */
export function evaluateEach(ws: ReturnType<typeof compileLeanix>, bulk: BulkWorkload, from: number, to: number, peak?: { mb: number }): Counts {
  const operation: UpdateOperation = { op: 'update', factSheet: '', patches: [...bulk.patches] };
  let allowed = 0;
  let sealsBroken = 0;
  let notifications = 0;
  for (let i = from; i < to; i++) {
    operation.factSheet = bulk.sheets[i]!.id;
    const outcome = evaluateLeanix(ws, bulk.actorId, operation, bulk.at);
    if (outcome.allowed) allowed++;
    if (outcome.sealBroken) sealsBroken++;
    notifications += outcome.notified.length;
    if (peak && (i & 8191) === 0) peak.mb = Math.max(peak.mb, heapMB());
  }
  return { allowed, denied: to - from - allowed, sealsBroken, notifications };
}

function countsOf(result: BulkResult): Counts {
  return { allowed: result.allowed, denied: result.denied, sealsBroken: result.sealsBroken, notifications: result.notifications };
}

function sameCounts(a: Counts, b: Counts): boolean {
  return a.allowed === b.allowed && a.denied === b.denied && a.sealsBroken === b.sealsBroken && a.notifications === b.notifications;
}

/** Runs per size: enough for a stable median, few for the large sizes of the slow path. */
function runsFor(size: number, fast: boolean, smoke: boolean): number {
  if (smoke) return fast ? 3 : 1;
  if (fast) return size >= 1_000_000 ? 5 : size >= 100_000 ? 11 : 21;
  return size >= 1_000_000 ? 1 : size >= 100_000 ? 3 : size >= 10_000 ? 5 : 11;
}

export function runBulk(
  sizes: readonly number[],
  options: { smoke?: boolean; log?: (line: string) => void } = {},
): { rows: BulkRow[]; mismatch: BulkMismatch | null } {
  const log = options.log ?? (() => {});
  const rows: BulkRow[] = [];
  for (const size of sizes) {
    gc();
    let t0 = performance.now();
    const bulk = generateBulk(size);
    const generateMs = performance.now() - t0;
    t0 = performance.now();
    const ws = compileLeanix(bulk.policy);
    const compileMs = performance.now() - t0;
    const warm = Math.min(size, 2_000);
    evaluateEach(ws, bulk, 0, warm);
    evaluateUpdateBulk(ws, bulk.actorId, bulk.patches, bulk.sheets.slice(0, warm), bulk.at);
    gc();
    const baseMB = heapMB();

    // The full evaluator.
    const evalTimes: Stamp[] = [];
    const evalPeak = { mb: baseMB };
    let evalCounts: Counts | null = null;
    for (let run = 0; run < runsFor(size, false, !!options.smoke); run++) {
      gc();
      const start = now();
      evalCounts = evaluateEach(ws, bulk, 0, size, evalPeak);
      evalTimes.push(since(start));
      evalPeak.mb = Math.max(evalPeak.mb, heapMB());
    }

    // The counting path.
    const fastTimes: Stamp[] = [];
    let fastPeak = baseMB;
    let fastCounts: Counts | null = null;
    for (let run = 0; run < runsFor(size, true, !!options.smoke); run++) {
      gc();
      fastPeak = Math.max(fastPeak, heapMB());
      const start = now();
      const result = evaluateUpdateBulk(ws, bulk.actorId, bulk.patches, bulk.sheets, bulk.at);
      fastTimes.push(since(start));
      fastPeak = Math.max(fastPeak, heapMB()); // nothing was collected if no GC ran, so this is the high mark
      fastCounts = countsOf(result);
    }

    if (!sameCounts(evalCounts!, fastCounts!)) return { rows, mismatch: { size, evaluate: evalCounts!, fast: fastCounts! } };
    const timing = (times: Stamp[], peakMB: number): PathTiming => {
      const ms = Math.min(...times.map((t) => t.cpu));
      const medianMs = median(times.map((t) => t.cpu));
      return { ms, medianMs, wallMs: Math.min(...times.map((t) => t.wall)), runs: times.length, factSheetsPerSecond: size / (ms / 1000), peakMB };
    };
    const row: BulkRow = {
      size,
      generateMs,
      compileMs,
      baseMB,
      counts: fastCounts!,
      fast: timing(fastTimes, fastPeak),
      evaluate: timing(evalTimes, evalPeak.mb),
    };
    rows.push(row);
    log(
      `  ${size.toLocaleString('en-US')} fact sheets: bulk ${row.fast.ms.toFixed(2)} CPU ms (${row.fast.wallMs.toFixed(2)} wall), evaluateLeanix ${row.evaluate.ms.toFixed(1)} CPU ms (${row.evaluate.wallMs.toFixed(1)} wall)`,
    );
  }
  return { rows, mismatch: null };
}

/** Cost per fact sheet of each size over that of the size before it (1 = perfectly linear). */
export function growth(rows: readonly BulkRow[], path: 'fast' | 'evaluate'): { from: number; to: number; ratio: number }[] {
  const out = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    out.push({ from: a.size, to: b.size, ratio: b[path].ms / b.size / (a[path].ms / a.size) });
  }
  return out;
}
