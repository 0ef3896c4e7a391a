// `npx tsx bench/browser/profile.ts` (after `npm run build`; under the build lock): where the
// time of a popup open on 100,000 fact sheets and of the playground's Model tab at 100k goes,
// from a Chrome trace (Playwright's CDPSession, `Tracing`), thread by thread: the main
// thread of the page and the engine worker's thread, each with the time spent in the trace
// events that matter (script compile, module evaluation, function calls, garbage collection,
// layout, paint, IndexedDB). Prints tables; writes nothing. BENCHMARKS.md quotes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { extensionLaunchOptions } from '../../test/e2e/chromium';
import { INSTALL_CLIENT, POPUP_INIT } from './inpage';
import { BULK_ACTOR, BULK_TYPE, writePolicyFile } from './policies';

const extensionDir = process.env.SEALCHECK_EXTENSION_DIR ?? join(process.cwd(), '.output', 'chrome-mv3');
const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'disabled-by-default-devtools.timeline', 'IndexedDB', '__metadata'].join(',');

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

async function traced(page: Page, body: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  // the Tracing events are not in Playwright's typed event list
  const on = cdp as unknown as { on(event: string, f: (e: { value: TraceEvent[] }) => void): void; once(event: string, f: () => void): void };
  on.on('Tracing.dataCollected', (e) => void events.push(...e.value));
  const done = new Promise<void>((resolve) => on.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await body();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events;
}

/** Per thread: wall span and the summed duration of the events that matter (nested ones counted in their own row too). */
function summarise(title: string, events: TraceEvent[]): void {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  const wanted = /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.evaluateModule|EvaluateScript|FunctionCall|MajorGC|MinorGC|V8\.GC.*|Layout|UpdateLayoutTree|Paint|ParseHTML|RunMicrotasks|v8\.run|v8\.produceModuleCache|V8\.DeserializeContext|IndexedDB.*|IDB.*|ThreadControllerImpl::RunTask|RunTask)$/;
  const byThread = new Map<string, Map<string, { ms: number; n: number }>>();
  const span = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    if (!/CrRendererMain|DedicatedWorker|Worker/.test(thread)) continue;
    const s = span.get(thread) ?? [Infinity, -Infinity];
    span.set(thread, [Math.min(s[0], e.ts), Math.max(s[1], e.ts + e.dur)]);
    if (!wanted.test(e.name)) continue;
    let name = e.name;
    if (name === 'FunctionCall' && e.args?.data?.functionName) name = `FunctionCall ${e.args.data.functionName}`;
    const t = byThread.get(thread) ?? new Map<string, { ms: number; n: number }>();
    const row = t.get(name) ?? { ms: 0, n: 0 };
    row.ms += e.dur / 1000;
    row.n++;
    t.set(name, row);
    byThread.set(thread, t);
  }
  console.log(`\n=== ${title} ===`);
  for (const [thread, rows] of byThread) {
    const [a, b] = span.get(thread)!;
    console.log(`\n${thread} (active span ${((b - a) / 1000).toFixed(1)} ms)`);
    const top = [...rows].sort((x, y) => y[1].ms - x[1].ms).slice(0, 14);
    for (const [name, r] of top) console.log(`  ${r.ms.toFixed(1).padStart(9)} ms  ${String(r.n).padStart(6)}×  ${name}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-profile-'));
  const big = writePolicyFile(dir, 100_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'sealcheck-profile-user-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, extensionLaunchOptions(extensionDir));
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(sw.url()).host;
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(join(extensionDir, 'assets')).find((f) => /^engine\.worker-.*\.js$/.test(f))!;
    const engine = await context.newPage();
    await engine.goto(`chrome-extension://${id}/manifest.json`);
    await engine.evaluate(`(${INSTALL_CLIENT})(${JSON.stringify(`chrome-extension://${id}/assets/${file}`)})`);
    const call = (m: string, a: unknown[]) => engine.evaluate(([m2, a2]) => (globalThis as unknown as { __bench: { call: (m: string, a: unknown[]) => Promise<{ value: { ok: boolean; value: { id: string } } }> } }).__bench.call(m2, a2), [m, a] as const);
    const imported = await call('importPolicy', [big.text]);
    const ws = imported.value.value.id;
    await call('setSetting', ['popup.workspace', ws]);
    await call('setSetting', [`popup.actor.${ws}`, BULK_ACTOR]);
    await engine.close();

    for (let i = 0; i < 3; i++) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.addInitScript(`(${POPUP_INIT})(${JSON.stringify({ url: `https://acme.leanix.net/Bench/factsheet/${BULK_TYPE}/fs-4242`, chip: '/securityVulnerabilityCount' })})`);
      const events = await traced(popup, async () => {
        await popup.goto(`chrome-extension://${id}/popup.html`);
        await popup.waitForFunction(() => document.body?.dataset.verdictMs !== undefined, undefined, { timeout: 30_000, polling: 20 });
      });
      const verdict = await popup.evaluate(() => document.body.dataset.verdictMs);
      await popup.close();
      // the first open compiles everything for the first time: the last one is shown
      if (i === 2) summarise(`popup 100k, open ${i + 1} (verdict at ${verdict} ms)`, events);
    }

    const options = await context.newPage();
    await options.setViewportSize({ width: 1280, height: 900 });
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.locator(`#ws-select option[value="${ws}"]`).waitFor({ state: 'attached' });
    await options.locator('#ws-select').selectOption(ws);
    await options.waitForTimeout(500);
    const t0 = Date.now();
    const events = await traced(options, async () => {
      await options.locator('#tab-model').click();
      await options.locator('[data-testid=model-state]').waitFor({ timeout: 120_000 });
    });
    summarise(`playground Model tab 100k (click → editor, ${Date.now() - t0} ms wall with tracing)`, events);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
