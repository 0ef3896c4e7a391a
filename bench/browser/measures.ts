// The browser benchmark's peers, each measured in the same run as the figure it is set
// against (BENCHMARKS.md, "Browser"):
// - a bare extension page that reads IndexedDB (the floor under the popup);
// - the playground's Model and Quick check tabs on the 100k workspace;
// - a raw Dexie bulkPut of the import's rows, in the extension's origin (bench/browser/raw-bulkput.ts);
// - the worker's bulk what-if run by the same code in node (createEngineApi over the memory store).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BrowserContext, Page } from '@playwright/test';
import { createEngineApi } from '../../src/worker/api';
import { createMemoryStore } from '../../src/storage/memory';
import type { BulkQuestion } from '../../src/worker/api';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The bare page's init script: before any script of the document runs, open the
 * extension's database (whatever its version) and read what a popup needs first (the
 * workspace list and the remembered workspace) in one transaction; `data-bare-ms` is when
 * that read is answered, in ms since the navigation started (as the popup's `data-verdict-ms`).
 */
const BARE_INIT = String.raw`(() => {
  const open = indexedDB.open('sealcheck');
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['workspaces', 'settings'], 'readonly');
    const list = tx.objectStore('workspaces').getAll();
    const setting = tx.objectStore('settings').get('popup.workspace');
    tx.oncomplete = () => {
      const done = performance.now();
      const mark = () => {
        document.documentElement.dataset.bareMs = String(Math.round(done));
        document.documentElement.dataset.bareRows = String(list.result.length) + ':' + String(!!setting.result);
      };
      if (document.documentElement) mark(); else addEventListener('DOMContentLoaded', mark);
      db.close();
    };
  };
})()`;

/** One open of a bare extension page (the manifest, shown as text) that reads IndexedDB; ms since navigation start. */
export async function openBarePage(context: BrowserContext, extensionId: string): Promise<number> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.addInitScript(BARE_INIT);
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  await page.waitForFunction(() => document.documentElement.dataset.bareMs !== undefined, undefined, { timeout: 30_000, polling: 20 });
  const ms = Number(await page.evaluate(() => document.documentElement.dataset.bareMs));
  await page.close();
  return ms;
}

/**
 * Clicks the playground tab `tab` and answers the ms until the tab shows what it is for
 * (`ready`: a selector in the document, or a data attribute of the body), timed in the page.
 */
const TAB_CLICK = String.raw`([tab, selector, attribute]) => new Promise((resolve) => {
  const done = () => (selector ? document.querySelector(selector) !== null : document.body.dataset[attribute] !== undefined);
  const t0 = performance.now();
  const watcher = new MutationObserver(() => {
    if (!done()) return;
    watcher.disconnect();
    resolve(performance.now() - t0);
  });
  watcher.observe(document.body, { childList: true, subtree: true, attributes: true });
  document.getElementById('tab-' + tab).click();
})`;

export type TabKind = 'model' | 'check';

/**
 * A fresh playground page (so a cold engine worker) on workspace `workspaceId`, then a
 * click on the tab: ms from the click until the tab is usable (Model: the editor's bar;
 * Quick check: the form's `data-ready-ms`).
 */
export async function openTab(context: BrowserContext, extensionId: string, workspaceId: string, tab: TabKind): Promise<number> {
  const page: Page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.locator(`#ws-select option[value="${workspaceId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('#ws-select').selectOption(workspaceId);
  // the Workspaces tab's own start, and the page's listing, done before the click
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300);
  const ready = tab === 'model' ? ['model', '[data-testid=model-state]', null] : ['check', null, 'readyMs'];
  const ms = (await page.evaluate(`(${TAB_CLICK})(${JSON.stringify(ready)})`)) as number;
  await page.close();
  return ms;
}

/** Bundles bench/browser/raw-bulkput.ts (Dexie included) as a classic script. */
export async function bundleRawBulkPut(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sealcheck-bench-raw-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(here, '..', '..'),
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry: join(here, 'raw-bulkput.ts'), formats: ['iife'], name: 'sealcheckRawBulkPut', fileName: () => 'raw.js' },
    },
  });
  const code = readFileSync(join(outDir, 'raw.js'), 'utf8');
  rmSync(outDir, { recursive: true, force: true });
  return code;
}

/** A raw Dexie bulkPut of the file's rows in `page` (an extension page): rows and ms of the transaction. */
export async function rawBulkPut(page: Page, code: string, text: string): Promise<{ rows: number; ms: number }> {
  await page.evaluate(code);
  return (await page.evaluate((t) => (globalThis as unknown as { __rawBulkPut: (t: string) => Promise<{ rows: number; ms: number }> }).__rawBulkPut(t), text)) as {
    rows: number;
    ms: number;
  };
}

export interface NodeBulk {
  readonly coldMs: number;
  /** Each warm call, ms (the call as the worker runs it, without the worker's message round trip). */
  readonly warmMs: number[];
  readonly loopMs: number[];
  readonly evaluated: number;
  readonly sealsBroken: number;
}

/** The engine worker's API (src/worker/api.ts) in node over the memory store: the file imported, then bulkWhatIf cold and `runs` times warm. */
export async function nodeBulk(text: string, question: BulkQuestion, runs: number): Promise<NodeBulk> {
  const api = createEngineApi(createMemoryStore());
  const imported = await api.importPolicy(text);
  if (!imported.ok) throw new Error(`node import: ${imported.error.message}`);
  const id = imported.value.id;
  const t0 = performance.now();
  const cold = await api.bulkWhatIf(id, question, 'node-cold');
  const coldMs = performance.now() - t0;
  if (!cold.ok) throw new Error(`node bulk: ${cold.error.message}`);
  const warmMs: number[] = [];
  const loopMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const warm = await api.bulkWhatIf(id, question, `node-warm-${i}`);
    warmMs.push(performance.now() - t);
    if (!warm.ok) throw new Error(`node bulk: ${warm.error.message}`);
    loopMs.push(warm.value.ms);
  }
  return { coldMs, warmMs, loopMs, evaluated: cold.value.evaluated, sealsBroken: cold.value.sealsBroken };
}
