// "What should my integration user be?": every setup evaluated over the workspace.
import { useEffect, useState } from 'preact/hooks';
import type { Outline, AdviseAnswer } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { Q_ACTION_IDS } from '../../model/vocabulary';
import { FailureText } from '../components/FailureText';
import { formatCount } from '../components/format';
import { pathsOfType } from '../components/leanix-paths';
import type { TabProps } from './App';

export function Advisor({ client, workspace }: TabProps) {
  const [outline, setOutline] = useState<Outline | null>(null);
  const [actor, setActor] = useState('');
  const [type, setType] = useState('');
  const [paths, setPaths] = useState<string[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [datastores, setDatastores] = useState<string[]>([]);
  const [runs, setRuns] = useState(52);
  const [answer, setAnswer] = useState<AdviseAnswer | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    setOutline(null);
    setAnswer(null);
    if (!workspace) return;
    void client.engine().outline(workspace.id).then((r) => {
      if (!r.ok) return setFailure(r.error);
      setOutline(r.value);
      const users = [...r.value.users].sort((a, b) => Number(a.kind === 'human') - Number(b.kind === 'human'));
      setActor(users[0]?.id ?? '');
      if (r.value.platform === 'leanix') setType(r.value.types[0]?.name ?? '');
    });
  }, [workspace?.id, workspace?.updatedAt]);

  if (!workspace) return <p class="muted">Import or create a workspace first, then ask what your integration user should be.</p>;
  if (!outline) return <p class="muted">Loading…</p>;

  const toggle = (list: string[], set: (v: string[]) => void, item: string) => set(list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const ask = async () => {
    setFailure(null);
    const question =
      outline.platform === 'leanix'
        ? { platform: 'leanix' as const, actor, type, paths, runsPerYear: runs }
        : { platform: 'qualytics' as const, actor, actions: actions as never[], datastores };
    const r = await client.engine().advise(workspace.id, question);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setFailure(r.error);
    }
  };
  const users = [...outline.users].sort((a, b) => Number(a.kind === 'human') - Number(b.kind === 'human') || a.id.localeCompare(b.id));
  const typeDef = outline.platform === 'leanix' ? outline.types.find((t) => t.name === type) : undefined;

  return (
    <div class="panel" data-testid="advisor">
      <h2>Role advisor</h2>
      <div class="row">
        <div>
          <label for="adv-actor">Integration user</label>
          <select id="adv-actor" value={actor} onChange={(e) => setActor((e.target as HTMLSelectElement).value)}>
            {users.map((u) => (
              <option key={u.id} value={u.id}>{`${u.id} (${u.kind}, ${u.role})`}</option>
            ))}
          </select>
        </div>
        {outline.platform === 'leanix' ? (
          <>
            <div>
              <label for="adv-type">Fact sheet type</label>
              <select id="adv-type" value={type} onChange={(e) => { setType((e.target as HTMLSelectElement).value); setPaths([]); }}>
                {outline.types.map((t) => (
                  <option key={t.name} value={t.name}>{t.name}</option>
                ))}
              </select>
            </div>
            <div>
              <label for="adv-runs">Runs a year</label>
              <input id="adv-runs" type="number" min={0} value={runs} style={{ width: '6em' }} onInput={(e) => setRuns(Number((e.target as HTMLInputElement).value) || 0)} />
            </div>
          </>
        ) : null}
      </div>
      {outline.platform === 'leanix' && typeDef ? (
        <fieldset style={{ border: 0, padding: 0, margin: '8px 0' }}>
          <legend class="muted">Paths the integration writes</legend>
          <div class="row">
            {pathsOfType(typeDef).filter((p) => p.kind !== 'seal').map((p) => (
              <button key={p.path} class="chip" aria-pressed={paths.includes(p.path)} onClick={() => toggle(paths, setPaths, p.path)}>{p.path}</button>
            ))}
          </div>
        </fieldset>
      ) : null}
      {outline.platform === 'qualytics' ? (
        <>
          <fieldset style={{ border: 0, padding: 0, margin: '8px 0' }}>
            <legend class="muted">Actions it needs</legend>
            <div class="row">
              {Q_ACTION_IDS.map((a) => (
                <button key={a} class="chip" aria-pressed={actions.includes(a)} onClick={() => toggle(actions, setActions, a)}>{a}</button>
              ))}
            </div>
          </fieldset>
          <fieldset style={{ border: 0, padding: 0, margin: '8px 0' }}>
            <legend class="muted">On datastores</legend>
            <div class="row">
              {outline.datastores.map((d) => (
                <button key={d.id} class="chip" aria-pressed={datastores.includes(d.id)} onClick={() => toggle(datastores, setDatastores, d.id)}>{d.id}</button>
              ))}
            </div>
          </fieldset>
        </>
      ) : null}
      <button class="primary" onClick={() => void ask()}>Advise</button>
      {failure ? <FailureText failure={failure} /> : null}
      {answer?.platform === 'leanix' ? <LeanixAdvice answer={answer} /> : null}
      {answer?.platform === 'qualytics' ? (
        <div data-testid="advice" style={{ marginTop: '12px' }}>
          <p><strong>{`${answer.advice.actor} needs the ${answer.advice.role} role${answer.advice.level ? ` and ${answer.advice.level}` : ''}`}</strong></p>
          <p>{answer.advice.note}</p>
          {answer.advice.alsoAllows.length ? <p class="muted">{`That also allows: ${answer.advice.alsoAllows.join(', ')}`}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

function LeanixAdvice({ answer }: { answer: Extract<AdviseAnswer, { platform: 'leanix' }> }) {
  const a = answer.advice;
  return (
    <div data-testid="advice" style={{ marginTop: '12px' }}>
      <p>{`${a.actor} writing ${a.paths.join(', ')} on ${formatCount(a.factSheets)} ${a.type} fact sheets, ${a.runsPerYear} runs a year`}</p>
      <table>
        <thead>
          <tr>
            <th>Setup</th><th>Allowed</th><th>Seal breaks / run</th><th>Events / run</th><th>Notifications / year</th><th>Extra capabilities</th><th>Note</th>
          </tr>
        </thead>
        <tbody>
          {a.options.map((o) => (
            <tr key={o.setup} data-testid={`advice-${o.setup}`} style={o.recommended ? { fontWeight: 600 } : undefined}>
              <td>{o.recommended ? `${o.setup} (recommended)` : o.setup}</td>
              <td>{`${formatCount(o.allowed)} / ${formatCount(o.allowed + o.denied)}`}</td>
              <td>{formatCount(o.sealBreaksPerRun)}</td>
              <td>{formatCount(o.eventsPerRun)}</td>
              <td>{formatCount(o.notificationsPerYear)}</td>
              <td>{formatCount(o.extraCapabilities.length)}</td>
              <td>{o.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.role ? (
        <>
          <p>The recommended customer role, ready to paste:</p>
          <pre class="panel" data-testid="advised-role">{JSON.stringify(a.role, null, 2)}</pre>
        </>
      ) : null}
    </div>
  );
}
