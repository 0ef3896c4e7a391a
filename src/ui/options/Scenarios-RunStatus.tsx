// Where a run of the scenarios stands: a progress bar with Cancel while it runs, then how
// many passed (failures first in the table), or why it stopped. The Scenarios tab and the
// import panel show it for their workspace (scenario-runs.ts).
import { ProgressLine } from '../components/ProgressLine';
import { formatCount, plural } from '../components/format';
import type { EngineClient } from '../engine-client';
import { cancelScenarios } from './scenario-runs';
import type { ScenarioRunState } from './scenario-runs';

export interface ScenarioRunStatusProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  readonly run: ScenarioRunState | null;
  /** Test ids of the progress bar and of the line that says how the run ended. */
  readonly progressTestId: string;
  readonly summaryTestId: string;
  /** Words after the summary, e.g. where to see each result. */
  readonly after?: string;
}

export function ScenarioRunStatus({ client, workspaceId, run, progressTestId, summaryTestId, after }: ScenarioRunStatusProps) {
  if (!run) return null;
  if (run.state === 'running') {
    const known = run.total > 0 && run.done > 0;
    return (
      <ProgressLine
        testId={progressTestId}
        label={`Running ${plural(run.total, 'scenario')}${run.cause === 'import' ? ' of the imported file' : run.cause === 'pull' ? ' of the pulled workspace' : ''}`}
        done={known ? run.done : undefined}
        total={known ? run.total : undefined}
        detail={known ? `${formatCount(run.done)} of ${formatCount(run.total)}` : undefined}
        onCancel={() => void cancelScenarios(client, workspaceId)}
        cancelling={run.cancelling}
      />
    );
  }
  if (run.state === 'stopped') {
    return (
      <p role={run.cancelled ? 'status' : 'alert'} class={run.cancelled ? 'muted' : 'error-list'} data-testid={summaryTestId} data-state="stopped">
        {run.message}
      </p>
    );
  }
  const { passed, failed } = run.run;
  const total = passed + failed;
  return (
    <p data-testid={summaryTestId} data-state="done" role="status" style={{ margin: '8px 0' }}>
      <span class={failed ? 'fail' : 'pass'}>
        {formatCount(passed)} of {plural(total, 'scenario')} passed
      </span>
      {failed ? <span class="fail"> · {formatCount(failed)} failed (listed first)</span> : null}
      {run.cause === 'import' ? <span class="muted"> · run when the file was imported</span> : null}
      {run.cause === 'pull' ? <span class="muted"> · run when the workspace was pulled</span> : null}
      {run.lateCancel ? <span class="muted"> · the run ended before the cancel reached it</span> : null}
      {after ? <span class="muted"> · {after}</span> : null}
    </p>
  );
}
