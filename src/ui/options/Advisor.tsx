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
import { formatCount, plural } from '../components/format';
import { pathsOfType } from '../components/leanix-paths';
import type { TabProps } from './App';

type LeanixAdviceAnswer = Extract<AdviseAnswer, { platform: 'leanix' }>;
type QualyticsAdviceAnswer = Extract<AdviseAnswer, { platform: 'qualytics' }>;

const GROUP = { border: 0, padding: 0, margin: '8px 0', minWidth: 0 } as const;
const LEGEND = { padding: 0, marginBottom: '4px', fontSize: '0.85rem' } as const;
const NUM = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

export function Advisor({ client, workspace, notify }: TabProps) {
  const [outline, setOutline] = useState<Outline | null>(null);
  const [loadError, setLoadError] = useState<Failure | null>(null);
  const [actor, setActor] = useState('');
  const [type, setType] = useState('');
  const [paths, setPaths] = useState<string[]>([]);
  const [actions, setActions] = useState<QAction[]>([]);
  const [datastores, setDatastores] = useState<string[]>([]);
  const [runs, setRuns] = useState(52);
  const [answer, setAnswer] = useState<AdviseAnswer | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    setOutline(null);
    setLoadError(null);
    setAnswer(null);
    setFailure(null);
    setPaths([]);
    setActions([]);
    setDatastores([]);
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
        requestAnimationFrame(() => resultRef.current?.focus());
      } else {
        setAnswer(null);
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
                .filter((p) => p.kind !== 'seal')
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
        {answer?.platform === 'leanix' ? <LeanixAdvice answer={answer} notify={notify} /> : null}
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

function LeanixAdvice({ answer, notify }: { answer: LeanixAdviceAnswer; notify: (message: string) => void }) {
  const a = answer.advice;
  const role = a.role ? JSON.stringify(a.role, null, 2) : '';
  const recommended = a.options.find((o) => o.recommended);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(role);
      notify(`Copied the customer role ${a.role?.name ?? ''} to the clipboard.`);
    } catch {
      notify('The clipboard is not available: select the role text and copy it.');
    }
  };
  if (a.factSheets === 0) {
    return (
      <p data-testid="advice" class="muted" style={{ marginTop: '12px' }}>
        {`This workspace has no ${a.type} fact sheets, so there is nothing to weigh: add some on the Model tab, or choose another type.`}
      </p>
    );
  }
  return (
    <div data-testid="advice" style={{ marginTop: '12px' }}>
      <p>{`${a.actor} writing ${a.paths.join(', ')} on ${plural(a.factSheets, `${a.type} fact sheet`)}, ${plural(a.runsPerYear, 'run')} a year`}</p>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="advice-table">
          <caption class="sr-only">Each setup of the integration user, evaluated over the workspace</caption>
          <thead>
            <tr>
              <th scope="col">Setup</th>
              <th scope="col" style={NUM}>Allowed</th>
              <th scope="col" style={NUM}>Seal breaks / run</th>
              <th scope="col" style={NUM}>Events / run</th>
              <th scope="col" style={NUM}>Notifications / year</th>
              <th scope="col">Extra capabilities</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {a.options.map((o) => (
              <tr key={o.setup} data-testid={`advice-${o.setup}`} data-recommended={o.recommended ? 'true' : undefined} style={o.recommended ? { fontWeight: 600, background: 'var(--kept-bg)' } : undefined}>
                <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  <code>{o.setup}</code>
                  {o.recommended ? (
                    <span data-testid="recommended" class="pass" style={{ display: 'block', fontSize: '0.8rem' }}>
                      recommended
                    </span>
                  ) : null}
                </th>
                <td style={NUM} data-testid="allowed">{`${formatCount(o.allowed)} / ${formatCount(o.allowed + o.denied)}`}</td>
                <td style={NUM} data-testid="seal-breaks">{formatCount(o.sealBreaksPerRun)}</td>
                <td style={NUM}>{formatCount(o.eventsPerRun)}</td>
                <td style={NUM}>{formatCount(o.notificationsPerYear)}</td>
                <td>
                  {o.extraCapabilities.length ? (
                    <details>
                      <summary>{formatCount(o.extraCapabilities.length)}</summary>
                      <ul style={{ margin: '4px 0 0', paddingLeft: '18px', fontWeight: 400 }}>
                        {o.extraCapabilities.map((x) => (
                          <li key={x}><code style={{ overflowWrap: 'anywhere' }}>{x}</code></li>
                        ))}
                      </ul>
                    </details>
                  ) : (
                    'none'
                  )}
                </td>
                <td>{o.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.role ? (
        <>
          <div class="row" style={{ justifyContent: 'space-between', marginTop: '12px' }}>
            <p style={{ margin: 0 }}>{`The recommended customer role (${recommended?.setup ?? a.recommended}), ready to paste:`}</p>
            <button type="button" data-testid="copy-role" onClick={() => void copy()}>
              Copy role
            </button>
          </div>
          <pre class="panel" data-testid="advised-role" tabIndex={0} aria-label="Recommended customer role as JSON" style={{ overflowX: 'auto', margin: '8px 0 0' }}>
            {role}
          </pre>
        </>
      ) : (
        <p class="muted" data-testid="advised-role-none">{`The recommended setup (${a.recommended}) needs no new customer role.`}</p>
      )}
    </div>
  );
}
