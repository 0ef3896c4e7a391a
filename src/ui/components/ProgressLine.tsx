// A progress bar with its words and, when the work can stop, a Cancel button.
export interface ProgressLineProps {
  /** What is happening, e.g. "Writing fact sheets". */
  readonly label: string;
  /** Done and total; without them the bar is indeterminate. */
  readonly done?: number;
  readonly total?: number;
  /** Shown after the label, e.g. "5,000 of 10,000 fact sheets". */
  readonly detail?: string;
  readonly onCancel?: () => void;
  readonly cancelling?: boolean;
  readonly testId?: string;
  /** `running` while work goes on, `done` when the bar stays to show a finished run. */
  readonly state?: 'running' | 'done';
}

export function ProgressLine({ label, done, total, detail, onCancel, cancelling, testId = 'progress', state = 'running' }: ProgressLineProps) {
  const known = done !== undefined && total !== undefined && total > 0;
  return (
    <div class="panel" data-testid={testId} data-state={state} style={{ marginTop: '8px' }}>
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <span id={`${testId}-label`}>
          {label}
          {detail ? <span class="muted"> · {detail}</span> : null}
        </span>
        {onCancel ? (
          <button type="button" onClick={onCancel} disabled={cancelling} data-testid={`${testId}-cancel`}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      {known ? (
        <progress aria-labelledby={`${testId}-label`} value={Math.min(done, total)} max={total} />
      ) : (
        <progress aria-labelledby={`${testId}-label`} />
      )}
    </div>
  );
}
