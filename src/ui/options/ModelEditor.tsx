// The model editor: forms over the workspace's model (format version 2), no JSON typing.
// It loads the model with getWorkspace, edits a copy, and saves through savePolicy, which
// validates the whole file as a file is validated: an invalid edit shows its located
// errors (in the list on top and next to the form they belong to) and changes nothing.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { TabProps } from './App';
import type { LeanixPolicy, Policy, QualyticsPolicy } from '../../model/schema';
import type { PolicyError } from '../../policy/errors';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { errorsAt } from './ModelEditor-model';
import { LeanixUsers } from './ModelEditor-LeanixUsers';
import { FactSheets } from './ModelEditor-FactSheets';
import { Settings } from './ModelEditor-Settings';
import { SubscriptionRoles } from './ModelEditor-SubscriptionRoles';
import { Types } from './ModelEditor-Types';
import { Datastores, QualyticsUsers, Teams, Tokens } from './ModelEditor-Qualytics';
import type { SectionProps } from './ModelEditor-parts';
import './ModelEditor.css';

/** A part of the model; `key` is also the top-level key of the file it edits, so that errors are counted per part. */
type Section<P> = { key: string; label: string; View: ComponentType<SectionProps<P>>; path?: string };

const LEANIX_SECTIONS: Section<LeanixPolicy>[] = [
  { key: 'users', label: 'Users', View: LeanixUsers },
  { key: 'factSheets', label: 'Fact sheets', View: FactSheets },
  { key: 'types', label: 'Fact sheet types', View: Types, path: 'factSheetTypes' },
  { key: 'subscriptionRoles', label: 'Subscription roles', View: SubscriptionRoles },
  { key: 'settings', label: 'Workspace settings', View: Settings },
];

const QUALYTICS_SECTIONS: Section<QualyticsPolicy>[] = [
  { key: 'teams', label: 'Teams', View: Teams },
  { key: 'datastores', label: 'Datastores', View: Datastores },
  { key: 'users', label: 'Users', View: QualyticsUsers },
  { key: 'tokens', label: 'Tokens', View: Tokens },
];

export function ModelEditor({ client, workspace, refresh, notify }: TabProps) {
  const [base, setBase] = useState<Policy | null>(null);
  const [work, setWork] = useState<Policy | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [section, setSection] = useState<string>('users');
  const [refused, setRefused] = useState<{ title: string; errors: PolicyError[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const wsId = workspace?.id ?? null;

  const load = async () => {
    if (!wsId) return;
    const r = await client.engine().getWorkspace(wsId);
    if (!r.ok) return setLoadError(r.error.message);
    setLoadError(null);
    setBase(r.value.policy);
    setWork(r.value.policy);
  };

  useEffect(() => {
    setBase(null);
    setWork(null);
    setRefused(null);
    void load();
  }, [wsId, workspace?.updatedAt]);

  if (!workspace) return <p class="muted">Import or create a workspace first (Workspaces tab), then edit its model here.</p>;
  if (loadError) return <p class="error-list" role="alert">{loadError}</p>;
  if (!work || !base) return <p class="muted">Loading the model…</p>;

  const dirty = work !== base;
  const save = async () => {
    setSaving(true);
    const r = await client.engine().savePolicy(workspace.id, work);
    setSaving(false);
    if (!r.ok) {
      const errors = r.error.kind === 'invalid' ? [...r.error.errors] : [];
      setRefused({ title: `${r.error.message.charAt(0).toUpperCase()}${r.error.message.slice(1)}.`, errors });
      return;
    }
    setRefused(null);
    notify(`Model of ${r.value.name} saved.`);
    await refresh();
    await load();
  };

  const errors = refused?.errors ?? [];
  const sections = work.platform === 'leanix' ? LEANIX_SECTIONS : QUALYTICS_SECTIONS;
  const active = sections.find((s) => s.key === section) ?? sections[0]!;

  return (
    <div class="me">
      <div class="me-bar panel" role="region" aria-label="Save the model">
        <span class={dirty ? 'me-dirty' : 'muted'} data-testid="model-state">
          {dirty ? 'Unsaved changes (lost when you leave this tab)' : 'No unsaved changes'}
        </span>
        <span class="row">
          <button type="button" class="primary" disabled={!dirty || saving} onClick={() => void save()} data-testid="save-model">
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button
            type="button"
            disabled={!dirty || saving}
            onClick={() => {
              setWork(base);
              setRefused(null);
            }}
          >
            Discard changes
          </button>
        </span>
      </div>
      {refused ? <PolicyErrorList message={refused.title} errors={refused.errors} testId="model-errors" /> : null}

      <nav class="row me-sections" aria-label="Parts of the model">
        {sections.map((s) => {
          const n = errorsAt(errors, s.path ?? s.key).length;
          return (
            <button key={s.key} type="button" aria-pressed={s.key === active.key} class={s.key === active.key ? 'primary' : ''} onClick={() => setSection(s.key)}>
              {s.label}
              {n ? <span class="me-error-count"> · {n === 1 ? '1 error' : `${n.toLocaleString('en-US')} errors`}</span> : null}
            </button>
          );
        })}
      </nav>

      {work.platform === 'leanix' ? (
        <SectionView view={(active as Section<LeanixPolicy>).View} policy={work} onChange={setWork} errors={errors} />
      ) : (
        <SectionView view={(active as Section<QualyticsPolicy>).View} policy={work} onChange={setWork} errors={errors} />
      )}
    </div>
  );
}

function SectionView<P>({ view: View, ...props }: SectionProps<P> & { view: ComponentType<SectionProps<P>> }) {
  return <View {...props} />;
}
