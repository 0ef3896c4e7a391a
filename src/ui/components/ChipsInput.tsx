// A list of names edited as chips: each chip has a remove button, the input adds one on
// Enter (or the Add button), Backspace in an empty input removes the last. Suggestions
// come from a datalist; `only` restricts additions to them.
import { useState } from 'preact/hooks';
import './ChipsInput.css';

export interface ChipsInputProps {
  /** Base for element ids; also names the chips for screen readers. */
  readonly id: string;
  /** What the list holds, e.g. "customer role". */
  readonly noun: string;
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
  readonly suggestions?: readonly string[];
  /** Accept only suggested names. */
  readonly only?: boolean;
  readonly transform?: (text: string) => string;
  readonly disabled?: boolean;
  readonly placeholder?: string;
}

export function ChipsInput({ id, noun, values, onChange, suggestions = [], only = false, transform, disabled, placeholder }: ChipsInputProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const remaining = suggestions.filter((s) => !values.includes(s));

  const add = () => {
    const name = (transform ? transform(text) : text).trim();
    if (!name) return;
    if (values.includes(name)) return setProblem(`${name} is already listed`);
    if (only && !suggestions.includes(name)) return setProblem(`unknown ${noun} ${name}: choose one of ${suggestions.join(', ') || 'none declared'}`);
    setProblem(null);
    setText('');
    onChange([...values, name]);
  };

  return (
    <div class="chips" data-testid={`${id}-chips`}>
      <ul class="chips-list" aria-label={`${noun}s`}>
        {values.map((v) => (
          <li key={v} class="chips-chip">
            <span>{v}</span>
            <button
              type="button"
              class="chips-remove"
              aria-label={`Remove ${noun} ${v}`}
              title={`Remove ${v}`}
              disabled={disabled}
              onClick={() => onChange(values.filter((x) => x !== v))}
            >
              ×
            </button>
          </li>
        ))}
        {values.length === 0 ? <li class="muted chips-none">none</li> : null}
      </ul>
      {disabled ? null : (
        <span class="chips-add">
          <input
            id={`${id}-input`}
            list={remaining.length ? `${id}-options` : undefined}
            value={text}
            size={12}
            placeholder={placeholder ?? `add ${noun}`}
            aria-label={`Add ${noun}`}
            aria-invalid={problem !== null}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              } else if (e.key === 'Backspace' && text === '' && values.length) {
                onChange(values.slice(0, -1));
              }
            }}
          />
          {remaining.length ? (
            <datalist id={`${id}-options`}>
              {remaining.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          ) : null}
          <button type="button" class="chips-add-button" onClick={add} aria-label={`Add ${noun}`}>
            Add
          </button>
        </span>
      )}
      {problem ? (
        <div class="error-list chips-problem" role="alert">
          {problem}
        </div>
      ) : null}
    </div>
  );
}
