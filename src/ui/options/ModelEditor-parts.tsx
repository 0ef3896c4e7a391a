// Small pieces the model editor's sections share.
import type { ComponentChildren } from 'preact';
import type { PolicyError } from '../../policy/errors';
import { OptionList } from '../components/OptionList';
import { errorsAt } from './ModelEditor-model';
import type { Reference } from './ModelEditor-refs';

export interface SectionProps<P> {
  readonly policy: P;
  readonly onChange: (policy: P) => void;
  /** The errors of the last refused save, with their paths. */
  readonly errors: readonly PolicyError[];
}

/** The errors found under `prefix`, each with its path. */
function ErrorList({ mine, prefix, className }: { mine: readonly PolicyError[]; prefix: string; className: string }) {
  return (
    <ul class={className} data-testid={`errors-${prefix}`}>
      {mine.map((e, i) => (
        <li key={i}>
          <code>{e.path}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}

/** The errors under `prefix`, as a table row under the row they belong to. */
export function RowErrors({ errors, prefix, colSpan }: { errors: readonly PolicyError[]; prefix: string; colSpan: number }) {
  const mine = errorsAt(errors, prefix);
  if (!mine.length) return null;
  return (
    <tr class="me-row-errors">
      <td colSpan={colSpan}>
        <ErrorList mine={mine} prefix={prefix} className="error-list" />
      </td>
    </tr>
  );
}

/** The errors under `prefix`, as a block. */
export function BlockErrors({ errors, prefix }: { errors: readonly PolicyError[]; prefix: string }) {
  const mine = errorsAt(errors, prefix);
  if (!mine.length) return null;
  return <ErrorList mine={mine} prefix={prefix} className="error-list me-block-errors" />;
}

/** A deletion refused because other parts refer to what it would delete: why, then each reference at its path. */
export function DeleteRefused({ testId, message, refs }: { testId: string; message: string; refs: readonly Reference[] }) {
  return (
    <div class="error-list" role="alert" data-testid={testId}>
      {message}
      <ul class="me-block-errors">
        {refs.map((r) => (
          <li key={r.path}>
            <code>{r.path}</code>: {r.what}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The errors at `path` (or under it), small, under the input they belong to. */
export function FieldErrors({ errors, path }: { errors: readonly PolicyError[]; path: string }) {
  const mine = errorsAt(errors, path);
  if (!mine.length) return null;
  return (
    <ul class="error-list me-field-errors" data-testid={`field-errors-${path}`}>
      {mine.map((e, i) => (
        <li key={i}>{e.path === path ? e.message : `${e.path.slice(path.length).replace(/^\./, '')}: ${e.message}`}</li>
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
      <OptionList values={options} />
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

/**
 * A table of a section's items, one row each and a last column for removing it; `empty`
 * (when not null) is said in a row across the table.
 */
export function ItemTable({ testId, columns, empty, children }: { testId?: string; columns: readonly string[]; empty: ComponentChildren | null; children: ComponentChildren }) {
  return (
    <table class="me-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <th scope="col">
            <span class="sr-only">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {children}
        {empty !== null ? (
          <tr>
            <td colSpan={columns.length + 1} class="muted">
              {empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** One item's row: its name as the row header (with an optional note), its cells, and "Remove". */
export function ItemRow({ name, note, noun, testId, onRemove, children }: { name: string; note?: ComponentChildren; noun: string; testId?: string; onRemove: () => void; children: ComponentChildren }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">
        <code>{name}</code>
        {note}
      </th>
      {children}
      <td>
        <button type="button" class="danger" aria-label={`Remove ${noun} ${name}`} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** The form under a table that adds an item: submitting calls `onAdd`; why it did not add is said at its end. */
export function AddForm({ label, onAdd, problem, children }: { label: string; onAdd: () => void; problem: string | null; children: ComponentChildren }) {
  return (
    <form
      class="row me-add"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onAdd();
      }}
    >
      {children}
      {problem ? (
        <span class="error-list" role="alert">
          {problem}
        </span>
      ) : null}
    </form>
  );
}

/**
 * A group of checkboxes over names, one label each; a checked name that is not among
 * `names` is shown too, so that it can be unchecked.
 */
export function Checks({
  legend,
  names,
  checked,
  onToggle,
  testId,
  empty,
}: {
  legend: string;
  names: readonly string[];
  checked: readonly string[];
  onToggle: (name: string, on: boolean) => void;
  testId: string;
  empty?: string;
}) {
  const all = [...names, ...checked.filter((c) => !names.includes(c))];
  return (
    <fieldset class="me-group" data-testid={testId}>
      <legend>{legend}</legend>
      {all.length === 0 ? <p class="muted me-note">{empty ?? 'Nothing to choose.'}</p> : null}
      <div class="me-checks">
        {all.map((name) => (
          <label key={name} class="me-check">
            <input type="checkbox" checked={checked.includes(name)} data-testid={`${testId}-${name}`} onChange={(e) => onToggle(name, e.currentTarget.checked)} />
            <code>{name}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
