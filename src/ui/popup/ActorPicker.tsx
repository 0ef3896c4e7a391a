// An actor select narrowed by a text filter: typing keeps the current actor when it
// still matches, otherwise selects the first match.
import { useState } from 'preact/hooks';

export interface ActorOption {
  readonly value: string;
  readonly label: string;
  /** Optional group heading (`Users`, `Tokens`). */
  readonly group?: string;
}

export interface ActorPickerProps {
  readonly options: readonly ActorOption[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}

function matches(option: ActorOption, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return !f || option.label.toLowerCase().includes(f) || option.value.toLowerCase().includes(f);
}

export function ActorPicker({ options, value, onChange }: ActorPickerProps) {
  const [filter, setFilter] = useState('');
  const shown = options.filter((o) => matches(o, filter));
  const current = options.find((o) => o.value === value);
  // The chosen actor stays listed (first) even when the filter hides it, so the select never lies.
  const listed = current && !shown.includes(current) ? [current, ...shown] : shown;
  const groups = [...new Set(listed.map((o) => o.group ?? ''))];

  const onFilter = (text: string) => {
    setFilter(text);
    const hits = options.filter((o) => matches(o, text));
    if (text.trim() && hits.length && !hits.some((o) => o.value === value)) onChange(hits[0]!.value);
  };

  const render = (o: ActorOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div>
      <label for="actor">Actor</label>
      <div class="pair">
        <input
          id="actor-filter"
          type="search"
          placeholder="Filter actors"
          aria-label="Filter actors"
          autocomplete="off"
          value={filter}
          onInput={(e) => onFilter(e.currentTarget.value)}
        />
        <select id="actor" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {options.length === 0 ? <option value="">no users in this workspace</option> : null}
          {groups.length > 1 || groups[0]
            ? groups.map((g) => (
                <optgroup key={g} label={g}>
                  {listed.filter((o) => (o.group ?? '') === g).map(render)}
                </optgroup>
              ))
            : listed.map(render)}
        </select>
      </div>
      {filter.trim() && shown.length === 0 ? <p class="hint">No actor matches “{filter.trim()}”.</p> : null}
    </div>
  );
}
