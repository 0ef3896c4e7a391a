// Importing a file whose name a workspace already has asks first: replace that workspace
// (its role drafts and scenario run history stay), or keep both (the new one named
// apart, "Acme (2)"), or cancel. Used by the file import and by a shared link's import.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { EngineClient } from '../engine-client';
import type { WorkspaceSummary } from '../../storage/store';
import type { ImportInto } from '../../worker/messages';
import { nameApart } from '../../worker/name-apart';
import { formatWhen } from '../components/format';
import { topLevelName } from './policy-name';

/** What the user chose: `into` for the worker's import (undefined: a new workspace, no name was taken), or null: cancelled. */
export type SameNameAnswer = { into: ImportInto | undefined } | null;

/** Files up to this many characters are checked before the question (the import checks them again). */
const CHECK_FIRST_BELOW = 5_000_000;

interface Pending {
  readonly name: string;
  readonly same: readonly WorkspaceSummary[];
  readonly apart: string;
  readonly resolve: (answer: SameNameAnswer) => void;
}

export interface SameNamePrompt {
  /** Asks when a workspace has the file's name; answers at once when none has. */
  readonly ask: (text: string) => Promise<SameNameAnswer>;
  /** The question, where the caller renders it (nothing while none is asked). */
  readonly prompt: ComponentChildren;
}

export function useSameNamePrompt(client: EngineClient): SameNamePrompt {
  const [pending, setPending] = useState<Pending | null>(null);
  const [target, setTarget] = useState('');
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (pending) boxRef.current?.focus();
  }, [pending]);
  // an unanswered question is answered "cancel" when the page leaves it
  useEffect(() => () => pending?.resolve(null), [pending]);

  const ask = async (text: string): Promise<SameNameAnswer> => {
    const name = topLevelName(text);
    if (name === null) return { into: undefined };
    const listed = await client.engine().listWorkspaces();
    if (!listed.ok) return { into: undefined };
    const same = listed.value.filter((w) => w.name === name).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (!same.length) return { into: undefined };
    // an invalid file is not asked about: the import lists its errors (a large file is asked about at once, not checked twice)
    if (text.length <= CHECK_FIRST_BELOW) {
      const checked = await client.engine().checkPolicyText(text);
      if (!checked.ok || checked.value.errors.length) return { into: undefined };
    }
    setTarget(same[0]!.id);
    return new Promise<SameNameAnswer>((resolve) =>
      setPending({
        name,
        same,
        apart: nameApart(name, listed.value.map((w) => w.name)),
        resolve: (answer) => {
          setPending(null);
          resolve(answer);
        },
      }),
    );
  };

  const prompt = pending ? (
    <div
      ref={boxRef}
      tabIndex={-1}
      class="panel"
      role="group"
      aria-labelledby="same-name-h"
      data-testid="same-name"
      style={{ marginTop: '8px', borderColor: 'var(--breaks)' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          pending.resolve(null);
        }
      }}
    >
      <div id="same-name-h" style={{ fontWeight: 600 }}>
        {pending.same.length === 1 ? `A workspace named “${pending.name}” is already here.` : `${pending.same.length} workspaces named “${pending.name}” are already here.`}
      </div>
      {pending.same.length > 1 ? (
        <div class="row" style={{ marginTop: '6px' }}>
          <label for="same-name-target" style={{ margin: 0 }}>
            The one to replace
          </label>
          <select id="same-name-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {pending.same.map((w) => (
              <option key={w.id} value={w.id}>{`${w.name} (${w.platform}, updated ${formatWhen(w.updatedAt)})`}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="row" style={{ marginTop: '8px' }}>
        <button type="button" class="primary" data-testid="same-name-replace" onClick={() => pending.resolve({ into: { replace: target } })}>
          Replace it
        </button>
        <span class="muted">its role drafts and scenario runs stay</span>
      </div>
      <div class="row" style={{ marginTop: '6px' }}>
        <button type="button" data-testid="same-name-apart" onClick={() => pending.resolve({ into: { apart: true } })}>
          Keep both
        </button>
        <span class="muted">{`the new one is named “${pending.apart}”`}</span>
      </div>
      <div class="row" style={{ marginTop: '6px' }}>
        <button type="button" data-testid="same-name-cancel" onClick={() => pending.resolve(null)}>
          Cancel
        </button>
        <span class="muted">nothing is imported</span>
      </div>
    </div>
  ) : null;

  return { ask, prompt };
}
