// Policy diff between two workspaces: access added or removed, scenarios and seals that change.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Capability, PolicyDiff, RoleCapability, SealChange } from '../../engine/diff';
import { formatGrant } from '../../model/permission';
import type { Action, Resource } from '../../model/vocabulary';
import type { WorkspaceSummary } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { FailureText } from '../components/FailureText';
import { formatCount, formatWhen, plural } from '../components/format';
import type { TabProps } from './App';

const SEAL_LIST = 100;
const PER_GROUP = 200;
/** Groups open by themselves when a list is this short. */
const OPEN_BELOW = 20;

type Platform = WorkspaceSummary['platform'];

/** The other workspace to compare against: the newest one imported before this one, else the newest. */
function defaultOld(others: readonly WorkspaceSummary[], current: WorkspaceSummary): string {
  const byAge = [...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (byAge.find((w) => w.createdAt <= current.createdAt) ?? byAge[0])?.id ?? '';
}

export function Diff({ client, workspace }: TabProps) {
  const [others, setOthers] = useState<WorkspaceSummary[] | null>(null);
  const [listError, setListError] = useState<Failure | null>(null);
  const [oldId, setOldId] = useState('');
  const [diff, setDiff] = useState<{ diff: PolicyDiff; old: WorkspaceSummary } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    setOthers(null);
    setListError(null);
    setDiff(null);
    setFailure(null);
    if (!workspace) return;
    void client
      .engine()
      .listWorkspaces()
      .then((r) => {
        if (!current) return;
        if (!r.ok) {
          setListError(r.error);
          return;
        }
        const list = r.value.filter((w) => w.id !== workspace.id && w.platform === workspace.platform);
        setOthers(list);
        setOldId(defaultOld(list, workspace));
      });
    return () => {
      current = false;
    };
  }, [workspace?.id, workspace?.updatedAt]);

  if (!workspace) return <p class="muted">No workspace yet: import two versions of a policy file on the Workspaces tab, then compare them here.</p>;
  if (listError) return <FailureText failure={listError} prefix="The workspaces could not be listed:" />;
  if (!others) return <p class="muted">Reading the workspaces…</p>;
  if (!others.length) {
    return (
      <p class="muted" data-testid="diff-empty">
        {`Nothing to compare “${workspace.name}” with yet: import the other version of this policy file on the Workspaces tab, then come back here.`}
      </p>
    );
  }
  const old = others.find((w) => w.id === oldId) ?? null;
  const sameName = (w: WorkspaceSummary) => w.name === workspace.name || others.some((x) => x !== w && x.name === w.name);

  async function run(): Promise<void> {
    if (!workspace || !old || busy) return;
    setFailure(null);
    setBusy(true);
    try {
      const r = await client.engine().diff(old.id, workspace.id);
      if (r.ok) {
        setDiff({ diff: r.value, old });
        requestAnimationFrame(() => resultRef.current?.focus());
      } else {
        setDiff(null);
        setFailure(r.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="panel" data-testid="diff">
      <h2>Policy diff</h2>
      <p class="muted" style={{ marginTop: 0 }}>
        What the workspace chosen in the header (the new version) allows that another one (the old version) does not, and the other way round.
      </p>
      <form
        class="row"
        aria-label="Policy diff question"
        style={{ alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div>
          <label for="diff-old">Old version</label>
          <select
            id="diff-old"
            value={oldId}
            onChange={(e) => {
              setOldId((e.target as HTMLSelectElement).value);
              setDiff(null);
              setFailure(null);
            }}
          >
            {others.map((w) => (
              <option key={w.id} value={w.id}>
                {sameName(w) ? `${w.name} (imported ${formatWhen(w.createdAt)})` : w.name}
              </option>
            ))}
          </select>
        </div>
        <span aria-hidden="true" style={{ paddingBottom: '6px' }}>
          →
        </span>
        <div>
          <span class="muted" style={{ display: 'block', fontSize: '0.85rem', margin: '6px 0 2px' }}>
            New version (from the header)
          </span>
          <strong data-testid="diff-new" style={{ display: 'inline-block', padding: '4px 0' }}>
            {workspace.name}
          </strong>
        </div>
        <button type="submit" class="primary" disabled={busy || !old}>
          {busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {failure ? <FailureText failure={failure} prefix="Not compared:" /> : null}
      <div ref={resultRef} tabIndex={-1} aria-busy={busy} style={{ outline: 'none' }}>
        {diff ? <DiffResult diff={diff.diff} oldName={diff.old.name} newName={workspace.name} platform={workspace.platform} /> : null}
      </div>
    </div>
  );
}

function summary(d: PolicyDiff): string {
  const added = d.added.length;
  const removed = d.removed.length;
  if (!added && !removed && !d.rolesAdded.length && !d.rolesRemoved.length && !d.scenarioChanges.length && !d.sealChanges.length) {
    return 'The new version grants no access the old one did not, removes none, and changes no scenario or seal outcome.';
  }
  const head = added ? `The new version grants ${plural(added, 'access', 'accesses')} the old one did not` : 'The new version grants no access the old one did not';
  return removed ? `${head}, and removes ${plural(removed, 'access', 'accesses')} the old one granted.` : `${head}.`;
}

function DiffResult({ diff, oldName, newName, platform }: { diff: PolicyDiff; oldName: string; newName: string; platform: Platform }) {
  const seals = diff.sealChanges.length + diff.sealChangesOmitted;
  return (
    <div style={{ marginTop: '12px' }} data-testid="diff-result">
      <h3>{`From “${oldName}” to “${newName}”`}</h3>
      <p data-testid="diff-summary" class={diff.added.length ? 'fail' : 'pass'}>
        {summary(diff)}
      </p>
      <Capabilities title="Access added, by user" items={diff.added} testId="diff-added" platform={platform} />
      <Capabilities title="Access removed, by user" items={diff.removed} testId="diff-removed" platform={platform} />
      <RoleCapabilities title="Role grants added" items={diff.rolesAdded} testId="diff-roles-added" />
      <RoleCapabilities title="Role grants removed" items={diff.rolesRemoved} testId="diff-roles-removed" />
      {diff.scenarioChanges.length ? (
        <section data-testid="diff-scenarios">
          <h3>{`Scenarios whose outcome changes (${formatCount(diff.scenarioChanges.length)})`}</h3>
          <ul>
            {diff.scenarioChanges.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong>
                {': '}
                {outcomeChange(s.old, s.new)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {seals ? (
        <section data-testid="diff-seals">
          <h3>{`Seal outcomes that change (${formatCount(seals)})`}</h3>
          <p class="muted" style={{ marginTop: 0 }}>What an edit by the user does to the fact sheet's approved quality seal.</p>
          <ul>
            {diff.sealChanges.slice(0, SEAL_LIST).map((s) => (
              <li key={`${s.user}\u0000${s.factSheet}`} data-testid="seal-change">{`${s.user} editing ${s.factSheet}: ${SEAL_WORDS[s.old]} → ${SEAL_WORDS[s.new]}`}</li>
            ))}
          </ul>
          {seals > SEAL_LIST ? <p class="muted">{`The first ${formatCount(SEAL_LIST)} of ${formatCount(seals)} are listed.`}</p> : null}
        </section>
      ) : (
        <p class="muted">No seal outcome changes.</p>
      )}
    </div>
  );
}

const SEAL_WORDS: Record<SealChange['old'], string> = {
  keeps: 'keeps the seal',
  breaks: 'breaks the seal',
  absent: 'no approved seal',
};

function capabilityText(c: Capability | RoleCapability, platform: Platform): string {
  if (platform === 'qualytics') return c.type === '*' ? c.action : `${c.action} on ${c.type}`;
  return formatGrant({ resource: c.resource as Resource, actions: [c.action as Action], type: c.type, qualifier: c.qualifier });
}

function Capabilities({ title, items, testId, platform }: { title: string; items: readonly Capability[]; testId: string; platform: Platform }) {
  if (!items.length) return null;
  const byUser = new Map<string, string[]>();
  for (const c of items) {
    const list = byUser.get(c.user);
    if (list) list.push(capabilityText(c, platform));
    else byUser.set(c.user, [capabilityText(c, platform)]);
  }
  return <Groups title={title} groups={byUser} total={items.length} testId={testId} />;
}

function RoleCapabilities({ title, items, testId }: { title: string; items: readonly RoleCapability[]; testId: string }) {
  if (!items.length) return null;
  const byRole = new Map<string, string[]>();
  for (const c of items) {
    const list = byRole.get(c.role);
    if (list) list.push(capabilityText(c, 'leanix'));
    else byRole.set(c.role, [capabilityText(c, 'leanix')]);
  }
  return <Groups title={title} groups={byRole} total={items.length} testId={testId} />;
}

function Groups({ title, groups, total, testId }: { title: string; groups: ReadonlyMap<string, string[]>; total: number; testId: string }) {
  return (
    <section data-testid={testId}>
      <h3>{`${title} (${formatCount(total)})`}</h3>
      {[...groups].map(([who, list]) => (
        <details key={who} open={total <= OPEN_BELOW} data-testid="diff-group" data-who={who}>
          <summary>
            <strong>{who}</strong>
            {`: ${formatCount(list.length)}`}
          </summary>
          <ul style={{ margin: '4px 0 8px' }}>
            {list.slice(0, PER_GROUP).map((x, i) => (
              <li key={i}>
                <code style={{ overflowWrap: 'anywhere' }}>{x}</code>
              </li>
            ))}
          </ul>
          {list.length > PER_GROUP ? <p class="muted">{`…and ${formatCount(list.length - PER_GROUP)} more.`}</p> : null}
        </details>
      ))}
    </section>
  );
}

function valueWords(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : 'none';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatCount(v);
  return JSON.stringify(v);
}

/** Only the outcome fields that differ, e.g. `sealBroken: true → false; notified: alice, bob → none`. */
function outcomeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  if (!before) return 'does not apply to the old version (it names something that file lacks); it now runs';
  if (!after) return 'no longer applies (it names something the new version lacks)';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.map((k) => `${k}: ${valueWords(before[k])} → ${valueWords(after[k])}`).join('; ');
}
