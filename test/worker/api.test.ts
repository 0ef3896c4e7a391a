import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import type { EngineApi } from '../../src/worker/api';
import { loadPolicyText } from '../../src/policy/validate';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';

const EXAMPLES = new URL('../fixtures/', import.meta.url);
const leanixText = readFileSync(new URL('leanix-example.json', EXAMPLES), 'utf8');
const qualyticsText = readFileSync(new URL('qualytics-example.json', EXAMPLES), 'utf8');

async function imported(text = leanixText) {
  const api = createEngineApi(createMemoryStore());
  const r = await api.importPolicy(text);
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.id };
}

const update = (path: string) => ({ op: 'update' as const, factSheet: 'app-shop', patches: [{ op: 'replace' as const, path, value: 5 }] });

describe('engine worker API', () => {
  it('imports a policy file and exports it byte for byte', async () => {
    const { api, id } = await imported();
    const out = await api.exportPolicy(id);
    expect(out.ok && out.value.text).toBe(leanixText);
  });

  it('refuses an invalid file as data with located errors, storing nothing', async () => {
    const { api } = await imported();
    const broken = leanixText.replace('"FACT_SHEET_FIELDS:UPDATE:Application:cveCount"', '"FACT_SHEET_FIELDS:UPDAT:Application:cveCount"');
    const r = await api.importPolicy(broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid');
    expect(r.error.kind === 'invalid' && r.error.errors[0]).toMatchObject({ path: 'roles[0].permissions[0]', position: 19 });
    const list = await api.listWorkspaces();
    expect(list.ok && list.value.length).toBe(1);
  });

  it('counts a capped error list by its real total in the import and diff messages, not by the list length', async () => {
    const { api } = await imported();
    const policy = JSON.parse(leanixText);
    for (let i = 0; i < 2_345; i++) policy.users[0][`unknownKey${i}`] = i;
    const text = JSON.stringify(policy);
    const r = await api.importPolicy(text);
    expect(!r.ok && r.error.message).toBe('the file has 2,345 errors; nothing was imported');
    const d = await api.diffSides({ kind: 'file', text: leanixText }, { kind: 'file', text });
    expect(!d.ok && d.error.message).toBe('the new file has 2,345 errors');
  });

  it('answers the quick question with the verdict language', async () => {
    const { api, id } = await imported();
    const r = await api.evaluate(id, { platform: 'leanix', actor: 'cve-feed', operation: update('/cveCount') });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.platform !== 'leanix') return;
    expect(r.value.verdict.headline).toBe('Allowed · seal breaks');
    expect(r.value.outcome.notified).toEqual(['owner']);
  });

  it('a role draft assigned to the actor flips the verdict to seal kept', async () => {
    const { api, id } = await imported();
    const draft = { workspaceId: id, name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' };
    const first = await api.saveDraft(draft);
    expect(first).toEqual({ ok: true, value: { ...draft, revision: 1 } });
    const before = await api.evaluate(id, { platform: 'leanix', actor: 'cve-feed', operation: update('/cveCount') });
    expect(before.ok && before.value.verdict.tone).toBe('breaks');
    await api.saveDraft({ ...draft, permissions: [...draft.permissions, 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'] }, { name: 'SYNC', revision: 1 });
    const after = await api.evaluate(id, { platform: 'leanix', actor: 'cve-feed', operation: update('/cveCount') });
    expect(after.ok && after.value.verdict.tone).toBe('kept');
    expect(after.ok && after.value.platform === 'leanix' && after.value.draftsApplied).toEqual(['SYNC']);
  });

  it('an invalid draft is reported as data, not thrown', async () => {
    const { api, id } = await imported();
    await api.saveDraft({ workspaceId: id, name: 'BAD', permissions: ['NOPE:READ:*:*'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' });
    const r = await api.evaluate(id, { platform: 'leanix', actor: 'cve-feed', operation: update('/cveCount') });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('invalid');
  });

  it('runs all scenarios and keeps a history of runs', async () => {
    const { api, id } = await imported();
    const r = await api.runScenarios(id);
    expect(r.ok && r.value.run).toMatchObject({ passed: 9, failed: 0 });
    const runs = await api.listRuns(id);
    expect(runs.ok && runs.value.length).toBe(1);
  });

  it('bulk what-if counts seals broken and can be cancelled', async () => {
    const { api, id } = await imported();
    const r = await api.bulkWhatIf(id, { actor: 'cve-feed', types: ['Application'], patches: [{ op: 'replace', path: '/cveCount', value: 1 }] }, 'job-1');
    expect(r.ok && r.value).toMatchObject({ evaluated: 1, allowed: 1, sealsBroken: 1, notifications: 1 });
    // a big workspace, cancelled right away
    const policy = JSON.parse(leanixText);
    const sheet = policy.factSheets[0];
    policy.factSheets = Array.from({ length: 20_000 }, (_, i) => ({ ...sheet, id: `app-${i}`, name: `App ${i}` }));
    policy.scenarios = [];
    const big = await api.importPolicy(JSON.stringify(policy));
    if (!big.ok) throw new Error(big.error.message);
    const seen: number[] = [];
    const running = api.bulkWhatIf(big.value.id, { actor: 'cve-feed', types: [], patches: [{ op: 'replace', path: '/cveCount', value: 1 }] }, 'job-2', (done) => {
      seen.push(done);
      void api.cancel('job-2');
    });
    const cancelled = await running;
    expect(cancelled.ok).toBe(false);
    expect(!cancelled.ok && cancelled.error.kind).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(0);
  });

  it('bulk what-if counts what evaluating each fact sheet one by one counts, for every actor', async () => {
    const text = readFileSync(new URL('../../examples/leanix-vuln-sync.json', import.meta.url), 'utf8');
    const { api, id } = await imported(text);
    const policy = loadPolicyText(text);
    if (!policy.ok || policy.policy.platform !== 'leanix') throw new Error('example invalid');
    const ws = compileLeanix(policy.policy);
    const at = Date.parse(policy.policy.asOf);
    const patches = [{ op: 'replace' as const, path: '/securityVulnerabilityCount', value: 7 }];
    for (const user of policy.policy.users) {
      const sheets = policy.policy.factSheets.filter((f) => f.type === 'Application');
      const one = sheets.map((f) => evaluateLeanix(ws, user.id, { op: 'update', factSheet: f.id, patches }, at));
      const r = await api.bulkWhatIf(id, { actor: user.id, types: ['Application'], patches }, `job-${user.id}`);
      expect(r.ok, user.id).toBe(true);
      if (!r.ok) continue;
      expect(r.value, user.id).toMatchObject({
        evaluated: sheets.length,
        allowed: one.filter((o) => o.allowed).length,
        sealsBroken: one.filter((o) => o.sealBroken).length,
        notifications: one.reduce((n, o) => n + o.notified.length, 0),
      });
    }
  });

  it('running all scenarios reports progress and can be cancelled', async () => {
    const { api, id } = await imported(readFileSync(new URL('../../examples/qualytics-service-users.json', import.meta.url), 'utf8'));
    const seen: number[] = [];
    const all = await api.runScenarios(id, (done) => void seen.push(done), 'run-1');
    expect(all.ok && all.value.run.failed).toBe(0);
    expect(seen.at(-1)).toBe(all.ok ? all.value.results.length : -1);
    expect(seen.length).toBeGreaterThan(2);
    const cancelled = await api.runScenarios(id, () => void api.cancel('run-2'), 'run-2');
    expect(cancelled).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('loads a workspace once for callers asking at the same time, and a change during the load is not lost', async () => {
    const store = createMemoryStore();
    let reads = 0;
    // the whole workspace or its core (what an outline and a question about one fact sheet read)
    const counting = { ...store, getWorkspace: (id: string) => (reads++, store.getWorkspace(id)), getCore: (id: string) => (reads++, store.getCore(id)) };
    const api = createEngineApi(counting);
    const imported = await api.importPolicy(leanixText);
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;
    const question = { platform: 'leanix' as const, actor: 'cve-feed', operation: update('/cveCount') };
    const answers = await Promise.all([api.outline(id), api.evaluate(id, question), api.listUsers(id), api.evaluate(id, question)]);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(reads).toBe(1);
    // a draft saved while a load is running: the next question sees the draft
    await api.saveDraft({ workspaceId: id, name: 'NARROW', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' });
    const loadingNow = api.outline(id);
    const saving = api.saveDraft({ workspaceId: id, name: 'SEAL', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount', 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'], users: ['cve-feed'], updatedAt: '2026-11-24T00:00:00Z' });
    await Promise.all([loadingNow, saving]);
    const after = await api.evaluate(id, question);
    expect(after.ok && after.value.verdict.tone).toBe('kept');
  });

  it('answers Qualytics questions with a status', async () => {
    const { api, id } = await imported(qualyticsText);
    const r = await api.evaluate(id, { platform: 'qualytics', actor: 'sync', operation: { action: 'operation.run', datastore: 'orders' } });
    expect(r.ok && r.value.platform === 'qualytics' && r.value.outcome.status).toBe(403);
  });

  it('works across a comlink channel with progress callbacks, errors as data', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(createEngineApi(createMemoryStore()), port1 as never);
    const remote = wrap<EngineApi>(port2 as never);
    const progress: number[] = [];
    const r = await remote.importPolicy(leanixText, proxy((done: number) => void progress.push(done)));
    expect(r.ok).toBe(true);
    const missing = await remote.exportPolicy('nope');
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    port1.close();
    port2.close();
  });
});
