// The "Who" tab: the reverse of the quick question, for one fact sheet. Per user: would
// an edit keep the seal, break it, or be denied; who may approve the seal; who is
// notified when it breaks; who cannot touch it at all. The answers are the engine's
// (`sealcheck who`, src/engine/leanix/who.ts) through the worker; this only shows them.
import { useEffect, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { SealHolder } from '../../engine/leanix/decide';
import type { EditAnswer, WhoAnswer, WhoUser } from '../../engine/leanix/who';
import type { Outline } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { ChipsInput } from '../components/ChipsInput';
import { FactSheetPicker } from '../components/FactSheetPicker';
import { FailureText } from '../components/FailureText';
import { formatCount, plural } from '../components/format';
import { pathsOfType } from '../components/leanix-paths';
import './Who.css';

const EDIT_WORDS: Record<EditAnswer, { text: string; tone: string }> = {
  keeps: { text: 'Allowed · seal kept', tone: 'kept' },
  breaks: { text: 'Allowed · seal breaks', tone: 'breaks' },
  allowed: { text: 'Allowed · no approved seal', tone: 'allowed' },
  denied: { text: 'Denied', tone: 'denied' },
};

function holderText(h: SealHolder | null): string {
  if (!h) return 'none';
  if (h.by === 'admin') return 'ADMIN';
  if (h.by === 'subscription') return `${h.type} subscriber`;
  return h.holder.by === 'grant' ? `${h.holder.role} grants lxState` : 'a grant on lxState';
}

export function Who({ client, workspace }: TabProps) {
  const id = workspace?.id ?? null;
  const [outline, setOutline] = useState<Outline | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [sheet, setSheet] = useState('');
  const [sheetType, setSheetType] = useState<string | null>(null);
  const [paths, setPaths] = useState<string[]>([]);
  const [useDrafts, setUseDrafts] = useState(true);
  const [answer, setAnswer] = useState<WhoAnswer | null>(null);
  const [asked, setAsked] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setOutline(null);
    setFailure(null);
    setSheet('');
    setAnswer(null);
    if (!id) return;
    void client
      .engine()
      .outline(id)
      .then((r) => {
        if (!live) return;
        if (r.ok) setOutline(r.value);
        else setFailure(r.error);
      });
    return () => {
      live = false;
    };
  }, [id, workspace?.updatedAt]);

  useEffect(() => {
    let live = true;
    setAnswer(null);
    setAsked(null);
    if (!id || !sheet) return;
    setBusy(true);
    void client
      .engine()
      .who(id, sheet, paths.length ? paths : undefined, useDrafts)
      .then((r) => {
        if (!live) return;
        setBusy(false);
        if (r.ok) setAnswer(r.value);
        else setAsked(r.error);
      });
    return () => {
      live = false;
    };
  }, [id, sheet, paths.join('\u0000'), useDrafts, workspace?.updatedAt]);

  if (!workspace || !id) return <p class="muted">No workspace yet: import a policy file or start from a template on the Workspaces tab, then ask who can do what to a fact sheet here.</p>;
  if (failure) return <FailureText failure={failure} prefix="The workspace could not be read:" />;
  if (!outline) return <p class="muted">Reading the workspace…</p>;
  if (outline.platform !== 'leanix') return <p class="muted">“Who” answers for LeanIX fact sheets; this is a Qualytics workspace (see Role advisor and Quick check).</p>;

  const type = outline.types.find((t) => t.name === sheetType);
  const offered = type ? pathsOfType(type).filter((p) => p.kind !== 'seal').map((p) => p.path) : [];
  return (
    <div class="panel" data-testid="who">
      <h2>Who can do what to a fact sheet</h2>
      <p class="muted" style={{ marginTop: 0 }}>
        For every user: would an edit keep the seal, break it, or be denied; who may approve the seal; who is notified when it breaks. Without
        paths, each user's edit is every seal-relevant field, relation and section it may write.
      </p>
      <FactSheetPicker
        client={client}
        workspaceId={id}
        types={outline.types.map((t) => t.name)}
        value={sheet}
        idPrefix="who-sheet"
        onChange={(next, row) => {
          setSheet(next);
          if (row && row.type !== sheetType) {
            setSheetType(row.type);
            setPaths([]);
          }
        }}
      />
      <div class="row" style={{ marginTop: '8px', alignItems: 'flex-start' }}>
        <div style={{ flex: '1 1 320px' }}>
          <div class="muted" style={{ fontSize: '0.85rem' }} id="who-paths-label">
            Paths of the edit (empty: every seal-relevant path each user may write)
          </div>
          <ChipsInput id="who-paths" noun="path" values={paths} suggestions={offered} only={offered.length > 0} placeholder="/path" onChange={setPaths} disabled={!sheet} />
        </div>
        {outline.drafts.length ? (
          <label class="row" style={{ margin: 0 }}>
            <input type="checkbox" checked={useDrafts} onChange={(e) => setUseDrafts(e.currentTarget.checked)} />
            {`With the role drafts (${outline.drafts.join(', ')})`}
          </label>
        ) : null}
      </div>
      {asked ? <FailureText failure={asked} prefix="Not answered:" /> : null}
      {!sheet ? <p class="muted">Choose a fact sheet.</p> : busy && !answer ? <p class="muted">Asking…</p> : null}
      {answer ? <WhoResult answer={answer} /> : null}
    </div>
  );
}

function Group({ title, ids, testId, note }: { title: string; ids: readonly string[]; testId: string; note?: string }) {
  return (
    <div class="who-group" data-testid={testId}>
      <div class="who-group-title">{`${title} (${formatCount(ids.length)})`}</div>
      <div>{ids.length ? ids.join(', ') : 'no one'}</div>
      {note ? <div class="muted" style={{ fontSize: '0.85rem' }}>{note}</div> : null}
    </div>
  );
}

function WhoResult({ answer: a }: { answer: WhoAnswer }) {
  const sealWords = !a.sealEnabled ? `${a.factSheet.type} has no quality seal.` : a.lxState === 'APPROVED' ? 'The seal is approved.' : `The seal is ${a.lxState} now: no edit breaks it until it is approved again.`;
  return (
    <div style={{ marginTop: '12px' }} data-testid="who-result">
      <h3>{`${a.factSheet.name || a.factSheet.id} (${a.factSheet.type})`}</h3>
      <p class="muted" style={{ marginTop: 0 }}>
        {sealWords} {a.paths ? `The edit: ${a.paths.join(', ')}.` : ''}
      </p>
      <div class="who-groups">
        <Group title="Edit and keep the seal" ids={a.keeps} testId="who-keeps" />
        <Group title="Break the seal" ids={a.breaks} testId="who-breaks" />
        {a.allowed.length ? <Group title="Edit, no approved seal to keep" ids={a.allowed} testId="who-allowed" /> : null}
        <Group title="May approve the seal" ids={a.approvers} testId="who-approvers" />
        <Group title="Notified when it breaks" ids={a.notified} testId="who-notified" />
        <Group title="Cannot touch it" ids={a.untouchable} testId="who-untouchable" note="Their edit is denied and they may not approve." />
      </div>
      <table data-testid="who-table" style={{ marginTop: '12px' }}>
        <caption class="sr-only">Every user's answer</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Edit</th>
            <th scope="col">Seal permission</th>
            <th scope="col">Approve</th>
          </tr>
        </thead>
        <tbody>
          {a.users.map((u) => (
            <UserRow key={u.user} u={u} />
          ))}
        </tbody>
      </table>
      <p class="muted">{`${plural(a.users.length, 'user')}; answered at the workspace's clock, ${new Date(a.at).toISOString().replace('.000Z', 'Z')}.`}</p>
    </div>
  );
}

function UserRow({ u }: { u: WhoUser }) {
  const edit = EDIT_WORDS[u.edit];
  return (
    <tr data-testid="who-row" data-user={u.user} data-edit={u.edit}>
      <th scope="row" style={{ fontWeight: 500 }}>
        {u.user}
      </th>
      <td>
        <span class={`verdict ${edit.tone}`} style={{ display: 'inline-block', padding: '1px 8px' }}>
          {edit.text}
        </span>
        {u.paths.length ? <div class="muted" style={{ fontSize: '0.85rem', overflowWrap: 'anywhere' }}>{u.paths.join(', ')}</div> : null}
        {u.edit === 'breaks' ? <div style={{ fontSize: '0.85rem' }}>{`notifies ${u.notified.length ? u.notified.join(', ') : 'no one'}`}</div> : null}
        {u.editDetail ? <div style={{ fontSize: '0.85rem' }}>{u.editDetail}</div> : null}
      </td>
      <td>{holderText(u.sealHolder)}</td>
      <td>
        {u.approve ? <span class="pass">may approve</span> : <span class="fail">may not</span>}
        {u.approveDetail ? <div style={{ fontSize: '0.85rem' }}>{u.approveDetail}</div> : null}
      </td>
    </tr>
  );
}
