// Decision throughput of every engine on the same interned requests, and the
// differential check: every engine must give the same answer on every request it decided.
import { BitsetEngine } from './engines/bitset';
import { CasbinEngine } from './engines/casbin';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CedarEngine } from './engines/cedar';
import { NaiveEngine } from './engines/naive';
import { ExplainedEngine, ProductEngine } from './engines/product';
import { SealcheckBytesEngine, SealcheckEngine } from './engines/sealcheck';
import type { Engine } from './engines/types';
import type { Workload } from './workload';
import { describeRequest } from './workload';
import { benchUsers } from './engines/grants';
import { RESOURCES } from '../src/model/vocabulary';
import { now, since } from './clock';

export interface DecisionOptions {
  /** Interleaved timing rounds of the fast engines; the best is reported, the median kept. */
  readonly rounds: number;
  /** Each round of a fast engine repeats the whole request list for at least this long. */
  readonly minSampleMs: number;
  /** Slow engines decide only the first N requests. */
  readonly cedarRequests: number;
  readonly casbinRequests: number;
  readonly cedarSlicedRequests: number;
  /** evaluateLeanix decides the first N requests an operation expresses. */
  readonly explainedRequests: number;
}

export const FULL_DECISIONS: DecisionOptions = { rounds: 25, minSampleMs: 40, cedarRequests: 2_000, casbinRequests: 2_000, cedarSlicedRequests: 20_000, explainedRequests: 40_000 };
export const SMOKE_DECISIONS: DecisionOptions = { rounds: 2, minSampleMs: 5, cedarRequests: 150, casbinRequests: 150, cedarSlicedRequests: 300, explainedRequests: 500 };

export interface EngineResult {
  readonly name: string;
  readonly prepareMs: number;
  /** Requests decided (and checked): all, or the first N for slow engines. */
  readonly requests: number;
  readonly allowed: number;
  /**
   * Decisions per second of this process's CPU time: for fast engines the best round
   * (other processes only ever slow a round down, so the best is the closest to the
   * engine's own speed); for slow engines their single pass.
   */
  readonly decisionsPerSecond: number;
  /** The median round, CPU time: what a typical round got on this machine at this load. */
  readonly medianDecisionsPerSecond: number;
  /** Best round by wall time: lower than the CPU figure when other processes share the cores. */
  readonly wallDecisionsPerSecond: number;
  /** Per-round CPU-time rates of the fast engines, in round order. */
  readonly samples: readonly number[];
  /** decisionsPerSecond over bitset's. */
  readonly vsBitset: number;
  /** Median over rounds of this round's rate over bitset's in the same round (fast engines). */
  readonly vsBitsetMedianPaired: number;
}

export interface Disagreement {
  readonly index: number;
  readonly request: string;
  readonly answers: Record<string, boolean>;
  /** The user's grants on the requested resource, as the bench reads them. */
  readonly grants: readonly string[];
}

export interface DecisionReport {
  readonly engines: readonly EngineResult[];
  readonly disagreement: Disagreement | null;
  readonly allowRate: number;
}

export function createEngines(): { fast: Engine[]; slow: { engine: Engine; requests: (o: DecisionOptions) => number }[] } {
  return {
    fast: [new ProductEngine(), new SealcheckEngine(), new SealcheckBytesEngine(), new BitsetEngine(), new NaiveEngine()],
    slow: [
      { engine: new CedarEngine(), requests: (o) => o.cedarRequests },
      { engine: new CasbinEngine(), requests: (o) => o.casbinRequests },
    ],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runDecisions(
  workload: Workload,
  options: DecisionOptions,
  log: (line: string) => void = () => {},
): Promise<DecisionReport> {
  const { fast, slow } = createEngines();
  const requests = workload.requests;
  const n = requests.length;
  const prepareMs = new Map<string, number>();
  for (const engine of [...fast, ...slow.map((s) => s.engine)]) {
    const t0 = performance.now();
    await engine.prepare(workload);
    prepareMs.set(engine.name, performance.now() - t0);
  }

  // Answers for the differential check (this first pass also warms the fast engines up).
  const answers = new Map<string, { out: Uint8Array; count: number; allowed: number }>();
  for (const engine of fast) {
    const out = new Uint8Array(n);
    const allowed = engine.decideRange(requests, 0, n, out);
    answers.set(engine.name, { out, count: n, allowed });
  }

  // Fast engines: calibrate the repetitions, then interleave rounds so that drift and
  // noise hit every engine alike.
  const reps = new Map<string, number>();
  const scratch = new Uint8Array(n);
  for (const engine of fast) {
    engine.decideRange(requests, 0, n, scratch);
    const t0 = performance.now();
    engine.decideRange(requests, 0, n, scratch);
    const once = Math.max(performance.now() - t0, 0.01);
    reps.set(engine.name, Math.max(1, Math.ceil(options.minSampleMs / once)));
  }
  const samples = new Map<string, number[]>(fast.map((e) => [e.name, []]));
  const wallSamples = new Map<string, number[]>(fast.map((e) => [e.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const engine of fast) {
      const k = reps.get(engine.name)!;
      const t0 = now();
      for (let rep = 0; rep < k; rep++) engine.decideRange(requests, 0, n, scratch);
      const t = since(t0);
      samples.get(engine.name)!.push((k * n) / (t.cpu / 1000));
      wallSamples.get(engine.name)!.push((k * n) / (t.wall / 1000));
    }
  }
  const bitsetSamples = samples.get('bitset')!;
  const bitsetBest = Math.max(...bitsetSamples);
  const results: EngineResult[] = fast.map((engine) => {
    const s = samples.get(engine.name)!;
    const result = {
      name: engine.name,
      prepareMs: prepareMs.get(engine.name)!,
      requests: n,
      allowed: answers.get(engine.name)!.allowed,
      decisionsPerSecond: Math.max(...s),
      medianDecisionsPerSecond: median(s),
      wallDecisionsPerSecond: Math.max(...wallSamples.get(engine.name)!),
      samples: s,
      vsBitset: Math.max(...s) / bitsetBest,
      vsBitsetMedianPaired: median(s.map((rate, round) => rate / bitsetSamples[round]!)),
    };
    log(`  ${engine.name}: ${Math.round(result.decisionsPerSecond).toLocaleString('en-US')} decisions/CPU-s (${Math.round(result.wallDecisionsPerSecond).toLocaleString('en-US')} per wall s)`);
    return result;
  });

  // Slow engines: a short warm-up, then one timed pass over the first N requests.
  for (const { engine, requests: count } of slow) {
    const m = Math.min(count(options), n);
    const out = new Uint8Array(n);
    engine.decideRange(requests, 0, Math.min(50, m), scratch);
    const t0 = now();
    const allowed = engine.decideRange(requests, 0, m, out);
    const t = since(t0);
    answers.set(engine.name, { out, count: m, allowed });
    const rate = m / (t.cpu / 1000);
    results.push({
      name: engine.name,
      prepareMs: prepareMs.get(engine.name)!,
      requests: m,
      allowed,
      decisionsPerSecond: rate,
      medianDecisionsPerSecond: rate,
      wallDecisionsPerSecond: m / (t.wall / 1000),
      samples: [rate],
      vsBitset: rate / bitsetBest,
      vsBitsetMedianPaired: rate / median(bitsetSamples),
    });
    log(`  ${engine.name}: ${Math.round(rate).toLocaleString('en-US')} decisions/CPU-s (${Math.round(m / (t.wall / 1000)).toLocaleString('en-US')} per wall s; first ${m.toLocaleString('en-US')} requests)`);
  }

  // Cedar sliced per role set, in a child process (see bench/cedar-sliced-child.ts).
  {
    const m = Math.min(options.cedarSlicedRequests, n);
    const child = spawnSync(
      process.execPath,
      ['--no-turbo-inlining', '--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./cedar-sliced-child.ts', import.meta.url)), JSON.stringify({ options: workload.options, count: m })],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`cedar-sliced child failed: ${child.stderr}`);
    const got = JSON.parse(child.stdout) as { prepareMs: number; count: number; allowed: number; cpuMs: number; wallMs: number; out: string };
    const out = new Uint8Array(n);
    out.set(Buffer.from(got.out, 'base64'));
    answers.set('cedar-sliced', { out, count: got.count, allowed: got.allowed });
    const rate = got.count / (got.cpuMs / 1000);
    results.push({
      name: 'cedar-sliced',
      prepareMs: got.prepareMs,
      requests: got.count,
      allowed: got.allowed,
      decisionsPerSecond: rate,
      medianDecisionsPerSecond: rate,
      wallDecisionsPerSecond: got.count / (got.wallMs / 1000),
      samples: [rate],
      vsBitset: rate / bitsetBest,
      vsBitsetMedianPaired: rate / median(bitsetSamples),
    });
    log(`  cedar-sliced: ${Math.round(rate).toLocaleString('en-US')} decisions/CPU-s (${Math.round(got.count / (got.wallMs / 1000)).toLocaleString('en-US')} per wall s; first ${got.count.toLocaleString('en-US')} requests; own process)`);
  }

  // Explained: evaluateLeanix on the requests an operation expresses, best of three passes.
  const explained = new ExplainedEngine();
  let t0 = performance.now();
  explained.prepare(workload);
  const explainedPrepare = performance.now() - t0;
  const explainedOut = new Uint8Array(n);
  explained.decideFirst(requests, 200, scratch);
  let best: ReturnType<typeof since> | null = null;
  let decided = { decided: 0, allowed: 0 };
  const passes = options.explainedRequests >= 10_000 ? 3 : 1;
  for (let pass = 0; pass < passes; pass++) {
    const start = now();
    decided = explained.decideFirst(requests, options.explainedRequests, explainedOut);
    const t = since(start);
    if (!best || t.cpu < best.cpu) best = t;
  }
  const explainedRate = decided.decided / (best!.cpu / 1000);
  results.push({
    name: 'explained',
    prepareMs: explainedPrepare,
    requests: decided.decided,
    allowed: decided.allowed,
    decisionsPerSecond: explainedRate,
    medianDecisionsPerSecond: explainedRate,
    wallDecisionsPerSecond: decided.decided / (best!.wall / 1000),
    samples: [explainedRate],
    vsBitset: explainedRate / bitsetBest,
    vsBitsetMedianPaired: explainedRate / median(bitsetSamples),
  });
  log(`  explained (evaluateLeanix): ${Math.round(explainedRate).toLocaleString('en-US')} decisions/CPU-s (first ${decided.decided.toLocaleString('en-US')} requests an operation expresses)`);

  const reference = answers.get('sealcheck')!;
  let disagreement = findDisagreement(workload, answers);
  for (let k = 0; k < decided.decided && !disagreement; k++) {
    const i = explained.indices[k]!;
    if (explainedOut[i] !== reference.out[i]) {
      const one = new Map([
        ['sealcheck', { out: reference.out, count: n }],
        ['explained', { out: explainedOut.map((v, j) => (j === i ? v : reference.out[j]!)), count: n }],
      ]);
      disagreement = findDisagreement(workload, one);
    }
  }
  return {
    engines: results,
    disagreement,
    allowRate: reference.allowed / reference.count,
  };
}

/** The first request on which two engines that both decided it answer differently. */
export function findDisagreement(
  workload: Workload,
  answers: ReadonlyMap<string, { readonly out: Uint8Array; readonly count: number }>,
): Disagreement | null {
  const n = Math.max(...[...answers.values()].map((a) => a.count));
  const entries = [...answers.entries()];
  for (let i = 0; i < n; i++) {
    let seen = -1;
    let differ = false;
    for (const [, a] of entries) {
      if (i >= a.count) continue;
      if (seen < 0) seen = a.out[i]!;
      else if (a.out[i] !== seen) differ = true;
    }
    if (!differ) continue;
    const request = workload.requests[i]!;
    const user = benchUsers(workload.policy)[request.user]!;
    const resource = RESOURCES[request.resource];
    return {
      index: i,
      request: describeRequest(workload, request),
      answers: Object.fromEntries(entries.filter(([, a]) => i < a.count).map(([name, a]) => [name, a.out[i] === 1])),
      grants: user.grants.filter((g) => g.resource === resource).map((g) => `${g.resource}:${g.actions.join(',')}:${g.type}:${g.qualifier}`),
    };
  }
  return null;
}
