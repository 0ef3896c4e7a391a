// `npm run bench:pull` (= `npm run build:cli && tsx bench/pull.ts`) [-- --fact-sheets N] [-- --approved 0.2] [-- --rich]
//   [-- --weekly] [-- --delay MS] [-- --heap-cap MB] [-- --no-breakdown] [-- --validate-store] [-- --peer BIN] [-- --trace] [-- --no-write] [-- --json] [-- --out FILE]
//
// Pulls a LeanIX workspace of 100,000 fact sheets (1,000 GraphQL pages) from the fake
// server of test/pull and reports the time, pages per second, requests per second, peak
// RSS and the mapping's own cost as a share of the pull. Three processes:
// - the fake server runs in a child process of its own (`tsx bench/pull.ts --serve`), so
//   that its memory is not counted as the pull's; its peak RSS is reported apart;
// - the pull is the command as users run it, `node bin/sealcheck.js pull leanix --url
//   http://127.0.0.1:PORT --out FILE` (the bundle dist/cli.cjs, which `npm run bench:pull`
//   builds first), a child process whose peak RSS is its VmHWM (/proc/PID/status, the
//   kernel's high-water mark of resident memory, read every 20 ms while it runs) and
//   whose time runs from spawn to exit;
// - then, unless `--no-breakdown`, the same pull once more through the `pullLeanix` call
//   in this process, only for the split of its time (mapping, writing the text,
//   validation) that the command does not print.
// `--weekly` measures a second pull that keeps the first one's file (--keep), as the
// weekly loop does. `--heap-cap MB` passes `--max-old-space-size=MB` to the command's node
// (an experiment: the command itself sets no V8 flag). `--validate-store` then reads the
// pulled file back as a user would: `sealcheck validate FILE` (child, VmHWM), and in a
// child process `loadPolicyText` + `putWorkspace` into the extension's Dexie store over
// fake-indexeddb (time and peak RSS), the figures behind the policy-file size limit.
// `--peer BIN` pulls once more with another build of the command (an older commit's
// bin/sealcheck.js with its dist/) right after, for ratios measured in the same run;
// `--trace` prints the command's RSS every 500 ms.
// Full runs (100,000 fact sheets or more) merge their figures into bench/results.json
// under `pull` (other keys are kept).
//   Targets: at most 30 s, at most 400 MB peak RSS (the command), mapping at most 10 %.
//   The workspace: 4 types, 2,000 users over 20 pages; lean fact sheets (3 attributes,
//   2 subscriptions, a few relation targets: about 460 bytes each in the file) or, with
//   --rich, about 800 bytes each; a share of the fact sheets (default 20 %) APPROVED on
//   a type with a renewal, each of which costs one more request for its approval time
//   (the spec's step 7): at 4 requests at once those requests, not the paging, decide the time.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pullLeanix } from '../src/pull';
import type { FetchLike } from '../src/pull';
import { startFakeLeanix } from '../test/pull/fake-leanix';
import type { LeanixWorkspace } from '../test/pull/fake-leanix';
import { mulberry32 } from './prng';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const root = fileURLToPath(new URL('../', import.meta.url));
const self = fileURLToPath(import.meta.url);
/** Rich fact sheets (all attributes, 3 subscriptions, up to 2 targets per relation) write about 800 bytes each, lean ones about 460. */
const RICH = args.includes('--rich');
const FACT_SHEETS = option('fact-sheets', 100_000);
const APPROVED = option('approved', 0.2);
const DELAY = option('delay', 0);
const HEAP_CAP = option('heap-cap', 0);
const textOption = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
/** `--peer BIN`: another build of the command (e.g. an older commit's bin/sealcheck.js), pulled from the same server right after, for a ratio measured in the same run. */
const PEER = textOption('peer');
const USERS = 2_000;
const TOKEN = 'bench-api-token-0123456789abcdef';

const TYPES = [
  { name: 'Application', share: 0.4, renewal: { value: 90, unit: 'DAYS' }, fields: ['lifecycle', 'businessCriticality', 'functionalSuitability', 'technicalSuitability', 'securityVulnerabilityCount', 'hostingType'] },
  { name: 'ITComponent', share: 0.3, renewal: { value: 180, unit: 'DAYS' }, fields: ['lifecycle', 'vendorName', 'version', 'eolDate', 'licenseCount'] },
  { name: 'BusinessCapability', share: 0.2, renewal: null, fields: ['maturity', 'level'] },
  { name: 'Interface', share: 0.1, renewal: null, fields: ['frequency', 'dataFormat', 'direction'] },
] as const;
const RELATIONS: Record<string, string[]> = {
  Application: ['relApplicationToITComponent', 'relApplicationToBusinessCapability', 'relProviderApplicationToInterface'],
  ITComponent: ['relITComponentToApplication'],
  BusinessCapability: ['relToParent', 'relBusinessCapabilityToApplication'],
  Interface: ['relInterfaceToProviderApplication'],
};

function typeOf(i: number): (typeof TYPES)[number] {
  const x = (i % 1000) / 1000;
  let acc = 0;
  for (const type of TYPES) if (x < (acc += type.share)) return type;
  return TYPES[TYPES.length - 1]!;
}

const approvedAt = new Date(Date.now() - 20 * 86_400_000).toISOString();

/** Fact sheet `i`, the same on every run (seeded per index), made when its page is asked for. */
function node(i: number): Record<string, unknown> {
  const random = mulberry32(0x9e3779b9 ^ i);
  const type = typeOf(i);
  const id = `${type.name.toLowerCase()}-${i.toString(36).padStart(6, '0')}-4c1e-9a7b-${(i * 7919).toString(16).padStart(12, '0')}`;
  const sealed = type.renewal !== null && random() < APPROVED / 0.7; // 70 % of the fact sheets have a type with a renewal
  const values: Record<string, unknown> = {};
  for (const field of RICH ? type.fields : type.fields.slice(0, 3)) {
    if (random() < 0.2) values[field] = null;
    else if (field === 'lifecycle') values[field] = { asString: 'active', phases: RICH ? [{ phase: 'plan', startDate: '2023-01-01' }, { phase: 'active', startDate: '2024-03-01' }] : [{ phase: 'active', startDate: '2024-03-01' }] };
    else if (field.endsWith('Count') || field === 'level') values[field] = Math.floor(random() * 40);
    else values[field] = `${field.slice(0, 4)}-${Math.floor(random() * 12)}`;
  }
  const relations: Record<string, unknown> = {};
  for (const relation of RELATIONS[type.name]!) {
    const n = RICH ? Math.floor(random() * 3) : random() < 0.4 ? 1 : 0;
    relations[relation] = { edges: Array.from({ length: n }, () => ({ node: { factSheet: { id: `target-${Math.floor(random() * FACT_SHEETS)}` } } })) };
  }
  const subscribers = new Set<number>();
  while (subscribers.size < (RICH ? 3 : 2)) subscribers.add(Math.floor(random() * USERS));
  const kinds = ['RESPONSIBLE', 'OBSERVER', 'OBSERVER'];
  return {
    id,
    type: type.name,
    name: `${type.name} ${i}`,
    description: random() < 0.8 ? (RICH ? `What ${type.name} ${i} does, in a sentence or two for the people who read it.` : `Runs ${type.name} ${i}`) : null,
    alias: null,
    release: random() < 0.3 ? '2.1' : null,
    externalId: RICH || random() < 0.5 ? { externalId: `EXT-${i}` } : null,
    lxState: type.renewal === null ? 'BROKEN_QUALITY_SEAL' : sealed ? 'APPROVED' : 'BROKEN_QUALITY_SEAL',
    naFields: [],
    permittedReadACL: [],
    permittedWriteACL: random() < 0.05 ? [{ id: 'acl-1', name: 'FINANCE' }] : [],
    subscriptions: {
      edges: [...subscribers].map((u, k) => ({ node: { type: kinds[k], user: { id: `user-${u}`, email: `user-${u}@acme.example` }, roles: k === 0 && type.name === 'Application' ? [{ name: 'Application Owner' }] : [] } })),
    },
    ...values,
    ...relations,
  };
}

function workspace(): LeanixWorkspace {
  const factSheets: Record<string, unknown> = {};
  for (const type of TYPES) {
    const fields: Record<string, unknown> = { name: { type: 'STRING', mandatory: true }, description: { type: 'STRING' } };
    for (const field of type.fields) fields[field] = { type: field === 'lifecycle' ? 'LIFECYCLE' : 'STRING' };
    factSheets[type.name] = {
      fields,
      relations: RELATIONS[type.name],
      config: {
        qualitySeal: type.renewal ? { enabled: true, ...type.renewal, ignoreUpdatesForFields: [], ignoreUpdatesForRelations: [] } : { enabled: false },
        approvalWorkflow: { enabled: false, rejectedState: false, mandatorySubscriptionTypes: ['RESPONSIBLE'], mandatoryBaseFields: ['description'] },
      },
    };
  }
  return {
    workspaceId: 'bench-ws',
    workspaceName: 'bench',
    apiToken: TOKEN,
    dataModel: { factSheets, relations: {} },
    authorization: [
      { name: 'MEMBER', permissions: ['FACT_SHEET:*:*'] },
      ...Array.from({ length: 30 }, (_, r) => ({
        name: `ROLE_${r}`,
        permissions: [`FACT_SHEET:READ:*`, `FACT_SHEET_FIELDS:READ,UPDATE:Application:${TYPES[0].fields[r % 6]}`, `FACT_SHEET_RELATIONS:CREATE:ITComponent:*`],
      })),
    ],
    subscriptionRoles: [{ id: 'sr-1', name: 'Application Owner', subscriptionType: 'RESPONSIBLE', restrictToFactSheetTypes: ['Application'] }],
    permissions: Array.from({ length: USERS }, (_, u) => ({
      id: `perm-${u}`,
      user: { id: `user-${u}`, userName: `user${u}`, email: `user-${u}@acme.example`, displayName: `User ${u}`, technicalUser: u < 50 },
      role: u % 10 === 0 ? 'ADMIN' : 'MEMBER',
      status: 'ACTIVE',
      customerRoles: u % 3 === 0 ? `ROLE_${u % 30}` : null,
      accessControlEntities: u % 20 === 0 ? 'FINANCE' : null,
    })),
    technicalUsers: Array.from({ length: 50 }, (_, u) => ({ id: `user-${u}`, userName: `user${u}`, apiTokenData: { expiry: '2027-12-31T00:00:00Z' } })),
    factSheetCount: FACT_SHEETS,
    factSheet: node,
    approvedAt: () => approvedAt,
  };
}

const MB = 1024 * 1024;
const mb = (bytes: number) => +(bytes / MB).toFixed(0);

/** The kernel's figures for a live process: peak and current resident memory, CPU time; null once it has ended. */
function proc(pid: number): { hwm: number; rss: number; cpuMs: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
    const hwm = kb('VmHWM');
    return Number.isNaN(hwm) ? null : { hwm, rss: kb('VmRSS'), cpuMs };
  } catch {
    return null;
  }
}

/** Follows a child process every 20 ms: its highest VmHWM, its last CPU time. */
class Watch {
  peak = 0;
  cpuMs = 0;
  /** RSS every 500 ms (MB), for `--trace`. */
  readonly trace: number[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly started = performance.now();
  constructor(readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
  }
  sample(): number {
    const p = proc(this.pid);
    if (p) {
      this.peak = Math.max(this.peak, p.hwm);
      this.cpuMs = p.cpuMs;
      const slot = Math.floor((performance.now() - this.started) / 500);
      while (this.trace.length <= slot) this.trace.push(mb(p.rss));
    }
    return p?.rss ?? 0;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The fake server in a child process of its own. */
async function serve(): Promise<{ url: string; watch: Watch; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--serve', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the fake server exited (${code})`)));
  });
  const watch = new Watch(child.pid!);
  return {
    url,
    watch,
    async close() {
      watch.sample();
      watch.stop();
      const done = exited(child);
      child.stdin!.end();
      await done;
    },
  };
}

interface CliRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
  readonly requests: number;
  readonly fileMB: number;
  /** RSS when each stage's first progress line came: where the memory goes. */
  readonly stages: Record<string, number>;
}

/** `sealcheck pull leanix --url URL --out FILE [--keep FILE]`, as a user runs it, with its peak RSS. */
async function cliPull(url: string, out: string, keep?: string, bin = join(root, 'bin/sealcheck.js')): Promise<CliRun> {
  const argv = [...(HEAP_CAP ? [`--max-old-space-size=${HEAP_CAP}`] : []), bin, 'pull', 'leanix', '--url', url, '--out', out, ...(keep ? ['--keep', keep] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, argv, { cwd: root, env: { ...process.env, LEANIX_API_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
  const watch = new Watch(child.pid!);
  const stages: Record<string, number> = {};
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const line of chunk.toString().split('\n')) {
      const stage = /^pull: ([a-z ]+): /.exec(line)?.[1];
      if (stage && !(stage in stages)) stages[stage] = mb(watch.sample());
    }
  });
  const code = await exited(child);
  const seconds = (performance.now() - started) / 1000;
  watch.stop();
  if (code !== 0) throw new Error(`sealcheck pull exited ${code}:\n${stderr}`);
  if (args.includes('--trace')) process.stderr.write(`RSS every 500 ms (MB): ${watch.trace.join(' ')}\n${stderr}`);
  const last = stderr.trim().split('\n').pop() ?? '';
  const requests = Number(/\(([\d,]+) requests?/.exec(last)?.[1]?.replace(/,/g, '') ?? NaN);
  return { seconds: +seconds.toFixed(2), cpuSeconds: +(watch.cpuMs / 1000).toFixed(2), peakRssMB: mb(watch.peak), requests, fileMB: +(statSync(out).size / MB).toFixed(1), stages };
}

/** The same pull through `pullLeanix` in this process: the split of its time. */
async function breakdown(url: string, keep?: string) {
  const source = { kind: 'network', url, token: TOKEN, fetch: globalThis.fetch as unknown as FetchLike } as const;
  const started = performance.now();
  const result = await pullLeanix({ source, ...(keep === undefined ? {} : { keep }) });
  const wall = performance.now() - started;
  if (!result.ok) throw new Error(`pull failed: ${JSON.stringify(result.failure)}`);
  const { stats } = result.report;
  const share = (ms: number) => +(ms / wall).toFixed(3);
  return {
    seconds: +(wall / 1000).toFixed(2),
    pages: stats.pages,
    mappingMs: +stats.mappingMs.toFixed(0),
    mappingShare: share(stats.mappingMs),
    writingMs: +stats.writingMs.toFixed(0),
    writingShare: share(stats.writingMs),
    validationMs: +stats.validationMs.toFixed(0),
    validationShare: share(stats.validationMs),
  };
}

/** `sealcheck validate FILE` as a child: time and peak RSS. */
async function cliValidate(file: string): Promise<{ seconds: number; peakRssMB: number; exit: number | null; stderr: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/sealcheck.js'), 'validate', file], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const watch = new Watch(child.pid!);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = await exited(child);
  watch.stop();
  return { seconds: +((performance.now() - started) / 1000).toFixed(2), peakRssMB: mb(watch.peak), exit, stderr: stderr.trim().split('\n')[0] ?? '' };
}

/** In a child process: the file's text validated (`loadPolicyText`) and stored (`putWorkspace`, Dexie over fake-indexeddb), as the extension's import does. */
async function storeChild(file: string): Promise<void> {
  const { loadPolicyText } = await import('../src/policy/validate');
  const { openDexieStore } = await import('../src/storage/dexie');
  const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const t1 = performance.now();
  const loaded = loadPolicyText(text);
  const t2 = performance.now();
  if (!loaded.ok) {
    process.stdout.write(JSON.stringify({ error: loaded.errors[0] }));
    return;
  }
  const afterValidate = process.resourceUsage().maxRSS * 1024;
  const store = openDexieStore({ indexedDB: new IDBFactory(), IDBKeyRange });
  const put = await store.putWorkspace({ name: loaded.policy.name, policy: loaded.policy, source: text, validated: true });
  const t3 = performance.now();
  if (!put.ok) throw new Error(put.error.message);
  process.stdout.write(
    JSON.stringify({
      readMs: +(t1 - t0).toFixed(0),
      validateMs: +(t2 - t1).toFixed(0),
      storeMs: +(t3 - t2).toFixed(0),
      baselineRssMB: mb(baseline),
      peakRssAfterValidateMB: mb(afterValidate),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    }),
  );
}

async function validateStore(file: string) {
  const cli = await cliValidate(file);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--store-child', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await exited(child);
  if (code !== 0) throw new Error(`the store child exited ${code}`);
  return { fileMB: +(statSync(file).size / MB).toFixed(1), cliValidate: cli, validateAndStore: JSON.parse(out) as Record<string, unknown> };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run bench:pull` (it builds the command first) or `npm run build:cli`');
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-bench-pull-'));
  const server = await serve();
  const serverBefore = server.watch.peak;
  const weekly = args.includes('--weekly');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    let keep: string | undefined;
    if (weekly) {
      keep = join(dir, 'first.json');
      log('first pull (its file is kept by the measured one)...');
      await cliPull(server.url, keep);
    }
    log(`sealcheck pull leanix of ${FACT_SHEETS.toLocaleString('en-US')} fact sheets...`);
    const out = join(dir, 'pulled.json');
    const cli = await cliPull(server.url, out, keep);
    let peer: CliRun | null = null;
    if (PEER) {
      log(`the same pull by the peer, ${PEER}...`);
      peer = await cliPull(server.url, join(dir, 'peer.json'), keep, PEER);
    }
    let split: Awaited<ReturnType<typeof breakdown>> | null = null;
    if (!args.includes('--no-breakdown')) {
      log('the same pull in this process, for the split of its time...');
      split = await breakdown(server.url, keep === undefined ? undefined : readFileSync(keep, 'utf8'));
    }
    await server.close();
    let stored: Awaited<ReturnType<typeof validateStore>> | null = null;
    if (args.includes('--validate-store')) {
      log('validate and store the pulled file...');
      stored = await validateStore(out);
    }
    const outAt = args.indexOf('--out');
    if (outAt >= 0 && args[outAt + 1]) writeFileSync(args[outAt + 1]!, readFileSync(out));
    const pages = Math.ceil(FACT_SHEETS / 100);
    const approvals = cli.requests - pages - 1 /* token */ - 3 /* data model, authorization, subscription roles */ - Math.ceil(USERS / 100) - 1;
    const report = {
      command: `node bin/sealcheck.js pull leanix --url http://127.0.0.1:PORT --out FILE${keep ? ' --keep FILE' : ''}`,
      factSheets: FACT_SHEETS,
      rich: RICH,
      weekly,
      pages,
      requests: cli.requests,
      approvalRequests: approvals,
      seconds: cli.seconds,
      cpuSeconds: cli.cpuSeconds,
      pagesPerSecond: +(pages / cli.seconds).toFixed(1),
      requestsPerSecond: +(cli.requests / cli.seconds).toFixed(0),
      peakRssMB: cli.peakRssMB,
      rssAtStageStartMB: cli.stages,
      serverPeakRssMB: mb(server.watch.peak),
      serverRssBeforeMB: mb(serverBefore),
      fileMB: cli.fileMB,
      bytesPerFactSheet: Math.round((cli.fileMB * MB) / FACT_SHEETS),
      peer: peer && PEER ? { bin: PEER, seconds: peer.seconds, cpuSeconds: peer.cpuSeconds, peakRssMB: peer.peakRssMB, rssRatio: +(cli.peakRssMB / peer.peakRssMB).toFixed(2), timeRatio: +(cli.seconds / peer.seconds).toFixed(2) } : null,
      breakdown: split,
      validateStore: stored,
      heapCapMB: HEAP_CAP || null,
      approvedShare: APPROVED,
      cores: availableParallelism(),
      load: loadavg().map((l) => +l.toFixed(2)),
    };
    if (FACT_SHEETS >= 100_000 && !args.includes('--no-write')) {
      const file = join(root, 'bench/results.json');
      const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
      const pull = (previous.pull ?? {}) as Record<string, unknown>;
      const key = `${FACT_SHEETS}${RICH ? ' rich' : ''}${weekly ? ' weekly' : ''}${HEAP_CAP ? ` heap-cap ${HEAP_CAP}` : ''}`;
      const merged = {
        ...previous,
        pull: {
          ...pull,
          command: 'npm run bench:pull [-- --rich] [-- --weekly] [-- --fact-sheets N] [-- --validate-store]',
          targets: { seconds: 30, peakRssMB: 400, mappingShare: 0.1 },
          [key]: { generatedAt: new Date().toISOString(), machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown' }, ...report },
        },
      };
      writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
    }
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');
    const lines = [
      `${weekly ? "weekly pull (--keep of the first pull's file)" : 'pull'} of ${FACT_SHEETS.toLocaleString('en-US')} ${RICH ? 'rich' : 'lean'} LeanIX fact sheets: ${report.command}, the fake server in another process (${report.cores} cores, load ${report.load.join(' ')})`,
      `  time                ${report.seconds} s (spawn to exit)        target ≤ 30 s    ${verdict(report.seconds <= 30)}`,
      `  CPU time            ${report.cpuSeconds} s (the command's process)`,
      `  fact sheet pages    ${pages} (${report.pagesPerSecond} pages/s)`,
      `  requests            ${report.requests.toLocaleString('en-US')} (${report.requestsPerSecond} /s), ${approvals.toLocaleString('en-US')} of them approval times (${(APPROVED * 100).toFixed(0)} % of the fact sheets APPROVED on a type with a renewal)`,
      `  peak RSS            ${report.peakRssMB} MB (VmHWM of the command${HEAP_CAP ? `; old space capped at ${HEAP_CAP} MB` : ''})   target ≤ 400 MB ${verdict(report.peakRssMB <= 400)}`,
      `  RSS as stages began ${Object.entries(cli.stages).map(([k, v]) => `${k} ${v}`).join(', ')} (MB)`,
      `  the fake server     peak RSS ${report.serverPeakRssMB} MB (its own process; ${report.serverRssBeforeMB} MB when it was ready)`,
      `  the file            ${report.fileMB} MB, ${report.bytesPerFactSheet} bytes a fact sheet`,
    ];
    if (report.peer) {
      lines.push(`  peer (${report.peer.bin}): ${report.peer.seconds} s, CPU ${report.peer.cpuSeconds} s, peak RSS ${report.peer.peakRssMB} MB; this build ${report.peer.rssRatio}× its peak RSS, ${report.peer.timeRatio}× its time`);
    }
    if (split) {
      lines.push(
        `  in-process run      ${split.seconds} s (pullLeanix in this process, the same server)`,
        `  mapping             ${split.mappingMs} ms = ${(split.mappingShare * 100).toFixed(1)} % of the pull       target ≤ 10 %    ${verdict(split.mappingShare <= 0.1)}`,
        `  writing the text    ${split.writingMs} ms = ${(split.writingShare * 100).toFixed(1)} %`,
        `  validation          ${split.validationMs} ms = ${(split.validationShare * 100).toFixed(1)} %`,
      );
    }
    if (stored) {
      const v = stored.validateAndStore;
      lines.push(
        `  sealcheck validate  ${stored.cliValidate.seconds} s, peak RSS ${stored.cliValidate.peakRssMB} MB (exit ${stored.cliValidate.exit}${stored.cliValidate.exit ? `: ${stored.cliValidate.stderr}` : ''})`,
        'error' in v
          ? `  validate + store    refused: ${JSON.stringify(v.error)}`
          : `  validate + store    read ${v.readMs} ms, loadPolicyText ${v.validateMs} ms, putWorkspace ${v.storeMs} ms (Dexie over fake-indexeddb); peak RSS ${v.peakRssAfterValidateMB} MB after validation, ${v.peakRssMB} MB after the store (${v.baselineRssMB} MB before reading)`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args[0] === '--serve') {
  const server = await startFakeLeanix(workspace(), { quiet: true, ...(DELAY ? { delayMs: DELAY } : {}) });
  process.stdout.write(`${server.url}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void server.close().then(() => process.exit(0)));
} else if (args[0] === '--store-child') await storeChild(args[1]!);
else await main();
