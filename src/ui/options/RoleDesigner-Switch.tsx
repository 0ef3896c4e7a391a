// Asked when another draft is opened while the one in the editor has unsaved changes:
// save and open, discard and open, or stay.
export interface SwitchPromptProps {
  /** The draft with unsaved changes. */
  readonly current: string;
  /** The draft asked for. */
  readonly target: string;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
  readonly onStay: () => void;
}

export function SwitchPrompt({ current, target, onSave, onDiscard, onStay }: SwitchPromptProps) {
  return (
    <div class="panel rd-switch" role="alert">
      <p style={{ marginTop: 0 }}>{current} has unsaved changes.</p>
      <div class="row">
        <button type="button" class="primary" onClick={onSave}>
          Save and open {target}
        </button>
        <button type="button" onClick={onDiscard}>
          Discard changes
        </button>
        <button type="button" onClick={onStay}>
          Stay
        </button>
      </div>
    </div>
  );
}
