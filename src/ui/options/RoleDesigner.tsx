// Journey 2, "Design a role": drafts of customer roles kept in IndexedDB, a permission
// editor with completion and live checking, a live matrix of types × sections with the
// seal mark, the impact on the workspace's seals, and applying the drafts for good.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Outline } from '../../worker/api';
import type { Failure } from '../../worker/result';
import type { RoleMatrix } from '../../engine/leanix/matrix';
import type { PolicyError } from '../../policy/errors';
import type { RoleDraft } from '../../storage/store';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { PermissionEditor } from './PermissionEditor';
import { MatrixView } from './RoleDesigner-Matrix';
import {
  checkLines,
  draftNameProblem,
  grammarContext,
  permissionsOf,
  plural,
  shortTime,
  startOptions,
} from './RoleDesigner-model';
import './RoleDesigner.css';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;

interface Form {
  /** The name the draft is stored under, or null for one not saved yet. */
  readonly stored: string | null;
  readonly name: string;
  readonly cloneFrom: string;
  readonly text: string;
  readonly users: readonly string[];
}

const formOf = (d: RoleDraft): Form => ({
  stored: d.name,
  name: d.name,
  cloneFrom: d.cloneFrom ?? '',
  text: d.permissions.join('\n'),
  users: d.users ?? [],
});

function sameForm(a: Form, b: Form): boolean {
  return (
    a.name === b.name &&
    a.cloneFrom === b.cloneFrom &&
    permissionsOf(a.text).join('\n') === permissionsOf(b.text).join('\n') &&
    [...a.users].sort().join('\n') === [...b.users].sort().join('\n')
  );
}

function failureErrors(f: Failure): PolicyError[] {
  return f.kind === 'invalid' ? [...f.errors] : [];
}

export function RoleDesigner({ client, workspace, refresh, notify }: TabProps) {
  const [outline, setOutline] = useState<LeanixOutline | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<RoleDraft[] | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<Form | null>(null);
  const [problem, setProblem] = useState<{ title: string; errors: PolicyError[] } | null>(null);
  const [matrix, setMatrix] = useState<{ ok: true; value: RoleMatrix } | { ok: false; message: string; errors: PolicyError[] } | null>(null);
  const [pendingSwitch, setPendingSwitch] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmApply, setConfirmApply] = useState(false);
  const [busy, setBusy] = useState(false);
  const [newName, setNewName] = useState('');
  const [newStart, setNewStart] = useState('clone:MEMBER');
  const [newProblem, setNewProblem] = useState<string | null>(null);
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const deleteYes = useRef<HTMLButtonElement>(null);
  const deleteAsk = useRef<HTMLButtonElement>(null);
  const applyYes = useRef<HTMLButtonElement>(null);
  const applyAsk = useRef<HTMLButtonElement>(null);
  const asked = useRef({ del: false, apply: false });
  // Keep the focus on the question while it is asked, and back on its button after.
  useEffect(() => {
    if (confirmDelete) deleteYes.current?.focus();
    else if (asked.current.del) deleteAsk.current?.focus();
    asked.current.del = confirmDelete;
  }, [confirmDelete]);
  useEffect(() => {
    if (confirmApply) applyYes.current?.focus();
    else if (asked.current.apply) applyAsk.current?.focus();
    asked.current.apply = confirmApply;
  }, [confirmApply]);
  const wsId = workspace?.id ?? null;
  const engine = () => client.engine();

  const load = async (select?: string | null) => {
    if (!wsId) return;
    const [o, d] = await Promise.all([engine().outline(wsId), engine().listDrafts(wsId)]);
    if (!o.ok) return setLoadError(o.error.message);
    if (!d.ok) return setLoadError(d.error.message);
    setLoadError(null);
    setOutline(o.value.platform === 'leanix' ? o.value : null);
    const list = [...d.value].sort((a, b) => a.name.localeCompare(b.name));
    setDrafts(list);
    if (select !== undefined) {
      const found = select === null ? undefined : list.find((x) => x.name === select);
      const f = found ? formOf(found) : null;
      setForm(f);
      setSaved(f);
    }
  };

  useEffect(() => {
    setOutline(null);
    setDrafts(null);
    setForm(null);
    setSaved(null);
    setProblem(null);
    setMatrix(null);
    if (workspace?.platform === 'leanix') void load(null);
  }, [wsId]);

  const declared = useMemo(() => ({ types: outline?.types ?? [] }), [outline]);
  const context = useMemo(() => grammarContext(outline?.types ?? []), [outline]);
  const checked = useMemo(() => (form ? checkLines(form.text, context) : []), [form?.text, context]);
  const valid = checked.filter((l) => l.error === null).map((l) => l.text);
  const invalidCount = checked.length - valid.length;
  const otherDrafts = (drafts ?? []).map((d) => d.name).filter((n) => n !== form?.stored);
  const nameProblem = form ? draftNameProblem(form.name, otherDrafts) : null;
  const dirty = form !== null && (saved === null || !sameForm(form, saved));

  // The live matrix: the valid lines, recomputed shortly after each edit.
  const matrixKey = form ? JSON.stringify([form.name, form.cloneFrom, valid]) : '';
  const ticket = useRef(0);
  useEffect(() => {
    if (!form || !wsId) return;
    const mine = ++ticket.current;
    const timer = setTimeout(async () => {
      const name = draftNameProblem(form.name, []) ? 'DRAFT_ROLE' : form.name;
      const r = await engine().roleMatrix(wsId, { name, ...(form.cloneFrom ? { cloneFrom: form.cloneFrom } : {}), permissions: valid });
      if (mine !== ticket.current) return;
      setMatrix(r.ok ? r : { ok: false, message: r.error.message, errors: failureErrors(r.error) });
    }, 120);
    return () => clearTimeout(timer);
  }, [matrixKey, wsId]);

  if (!workspace) return <p class="muted">Import or create a workspace first (Workspaces tab), then design roles for it here.</p>;
  if (workspace.platform !== 'leanix') {
    return (
      <p class="muted">
        The role designer is for SAP LeanIX workspaces. Qualytics roles are fixed (Member, Manager, Admin): give access through teams in
        the Model tab.
      </p>
    );
  }
  if (loadError) return <p class="error-list" role="alert">{loadError}</p>;
  if (!outline || !drafts) return <p class="muted">Loading the workspace…</p>;

  const customerRoles = outline.roles.map((r) => r.name);
  const options = startOptions(customerRoles);
  const sealEnabled = new Set(outline.types.filter((t) => t.qualitySeal.enabled).map((t) => t.name));
  const users = [...outline.users].sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'technical' ? -1 : 1));

  const select = (name: string) => {
    if (dirty && name !== form?.stored) return setPendingSwitch(name);
    const d = drafts.find((x) => x.name === name);
    if (!d) return;
    const f = formOf(d);
    setForm(f);
    setSaved(f);
    setProblem(null);
    setConfirmDelete(false);
    setPendingSwitch(null);
  };

  const save = async (f: Form = form!): Promise<boolean> => {
    const others = drafts.map((d) => d.name).filter((n) => n !== f.stored);
    const why = draftNameProblem(f.name, others);
    if (why) {
      setProblem({ title: `Not saved: ${why}.`, errors: [] });
      return false;
    }
    const bad = checkLines(f.text, context).filter((l) => l.error);
    if (bad.length) {
      setProblem({
        title: `Not saved: ${plural(bad.length, 'permission')} ${bad.length === 1 ? 'has' : 'have'} an error; fix ${bad.length === 1 ? 'it' : 'them'} first.`,
        errors: bad.map((l) => ({ path: `line ${l.index + 1}`, position: l.error!.position, message: l.error!.message })),
      });
      return false;
    }
    setBusy(true);
    const draft: RoleDraft = {
      workspaceId: workspace.id,
      name: f.name,
      ...(f.cloneFrom ? { cloneFrom: f.cloneFrom } : {}),
      permissions: permissionsOf(f.text),
      users: [...f.users],
      updatedAt: new Date().toISOString(),
    };
    const r = await engine().saveDraft(draft);
    if (r.ok && f.stored && f.stored !== f.name) {
      const gone = await engine().deleteDraft(workspace.id, f.stored);
      if (!gone.ok) notify(`Saved as ${f.name}, but the old draft ${f.stored} could not be removed: ${gone.error.message}`);
    }
    setBusy(false);
    if (!r.ok) {
      setProblem({ title: `Not saved: ${r.error.message}`, errors: failureErrors(r.error) });
      return false;
    }
    setProblem(null);
    notify(`Draft ${f.name} saved.`);
    await load(f.name);
    return true;
  };

  const create = async () => {
    const option = options.find((o) => o.value === newStart)?.start ?? { kind: 'empty' as const };
    let f: Form;
    if (option.kind === 'revise') {
      const role = outline.roles.find((r) => r.name === option.role)!;
      f = { stored: null, name: role.name, cloneFrom: role.cloneFrom ?? '', text: role.permissions.join('\n'), users: [] };
    } else {
      f = { stored: null, name: newName.trim(), cloneFrom: option.kind === 'clone' ? option.from : '', text: '', users: [] };
    }
    const why = draftNameProblem(f.name, drafts.map((d) => d.name));
    if (why) return setNewProblem(why);
    setNewProblem(null);
    if (await save(f)) {
      setNewName('');
      editorHeading.current?.focus();
    }
  };

  const remove = async () => {
    if (!form) return;
    if (form.stored) {
      const r = await engine().deleteDraft(workspace.id, form.stored);
      if (!r.ok) return setProblem({ title: `Not deleted: ${r.error.message}`, errors: [] });
      notify(`Draft ${form.stored} deleted.`);
    }
    setConfirmDelete(false);
    setMatrix(null);
    await load(null);
  };

  const apply = async () => {
    setConfirmApply(false);
    if (dirty && !(await save())) return;
    setBusy(true);
    const r = await engine().applyDraftsToWorkspace(workspace.id);
    setBusy(false);
    if (!r.ok) {
      setProblem({ title: `Nothing was applied: ${r.error.message}`, errors: failureErrors(r.error) });
      return;
    }
    notify(`Applied ${plural(drafts.length, 'draft')}: they are now customer roles of ${workspace.name}, assigned as drafted.`);
    setMatrix(null);
    await refresh();
    await load(null);
  };

  const toggleUser = (id: string) => {
    if (!form) return;
    setForm({ ...form, users: form.users.includes(id) ? form.users.filter((u) => u !== id) : [...form.users, id] });
  };

  return (
    <div class="rd">
      <aside class="rd-side" aria-labelledby="rd-drafts-h">
        <h2 id="rd-drafts-h">Role drafts</h2>
        {drafts.length === 0 ? (
          <p class="muted" data-testid="no-drafts">
            No drafts yet. Start one below: a replica of MEMBER is where integrations usually begin.
          </p>
        ) : (
          <ul class="rd-list" data-testid="draft-list">
            {drafts.map((d) => (
              <li key={d.name}>
                <button
                  type="button"
                  class="rd-draft"
                  aria-current={form?.stored === d.name ? 'true' : undefined}
                  data-testid={`draft-${d.name}`}
                  onClick={() => select(d.name)}
                >
                  <span class="rd-draft-name">{d.name}</span>
                  <span class="muted rd-draft-meta">
                    {plural(d.permissions.length, 'permission')}
                    {d.users?.length ? ` · ${plural(d.users.length, 'user')}` : ''} · {shortTime(d.updatedAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}

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
          <select id="rd-new-start" value={newStart} onChange={(e) => setNewStart(e.currentTarget.value)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {newStart.startsWith('revise:') ? (
            <p class="muted rd-note">The draft takes the role's name and permissions; applying it replaces the role.</p>
          ) : (
            <>
              <label for="rd-new-name">Name</label>
              <input
                id="rd-new-name"
                value={newName}
                placeholder="e.g. SYNC_DRAFT"
                autocomplete="off"
                spellcheck={false}
                aria-invalid={newProblem !== null}
                aria-describedby={newProblem ? 'rd-new-problem' : undefined}
                onInput={(e) => setNewName(e.currentTarget.value)}
              />
            </>
          )}
          {newProblem ? (
            <p id="rd-new-problem" class="error-list rd-note" role="alert">
              {newProblem}
            </p>
          ) : null}
          <button type="submit" class="primary" disabled={busy} style={{ marginTop: '8px' }}>
            Create draft
          </button>
        </form>

        <div class="rd-apply">
          {confirmApply ? (
            <div class="panel" role="group" aria-label="Confirm applying the drafts">
              <p style={{ marginTop: 0 }}>
                Write {plural(drafts.length, 'draft')} into {workspace.name} as customer roles (assigned to their users), then clear the
                drafts?
              </p>
              <div class="row">
                <button type="button" class="primary" ref={applyYes} onClick={() => void apply()}>
                  Apply
                </button>
                <button type="button" onClick={() => setConfirmApply(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" ref={applyAsk} disabled={drafts.length === 0 || busy} onClick={() => setConfirmApply(true)} data-testid="apply-drafts">
              Apply drafts to workspace
            </button>
          )}
          <p class="muted rd-note">Until applied, drafts count only in this browser's simulation (quick check, bulk what-if).</p>
        </div>
      </aside>

      <section class="rd-main" aria-labelledby="rd-editor-h">
        {pendingSwitch ? (
          <div class="panel rd-switch" role="alert">
            <p style={{ marginTop: 0 }}>{form?.stored ?? form?.name} has unsaved changes.</p>
            <div class="row">
              <button
                type="button"
                class="primary"
                onClick={async () => {
                  const target = pendingSwitch;
                  setPendingSwitch(null);
                  if (await save()) {
                    const d = (await engine().listDrafts(workspace.id));
                    const found = d.ok ? d.value.find((x) => x.name === target) : undefined;
                    if (found) {
                      setForm(formOf(found));
                      setSaved(formOf(found));
                    }
                  }
                }}
              >
                Save and open {pendingSwitch}
              </button>
              <button
                type="button"
                onClick={() => {
                  const d = drafts.find((x) => x.name === pendingSwitch);
                  setPendingSwitch(null);
                  if (d) {
                    setForm(formOf(d));
                    setSaved(formOf(d));
                  }
                }}
              >
                Discard changes
              </button>
              <button type="button" onClick={() => setPendingSwitch(null)}>
                Stay
              </button>
            </div>
          </div>
        ) : null}

        {!form ? (
          <div class="muted rd-empty">
            <h2 id="rd-editor-h" tabIndex={-1} ref={editorHeading}>
              Role editor
            </h2>
            <p>Pick a draft on the left, or start a new one: clone MEMBER, add the grants an integration needs, and watch the matrix.</p>
          </div>
        ) : (
          <>
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h2 id="rd-editor-h" tabIndex={-1} ref={editorHeading}>
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
                  onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
                />
                <p id="rd-name-note" class={nameProblem ? 'error-list rd-note' : 'muted rd-note'}>
                  {nameProblem ??
                    (customerRoles.includes(form.name) ? `Replaces the workspace's role ${form.name} when applied.` : 'A new customer role.')}
                </p>
              </div>
              <div>
                <label for="rd-clone">Starts from</label>
                <select id="rd-clone" value={form.cloneFrom} onChange={(e) => setForm({ ...form, cloneFrom: e.currentTarget.value })}>
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
            <PermissionEditor
              id="rd-perms"
              labelledBy="rd-perm-h"
              value={form.text}
              onChange={(text) => setForm({ ...form, text })}
              declared={declared}
              context={context}
            />

            <fieldset class="rd-users">
              <legend>Held by, in the simulation</legend>
              <p class="muted rd-note">
                A user holding any customer role gets exactly the union of its customer roles; ADMIN is never narrowed.
              </p>
              {users.length === 0 ? (
                <p class="muted">The workspace has no users; add some in the Model tab.</p>
              ) : (
                <ul class="rd-user-list">
                  {users.map((u) => (
                    <li key={u.id}>
                      <label class="rd-check">
                        <input type="checkbox" checked={form.users.includes(u.id)} onChange={() => toggleUser(u.id)} data-testid={`user-${u.id}`} />
                        <span>{u.id}</span>
                        <span class="muted">
                          {' '}
                          · {u.kind} · {u.role}
                          {u.customerRoles.length ? ` · holds ${u.customerRoles.join(', ')}` : ''}
                          {u.role === 'ADMIN' ? ' · ADMIN: a role changes nothing' : ''}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>

            <div class="row rd-actions">
              <button type="button" class="primary" disabled={busy} onClick={() => void save()} data-testid="save-draft">
                Save draft
              </button>
              {confirmDelete ? (
                <span class="row" role="group" aria-label="Confirm deleting the draft">
                  <span>Delete {form.stored ?? form.name}?</span>
                  <button type="button" class="danger" ref={deleteYes} onClick={() => void remove()}>
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
                <button type="button" onClick={() => setForm(saved)}>
                  Revert changes
                </button>
              ) : null}
            </div>
            {problem ? <PolicyErrorList message={problem.title} errors={problem.errors} testId="draft-problem" /> : null}
          </>
        )}
      </section>
      {form ? (
        <section class="rd-matrix-section" aria-labelledby="rd-matrix-h">
          <h3 id="rd-matrix-h">What the role lets its holder do</h3>
          {invalidCount ? (
            <p class="muted rd-note" data-testid="matrix-partial">
              The matrix leaves out {plural(invalidCount, 'line')} with errors.
            </p>
          ) : null}
          {matrix === null ? (
            <p class="muted">Working out the matrix…</p>
          ) : matrix.ok ? (
            <MatrixView matrix={matrix.value} sealEnabled={sealEnabled} />
          ) : (
            <PolicyErrorList message={`No matrix: ${matrix.message}`} errors={matrix.errors} testId="matrix-problem" />
          )}
        </section>
      ) : null}
    </div>
  );
}
