// An actor select narrowed by a text filter: typing keeps the current actor when it
// still matches, otherwise selects the first match. Labels longer than the select is
// wide are shortened where a word ends; the full label is the option's and the select's title.
import { useRef, useState } from 'preact/hooks';
import type { ActorChoice } from '../components/actor-choices';
import { ActorOptions } from '../components/ActorOptions';
import { useTextFit } from '../components/text-fit';

export interface ActorPickerProps {
  readonly choices: readonly ActorChoice[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}

function matches(choice: ActorChoice, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return !f || choice.label.toLowerCase().includes(f) || choice.value.toLowerCase().includes(f);
}

export function ActorPicker({ choices, value, onChange }: ActorPickerProps) {
  const [filter, setFilter] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const fits = useTextFit(select);
  const shown = choices.filter((c) => matches(c, filter));
  const current = choices.find((c) => c.value === value);
  // The chosen actor stays listed (first) even when the filter hides it, so the select never lies.
  const listed = current && !shown.includes(current) ? [current, ...shown] : shown;

  const onFilter = (text: string) => {
    setFilter(text);
    const hits = choices.filter((c) => matches(c, text));
    if (text.trim() && hits.length && !hits.some((c) => c.value === value)) onChange(hits[0]!.value);
  };

  return (
    <div class="qc-field">
      <div class="label-row">
        <label for="actor">Actor</label>
        <input
          id="actor-filter"
          class="qc-filter"
          type="search"
          placeholder="Filter actors"
          aria-label="Filter actors"
          autocomplete="off"
          value={filter}
          onInput={(e) => onFilter(e.currentTarget.value)}
        />
      </div>
      <select ref={select} id="actor" class="qc-wide-select" value={value} title={current?.label} onChange={(e) => onChange(e.currentTarget.value)}>
        {choices.length === 0 ? <option value="">no users in this workspace</option> : null}
        <ActorOptions choices={listed} fits={fits} />
      </select>
      {filter.trim() && shown.length === 0 ? <p class="hint">No actor matches “{filter.trim()}”.</p> : null}
    </div>
  );
}
