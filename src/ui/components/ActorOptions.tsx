// The `<option>`s of an actor select, one a choice, under `<optgroup>`s when the choices
// have groups. A label longer than `maxChars` is shortened where a word ends, never
// inside one, and the option keeps the full label in its title.
import { shortLabel } from './actor-label';
import type { ActorChoice } from './actor-choices';

export interface ActorOptionsProps {
  readonly choices: readonly ActorChoice[];
  /** The most characters the select shows; longer labels are shortened. */
  readonly maxChars?: number;
}

export function ActorOptions({ choices, maxChars }: ActorOptionsProps) {
  const render = (c: ActorChoice) => {
    const text = maxChars === undefined ? c.label : shortLabel(c.label, maxChars);
    return (
      <option key={c.value} value={c.value} title={text === c.label ? undefined : c.label}>
        {text}
      </option>
    );
  };
  const groups = [...new Set(choices.map((c) => c.group ?? ''))];
  if (groups.length === 1 && !groups[0]) return <>{choices.map(render)}</>;
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g} label={g}>
          {choices.filter((c) => (c.group ?? '') === g).map(render)}
        </optgroup>
      ))}
    </>
  );
}
