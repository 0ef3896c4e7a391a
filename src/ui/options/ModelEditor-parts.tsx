// Small pieces the model editor's sections share.
import type { PolicyError } from '../../policy/errors';
import { errorsAt } from './ModelEditor-model';

export interface SectionProps<P> {
  readonly policy: P;
  readonly onChange: (policy: P) => void;
  /** The errors of the last refused save, with their paths. */
  readonly errors: readonly PolicyError[];
}

/** The errors under `prefix`, as a table row under the row they belong to. */
export function RowErrors({ errors, prefix, colSpan }: { errors: readonly PolicyError[]; prefix: string; colSpan: number }) {
  const mine = errorsAt(errors, prefix);
  if (!mine.length) return null;
  return (
    <tr class="me-row-errors">
      <td colSpan={colSpan}>
        <ul class="error-list" data-testid={`errors-${prefix}`}>
          {mine.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/** The errors under `prefix`, as a block. */
export function BlockErrors({ errors, prefix }: { errors: readonly PolicyError[]; prefix: string }) {
  const mine = errorsAt(errors, prefix);
  if (!mine.length) return null;
  return (
    <ul class="error-list me-block-errors" data-testid={`errors-${prefix}`}>
      {mine.map((e, i) => (
        <li key={i}>
          <code>{e.path}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}

export function Choice<T extends string>({
  value,
  options,
  onChange,
  label,
  id,
}: {
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  label: string;
  id?: string;
}) {
  return (
    <select id={id} aria-label={id ? undefined : label} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/** A filter box for long lists, with how many rows it shows. */
export function Filter({ id, label, value, onInput, shown, total }: { id: string; label: string; value: string; onInput: (v: string) => void; shown: number; total: number }) {
  return (
    <div class="row me-filter">
      <label for={id} style={{ margin: 0 }}>
        {label}
      </label>
      <input id={id} type="search" value={value} onInput={(e) => onInput(e.currentTarget.value)} autocomplete="off" />
      <span class="muted">
        {shown < total ? `showing ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : `${total.toLocaleString('en-US')} in all`}
      </span>
    </div>
  );
}
