// Journey 3 "Prove it": the workspace's scenarios, run all, failures first with
// expected vs actual, each opening its full explanation; add, edit, duplicate and delete
// scenarios through a form. The table, the explanation, the run history and the form are
// parts of their own; this tab loads, runs and saves. A run (this tab's "Run all", or the
// one an import starts) lives in scenario-runs.ts, so the results wait here after an import.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Scenario } from '../../model/schema';
import type { PolicyError } from '../../policy/errors';
import type { ScenarioResult } from '../../engine/scenarios';
import type { ScenarioRun } from '../../storage/store';
import type { Outline } from '../../worker/api';
import { formatCount, formatWhen } from '../components/format';
import { toggled } from '../components/toggled';
import { RunHistory } from './Scenarios-RunHistory';
import { ScenarioRunStatus } from './Scenarios-RunStatus';
import { forgetScenarioRun, runScenarios, useScenarioRun } from './scenario-runs';
import { ScenarioTable } from './Scenarios-Table';
import { ScenarioForm } from './ScenariosForm';
import type { FormMode } from './ScenariosForm';
import { draftOf, emptyLeanixDraft, emptyQualyticsDraft } from './ScenariosDraft';
import type { Draft } from './ScenariosDraft';

/** Recorded runs, the latest first. */
function newestFirst(runs: readonly ScenarioRun[]): ScenarioRun[] {
  return [...runs].sort((a, b) => b.at.localeCompare(a.at));
}

/** A run's results when they are of these very scenarios (none was added, moved or renamed since). */
function resultsFor(scenarios: readonly Scenario[], results: readonly ScenarioResult[]): readonly ScenarioResult[] | null {
  return results.length === scenarios.length && results.every((r, i) => r.name === scenarios[i]!.name) ? results : null;
}

export function Scenarios({ client, workspace, refresh, notify }: TabProps) {
  const [scenarios, setScenarios] = useState<Scenario[] | null>(null);
  const [outline, setOutline] = useState<Outline | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [runs, setRuns] = useState<ScenarioRun[]>([]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [form, setForm] = useState<{ mode: FormMode; draft: Draft; key: number } | null>(null);
  const [deleteError, setDeleteError] = useState<{ message: string; errors: readonly PolicyError[] } | null>(null);
  const tableRef = useRef<HTMLHeadingElement>(null);
  const id = workspace?.id ?? null;
  const run = useScenarioRun(id);
  const running = run?.state === 'running';

  async function load(): Promise<void> {
    if (!id) return;
    const [ws, ol, rs] = await Promise.all([client.engine().getWorkspace(id), client.engine().outline(id), client.engine().listRuns(id)]);
    if (!ws.ok) {
      setLoadError(ws.error.message);
      return;
    }
    setLoadError(null);
    setScenarios([...ws.value.policy.scenarios]);
    if (ol.ok) setOutline(ol.value);
    if (rs.ok) setRuns(newestFirst(rs.value));
  }

  useEffect(() => {
    setScenarios(null);
    setOpen(new Set());
    setForm(null);
    void load();
  }, [id]);

  // A run that ends (here or from an import) is in the run history.
  const ended = run && run.state !== 'running' ? run : null;
  useEffect(() => {
    if (!id || !ended) return;
    setOpen(new Set());
    void client
      .engine()
      .listRuns(id)
      .then((rs) => rs.ok && setRuns(newestFirst(rs.value)));
  }, [ended]);

  if (!workspace || !id) {
    return <p class="muted">No workspace yet: import a policy file or start from a template on the Workspaces tab, then prove its behaviour here.</p>;
  }

  async function runAll(): Promise<void> {
    if (!id || !workspace) return;
    await runScenarios(client, id, { total: scenarios?.length ?? workspace.scenarioCount, updatedAt: workspace.updatedAt, cause: 'run' });
  }

  /** Writes the scenarios back through the file's validator; all or nothing. */
  async function saveWith(change: (current: readonly Scenario[]) => unknown[], done: string): Promise<{ message: string; errors: readonly PolicyError[] } | null> {
    if (!id) return { message: 'no workspace', errors: [] };
    const got = await client.engine().getWorkspace(id);
    if (!got.ok) return { message: got.error.message, errors: [] };
    const policy = got.value.policy;
    const saved = await client.engine().savePolicy(id, { ...policy, scenarios: change(policy.scenarios) });
    if (!saved.ok) return { message: saved.error.message, errors: saved.error.kind === 'invalid' ? saved.error.errors : [] };
    notify(done);
    forgetScenarioRun(id);
    await Promise.all([load(), refresh()]);
    return null;
  }

  function openForm(mode: FormMode, draft: Draft): void {
    setForm({ mode, draft, key: Date.now() });
  }

  /** Closes the form; focus goes back to the table's heading. */
  function closeForm(): void {
    setForm(null);
    tableRef.current?.focus();
  }

  function newDraft(): Draft {
    const firstUser = outline?.users[0]?.id ?? '';
    return workspace!.platform === 'leanix' ? emptyLeanixDraft(firstUser) : emptyQualyticsDraft(firstUser);
  }

  const list = scenarios ?? [];
  const results = run?.state === 'done' && scenarios ? resultsFor(scenarios, run.results) : null;
  const last = runs[0];

  return (
    <div>
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="scenarios-heading" ref={tableRef} tabIndex={-1}>
          Scenarios of “{workspace.name}”
        </h2>
        <div class="row">
          <button type="button" class="primary" onClick={runAll} disabled={running || !list.length} data-testid="run-all">
            {running ? 'Running…' : 'Run all'}
          </button>
          <button type="button" onClick={() => openForm({ kind: 'add' }, newDraft())} disabled={!outline} data-testid="add-scenario">
            New scenario
          </button>
        </div>
      </div>
      {run && (run.state !== 'done' || results) ? (
        <ScenarioRunStatus client={client} workspaceId={id} run={run} progressTestId="scenarios-progress" summaryTestId="run-summary" />
      ) : last && list.length ? (
        <p class="muted" data-testid="last-run">
          Last run {formatWhen(last.at)}: {formatCount(last.passed)} passed, {formatCount(last.failed)} failed. “Run all” shows each result.
        </p>
      ) : null}
      {loadError ? (
        <p class="error-list" role="alert">
          {loadError}
        </p>
      ) : null}
      {form && outline ? (
        <ScenarioForm
          key={form.key}
          client={client}
          outline={outline}
          initial={form.draft}
          mode={form.mode}
          onClose={closeForm}
          onSave={async (scenario) => {
            const mode = form.mode;
            const name = String(scenario.name);
            const problem = await saveWith(
              (current) =>
                mode.kind === 'edit'
                  ? current.map((s, i) => (i === mode.index ? scenario : s))
                  : mode.kind === 'duplicate'
                    ? [...current.slice(0, mode.index + 1), scenario, ...current.slice(mode.index + 1)]
                    : [...current, scenario],
              mode.kind === 'edit' ? `Saved scenario “${name}”.` : `Added scenario “${name}”.`,
            );
            if (!problem) closeForm();
            return problem;
          }}
        />
      ) : null}
      {deleteError ? (
        <p class="error-list" role="alert">
          {deleteError.message}
        </p>
      ) : null}
      {scenarios === null ? (
        <p class="muted">Reading scenarios…</p>
      ) : list.length === 0 ? (
        <div class="panel" data-testid="scenarios-empty">
          <strong>No scenarios yet.</strong>
          <div class="muted">Add one with “New scenario”: pick an actor, a fact sheet and a change, and say what should happen. Or save one from the quick check.</div>
        </div>
      ) : (
        <ScenarioTable
          scenarios={list}
          results={results}
          outline={outline}
          open={open}
          onToggle={(i) => setOpen((o) => toggled(o, i))}
          onEdit={(i) => outline && openForm({ kind: 'edit', index: i }, draftOf(list[i]!, workspace.platform))}
          onDuplicate={(i) => outline && openForm({ kind: 'duplicate', index: i }, { ...draftOf(list[i]!, workspace.platform), name: `${list[i]!.name} (copy)` })}
          onDelete={async (i) => {
            const name = list[i]!.name;
            const problem = await saveWith((current) => current.filter((_, j) => j !== i), `Deleted scenario “${name}”.`);
            setDeleteError(problem);
            tableRef.current?.focus();
          }}
        />
      )}
      <RunHistory runs={runs} />
    </div>
  );
}
