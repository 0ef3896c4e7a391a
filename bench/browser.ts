// `npm run bench:browser` (= `npm run build && tsx bench/browser.ts`) [-- --quick] [-- --only=…]
//   The built extension in Debian's /usr/bin/chromium, driven by Playwright (BENCHMARKS.md, "Browser"):
//   1. import of a 100,000-fact-sheet LeanIX policy file through the playground's file input;
//   2. popup open-to-verdict on a 10,000-fact-sheet workspace (a fresh popup page, so a cold worker, each time);
//   3. bulk what-if over 100,000 fact sheets in a fresh engine worker, workspace read from IndexedDB;
//   4. comlink round trip (`ping()`);
//   and the peers each figure is set against, in the same run (bench/browser/measures.ts): a raw
//   Dexie bulkPut of the import's rows, the same bulk code in node, a bare extension page that
//   reads IndexedDB (popup opens at 10k and 100k interleaved with it), and the playground's
//   Model tab against its Quick check tab at 100k;
//   then the same work phase by phase (bench/browser/phases.ts) to show what limits it.
//   Prints tables and merges `browser` into bench/results.json (read-merge-write: other keys are kept).
// --quick          fewer repetitions (1 import, 3 popups, 1 bulk, 200 pings, 1 phase run); nothing written.
// --only=a,b       a subset of import, popup, bulk, ping, tabs, phases; nothing written.
// SEALCHECK_EXTENSION_DIR=DIR   measure another build (default .output/chrome-mv3).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { INSTALL_CLIENT, IMPORT_WATCH, PING_LOOP, POPUP_INIT } from './browser/inpage';
import { BULK_ACTOR, BULK_PATCHES, BULK_TYPE, writePolicyFile } from './browser/policies';
import type { PolicyFile } from './browser/policies';
import { runPhases } from './browser/phases-driver';
import { bundleRawBulkPut, nodeBulk, openBarePage, openTab, rawBulkPut } from './browser/measures';
import type { NodeBulk } from './browser/measures';
import { extensionLaunchOptions } from '../test/e2e/chromium';
import type { PhaseReport } from './browser/phases-driver';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
/** The built extension; SEALCHECK_EXTENSION_DIR points elsewhere (e.g. a build of another commit, to compare). */
const extensionDir = process.env.SEALCHECK_EXTENSION_DIR ?? join(repoRoot, '.output', 'chrome-mv3');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--only=phases,popup`: a subset of import, popup, bulk, ping, tabs, phases (development; nothing written). */
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const wanted = (part: 'import' | 'popup' | 'bulk' | 'ping' | 'tabs' | 'phases') => !only || only.has(part);

const RUNS = quick
  ? { imports: 1, popups: 3, bulk: 1, pings: 200, phases: 1, tabs: 1 }
  : { imports: 3, popups: 11, bulk: 3, pings: 1_000, phases: 3, tabs: 5 };
const BIG = 100_000;
const SMALL = 10_000;
const POPUP_SHEET = 'fs-4242';
const POPUP_CHIP = '/securityVulnerabilityCount';
const TARGETS = {
  importRowsPerSecond: 50_000,
  popupVerdictMs: 150,
  bulk100kMs: 2_000,
  /** Ratios in one run (issue 14): popup ≤ 1.5× the bare page, Model tab ≤ 1.5× Quick check, worker bulk ≤ 1.5× node, import ≥ 0.5× raw bulkPut. */
  popupVsBarePage: 1.5,
  modelVsQuickCheckTab: 1.5,
  workerVsNodeBulk: 1.5,
  importVsRawBulkPut: 0.5,
};

// ---------------------------------------------------------------- helpers

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

type Wire<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };
interface Called<T> {
  value: Wire<T>;
  ms: number;
  progress: [number, number, number][];
}

function value<T>(r: Wire<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function workerUrl(extensionId: string): string {
  const file = readdirSync(join(extensionDir, 'assets')).find((f) => /^engine\.worker-.*\.js$/.test(f));
  if (!file) throw new Error(`no engine worker in ${extensionDir}/assets: run \`npm run build\``);
  return `chrome-extension://${extensionId}/assets/${file}`;
}

/**
 * A page of the extension's origin that runs nothing of its own (the manifest shown as
 * text), with a fresh engine worker and a comlink client in it: nothing else competes for
 * the worker or the cores, and its workspace cache starts empty.
 */
async function enginePage(context: BrowserContext, extensionId: string): Promise<{ page: Page; startMs: number; call: <T>(method: string, args: unknown[], progress?: boolean) => Promise<Called<T>> }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  const started = (await page.evaluate(`(${INSTALL_CLIENT})(${JSON.stringify(workerUrl(extensionId))})`)) as { startMs: number };
  const call = <T>(method: string, a: unknown[], progress = false) =>
    page.evaluate(
      ([m, x, p]) => (globalThis as unknown as { __bench: { call: (m: string, a: unknown[], p: boolean) => Promise<unknown> } }).__bench.call(m, x, p),
      [method, a, progress] as const,
    ) as Promise<Called<T>>;
  return { page, startMs: started.startMs, call };
}

async function launch(): Promise<{ context: BrowserContext; extensionId: string; userDataDir: string }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sealcheck-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, extensionLaunchOptions(extensionDir));
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  // On install the extension opens the playground; close it so that its worker is not running.
  const installed = (p: Page) => p.url().includes('/options.html');
  const opened = context.pages().find(installed) ?? (await context.waitForEvent('page', { predicate: installed, timeout: 5_000 }).catch(() => null));
  if (opened) {
    await opened.waitForLoadState('domcontentloaded').catch(() => undefined);
    await opened.close();
  }
  return { context, extensionId, userDataDir };
}

async function listIds(call: Awaited<ReturnType<typeof enginePage>>['call']): Promise<{ id: string; name: string }[]> {
  return value((await call<{ id: string; name: string }[]>('listWorkspaces', [])).value, 'listWorkspaces');
}

async function deleteAll(call: Awaited<ReturnType<typeof enginePage>>['call']): Promise<void> {
  for (const w of await listIds(call)) value((await call<void>('deleteWorkspace', [w.id])).value, 'deleteWorkspace');
}

// ---------------------------------------------------------------- 1. import through the playground

interface ImportRun {
  readonly totalMs: number;
  /** The UI's own figures, read from the page's data attributes. */
  readonly ui: { readMs: number; checkMs: number; writeMs: number; rows: number; totalMs: number };
  /** Rows per second between the first and the last "Storing … N of M rows" the page showed. */
  readonly progressRowsPerSecond: number | null;
  readonly report: string;
}

async function importThroughUi(context: BrowserContext, extensionId: string, file: PolicyFile): Promise<ImportRun> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.locator('#import-file').waitFor({ state: 'attached' });
  // Let the page's own start (listing workspaces) finish before the clock starts.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(IMPORT_WATCH);
  await page.locator('#import-file').setInputFiles(file.path);
  await page.waitForFunction(() => (globalThis as unknown as { __benchImport: { done?: number } }).__benchImport.done !== undefined, undefined, { timeout: 180_000, polling: 100 });
  const r = (await page.evaluate(() => (globalThis as unknown as { __benchImport: unknown }).__benchImport)) as {
    start: number;
    done: number;
    text?: string;
    error?: string;
    /** The playground's own figures: data attributes of the page's body (WorkspacesImport.tsx markImport), never shown. */
    ui?: { readMs: number; checkMs: number; writeMs: number; rows: number; totalMs: number };
    progress: [number, number, number][];
  };
  await page.close();
  if (r.error || !r.text || !r.ui) throw new Error(`import failed: ${r.error ?? 'no report'}`);
  const text = r.text;
  const p = r.progress;
  const first = p[0];
  const last = p[p.length - 1];
  const progressRowsPerSecond = first && last && last[0] > first[0] ? ((last[1] - first[1]) * 1000) / (last[0] - first[0]) : null;
  return {
    totalMs: r.done - r.start,
    ui: r.ui,
    progressRowsPerSecond,
    report: text,
  };
}

// ---------------------------------------------------------------- 2. popup

interface PopupRun {
  readonly verdictMs: number;
  readonly readyMs: number;
  readonly evalMs: number;
  readonly clickMs: number;
  readonly verdict: string;
  /** Page-side comlink timeline: method, sent, answered (ms since navigation start). */
  readonly calls: { method: string; sent: number; answered: number }[];
}

async function openPopup(context: BrowserContext, extensionId: string): Promise<PopupRun> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  const url = `https://acme.leanix.net/Bench/factsheet/${BULK_TYPE}/${POPUP_SHEET}`;
  await page.addInitScript(`(${POPUP_INIT})(${JSON.stringify({ url, chip: POPUP_CHIP })})`);
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(() => document.body?.dataset.verdictMs !== undefined, undefined, { timeout: 30_000, polling: 50 });
  const got = (await page.evaluate(() => ({
    data: { ...document.body.dataset },
    verdict: document.querySelector('[data-testid=verdict]')?.textContent ?? '',
    log: (globalThis as unknown as { __benchLog: { method: string; sent: number; answered: number }[] }).__benchLog,
  }))) as { data: Record<string, string>; verdict: string; log: { method: string; sent: number; answered: number }[] };
  const actor = await page.locator('#actor').inputValue();
  const sheet = await page.locator('#factsheet').inputValue();
  await page.close();
  if (actor !== BULK_ACTOR || sheet !== POPUP_SHEET) throw new Error(`the popup did not open on the question: actor ${actor}, fact sheet ${sheet}`);
  return {
    verdictMs: Number(got.data.verdictMs),
    readyMs: Number(got.data.readyMs),
    evalMs: Number(got.data.evalMs),
    clickMs: Number(got.data.benchClickMs),
    verdict: got.verdict.replace(/\s+/g, ' ').trim().slice(0, 60),
    calls: got.log,
  };
}

// ---------------------------------------------------------------- main

interface RoundTrip {
  readonly n: number;
  readonly batch: number;
  /** Median over batches of the mean round trip in the batch. */
  readonly medianMs: number;
  /** 95th percentile of the batch means. */
  readonly p95BatchMs: number;
  /** Single pings, read to the page timer's resolution. */
  readonly singleMedianMs: number;
  readonly singleP95Ms: number;
  readonly singleP99Ms: number;
  readonly singleMaxMs: number;
  readonly timerResolutionMs: number;
  readonly workerStartMs: number;
}

interface BulkRun {
  readonly coldMs: number;
  readonly warmMs: number;
  readonly workerLoopMs: number;
  readonly warmWorkerLoopMs: number;
  readonly loadMs: number;
  readonly afterLoadMs: number;
  readonly evaluated: number;
  readonly sealsBroken: number;
  readonly allowed: number;
}

async function main(): Promise<void> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no build in ${extensionDir}: run \`npm run build\` (npm run bench:browser does)`);
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-bench-files-'));
  console.log(`generating policy files in ${dir} …`);
  const big = writePolicyFile(dir, BIG);
  const small = writePolicyFile(dir, SMALL);
  console.log(`  ${fmt(big.factSheets)} fact sheets: ${fmt(big.bytes / 1e6, 1)} MB, ${fmt(big.rows)} rows; ${fmt(small.factSheets)}: ${fmt(small.bytes / 1e6, 1)} MB`);

  const question = { actor: BULK_ACTOR, types: [BULK_TYPE], patches: BULK_PATCHES };
  let node: NodeBulk | undefined;
  if (wanted('bulk')) {
    // The same code the worker runs (createEngineApi's bulkWhatIf) in this node process, before the browser starts.
    node = await nodeBulk(big.text, question, RUNS.bulk + 2);
    console.log(`node bulk 100k: cold ${fmt(node.coldMs)} ms, warm ${node.warmMs.map((m) => fmt(m)).join(' / ')} ms`);
  }

  const { context, extensionId, userDataDir } = await launch();
  const chromeVersion = context.browser()?.version() ?? 'unknown';
  console.log(`chromium ${chromeVersion}, extension ${extensionId}, load average ${loadBefore.toFixed(2)}\n`);
  const out: Partial<Measured> = { node };
  try {
    const engine = await enginePage(context, extensionId);

    // ------------------------------------------------------------ 4. round trip (first: empty database)
    if (wanted('ping')) {
      await engine.page.evaluate(`(${PING_LOOP})([200, 50])`);
      const batch = 25;
      const p = (await engine.page.evaluate(`(${PING_LOOP})([${RUNS.pings}, ${batch}])`)) as { singles: number[]; batches: number[]; resolution: number };
      out.roundTrip = {
        n: p.singles.length,
        batch,
        medianMs: median(p.batches),
        p95BatchMs: percentile(p.batches, 95),
        singleMedianMs: median(p.singles),
        singleP95Ms: percentile(p.singles, 95),
        singleP99Ms: percentile(p.singles, 99),
        singleMaxMs: Math.max(...p.singles),
        timerResolutionMs: p.resolution,
        workerStartMs: engine.startMs,
      };
      const t = out.roundTrip;
      console.log(
        `round trip: ${t.n} pings, median ${fmt(t.medianMs, 3)} ms (of ${t.n / batch} batches of ${batch}); single pings median ${fmt(t.singleMedianMs, 2)}, p95 ${fmt(t.singleP95Ms, 2)}, p99 ${fmt(t.singleP99Ms, 2)} ms (timer resolution ${fmt(t.timerResolutionMs, 3)} ms); worker start to first answer ${fmt(engine.startMs, 1)} ms`,
      );
    }

    // ------------------------------------------------------------ 1. import through the UI
    if (wanted('import')) {
      out.imports = [];
      out.raw = [];
      const rawCode = await bundleRawBulkPut();
      for (let i = 0; i < RUNS.imports; i++) {
        await deleteAll(engine.call);
        const run = await importThroughUi(context, extensionId, big);
        out.imports.push(run);
        console.log(`import ${i + 1}/${RUNS.imports}: ${fmt(run.totalMs)} ms to the report, ${fmt((big.rows * 1000) / run.totalMs)} rows/s; UI: ${run.report}`);
        // the peer, right after: the same rows by a plain Dexie bulkPut in this origin
        const raw = await rawBulkPut(engine.page, rawCode, big.text);
        out.raw.push(raw);
        console.log(`raw bulkPut ${i + 1}/${RUNS.imports}: ${fmt(raw.rows)} rows in ${fmt(raw.ms)} ms, ${fmt((raw.rows * 1000) / raw.ms)} rows/s`);
      }
    }

    // ------------------------------------------------------------ 3. bulk what-if, cold worker
    if (wanted('bulk')) {
      let bigWs = (await listIds(engine.call)).find((w) => w.name === big.name);
      if (!bigWs) {
        await deleteAll(engine.call);
        bigWs = value((await engine.call<{ id: string; name: string }>('importPolicy', [big.text])).value, 'importPolicy');
      }
      out.bulk = [];
      for (let i = 0; i < RUNS.bulk; i++) {
        const a = await enginePage(context, extensionId);
        const cold = await a.call<{ ms: number; evaluated: number; sealsBroken: number; allowed: number }>('bulkWhatIf', [bigWs.id, question, `bench-${i}`]);
        const coldAnswer = value(cold.value, 'bulkWhatIf');
        const warm = await a.call<{ ms: number }>('bulkWhatIf', [bigWs.id, question, `bench-${i}-warm`]);
        await a.page.close();
        // The same, split: a fresh worker loads the whole workspace (`who` on one fact sheet:
        // the outline reads the core only since storage version 5), then evaluates.
        const b = await enginePage(context, extensionId);
        const load = await b.call<unknown>('who', [bigWs.id, 'fs-4242', ['/securityVulnerabilityCount']]);
        value(load.value, 'who');
        const after = await b.call<{ ms: number }>('bulkWhatIf', [bigWs.id, question, `bench-${i}-split`]);
        await b.page.close();
        const run: BulkRun = {
          coldMs: cold.ms,
          warmMs: warm.ms,
          workerLoopMs: coldAnswer.ms,
          warmWorkerLoopMs: value(warm.value, 'bulkWhatIf').ms,
          loadMs: load.ms,
          afterLoadMs: after.ms,
          evaluated: coldAnswer.evaluated,
          sealsBroken: coldAnswer.sealsBroken,
          allowed: coldAnswer.allowed,
        };
        out.bulk.push(run);
        console.log(
          `bulk ${i + 1}/${RUNS.bulk}: cold ${fmt(run.coldMs)} ms (loop in the worker ${fmt(run.workerLoopMs)} ms), warm ${fmt(run.warmMs)} ms; fresh worker: load (who on one fact sheet) ${fmt(run.loadMs)} ms, then bulk ${fmt(run.afterLoadMs)} ms; ${fmt(run.evaluated)} evaluated, ${fmt(run.allowed)} allowed, ${fmt(run.sealsBroken)} seals broken`,
        );
      }
    }

    // ------------------------------------------------------------ 2. popup on 10k and 100k, and the bare page
    let bigId: string | null = null;
    if (wanted('popup') || wanted('tabs')) {
      const listed = await listIds(engine.call);
      const has = (f: PolicyFile) => listed.find((w) => w.name === f.name)?.id ?? null;
      bigId = has(big) ?? value((await engine.call<{ id: string }>('importPolicy', [big.text])).value, 'importPolicy').id;
      const smallId = has(small) ?? value((await engine.call<{ id: string }>('importPolicy', [small.text])).value, 'importPolicy').id;
      for (const id of [smallId, bigId]) value((await engine.call<void>('setSetting', [`popup.actor.${id}`, BULK_ACTOR])).value, 'setSetting');
      if (wanted('popup')) {
        // Interleaved open by open: the bare page, the popup on 10k, the popup on 100k. The engine
        // page stays open (its worker idle) to switch the popup's workspace between opens.
        out.popups = [];
        out.popups100k = [];
        out.bare = [];
        for (let i = 0; i < RUNS.popups; i++) {
          const bare = await openBarePage(context, extensionId);
          out.bare.push(bare);
          value((await engine.call<void>('setSetting', ['popup.workspace', smallId])).value, 'setSetting');
          const run = await openPopup(context, extensionId);
          out.popups.push(run);
          value((await engine.call<void>('setSetting', ['popup.workspace', bigId])).value, 'setSetting');
          const run100k = await openPopup(context, extensionId);
          out.popups100k.push(run100k);
          console.log(
            `open ${i + 1}/${RUNS.popups}: bare page ${bare} ms; popup 10k verdict ${run.verdictMs} ms (ready ${run.readyMs}, evaluate ${run.evalMs}); popup 100k verdict ${run100k.verdictMs} ms (ready ${run100k.readyMs}, evaluate ${run100k.evalMs}) “${run100k.verdict}”`,
          );
        }
      }
    }
    await engine.page.close();

    // ------------------------------------------------------------ playground tabs at 100k
    if (wanted('tabs') && bigId) {
      out.tabs = { model: [], check: [] };
      for (let i = 0; i < RUNS.tabs; i++) {
        const check = await openTab(context, extensionId, bigId, 'check');
        const model = await openTab(context, extensionId, bigId, 'model');
        out.tabs.check.push(check);
        out.tabs.model.push(model);
        console.log(`tabs 100k ${i + 1}/${RUNS.tabs}: Quick check ${fmt(check)} ms, Model ${fmt(model)} ms (click → usable, cold worker)`);
      }
    }

    // ------------------------------------------------------------ phases
    if (wanted('phases')) {
      out.phases = await runPhases(context, { big, small, actor: BULK_ACTOR, type: BULK_TYPE, patches: BULK_PATCHES, runs: RUNS.phases, log: (line) => console.log(line) });
    }

    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    report({ ...out, big, small, loadBefore, chromeVersion });
  } catch (error) {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------- report

interface Measured {
  big: PolicyFile;
  small: PolicyFile;
  loadBefore: number;
  chromeVersion: string;
  roundTrip: RoundTrip;
  imports: ImportRun[];
  bulk: BulkRun[];
  popups: PopupRun[];
  popups100k: PopupRun[];
  bare: number[];
  raw: { rows: number; ms: number }[];
  node: NodeBulk | undefined;
  tabs: { model: number[]; check: number[] };
  phases: PhaseReport;
}

function report(r: Partial<Measured> & Pick<Measured, 'big' | 'small' | 'loadBefore' | 'chromeVersion'>): void {
  const { big, imports, bulk, popups, phases, roundTrip, raw, node, bare, popups100k, tabs } = r;
  const ratioVerdict = (ratio: number, target: number, higherIsBetter: boolean) => `${(higherIsBetter ? ratio >= target : ratio <= target) ? 'met' : 'MISSED'}: ${fmt(ratio, 2)}× (target ${higherIsBetter ? '≥' : '≤'} ${target}×)`;
  const dropFirst = <T,>(xs: readonly T[]) => (xs.length > 1 ? xs.slice(1) : [...xs]);
  const verdictOf = (v: number, target: number, higherIsBetter: boolean) => {
    const met = higherIsBetter ? v >= target : v <= target;
    return `${met ? 'met' : 'MISSED'}: ${fmt(v / target, 2)}× the target`;
  };
  const rows: string[][] = [];
  const browser: Record<string, unknown> = {};

  if (imports?.length) {
    const importMs = median(imports.map((x) => x.totalMs));
    const importRate = (big.rows * 1000) / importMs;
    const uiWriteRate = median(imports.map((x) => (x.ui.rows * 1000) / x.ui.writeMs));
    const progressRates = imports.map((x) => x.progressRowsPerSecond ?? NaN).filter((x) => Number.isFinite(x));
    rows.push(['import 100k: file input → success message', `${fmt(importRate)} rows/s (${fmt(importMs)} ms)`, '≥ 50,000 rows/s', verdictOf(importRate, TARGETS.importRowsPerSecond, true)]);
    rows.push(['  write phase as the playground reports it', `${fmt(uiWriteRate)} rows/s (${fmt(median(imports.map((x) => x.ui.writeMs)))} ms)`, '', verdictOf(uiWriteRate, TARGETS.importRowsPerSecond, true)]);
    Object.assign(browser, {
      importRowsPerSecond: importRate,
      importMs,
      importRows: big.rows,
      importFactSheets: big.factSheets,
      importFileBytes: big.bytes,
      importUiWriteRowsPerSecond: uiWriteRate,
      importUiWriteMs: median(imports.map((x) => x.ui.writeMs)),
      importUiCheckMs: median(imports.map((x) => x.ui.checkMs)),
      importUiReadMs: median(imports.map((x) => x.ui.readMs)),
      importProgressRowsPerSecond: progressRates.length ? median(progressRates) : null,
      importRuns: imports,
    });
  }
  if (phases) {
    rows.push(['  write phase: store.putWorkspace transaction (phases)', `${fmt(phases.import.writeRowsPerSecond)} rows/s (${fmt(phases.import.writeMs)} ms)`, '', verdictOf(phases.import.writeRowsPerSecond, TARGETS.importRowsPerSecond, true)]);
    browser.importWriteRowsPerSecond = phases.import.writeRowsPerSecond;
    browser.importWriteMs = phases.import.writeMs;
  }
  if (raw?.length) {
    const rawRate = median(raw.map((x) => (x.rows * 1000) / x.ms));
    rows.push([`raw Dexie bulkPut of the same ${fmt(raw[0]!.rows)} rows, one transaction (peer)`, `${fmt(rawRate)} rows/s (${fmt(median(raw.map((x) => x.ms)))} ms)`, '', '']);
    Object.assign(browser, { rawBulkPutRowsPerSecond: rawRate, rawBulkPutMs: median(raw.map((x) => x.ms)), rawBulkPutRows: raw[0]!.rows, rawBulkPutRuns: raw });
    if (typeof browser.importRowsPerSecond === 'number') {
      const ratio = browser.importRowsPerSecond / rawRate;
      rows.push(['  import ÷ raw bulkPut', fmt(ratio, 2), '≥ 0.5×', ratioVerdict(ratio, TARGETS.importVsRawBulkPut, true)]);
      browser.importVsRawBulkPut = ratio;
    }
  }
  let counted: PopupRun[] = [];
  if (popups?.length) {
    // The first open also compiles the popup's and the worker's code for the first time: reported, not counted.
    counted = popups.length > 1 ? popups.slice(1) : popups;
    const popupMs = median(counted.map((p) => p.verdictMs));
    rows.push([`popup 10k: navigation → verdict on screen (cold worker)`, `${fmt(popupMs)} ms (median of ${counted.length})`, '≤ 150 ms', verdictOf(popupMs, TARGETS.popupVerdictMs, false)]);
    Object.assign(browser, {
      popupVerdictMs: popupMs,
      popupReadyMs: median(counted.map((p) => p.readyMs)),
      popupVerdictAfterClickMs: median(counted.map((p) => p.verdictMs - p.clickMs)),
      popupEvalMs: median(counted.map((p) => p.evalMs)),
      popupFirstOpenVerdictMs: popups[0]!.verdictMs,
      popupFactSheets: r.small.factSheets,
      popupCache: 'cold: every open is a new popup page, so a new engine worker with an empty workspace cache',
      popupVerdictMs10k: popupMs,
      popupRuns: popups.map((p) => ({ verdictMs: p.verdictMs, readyMs: p.readyMs, clickMs: p.clickMs, evalMs: p.evalMs, calls: p.calls })),
    });
  }
  if (bare?.length) {
    const bareMs = median(dropFirst(bare));
    rows.push(['bare extension page reading IndexedDB (peer)', `${fmt(bareMs)} ms (median of ${dropFirst(bare).length})`, '', '']);
    Object.assign(browser, { bareIdbPageMs: bareMs, bareIdbPageRuns: bare });
    if (counted.length) {
      const ratio = median(counted.map((p) => p.verdictMs)) / bareMs;
      rows.push(['  popup 10k ÷ bare page', fmt(ratio, 2), '≤ 1.5×', ratioVerdict(ratio, TARGETS.popupVsBarePage, false)]);
      browser.popupVsBarePage10k = ratio;
    }
  }
  if (popups100k?.length) {
    const counted100k = dropFirst(popups100k);
    const ms = median(counted100k.map((p) => p.verdictMs));
    rows.push([`popup 100k: navigation → verdict on screen (cold worker)`, `${fmt(ms)} ms (median of ${counted100k.length})`, '', '']);
    Object.assign(browser, {
      popupVerdictMs100k: ms,
      popupReadyMs100k: median(counted100k.map((p) => p.readyMs)),
      popupEvalMs100k: median(counted100k.map((p) => p.evalMs)),
      popupRuns100k: popups100k.map((p) => ({ verdictMs: p.verdictMs, readyMs: p.readyMs, clickMs: p.clickMs, evalMs: p.evalMs, calls: p.calls })),
    });
    if (typeof browser.bareIdbPageMs === 'number') {
      const ratio = ms / browser.bareIdbPageMs;
      rows.push(['  popup 100k ÷ bare page', fmt(ratio, 2), '≤ 1.5×', ratioVerdict(ratio, TARGETS.popupVsBarePage, false)]);
      browser.popupVsBarePage100k = ratio;
    }
  }
  if (tabs?.model.length) {
    const model = median(tabs.model);
    const check = median(tabs.check);
    rows.push(['playground Model tab 100k: click → editor shown (cold worker)', `${fmt(model)} ms`, '', '']);
    rows.push(['playground Quick check tab 100k: click → form ready (peer)', `${fmt(check)} ms`, '', '']);
    rows.push(['  Model ÷ Quick check', fmt(model / check, 2), '≤ 1.5×', ratioVerdict(model / check, TARGETS.modelVsQuickCheckTab, false)]);
    Object.assign(browser, { modelTabMs100k: model, quickCheckTabMs100k: check, modelVsQuickCheckTab: model / check, tabRuns100k: tabs });
  }
  if (bulk?.length) {
    const bulkMs = median(bulk.map((b) => b.coldMs));
    rows.push([`bulk what-if 100k, cold worker (IndexedDB read)`, `${fmt(bulkMs)} ms (median of ${bulk.length})`, '≤ 2,000 ms', verdictOf(bulkMs, TARGETS.bulk100kMs, false)]);
    rows.push(['  of which: workspace load (who on one fact sheet, fresh worker)', `${fmt(median(bulk.map((b) => b.loadMs)))} ms`, '', '']);
    rows.push(['  of which: evaluation loop (worker)', `${fmt(median(bulk.map((b) => b.workerLoopMs)))} ms`, '', '']);
    rows.push(['  same question again, warm worker cache', `${fmt(median(bulk.map((b) => b.warmMs)))} ms`, '', '']);
    Object.assign(browser, {
      bulk100kMs: bulkMs,
      bulk100kWarmMs: median(bulk.map((b) => b.warmMs)),
      bulk100kLoadMs: median(bulk.map((b) => b.loadMs)),
      bulk100kWorkerLoopMs: median(bulk.map((b) => b.workerLoopMs)),
      bulkRuns: bulk,
    });
  }
  if (node) {
    const nodeMs = median(node.warmMs);
    rows.push(['bulk what-if 100k, the same code in node, warm (peer)', `${fmt(nodeMs)} ms (loop ${fmt(median(node.loopMs))} ms)`, '', '']);
    Object.assign(browser, { nodeBulk100kMs: nodeMs, nodeBulk100kLoopMs: median(node.loopMs), nodeBulk100kColdMs: node.coldMs, nodeBulkRuns: node });
    if (bulk?.length) {
      const ratio = median(bulk.map((b) => b.warmMs)) / nodeMs;
      rows.push(['  worker warm ÷ node warm', fmt(ratio, 2), '≤ 1.5×', ratioVerdict(ratio, TARGETS.workerVsNodeBulk, false)]);
      browser.workerVsNodeBulk = ratio;
    }
  }
  if (roundTrip) {
    rows.push(['comlink round trip, ping()', `median ${fmt(roundTrip.medianMs, 3)} ms; single p95 ${fmt(roundTrip.singleP95Ms, 2)} ms`, '', '']);
    Object.assign(browser, { roundTripMs: roundTrip.medianMs, roundTripP95Ms: roundTrip.singleP95Ms, roundTrip });
  }

  console.log(`\n=== Browser: the built extension in Chromium ${r.chromeVersion} ===\n`);
  console.log(table(['measure', 'result', 'target', 'verdict'], rows));

  if (imports?.length) {
    console.log('\nImport, as the playground reports it (median of runs; its "write" starts at the first progress report, after the first 5,000-row chunk):');
    console.log(
      table(
        ['step', 'ms'],
        [
          ['read the file (FileReader + TextDecoder)', fmt(median(imports.map((x) => x.ui.readMs)))],
          ['check (worker: parse, validate, prepare rows, first chunk)', fmt(median(imports.map((x) => x.ui.checkMs)))],
          ['write (first progress report → commit)', fmt(median(imports.map((x) => x.ui.writeMs)))],
          ['the playground total', fmt(median(imports.map((x) => x.ui.totalMs)))],
          ['change event → report on screen (measured here)', fmt(median(imports.map((x) => x.totalMs)))],
        ],
        [false, true],
      ),
    );
  }
  if (counted.length) {
    const mid = [...counted].sort((a, b) => a.verdictMs - b.verdictMs)[counted.length >> 1]!;
    console.log('\nPopup, the median open: comlink calls as the page sees them (ms since navigation start):');
    console.log(table(['call', 'sent', 'answered', 'took'], mid.calls.map((c) => [c.method, fmt(c.sent, 1), fmt(c.answered, 1), fmt(c.answered - c.sent, 1)]), [false, true, true, true]));
    console.log(`ready ${mid.readyMs} ms, chip clicked ${fmt(mid.clickMs, 1)} ms, verdict ${mid.verdictMs} ms; median over opens: ${fmt(median(counted.map((p) => p.verdictMs - p.clickMs)))} ms from click to verdict; first open ${popups![0]!.verdictMs} ms (not counted)`);
  }
  if (phases) {
    console.log(`\nPhases (bench/browser/phases.ts: the store's and the engine's own functions timed one by one in a module worker under the extension's CSP, real IndexedDB; median of ${phases.runs}; eval allowed: ${String(phases.facts.big.evalAllowed)}):`);
    console.log(table(['phase', '100k ms', '10k ms'], phases.rows.map((p) => [p.phase, p.big === null ? '' : fmt(p.big, 1), p.small === null ? '' : fmt(p.small, 1)]), [false, true, true]));
    console.log(`\nEngine worker start (bench/browser/boot.ts, same modules as the engine worker; median of fresh workers):`);
    console.log(table(['step', 'ms'], phases.boot.map((b) => [b.phase, fmt(b.ms, 1)]), [false, true]));
    console.log(`\nWhat a stored row costs (the same index rows written each way, interleaved; median of ${phases.runs}):`);
    console.log(table(['variant', 'ms', 'µs per row', 'rows/s'], phases.writes.map((w) => [w.phase, fmt(w.ms), fmt(w.perRowUs, 1), fmt(1e6 / w.perRowUs)]), [false, true, true, true]));
    browser.phases = { runs: phases.runs, rows: phases.rows, boot: phases.boot, writes: phases.writes, facts: phases.facts };
  }

  const loadAfter = loadavg()[0]!;
  console.log(`\n1-minute load average ${r.loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${availableParallelism()} cores`);

  if (quick || only) {
    console.log(`\n${quick ? '--quick' : '--only'}: nothing written`);
    return;
  }
  const file = join(here, 'results.json');
  // Read-merge-write: the node bench owns every other key of this file.
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const merged = {
    ...previous,
    browser: {
      generatedAt: new Date().toISOString(),
      command: 'npm run bench:browser',
      chromium: r.chromeVersion,
      machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', loadAverageBefore: r.loadBefore, loadAverageAfter: loadAfter },
      targets: TARGETS,
      ...browser,
    },
  };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  console.error(`\nmerged \`browser\` into ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
