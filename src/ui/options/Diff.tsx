// Policy diff between any two of: a stored workspace, a workspace with its role drafts
// applied, a policy file. Access added or removed, scenarios and seals that change.
// A file is read here and checked by the worker; it is never stored.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Capability, PolicyDiff, RoleCapability, SealChange } from '../../engine/diff';
import { formatGrant } from '../../model/permission';
import type { Action, Resource } from '../../model/vocabulary';
import { tooLarge } from '../../policy/json';
import type { WorkspaceSummary } from '../../storage/store';
import type { DiffSide } from '../../worker/messages';
import type { Failure } from '../../worker/result';
import { FailureText } from '../components/FailureText';
import { formatCount, formatWhen, plural } from '../components/format';
import type { TabProps } from './App';

const SEAL_LIST = 100;
const PER_GROUP = 200;
/** Groups open by themselves when a list is this short. */
const OPEN_BELOW = 20;

type Platform = WorkspaceSummary['platform'];

/** A side as chosen in its select: `ws:<id>`, `drafts:<id>` or `file`. */
type Choice = string;

/** The other workspace to compare against: the newest one imported before this one, else the newest. */
function defaultOld(others: readonly WorkspaceSummary[], current: WorkspaceSummary): string {
  const byAge = [...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (byAge.find((w) => w.createdAt <= current.createdAt) ?? byAge[0])?.id ?? '';
}

interface Candidate {
  readonly workspace: WorkspaceSummary;
  /** Its role drafts, by name (LeanIX). */
  readonly drafts: readonly string[];
}

interface PickedFile {
  readonly name: string;
  readonly text: string;
}

export function Diff({ client, workspace }: TabProps) {
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [listError, setListError] = useState<Failure | null>(null);
  const [oldChoice, setOldChoice] = useState<Choice>('');
  const [newChoice, setNewChoice] = useState<Choice>('');
  const [files, setFiles] = useState<{ old: PickedFile | null; new: PickedFile | null }>({ old: null, new: null });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ diff: PolicyDiff; oldName: string; newName: string } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    setCandidates(null);
    setListError(null);
    setDiff(null);
    setFailure(null);
    if (!workspace) return;
    void (async () => {
      const r = await client.engine().listWorkspaces();
      if (!current) return;
      if (!r.ok) return setListError(r.error);
      const same = r.value.filter((w) => w.platform === workspace.platform);
      const withDrafts = await Promise.all(
        same.map(async (w) => {
          if (w.platform !== 'leanix') return { workspace: w, drafts: [] };
          const d = await client.engine().listDrafts(w.id);
          return { workspace: w, drafts: d.ok ? d.value.map((x) => x.name) : [] };
        }),
      );
      if (!current) return;
      setCandidates(withDrafts);
      const others = same.filter((w) => w.id !== workspace.id);
      const mine = withDrafts.find((c) => c.workspace.id === workspace.id);
      setNewChoice(`ws:${workspace.id}`);
      setOldChoice(others.length ? `ws:${defaultOld(others, workspace)}` : mine?.drafts.length ? `ws:${workspace.id}` : 'file');
      if (mine?.drafts.length && !others.length) setNewChoice(`drafts:${workspace.id}`);
    })();
    return () => {
      current = false;
    };
  }, [workspace?.id, workspace?.updatedAt]);

  if (!workspace) return <p class="muted">No workspace yet: import two versions of a policy file on the Workspaces tab, then compare them here.</p>;
  if (listError) return <FailureText failure={listError} prefix="The workspaces could not be listed:" />;
  if (!candidates) return <p class="muted">Reading the workspaces…</p>;

  const others = candidates.filter((c) => c.workspace.id !== workspace.id);
  const nameTaken = (w: WorkspaceSummary) => candidates.some((c) => c.workspace !== w && c.workspace.name === w.name);
  const wsLabel = (w: WorkspaceSummary) => (nameTaken(w) ? `${w.name} (imported ${formatWhen(w.createdAt)})` : w.name);
  const label = (choice: Choice, file: PickedFile | null): string => {
    if (choice === 'file') return file ? `file ${file.name}` : 'a file';
    const [kind, id] = [choice.slice(0, choice.indexOf(':')), choice.slice(choice.indexOf(':') + 1)];
    const c = candidates.find((x) => x.workspace.id === id);
    if (!c) return '';
    return kind === 'drafts' ? `${wsLabel(c.workspace)} with role drafts ${c.drafts.join(', ')}` : wsLabel(c.workspace);
  };
  const sideOf = (choice: Choice, file: PickedFile | null): DiffSide | null => {
    if (choice === 'file') return file ? { kind: 'file', text: file.text } : null;
    const id = choice.slice(choice.indexOf(':') + 1);
    return choice.startsWith('drafts:') ? { kind: 'drafts', id } : { kind: 'workspace', id };
  };
  const oldSide = sideOf(oldChoice, files.old);
  const newSide = sideOf(newChoice, files.new);

  async function pick(which: 'old' | 'new', file: File | undefined): Promise<void> {
    setDiff(null);
    setFailure(null);
    setFileProblem(null);
    if (!file) return setFiles((f) => ({ ...f, [which]: null }));
    const big = tooLarge(file.size);
    if (big) return setFileProblem(`${file.name}: ${big.message}`);
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await file.arrayBuffer());
      setFiles((f) => ({ ...f, [which]: { name: file.name, text } }));
    } catch {
      setFileProblem(`${file.name}: the file is not UTF-8 text; policy files are JSON in UTF-8`);
    }
  }

  async function run(): Promise<void> {
    if (!oldSide || !newSide || busy) return;
    setFailure(null);
    setBusy(true);
    try {
      const r = await client.engine().diffSides(oldSide, newSide);
      if (r.ok) {
        let oldName = label(oldChoice, files.old);
        let newName = label(newChoice, files.new);
        if (oldName === newName) {
          oldName = `${oldName} (old)`;
          newName = `${newName} (new)`;
        }
        setDiff({ diff: r.value, oldName, newName });
        requestAnimationFrame(() => resultRef.current?.focus());
      } else {
        setDiff(null);
        setFailure(r.error);
      }
    } finally {
      setBusy(false);
    }
  }

  const sideSelect = (which: 'old' | 'new', id: string, text: string, value: Choice, set: (c: Choice) => void) => (
    <div>
      <label for={id}>{text}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          set((e.target as HTMLSelectElement).value);
          setDiff(null);
          setFailure(null);
        }}
      >
        {(which === 'old' ? [...others, ...candidates.filter((c) => c.workspace.id === workspace.id)] : [...candidates.filter((c) => c.workspace.id === workspace.id), ...others]).map((c) => [
          <option key={`ws-${c.workspace.id}`} value={`ws:${c.workspace.id}`}>
            {wsLabel(c.workspace)}
          </option>,
          c.drafts.length ? (
            <option key={`drafts-${c.workspace.id}`} value={`drafts:${c.workspace.id}`}>
              {`${wsLabel(c.workspace)} with its role drafts`}
            </option>
          ) : null,
        ])}
        <option value="file">A policy file…</option>
      </select>
      {value === 'file' ? (
        <div style={{ marginTop: '4px' }}>
          <label for={`${id}-file`} class="sr-only">{`${which === 'old' ? 'Old' : 'New'} side: policy file`}</label>
          <input id={`${id}-file`} type="file" accept=".json,application/json" data-testid={`${id}-file`} onChange={(e) => void pick(which, e.currentTarget.files?.[0])} />
        </div>
      ) : null}
    </div>
  );

  return (
    <div class="panel" data-testid="diff">
      <h2>Policy diff</h2>
      <p class="muted" style={{ marginTop: 0 }}>
        What the new version allows that the old version does not, and the other way round. Either side is a workspace as stored, a workspace with its
        role drafts applied, or a policy file (read here, never stored).
      </p>
      {!others.length ? (
        <p class="muted" data-testid="diff-empty">
          {`Nothing to compare “${workspace.name}” with yet: import the other version of this policy file on the Workspaces tab, then come back here; or compare it with ${candidates.find((c) => c.workspace.id === workspace.id)?.drafts.length ? 'its role drafts or ' : ''}a file below.`}
        </p>
      ) : null}
      <form
        class="row"
        aria-label="Policy diff question"
        style={{ alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {sideSelect('old', 'diff-old', 'Old version', oldChoice, setOldChoice)}
        <span aria-hidden="true" style={{ paddingBottom: '6px' }}>
          →
        </span>
        {sideSelect('new', 'diff-new-side', 'New version', newChoice, setNewChoice)}
        <button type="submit" class="primary" disabled={busy || !oldSide || !newSide}>
          {busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      <p class="muted" style={{ margin: '4px 0 0' }}>
        {'New version: '}
        <strong data-testid="diff-new">{label(newChoice, files.new)}</strong>
      </p>
      {fileProblem ? (
        <p class="error-list" role="alert">
          {fileProblem}
        </p>
      ) : null}
      {failure ? <FailureText failure={failure} prefix="Not compared:" /> : null}
      <div ref={resultRef} tabIndex={-1} aria-busy={busy} style={{ outline: 'none' }}>
        {diff ? <DiffResult diff={diff.diff} oldName={diff.oldName} newName={diff.newName} platform={workspace.platform} /> : null}
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
