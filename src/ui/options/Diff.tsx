// Policy diff between two workspaces: access added or removed, scenarios and seals that change.
import { useEffect, useState } from 'preact/hooks';
import type { PolicyDiff } from '../../engine/diff';
import type { WorkspaceSummary } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { FailureText } from '../components/FailureText';
import { formatCount } from '../components/format';
import type { TabProps } from './App';

export function Diff({ client, workspace }: TabProps) {
  const [others, setOthers] = useState<WorkspaceSummary[] | null>(null);
  const [oldId, setOldId] = useState('');
  const [diff, setDiff] = useState<PolicyDiff | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  useEffect(() => {
    setOthers(null);
    setDiff(null);
    if (!workspace) return;
    void client.engine().listWorkspaces().then((r) => {
      const list = r.ok ? r.value.filter((w) => w.id !== workspace.id && w.platform === workspace.platform) : [];
      setOthers(list);
      setOldId(list[0]?.id ?? '');
    });
  }, [workspace?.id]);
  if (!workspace) return <p class="muted">Import two versions of a policy file, then compare them here.</p>;
  if (!others) return <p class="muted">Loading…</p>;
  if (!others.length) return <p class="muted">Import the older version of this policy file as a second workspace to compare it with this one.</p>;
  const run = async () => {
    setFailure(null);
    const r = await client.engine().diff(oldId, workspace.id);
    if (r.ok) setDiff(r.value);
    else setFailure(r.error);
  };
  return (
    <div class="panel" data-testid="diff">
      <h2>Policy diff</h2>
      <div class="row">
        <label for="diff-old" style={{ margin: 0 }}>Compare</label>
        <select id="diff-old" value={oldId} onChange={(e) => setOldId((e.target as HTMLSelectElement).value)}>
          {others.map((w) => (
            <option key={w.id} value={w.id}>{w.name}</option>
          ))}
        </select>
        <span>{`→ ${workspace.name}`}</span>
        <button class="primary" onClick={() => void run()}>Compare</button>
      </div>
      {failure ? <FailureText failure={failure} /> : null}
      {diff ? (
        <div style={{ marginTop: '12px' }}>
          <p data-testid="diff-summary" class={diff.added.length ? 'fail' : 'pass'}>
            {diff.added.length ? `the new version grants ${formatCount(diff.added.length)} access${diff.added.length === 1 ? '' : 'es'} the old one did not` : 'the new version grants no access the old one did not'}
          </p>
          <Capabilities title="Access added" items={diff.added} testId="diff-added" />
          <Capabilities title="Access removed" items={diff.removed} testId="diff-removed" />
          {diff.scenarioChanges.length ? (
            <>
              <h3>Scenarios whose outcome changes</h3>
              <ul>{diff.scenarioChanges.map((s) => <li key={s.name}>{`${s.name}: ${JSON.stringify(s.old)} → ${JSON.stringify(s.new)}`}</li>)}</ul>
            </>
          ) : null}
          {diff.sealChanges.length ? (
            <>
              <h3>{`Seal outcomes that change (${formatCount(diff.sealChanges.length + diff.sealChangesOmitted)})`}</h3>
              <ul>{diff.sealChanges.slice(0, 100).map((s, i) => <li key={i}>{`${s.user} editing ${s.factSheet}: ${s.old} → ${s.new}`}</li>)}</ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Capabilities({ title, items, testId }: { title: string; items: PolicyDiff['added']; testId: string }) {
  if (!items.length) return null;
  const byUser = new Map<string, string[]>();
  for (const c of items) byUser.set(c.user, [...(byUser.get(c.user) ?? []), `${c.action} ${c.resource} ${c.type}${c.qualifier === '*' ? '' : `.${c.qualifier}`}`]);
  return (
    <section data-testid={testId}>
      <h3>{`${title} (${formatCount(items.length)})`}</h3>
      {[...byUser].map(([user, list]) => (
        <details key={user}>
          <summary>{`${user}: ${formatCount(list.length)}`}</summary>
          <ul>{list.slice(0, 200).map((x, i) => <li key={i}>{x}</li>)}</ul>
        </details>
      ))}
    </section>
  );
}
