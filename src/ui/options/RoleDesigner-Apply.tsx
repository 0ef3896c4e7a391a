// "Apply drafts to workspace", asked first in the page: the drafts become customer roles
// of the workspace, assigned to their users, and the drafts are cleared.
import { useRef, useState } from 'preact/hooks';
import { useFocusHandoff } from '../components/focus-handoff';
import { plural } from './RoleDesigner-model';

export interface ApplyDraftsProps {
  readonly draftCount: number;
  readonly workspaceName: string;
  readonly busy: boolean;
  readonly onApply: () => Promise<void>;
}

export function ApplyDrafts({ draftCount, workspaceName, busy, onApply }: ApplyDraftsProps) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  // Keep the focus on the question while it is asked, and back on its button after.
  useFocusHandoff(asking, yes, ask);

  return (
    <div class="rd-apply">
      {asking ? (
        <div class="panel" role="group" aria-label="Confirm applying the drafts">
          <p style={{ marginTop: 0 }}>
            Write {plural(draftCount, 'draft')} into {workspaceName} as customer roles (assigned to their users), then clear the drafts?
          </p>
          <div class="row">
            <button
              type="button"
              class="primary"
              ref={yes}
              onClick={() => {
                setAsking(false);
                void onApply();
              }}
            >
              Apply
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" ref={ask} disabled={draftCount === 0 || busy} onClick={() => setAsking(true)} data-testid="apply-drafts">
          Apply drafts to workspace
        </button>
      )}
      <p class="muted rd-note">Until applied, drafts count only in this browser's simulation (quick check, bulk what-if).</p>
    </div>
  );
}
