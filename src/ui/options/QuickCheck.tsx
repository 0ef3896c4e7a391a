// The quick check of the popup, in the playground: actor, fact sheet, changed
// fields as chips → the verdict, updated on every click. Reads a question that the
// popup's "Open in playground" put in the URL hash.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Patch, QualyticsOperation } from '../../model/schema';
import { LX_STATES, Q_ACTION_IDS, Q_ROLE_ONLY_ACTIONS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import type { PolicyError } from '../../policy/errors';
import type { FactSheetRow } from '../../storage/store';
import type { Answer, Outline, Question } from '../../worker/api';
import { questionToHash } from '../question-link';
import { questionFromHash } from '../question-link-read';
import type { QuestionLink } from '../question-link';
import { VerdictCard } from '../components/VerdictCard';
import { FactSheetPicker } from '../components/FactSheetPicker';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { OptionList } from '../components/OptionList';
import { ActorOptions } from '../components/ActorOptions';
import { toggled } from '../components/toggled';
import { chipPatch, pathsOfType } from '../components/leanix-paths';

/** A Qualytics action as asked: role-only actions, or no datastore chosen, name none. */
function qualyticsAction(action: string, datastore: string): QualyticsOperation {
  const id = action as QAction; // the select offers Q_ACTION_IDS only
  return Q_ROLE_ONLY_ACTIONS.includes(id) || !datastore ? { action: id } : { action: id, datastore };
}

type Asked = { state: 'idle'; hint: string } | { state: 'asking' } | { state: 'answer'; answer: Answer } | { state: 'error'; message: string };

export function QuickCheck({ client, workspace, refresh, notify }: TabProps) {
  const [outline, setOutline] = useState<Outline | null>(null);
  const [actor, setActor] = useState('');
  const [sheet, setSheet] = useState('');
  const [sheetRow, setSheetRow] = useState<FactSheetRow | null>(null);
  const [paths, setPaths] = useState<ReadonlySet<string>>(new Set());
  const [lxState, setLxState] = useState('APPROVED');
  const [value, setValue] = useState('changed');
  const [useDrafts, setUseDrafts] = useState(true);
  const [qAction, setQAction] = useState<string>('datastore.view');
  const [qDatastore, setQDatastore] = useState('');
  const [asked, setAsked] = useState<Asked>({ state: 'idle', hint: '' });
  const [saveName, setSaveName] = useState('');
  const [saveError, setSaveError] = useState<{ message: string; errors: readonly PolicyError[] } | null>(null);
  const seq = useRef(0);
  const id = workspace?.id ?? null;

  function applyLink(q: QuestionLink | null): void {
    if (!q || q.workspace !== id) return;
    if (q.actor) setActor(q.actor);
    if (q.factSheet) setSheet(q.factSheet);
    if (q.paths) setPaths(new Set(q.paths));
    if (q.lxState) setLxState(q.lxState);
  }

  useEffect(() => {
    setOutline(null);
    setAsked({ state: 'idle', hint: '' });
    setSheet('');
    setSheetRow(null);
    setPaths(new Set());
    if (!id) return;
    void client
      .engine()
      .outline(id)
      .then(async (r) => {
        if (!r.ok) {
          setAsked({ state: 'error', message: r.error.message });
          return;
        }
        const o = r.value;
        setOutline(o);
        const last = await client.engine().getSetting(`quickcheck.actor.${id}`);
        const remembered = last.ok && typeof last.value === 'string' && o.users.some((u) => u.id === last.value) ? last.value : null;
        setActor(remembered ?? o.users.find((u) => u.kind !== 'human')?.id ?? o.users[0]?.id ?? '');
        if (o.platform === 'qualytics') setQDatastore(o.datastores[0]?.id ?? '');
        applyLink(questionFromHash(location.hash));
      });
    const onHash = () => applyLink(questionFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [id]);

  const type = outline?.platform === 'leanix' && sheetRow ? outline.types.find((t) => t.name === sheetRow.type) : undefined;
  const options = type ? pathsOfType(type) : [];
  const patches: Patch[] = options.filter((o) => paths.has(o.path)).map((o) => chipPatch(o, value, lxState));

  // Ask again on every change; a newer question wins over a slower older answer.
  useEffect(() => {
    if (!id || !outline || !actor) return;
    let question: Question;
    if (outline.platform === 'leanix') {
      if (!sheet) return setAsked({ state: 'idle', hint: 'Choose a fact sheet.' });
      if (!patches.length) return setAsked({ state: 'idle', hint: 'Pick the fields that change: the verdict updates as you click.' });
      question = { platform: 'leanix', actor, operation: { op: 'update', factSheet: sheet, patches }, useDrafts };
      history.replaceState(null, '', questionToHash({ workspace: id, actor, factSheet: sheet, paths: [...paths], lxState: paths.has('/lxState') ? lxState : undefined }));
    } else {
      question = { platform: 'qualytics', actor, operation: qualyticsAction(qAction, qDatastore) };
    }
    const mine = ++seq.current;
    setAsked({ state: 'asking' });
    void client
      .engine()
      .evaluate(id, question)
      .then((r) => {
        if (mine !== seq.current) return;
        setAsked(r.ok ? { state: 'answer', answer: r.value } : { state: 'error', message: r.error.message });
      });
  }, [id, outline, actor, sheet, JSON.stringify(patches), useDrafts, qAction, qDatastore]);

  if (!workspace || !id) return <p class="muted">No workspace yet: import a policy file or start from a template on the Workspaces tab, then ask a quick question here.</p>;
  if (!outline) return <p class="muted">{asked.state === 'error' ? asked.message : 'Reading the workspace…'}</p>;

  function chooseActor(a: string): void {
    setActor(a);
    void client.engine().setSetting(`quickcheck.actor.${id}`, a);
  }

  function togglePath(p: string): void {
    setPaths((s) => toggled(s, p));
  }

  async function saveAsScenario(): Promise<void> {
    if (!id || asked.state !== 'answer') return;
    setSaveError(null);
    const a = asked.answer;
    let scenario: Record<string, unknown>;
    if (a.platform === 'leanix') {
      const o = a.outcome;
      scenario = {
        name: saveName.trim() || `${actor} changes ${[...paths].join(', ')} on ${sheetRow?.name ?? sheet}`,
        actor,
        operation: { op: 'update', factSheet: sheet, patches },
        expect: { allowed: o.allowed, sealBroken: o.sealBroken, lxStateAfter: o.lxStateAfter, notified: o.notified },
      };
    } else {
      const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(qAction as QAction);
      scenario = {
        name: saveName.trim() || `${actor} ${qAction}${roleOnly ? '' : ` on ${qDatastore}`}`,
        actor,
        operation: qualyticsAction(qAction, qDatastore),
        expect: { allowed: a.outcome.allowed, status: a.outcome.status },
      };
    }
    const r = await client.engine().addScenario(id, scenario);
    if (!r.ok) {
      setSaveError({ message: r.error.message, errors: r.error.kind === 'invalid' ? r.error.errors : [] });
      return;
    }
    notify(`Saved scenario “${String(scenario.name)}”: run it on the Scenarios tab.`);
    setSaveName('');
    await refresh();
  }

  const answer = asked.state === 'answer' ? asked.answer : null;
  return (
    <div>
      <h2>Quick check</h2>
      <div class="row" style={{ alignItems: 'flex-start', gap: '16px' }}>
        <div class="panel" style={{ flex: '1 1 420px' }}>
          <div class="row">
            <div>
              <label for="qc-actor">Actor</label>
              <select id="qc-actor" value={actor} onChange={(e) => chooseActor(e.currentTarget.value)} data-testid="qc-actor">
                <ActorOptions users={outline.users} />
              </select>
            </div>
            {outline.platform === 'leanix' && outline.drafts.length ? (
              <label class="row" style={{ margin: 0, gap: '4px' }}>
                <input type="checkbox" checked={useDrafts} onChange={(e) => setUseDrafts(e.currentTarget.checked)} />
                with the role drafts
              </label>
            ) : null}
          </div>
          {outline.platform === 'leanix' ? (
            <>
              <FactSheetPicker
                client={client}
                workspaceId={id}
                types={outline.types.map((t) => t.name)}
                value={sheet}
                idPrefix="qc-sheet"
                onChange={(sid, row) => {
                  if (sid !== sheet) {
                    setSheet(sid);
                    if (row?.type !== sheetRow?.type) setPaths(new Set());
                  }
                  setSheetRow(row);
                }}
              />
              {type ? (
                <fieldset style={{ marginTop: '8px' }}>
                  <legend>What changes on {sheetRow?.name || sheet}</legend>
                  <div class="row" role="group" aria-label="Changed fields" data-testid="qc-chips">
                    {options.map((o) => (
                      <button key={o.path} type="button" class="chip" aria-pressed={paths.has(o.path)} title={o.kind} onClick={() => togglePath(o.path)}>
                        {o.path.slice(1)}
                      </button>
                    ))}
                  </div>
                  <div class="row">
                    <div>
                      <label for="qc-value">New value of the fields</label>
                      <input id="qc-value" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
                    </div>
                    {paths.has('/lxState') ? (
                      <div>
                        <label for="qc-state">New lxState</label>
                        <select id="qc-state" value={lxState} onChange={(e) => setLxState(e.currentTarget.value)}>
                          <OptionList values={LX_STATES} />
                        </select>
                      </div>
                    ) : null}
                  </div>
                </fieldset>
              ) : null}
            </>
          ) : (
            <div class="row">
              <div>
                <label for="qc-action">Action</label>
                <select id="qc-action" value={qAction} onChange={(e) => setQAction(e.currentTarget.value)}>
                  <OptionList values={Q_ACTION_IDS} />
                </select>
              </div>
              <div>
                <label for="qc-datastore">Datastore</label>
                <select id="qc-datastore" value={qDatastore} disabled={Q_ROLE_ONLY_ACTIONS.includes(qAction as QAction)} onChange={(e) => setQDatastore(e.currentTarget.value)}>
                  <OptionList values={outline.datastores.map((d) => d.id)} />
                </select>
              </div>
            </div>
          )}
        </div>
        <div style={{ flex: '1 1 380px' }}>
          {asked.state === 'idle' ? <p class="muted">{asked.hint}</p> : null}
          {asked.state === 'asking' ? <p class="muted">Checking…</p> : null}
          {asked.state === 'error' ? (
            <p class="error-list" role="alert">
              {asked.message}
            </p>
          ) : null}
          {answer ? (
            <>
              <VerdictCard
                verdict={answer.verdict}
                reasons={answer.outcome.reasons}
                fixes={answer.outcome.fixes}
                stateLine={
                  answer.platform === 'leanix'
                    ? `${answer.outcome.lxStateBefore ?? 'new'} → ${answer.outcome.lxStateAfter ?? '—'}${answer.draftsApplied.length ? ` · with drafts ${answer.draftsApplied.join(', ')}` : ''}`
                    : `status ${answer.outcome.status}`
                }
              />
              <div class="row" style={{ marginTop: '8px' }}>
                <label for="qc-save-name" class="sr-only">
                  Scenario name
                </label>
                <input id="qc-save-name" placeholder="Scenario name (optional)" value={saveName} onInput={(e) => setSaveName(e.currentTarget.value)} />
                <button type="button" onClick={saveAsScenario}>
                  Save as scenario
                </button>
              </div>
              {saveError ? <PolicyErrorList message={saveError.message} errors={saveError.errors} /> : null}
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
