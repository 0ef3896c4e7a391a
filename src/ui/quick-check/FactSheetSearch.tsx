// The fact sheet a quick check changes, found without loading them all: the start of its
// name (the first match is chosen while typing) and optionally its type; the stored
// index answers with the first matches.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { FactSheetRow } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { failureOf } from '../components/failure-of';
import { formatCount } from '../components/format';
import { OptionList } from '../components/OptionList';
import type { EngineClient } from '../engine-client';

export interface FactSheetSearchProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  /** Type names for the type filter. */
  readonly types: readonly string[];
  readonly value: FactSheetRow | null;
  readonly onChange: (row: FactSheetRow | null) => void;
  readonly onFailure: (failure: Failure) => void;
  /** The name input, for the quick check to focus. */
  readonly inputRef: RefObject<HTMLInputElement | null>;
}

const SEARCH_LIMIT = 50;

export function FactSheetSearch({ client, workspaceId, types, value, onChange, onFailure, inputRef }: FactSheetSearchProps) {
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [rows, setRows] = useState<FactSheetRow[]>([]);
  const searchSeq = useRef(0);
  const current = useRef(value);
  current.current = value;

  useEffect(() => {
    const seq = ++searchSeq.current;
    const text = query.trim();
    void (async () => {
      try {
        const r = await client.engine().findFactSheets(workspaceId, { ...(text ? { namePrefix: text } : {}), ...(type ? { type } : {}), limit: SEARCH_LIMIT });
        if (seq !== searchSeq.current) return;
        if (!r.ok) return onFailure(r.error);
        setRows(r.value);
        const chosen = current.current;
        if (text && r.value.length && !(chosen && r.value.some((f) => f.id === chosen.id))) onChange(r.value[0]!);
      } catch (error) {
        onFailure(failureOf(error));
      }
    })();
  }, [workspaceId, query, type]);

  const listed = value && !rows.some((r) => r.id === value.id) ? [value, ...rows] : rows;
  return (
    <div class="qc-field">
      <div class="label-row">
        <label for="factsheet">Fact sheet</label>
        {value ? (
          <span class="hint" data-testid="sheet-info">
            {value.type} · {value.lxState}
          </span>
        ) : null}
      </div>
      <div class="pair">
        <input
          ref={inputRef}
          id="fs-search"
          type="search"
          placeholder="Name starts with…"
          aria-label="Search fact sheets by name"
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        {types.length > 1 ? (
          <select id="fs-type" class="qc-type" aria-label="Fact sheet type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">any type</option>
            <OptionList values={types} />
          </select>
        ) : null}
      </div>
      <select
        id="factsheet"
        class="qc-wide-select"
        value={value?.id ?? ''}
        onChange={(e) => {
          const id = e.currentTarget.value;
          onChange(listed.find((f) => f.id === id) ?? null);
        }}
      >
        <option value="">{listed.length ? 'Choose a fact sheet' : query.trim() || type ? 'No fact sheet matches' : 'No fact sheets'}</option>
        {listed.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name || f.id} · {f.type}
          </option>
        ))}
      </select>
      {rows.length >= SEARCH_LIMIT ? <p class="hint">The first {formatCount(SEARCH_LIMIT)} matches; type more of the name to narrow.</p> : null}
    </div>
  );
}
