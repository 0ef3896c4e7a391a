// Journey 3 "Prove it": the workspace's scenarios, run all, failures first with
// expected vs actual, each opening its full explanation; add, edit, duplicate
// and delete scenarios through a form.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Scenario } from '../../model/schema';
import type { PolicyError } from '../../policy/errors';
import type { ScenarioResult } from '../../engine/scenarios';
import type { ScenarioRun } from '../../storage/store';
import type { Outline } from '../../worker/api';
import { VerdictCard } from '../components/VerdictCard';
import { ConfirmAction } from '../components/ConfirmAction';
import { ProgressLine } from '../components/ProgressLine';
import { formatCount, formatMs, formatWhen, plural } from '../components/format';
import { valueText } from '../components/leanix-paths';
import { toggled } from '../components/toggled';
import { ScenarioForm } from './ScenariosForm';
import type { FormMode } from './ScenariosForm';
import { draftOf, emptyLeanixDraft, emptyQualyticsDraft } from './ScenariosDraft';
import type { Draft } from './ScenariosDraft';

const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

function actorText(actor: Scenario['actor']): string {
  return typeof actor === 'string' ? actor : `token ${actor.token}`;
}

/** One line for a scenario's operation. */
export function operationText(s: Scenario): string {
  const op = s.operation as Record<string, unknown>;
  if (typeof op.op === 'string') {
    if (op.op === 'create') return `create ${String(op.type)}`;
    if (op.op !== 'update') return `${op.op} ${String(op.factSheet)}`;
    const patches = (op.patches as { op: string; path: string; value?: unknown }[]).map((p) => (p.op === 'remove' ? `remove ${p.path}` : `${p.op} ${p.path} = ${valueText(p.value)}`));
    return `update ${String(op.factSheet)}: ${patches.join('; ')}`;
  }
  if (op.request) {
    const r = op.request as { method: string; path: string };
    return `${r.method} ${r.path}`;
  }
  return op.datastore ? `${String(op.action)} on ${String(op.datastore)}` : String(op.action);
}

function expectText(s: Scenario): string {
  const parts = Object.entries(s.expect as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && k !== '$schema' && k !== 'description')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? (v.length ? v.join(', ') : '[]') : String(v)}`);
  return parts.length ? parts.join(' · ') : 'nothing checked';
}

/** Recorded runs, the latest first. */
function newestFirst(runs: readonly ScenarioRun[]): ScenarioRun[] {
  return [...runs].sort((a, b) => b.at.localeCompare(a.at));
}

interface RunState {
  readonly results: readonly ScenarioResult[];
  readonly ms: number;
  readonly run: ScenarioRun;
}

export function Scenarios({ client, workspace, refresh, notify }: TabProps) {
  const [scenarios, setScenarios] = useState<Scenario[] | null>(null);
  const [outline, setOutline] = useState<Outline | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [runState, setRunState] = useState<RunState | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [runs, setRuns] = useState<ScenarioRun[]>([]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [form, setForm] = useState<{ mode: FormMode; draft: Draft; key: number } | null>(null);
  const [deleteError, setDeleteError] = useState<{ message: string; errors: readonly PolicyError[] } | null>(null);
  const tableRef = useRef<HTMLHeadingElement>(null);
  const id = workspace?.id ?? null;

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
    setRunState(null);
    setRunError(null);
    setOpen(new Set());
    setForm(null);
    void load();
  }, [id]);

  if (!workspace || !id) {
    return <p class="muted">No workspace yet: import a policy file or start from a template on the Workspaces tab, then prove its behaviour here.</p>;
  }

  async function runAll(): Promise<void> {
    if (!id) return;
    setRunning(true);
    setRunError(null);
    const started = performance.now();
    try {
      const r = await client.engine().runScenarios(id);
      if (!r.ok) {
        setRunError(r.error.message);
        return;
      }
      const ms = performance.now() - started;
      setRunState({ results: r.value.results, run: r.value.run, ms });
      setOpen(new Set());
      const { passed, failed } = r.value.run;
      notify(`${plural(passed + failed, 'scenario')} run in ${formatMs(ms)}: ${formatCount(passed)} passed, ${formatCount(failed)} failed.`);
      const rs = await client.engine().listRuns(id);
      if (rs.ok) setRuns(newestFirst(rs.value));
    } finally {
      setRunning(false);
    }
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
    setRunState(null);
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

  const results = runState?.results ?? null;
  const list = scenarios ?? [];
  const order = list.map((_, i) => i);
  if (results) order.sort((a, b) => Number(results[a]?.passed ?? true) - Number(results[b]?.passed ?? true) || a - b);
  const passed = results ? results.filter((r) => r.passed).length : 0;

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
      {running ? <ProgressLine testId="scenarios-progress" label={`Running ${plural(list.length, 'scenario')}`} /> : null}
      {runError ? (
        <p class="error-list" role="alert">
          The scenarios could not run: {runError}
        </p>
      ) : null}
      {loadError ? (
        <p class="error-list" role="alert">
          {loadError}
        </p>
      ) : null}
      {results && runState ? (
        <p data-testid="run-summary" role="status">
          <span class={runState.run.failed ? 'fail' : 'pass'}>
            {formatCount(passed)} of {plural(results.length, 'scenario')} passed
          </span>
          {runState.run.failed ? <span class="fail"> · {formatCount(runState.run.failed)} failed (listed first)</span> : null}
          <span class="muted"> · {formatMs(runState.ms)}</span>
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
        <table data-testid="scenario-table" style={{ marginTop: '8px' }}>
          <caption class="sr-only">Scenarios{results ? ', failures first' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Scenario</th>
              <th scope="col">Actor</th>
              <th scope="col">Operation</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map((i) => {
              const s = list[i]!;
              const r = results?.[i];
              const expanded = open.has(i);
              return [
                <tr key={`s${i}`} data-testid="scenario-row" data-result={r ? (r.passed ? 'pass' : 'fail') : 'none'}>
                  <td style={{ whiteSpace: 'nowrap' }}>{r ? <span class={r.passed ? 'pass' : 'fail'}>{r.passed ? '✓ pass' : '✗ fail'}</span> : <span class="muted">not run</span>}</td>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    <div data-testid="scenario-name" style={{ fontWeight: 600 }}>{s.name}</div>
                    <div class="muted" style={{ fontSize: '0.9em', fontWeight: 400 }}>
                      expects {expectText(s)}
                    </div>
                    {r && !r.passed ? (
                      <table class="mismatches" data-testid="mismatches" style={{ marginTop: '4px', fontSize: '0.85rem' }}>
                        <ExpectedActualHead />
                        <tbody>
                          {r.mismatches.map((m) => (
                            <tr key={m.key}>
                              <td>
                                <code>{m.key}</code>
                              </td>
                              <td>
                                <code>{show(m.expected)}</code>
                              </td>
                              <td class="fail">
                                <code>{show(m.actual)}</code>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}
                    {r && !r.passed && r.reasons.length ? (
                      <ul style={{ margin: '4px 0 0', paddingLeft: '18px', fontSize: '0.85rem' }}>
                        {r.reasons.map((reason, k) => (
                          <li key={k}>{reason.text}</li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td>{actorText(s.actor)}</td>
                  <td style={{ maxWidth: '320px', overflowWrap: 'anywhere' }}>{operationText(s)}</td>
                  <td>
                    <div class="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                      {r ? (
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-controls={`explain-${i}`}
                          aria-label={`${expanded ? 'Hide' : 'Explain'} ${s.name}`}
                          data-testid="explain"
                          onClick={() => setOpen((o) => toggled(o, i))}
                        >
                          {expanded ? 'Hide' : 'Explain'}
                        </button>
                      ) : null}
                      <button type="button" aria-label={`Edit ${s.name}`} disabled={!outline} onClick={() => outline && openForm({ kind: 'edit', index: i }, draftOf(s, workspace.platform))}>
                        Edit
                      </button>
                      <button
                        type="button"
                        aria-label={`Duplicate ${s.name}`}
                        disabled={!outline}
                        onClick={() => outline && openForm({ kind: 'duplicate', index: i }, { ...draftOf(s, workspace.platform), name: `${s.name} (copy)` })}
                      >
                        Duplicate
                      </button>
                      <ConfirmAction
                        testId="scenario-delete"
                        label="Delete"
                        ariaLabel={`Delete ${s.name}`}
                        question={<>Delete “{s.name}”?</>}
                        confirmLabel="Delete"
                        onConfirm={async () => {
                          const problem = await saveWith((current) => current.filter((_, j) => j !== i), `Deleted scenario “${s.name}”.`);
                          setDeleteError(problem);
                          tableRef.current?.focus();
                        }}
                      />
                    </div>
                  </td>
                </tr>,
                expanded && r ? (
                  <tr key={`e${i}`} id={`explain-${i}`} data-testid="explanation">
                    <td colSpan={5}>
                      <Explanation result={r} />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      )}
      <RunHistory runs={runs} />
    </div>
  );
}

/** The head of a table that sets what a scenario expects beside what happened. */
function ExpectedActualHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Key</th>
        <th scope="col">Expected</th>
        <th scope="col">Actual</th>
      </tr>
    </thead>
  );
}

function Explanation({ result }: { result: ScenarioResult }) {
  const a = result.actual;
  const stateLine =
    'lxStateAfter' in a
      ? `State ${String(a.lxStateBefore ?? 'new')} → ${String(a.lxStateAfter ?? '—')}; events: ${(a.events as string[]).length ? (a.events as string[]).join(', ') : 'none'}`
      : undefined;
  const keys = Object.keys(a);
  return (
    <div class="row" style={{ alignItems: 'flex-start' }}>
      <div style={{ flex: '2 1 360px' }}>
        <VerdictCard verdict={result.verdict} reasons={result.reasons} fixes={result.fixes} stateLine={stateLine} />
      </div>
      <table style={{ flex: '1 1 260px', fontSize: '0.85rem' }}>
        <caption class="muted" style={{ textAlign: 'left' }}>
          Expected vs actual
        </caption>
        <ExpectedActualHead />
        <tbody>
          {keys.map((k) => {
            const checked = k in result.expected;
            const bad = result.mismatches.some((m) => m.key === k);
            return (
              <tr key={k}>
                <td>
                  <code>{k}</code>
                </td>
                <td class={checked ? '' : 'muted'}>{checked ? <code>{show(result.expected[k])}</code> : 'not checked'}</td>
                <td class={bad ? 'fail' : checked ? 'pass' : ''}>
                  <code>{show(a[k])}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RunHistory({ runs }: { runs: readonly ScenarioRun[] }) {
  if (!runs.length) return <p class="muted" style={{ marginTop: '12px' }}>No runs yet: “Run all” records each run here.</p>;
  return (
    <section aria-labelledby="runs-heading" style={{ marginTop: '16px' }} data-testid="run-history">
      <h3 id="runs-heading">Recent runs</h3>
      <ul style={{ margin: 0, paddingLeft: '18px' }}>
        {runs.slice(0, 5).map((r, i) => (
          <li key={r.id ?? i}>
            {formatWhen(r.at)}: <span class="pass">{formatCount(r.passed)} passed</span>,{' '}
            <span class={r.failed ? 'fail' : 'muted'}>{formatCount(r.failed)} failed</span>
            {r.failures.length ? <span class="muted"> ({r.failures.slice(0, 3).join('; ')}{r.failures.length > 3 ? '…' : ''})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
