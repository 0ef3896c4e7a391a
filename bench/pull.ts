// `npm run bench:pull` [-- --fact-sheets N] [-- --approved 0.2] [-- --rich] [-- --weekly] [-- --delay MS] [-- --same-thread] [-- --heap-cap MB] [-- --json] [-- --out FILE]
//   Pulls a LeanIX workspace of 100,000 fact sheets (1,000 GraphQL pages) from the
//   fake server of test/pull, in this process, through node's fetch and src/pull, and
//   reports the time, pages per second, requests per second, peak RSS (server
//   included: it runs in this process) and the mapping's own cost as a share of the pull.
//   The server runs in a worker thread of this process (its own core, as a remote server
//   would be); `--same-thread` runs it on the pull's thread, which then pays for it too.
//   `--weekly` measures a second pull that keeps the first one's file (--keep), as the
//   weekly loop does. `--heap-cap MB` runs the bench again under `node --max-old-space-size=MB`: the pull's
//   live memory is small, and without a cap V8 lets garbage grow the heap well past it.
//   Targets: at most 30 s, at most 400 MB peak RSS, mapping at most 10 %.
//   The workspace: 4 types, 2,000 users over 20 pages; lean fact sheets (3 attributes,
//   2 subscriptions, a few relation targets: about 400 bytes each in the file) or, with
//   --rich, about 800 bytes each, which at 100,000 exceeds the 50 MB a policy file may
//   have; a share of the fact sheets (default 20 %) APPROVED on a type with a renewal,
//   each of which costs one more request for its approval time (the spec's step 7): at
//   4 requests at once those requests, not the paging, decide the time.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pullLeanix } from '../src/pull';
import type { FetchLike, PullProgress } from '../src/pull';
import { startFakeLeanix } from '../test/pull/fake-leanix';
import type { LeanixWorkspace } from '../test/pull/fake-leanix';
import { mulberry32 } from './prng';

const args = process.argv.slice(2);

const capAt = args.indexOf('--heap-cap');
if (isMainThread && capAt >= 0 && !process.env.SEALCHECK_BENCH_CAPPED) {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${Number(args[capAt + 1])}`, '--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, SEALCHECK_BENCH_CAPPED: '1' } },
  );
  process.exit(child.status ?? 1);
}
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const settings: { factSheets: number; approved: number; delay: number; rich: boolean } = isMainThread
  ? { factSheets: option('fact-sheets', 100_000), approved: option('approved', 0.2), delay: option('delay', 0), rich: args.includes('--rich') }
  : workerData;
/** Rich fact sheets (all attributes, 3 subscriptions, up to 2 targets per relation) write about 800 bytes each, lean ones about 400. */
const RICH = settings.rich;
const FACT_SHEETS = settings.factSheets;
const APPROVED = settings.approved;
const DELAY = settings.delay;
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

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The fake server in this thread, or in a worker thread of this process. */
async function serve(sameThread: boolean): Promise<{ url: string; close(): Promise<unknown> }> {
  if (sameThread) return startFakeLeanix(workspace(), { quiet: true, ...(DELAY ? { delayMs: DELAY } : {}) });
  // The worker loads this file through tsx, as the main thread did.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: settings });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { url, close: () => worker.terminate() };
}

async function main(): Promise<void> {
  const server = await serve(args.includes('--same-thread'));
  let peakHeap = 0;
  let lastPrint = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  const progress = (p: PullProgress) => {
    const now = performance.now();
    if (now - lastPrint < 2_000) return;
    lastPrint = now;
    process.stderr.write(`  ${p.stage}: ${p.done.toLocaleString('en-US')}${p.total !== null ? ` of ${p.total.toLocaleString('en-US')}` : ''}, ${p.pages.toLocaleString('en-US')} responses, RSS ${mb(process.memoryUsage().rss)}\n`);
  };
  const source = { kind: 'network', url: server.url, token: TOKEN, fetch: globalThis.fetch as unknown as FetchLike } as const;
  // --weekly: last week's file is kept (its text held, as the command holds it), and this week's pull is measured.
  let keep: string | undefined;
  if (args.includes('--weekly')) {
    const first = await pullLeanix({ source });
    if (!first.ok) throw new Error(JSON.stringify(first.failure));
    keep = first.text;
  }
  const rssBefore = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await pullLeanix({ source, onProgress: progress, ...(keep === undefined ? {} : { keep }) });
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await server.close();
  if (!result.ok) {
    process.stderr.write(`pull failed: ${JSON.stringify(result.failure)}\n`);
    process.exit(1);
  }
  const { stats } = result.report;
  const outAt = args.indexOf('--out');
  if (outAt >= 0 && args[outAt + 1]) writeFileSync(args[outAt + 1]!, result.text);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const approvals = stats.requests - stats.pages - 1 /* token */ - 3 /* data model, authorization, subscription roles */ - Math.ceil(USERS / 100) - 1;
  const report = {
    factSheets: stats.items,
    pages: stats.pages,
    requests: stats.requests,
    approvalRequests: approvals,
    seconds: +(wall / 1000).toFixed(2),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    pagesPerSecond: +(stats.pages / (wall / 1000)).toFixed(1),
    requestsPerSecond: +(stats.requests / (wall / 1000)).toFixed(0),
    peakRssMB: +(peakRss / 1024 / 1024).toFixed(0),
    rssBeforeMB: +(rssBefore / 1024 / 1024).toFixed(0),
    peakHeapMB: +(peakHeap / 1024 / 1024).toFixed(0),
    mappingMs: +stats.mappingMs.toFixed(0),
    mappingShare: +(stats.mappingMs / wall).toFixed(3),
    writingMs: +stats.writingMs.toFixed(0),
    writingShare: +(stats.writingMs / wall).toFixed(3),
    validationMs: +stats.validationMs.toFixed(0),
    validationShare: +(stats.validationMs / wall).toFixed(3),
    fileMB: +(result.text.length / 1024 / 1024).toFixed(1),
    bytesPerFactSheet: Math.round(result.text.length / Math.max(stats.items, 1)),
    server: args.includes('--same-thread') ? 'same thread' : 'worker thread',
    weekly: keep !== undefined,
    heapCapMB: capAt >= 0 ? Number(args[capAt + 1]) : null,
    approvedShare: APPROVED,
    cores: availableParallelism(),
    load: loadavg().map((l) => +l.toFixed(2)),
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');
  process.stdout.write(
    [
      `${report.weekly ? 'weekly pull (--keep of the first pull\'s file)' : 'pull'} of ${report.factSheets.toLocaleString('en-US')} LeanIX fact sheets from the in-process fake server, ${args.includes('--same-thread') ? 'on the pull\'s thread' : 'in a worker thread'} (${report.cores} cores, load ${report.load.join(' ')})`,
      `  time                ${report.seconds} s                      target ≤ 30 s    ${verdict(report.seconds <= 30)}`,
      `  CPU time            ${report.cpuSeconds} s (this process, every thread: the server's too)`,
      `  fact sheet pages    ${report.pages} (${report.pagesPerSecond} pages/s)`,
      `  requests            ${report.requests.toLocaleString('en-US')} (${report.requestsPerSecond} /s), ${report.approvalRequests.toLocaleString('en-US')} of them approval times (${(APPROVED * 100).toFixed(0)} % of the fact sheets APPROVED on a type with a renewal)`,
      `  peak RSS            ${report.peakRssMB} MB (before the pull ${report.rssBeforeMB} MB; heap peak ${report.peakHeapMB} MB${report.heapCapMB ? `; old space capped at ${report.heapCapMB} MB` : ''})   target ≤ 400 MB ${verdict(report.peakRssMB <= 400)}`,
      `  mapping             ${report.mappingMs} ms = ${(report.mappingShare * 100).toFixed(1)} % of the pull       target ≤ 10 %    ${verdict(report.mappingShare <= 0.1)}`,
      `  writing the text    ${report.writingMs} ms = ${(report.writingShare * 100).toFixed(1)} % (the ${report.fileMB} MB file, ${report.bytesPerFactSheet} bytes a fact sheet)`,
      `  validation          ${report.validationMs} ms = ${(report.validationShare * 100).toFixed(1)} %`,
      '',
    ].join('\n'),
  );
}

if (isMainThread) await main();
else {
  const server = await startFakeLeanix(workspace(), { quiet: true, ...(DELAY ? { delayMs: DELAY } : {}) });
  parentPort!.postMessage(server.url);
}
