// The draft editor: its name, what it starts from, its permission lines (with completion
// and live checking), the users who hold it in the simulation, and save, delete, revert.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { GrammarContext } from '../../model/permission';
import type { Outline } from '../../worker/api';
import { actorLabel, integrationFirst } from '../components/actor-label';
import { useFocusHandoff } from '../components/focus-handoff';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { PermissionEditor } from './PermissionEditor';
import type { DraftForm, DraftProblem } from './RoleDesigner-form';
import { draftNameProblem } from './RoleDesigner-model';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;

export interface DraftEditorProps {
  readonly outline: LeanixOutline;
  readonly form: DraftForm;
  readonly onChange: (form: DraftForm) => void;
  /** The form as last saved, or null for a draft not saved yet. */
  readonly saved: DraftForm | null;
  readonly dirty: boolean;
  /** Names of the other drafts, which this one may not take. */
  readonly otherDrafts: readonly string[];
  readonly context: GrammarContext;
  readonly problem: DraftProblem | null;
  readonly busy: boolean;
  readonly onSave: () => void;
  /** Deletes the draft; the editor closes, or stays with the problem said. */
  readonly onDelete: () => Promise<void>;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}

export function DraftEditor({ outline, form, onChange, saved, dirty, otherDrafts, context, problem, busy, onSave, onDelete, headingRef }: DraftEditorProps) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const deleteYes = useRef<HTMLButtonElement>(null);
  const deleteAsk = useRef<HTMLButtonElement>(null);
  // Keep the focus on the question while it is asked, and back on its button after.
  useFocusHandoff(confirmDelete, deleteYes, deleteAsk);
  // Another draft opened: nothing of this one is being asked any more.
  useEffect(() => setConfirmDelete(false), [form.stored]);

  const customerRoles = outline.roles.map((r) => r.name);
  const nameProblem = draftNameProblem(form.name, otherDrafts);
  const declared = useMemo(() => ({ types: outline.types }), [outline]);
  const users = integrationFirst(outline.users);
  const toggleUser = (id: string) => onChange({ ...form, users: form.users.includes(id) ? form.users.filter((u) => u !== id) : [...form.users, id] });

  return (
    <>
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="rd-editor-h" tabIndex={-1} ref={headingRef}>
          {form.stored ?? form.name}
          {dirty ? <span class="rd-dirty"> · unsaved changes</span> : null}
        </h2>
      </div>
      <div class="rd-fields">
        <div>
          <label for="rd-name">Role name</label>
          <input
            id="rd-name"
            value={form.name}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={nameProblem !== null}
            aria-describedby="rd-name-note"
            onInput={(e) => onChange({ ...form, name: e.currentTarget.value })}
          />
          <p id="rd-name-note" class={nameProblem ? 'error-list rd-note' : 'muted rd-note'}>
            {nameProblem ?? (customerRoles.includes(form.name) ? `Replaces the workspace's role ${form.name} when applied.` : 'A new customer role.')}
          </p>
        </div>
        <div>
          <label for="rd-clone">Starts from</label>
          <select id="rd-clone" value={form.cloneFrom} onChange={(e) => onChange({ ...form, cloneFrom: e.currentTarget.value })}>
            <option value="">nothing (only its own grants)</option>
            <option value="MEMBER">MEMBER (replica of the built-in role)</option>
            <option value="VIEWER">VIEWER</option>
            {customerRoles
              .filter((r) => r !== form.name)
              .map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
          </select>
          <p class="muted rd-note">
            {form.cloneFrom === 'MEMBER'
              ? 'MEMBER writes everything but lxState, so without the seal permission its writes break seals.'
              : form.cloneFrom
                ? `Holds every grant of ${form.cloneFrom}, plus the lines below.`
                : 'Holds only the lines below.'}
          </p>
        </div>
      </div>

      <h3 id="rd-perm-h">Permissions</h3>
      <PermissionEditor id="rd-perms" labelledBy="rd-perm-h" value={form.text} onChange={(text) => onChange({ ...form, text })} declared={declared} context={context} />

      <fieldset class="rd-users">
        <legend>Held by, in the simulation</legend>
        <p class="muted rd-note">A user holding any customer role gets exactly the union of its customer roles; ADMIN is never narrowed.</p>
        {users.length === 0 ? (
          <p class="muted">The workspace has no users; add some in the Model tab.</p>
        ) : (
          <ul class="rd-user-list">
            {users.map((u) => (
              <li key={u.id}>
                <label class="rd-check">
                  <input type="checkbox" checked={form.users.includes(u.id)} onChange={() => toggleUser(u.id)} data-testid={`user-${u.id}`} />
                  <span>{actorLabel(u)}</span>
                  {u.role === 'ADMIN' ? <span class="muted"> · ADMIN: a role changes nothing</span> : null}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <div class="row rd-actions">
        <button type="button" class="primary" disabled={busy} onClick={onSave} data-testid="save-draft">
          Save draft
        </button>
        {confirmDelete ? (
          <span class="row" role="group" aria-label="Confirm deleting the draft">
            <span>Delete {form.stored ?? form.name}?</span>
            <button type="button" class="danger" ref={deleteYes} onClick={() => void onDelete()}>
              Delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" class="danger" ref={deleteAsk} onClick={() => setConfirmDelete(true)} data-testid="delete-draft">
            Delete draft
          </button>
        )}
        {saved && dirty ? (
          <button type="button" onClick={() => onChange(saved)}>
            Revert changes
          </button>
        ) : null}
      </div>
      {problem ? <PolicyErrorList message={problem.title} errors={problem.errors} testId="draft-problem" /> : null}
    </>
  );
}
