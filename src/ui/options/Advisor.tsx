// "What should my integration user be?": every setup evaluated over the workspace.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Outline, AdviseAnswer, AdviseRequest } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { Q_ACTIONS, Q_ACTION_IDS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import { ActorOptions } from '../components/ActorOptions';
import { userChoices } from '../components/actor-choices';
import { integrationFirst } from '../components/actor-label';
import { FailureText } from '../components/FailureText';
import { pathsOfType } from '../components/leanix-paths';
import type { TabProps } from './App';
import { LeanixAdvice } from './Advisor-Leanix';

type QualyticsAdviceAnswer = Extract<AdviseAnswer, { platform: 'qualytics' }>;

const GROUP = { border: 0, padding: 0, margin: '8px 0', minWidth: 0 } as const;
const LEGEND = { padding: 0, marginBottom: '4px', fontSize: '0.85rem' } as const;

export function Advisor({ client, workspace, notify, refresh }: TabProps) {
  const [outline, setOutline] = useState<Outline | null>(null);
  const [loadError, setLoadError] = useState<Failure | null>(null);
  const [actor, setActor] = useState('');
  const [type, setType] = useState('');
  const [paths, setPaths] = useState<string[]>([]);
  const [actions, setActions] = useState<QAction[]>([]);
  const [datastores, setDatastores] = useState<string[]>([]);
  const [runs, setRuns] = useState(52);
  const [answer, setAnswer] = useState<AdviseAnswer | null>(null);
  /** The question the shown answer is for. */
  const [asked, setAsked] = useState<AdviseRequest | null>(null);
  /** The workspace the outline was last read for. */
  const readFor = useRef<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  // another workspace: start over
  useEffect(() => {
    setOutline(null);
    setAnswer(null);
    setAsked(null);
    setFailure(null);
    setPaths([]);
    setActions([]);
    setDatastores([]);
  }, [workspace?.id]);

  // the workspace (or a new version of it): read its outline, keep the question
  useEffect(() => {
    let current = true;
    setLoadError(null);
    if (!workspace) return;
    void client
      .engine()
      .outline(workspace.id)
      .then((r) => {
        if (!current) return;
        if (!r.ok) {
          setLoadError(r.error);
          return;
        }
        setOutline(r.value);
        const users = integrationFirst<{ id: string; kind: string }>(r.value.users);
        setActor((a) => (users.some((u) => u.id === a) ? a : users[0]?.id ?? ''));
        if (r.value.platform === 'leanix') {
          const types = r.value.types;
          setType((t) => (types.some((x) => x.name === t) ? t : types[0]?.name ?? ''));
        }
      });
    // a new version of the same workspace: a shown answer is asked again of it
    const again = readFor.current === workspace.id;
    readFor.current = workspace.id;
    if (again && asked) {
      void client
        .engine()
        .advise(workspace.id, asked)
        .then((r) => {
          if (!current) return;
          if (r.ok) setAnswer(r.value);
          else {
            setAnswer(null);
            setFailure(r.error);
          }
        });
    }
    return () => {
      current = false;
    };
  }, [workspace?.id, workspace?.updatedAt]);

  if (!workspace) return <p class="muted">No workspace yet: import a policy file on the Workspaces tab, then ask here what your integration user should be.</p>;
  if (loadError) return <FailureText failure={loadError} prefix="The workspace could not be read:" />;
  if (!outline) return <p class="muted">Reading the workspace…</p>;

  const typeDef = outline.platform === 'leanix' ? outline.types.find((t) => t.name === type) : undefined;
  // Actions that are checked against a team level need at least one datastore.
  const needsDatastore = actions.some((a) => Q_ACTIONS[a] !== null);
  const missing = !actor
    ? 'This workspace has no users: add one on the Model tab first.'
    : outline.platform === 'leanix'
      ? !paths.length
        ? 'Choose at least one path the integration writes, then Advise.'
        : null
      : !actions.length
        ? 'Choose at least one action the integration needs, then Advise.'
        : needsDatastore && !datastores.length
          ? 'Choose the datastores those actions run on, then Advise.'
          : null;

  function toggle<T>(set: (f: (list: T[]) => T[]) => void, item: T): void {
    set((list) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]));
  }

  async function ask(): Promise<void> {
    if (!workspace || !outline || missing || busy) return;
    setFailure(null);
    setBusy(true);
    const question: AdviseRequest =
      outline.platform === 'leanix'
        ? { platform: 'leanix', actor, type, paths, runsPerYear: runs }
        : { platform: 'qualytics', actor, actions, datastores: needsDatastore ? datastores : [] };
    try {
      const r = await client.engine().advise(workspace.id, question);
      if (r.ok) {
        setAnswer(r.value);
        setAsked(question);
        requestAnimationFrame(() => resultRef.current?.focus());
      } else {
        setAnswer(null);
        setAsked(null);
        setFailure(r.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="panel" data-testid="advisor">
      <h2>Role advisor</h2>
      <form
        aria-label="Role advisor question"
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <div class="row" style={{ alignItems: 'flex-end' }}>
          <div>
            <label for="adv-actor">Integration user</label>
            <select id="adv-actor" value={actor} onChange={(e) => setActor((e.target as HTMLSelectElement).value)}>
              <ActorOptions choices={userChoices(outline.users)} />
            </select>
          </div>
          {outline.platform === 'leanix' ? (
            <>
              <div>
                <label for="adv-type">Fact sheet type</label>
                <select
                  id="adv-type"
                  value={type}
                  onChange={(e) => {
                    setType((e.target as HTMLSelectElement).value);
                    setPaths([]);
                  }}
                >
                  {outline.types.map((t) => (
                    <option key={t.name} value={t.name}>{t.name}</option>
                  ))}
                </select>
              </div>
              <div>
                <label for="adv-runs">Runs a year</label>
                <input
                  id="adv-runs"
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={runs}
                  style={{ width: '6em' }}
                  onInput={(e) => setRuns(Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)))}
                />
              </div>
            </>
          ) : null}
        </div>
        {outline.platform === 'leanix' && typeDef ? (
          <fieldset style={GROUP}>
            <legend class="muted" style={LEGEND}>Paths the integration writes</legend>
            <div class="row">
              {pathsOfType(typeDef)
                // `/subscriptions` is never replaced: no advised write
                .filter((p) => p.kind !== 'seal' && !(p.kind === 'section' && p.path === '/subscriptions'))
                .map((p) => (
                  <button key={p.path} type="button" class="chip" title={p.kind} aria-pressed={paths.includes(p.path)} onClick={() => toggle(setPaths, p.path)}>
                    {p.path}
                  </button>
                ))}
            </div>
          </fieldset>
        ) : null}
        {outline.platform === 'qualytics' ? (
          <>
            <fieldset style={GROUP}>
              <legend class="muted" style={LEGEND}>Actions it needs</legend>
              <div class="row">
                {Q_ACTION_IDS.map((a) => (
                  <button key={a} type="button" class="chip" aria-pressed={actions.includes(a)} onClick={() => toggle(setActions, a)}>
                    {a}
                  </button>
                ))}
              </div>
            </fieldset>
            <fieldset style={GROUP}>
              <legend class="muted" style={LEGEND}>On datastores</legend>
              {outline.datastores.length ? (
                <div class="row">
                  {outline.datastores.map((d) => (
                    <button key={d.id} type="button" class="chip" aria-pressed={datastores.includes(d.id)} onClick={() => toggle(setDatastores, d.id)}>
                      {d.id}
                    </button>
                  ))}
                </div>
              ) : (
                <p class="muted" style={{ margin: 0 }}>This workspace has no datastores: add them on the Model tab to ask about team levels.</p>
              )}
            </fieldset>
          </>
        ) : null}
        <div class="row">
          <button type="submit" class="primary" disabled={!!missing || busy} aria-describedby={missing ? 'adv-missing' : undefined}>
            {busy ? 'Advising…' : 'Advise'}
          </button>
          {missing ? (
            <span id="adv-missing" class="muted" data-testid="advisor-hint">
              {missing}
            </span>
          ) : null}
        </div>
      </form>
      {failure ? <FailureText failure={failure} prefix="No advice:" /> : null}
      <div ref={resultRef} tabIndex={-1} aria-busy={busy} style={{ outline: 'none' }}>
        {answer?.platform === 'leanix' && asked?.platform === 'leanix' ? (
          <LeanixAdvice answer={answer} client={client} workspaceId={workspace.id} question={asked} notify={notify} changed={refresh} />
        ) : null}
        {answer?.platform === 'qualytics' ? <QualyticsAdvice answer={answer} /> : null}
      </div>
    </div>
  );
}

function QualyticsAdvice({ answer }: { answer: QualyticsAdviceAnswer }) {
  const a = answer.advice;
  const team = a.team;
  const on = team ? ` on ${team.datastores.filter((d) => !team.extraDatastores.includes(d)).join(', ')}` : '';
  // Admin skips team permissions: no team level to name then.
  const level = a.level && a.role !== 'Admin' ? ` and the ${a.level} team level${on}` : '';
  return (
    <div data-testid="advice" style={{ marginTop: '12px' }}>
      <p data-testid="advice-headline">
        <strong>{`${a.actor} needs the ${a.role} role${level}`}</strong>
        {a.role === a.currentRole ? ' (the role it has now)' : ` (now ${a.currentRole})`}
      </p>
      <p>{a.note}</p>
      {a.alsoAllows.length ? <p class="muted">{`That also allows: ${a.alsoAllows.join(', ')}`}</p> : <p class="muted">That allows nothing beyond the actions asked for.</p>}
    </div>
  );
}
