// The toolbar popup: the quick check of journey 1. Chooses the workspace (the last one
// used, or the one holding the fact sheet of the LeanIX page it was opened over: those
// pulled from the page's origin first, preselect.ts) and hands over to the quick check the
// playground shows too. On a fact sheet of a pulled workspace it offers, opt-in, to re-read
// that fact sheet live (LiveReread.tsx); the verdict then uses it, in memory only.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FactSheetRow, WorkspaceSummary } from '../../storage/store';
import type { Outline } from '../../worker/api';
import type { LiveFactSheet } from '../../worker/live';
import type { Failure } from '../../worker/result';
import { EngineHomeNote } from '../components/EngineHomeNote';
import { failureOf } from '../components/failure-of';
import { FailureText } from '../components/FailureText';
import { connectEngine } from '../engine-client';
import { startEngineWorker } from '../engine-worker';
import type { Engine } from '../engine-client';
import { QuickCheck } from '../quick-check/QuickCheck';
import type { QuickCheckSurface } from '../quick-check/surface';
import { activeTabUrl } from './active-tab';
import { parseLeanixUrl } from './leanix-url';
import { LiveReread } from './LiveReread';
import { candidatesFor, liveOriginOf, pulledOrigins } from './preselect';
import { openPlayground } from './playground';
import { WorkspacePicker } from './WorkspacePicker';

export const WORKSPACE_SETTING = 'popup.workspace';

/** What the popup offers beside the check. */
const SURFACE: QuickCheckSurface = { openPlayground: (link) => void openPlayground(link) };

interface Start {
  readonly workspaces: WorkspaceSummary[];
  readonly current: string | null;
  /** The fact sheet of the active LeanIX page, found in `current`. */
  readonly preselect: FactSheetRow | null;
  /** Said when the active page is a LeanIX fact sheet no workspace has. */
  readonly pageNote: string | null;
}

/** Workspaces, the one to open on, and the fact sheet of the active tab's LeanIX page. */
async function start(engine: Engine): Promise<{ ok: true; value: Start } | { ok: false; error: Failure }> {
  const rememberedP = engine.getSetting(WORKSPACE_SETTING);
  // Warm the worker while the rest of the start runs: it loads the remembered workspace
  // now instead of after the page has rendered the header.
  void rememberedP.then((r) => {
    if (r.ok && typeof r.value === 'string') void engine.outline(r.value);
  });
  const [list, remembered, url] = await Promise.all([engine.listWorkspaces(), rememberedP, activeTabUrl()]);
  if (!list.ok) return list;
  const workspaces = list.value;
  const last = remembered.ok ? workspaces.find((w) => w.id === remembered.value) : undefined;
  let current = (last ?? workspaces[0])?.id ?? null;
  let preselect: FactSheetRow | null = null;
  let pageNote: string | null = null;
  const page = parseLeanixUrl(url, pulledOrigins(workspaces));
  if (page) {
    for (const w of candidatesFor(workspaces, page, current)) {
      const r = await engine.findFactSheets(w.id, { id: page.id, limit: 1 });
      if (r.ok && r.value[0]) {
        current = w.id;
        preselect = r.value[0];
        break;
      }
    }
    if (!preselect && workspaces.length) pageNote = `This page shows the ${page.type} ${page.id}, which no imported workspace has.`;
  }
  return { ok: true, value: { workspaces, current, preselect, pageNote } };
}

export function App() {
  const [status, setStatus] = useState('');
  const client = useMemo(() => connectEngine((message) => setStatus(message), startEngineWorker), []);
  const [boot, setBoot] = useState<Start | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [outline, setOutline] = useState<Outline | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  /** The page's fact sheet as re-read live (opt-in): questions about it are answered with it. */
  const [live, setLive] = useState<LiveFactSheet | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const r = await start(client.engine());
        if (!r.ok) {
          setFailure(r.error);
          return;
        }
        setBoot(r.value);
        setCurrent(r.value.current);
      } catch (error) {
        setFailure(failureOf(error));
      }
    })();
    return () => client.dispose();
  }, []);

  useEffect(() => {
    setOutline(null);
    if (!current) return;
    let live = true;
    void (async () => {
      try {
        const r = await client.engine().outline(current);
        if (!live) return;
        if (r.ok) setOutline(r.value);
        else setFailure(r.error);
      } catch (error) {
        if (live) setFailure(failureOf(error));
      }
    })();
    return () => {
      live = false;
    };
  }, [current]);

  const choose = (id: string) => {
    setFailure(null);
    setLive(null);
    setCurrent(id);
    void client.engine().setSetting(WORKSPACE_SETTING, id);
  };

  const workspaces = boot?.workspaces ?? [];
  const workspace = workspaces.find((w) => w.id === current) ?? null;
  const preselect = boot?.preselect && boot.current === current ? boot.preselect : null;
  const liveOrigin = preselect ? liveOriginOf(workspace) : null;
  const override = live && liveOrigin && live.factSheet.id === preselect?.id ? live.factSheet : null;

  return (
    <main class="popup">
      <header>
        <h1>Sealcheck</h1>
        {workspaces.length ? <WorkspacePicker workspaces={workspaces} value={current ?? ''} onChange={choose} /> : null}
      </header>

      <div role="status" aria-live="polite" class="hint" data-testid="status">
        {status}
      </div>
      {failure ? <FailureText failure={failure} /> : null}
      <EngineHomeNote class="hint" short />
      {boot?.pageNote && !preselect ? <p class="hint" data-testid="page-note">{boot.pageNote}</p> : null}

      {!boot && !failure ? <p class="hint">Loading…</p> : null}
      {boot && workspaces.length === 0 ? (
        <div class="empty" data-testid="empty">
          <p>No workspace yet. Import a policy file or start from a template in the playground; the quick check then works here.</p>
          <button type="button" class="primary" onClick={() => void openPlayground()}>
            Open the playground to import a policy file
          </button>
        </div>
      ) : null}

      {workspace && preselect && liveOrigin ? (
        <LiveReread key={`${workspace.id} ${preselect.id}`} client={client} workspaceId={workspace.id} origin={liveOrigin} factSheet={preselect} onLive={setLive} />
      ) : null}

      {workspace && outline && outline.id === workspace.id ? (
        <QuickCheck
          key={workspace.id}
          client={client}
          outline={outline}
          start={preselect ? { factSheet: preselect } : undefined}
          surface={SURFACE}
          layout="narrow"
          override={override}
        />
      ) : workspace && !failure ? (
        <p class="hint">Loading the workspace…</p>
      ) : null}
    </main>
  );
}
