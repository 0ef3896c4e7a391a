// The engine worker's start, timed (bundled by bench/browser/phases-driver.ts): the same
// modules as src/worker/engine.worker.ts, with a mark before and after they are evaluated.
// Message in: anything. Message out, in the worker's clock (0 = the Worker was created):
// startMs when the module began to run (script fetched and compiled), modelMs when zod and
// src/model/schema.ts had been evaluated (its schemas are built on first use, by the first
// call), dexieMs when Dexie had, evaluatedMs when
// every import had; then how long indexedDB.databases() and the first listWorkspaces took
// (opening the database included).
import './boot-mark';
import { modelSchemas } from '../../src/model/schema';
import './boot-mark-model';
import Dexie from 'dexie';
import './boot-mark-dexie';
import { openDexieStore } from '../../src/storage/dexie';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';

const evaluatedMs = performance.now();
// Keep the two imports above in the bundle (they are evaluated where they stand; the schemas are not built here).
const kept = [modelSchemas, Dexie].length;
const api = withCheckedMessages(createEngineApi(openDexieStore({ name: 'bench-boot' })));

self.addEventListener('message', () => {
  void (async () => {
    const t0 = performance.now();
    await indexedDB.databases();
    const t1 = performance.now();
    const r = await api.listWorkspaces();
    const t2 = performance.now();
    await api.listWorkspaces();
    const t3 = performance.now();
    const g = globalThis as { __bootStart?: number; __bootModel?: number; __bootDexie?: number };
    self.postMessage({ ok: r.ok && kept === 2, startMs: g.__bootStart, modelMs: g.__bootModel, dexieMs: g.__bootDexie, evaluatedMs, databasesMs: t1 - t0, firstCallMs: t2 - t1, secondCallMs: t3 - t2 });
  })();
});
