// Runs in a module Worker in Chromium (bundled by bench/browser/phases-driver.ts with vite):
// the engine worker's work on a policy file, step by step, each step timed on its own,
// over real IndexedDB. The steps are the very functions src/storage/dexie.ts and
// src/worker/api.ts call; the write transaction repeats putWorkspace's (same schema, same
// chunks, same order) so that each of its parts can be timed.
//
// Message in: { file: URL of the policy file, label, runs, actor, type, patches }.
// Message out: { ok: true, label, steps: { [step]: ms[] }, facts } or { ok: false, error }.
import Dexie from 'dexie';
import { parseJsonText } from '../../src/policy/json';
import { validatePolicy } from '../../src/policy/validate';
import { declareSchema, openDexieStore } from '../../src/storage/dexie';
import { buildFactSheetPages, buildUserPages } from '../../src/storage/pages';
import { CHUNK_ROWS, parsePolicy, prepareWorkspace, recordSchemas } from '../../src/storage/records';
import { passesCheck } from '../../src/storage/integrity';
import type { PolicyCheck } from '../../src/storage/integrity';
import type { Patch, Policy } from '../../src/model/schema';
import { compile } from '../../src/engine/scenarios';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { createEngineApi } from '../../src/worker/api';

interface Job {
  readonly file: string;
  readonly label: string;
  readonly runs: number;
  readonly actor: string;
  readonly type: string;
  readonly patches: Patch[];
}

const now = () => performance.now();

async function time<T>(steps: Record<string, number[]>, name: string, body: () => T | Promise<T>): Promise<T> {
  const t = now();
  const out = await body();
  (steps[name] ??= []).push(now() - t);
  return out;
}

async function deleteDb(name: string): Promise<void> {
  await Dexie.delete(name);
}

async function run(job: Job): Promise<{ steps: Record<string, number[]>; facts: Record<string, unknown> }> {
  const steps: Record<string, number[]> = {};
  const facts: Record<string, unknown> = {};
  const text = await (await fetch(job.file)).text();
  facts.chars = text.length;
  facts.evalAllowed = (() => {
    try {
      return typeof new Function('return 1') === 'function';
    } catch {
      return false;
    }
  })();

  for (let r = 0; r < job.runs; r++) {
    // ---------------------------------------------------------- import: check
    await time(steps, 'clone: the policy file text (what importPolicy sends)', () => structuredClone(text));
    const json = await time(steps, 'import: JSON.parse (parseJsonText)', () => parseJsonText(text));
    if (!json.ok) throw new Error('the file is not JSON');
    const checked = await time(steps, 'import: validatePolicy (zod shape + references)', () => validatePolicy(json.value));
    if (!checked.ok) throw new Error(`invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const policy = checked.policy;
    await time(steps, 'import: store re-check, parsePolicy (zod)', () => parsePolicy('leanix', policy));
    const preparedAt = now();
    const prepared = prepareWorkspace({ name: policy.name, policy, source: text }, 'ws-phases', new Date().toISOString());
    const prepareMs = now() - preparedAt;
    (steps['import: prepareWorkspace (re-check + rows + digest)'] ??= []).push(prepareMs);

    // ---------------------------------------------------------- the real store, end to end
    const storeName = `phases-store-${job.label}-${r}`;
    await deleteDb(storeName);
    const writer = openDexieStore({ name: storeName });
    const reports: [number, number][] = [];
    const called = now();
    const put = await writer.putWorkspace({ name: policy.name, policy, source: text }, (done) => reports.push([now(), done]));
    const resolved = now();
    if (!put.ok) throw new Error(put.error.message);
    (steps['store.putWorkspace (real, from a validated policy)'] ??= []).push(resolved - called);
    (steps['store.putWorkspace: its write transaction (total − prepareWorkspace)'] ??= []).push(resolved - called - prepareMs);
    // Progress comes after each 5,000-row chunk: from the first report to the last fact-sheet chunk.
    const fsReports = reports.filter(([, done]) => done <= prepared.factSheets.length);
    if (fsReports.length > 1) {
      const [t0, d0] = fsReports[0]!;
      const [t1, d1] = fsReports[fsReports.length - 1]!;
      (steps['store.putWorkspace: µs per fact-sheet row, between progress reports'] ??= []).push(((t1 - t0) * 1000) / (d1 - d0));
    }
    (steps['store.putWorkspace: last report → resolved (commit)'] ??= []).push(resolved - reports[reports.length - 1]![0]);
    const id = put.value.id;
    writer.close();

    // ---------------------------------------------------------- import: write (putWorkspace's transaction)
    const name = `phases-${job.label}-${r}`;
    await deleteDb(name);
    const db = new Dexie(name, { cache: 'disabled' });
    declareSchema(db);
    await db.open();
    const tx0 = now();
    let inTx = 0;
    const fsPages = buildFactSheetPages(prepared.summary.id, prepared.factSheets);
    const userPages = buildUserPages(prepared.summary.id, prepared.users);
    await db.transaction('rw', ['workspaces', 'policies', 'factSheetPages', 'userPages'], async () => {
      const t1 = now();
      inTx = t1 - tx0;
      await db.table('factSheetPages').bulkPut(fsPages);
      const t2 = now();
      await db.table('userPages').bulkPut(userPages);
      await db.table('workspaces').put(prepared.summary);
      const t3 = now();
      // put() serialises the record (structured clone) before it returns.
      const put = db.table('policies').put(prepared.body);
      const t4 = now();
      await put;
      const t5 = now();
      (steps[`write: factSheetPages bulkPut (${fsPages.length} pages of up to 1,000)`] ??= []).push(t2 - t1);
      (steps['write: users + workspace row'] ??= []).push(t3 - t2);
      (steps['write: policies.put, clone of policy + source'] ??= []).push(t4 - t3);
      (steps['write: policies.put, until stored'] ??= []).push(t5 - t4);
    });
    const committed = now();
    (steps['write: transaction open'] ??= []).push(inTx);
    (steps['write: whole transaction, to commit'] ??= []).push(committed - tx0);
    db.close();
    await deleteDb(name);

    // ---------------------------------------------------------- read, as a cold worker does
    const raw = new Dexie(storeName, { cache: 'disabled' });
    declareSchema(raw);
    await raw.open();
    const [head, body] = await time(steps, 'read: IndexedDB get workspace + policy (structured clone)', () =>
      raw.transaction('r', ['workspaces', 'policies'], () => Promise.all([raw.table('workspaces').get(id), raw.table('policies').get(id)])),
    );
    raw.close();
    await time(steps, 'read: zod, workspace row + policy envelope', () => {
      recordSchemas().WorkspaceRecordSchema.parse(head);
      recordSchemas().PolicyRecordSchema.parse(body);
    });
    const reparsed = await time(steps, 'read: zod, whole policy (parsePolicy; before the fix)', () => parsePolicy('leanix', (body as { policy: unknown }).policy));
    if (!reparsed.success) throw new Error('stored policy does not parse');
    const passed = await time(steps, 'read: integrity check (JSON.stringify + digest)', () => passesCheck((body as { policy: unknown }).policy, (body as { check?: PolicyCheck }).check));
    facts.integrityPassed = passed;
    const reader = openDexieStore({ name: storeName });
    const got = await time(steps, 'read: store.getWorkspace (real)', () => reader.getWorkspace(id));
    if (!got.ok || !got.value) throw new Error('getWorkspace failed');
    const compiled = await time(steps, 'engine: compile', () => compile(got.value!.policy as Policy));
    if (compiled.platform !== 'leanix') throw new Error('not leanix');
    const sheets = compiled.ws.policy.factSheets.filter((f) => f.type === job.type);
    const at = Date.parse(compiled.ws.policy.asOf);
    await time(steps, 'engine: evaluateLeanix, one fact sheet', () =>
      evaluateLeanix(compiled.ws, job.actor, { op: 'update', factSheet: sheets[Math.min(4242, sheets.length - 1)]!.id, patches: [...job.patches] }, at),
    );
    await time(steps, 'engine: evaluateLeanix on every fact sheet', () => {
      for (const s of sheets) evaluateLeanix(compiled.ws, job.actor, { op: 'update', factSheet: s.id, patches: [...job.patches] }, at);
    });

    // ---------------------------------------------------------- the worker API, cold then warm
    const api = createEngineApi(reader);
    const question = { actor: job.actor, types: [job.type], patches: job.patches };
    const cold = await time(steps, 'api: bulkWhatIf, cold cache', () => api.bulkWhatIf(id, question, 'cold'));
    if (!cold.ok) throw new Error(cold.error.message);
    (steps['api: bulkWhatIf loop (answer.ms)'] ??= []).push(cold.value.ms);
    await time(steps, 'api: bulkWhatIf, warm cache', () => api.bulkWhatIf(id, question, 'warm'));
    await time(steps, 'clone: bulkWhatIf answer (structuredClone)', () => structuredClone(cold.value));
    const outline = await api.outline(id);
    await time(steps, 'clone: outline (structuredClone)', () => structuredClone(outline));
    const cold2 = createEngineApi(reader);
    await time(steps, 'api: outline, cold cache (= workspace load)', () => cold2.outline(id));
    const users = await time(steps, 'api: listUsers', () => cold2.listUsers(id));
    await time(steps, 'api: findFactSheets by id', () => cold2.findFactSheets(id, { id: 'fs-4242', limit: 1 }));
    await time(steps, 'api: findFactSheets, first 50', () => cold2.findFactSheets(id, { limit: 50 }));
    facts.users = users.ok ? users.value.length : null;
    facts.evaluated = cold.value.evaluated;
    facts.sealsBroken = cold.value.sealsBroken;
    reader.close();
    await deleteDb(storeName);
  }
  return { steps, facts };
}

// ---------------------------------------------------------------- what a write costs

interface WritesJob {
  readonly kind: 'writes';
  readonly rows: number;
  readonly runs: number;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * The same fact-sheet index rows written in different ways, interleaved run by run, to
 * separate what a row costs: Dexie against native IndexedDB, the 3 secondary indexes,
 * durability, and one request per row against one request per 1,000 rows.
 */
async function writes(job: WritesJob): Promise<Record<string, number[]>> {
  const rows = Array.from({ length: job.rows }, (_, i) => ({ workspaceId: 'ws-0123456789abcdef', id: `fs-${i}`, type: 'Application', name: `fs-${i}`, nameLower: `fs-${i}`, lxState: 'APPROVED' }));
  const steps: Record<string, number[]> = {};
  const label = (what: string) => `writes of ${job.rows.toLocaleString('en-US')} rows: ${what}`;
  const native = async (what: string, indexes: boolean, durability: IDBTransactionDurability, body: (store: IDBObjectStore) => void) => {
    const name = `writes-${Math.random()}`;
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('t', { keyPath: ['workspaceId', 'id'] });
      if (indexes) {
        store.createIndex('type', ['workspaceId', 'type']);
        store.createIndex('name', ['workspaceId', 'nameLower']);
        store.createIndex('typeName', ['workspaceId', 'type', 'nameLower']);
      }
      open.result.createObjectStore('pages', { keyPath: ['workspaceId', 'page'] });
    };
    const db = await request(open);
    const t = now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['t', 'pages'], 'readwrite', { durability });
      body(tx.objectStore(what.includes('pages') ? 'pages' : 't'));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    (steps[label(what)] ??= []).push(now() - t);
    db.close();
    await request(indexedDB.deleteDatabase(name));
  };
  const dexie = async (what: string) => {
    const name = `writes-dexie-${Math.random()}`;
    const db = new Dexie(name, { cache: 'disabled' });
    // the per-row table of schema version 2, declared here: the store now writes pages
    db.version(1).stores({ factSheets: '[workspaceId+id], [workspaceId+type], [workspaceId+nameLower]' });
    await db.open();
    const t = now();
    await db.transaction('rw', ['factSheets'], async () => {
      for (let at = 0; at < rows.length; at += CHUNK_ROWS) await db.table('factSheets').bulkPut(rows.slice(at, at + CHUNK_ROWS));
    });
    (steps[label(what)] ??= []).push(now() - t);
    db.close();
    await Dexie.delete(name);
  };
  for (let r = 0; r < job.runs; r++) {
    await dexie('Dexie bulkPut in chunks of 5,000, 3 indexes (as the store did before pages)');
    await native('one put per row, 3 indexes, durability default', true, 'default', (s) => rows.forEach((row) => s.put(row)));
    await native('one put per row, 3 indexes, durability relaxed', true, 'relaxed', (s) => rows.forEach((row) => s.put(row)));
    await native('one put per row, no secondary index', false, 'default', (s) => rows.forEach((row) => s.put(row)));
    await native('one put per 1,000 rows (pages), no index', false, 'default', (s) => {
      for (let at = 0; at < rows.length; at += 1000) s.put({ workspaceId: 'ws-0123456789abcdef', page: at, rows: rows.slice(at, at + 1000) });
    });
  }
  return steps;
}

self.addEventListener('message', (event: MessageEvent<Job | WritesJob>) => {
  const data = event.data;
  if ('kind' in data && data.kind === 'writes') {
    writes(data).then(
      (steps) => self.postMessage({ ok: true, steps, facts: {} }),
      (error: unknown) => self.postMessage({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
    );
    return;
  }
  run(data as Job).then(
    (out) => self.postMessage({ ok: true, label: (data as Job).label, ...out }),
    (error: unknown) => self.postMessage({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
});
