// The scenario table: one row a scenario with its result (failures first once run) and
// the mismatches of a failure, its actor and operation, and Explain, Edit, Duplicate and
// Delete; an explained row opens its full explanation under it.
import type { Scenario } from '../../model/schema';
import type { ScenarioResult } from '../../engine/scenarios';
import type { Outline } from '../../worker/api';
import { ConfirmAction } from '../components/ConfirmAction';
import { ExpectedActualHead, Explanation } from './Scenarios-Explanation';
import { actorText, expectText, operationText, shown } from './scenario-text';

export interface ScenarioTableProps {
  readonly scenarios: readonly Scenario[];
  /** The last run's results, by scenario index; null before a run. */
  readonly results: readonly ScenarioResult[] | null;
  /** The workspace's outline, to name actors; null while it loads (editing waits for it). */
  readonly outline: Outline | null;
  /** Indexes of the rows whose explanation is open. */
  readonly open: ReadonlySet<number>;
  readonly onToggle: (index: number) => void;
  readonly onEdit: (index: number) => void;
  readonly onDuplicate: (index: number) => void;
  readonly onDelete: (index: number) => Promise<void>;
}

export function ScenarioTable({ scenarios, results, outline, open, onToggle, onEdit, onDuplicate, onDelete }: ScenarioTableProps) {
  const order = scenarios.map((_, i) => i);
  if (results) order.sort((a, b) => Number(results[a]?.passed ?? true) - Number(results[b]?.passed ?? true) || a - b);
  return (
    <table data-testid="scenario-table" style={{ marginTop: '8px' }}>
      <caption class="sr-only">Scenarios{results ? ', failures first' : ''}</caption>
      <thead>
        <tr>
          <th scope="col">Result</th>
          <th scope="col">Scenario</th>
          <th scope="col">Actor</th>
          <th scope="col">Operation</th>
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {order.map((i) => {
          const s = scenarios[i]!;
          const r = results?.[i];
          const expanded = open.has(i);
          return [
            <tr key={`s${i}`} data-testid="scenario-row" data-result={r ? (r.passed ? 'pass' : 'fail') : 'none'}>
              <td style={{ whiteSpace: 'nowrap' }}>{r ? <span class={r.passed ? 'pass' : 'fail'}>{r.passed ? '✓ pass' : '✗ fail'}</span> : <span class="muted">not run</span>}</td>
              <th scope="row" style={{ fontWeight: 400 }}>
                <div data-testid="scenario-name" style={{ fontWeight: 600 }}>
                  {s.name}
                </div>
                <div class="muted" style={{ fontSize: '0.9em', fontWeight: 400 }}>
                  expects {expectText(s)}
                </div>
                {r && !r.passed ? <Mismatches result={r} /> : null}
                {r && !r.passed && r.reasons.length ? (
                  <ul style={{ margin: '4px 0 0', paddingLeft: '18px', fontSize: '0.85rem' }}>
                    {r.reasons.map((reason, k) => (
                      <li key={k}>{reason.text}</li>
                    ))}
                  </ul>
                ) : null}
              </th>
              <td>{actorText(s.actor, outline)}</td>
              <td style={{ maxWidth: '320px', overflowWrap: 'anywhere' }}>{operationText(s)}</td>
              <td>
                <div class="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                  {r ? (
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={`explain-${i}`}
                      aria-label={`${expanded ? 'Hide' : 'Explain'} ${s.name}`}
                      data-testid="explain"
                      onClick={() => onToggle(i)}
                    >
                      {expanded ? 'Hide' : 'Explain'}
                    </button>
                  ) : null}
                  <button type="button" aria-label={`Edit ${s.name}`} disabled={!outline} onClick={() => onEdit(i)}>
                    Edit
                  </button>
                  <button type="button" aria-label={`Duplicate ${s.name}`} disabled={!outline} onClick={() => onDuplicate(i)}>
                    Duplicate
                  </button>
                  <ConfirmAction
                    testId="scenario-delete"
                    label="Delete"
                    ariaLabel={`Delete ${s.name}`}
                    question={<>Delete “{s.name}”?</>}
                    confirmLabel="Delete"
                    onConfirm={() => onDelete(i)}
                  />
                </div>
              </td>
            </tr>,
            expanded && r ? (
              <tr key={`e${i}`} id={`explain-${i}`} data-testid="explanation">
                <td colSpan={5}>
                  <Explanation result={r} />
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}

/** What a failed scenario expected against what happened, key by key. */
function Mismatches({ result }: { readonly result: ScenarioResult }) {
  return (
    <table class="mismatches" data-testid="mismatches" style={{ marginTop: '4px', fontSize: '0.85rem' }}>
      <ExpectedActualHead />
      <tbody>
        {result.mismatches.map((m) => (
          <tr key={m.key}>
            <td>
              <code>{m.key}</code>
            </td>
            <td>
              <code>{shown(m.expected)}</code>
            </td>
            <td class="fail">
              <code>{shown(m.actual)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
