// A destructive action with a real confirm step in the page: the first press asks,
// focus moves to the answer, Escape or "Keep" steps back. No window.confirm.
import { useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useFocusHandoff } from './focus-handoff';

export interface ConfirmActionProps {
  /** The first button's text, e.g. "Delete". */
  readonly label: string;
  /** Its accessible name, e.g. "Delete workspace Acme". */
  readonly ariaLabel?: string;
  /** The question asked in the confirm step. */
  readonly question: ComponentChildren;
  /** The confirming button's text, e.g. "Delete for good". */
  readonly confirmLabel: string;
  readonly onConfirm: () => void | Promise<void>;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export function ConfirmAction({ label, ariaLabel, question, confirmLabel, onConfirm, disabled, testId = 'confirm' }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useFocusHandoff(asking, keepRef, openRef);

  if (!asking) {
    return (
      <button ref={openRef} type="button" class="danger" aria-label={ariaLabel} disabled={disabled} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label="Confirm"
      class="row confirm-step"
      data-testid={`${testId}-step`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span>{question}</span>
      <button
        type="button"
        class="danger"
        disabled={busy}
        data-testid={`${testId}-yes`}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button ref={keepRef} type="button" disabled={busy} onClick={() => setAsking(false)} data-testid={`${testId}-no`}>
        Keep
      </button>
    </span>
  );
}
