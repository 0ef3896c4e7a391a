// The `<option>`s of an actor select, one a choice, under `<optgroup>`s when the choices
// have groups. Given `fits`, a label too long for the select is shortened where a word
// ends, never inside one, and the option keeps the full label in its title.
import { fitLabel } from './text-fit';
import type { ActorChoice } from './actor-choices';

export interface ActorOptionsProps {
  readonly choices: readonly ActorChoice[];
  /** Whether a text fits the select (text-fit.ts); without it labels show whole. */
  readonly fits?: ((text: string) => boolean) | null;
}

export function ActorOptions({ choices, fits }: ActorOptionsProps) {
  const render = (c: ActorChoice) => {
    const text = fits ? fitLabel(c.label, fits) : c.label;
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
