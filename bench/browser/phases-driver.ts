// Bundles bench/browser/phases.ts with vite (minified, like the extension's build) and
// runs it in a module Worker of a page served by Playwright's router at
// http://bench.localhost/ (a secure context with its own IndexedDB; nothing leaves the
// machine: every request to that host is answered from memory or a local file).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BrowserContext } from '@playwright/test';
import type { PolicyFile } from './policies';

const here = dirname(fileURLToPath(import.meta.url));
const ORIGIN = 'http://bench.localhost';
const BOOTS = 7;
/** Rows per write variant: enough to be timed well, few enough for 5 variants × runs. */
const WRITE_ROWS = 20_000;
/** MV3's default for extension pages and their workers: no eval (zod 4 then runs without its JIT fast path). */
const EXTENSION_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";

export interface PhaseRow {
  readonly phase: string;
  /** Median ms at 100k fact sheets (null when not measured). */
  readonly big: number | null;
  readonly small: number | null;
}

export interface PhaseReport {
  readonly runs: number;
  readonly rows: PhaseRow[];
  readonly import: { writeMs: number; writeRowsPerSecond: number; checkMs: number };
  /** The engine worker's start (bench/browser/boot.ts), median ms. */
  readonly boot: { phase: string; ms: number }[];
  /** The same index rows written in different ways (phases.ts `writes`), median ms and µs per row. */
  readonly writes: { phase: string; ms: number; perRowUs: number }[];
  readonly facts: { big: Record<string, unknown>; small: Record<string, unknown> };
  readonly raw: Record<string, Record<string, number[]>>;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function bundle(entry: 'phases' | 'boot'): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sealcheck-bench-phases-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(here, '..', '..'),
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry: join(here, `${entry}.ts`), formats: ['es'], fileName: () => 'bundle.js' },
    },
  });
  const code = readFileSync(join(outDir, 'bundle.js'), 'utf8');
  rmSync(outDir, { recursive: true, force: true });
  return code;
}

export async function runPhases(
  context: BrowserContext,
  o: { big: PolicyFile; small: PolicyFile; actor: string; type: string; patches: readonly unknown[]; runs: number; log: (line: string) => void },
): Promise<PhaseReport> {
  o.log('\nphases: bundling bench/browser/phases.ts and boot.ts …');
  const code = await bundle('phases');
  const boot = await bundle('boot');
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const headers = { 'content-security-policy': EXTENSION_CSP };
    if (path === '/phases.js') return route.fulfill({ status: 200, contentType: 'text/javascript', headers, body: code });
    if (path === '/boot.js') return route.fulfill({ status: 200, contentType: 'text/javascript', headers, body: boot });
    if (path === '/big.json') return route.fulfill({ status: 200, contentType: 'application/json', path: o.big.path });
    if (path === '/small.json') return route.fulfill({ status: 200, contentType: 'application/json', path: o.small.path });
    return route.fulfill({ status: 200, contentType: 'text/html', headers, body: '<!doctype html><title>phases</title>' });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  const inWorker = async (job: object): Promise<{ steps: Record<string, number[]>; facts: Record<string, unknown> }> => {
    const out = (await page.evaluate(
      `new Promise((resolve) => { const w = new Worker('/phases.js', { type: 'module' }); w.onmessage = (e) => { resolve(e.data); w.terminate(); }; w.onerror = (e) => { resolve({ ok: false, error: e.message || 'worker error' }); }; w.postMessage(${JSON.stringify(job)}); })`,
    )) as { ok: true; steps: Record<string, number[]>; facts: Record<string, unknown> } | { ok: false; error: string };
    if (!out.ok) throw new Error(`phases: ${out.error}`);
    return out;
  };

  // Worker start first, on a quiet page: fresh workers one after another (the first one
  // discarded: it compiles the script for the first time).
  o.log(`phases: worker start × ${BOOTS} …`);
  const boots = (await page.evaluate(
    `(async () => { const out = []; for (let i = 0; i < ${BOOTS + 1}; i++) { const t0 = performance.now(); const w = new Worker('/boot.js', { type: 'module' }); const r = await new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); w.onerror = (e) => resolve({ ok: false, error: e.message }); w.postMessage('go'); }); r.pageMs = performance.now() - t0; w.terminate(); out.push(r); } return out; })()`,
  )) as { ok: boolean; error?: string; startMs: number; modelMs: number; dexieMs: number; evaluatedMs: number; databasesMs: number; firstCallMs: number; pageMs: number }[];
  if (boots.some((b) => !b.ok)) throw new Error(`boot: ${boots.find((b) => !b.ok)?.error ?? 'failed'}`);
  const counted = boots.slice(1);
  const bootSteps: Record<string, number[]> = {
    'new Worker → its module starts (fetch, compile)': counted.map((b) => b.startMs),
    'module evaluation, all (zod, Dexie, storage, engine, validator; schemas built on first use)': counted.map((b) => b.evaluatedMs - b.startMs),
    '  of which zod and src/model/schema.ts (no schema built)': counted.map((b) => b.modelMs - b.startMs),
    '  of which Dexie': counted.map((b) => b.dexieMs - b.modelMs),
    '  of which the rest (records, validator, engine, api)': counted.map((b) => b.evaluatedMs - b.dexieMs),
    'indexedDB.databases() (the store calls it before opening)': counted.map((b) => b.databasesMs),
    'first call, listWorkspaces (opens the database)': counted.map((b) => b.firstCallMs),
    'new Worker → first answer, page side': counted.map((b) => b.pageMs),
  };

  o.log(`phases: write variants, ${WRITE_ROWS.toLocaleString('en-US')} rows × ${o.runs} …`);
  const writeSteps = (await inWorker({ kind: 'writes', rows: WRITE_ROWS, runs: o.runs })).steps;

  const results: Record<string, { steps: Record<string, number[]>; facts: Record<string, unknown> }> = {};
  for (const [label, file] of [
    ['small', '/small.json'],
    ['big', '/big.json'],
  ] as const) {
    o.log(`phases: ${label === 'big' ? o.big.factSheets : o.small.factSheets} fact sheets, ${o.runs} run(s) …`);
    results[label] = await inWorker({ file, label, runs: o.runs, actor: o.actor, type: o.type, patches: o.patches });
  }
  await page.close();
  await context.unroute(`${ORIGIN}/**`);

  const big = results.big!.steps;
  const small = results.small!.steps;
  const names = [...new Set([...Object.keys(big), ...Object.keys(small)])];
  const rows = names.map((phase) => ({ phase, big: big[phase] ? median(big[phase]) : null, small: small[phase] ? median(small[phase]) : null }));
  const writeMs = median(big['store.putWorkspace: its write transaction (total − prepareWorkspace)'] ?? [NaN]);
  const checkMs =
    median(big['import: JSON.parse (parseJsonText)'] ?? [NaN]) +
    median(big['import: validatePolicy (zod shape + references)'] ?? [NaN]) +
    median(big['import: prepareWorkspace (re-check + rows + digest)'] ?? [NaN]);
  return {
    runs: o.runs,
    rows,
    import: { writeMs, writeRowsPerSecond: (o.big.rows * 1000) / writeMs, checkMs },
    boot: Object.entries(bootSteps).map(([phase, ms]) => ({ phase, ms: median(ms) })),
    writes: Object.entries(writeSteps).map(([phase, ms]) => ({ phase, ms: median(ms), perRowUs: (median(ms) * 1000) / WRITE_ROWS })),
    facts: { big: results.big!.facts, small: results.small!.facts },
    raw: { big, small, boot: bootSteps, writes: writeSteps },
  };
}
