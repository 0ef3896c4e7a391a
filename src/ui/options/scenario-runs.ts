// The latest run of each workspace's scenarios in this page, started by "Run all" on the
// Scenarios tab or by an import (which runs the imported file's scenarios at once). The
// import panel and the Scenarios tab show the same run: its progress with a Cancel
// button, then its results. The worker records every finished run (listRuns).
import { useEffect, useState } from 'preact/hooks';
import type { ScenarioResult } from '../../engine/scenarios';
import type { ScenarioRun } from '../../storage/store';
import type { EngineClient } from '../engine-client';

/** What started the run: an import of a policy file, or "Run all". */
/** What started a run: a file import, a pull or refresh from the platform, or the Run button. */
export type RunCause = 'import' | 'pull' | 'run';

export type ScenarioRunState =
  | {
      readonly state: 'running';
      readonly cause: RunCause;
      readonly jobId: string;
      /** Scenarios run so far, of `total`; the worker reports every 50 and at the end. */
      readonly done: number;
      readonly total: number;
      readonly cancelling: boolean;
      /** The workspace's `updatedAt` the run was asked for. */
      readonly updatedAt: string;
    }
  | {
      readonly state: 'done';
      readonly cause: RunCause;
      readonly results: readonly ScenarioResult[];
      readonly run: ScenarioRun;
      /** A cancel asked for after the last scenario: the run is complete and recorded. */
      readonly lateCancel: boolean;
      readonly updatedAt: string;
    }
  | { readonly state: 'stopped'; readonly cause: RunCause; readonly cancelled: boolean; readonly message: string; readonly updatedAt: string };

const runs = new Map<string, ScenarioRunState>();
const listeners = new Set<() => void>();

function set(workspaceId: string, state: ScenarioRunState | null): void {
  if (state) runs.set(workspaceId, state);
  else runs.delete(workspaceId);
  for (const l of listeners) l();
}

function newJobId(): string {
  return `scenarios-${typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
}

/** The run of a workspace's scenarios this page knows, or null. */
export function scenarioRunOf(workspaceId: string): ScenarioRunState | null {
  return runs.get(workspaceId) ?? null;
}

/**
 * Runs every scenario of the workspace in the engine worker, with progress; a second call
 * while one runs returns that run's end. `total` is the number of scenarios, for the bar
 * before the worker's first report.
 */
export async function runScenarios(client: EngineClient, workspaceId: string, opts: { total: number; updatedAt: string; cause: RunCause }): Promise<ScenarioRunState> {
  const current = runs.get(workspaceId);
  if (current?.state === 'running') return waitFor(workspaceId, current.jobId);
  const jobId = newJobId();
  const base = { cause: opts.cause, updatedAt: opts.updatedAt };
  set(workspaceId, { state: 'running', ...base, jobId, done: 0, total: opts.total, cancelling: false });
  const mine = () => {
    const s = runs.get(workspaceId);
    return s?.state === 'running' && s.jobId === jobId ? s : null;
  };
  const progress = client.progress((done, total) => {
    const s = mine();
    if (s) set(workspaceId, { ...s, done, total });
  });
  let end: ScenarioRunState;
  try {
    const r = await client.engine().runScenarios(workspaceId, progress, jobId);
    const asked = mine()?.cancelling ?? false;
    end = r.ok
      ? { state: 'done', ...base, results: r.value.results, run: r.value.run, lateCancel: asked }
      : r.error.kind === 'cancelled'
        ? { state: 'stopped', ...base, cancelled: true, message: `Run cancelled (${r.error.message}); nothing was recorded.` }
        : { state: 'stopped', ...base, cancelled: false, message: `The scenarios could not run: ${r.error.message}` };
  } catch (error) {
    end = { state: 'stopped', ...base, cancelled: false, message: `The scenarios could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
  // A run forgotten meanwhile (the scenarios were edited) stays forgotten.
  if (mine()) set(workspaceId, end);
  return end;
}

function waitFor(workspaceId: string, jobId: string): Promise<ScenarioRunState> {
  return new Promise((resolve) => {
    const check = () => {
      const s = runs.get(workspaceId);
      if (s?.state === 'running' && s.jobId === jobId) return;
      listeners.delete(check);
      resolve(s ?? { state: 'stopped', cause: 'run', cancelled: true, message: 'The run was set aside.', updatedAt: '' });
    };
    listeners.add(check);
  });
}

/** Asks the worker to stop the workspace's running scenarios. */
export async function cancelScenarios(client: EngineClient, workspaceId: string): Promise<void> {
  const s = runs.get(workspaceId);
  if (s?.state !== 'running' || s.cancelling) return;
  set(workspaceId, { ...s, cancelling: true });
  await client.engine().cancel(s.jobId);
}

/** Drops what this page knows of a workspace's run, e.g. after its scenarios changed. */
export function forgetScenarioRun(workspaceId: string): void {
  if (runs.has(workspaceId)) set(workspaceId, null);
}

/** The workspace's run, kept up to date. */
export function useScenarioRun(workspaceId: string | null): ScenarioRunState | null {
  const [state, setState] = useState<ScenarioRunState | null>(() => (workspaceId ? scenarioRunOf(workspaceId) : null));
  useEffect(() => {
    if (!workspaceId) {
      setState(null);
      return;
    }
    const update = () => setState(scenarioRunOf(workspaceId));
    update();
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, [workspaceId]);
  return state;
}
