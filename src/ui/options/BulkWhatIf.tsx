// Journey 5 "Across the workspace": actor + types + change → progress with cancel →
// counts, seals broken per type as a chart, and the affected fact sheets.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Patch } from '../../model/schema';
import { LX_STATES } from '../../model/vocabulary';
import type { BulkAnswer, Outline } from '../../worker/api';
import { ProgressLine } from '../components/ProgressLine';
import { OptionList } from '../components/OptionList';
import { ActorOptions } from '../components/ActorOptions';
import { userChoices } from '../components/actor-choices';
import { integrationFirst } from '../components/actor-label';
import { toggled } from '../components/toggled';
import { PATCH_OP_CHOICES, chipPatch, pathsOfTypes } from '../components/leanix-paths';
import type { PathOption } from '../components/leanix-paths';
import { formatCount, plural } from '../components/format';
import { BulkChart, BulkCounts, BulkAffected } from './BulkWhatIfResults';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;

interface Chosen {
  readonly op: Patch['op'];
  readonly value: string;
}

type Run =
  | { state: 'idle' }
  | { state: 'running'; jobId: string; done: number; total: number; started: number; cancelling: boolean }
  | { state: 'done'; answer: BulkAnswer; wallMs: number; question: string; lateCancel: boolean }
  | { state: 'stopped'; message: string };



function newJobId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function BulkWhatIf({ client, workspace }: TabProps) {
  const [outline, setOutline] = useState<LeanixOutline | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [types, setTypes] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<ReadonlyMap<string, Chosen>>(new Map());
  const [useDrafts, setUseDrafts] = useState(true);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [lastTotal, setLastTotal] = useState<{ done: number; total: number } | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const cancelAsked = useRef<string | null>(null);
  const id = workspace?.id ?? null;

  useEffect(() => {
    setOutline(null);
    setRun({ state: 'idle' });
    setChosen(new Map());
    setTypes(new Set());
    if (!id || workspace?.platform !== 'leanix') return;
    void client
      .engine()
      .outline(id)
      .then((r) => {
        if (!r.ok) {
          setLoadError(r.error.message);
          return;
        }
        if (r.value.platform !== 'leanix') return;
        setLoadError(null);
        setOutline(r.value);
        setActor((a) => (r.value.users.some((u) => u.id === a) ? a : integrationFirst<{ id: string; kind: string }>(r.value.users)[0]?.id ?? ''));
      });
  }, [id]);

  if (!workspace) return <p class="muted">No workspace yet: import a LeanIX policy file on the Workspaces tab, then ask what a change does across it.</p>;
  if (workspace.platform !== 'leanix') {
    return <p class="muted">Bulk what-if asks what a change does to every fact sheet's seal: it is for LeanIX workspaces. Choose one in the header.</p>;
  }
  if (loadError) return <p class="error-list" role="alert">{loadError}</p>;
  if (!outline) return <p class="muted">Reading the workspace…</p>;

  const selectedTypes = outline.types.filter((t) => types.has(t.name));
  const options: PathOption[] = pathsOfTypes(selectedTypes.length ? selectedTypes : outline.types);
  const patches: Patch[] = options.filter((o) => chosen.has(o.path)).map((o) => {
    const c = chosen.get(o.path)!;
    const base = chipPatch(o, c.value, c.value);
    if (o.kind === 'seal') return base;
    return c.op === 'remove' ? { op: 'remove', path: o.path } : { ...base, op: c.op };
  });
  const running = run.state === 'running';
  const ready = !!actor && patches.length > 0 && !running;

  function toggleType(name: string): void {
    setTypes((t) => toggled(t, name));
  }

  function toggleChip(o: PathOption): void {
    setChosen((c) => {
      const n = new Map(c);
      if (n.has(o.path)) n.delete(o.path);
      else n.set(o.path, o.kind === 'seal' ? { op: 'replace', value: 'BROKEN_QUALITY_SEAL' } : { op: o.kind === 'section' || o.kind === 'relation' ? 'add' : 'replace', value: 'changed' });
      return n;
    });
  }

  async function start(): Promise<void> {
    if (!id || !ready) return;
    const jobId = newJobId();
    const started = performance.now();
    setRun({ state: 'running', jobId, done: 0, total: 0, started, cancelling: false });
    setLastTotal(null);
    const question = `${actor} · ${patches.map((p) => `${p.op} ${p.path}`).join(', ')} · ${selectedTypes.length ? selectedTypes.map((t) => t.name).join(', ') : 'every type that has these paths'}`;
    const progress = client.progress((done, total) => {
      setRun((r) => (r.state === 'running' && r.jobId === jobId ? { ...r, done, total } : r));
      setLastTotal({ done, total });
    });
    const r = await client.engine().bulkWhatIf(id, { actor, types: selectedTypes.map((t) => t.name), patches, useDrafts }, jobId, progress);
    const wallMs = performance.now() - started;
    if (!r.ok) {
      const message = r.error.kind === 'cancelled' ? `Cancelled: ${r.error.message}. Nothing was changed.` : `The what-if could not run: ${r.error.message}`;
      // Said where the run's progress was (bulk-stopped), not in the page's status line too.
      setRun({ state: 'stopped', message });
      return;
    }
    // A cancel that reached the engine too late (after the last fact sheet, or before it
    // started) leaves a complete answer: show it, and say so.
    setRun({ state: 'done', answer: r.value, wallMs, question, lateCancel: cancelAsked.current === jobId });
    // The results are the answer, and the focus goes to them: nothing for the status line.
    requestAnimationFrame(() => resultsRef.current?.focus());
  }

  async function cancel(): Promise<void> {
    if (run.state !== 'running') return;
    setRun({ ...run, cancelling: true });
    cancelAsked.current = run.jobId;
    await client.engine().cancel(run.jobId);
  }

  return (
    <div>
      <h2>What would this change do across “{workspace.name}”?</h2>
      <form
        class="panel"
        aria-label="Bulk what-if question"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div class="row" style={{ alignItems: 'flex-end' }}>
          <div>
            <label for="bulk-actor">Actor</label>
            <select id="bulk-actor" value={actor} onChange={(e) => setActor(e.currentTarget.value)} data-testid="bulk-actor">
              <ActorOptions choices={userChoices(outline.users)} />
            </select>
          </div>
          {outline.drafts.length ? (
            <label class="row" style={{ margin: 0, gap: '4px' }}>
              <input type="checkbox" checked={useDrafts} onChange={(e) => setUseDrafts(e.currentTarget.checked)} />
              with the role drafts ({outline.drafts.join(', ')})
            </label>
          ) : null}
        </div>
        <fieldset style={{ marginTop: '8px' }}>
          <legend>Fact sheet types (none chosen: every type that has the chosen paths)</legend>
          <div class="row" data-testid="bulk-types">
            {outline.types.map((t) => (
              <button key={t.name} type="button" class="chip" aria-pressed={types.has(t.name)} onClick={() => toggleType(t.name)}>
                {t.name}
                {t.qualitySeal.enabled ? '' : ' (no seal)'}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset style={{ marginTop: '8px' }}>
          <legend>Change: the paths the actor writes</legend>
          <div class="row" data-testid="bulk-paths" role="group" aria-label="Paths">
            {options.map((o) => (
              <button key={o.path} type="button" class="chip" aria-pressed={chosen.has(o.path)} title={o.kind} onClick={() => toggleChip(o)}>
                {o.path}
              </button>
            ))}
          </div>
          {chosen.size ? (
            <table style={{ marginTop: '8px' }}>
              <thead>
                <tr>
                  <th scope="col">Path</th>
                  <th scope="col">Op</th>
                  <th scope="col">Value (JSON when it parses, else text)</th>
                </tr>
              </thead>
              <tbody>
                {options
                  .filter((o) => chosen.has(o.path))
                  .map((o) => {
                    const c = chosen.get(o.path)!;
                    const update = (patch: Partial<Chosen>) => setChosen((m) => new Map(m).set(o.path, { ...c, ...patch }));
                    return (
                      <tr key={o.path}>
                        <td>
                          <code>{o.path}</code> <span class="muted">{o.kind}</span>
                        </td>
                        <td>
                          {o.kind === 'seal' ? (
                            'replace'
                          ) : (
                            <select aria-label={`${o.path} op`} value={c.op} onChange={(e) => update({ op: e.currentTarget.value as Patch['op'] })}>
                              <OptionList values={PATCH_OP_CHOICES} />
                            </select>
                          )}
                        </td>
                        <td>
                          {o.kind === 'seal' ? (
                            <select aria-label="New lxState" value={c.value} onChange={(e) => update({ value: e.currentTarget.value })}>
                              <OptionList values={LX_STATES} />
                            </select>
                          ) : (
                            <input aria-label={`${o.path} value`} value={c.value} disabled={c.op === 'remove'} onInput={(e) => update({ value: e.currentTarget.value })} />
                          )}
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          ) : (
            <p class="muted">Choose at least one path: the change the actor would make on every fact sheet.</p>
          )}
        </fieldset>
        <div class="row" style={{ marginTop: '10px' }}>
          <button type="submit" class="primary" disabled={!ready} data-testid="bulk-run">
            Run
          </button>
          <span class="muted">
            Over {workspace.factSheetCount ? plural(workspace.factSheetCount, 'fact sheet') : 'the fact sheets'}; nothing is changed.
          </span>
        </div>
      </form>
      {run.state === 'running' ? (
        <ProgressLine
          testId="bulk-progress"
          label={run.total ? 'Evaluating fact sheets' : 'Preparing the workspace'}
          done={run.total ? run.done : undefined}
          total={run.total || undefined}
          detail={run.total ? `${formatCount(run.done)} of ${plural(run.total, 'fact sheet')}` : undefined}
          onCancel={cancel}
          cancelling={run.cancelling}
        />
      ) : run.state === 'done' && lastTotal ? (
        <ProgressLine
          testId="bulk-progress"
          state="done"
          label="Done"
          done={lastTotal.total}
          total={lastTotal.total}
          detail={`${plural(run.answer.evaluated, 'fact sheet')} evaluated`}
        />
      ) : run.state === 'stopped' ? (
        <p role="alert" class="muted" data-testid="bulk-stopped">
          {run.message}
        </p>
      ) : null}
      {run.state === 'done' ? (
        <section aria-labelledby="bulk-results" data-testid="bulk-results" style={{ marginTop: '12px' }}>
          <h3 id="bulk-results" ref={resultsRef} tabIndex={-1}>
            Results <span class="muted">· {run.question}</span>
          </h3>
          {run.lateCancel ? (
            <p class="muted" role="status">
              The run finished before the cancel reached it: these are its complete results.
            </p>
          ) : null}
          <BulkCounts answer={run.answer} />
          <BulkChart rows={run.answer.brokenByType} />
          <BulkAffected answer={run.answer} />
        </section>
      ) : null}
    </div>
  );
}
