// Small inputs of the scenario form's expectations: a yes/no/unchecked select, and a
// list typed comma-separated that is checked only when ticked.
import type { ListExpect, Tri } from './ScenariosDraft';

export interface TriSelectProps {
  readonly id: string;
  readonly label: string;
  readonly value: Tri;
  readonly onChange: (v: Tri) => void;
}

export function TriSelect({ id, label, value, onChange }: TriSelectProps) {
  return (
    <div>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Tri)}>
        <option value="">not checked</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    </div>
  );
}

export interface ListInputProps {
  readonly id: string;
  readonly label: string;
  readonly value: ListExpect;
  readonly onChange: (v: ListExpect) => void;
  readonly hint: string;
  /** A datalist to suggest from. */
  readonly listId?: string;
}

export function ListInput({ id, label, value, onChange, hint, listId }: ListInputProps) {
  return (
    <div style={{ flex: '1 1 260px' }}>
      <div class="row" style={{ gap: '4px' }}>
        <input id={`${id}-on`} type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.currentTarget.checked })} />
        <label for={`${id}-on`} style={{ margin: 0 }}>
          Check {label}
        </label>
      </div>
      <input
        id={id}
        aria-label={`${label}, comma separated`}
        disabled={!value.on}
        list={listId}
        value={value.text}
        placeholder={value.on ? 'empty list' : 'not checked'}
        style={{ width: '100%' }}
        onInput={(e) => onChange({ ...value, text: e.currentTarget.value })}
      />
      <div class="muted" style={{ fontSize: '0.8rem' }}>
        {hint}
      </div>
    </div>
  );
}
