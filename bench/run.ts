// `npm run bench` [-- --smoke] [-- --profile]
//   decision throughput of five engines on one fixed-seed workload, with a differential
//   check (exit 1 on the first disagreement), then bulk impact at 1k … 1M fact sheets.
//   Full runs write bench/results.json (keys other than engine/bulk, e.g. browser.*, are kept).
// --smoke    tiny sizes, a second or two, nothing written.
// --profile  CPU profile of evaluateLeanix over 100k fact sheets (node --cpu-prof), hot spots printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileLeanix } from '../src/engine/leanix/compile';
import { runAdviseDiff } from './advise-diff';
import { FULL_SIZES, SMOKE_SIZES, evaluateEach, growth, runBulk } from './bulk';
import type { BulkRow } from './bulk';
import { BULK_ACTOR, BULK_PATCHES, BULK_TYPE, generateBulk } from './bulk-workload';
import { FULL_DECISIONS, SMOKE_DECISIONS, runDecisions } from './decisions';
import type { DecisionReport } from './decisions';
import { FULL, SMOKE, generateWorkload } from './workload';
import { runScale } from './scale';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');

// ---------------------------------------------------------------- re-spawn with --expose-gc

if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env.SEALCHECK_BENCH_CHILD) {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, SEALCHECK_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

// ---------------------------------------------------------------- profile

if (args.includes('--profile')) {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-prof-'));
  const child = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), '--profile-child'],
    { stdio: 'inherit', env: { ...process.env, SEALCHECK_BENCH_CHILD: '1' } },
  );
  if (child.status !== 0) process.exit(child.status ?? 1);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  console.log(`profile: ${join(dir, file)}\n`);
  console.log(hotSpots(JSON.parse(readFileSync(join(dir, file), 'utf8')), 25));
  process.exit(0);
}
if (args.includes('--profile-child')) {
  const bulk = generateBulk(100_000);
  const ws = compileLeanix(bulk.policy);
  for (let i = 0; i < 5; i++) evaluateEach(ws, bulk, 0, bulk.sheets.length);
  process.exit(0);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Self and total time by function, from a .cpuprofile, over the samples taken inside
 * `evaluateEach` only (start-up, module loading and idle time left out). Line numbers are
 * left out: under tsx they are those of the transformed code.
 */
function hotSpots(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/') || '(native)'}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack: ProfileNode[] = [];
    for (let n: ProfileNode | undefined = byId.get(id); n; n = byId.get(parent.get(n.id) ?? -1)) stack.push(n);
    const inside = stack.findIndex((n) => n.callFrame.functionName === 'evaluateEach');
    if (inside < 0) return;
    all += dt;
    const leaf = stack[0]!;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (const n of stack.slice(0, inside)) {
      const k = key(n);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
      seen.add(k);
    }
  });
  // The garbage collector is a root of its own in the profile: its share of the whole run.
  const gcMs = profile.samples.reduce((sum, id, i) => sum + (byId.get(id)?.callFrame.functionName === '(garbage collector)' ? (profile.timeDeltas[i] ?? 0) : 0), 0);
  const pct = (v: number) => `${((100 * v) / all).toFixed(1).padStart(5)}%`;
  const lines = [`${(all / 1000).toFixed(0)} ms sampled inside evaluateEach; garbage collection ${(gcMs / 1000).toFixed(0)} ms more`, '', 'self time (inlined callees count as their caller)'];
  lines.push(...[...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${pct(v)}  ${k}`));
  lines.push('', 'total time');
  lines.push(...[...total].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${pct(v)}  ${k}`));
  return lines.join('\n');
}

// ---------------------------------------------------------------- the run

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const log = (line: string) => console.error(line);
const loadBefore = loadavg()[0]!;
const wOptions = smoke ? SMOKE : FULL;
console.error(
  `sealcheck bench${smoke ? ' (smoke)' : ''}: node ${process.version}, ${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, load average ${loadBefore.toFixed(2)}`,
);
let t0 = performance.now();
const workload = generateWorkload(wOptions);
console.error(
  `workload: ${wOptions.types} types x ${wOptions.fieldsPerType} fields, ${wOptions.roles} roles, ${wOptions.users} users, ${fmt(wOptions.requests)} requests (seed ${wOptions.seed}, ${fmt(performance.now() - t0)} ms)`,
);
console.error('decisions:');
const decisions: DecisionReport = await runDecisions(workload, smoke ? SMOKE_DECISIONS : FULL_DECISIONS, log);

if (decisions.disagreement) {
  const d = decisions.disagreement;
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\nDISAGREEMENT: the engines differ on request #${d.index}\n  ${d.request}`);
  for (const [name, allow] of Object.entries(d.answers)) console.error(`  ${name.padEnd(16)} ${allow ? 'ALLOW' : 'deny'}`);
  console.error(`  the user's grants on that resource:${d.grants.length ? '' : ' none'}`);
  for (const g of d.grants) console.error(`    ${g}`);
  console.error(`${bar}\n`);
  process.exit(1);
}

console.error('bulk impact:');
const bulk = runBulk(smoke ? SMOKE_SIZES : FULL_SIZES, { smoke, log });
if (bulk.mismatch) {
  const m = bulk.mismatch;
  console.error(`\nDISAGREEMENT in bulk impact at ${fmt(m.size)} fact sheets:\n  evaluateLeanix ${JSON.stringify(m.evaluate)}\n  bulk           ${JSON.stringify(m.fast)}\n`);
  process.exit(1);
}

console.error('advise and diff:');
const adviseDiff = runAdviseDiff({ smoke });

console.error('product paths at scale (realistic files):');
const scale = runScale({ smoke, log });
if (!scale.bulk.agree) {
  console.error('\nDISAGREEMENT: the product bulk path and evaluateLeanix count differently on the parsed file\n');
  process.exit(1);
}

const by = (name: string) => decisions.engines.find((e) => e.name === name)!;
const bitset = by('bitset').decisionsPerSecond;
const cedarRate = by('cedar').decisionsPerSecond;
console.log(
  `\nDecisions (${fmt(workload.requests.length)} requests, ${fmt(decisions.allowRate * 100, 1)}% allowed; all engines agree on every request they decided)\n` +
    'per second of this process\'s CPU time, best of interleaved rounds (cedar, casbin: one pass over their first N); median round and best wall-clock round beside it\n',
);
console.log(
  table(
    ['engine', 'requests', 'decisions/CPU-s', 'median round', 'decisions/wall-s', 'vs bitset', 'vs cedar', 'prepare ms'],
    decisions.engines.map((e) => [
      e.name,
      fmt(e.requests),
      fmt(e.decisionsPerSecond),
      fmt(e.medianDecisionsPerSecond),
      fmt(e.wallDecisionsPerSecond),
      `${fmt(100 * e.vsBitset, e.vsBitset < 0.001 ? 4 : 1)}%`,
      `${fmt(e.decisionsPerSecond / cedarRate, 1)}x`,
      fmt(e.prepareMs),
    ]),
  ),
);

const rows = bulk.rows;
console.log(
  `\nBulk impact: one update (${BULK_ACTOR}, ${BULK_PATCHES.map((p) => `${p.op} ${p.path}`).join(', ')}) over every fact sheet of ${BULK_TYPE}\n` +
    'CPU ms of the best run, the median run, wall ms of the best run; peak heap = highest heapUsed seen, workspace included\n',
);
const growthFast = growth(rows, 'fast');
const growthEval = growth(rows, 'evaluate');
console.log(
  table(
    ['fact sheets', 'path', 'CPU ms', 'median', 'wall ms', 'fact sheets/CPU-s', 'ms/sheet growth', 'peak heap MB', 'allowed', 'broken', 'notified'],
    rows.flatMap((r, i) => [
      [fmt(r.size), 'bulk.ts', fmt(r.fast.ms, 2), fmt(r.fast.medianMs, 2), fmt(r.fast.wallMs, 2), fmt(r.fast.factSheetsPerSecond), i ? `x${fmt(growthFast[i - 1]!.ratio, 2)}` : '', fmt(r.fast.peakMB, 1), fmt(r.counts.allowed), fmt(r.counts.sealsBroken), fmt(r.counts.notifications)],
      ['', 'evaluateLeanix', fmt(r.evaluate.ms, 1), fmt(r.evaluate.medianMs, 1), fmt(r.evaluate.wallMs, 1), fmt(r.evaluate.factSheetsPerSecond), i ? `x${fmt(growthEval[i - 1]!.ratio, 2)}` : '', fmt(r.evaluate.peakMB, 1), '', '', ''],
    ]),
  ),
);
const linear = (g: { ratio: number }[]) => g.every((x) => x.ratio <= 1.5);
console.log(
  `\ngrowth: bulk.ts ${linear(growthFast) ? 'linear' : 'NOT linear'}, evaluateLeanix ${linear(growthEval) ? 'linear' : 'NOT linear'} (cost per fact sheet of each size over the size before; <= 1.5 counts as linear)`,
);

const ad = adviseDiff;
console.log(
  `\nAdvise and diff (issue 5), CPU ms and wall ms of the best of ${smoke ? 1 : 3} runs\n` +
    table(
      ['what', 'size', 'CPU ms', 'wall ms', 'result'],
      [
        ['advise (6 setups)', `${fmt(ad.advise.factSheets)} fact sheets`, fmt(ad.advise.ms, 1), fmt(ad.advise.wallMs, 1), `recommends ${ad.advise.recommended}`],
        ['diff (exhaustive)', `${ad.diff.types} types x ${ad.diff.fieldsPerType} fields x ${ad.diff.roles} roles x ${fmt(ad.diff.users)} users`, fmt(ad.diff.ms, 1), fmt(ad.diff.wallMs, 1), `+${fmt(ad.diff.added)} -${fmt(ad.diff.removed)} capabilities`],
      ],
    ),
);

console.log(
  `\nProduct paths at scale (realistic generated files: distinct subscriptions, ACLs and values per fact sheet), CPU ms of the best run\n` +
    table(
      ['what', 'size', 'CPU ms', 'wall ms', 'result'],
      [
        ['bulk what-if (evaluateUpdateBulk)', `${fmt(scale.bulk.factSheets)} fact sheets, parsed from ${fmt(scale.bulk.fileBytes / 1e6, 1)} MB`, fmt(scale.bulk.ms, 1), fmt(scale.bulk.wallMs, 1), `parse ${fmt(scale.bulk.parseMs)} ms, compile ${fmt(scale.bulk.compileMs)} ms, evaluateLeanix ${fmt(scale.bulk.evaluateLeanixMs)} ms`],
        ...scale.advise.sizes.map((a) => ['advise', `${fmt(a.factSheets)} fact sheets`, fmt(a.ms, 1), fmt(a.wallMs, 1), `recommends ${a.recommended}`]),
        ...scale.diff.sizes.map((d) => ['diff (field added, roles changed)', `${fmt(d.roles)} roles, ${fmt(d.users)} users, ${fmt(d.factSheets)} fact sheets`, fmt(d.ms, 1), fmt(d.wallMs, 1), `+${fmt(d.added)} -${fmt(d.removed)}, caps ${fmt(d.capsBytesNew / 1024)} KiB`]),
      ],
    ),
);
const adviseGrowth = scale.advise.sizes[1]!.ms / scale.advise.sizes[0]!.ms;
const diffGrowth = scale.diff.sizes[1]!.ms / scale.diff.sizes[0]!.ms;

const sealcheck = by('sealcheck').decisionsPerSecond;
const vsBitset = by('sealcheck').vsBitset;
const at100k = rows.find((r) => r.size === 100_000);
const targets = [
  `sealcheck >= 5,000,000 decisions/s: ${sealcheck >= 5e6 ? 'met' : 'MISSED'} (${fmt(sealcheck)} per CPU-s, ${fmt(by('sealcheck').wallDecisionsPerSecond)} per wall-s)`,
  `sealcheck >= 70% of bitset: ${vsBitset >= 0.7 ? 'met' : 'MISSED'} (${fmt(100 * vsBitset, 1)}% best round over best round; median of per-round ratios ${fmt(100 * by('sealcheck').vsBitsetMedianPaired, 1)}%)`,
  at100k
    ? `bulk 100k <= 100 ms: ${at100k.fast.ms <= 100 ? 'met' : 'MISSED'} (bulk.ts ${fmt(at100k.fast.ms, 2)} CPU ms, ${fmt(at100k.fast.wallMs, 2)} wall ms; evaluateLeanix ${fmt(at100k.evaluate.ms, 1)} CPU ms)`
    : '',
  smoke ? '' : `advise over 100,000 fact sheets <= 1 s: ${ad.advise.wallMs <= 1000 ? 'met' : 'MISSED'} (${fmt(ad.advise.wallMs, 1)} wall ms, ${fmt(ad.advise.ms, 1)} CPU ms)`,
  smoke ? '' : `diff 50 x 40 x 100 x 2,000 <= 1 s: ${ad.diff.wallMs <= 1000 ? 'met' : 'MISSED'} (${fmt(ad.diff.wallMs, 1)} wall ms, ${fmt(ad.diff.ms, 1)} CPU ms)`,
  `product decisions (holds) >= 0.5x bitset: ${by('product').vsBitset >= 0.5 ? 'met' : 'MISSED'} (${fmt(100 * by('product').vsBitset, 1)}%; median of per-round ratios ${fmt(100 * by('product').vsBitsetMedianPaired, 1)}%)`,
  `explained decisions (evaluateLeanix) >= 0.05x bitset: ${by('explained').vsBitset >= 0.05 ? 'met' : 'MISSED'} (${fmt(100 * by('explained').vsBitset, 2)}%)`,
  `advise 1M <= 12x advise 100k: ${adviseGrowth <= 12 ? 'met' : 'MISSED'} (x${fmt(adviseGrowth, 1)}: ${fmt(scale.advise.sizes[0]!.ms)} -> ${fmt(scale.advise.sizes[1]!.ms)} CPU ms)`,
  `diff 10,000 roles <= 12x 1,000 roles (field added): ${diffGrowth <= 12 ? 'met' : 'MISSED'} (x${fmt(diffGrowth, 1)}: ${fmt(scale.diff.sizes[0]!.ms)} -> ${fmt(scale.diff.sizes[1]!.ms)} CPU ms; caps ${fmt(scale.diff.sizes[0]!.capsBytesNew / 1024)} -> ${fmt(scale.diff.sizes[1]!.capsBytesNew / 1024)} KiB for ${fmt(scale.diff.sizes[0]!.capsSets)} -> ${fmt(scale.diff.sizes[1]!.capsSets)} role sets and roles)`,
].filter(Boolean);
const loadAfter = loadavg()[0]!;
console.log(`\ntargets${smoke ? ' (smoke: samples of a few ms, timings are not meaningful)' : ''}:\n  ${targets.join('\n  ')}`);
console.log(`\n1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${availableParallelism()} cores`);

if (!smoke) {
  const file = join(here, 'results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const rowAt = (size: number): BulkRow | undefined => rows.find((r) => r.size === size);
  const results = {
    ...previous,
    generatedAt: new Date().toISOString(),
    command: 'npm run bench',
    machine: {
      nproc: availableParallelism(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      platform: `${process.platform}-${process.arch}`,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
    },
    workload: { ...wOptions, allowRate: decisions.allowRate },
    engine: {
      decisionsPerSecond: sealcheck,
      bitsetDecisionsPerSecond: bitset,
      naiveDecisionsPerSecond: by('naive').decisionsPerSecond,
      unpackedDecisionsPerSecond: by('sealcheck-bytes').decisionsPerSecond,
      cedarDecisionsPerSecond: cedarRate,
      casbinDecisionsPerSecond: by('casbin').decisionsPerSecond,
      clock: 'decisions per second of process CPU time, best of interleaved rounds (slow engines: one pass); *Median* keys the median round; *Wall* keys best round by wall time',
      wallDecisionsPerSecond: by('sealcheck').wallDecisionsPerSecond,
      bitsetWallDecisionsPerSecond: by('bitset').wallDecisionsPerSecond,
      naiveWallDecisionsPerSecond: by('naive').wallDecisionsPerSecond,
      cedarWallDecisionsPerSecond: by('cedar').wallDecisionsPerSecond,
      casbinWallDecisionsPerSecond: by('casbin').wallDecisionsPerSecond,
      sealcheckVsBitset: vsBitset,
      sealcheckVsBitsetMedianPaired: by('sealcheck').vsBitsetMedianPaired,
      medianDecisionsPerSecond: by('sealcheck').medianDecisionsPerSecond,
      bitsetMedianDecisionsPerSecond: by('bitset').medianDecisionsPerSecond,
      sealcheckVsCedar: sealcheck / cedarRate,
      cedarRequests: by('cedar').requests,
      casbinRequests: by('casbin').requests,
      productDecisionsPerSecond: by('product').decisionsPerSecond,
      productVsBitset: by('product').vsBitset,
      productVsBitsetMedianPaired: by('product').vsBitsetMedianPaired,
      explainedDecisionsPerSecond: by('explained').decisionsPerSecond,
      explainedVsBitset: by('explained').vsBitset,
      explainedRequests: by('explained').requests,
      cedarSlicedDecisionsPerSecond: by('cedar-sliced').decisionsPerSecond,
      cedarSlicedRequests: by('cedar-sliced').requests,
      productVsCedarSliced: by('product').decisionsPerSecond / by('cedar-sliced').decisionsPerSecond,
      code: {
        product: 'holds(ws, user, resource, action, type, qualifier), src/engine/leanix/compile.ts: compiled user and type, strings for the rest',
        explained: 'evaluateLeanix(ws, actorId, operation, at), src/engine/leanix/evaluate.ts (decide + renderLeanix), on the requests an operation expresses',
        sealcheck: 'packedAllows over packCaps(denseCaps(...)), numeric requests (a kernel the product does not call)',
        'cedar-sliced': 'cedar-wasm statefulIsAuthorized with one prepared policy set per distinct role set',
      },
      engines: decisions.engines,
    },
    advise: { clock: 'best of 3 runs; ms = CPU ms, wallMs = wall ms', ms100k: ad.advise.wallMs, cpuMs100k: ad.advise.ms, recommended: ad.advise.recommended },
    diff: { ...ad.diff, clock: 'best of 3 runs; ms = wall ms', ms: ad.diff.wallMs, cpuMs: ad.diff.ms },
    scale: {
      clock: 'CPU ms of the best run (advise 1M and diff: best of 1-2 runs); wallMs beside',
      advise100kMs: scale.advise.sizes[0]!.ms,
      advise1MMs: scale.advise.sizes[1]!.ms,
      advise100kWallMs: scale.advise.sizes[0]!.wallMs,
      advise1MWallMs: scale.advise.sizes[1]!.wallMs,
      adviseGrowth,
      diffRoles1kMs: scale.diff.sizes[0]!.ms,
      diffRoles10kMs: scale.diff.sizes[1]!.ms,
      diffRoles1kWallMs: scale.diff.sizes[0]!.wallMs,
      diffRoles10kWallMs: scale.diff.sizes[1]!.wallMs,
      diffGrowth,
      capsBytes1k: scale.diff.sizes[0]!.capsBytesNew,
      capsBytes10k: scale.diff.sizes[1]!.capsBytesNew,
      advise: scale.advise.sizes,
      diff: scale.diff.sizes,
    },
    bulk: {
      productMs100k: scale.bulk.ms,
      productWallMs100k: scale.bulk.wallMs,
      productParseMs100k: scale.bulk.parseMs,
      productCompileMs100k: scale.bulk.compileMs,
      productEvaluateLeanixMs100k: scale.bulk.evaluateLeanixMs,
      productFileBytes100k: scale.bulk.fileBytes,
      productCode: 'loadPolicyText of the generated file text, compileLeanix, then evaluateUpdateBulk (updatePlanner + judge per fact sheet, the worker loop) over the fact sheets of the type; agreement with evaluateLeanix checked',
      clock: 'ms of process CPU time, best of runs; medianMs* the median run; wallMs* best run by wall time',
      medianMs100k: rowAt(100_000)?.fast.medianMs ?? null,
      ms100k: rowAt(100_000)?.fast.ms ?? null,
      wallMs100k: rowAt(100_000)?.fast.wallMs ?? null,
      peakMB100k: rowAt(100_000)?.fast.peakMB ?? null,
      evaluateLeanixMs100k: rowAt(100_000)?.evaluate.ms ?? null,
      evaluateLeanixPeakMB100k: rowAt(100_000)?.evaluate.peakMB ?? null,
      linear: linear(growthFast),
      evaluateLeanixLinear: linear(growthEval),
      growth: growthFast,
      evaluateLeanixGrowth: growthEval,
      rows,
    },
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`\nwrote ${file}`);
}
