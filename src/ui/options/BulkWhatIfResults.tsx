// The answer of a bulk what-if: counts, seals broken per type (bars built from
// numbers only), and the affected fact sheets.
import { useState } from 'preact/hooks';
import type { BulkAnswer } from '../../worker/api';
import { formatCount, plural } from '../components/format';

export function BulkCounts({ answer }: { answer: BulkAnswer }) {
  const items: [string, number, string][] = [
    ['Evaluated', answer.evaluated, 'fact sheets'],
    ['Allowed', answer.allowed, 'updates'],
    ['Denied', answer.denied, 'updates'],
    ['Seals broken', answer.sealsBroken, 'fact sheets'],
    ['Notifications', answer.notifications, 'sent'],
    ['Owners notified', answer.ownersNotified, 'people'],
  ];
  return (
    <dl class="row" data-testid="bulk-counts" style={{ gap: '10px', margin: '0 0 12px' }}>
      {items.map(([label, n, unit]) => (
        <div key={label} class="panel" style={{ minWidth: '130px', padding: '8px 12px' }} data-testid={`count-${label.toLowerCase().replace(/ /g, '-')}`}>
          <dt class="muted" style={{ fontSize: '0.8rem' }}>
            {label}
          </dt>
          <dd style={{ margin: 0, fontSize: '1.3rem', fontWeight: 700 }} class={label === 'Seals broken' && n ? 'fail' : ''}>
            {formatCount(n)} <span class="muted" style={{ fontSize: '0.8rem', fontWeight: 400 }}>{unit}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function BulkChart({ rows }: { rows: BulkAnswer['brokenByType'] }) {
  const sorted = [...rows].sort((a, b) => b.broken - a.broken || a.type.localeCompare(b.type));
  const max = Math.max(1, ...sorted.map((r) => r.broken));
  return (
    <figure style={{ margin: '0 0 12px' }} data-testid="bulk-chart">
      <figcaption style={{ fontWeight: 600, marginBottom: '6px' }}>Seals broken per fact sheet type</figcaption>
      {sorted.length === 0 ? (
        <p class="muted">No fact sheet of the chosen types has these paths.</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {sorted.map((r) => {
            const pct = (r.broken / max) * 100;
            const share = r.total ? Math.round((r.broken / r.total) * 100) : 0;
            return (
              <li key={r.type} class="row" style={{ flexWrap: 'nowrap', marginBottom: '4px' }} data-testid="chart-row">
                <span style={{ width: '180px', flex: 'none', overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.type}</span>
                <span aria-hidden="true" style={{ flex: '1 1 auto', background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: '4px', height: '18px', position: 'relative' }}>
                  <span
                    data-testid="chart-bar"
                    style={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: `${pct.toFixed(2)}%`, background: 'var(--breaks)', borderRadius: '3px' }}
                  />
                </span>
                <span style={{ width: '200px', flex: 'none', textAlign: 'right' }}>
                  {formatCount(r.broken)} of {formatCount(r.total)} <span class="muted">({share}%)</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}

const PAGE = 50;

export function BulkAffected({ answer }: { answer: BulkAnswer }) {
  const [shown, setShown] = useState(PAGE);
  const [filter, setFilter] = useState<'all' | 'breaks' | 'denied'>('all');
  const all = answer.affected;
  const rows = filter === 'all' ? all : all.filter((a) => a.result === filter);
  const totalAffected = answer.sealsBroken + answer.denied;
  return (
    <section aria-labelledby="affected-heading" data-testid="bulk-affected">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h3 id="affected-heading">Affected fact sheets</h3>
        <div class="row">
          <label for="affected-filter" style={{ margin: 0 }}>
            Show
          </label>
          <select id="affected-filter" value={filter} onChange={(e) => { setFilter(e.currentTarget.value as typeof filter); setShown(PAGE); }}>
            <option value="all">all</option>
            <option value="breaks">seal breaks</option>
            <option value="denied">denied</option>
          </select>
        </div>
      </div>
      {all.length === 0 ? (
        <p class="muted">None: every update is allowed and keeps its seal.</p>
      ) : (
        <>
          {totalAffected > all.length ? (
            <p class="muted">
              The first {formatCount(all.length)} of {plural(totalAffected, 'affected fact sheet')}.
            </p>
          ) : null}
          <table>
            <thead>
              <tr>
                <th scope="col">Fact sheet</th>
                <th scope="col">Id</th>
                <th scope="col">Type</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((a) => (
                <tr key={a.id} data-testid="affected-row">
                  <td>{a.name}</td>
                  <td>
                    <code>{a.id}</code>
                  </td>
                  <td>{a.type}</td>
                  <td class={a.result === 'denied' ? 'fail' : ''} style={a.result === 'breaks' ? { color: 'var(--breaks)', fontWeight: 600 } : undefined}>
                    {a.result === 'breaks' ? 'seal breaks' : 'denied'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > shown ? (
            <button type="button" style={{ marginTop: '6px' }} onClick={() => setShown((n) => n + PAGE)}>
              Show {formatCount(Math.min(PAGE, rows.length - shown))} more of {formatCount(rows.length - shown)}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
