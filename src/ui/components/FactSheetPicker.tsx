// Picks one fact sheet of a workspace without loading them all: filter by type and
// name prefix, choose from the first matches (the stored index answers).
import { useEffect, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';
import type { FactSheetRow } from '../../storage/store';
import { OptionList } from './OptionList';

export interface FactSheetPickerProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  /** Type names for the filter. */
  readonly types: readonly string[];
  /** The chosen fact sheet id, or '' for none. */
  readonly value: string;
  readonly onChange: (id: string, row: FactSheetRow | null) => void;
  /** Prefix for element ids, so two pickers can share a page. */
  readonly idPrefix: string;
  readonly label?: string;
}

const LIMIT = 100;

export function FactSheetPicker({ client, workspaceId, types, value, onChange, idPrefix, label = 'Fact sheet' }: FactSheetPickerProps) {
  const [type, setType] = useState('');
  const [prefix, setPrefix] = useState('');
  const [rows, setRows] = useState<FactSheetRow[]>([]);
  const [chosen, setChosen] = useState<FactSheetRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const query = { type: type || undefined, namePrefix: prefix.trim() || undefined, limit: LIMIT };
    void client
      .engine()
      .findFactSheets(workspaceId, query)
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setRows(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [workspaceId, type, prefix]);

  useEffect(() => {
    let live = true;
    if (!value) {
      setChosen(null);
      return;
    }
    if (chosen?.id === value) return;
    void client
      .engine()
      .findFactSheets(workspaceId, { id: value, limit: 1 })
      .then((r) => {
        if (live && r.ok) {
          const row = r.value[0] ?? null;
          setChosen(row);
          if (row) onChange(value, row);
        }
      });
    return () => {
      live = false;
    };
  }, [workspaceId, value]);

  const options = chosen && !rows.some((r) => r.id === chosen.id) ? [chosen, ...rows] : rows;
  return (
    <div class="fact-sheet-picker">
      <div class="row" role="group" aria-label={`Find a ${label.toLowerCase()}`}>
        <div>
          <label for={`${idPrefix}-type`}>Type</label>
          <select id={`${idPrefix}-type`} value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">any type</option>
            <OptionList values={types} />
          </select>
        </div>
        <div>
          <label for={`${idPrefix}-prefix`}>Name starts with</label>
          <input id={`${idPrefix}-prefix`} type="search" value={prefix} onInput={(e) => setPrefix(e.currentTarget.value)} placeholder="e.g. Web" />
        </div>
        <div style={{ flex: '1 1 220px' }}>
          <label for={`${idPrefix}-select`}>{label}</label>
          <select
            id={`${idPrefix}-select`}
            style={{ width: '100%' }}
            value={value}
            data-testid={`${idPrefix}-select`}
            onChange={(e) => {
              const id = e.currentTarget.value;
              const row = options.find((r) => r.id === id) ?? null;
              setChosen(row);
              onChange(id, row);
            }}
          >
            <option value="">{options.length ? 'choose…' : 'no match'}</option>
            {options.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name || r.id} · {r.type} · {r.lxState} ({r.id})
              </option>
            ))}
          </select>
        </div>
      </div>
      {rows.length >= LIMIT ? <div class="muted">Showing the first {LIMIT} matches; type more of the name to narrow.</div> : null}
      {error ? <div class="error-list">{error}</div> : null}
    </div>
  );
}
