// The run of a workspace's scenarios the import panel and the Scenarios tab share
// (src/ui/options/scenario-runs.ts): progress, cancel, a cancel that comes too late, and a
// run set aside because the scenarios changed.
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../src/ui/engine-client';
import { cancelScenarios, forgetScenarioRun, runScenarios, scenarioRunOf } from '../../src/ui/options/scenario-runs';
import type { Progress } from '../../src/worker/api';

interface FakeRun {
  progress?: Progress;
  jobId?: string;
  finish: (value: unknown) => void;
}

/** A client whose runScenarios waits until the test finishes it; cancel is recorded. */
function fakeClient() {
  const runs: FakeRun[] = [];
  const cancelled: string[] = [];
  const engine = {
    runScenarios: (_id: string, progress?: Progress, jobId?: string) =>
      new Promise((resolve) => {
        runs.push({ progress, jobId, finish: resolve });
      }),
    cancel: async (jobId: string) => {
      cancelled.push(jobId);
      return { ok: true, value: undefined };
    },
  };
  const client = { engine: () => engine, progress: (fn: Progress) => fn, dispose: () => undefined } as unknown as EngineClient;
  return { client, runs, cancelled };
}

const results = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `s${i}`, passed: i !== 0 }));
const done = (n: number) => ({ ok: true, value: { results: results(n), run: { workspaceId: 'w', at: '2026-01-01T00:00:00Z', passed: n - 1, failed: 1, failures: ['s0'] } } });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('scenario runs', () => {
  it('shows progress, then the results; a second start joins the running one', async () => {
    const { client, runs } = fakeClient();
    const end = runScenarios(client, 'w1', { total: 120, updatedAt: 't', cause: 'import' });
    const again = runScenarios(client, 'w1', { total: 120, updatedAt: 't', cause: 'run' });
    await tick();
    expect(runs).toHaveLength(1);
    expect(scenarioRunOf('w1')).toMatchObject({ state: 'running', cause: 'import', done: 0, total: 120 });
    runs[0]!.progress!(50, 120);
    expect(scenarioRunOf('w1')).toMatchObject({ state: 'running', done: 50, total: 120 });
    runs[0]!.finish(done(120));
    expect(await end).toMatchObject({ state: 'done', cause: 'import', lateCancel: false });
    expect(await again).toBe(await end);
    expect(scenarioRunOf('w1')).toMatchObject({ state: 'done', run: { passed: 119, failed: 1 } });
  });

  it('cancels through the worker: the run says it was cancelled and recorded nothing', async () => {
    const { client, runs, cancelled } = fakeClient();
    const end = runScenarios(client, 'w2', { total: 500, updatedAt: 't', cause: 'run' });
    await tick();
    await cancelScenarios(client, 'w2');
    expect(cancelled).toEqual([runs[0]!.jobId]);
    expect(scenarioRunOf('w2')).toMatchObject({ state: 'running', cancelling: true });
    runs[0]!.finish({ ok: false, error: { kind: 'cancelled', message: 'cancelled after 100 of 500 scenarios' } });
    const state = await end;
    expect(state).toMatchObject({ state: 'stopped', cancelled: true });
    expect(state.state === 'stopped' && state.message).toBe('Run cancelled (cancelled after 100 of 500 scenarios); nothing was recorded.');
  });

  it('a cancel that reaches the worker after the last scenario leaves the complete results, said so', async () => {
    const { client, runs } = fakeClient();
    const end = runScenarios(client, 'w3', { total: 9, updatedAt: 't', cause: 'run' });
    await tick();
    await cancelScenarios(client, 'w3');
    runs[0]!.finish(done(9));
    expect(await end).toMatchObject({ state: 'done', lateCancel: true });
  });

  it('a failure is said; a run set aside (the scenarios changed) stays forgotten', async () => {
    const { client, runs } = fakeClient();
    const failing = runScenarios(client, 'w4', { total: 1, updatedAt: 't', cause: 'run' });
    await tick();
    runs[0]!.finish({ ok: false, error: { kind: 'not-found', message: 'no workspace w4' } });
    expect(await failing).toMatchObject({ state: 'stopped', cancelled: false, message: 'The scenarios could not run: no workspace w4' });

    const later = runScenarios(client, 'w4', { total: 1, updatedAt: 't', cause: 'run' });
    await tick();
    forgetScenarioRun('w4');
    runs[1]!.finish(done(1));
    await later;
    expect(scenarioRunOf('w4')).toBeNull();
  });
});
