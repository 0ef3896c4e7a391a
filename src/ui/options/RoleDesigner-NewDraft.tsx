// "New draft": start from a replica of MEMBER or VIEWER, nothing, a clone of a customer
// role, or a revision of one (same name); the name is checked before anything is saved.
import { useState } from 'preact/hooks';
import { startOptions } from './RoleDesigner-model';
import type { StartFrom } from './RoleDesigner-model';

export interface NewDraftProps {
  /** The workspace's customer roles, to clone or revise. */
  readonly customerRoles: readonly string[];
  readonly busy: boolean;
  /** Creates the draft; says why the name cannot be used, or whether it was saved. */
  readonly onCreate: (start: StartFrom, name: string) => Promise<{ saved: boolean; nameProblem: string | null }>;
  /** Told once the new draft is saved and open. */
  readonly onCreated: () => void;
}

export function NewDraft({ customerRoles, busy, onCreate, onCreated }: NewDraftProps) {
  const [name, setName] = useState('');
  const [start, setStart] = useState('clone:MEMBER');
  const [problem, setProblem] = useState<string | null>(null);
  const options = startOptions(customerRoles);

  const create = async () => {
    const chosen = options.find((o) => o.value === start)?.start ?? { kind: 'empty' as const };
    const r = await onCreate(chosen, name);
    setProblem(r.nameProblem);
    if (r.saved) {
      setName('');
      onCreated();
    }
  };

  return (
    <form
      class="rd-new panel"
      aria-labelledby="rd-new-h"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3 id="rd-new-h">New draft</h3>
      <label for="rd-new-start">Start from</label>
      <select id="rd-new-start" value={start} onChange={(e) => setStart(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {start.startsWith('revise:') ? (
        <p class="muted rd-note">The draft takes the role's name and permissions; applying it replaces the role.</p>
      ) : (
        <>
          <label for="rd-new-name">Name</label>
          <input
            id="rd-new-name"
            value={name}
            placeholder="e.g. SYNC_DRAFT"
            autocomplete="off"
            spellcheck={false}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'rd-new-problem' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </>
      )}
      {problem ? (
        <p id="rd-new-problem" class="error-list rd-note" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy} style={{ marginTop: '8px' }}>
        Create draft
      </button>
    </form>
  );
}
