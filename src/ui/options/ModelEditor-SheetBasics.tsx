// One fact sheet's own keys: name, type, seal state (lxState) and approvedAt, the values
// of its fields, and its read and write ACLs. Each input shows the errors of a refused
// save at its own path.
import { useEffect, useState } from 'preact/hooks';
import type { FactSheet, LeanixPolicy } from '../../model/schema';
import { LX_STATES } from '../../model/vocabulary';
import type { PolicyError } from '../../policy/errors';
import { formatPath } from '../../model/words';
import { ChipsInput } from '../components/ChipsInput';
import { OptionList } from '../components/OptionList';
import { dateInputValue, isoFromDateInput, knownAces } from './ModelEditor-model';
import { valueFields, valueText, withState, withValueText } from './ModelEditor-refs';
import { Choice, FieldErrors } from './ModelEditor-parts';

interface Props {
  readonly policy: LeanixPolicy;
  readonly sheet: FactSheet;
  /** The fact sheet's index in `factSheets`. */
  readonly index: number;
  readonly errors: readonly PolicyError[];
  readonly onChange: (sheet: FactSheet) => void;
}

export function SheetBasics({ policy, sheet, index, errors, onChange }: Props) {
  const at = `factSheets[${index}]`;
  const type = policy.factSheetTypes.find((t) => t.name === sheet.type);
  const types = policy.factSheetTypes.map((t) => t.name);
  const base = `me-sheet-${sheet.id}`;
  const stateNote =
    !type || !type.qualitySeal.enabled
      ? `${sheet.type} has no quality seal: the state is kept as stored`
      : sheet.lxState === 'APPROVED' && type.qualitySeal.renewal
        ? `approvals of ${sheet.type} last ${type.qualitySeal.renewal.value} ${type.qualitySeal.renewal.unit.toLowerCase()}`
        : '';
  return (
    <div class="me-sheet-basics">
      <div class="me-sheet-grid">
        <div>
          <label for={`${base}-name`}>Name</label>
          <TextBox id={`${base}-name`} value={sheet.name} onCommit={(name) => onChange({ ...sheet, name })} invalid={hasErrors(errors, `${at}.name`)} />
          <FieldErrors errors={errors} path={`${at}.name`} />
        </div>
        <div>
          <label for={`${base}-type`}>Type</label>
          <select id={`${base}-type`} value={sheet.type} onChange={(e) => onChange({ ...sheet, type: e.currentTarget.value })}>
            <OptionList values={types.includes(sheet.type) ? types : [sheet.type, ...types]} />
          </select>
          <FieldErrors errors={errors} path={`${at}.type`} />
        </div>
        <div>
          <label for={`${base}-state`}>Seal state (lxState)</label>
          <Choice id={`${base}-state`} label="Seal state (lxState)" value={sheet.lxState} options={LX_STATES} onChange={(s) => onChange(withState(sheet, s, type, policy.asOf))} />
          {stateNote ? <div class="muted me-note-inline">{stateNote}</div> : null}
          <FieldErrors errors={errors} path={`${at}.lxState`} />
        </div>
        <div>
          <label for={`${base}-approved`}>Approved at</label>
          <span class="row" style={{ flexWrap: 'nowrap' }}>
            <input
              id={`${base}-approved`}
              type="date"
              value={dateInputValue(sheet.approvedAt)}
              aria-invalid={hasErrors(errors, `${at}.approvedAt`) || undefined}
              onChange={(e) => onChange({ ...sheet, approvedAt: isoFromDateInput(e.currentTarget.value, sheet.approvedAt) })}
            />
            {sheet.approvedAt ? (
              <button type="button" aria-label="Clear the approval time" onClick={() => onChange({ ...sheet, approvedAt: null })}>
                None
              </button>
            ) : (
              <span class="muted">none</span>
            )}
          </span>
          <FieldErrors errors={errors} path={`${at}.approvedAt`} />
        </div>
      </div>

      <h4>Values</h4>
      <div class="me-table-wrap">
        <table class="me-table" data-testid="sheet-values">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {valueFields(sheet, type).map((f) => {
              const path = formatPath(['factSheets', index, 'values', f]);
              const declared = !type || type.fields.includes(f) || ['description', 'alias', 'release', 'externalId'].includes(f);
              return (
                <tr key={f} data-testid={`value-${f}`}>
                  <th scope="row">
                    <code>{f}</code>
                    {type?.mandatory.fields.includes(f) ? <span class="muted"> · mandatory</span> : null}
                    {declared ? null : <span class="muted"> · not a field of {sheet.type}</span>}
                  </th>
                  <td>
                    <TextBox
                      label={`Value of ${f}`}
                      value={valueText(sheet.values[f])}
                      placeholder="empty"
                      invalid={hasErrors(errors, path)}
                      onCommit={(text) => onChange(withValueText(sheet, f, text))}
                    />
                    <FieldErrors errors={errors} path={path} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted me-note">Text is kept as text; <code>3</code>, <code>true</code>, <code>null</code> and <code>[…]</code> are read as JSON (write <code>"3"</code> for the text 3). An empty box leaves the field empty.</p>

      <h4>Access control lists</h4>
      <p class="muted me-note">Empty: everyone may. Otherwise only users holding one of the entities (and ADMIN).</p>
      <div class="me-sheet-grid">
        <div>
          <div class="me-caption">Read ACL</div>
          <ChipsInput id={`${base}-racl`} noun="read ACL entity" values={sheet.permittedReadACL} suggestions={knownAces(policy)} transform={(t) => t.toUpperCase()} placeholder="add entity" onChange={(permittedReadACL) => onChange({ ...sheet, permittedReadACL })} />
          <FieldErrors errors={errors} path={`${at}.permittedReadACL`} />
        </div>
        <div>
          <div class="me-caption">Write ACL</div>
          <ChipsInput id={`${base}-wacl`} noun="write ACL entity" values={sheet.permittedWriteACL} suggestions={knownAces(policy)} transform={(t) => t.toUpperCase()} placeholder="add entity" onChange={(permittedWriteACL) => onChange({ ...sheet, permittedWriteACL })} />
          <FieldErrors errors={errors} path={`${at}.permittedWriteACL`} />
        </div>
      </div>
    </div>
  );
}

function hasErrors(errors: readonly PolicyError[], path: string): boolean {
  return errors.some((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

/** A text box that commits on change (blur or Enter) and follows outside changes of its value. */
function TextBox({ id, label, value, placeholder, invalid, onCommit }: { id?: string; label?: string; value: string; placeholder?: string; invalid?: boolean; onCommit: (text: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      id={id}
      aria-label={label}
      value={text}
      placeholder={placeholder}
      autocomplete="off"
      spellcheck={false}
      aria-invalid={invalid || undefined}
      onInput={(e) => setText(e.currentTarget.value)}
      onChange={(e) => {
        if (e.currentTarget.value !== value) onCommit(e.currentTarget.value);
      }}
    />
  );
}
