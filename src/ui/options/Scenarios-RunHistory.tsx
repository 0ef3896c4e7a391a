// The workspace's last five recorded runs of all scenarios, the latest first.
import type { ScenarioRun } from '../../storage/store';
import { formatCount, formatWhen } from '../components/format';

export function RunHistory({ runs }: { readonly runs: readonly ScenarioRun[] }) {
  if (!runs.length) return <p class="muted" style={{ marginTop: '12px' }}>No runs yet: “Run all” records each run here.</p>;
  return (
    <section aria-labelledby="runs-heading" style={{ marginTop: '16px' }} data-testid="run-history">
      <h3 id="runs-heading">Recent runs</h3>
      <ul style={{ margin: 0, paddingLeft: '18px' }}>
        {runs.slice(0, 5).map((r, i) => (
          <li key={r.id ?? i}>
            {formatWhen(r.at)}: <span class="pass">{formatCount(r.passed)} passed</span>,{' '}
            <span class={r.failed ? 'fail' : 'muted'}>{formatCount(r.failed)} failed</span>
            {r.failures.length ? <span class="muted"> ({r.failures.slice(0, 3).join('; ')}{r.failures.length > 3 ? '…' : ''})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
