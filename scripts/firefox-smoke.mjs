#!/usr/bin/env node
// Runs the Firefox build in a real Firefox (Debian's firefox-esr, headless) as a temporary
// add-on and walks the main journey: the playground imports the LeanIX example and runs its
// scenarios, the popup's quick check answers, and its bar does not cover the answer.
// Firefox is driven over Marionette, its own remote protocol (a few lines below; no npm
// package, nothing downloaded). Screenshots: test-results/screenshots/firefox-*.png.
//
// Usage: node scripts/firefox-smoke.mjs [FOLDER] (default .output/firefox-mv3); `npm run
// smoke:firefox` builds first. FIREFOX_PATH picks the browser (default /usr/bin/firefox-esr).
// Exit 0 when the journey works, 1 when it does not, 2 without Firefox or a build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ext = path.resolve(process.argv[2] ?? path.join(process.env.SEALCHECK_OUT_DIR || path.join(root, '.output'), 'firefox-mv3'));
const shots = path.join(root, 'test-results', 'screenshots');
const example = path.join(root, 'test', 'fixtures', 'leanix-example.json');
const GECKO_ID = JSON.parse(readFileSync(path.join(ext, 'manifest.json'), 'utf8')).browser_specific_settings?.gecko?.id;
const UUID = '0d7a6d2e-5c1f-4a2b-9b3c-3e0f5b1a7c11';

if (!existsSync(firefox)) {
  console.error(`No Firefox at ${firefox}: apt-get install -y firefox-esr, or set FIREFOX_PATH.`);
  process.exit(2);
}
if (!GECKO_ID) {
  console.error(`No Firefox build in ${ext}: run \`npx wxt build -b firefox\` first (or \`npm run smoke:firefox\`).`);
  process.exit(2);
}

// ------------------------------------------------------------------ Marionette
/** Marionette: `LENGTH:JSON` frames over TCP; commands `[0, id, name, params]`, answers `[1, id, error, result]`. */
function marionette(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let next = 0;
    const waiting = new Map();
    const client = {
      send(name, params = {}) {
        const id = ++next;
        const body = JSON.stringify([0, id, name, params]);
        socket.write(`${Buffer.byteLength(body)}:${body}`);
        return new Promise((res, rej) => waiting.set(id, { res, rej, name }));
      },
      close: () => socket.end(),
    };
    socket.on('error', reject);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length) return;
        const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString());
        buffer = buffer.subarray(colon + 1 + length);
        if (!Array.isArray(message)) {
          resolve(client); // the greeting
          continue;
        }
        const [, id, error, result] = message;
        const w = waiting.get(id);
        waiting.delete(id);
        if (error) w?.rej(new Error(`${w.name}: ${error.error}: ${error.message}`));
        else w?.res(result);
      }
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const profile = mkdtempSync(path.join(tmpdir(), 'sealcheck-firefox-'));
writeFileSync(
  path.join(profile, 'user.js'),
  [
    // A fixed internal UUID, so the test knows the add-on's moz-extension:// address.
    `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [GECKO_ID]: UUID }))});`,
    'user_pref("marionette.port", 0);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
    'user_pref("app.update.disabledForTesting", true);',
    'user_pref("browser.startup.homepage_override.mstone", "ignore");',
    'user_pref("network.captive-portal-service.enabled", false);',
    'user_pref("extensions.getAddons.cache.enabled", false);',
    'user_pref("browser.safebrowsing.update.enabled", false);',
  ].join('\n'),
);
const browser = spawn(firefox, ['--headless', '--marionette', '--remote-allow-system-access', '--no-remote', '--profile', profile], { stdio: 'ignore' });

let m;
let failed = null;
try {
  const portFile = path.join(profile, 'MarionetteActivePort');
  for (let i = 0; i < 150 && !existsSync(portFile); i++) await sleep(200);
  m = await marionette(Number(readFileSync(portFile, 'utf8').trim()));
  await m.send('WebDriver:NewSession', { capabilities: {} });

  const js = async (script, args = []) => (await m.send('WebDriver:ExecuteScript', { script, args })).value;
  const until = async (what, script, ms = 20_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await js(script);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  };
  const find = async (css) => Object.values((await m.send('WebDriver:FindElement', { using: 'css selector', value: css })).value)[0];
  const shot = async (name) => {
    mkdirSync(shots, { recursive: true });
    const r = await m.send('WebDriver:TakeScreenshot', {});
    writeFileSync(path.join(shots, name), Buffer.from(r.value, 'base64'));
  };
  /** Content may not navigate to moz-extension://: the browser's own window opens the tab. */
  const openTab = async (page) => {
    const before = await m.send('WebDriver:GetWindowHandles');
    await m.send('Marionette:SetContext', { value: 'chrome' });
    await m.send('WebDriver:ExecuteScript', {
      script:
        'const w = Services.wm.getMostRecentWindow("navigator:browser"); w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });',
      args: [`moz-extension://${UUID}/${page}`],
    });
    await m.send('Marionette:SetContext', { value: 'content' });
    let handle;
    for (let i = 0; i < 50 && !handle; i++) {
      handle = (await m.send('WebDriver:GetWindowHandles')).find((h) => !before.includes(h));
      if (!handle) await sleep(100);
    }
    await m.send('WebDriver:SwitchToWindow', { handle });
  };
  const check = (ok, what) => {
    if (!ok) throw new Error(what);
    console.log(`ok  ${what}`);
  };

  const installed = (await m.send('Addon:Install', { path: ext, temporary: true })).value;
  check(installed === GECKO_ID, `installed as a temporary add-on: ${installed}`);
  await m.send('WebDriver:SetWindowRect', { width: 1280, height: 900 });

  await openTab('options.html');
  await until('the playground', 'return document.querySelector("h1")?.textContent.includes("Sealcheck")');
  const home = await js('return document.querySelector("[data-testid=engine-home]")?.dataset.home ?? "module-worker"');
  console.log(`    the engine runs in: ${home}`);
  await m.send('WebDriver:ElementSendKeys', { id: await find('[data-testid=import-file]'), text: example });
  const report = await until('the import report', 'return document.querySelector("[data-testid=import-report]")?.textContent');
  check(report.includes('Imported'), `import: ${report}`);
  const run = await until('the scenarios run', 'const t = document.querySelector("[data-testid=import-scenarios]")?.textContent; return t && /passed|failed|could not/.test(t) ? t : null');
  check(run.includes('9 of 9 scenarios passed'), `scenarios run on import: ${run}`);
  await shot('firefox-options.png');

  await openTab('popup.html');
  await m.send('WebDriver:SetWindowRect', { width: 420, height: 700 });
  await until('the popup', 'return document.querySelector("#actor")');
  await js('const s = document.querySelector("#actor"); s.value = "cve-feed"; s.dispatchEvent(new Event("change", { bubbles: true }));');
  await m.send('WebDriver:ElementSendKeys', { id: await find('#fs-search'), text: 'web' });
  await until('the fact sheet', 'return document.querySelector("#factsheet")?.value === "app-shop"');
  await m.send('WebDriver:ElementClick', { id: await find('button.chip[data-path="/cveCount"]') });
  const verdict = await until('the verdict', 'return document.querySelector("[data-testid=verdict] .headline")?.textContent || null');
  check(verdict === 'Allowed · seal breaks', `popup verdict: ${verdict}`);
  const layout = JSON.parse(
    await js(`
      const li = [...document.querySelectorAll('[data-testid=reasons] li')].pop();
      li.scrollIntoView({ block: 'end' });
      const r = li.getBoundingClientRect();
      const bar = document.querySelector('.qc-bar').getBoundingClientRect();
      return JSON.stringify({ clear: r.bottom <= bar.top + 1, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth });`),
  );
  check(layout.clear, 'the popup bar does not cover the last reason');
  check(layout.sideways <= 0, 'no horizontal scrollbar in the popup');
  await shot('firefox-popup.png');
} catch (error) {
  failed = error;
  console.error(`FAILED ${error.message}`);
} finally {
  try {
    await m?.send('Marionette:Quit', { flags: ['eForceQuit'] });
  } catch {
    // gone already
  }
  m?.close();
  await sleep(500);
  if (browser.exitCode === null) browser.kill();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
