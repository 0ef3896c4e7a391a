// The role designer's drafts of one workspace: loading them with the workspace's outline,
// the form being edited and its saved state, and saving, creating, deleting, switching
// and applying drafts through the worker. A save names the revision the form was read at:
// when another tab changed, renamed or deleted the draft meanwhile, nothing is saved and
// the conflict is shown, to keep either version.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { GrammarContext } from '../../model/permission';
import type { DraftRevision, RoleDraft, RoleDraftInput, WorkspaceSummary } from '../../storage/store';
import type { Outline } from '../../worker/api';
import type { EngineClient } from '../engine-client';
import { failureErrors, formOf, keepMineBase, sameForm } from './RoleDesigner-form';
import type { DraftConflict, DraftForm, DraftProblem } from './RoleDesigner-form';
import { checkLines, draftNameProblem, grammarContext, permissionsOf, plural } from './RoleDesigner-model';
import type { StartFrom } from './RoleDesigner-model';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;

export interface RoleDrafts {
  readonly outline: LeanixOutline | null;
  readonly loadError: string | null;
  /** By name; null while they load. */
  readonly drafts: RoleDraft[] | null;
  /** The draft being edited, or null for none. */
  readonly form: DraftForm | null;
  readonly setForm: (form: DraftForm) => void;
  /** The form as last saved, or null for a draft not saved yet. */
  readonly saved: DraftForm | null;
  readonly dirty: boolean;
  readonly problem: DraftProblem | null;
  /** The last save was refused: the draft changed in another tab. */
  readonly conflict: DraftConflict | null;
  /** Saves the form over the version the conflict showed. */
  readonly keepMine: () => Promise<boolean>;
  /** Drops the form's changes for the version the conflict showed (or closes it, when deleted). */
  readonly takeTheirs: () => void;
  readonly busy: boolean;
  /** What the permission grammar knows of the workspace's types. */
  readonly context: GrammarContext;
  /** A draft asked for while the form has unsaved changes. */
  readonly pendingSwitch: string | null;
  /** Opens a draft; with unsaved changes, asks first (pendingSwitch). */
  readonly open: (name: string) => void;
  readonly saveAndOpen: () => Promise<void>;
  readonly discardAndOpen: () => void;
  readonly stay: () => void;
  /** Saves `form` (the one edited by default); false when refused, with the problem said. */
  readonly save: (form?: DraftForm) => Promise<boolean>;
  /** Creates and saves a draft; the name's problem, if any, is returned, not saved. */
  readonly create: (start: StartFrom, name: string) => Promise<{ saved: boolean; nameProblem: string | null }>;
  readonly remove: () => Promise<void>;
  readonly apply: () => Promise<void>;
}

export function useRoleDrafts(client: EngineClient, workspace: WorkspaceSummary | null, notify: (message: string) => void, refresh: () => Promise<void>): RoleDrafts {
  const [outline, setOutline] = useState<LeanixOutline | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<RoleDraft[] | null>(null);
  const [form, setForm] = useState<DraftForm | null>(null);
  const [saved, setSaved] = useState<DraftForm | null>(null);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [pendingSwitch, setPendingSwitch] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wsId = workspace?.id ?? null;
  const engine = () => client.engine();

  const show = (f: DraftForm | null) => {
    setForm(f);
    setSaved(f);
    setConflict(null);
  };

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
      show(found ? formOf(found) : null);
    }
  };

  useEffect(() => {
    setOutline(null);
    setDrafts(null);
    show(null);
    setProblem(null);
    setConflict(null);
    if (workspace?.platform === 'leanix') void load(null);
  }, [wsId]);

  const context = useMemo(() => grammarContext(outline?.types ?? []), [outline]);
  const dirty = form !== null && (saved === null || !sameForm(form, saved));
  const list = drafts ?? [];

  const open = (name: string) => {
    if (dirty && name !== form?.stored) return setPendingSwitch(name);
    const d = list.find((x) => x.name === name);
    if (!d) return;
    show(formOf(d));
    setProblem(null);
    setPendingSwitch(null);
  };

  /**
   * Saves `f` based on the revision it was read at; `over`: after a conflict, the version
   * the user chose to save over (the name check is then the store's).
   */
  const save = async (f: DraftForm | null = form, over?: { base: DraftRevision | null; replacing?: number }): Promise<boolean> => {
    if (!f || !workspace) return false;
    const others = list.map((d) => d.name).filter((n) => n !== f.stored);
    const why = draftNameProblem(f.name, over ? [] : others);
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
    const draft: RoleDraftInput = {
      workspaceId: workspace.id,
      name: f.name,
      ...(f.cloneFrom ? { cloneFrom: f.cloneFrom } : {}),
      permissions: permissionsOf(f.text),
      users: [...f.users],
      updatedAt: new Date().toISOString(),
    };
    // a rename is one save: the store moves the draft and its revision in one transaction
    const base = over ? over.base : f.stored !== null && f.revision !== null ? { name: f.stored, revision: f.revision } : null;
    const r = await engine().saveDraft(draft, base, over?.replacing);
    setBusy(false);
    if (!r.ok) {
      if (r.error.kind === 'conflict') {
        // the form stays as it is (nothing is lost); the list shows what the other tab did
        setForm(f);
        if (f.stored === null) setSaved(null);
        setProblem(null);
        setConflict({ reason: r.error.reason, message: r.error.message, theirs: r.error.theirs });
        notify(`Not saved: ${r.error.message}.`);
        await load();
        return false;
      }
      setProblem({ title: `Not saved: ${r.error.message}`, errors: failureErrors(r.error) });
      return false;
    }
    setProblem(null);
    setConflict(null);
    notify(`Draft ${f.name} saved.`);
    await load(f.name);
    return true;
  };

  const keepMine = async (): Promise<boolean> => {
    if (!form || !conflict) return false;
    return save(form, keepMineBase(form, conflict));
  };

  const takeTheirs = () => {
    const theirs = conflict?.theirs ?? null;
    setProblem(null);
    if (theirs) {
      show(formOf(theirs));
      notify(`Took the other tab's version of ${theirs.name}; your changes were dropped.`);
      void load(theirs.name);
    } else {
      show(null);
      notify('The draft was deleted in another tab; your changes were dropped.');
      void load(null);
    }
  };

  const saveAndOpen = async () => {
    const target = pendingSwitch;
    setPendingSwitch(null);
    if (!workspace || !(await save())) return;
    const d = await engine().listDrafts(workspace.id);
    const found = d.ok ? d.value.find((x) => x.name === target) : undefined;
    if (found) show(formOf(found));
  };

  const discardAndOpen = () => {
    const d = list.find((x) => x.name === pendingSwitch);
    setPendingSwitch(null);
    if (d) show(formOf(d));
  };

  const create = async (start: StartFrom, name: string) => {
    let f: DraftForm;
    if (start.kind === 'revise') {
      const role = outline?.roles.find((r) => r.name === start.role);
      f = { stored: null, revision: null, name: start.role, cloneFrom: role?.cloneFrom ?? '', text: role?.permissions.join('\n') ?? '', users: [] };
    } else {
      f = { stored: null, revision: null, name: name.trim(), cloneFrom: start.kind === 'clone' ? start.from : '', text: '', users: [] };
    }
    const why = draftNameProblem(f.name, list.map((d) => d.name));
    if (why) return { saved: false, nameProblem: why };
    return { saved: await save(f), nameProblem: null };
  };

  const remove = async () => {
    if (!form || !workspace) return;
    if (form.stored) {
      const r = await engine().deleteDraft(workspace.id, form.stored);
      if (!r.ok) return setProblem({ title: `Not deleted: ${r.error.message}`, errors: [] });
      notify(`Draft ${form.stored} deleted.`);
    }
    await load(null);
  };

  const apply = async () => {
    if (!workspace) return;
    if (dirty && !(await save())) return;
    setBusy(true);
    const r = await engine().applyDraftsToWorkspace(workspace.id);
    setBusy(false);
    if (!r.ok) {
      setProblem({ title: `Nothing was applied: ${r.error.message}`, errors: failureErrors(r.error) });
      return;
    }
    notify(`Applied ${plural(list.length, 'draft')}: they are now customer roles of ${workspace.name}, assigned as drafted.`);
    await refresh();
    await load(null);
  };

  return {
    outline,
    loadError,
    drafts,
    form,
    setForm,
    saved,
    dirty,
    problem,
    conflict,
    keepMine,
    takeTheirs,
    busy,
    context,
    pendingSwitch,
    open,
    saveAndOpen,
    discardAndOpen,
    stay: () => setPendingSwitch(null),
    save: (f) => save(f),
    create,
    remove,
    apply,
  };
}
