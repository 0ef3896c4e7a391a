// A scenario's full explanation: the verdict card with reasons and fixes beside a table
// of every outcome key, expected (when checked) against actual.
import type { ScenarioResult } from '../../engine/scenarios';
import { VerdictCard } from '../components/VerdictCard';
import { shown } from './scenario-text';

/** The head of a table that sets what a scenario expects beside what happened. */
export function ExpectedActualHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Key</th>
        <th scope="col">Expected</th>
        <th scope="col">Actual</th>
      </tr>
    </thead>
  );
}

export function Explanation({ result }: { readonly result: ScenarioResult }) {
  const a = result.actual;
  const stateLine =
    'lxStateAfter' in a
      ? `State ${String(a.lxStateBefore ?? 'new')} → ${String(a.lxStateAfter ?? '—')}; events: ${(a.events as string[]).length ? (a.events as string[]).join(', ') : 'none'}`
      : undefined;
  const keys = Object.keys(a);
  return (
    <div class="row" style={{ alignItems: 'flex-start' }}>
      <div style={{ flex: '2 1 360px' }}>
        <VerdictCard verdict={result.verdict} reasons={result.reasons} fixes={result.fixes} stateLine={stateLine} />
      </div>
      <table style={{ flex: '1 1 260px', fontSize: '0.85rem' }}>
        <caption class="muted" style={{ textAlign: 'left' }}>
          Expected vs actual
        </caption>
        <ExpectedActualHead />
        <tbody>
          {keys.map((k) => {
            const checked = k in result.expected;
            const bad = result.mismatches.some((m) => m.key === k);
            return (
              <tr key={k}>
                <td>
                  <code>{k}</code>
                </td>
                <td class={checked ? '' : 'muted'}>{checked ? <code>{shown(result.expected[k])}</code> : 'not checked'}</td>
                <td class={bad ? 'fail' : checked ? 'pass' : ''}>
                  <code>{shown(a[k])}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
