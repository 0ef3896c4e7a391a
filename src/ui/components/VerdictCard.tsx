// The verdict, its reasons and what would change it: the same wording as the CLI. Every
// reason and every fix the engine gives is shown, whatever its kind (a seal exemption, a
// missing mandatory relation or subscription, "set the seal to DRAFT first", an `exempt`
// fix); each item carries its kind for styling and tests.
import type { Fix, Reason } from '../../engine/reasons';
import type { Verdict } from '../../engine/verdict';

export interface VerdictCardProps {
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  readonly fixes?: readonly Fix[];
  readonly stateLine?: string;
}

export function VerdictCard({ verdict, reasons, fixes, stateLine }: VerdictCardProps) {
  return (
    <section class={`verdict ${verdict.tone}`} aria-live="polite" data-testid="verdict" data-tone={verdict.tone}>
      <div class="headline">{verdict.headline}</div>
      <div>{verdict.detail}</div>
      {stateLine ? <div class="muted">{stateLine}</div> : null}
      {reasons.length ? (
        <>
          <h3 class="sr-only">Why</h3>
          <ul data-testid="reasons">
            {reasons.map((r, i) => (
              <li key={i} data-kind={r.kind}>
                {r.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {fixes && fixes.length ? (
        <>
          <div style={{ marginTop: '6px', fontWeight: 600 }}>What would change it</div>
          <ul data-testid="fixes">
            {fixes.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {f.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
