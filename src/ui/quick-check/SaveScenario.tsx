// "Save as scenario": asks for a name, then appends the current question with its
// actual outcome as `expect` to the workspace's file; errors are listed where they are.
import { useRef, useState } from 'preact/hooks';
import { failureOf } from '../components/failure-of';
import { useFocusHandoff } from '../components/focus-handoff';
import { FailureText } from '../components/FailureText';
import { plural } from '../components/format';
import type { EngineClient } from '../engine-client';
import type { Failure } from '../../worker/result';

export interface SaveScenarioProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  /** The scenario for a name, or null while there is no verdict to save. */
  readonly scenario: ((name: string) => unknown) | null;
  /** Used when the name is left empty. */
  readonly suggestedName: string;
  /** Told the name a scenario was saved under. */
  readonly onSaved?: (name: string) => void;
  /** Why there is nothing to save, when it is not a missing question (said as the button's title). */
  readonly unavailable?: string;
}

export function SaveScenario({ client, workspaceId, scenario, suggestedName, onSaved, unavailable }: SaveScenarioProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  // Focus moves with the form, before the next keystroke: into the name, then back to the opener.
  useFocusHandoff(open, input, opener);

  const close = () => setOpen(false);

  const save = async () => {
    if (!scenario) return;
    const chosen = name.trim() || suggestedName;
    if (!chosen) return;
    setBusy(true);
    setSaved(null);
    setFailure(null);
    try {
      const r = await client.engine().addScenario(workspaceId, scenario(chosen));
      if (r.ok) {
        setSaved(`Saved as scenario “${chosen}”; ${r.value.name} now has ${plural(r.value.scenarioCount, 'scenario')}.`);
        setName('');
        close();
        onSaved?.(chosen);
      } else {
        setFailure(r.error);
      }
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        aria-expanded={open}
        aria-controls="save-form"
        disabled={!scenario}
        title={scenario ? undefined : (unavailable ?? 'Pick an actor, a fact sheet and a change first')}
        onClick={() => {
          setSaved(null);
          setFailure(null);
          setOpen(!open);
        }}
      >
        Save as scenario…
      </button>
      <div class="full">
        {open ? (
          <form
            id="save-form"
            class="save"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                close();
              }
            }}
          >
            <input
              ref={input}
              id="scenario-name"
              aria-label="Scenario name"
              placeholder={suggestedName || 'Scenario name'}
              title={suggestedName ? `Left empty: “${suggestedName}”` : undefined}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <button type="submit" class="primary" disabled={!scenario || busy}>
              Save
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </form>
        ) : null}
        <div role="status" aria-live="polite" data-testid="save-result">
          {saved ? <p class="hint ok">{saved}</p> : null}
        </div>
        {failure ? <FailureText failure={failure} prefix="Not saved:" /> : null}
      </div>
    </>
  );
}
