// What a LeanIX scenario changes: an update's patches as rows (op, path, value), or the
// values of a fact sheet it creates. Paths are offered escaped (patch-path.ts); a name
// typed without a leading `/` is read as one field.
import type { FactSheetType } from '../../model/schema';
import { BASE_FIELDS } from '../../model/vocabulary';
import { removeAt, replaceAt } from '../components/list-edit';
import { OptionList } from '../components/OptionList';
import { PATCH_OP_CHOICES, pathsOfTypes } from '../components/leanix-paths';
import type { PatchRow, ValueRow } from './ScenariosDraft';

type TypeShape = Pick<FactSheetType, 'name' | 'fields' | 'relations'>;

export interface PatchRowsProps {
  /** The fact sheet's type, or every type while none is chosen. */
  readonly types: readonly TypeShape[];
  readonly patches: readonly PatchRow[];
  readonly onChange: (patches: PatchRow[]) => void;
}

export function PatchRows({ types, patches, onChange }: PatchRowsProps) {
  const options = pathsOfTypes(types);
  const setPatch = (i: number, patch: Partial<PatchRow>) => onChange(replaceAt(patches, i, { ...patches[i]!, ...patch }));
  return (
    <fieldset>
      <legend>Changes</legend>
      <datalist id="sf-paths">
        {options.map((p) => (
          <option key={p.path} value={p.path}>
            {`${p.name} (${p.kind})`}
          </option>
        ))}
      </datalist>
      <table>
        <thead>
          <tr>
            <th scope="col">Op</th>
            <th scope="col">Path</th>
            <th scope="col">Value (JSON when it parses, else text)</th>
            <th scope="col">
              <span class="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {patches.map((p, i) => (
            <tr key={i} data-testid="sf-patch">
              <td>
                <select aria-label={`Change ${i + 1} op`} value={p.op} onChange={(ev) => setPatch(i, { op: ev.currentTarget.value as PatchRow['op'] })}>
                  <OptionList values={PATCH_OP_CHOICES} />
                </select>
              </td>
              <td>
                <input
                  aria-label={`Change ${i + 1} path`}
                  list="sf-paths"
                  value={p.path}
                  placeholder="/lifecycle"
                  title="A JSON pointer such as /lifecycle, or one field name (cost/eur is /cost~1eur)"
                  onInput={(ev) => setPatch(i, { path: ev.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Change ${i + 1} value`}
                  value={p.value}
                  disabled={p.op === 'remove'}
                  placeholder={p.op === 'remove' ? 'no value' : '3, "text", true, null'}
                  style={{ width: '100%' }}
                  onInput={(ev) => setPatch(i, { value: ev.currentTarget.value })}
                />
              </td>
              <td>
                <button type="button" aria-label={`Remove change ${i + 1}`} disabled={patches.length === 1} onClick={() => onChange(removeAt(patches, i))}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" style={{ marginTop: '6px' }} onClick={() => onChange([...patches, { op: 'replace', path: '', value: '' }])}>
        Add a change
      </button>
    </fieldset>
  );
}

export interface CreateValuesProps {
  /** The type created, once chosen. */
  readonly type: Pick<FactSheetType, 'fields'> | undefined;
  readonly values: readonly ValueRow[];
  readonly onChange: (values: ValueRow[]) => void;
}

export function CreateValues({ type, values, onChange }: CreateValuesProps) {
  const keys = type ? [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...type.fields] : [...BASE_FIELDS];
  const setValue = (i: number, value: Partial<ValueRow>) => onChange(replaceAt(values, i, { ...values[i]!, ...value }));
  return (
    <fieldset>
      <legend>Values of the new fact sheet</legend>
      <datalist id="sf-value-keys">
        {keys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      {values.map((v, i) => (
        <div class="row" key={i}>
          <input aria-label={`Value ${i + 1} field`} list="sf-value-keys" value={v.key} onInput={(ev) => setValue(i, { key: ev.currentTarget.value })} />
          <input aria-label={`Value ${i + 1} value`} value={v.value} onInput={(ev) => setValue(i, { value: ev.currentTarget.value })} />
          <button type="button" aria-label={`Remove value ${i + 1}`} onClick={() => onChange(removeAt(values, i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" style={{ marginTop: '6px' }} onClick={() => onChange([...values, { key: '', value: '' }])}>
        Add a value
      </button>
    </fieldset>
  );
}
