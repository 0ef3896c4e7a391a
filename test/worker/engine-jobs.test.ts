// The engine under long or broken work (issue 13): a workspace the engine cannot load is
// named and can still be exported and deleted; an import is cancellable while its file is
// checked; long work pauses for queued messages, and the engine says what it is busy with.
import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { expose, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import type { WorkspaceStore } from '../../src/storage/store';
import { createEngineApi } from '../../src/worker/api';
import type { EngineApi, ValidateText } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';
import { describeJob, statusSchemas } from '../../src/worker/status';
import type { EngineStatus } from '../../src/worker/status';

const leanixText = readFileSync(new URL('../fixtures/leanix-example.json', import.meta.url), 'utf8');

/** A store whose stored model of every workspace throws when compiled (roles no longer a list). */
function poisonedStore(store: WorkspaceStore): WorkspaceStore {
  return {
    ...store,
    getWorkspace: async (id) => {
      const r = await store.getWorkspace(id);
      if (!r.ok || !r.value) return r;
      return { ok: true, value: { ...r.value, policy: { ...r.value.policy, roles: 7 } as never } };
    },
    getCore: async (id) => {
      const r = await store.getCore(id);
      if (!r.ok || !r.value) return r;
      return { ok: true, value: { ...r.value, policy: { ...r.value.policy, roles: 7 } as never } };
    },
  };
}

describe('a workspace the engine cannot load', () => {
  it('is reported by name, and can still be exported byte for byte and deleted', async () => {
    const store = createMemoryStore();
    const setup = createEngineApi(store);
    const imported = await setup.importPolicy(leanixText);
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;
    const reports: EngineStatus[] = [];
    const api = withCheckedMessages(createEngineApi(poisonedStore(store), { status: (s) => reports.push(s) }));

    const outline = await api.outline(id);
    expect(outline).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: expect.stringMatching(/^the workspace “Spec example: Acme integration” cannot be loaded \(.+\); export it or delete it in the Workspaces tab$/),
      },
    });
    const evaluated = await api.evaluate(id, { platform: 'leanix', actor: 'cve-feed', operation: { op: 'update', factSheet: 'app-shop', patches: [{ op: 'replace', path: '/cveCount', value: 1 }] } });
    expect(!evaluated.ok && evaluated.error.message).toContain('“Spec example: Acme integration” cannot be loaded');
    // the pages heard which workspace was loading (a load that never ends is named by them)
    expect(reports.some((r) => r.jobs.some((j) => j.kind === 'load' && j.workspace?.id === id && j.label === 'Loading “Spec example: Acme integration”'))).toBe(true);
    expect(reports.at(-1)?.jobs).toEqual([]);

    // export and delete never load the model
    const exported = await api.exportPolicy(id);
    expect(exported).toEqual({ ok: true, value: { fileName: 'spec-example-acme-integration.sealcheck.json', text: leanixText } });
    const listed = await api.listWorkspaces();
    expect(listed.ok && listed.value.map((w) => w.id)).toEqual([id]);
    expect(await api.deleteWorkspace(id)).toEqual({ ok: true, value: undefined });
    expect(await api.listWorkspaces()).toEqual({ ok: true, value: [] });
  });
});

describe('cancelling an import while its file is checked', () => {
  it('a check that does not end is cancelled by the job id; nothing is stored and the job is gone', async () => {
    const store = createMemoryStore();
    const reports: EngineStatus[] = [];
    let started = 0;
    // a check on a thread of its own that never finishes by itself (a huge file)
    const validate: ValidateText = (_text, signal) =>
      new Promise((resolve) => {
        started++;
        signal.addEventListener('abort', () => resolve(null), { once: true });
      });
    const api = withCheckedMessages(createEngineApi(store, { validate, status: (s) => reports.push(s) }));
    const running = api.importPolicy(leanixText, undefined, 'import-1', undefined, 'acme.json');
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(1);
    // what it is busy with, as the engine answers and as every page hears it
    const status = await api.status();
    expect(status).toEqual({ ok: true, value: [{ job: 'job-1', kind: 'import', label: 'Importing acme.json' }] });
    expect(statusSchemas().EngineStatusSchema.parse(reports.at(-1))).toMatchObject({ type: 'engine-status', jobs: [{ kind: 'import', label: 'Importing acme.json' }] });
    expect(describeJob(status.ok ? status.value[0]! : { label: '' })).toBe('Importing acme.json…');
    expect(await api.cancel('import-1')).toEqual({ ok: true, value: undefined });
    expect(await running).toEqual({ ok: false, error: { kind: 'cancelled', message: 'import cancelled; nothing was stored' } });
    expect(await api.listWorkspaces()).toEqual({ ok: true, value: [] });
    expect(await api.status()).toEqual({ ok: true, value: [] });
    expect(reports.at(-1)?.jobs).toEqual([]);
  });

  it('on the engine thread, a cancel sent right after the import is seen before the file is checked', async () => {
    const api = createEngineApi(createMemoryStore());
    const running = api.importPolicy(leanixText, undefined, 'import-2');
    void api.cancel('import-2');
    expect(await running).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(await api.listWorkspaces()).toEqual({ ok: true, value: [] });
    // and without a cancel the same import goes through
    expect(await api.importPolicy(leanixText, undefined, 'import-3')).toMatchObject({ ok: true });
  });

  it('progress of the stored rows is reported as the job’s, in percent', async () => {
    const reports: EngineStatus[] = [];
    const api = createEngineApi(createMemoryStore(), { status: (s) => reports.push(s) });
    const seen: Array<[number, number]> = [];
    const r = await api.importPolicy(leanixText, (done, total) => void seen.push([done, total]), undefined, undefined, 'acme.json');
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toEqual([8, 8]);
    const last = reports.filter((s) => s.jobs.length).at(-1)!.jobs[0]!;
    expect(describeJob(last)).toBe('Importing acme.json… 100%');
  });
});

describe('long work pauses for queued messages', () => {
  it('a bulk what-if over many fact sheets lets status questions through, and a cancel sent over the channel stops it', async () => {
    const policy = JSON.parse(leanixText);
    const sheet = policy.factSheets[0];
    policy.factSheets = Array.from({ length: 60_000 }, (_, i) => ({ ...sheet, id: `app-${i}`, name: `App ${i}` }));
    policy.scenarios = [];
    const { port1, port2 } = new MessageChannel();
    expose(createEngineApi(createMemoryStore()), port1 as never);
    const remote = wrap<EngineApi>(port2 as never);
    try {
      const big = await remote.importPolicy(JSON.stringify(policy));
      if (!big.ok) throw new Error(big.error.message);
      const question = { actor: 'cve-feed', types: [], patches: [{ op: 'replace' as const, path: '/cveCount', value: 1 }] };
      let settled = false;
      const running = remote.bulkWhatIf(big.value.id, question, 'bulk-1').finally(() => (settled = true));
      // asked after the bulk started: answered while it runs, at its first pause
      const asked = remote.status();
      const cancelling = remote.cancel('bulk-1');
      const status = await asked;
      expect(settled).toBe(false);
      expect(status.ok && status.value).toEqual([
        { job: expect.any(String), kind: 'bulk', label: `Bulk what-if over “${policy.name}”`, workspace: { id: big.value.id, name: policy.name }, done: expect.any(Number), total: 60_000 },
      ]);
      await cancelling;
      expect(await running).toMatchObject({ ok: false, error: { kind: 'cancelled', message: expect.stringMatching(/^cancelled after [\d,]+ of 60,000 fact sheets$/) } });
      // the same question runs to its end when nobody cancels it
      expect(await remote.bulkWhatIf(big.value.id, question, 'bulk-2')).toMatchObject({ ok: true, value: { evaluated: 60_000 } });
    } finally {
      port1.close();
      port2.close();
    }
  });
});
