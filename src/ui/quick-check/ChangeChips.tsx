// What changes on the fact sheet: one chip a path, in groups, pressed or not; the seal's
// new state beside its chip while the seal is part of the change; the new value of the
// changed fields under them.
import type { RefObject } from 'preact';
import { OptionList } from '../components/OptionList';
import type { ChipGroup } from './chips';
import { SEAL_PATH } from './chips';

export interface ChangeChipsProps {
  readonly groups: readonly ChipGroup[];
  readonly chosen: ReadonlySet<string>;
  readonly onToggle: (path: string) => void;
  /** The states the seal may be set to, and the one chosen (offered while the seal's chip is pressed). */
  readonly states: readonly string[];
  readonly state: string;
  /** Chooses a state, which also chooses the seal's chip. */
  readonly onState: (state: string) => void;
  /** The new value of the fields, as typed: JSON when it parses, else text. */
  readonly value: string;
  readonly onValue: (value: string) => void;
  /** The chips' box, for the quick check to focus the first chip. */
  readonly boxRef: RefObject<HTMLDivElement | null>;
}

export function ChangeChips({ groups, chosen, onToggle, states, state, onState, value, onValue, boxRef }: ChangeChipsProps) {
  const fieldsChosen = [...chosen].some((p) => p !== SEAL_PATH && groups.some((g) => g.chips.some((c) => c.path === p)));
  return (
    <div class="qc-field">
      <div class="qc-chips" role="group" aria-label="What changes" ref={boxRef} data-testid="qc-chips">
        {groups.map((g) => (
          <div class="chip-group" role="group" aria-label={g.name} key={g.name}>
            <span class="group-name" aria-hidden="true">
              {g.name}
            </span>
            {g.chips.map((c) => (
              <button key={c.path} type="button" class="chip" aria-pressed={chosen.has(c.path)} data-path={c.path} title={c.path} onClick={() => onToggle(c.path)}>
                {c.name}
              </button>
            ))}
            {chosen.has(SEAL_PATH) && g.chips.some((c) => c.path === SEAL_PATH) ? (
              <select id="lxstate" aria-label="New seal state" value={state} onChange={(e) => onState(e.currentTarget.value)}>
                <OptionList values={states} />
              </select>
            ) : null}
          </div>
        ))}
      </div>
      {fieldsChosen ? (
        <div class="pair qc-value">
          <label for="qc-value">New value</label>
          <input id="qc-value" value={value} spellcheck={false} autocomplete="off" title={'JSON when it parses (3, true, ["a"]), else text'} onInput={(e) => onValue(e.currentTarget.value)} />
        </div>
      ) : null}
    </div>
  );
}
