// "Import from LeanIX" and "Import from Qualytics": a workspace read from the platform's
// API by the engine worker (the same pull as `sealcheck pull`), and "Refresh" of a pulled
// workspace. The host permission of that one origin is asked for at the click (optional
// host permissions; none at install). The token is typed for one pull: it stays in this
// page's memory until the pull is sent and is never stored. Progress with Cancel; the
// workspace is stored all or nothing, as a file import is.
import { proxy } from 'comlink';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pullTarget } from '../../pull/origin';
import type { PullProgress } from '../../pull/types';
import type { WorkspaceSummary } from '../../storage/store';
import type { PulledWorkspace } from '../../worker/pull';
import type { PullRequest } from '../../worker/messages';
import type { EngineClient } from '../engine-client';
import { ProgressLine } from '../components/ProgressLine';
import { formatCount, formatWhen, plural } from '../components/format';
import { ScenarioRunStatus } from './Scenarios-RunStatus';
import { runScenarios, useScenarioRun } from './scenario-runs';
import { usePageState } from './Workspaces-state';

export type PullPlatform = 'leanix' | 'qualytics';

const LABEL: Record<PullPlatform, string> = { leanix: 'LeanIX', qualytics: 'Qualytics' };
const EXAMPLE_URL: Record<PullPlatform, string> = { leanix: 'https://acme.leanix.net', qualytics: 'https://acme.qualytics.io' };

type Phase =
  | { step: 'idle' }
  /** The browser asks the user for access to the origin. */
  | { step: 'asking'; origin: string }
  | { step: 'pulling'; origin: string; job: string; progress: PullProgress | null; cancelling: boolean };

/** A refresh asked for from the workspaces table: the form then pulls that workspace again. */
export interface RefreshTarget {
  readonly id: string;
  readonly name: string;
  readonly platform: PullPlatform;
  readonly origin: string;
}

/** The page's refresh target (set by the workspaces table's Refresh button). */
export function useRefreshTarget() {
  return usePageState<RefreshTarget | null>('pull-refresh', null);
}

export interface PullPanelProps {
  readonly client: EngineClient;
  readonly onPulled: (summary: WorkspaceSummary) => void | Promise<void>;
  readonly notify: (message: string) => void;
}

/**
 * Asks for the host permission of `pattern`. Must be called in the click's own task: the
 * browser asks only during a user gesture. Answers a refusal's sentence, or null when granted.
 */
function askForHost(pattern: string, origin: string): Promise<string | null> {
  const refused = `the browser did not give Sealcheck access to ${origin}, so nothing was read; allow it when the browser asks`;
  const permissions = (browser as { permissions?: typeof browser.permissions } | undefined)?.permissions;
  if (!permissions?.request) return Promise.resolve(`this browser cannot give Sealcheck access to ${origin} (no permissions API)`);
  try {
    return permissions.request({ origins: [pattern] }).then(
      (granted) => (granted ? null : refused),
      (error: unknown) => `the browser refused to ask for access to ${origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } catch (error) {
    return Promise.resolve(`the browser refused to ask for access to ${origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** "fact sheets: 200 of 260 · 5 pages" */
function progressDetail(p: PullProgress | null): string {
  if (!p) return 'starting';
  const items = p.total !== null ? `${formatCount(p.done)} of ${formatCount(p.total)}` : formatCount(p.done);
  return `${p.stage}: ${items} · ${plural(p.pages, 'page')} read`;
}

/** What a pull brought in, in one sentence. */
export function describePull(r: PulledWorkspace): string {
  const s = r.summary;
  const content = s.platform === 'leanix' ? `${plural(s.factSheetCount, 'fact sheet')}, ${plural(s.userCount, 'user')}` : plural(s.userCount, 'user');
  const notes = r.notes.length ? `; ${plural(r.notes.length, 'note')} on what was dropped or assumed, in the workspace’s description` : '';
  if (r.refreshed) {
    return `Refreshed “${s.name}” from ${r.origin}: ${content}; kept ${plural(s.scenarioCount, 'scenario')} and ${plural(r.drafts, 'role draft')}${notes}.`;
  }
  return `Imported “${s.name}” from ${r.origin}: ${content}, ${plural(s.scenarioCount, 'scenario')}${notes}.`;
}

export function PullPanel({ client, onPulled, notify }: PullPanelProps) {
  const [platform, setPlatform] = usePageState<PullPlatform>('pull-platform', 'leanix');
  const [url, setUrl] = usePageState('pull-url', '');
  const [types, setTypes] = usePageState('pull-types', '');
  // the token is this component's only: never in page state, cleared once the pull is sent
  const [token, setToken] = useState('');
  const [phase, setPhase] = usePageState<Phase>('pull-phase', { step: 'idle' });
  const [problem, setProblem] = usePageState<string | null>('pull-problem', null);
  const [done, setDone] = usePageState<PulledWorkspace | null>('pull-report', null);
  const [refresh, setRefresh] = useRefreshTarget();
  const scenarioRun = useScenarioRun(done?.summary.id ?? null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const busy = phase.step !== 'idle';

  // a Refresh clicked in the table: the token is what is asked for next
  useEffect(() => {
    if (refresh) tokenRef.current?.focus();
  }, [refresh?.id]);

  function start(event: Event): void {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setDone(null);
    const target = pullTarget(refresh ? refresh.origin : url);
    if (!target.ok) {
      setProblem(target.message);
      return;
    }
    if (!token) {
      setProblem('the API token is empty: paste the token the platform gave you');
      return;
    }
    const request: PullRequest = refresh
      ? { kind: 'refresh', id: refresh.id, token }
      : {
          kind: 'new',
          platform,
          url: target.origin,
          token,
          ...(platform === 'leanix' && types.trim() ? { types: types.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
        };
    setToken('');
    // in the click's own task: the browser asks only during a user gesture
    const asked = askForHost(target.pattern, target.origin);
    setPhase({ step: 'asking', origin: target.origin });
    void run(request, target.origin, asked);
  }

  async function run(request: PullRequest, origin: string, asked: Promise<string | null>): Promise<void> {
    const what = request.kind === 'refresh' ? `Refresh of “${refresh?.name ?? ''}”` : `Import from ${origin}`;
    try {
      const refusal = await asked;
      if (refusal) {
        setProblem(refusal);
        notify(`${what} stopped: ${refusal}.`);
        return;
      }
      const job = `pull-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      setPhase({ step: 'pulling', origin, job, progress: null, cancelling: false });
      const onProgress = proxy((progress: PullProgress) => {
        setPhase((p) => (p.step === 'pulling' && p.job === job ? { ...p, progress } : p));
      });
      const result = await client.engine().pullWorkspace(request, onProgress, job);
      if (!result.ok && result.error.kind === 'cancelled') {
        notify(`${what} cancelled; nothing was changed.`);
        return;
      }
      if (!result.ok) {
        setProblem(result.error.message);
        notify(`${what} failed: ${result.error.message}`);
        return;
      }
      setRefresh(null);
      await onPulled(result.value.summary);
      setDone(result.value);
      const summary = result.value.summary;
      if (summary.scenarioCount > 0) void runScenarios(client, summary.id, { total: summary.scenarioCount, updatedAt: summary.updatedAt, cause: 'pull' });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setPhase({ step: 'idle' });
    }
  }

  function cancel(): void {
    if (phase.step !== 'pulling') return;
    setPhase({ ...phase, cancelling: true });
    void client.engine().cancel(phase.job);
  }

  const label = refresh ? `Refresh “${refresh.name}”` : `Import from ${LABEL[platform]}`;
  return (
    <section class="panel" aria-labelledby="pull-heading" style={{ marginTop: '12px' }} data-testid="pull-panel">
      <h2 id="pull-heading">{refresh ? `Refresh “${refresh.name}” from ${LABEL[refresh.platform]}` : 'Import from LeanIX or Qualytics'}</h2>
      <p class="muted" style={{ margin: '0 0 8px' }}>
        {refresh
          ? `Reads the workspace again from ${refresh.origin}. Its scenarios, settings, name, description and role drafts stay; the rest is what the platform says now.`
          : 'Reads a workspace from the platform’s API with an API token. The browser asks you for access to that one address when you import; the token is used for this import only and is never stored.'}
      </p>
      <form onSubmit={start} data-testid="pull-form">
        {refresh ? null : (
          <fieldset style={{ border: 0, padding: 0, margin: '0 0 8px' }} disabled={busy}>
            <legend class="sr-only">Platform</legend>
            <div class="row">
              {(['leanix', 'qualytics'] as const).map((p) => (
                <label key={p} style={{ margin: 0 }}>
                  <input type="radio" name="pull-platform" value={p} checked={platform === p} onChange={() => setPlatform(p)} data-testid={`pull-platform-${p}`} />{' '}
                  {LABEL[p]}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div class="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
          {refresh ? null : (
            <label style={{ margin: 0 }}>
              Workspace URL
              <input
                type="url"
                value={url}
                placeholder={EXAMPLE_URL[platform]}
                disabled={busy}
                onInput={(e) => setUrl(e.currentTarget.value)}
                data-testid="pull-url"
                autoComplete="url"
                spellcheck={false}
                style={{ display: 'block', minWidth: '18em' }}
              />
            </label>
          )}
          <label style={{ margin: 0 }}>
            API token
            <input
              ref={tokenRef}
              type="password"
              value={token}
              disabled={busy}
              onInput={(e) => setToken(e.currentTarget.value)}
              data-testid="pull-token"
              autoComplete="off"
              spellcheck={false}
              style={{ display: 'block', minWidth: '14em' }}
            />
          </label>
          {refresh || platform !== 'leanix' ? null : (
            <label style={{ margin: 0 }}>
              Fact sheet types <span class="muted">(optional, comma-separated)</span>
              <input
                type="text"
                value={types}
                placeholder="all types"
                disabled={busy}
                onInput={(e) => setTypes(e.currentTarget.value)}
                data-testid="pull-types"
                spellcheck={false}
                style={{ display: 'block' }}
              />
            </label>
          )}
          <button type="submit" class="primary" disabled={busy} data-testid="pull-start">
            {label}
          </button>
          {refresh ? (
            <button type="button" disabled={busy} onClick={() => setRefresh(null)} data-testid="pull-refresh-cancel">
              Not now
            </button>
          ) : null}
        </div>
      </form>
      {phase.step === 'asking' ? (
        <p class="muted" data-testid="pull-asking" style={{ margin: '8px 0 0' }}>
          Waiting for the browser: allow Sealcheck to read {phase.origin}…
        </p>
      ) : phase.step === 'pulling' ? (
        <ProgressLine
          testId="pull-progress"
          label={`Reading ${phase.origin}`}
          done={phase.progress?.total != null ? phase.progress.done : undefined}
          total={phase.progress?.total ?? undefined}
          detail={progressDetail(phase.progress)}
          onCancel={cancel}
          cancelling={phase.cancelling}
        />
      ) : null}
      {done && !busy ? (
        <p class="muted" data-testid="pull-report" style={{ margin: '8px 0 0' }}>
          {describePull(done)}
        </p>
      ) : null}
      {done && !busy ? (
        <ScenarioRunStatus
          client={client}
          workspaceId={done.summary.id}
          run={scenarioRun}
          progressTestId="pull-scenarios-progress"
          summaryTestId="pull-scenarios"
          after="each result is on the Scenarios tab"
        />
      ) : null}
      {problem && !busy ? (
        <div role="alert" class="error-list" data-testid="pull-error" style={{ marginTop: '8px' }}>
          <div>Nothing was imported: {problem}</div>
          <div class="muted">Your workspaces are unchanged.</div>
        </div>
      ) : null}
    </section>
  );
}

/** "pulled from acme.leanix.net, 2 Dec 2026" for a workspace's row. */
export function pulledFromLine(w: WorkspaceSummary): string | null {
  if (!w.pulledFrom) return null;
  let host = w.pulledFrom.origin;
  try {
    host = new URL(host).host;
  } catch {
    // shown as stored
  }
  return `pulled from ${host}, ${formatWhen(w.pulledFrom.at)}`;
}
