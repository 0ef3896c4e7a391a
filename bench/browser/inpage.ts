// Scripts the browser benchmark runs inside pages, as source text. tsx compiles this
// repository with esbuild's keep-names, which wraps closures in a `__name` helper that
// does not exist in the page; text is evaluated as written.

/**
 * Installs `globalThis.__bench` in a page of the extension's origin: a module Worker
 * started from the built extension's own engine worker file, and a client that speaks
 * comlink 4.4's wire protocol to it (what `wrap()` in src/ui/engine-client.ts sends:
 * `{ id, type: 'APPLY', path: [method], argumentList: [{ type: 'RAW', value }] }`, answered
 * by `{ id, type: 'RAW', value }`). A progress callback crosses as comlink's `proxy`
 * handler over a MessagePort, as `client.progress()` does.
 *
 * Argument: the worker's URL. `__bench.call(method, args, progress?)` resolves to
 * `{ value, ms }` (ms: page-side round trip) and, with `progress: true`, `progress`:
 * `[performance.now(), done, total]` per report.
 */
export const INSTALL_CLIENT = String.raw`async (workerUrl) => {
  const started = performance.now();
  const worker = new Worker(workerUrl, { type: 'module' });
  const pending = new Map();
  let seq = 0;
  let failed = null;
  worker.addEventListener('error', (e) => { failed = e.message || 'worker error'; });
  worker.addEventListener('message', (ev) => {
    const d = ev.data;
    const done = d && pending.get(d.id);
    if (!done) return;
    pending.delete(d.id);
    done(d);
  });
  const call = (method, args, withProgress) => new Promise((resolve, reject) => {
    const id = 'bench-' + (++seq);
    const reports = [];
    const argumentList = args.map((value) => ({ type: 'RAW', value }));
    const transfer = [];
    let port = null;
    if (withProgress) {
      const channel = new MessageChannel();
      port = channel.port1;
      port.onmessage = (ev) => {
        const m = ev.data;
        if (m && m.type === 'APPLY') reports.push([performance.now(), m.argumentList[0].value, m.argumentList[1].value]);
        if (m && m.id) port.postMessage({ id: m.id, type: 'RAW', value: undefined });
      };
      argumentList.push({ type: 'HANDLER', name: 'proxy', value: channel.port2 });
      transfer.push(channel.port2);
    }
    const t0 = performance.now();
    pending.set(id, (d) => {
      const ms = performance.now() - t0;
      if (port) setTimeout(() => port.close(), 1000);
      if (d.type === 'HANDLER' && d.name === 'throw') reject(new Error(JSON.stringify(d.value)));
      else resolve({ value: d.value, ms, progress: reports });
    });
    worker.postMessage({ id, type: 'APPLY', path: [method], argumentList }, transfer);
  });
  globalThis.__bench = { worker, call, failed: () => failed };
  // The first answer: the worker module has loaded and exposed its API.
  const first = await call('ping', []);
  return { startMs: performance.now() - started, firstPingMs: first.ms };
}`;

/**
 * `n` pings, one after another, in batches of `batch`: each ping's page-side round trip and
 * each batch's total, in ms. Outside a cross-origin-isolated context Chromium rounds
 * `performance.now()` to 0.1 ms, so single pings are read to 0.1 ms and the batches give
 * the mean below that. Argument: `[n, batch]`.
 */
export const PING_LOOP = String.raw`async ([n, batch]) => {
  const singles = [];
  const batches = [];
  let resolution = Infinity;
  for (let i = 0; i < 1000; i++) { const a = performance.now(); let b = performance.now(); while (b === a) b = performance.now(); resolution = Math.min(resolution, b - a); }
  for (let done = 0; done < n; done += batch) {
    const b0 = performance.now();
    for (let i = 0; i < batch; i++) {
      const t0 = performance.now();
      const r = await globalThis.__bench.call('ping', []);
      singles.push(performance.now() - t0);
      if (!r.value || !r.value.ok) throw new Error('ping failed');
    }
    batches.push((performance.now() - b0) / batch);
  }
  return { singles, batches, resolution };
}`;

/**
 * The popup's init script (runs before any of the page's own scripts):
 * - `chrome.tabs.query` answers with the LeanIX page address (as test/e2e/popup.spec.ts does);
 * - every comlink request the page sends to a Worker and its answer are logged with
 *   `performance.now()` in `__benchLog` (method, sent, answered), and the Worker's construction;
 * - the chip `[data-path=CHIP]` is clicked the moment it is in the document (a user with
 *   no reaction time), and `data-bench-click-ms` records when.
 * Argument: `{ url, chip }`.
 */
export const POPUP_INIT = String.raw`(({ url, chip }) => {
  const tabs = globalThis.chrome && globalThis.chrome.tabs;
  if (tabs) {
    Object.defineProperty(tabs, 'query', {
      configurable: true,
      writable: true,
      value: async () => [{ id: 1, index: 0, windowId: 1, active: true, highlighted: true, pinned: false, incognito: false, url }],
    });
  }
  const log = [];
  globalThis.__benchLog = log;
  const Native = globalThis.Worker;
  const post = Native.prototype.postMessage;
  const sent = new Map();
  Native.prototype.postMessage = function (message, ...rest) {
    if (message && typeof message.id === 'string' && message.type) {
      sent.set(message.id, { method: (message.path || []).join('.') || message.type, sent: performance.now() });
    }
    return post.call(this, message, ...rest);
  };
  class BenchWorker extends Native {
    constructor(u, o) {
      const t = performance.now();
      super(u, o);
      log.push({ method: '(new Worker)', sent: t, answered: performance.now() });
      this.addEventListener('message', (ev) => {
        const s = ev.data && sent.get(ev.data.id);
        if (s) log.push({ method: s.method, sent: s.sent, answered: performance.now() });
      });
    }
  }
  globalThis.Worker = BenchWorker;
  let clicked = false;
  const tryClick = () => {
    if (clicked) return;
    const el = document.querySelector('button.chip[data-path="' + chip + '"]');
    if (!el) return;
    clicked = true;
    document.body.dataset.benchClickMs = String(performance.now());
    el.click();
  };
  new MutationObserver(tryClick).observe(document, { childList: true, subtree: true });
})`;

/**
 * On the playground page: records when the file input changes (the import starts), each
 * "Storing … N of M rows" progress text with its time, and when the success report
 * (`data-testid=import-report`) or an error list appears.
 */
export const IMPORT_WATCH = String.raw`(() => {
  const r = { progress: [] };
  globalThis.__benchImport = r;
  document.addEventListener('change', (e) => {
    if (e.target && e.target.id === 'import-file' && r.start === undefined) r.start = performance.now();
  }, true);
  const look = () => {
    if (r.start === undefined || r.done !== undefined) return;
    const bar = document.querySelector('[data-testid=import-progress]');
    if (bar) {
      const m = /Storing[\s\S]*?([\d,]+) of ([\d,]+) rows/.exec(bar.textContent || '');
      if (m) {
        const done = Number(m[1].replace(/,/g, ''));
        const last = r.progress[r.progress.length - 1];
        if (!last || last[1] !== done) r.progress.push([performance.now(), done, Number(m[2].replace(/,/g, ''))]);
      } else if (/Checking/.test(bar.textContent || '') && r.checking === undefined) r.checking = performance.now();
    }
    const report = document.querySelector('[data-testid=import-report]');
    if (report) {
      r.done = performance.now();
      r.text = report.textContent;
      const d = document.body.dataset;
      r.ui = { readMs: Number(d.importReadMs), checkMs: Number(d.importCheckMs), writeMs: Number(d.importWriteMs), totalMs: Number(d.importTotalMs), rows: Number(d.importRows) };
    }
    const errors = document.querySelector('[data-testid=import-errors]');
    if (errors) { r.done = performance.now(); r.error = errors.textContent; }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
})()`;
