// `npm run bench:cli` (= `npm run build:cli && tsx bench/cli-startup.ts`) [-- --runs N] [-- --check]
//
// Start-up of the `sealcheck` command against a bare `node -e 0`, measured in the same
// run: each command is started N times (interleaved, so that a busy machine slows all of
// them alike), wall time from spawn to exit, and the median compared; then the CPU time
// (user + system, from the shell's `times`) of N more runs of each, which a busy machine
// disturbs less. The goal is the bin on a small file within 2.5× of bare node. For reference, the command as it ran
// before it was bundled (TypeScript through tsx's loader) is measured too.
// `--check` exits 1 when `validate` on the small file is over 2.5×.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 31);
const SMALL = 'test/fixtures/leanix-example.json';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'sealcheck --version', args: ['bin/sealcheck.js', '--version'] },
  { name: `sealcheck validate (small file)`, args: ['bin/sealcheck.js', 'validate', SMALL] },
  { name: `sealcheck test (small file)`, args: ['bin/sealcheck.js', 'test', SMALL] },
  {
    name: 'before: tsx loader, validate (small file)',
    args: ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));", 'validate', SMALL],
  },
];

function once(c: Case): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;

const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (const c of cases) once(c); // warm the file cache
for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.name)!.push(once(c));

const base = quantile([...times.get('node -e 0')!].sort((a, b) => a - b), 0.5);
console.log(`${RUNS} runs each, interleaved; node ${process.version}; wall time from spawn to exit`);
console.log('');
console.log(`${'command'.padEnd(44)} ${'median'.padStart(8)} ${'p25'.padStart(8)} ${'p75'.padStart(8)} ${'× node'.padStart(7)}`);
let validateRatio = 0;
for (const c of cases) {
  const sorted = [...times.get(c.name)!].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const ratio = median / base;
  if (c.name.startsWith('sealcheck validate')) validateRatio = ratio;
  console.log(`${c.name.padEnd(44)} ${median.toFixed(1).padStart(6)}ms ${quantile(sorted, 0.25).toFixed(1).padStart(6)}ms ${quantile(sorted, 0.75).toFixed(1).padStart(6)}ms ${ratio.toFixed(2).padStart(6)}×`);
}

/** CPU seconds (user + system) the children of a shell used for `runs` runs of the case. */
function cpu(c: Case, runs: number): number {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, ...c.args].map(quote).join(' ');
  const r = spawnSync('sh', ['-c', `i=0; while [ $i -lt ${runs} ]; do ${command} >/dev/null 2>&1; i=$((i+1)); done; times`], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  const children = r.stdout.toString().trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.reduce((a, b) => a + b, 0);
}

console.log('');
console.log(`CPU time (user + system) per run, ${RUNS} runs each:`);
const cpuBase = cpu(cases[0]!, RUNS) / RUNS;
let cpuRatio = 0;
for (const c of cases) {
  const each = c === cases[0] ? cpuBase : cpu(c, RUNS) / RUNS;
  if (c.name.startsWith('sealcheck validate')) cpuRatio = each / cpuBase;
  console.log(`${c.name.padEnd(44)} ${(each * 1000).toFixed(1).padStart(6)}ms ${(each / cpuBase).toFixed(2).padStart(24)}×`);
}
console.log('');
console.log(`start-up on a small file: ${validateRatio.toFixed(2)}× a bare node in wall time, ${cpuRatio.toFixed(2)}× in CPU time (goal: at most 2.5×)`);
if (process.argv.includes('--check') && validateRatio > 2.5) process.exitCode = 1;
