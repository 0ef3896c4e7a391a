// The playground: one tab per feature, each in its own file.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { connectEngine } from '../engine-client';
import { startEngineWorker } from '../engine-worker';
import { EngineHomeNote } from '../components/EngineHomeNote';
import { EngineBusy } from '../engine-client-busy';
import type { EngineClient } from '../engine-client';
import type { WorkspaceSummary } from '../../storage/store';
import { questionFromHash } from '../question-link-read';
import { Workspaces } from './Workspaces';
import { RoleDesigner } from './RoleDesigner';
import { ModelEditor } from './ModelEditor';
import { Scenarios } from './Scenarios';
import { BulkWhatIf } from './BulkWhatIf';
import { QuickCheckTab } from './QuickCheckTab';
import { Advisor } from './Advisor';
import { Diff } from './Diff';
import { Who } from './Who';
import { ShareOpen } from './Share';

export interface TabProps {
  readonly client: EngineClient;
  /** The workspace chosen in the header, or null when there is none yet. */
  readonly workspace: WorkspaceSummary | null;
  /** Call after anything that changes workspaces, to refresh the header's list. */
  readonly refresh: () => Promise<void>;
  /** Shows a message in the status line (role=status) while this tab is open; each tab has its own. */
  readonly notify: (message: string) => void;
  /** Makes a workspace the current one (after an import or a new one from a template). */
  readonly select: (id: string) => void;
}

const TABS = [
  { key: 'workspaces', label: 'Workspaces', View: Workspaces },
  { key: 'check', label: 'Quick check', View: QuickCheckTab },
  { key: 'who', label: 'Who', View: Who },
  { key: 'roles', label: 'Role designer', View: RoleDesigner },
  { key: 'model', label: 'Model', View: ModelEditor },
  { key: 'scenarios', label: 'Scenarios', View: Scenarios },
  { key: 'bulk', label: 'Bulk what-if', View: BulkWhatIf },
  { key: 'advisor', label: 'Role advisor', View: Advisor },
  { key: 'diff', label: 'Policy diff', View: Diff },
] as const;

type TabKey = (typeof TABS)[number]['key'];

export function App() {
  // A message belongs to the tab whose action said it and shows only there; what concerns
  // every tab (the engine restarted, the list could not be read) shows on each until the
  // next message. Choosing another workspace in the header clears them all.
  const [said, setSaid] = useState<Partial<Record<TabKey, string>>>({});
  const [pageNote, setPageNote] = useState('');
  const client = useMemo(() => connectEngine((message) => setPageNote(message), startEngineWorker), []);
  const [workspaces, setWorkspaces] = useState<WorkspaceSummary[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [tab, setTab] = useState<TabKey>(() => (questionFromHash(location.hash) ? 'check' : 'workspaces'));
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const notifiers = useMemo(
    () =>
      Object.fromEntries(
        TABS.map((t) => [
          t.key,
          (message: string) => {
            setPageNote('');
            setSaid((s) => ({ ...s, [t.key]: message }));
          },
        ]),
      ) as Record<TabKey, (message: string) => void>,
    [],
  );
  /** A tab made another workspace current: its own message stays, the others' go. */
  const select = (id: string) => {
    setCurrent(id);
    setSaid((s) => (s[tabRef.current] ? { [tabRef.current]: s[tabRef.current] } : {}));
  };

  const refresh = async () => {
    const r = await client.engine().listWorkspaces();
    if (!r.ok) {
      setPageNote(r.error.message);
      return;
    }
    setWorkspaces(r.value);
    const linked = questionFromHash(location.hash)?.workspace;
    setCurrent((c) => (c && r.value.some((w) => w.id === c) ? c : linked && r.value.some((w) => w.id === linked) ? linked : r.value[0]?.id ?? null));
  };
  useEffect(() => {
    void refresh();
    const onHash = () => {
      const linked = questionFromHash(location.hash);
      if (!linked) return;
      setCurrent(linked.workspace);
      setTab('check');
    };
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
      client.dispose();
    };
  }, []);

  const workspace = workspaces.find((w) => w.id === current) ?? null;
  const active = TABS.find((t) => t.key === tab)!;
  const View = active.View;
  return (
    <div style={{ maxWidth: '1100px', margin: '0 auto', padding: '16px' }}>
      <header class="row" style={{ justifyContent: 'space-between', marginBottom: '12px' }}>
        <h1>Sealcheck playground</h1>
        <div class="row">
          <label for="ws-select" style={{ margin: 0 }}>Workspace</label>
          <select
            id="ws-select"
            value={current ?? ''}
            onChange={(e) => {
              setCurrent((e.target as HTMLSelectElement).value || null);
              setSaid({});
            }}
          >
            {workspaces.length === 0 ? <option value="">none yet</option> : null}
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.platform})
              </option>
            ))}
          </select>
        </div>
      </header>
      <EngineHomeNote />
      <nav role="tablist" aria-label="Playground sections" class="row" style={{ marginBottom: '12px' }}>
        {TABS.map((t) => (
          <button key={t.key} role="tab" id={`tab-${t.key}`} aria-selected={tab === t.key} aria-controls="tabpanel" class={tab === t.key ? 'primary' : ''} onClick={() => setTab(t.key)}>
            {t.label}
          </button>
        ))}
      </nav>
      <div role="status" aria-live="polite" data-testid="status" class="page-status">
        {pageNote || said[tab] || null}
      </div>
      {/* what an engine works on (other tabs' too); an import shows its own progress on the Workspaces tab */}
      <EngineBusy client={client} except={(job) => tab === 'workspaces' && job.mine && job.kind === 'import'} />
      {/* a share link (#share=…): a preview and an explicit import, above whichever tab is open */}
      <ShareOpen
        client={client}
        notify={notifiers.workspaces}
        onImported={async (summary) => {
          await refresh();
          select(summary.id);
          setTab('workspaces');
        }}
      />
      <section id="tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <View client={client} workspace={workspace} refresh={refresh} notify={notifiers[tab]} select={select} />
      </section>
    </div>
  );
}
