// Journey 2, "Design a role": drafts of customer roles kept in IndexedDB (the list, a new
// one, applying them), the draft editor with completion and live checking, and the live
// matrix of types × sections with the seal mark and the impact on the workspace's seals.
// Each of those is a part of its own; this tab puts them together.
import { useMemo, useRef } from 'preact/hooks';
import type { TabProps } from './App';
import { ApplyDrafts } from './RoleDesigner-Apply';
import { ConflictPanel } from './RoleDesigner-Conflict';
import { DraftList } from './RoleDesigner-DraftList';
import { useRoleDrafts } from './RoleDesigner-drafts';
import { DraftEditor } from './RoleDesigner-Editor';
import { MatrixPanel } from './RoleDesigner-MatrixPanel';
import { checkLines } from './RoleDesigner-model';
import { NewDraft } from './RoleDesigner-NewDraft';
import { SwitchPrompt } from './RoleDesigner-Switch';
import { busyLine, useEngineBusy } from '../engine-client-busy';
import './RoleDesigner.css';

export function RoleDesigner({ client, workspace, refresh, notify }: TabProps) {
  const d = useRoleDrafts(client, workspace, notify, refresh);
  const busyJobs = useEngineBusy(client);
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const form = d.form;
  const checked = useMemo(() => (form ? checkLines(form.text, d.context) : []), [form?.text, d.context]);
  const valid = checked.filter((l) => l.error === null).map((l) => l.text);

  if (!workspace) return <p class="muted">Import or create a workspace first (Workspaces tab), then design roles for it here.</p>;
  if (workspace.platform !== 'leanix') {
    return (
      <p class="muted">
        The role designer is for SAP LeanIX workspaces. Qualytics roles are fixed (Member, Manager, Admin): give access through teams in
        the Model tab.
      </p>
    );
  }
  if (d.loadError) return <p class="error-list" role="alert">{d.loadError}</p>;
  if (!d.outline || !d.drafts) return <p class="muted" data-testid="rd-loading">{busyLine(busyJobs, 'Loading the workspace…')}</p>;
  const outline = d.outline;
  const drafts = d.drafts;

  return (
    <div class="rd">
      <aside class="rd-side" aria-labelledby="rd-drafts-h">
        <h2 id="rd-drafts-h">Role drafts</h2>
        <DraftList drafts={drafts} current={form?.stored ?? null} onOpen={d.open} />
        <NewDraft customerRoles={outline.roles.map((r) => r.name)} busy={d.busy} onCreate={d.create} onCreated={() => editorHeading.current?.focus()} />
        <ApplyDrafts draftCount={drafts.length} workspaceName={workspace.name} busy={d.busy} onApply={d.apply} />
      </aside>

      <section class="rd-main" aria-labelledby="rd-editor-h">
        {d.pendingSwitch ? (
          <SwitchPrompt
            current={form?.stored ?? form?.name ?? ''}
            target={d.pendingSwitch}
            onSave={() => void d.saveAndOpen()}
            onDiscard={d.discardAndOpen}
            onStay={d.stay}
          />
        ) : null}
        {form && d.conflict ? (
          <ConflictPanel conflict={d.conflict} mine={form} busy={d.busy} onKeepMine={() => void d.keepMine()} onTakeTheirs={d.takeTheirs} />
        ) : null}
        {!form ? (
          <div class="muted rd-empty">
            <h2 id="rd-editor-h" tabIndex={-1} ref={editorHeading}>
              Role editor
            </h2>
            <p>Pick a draft on the left, or start a new one: clone MEMBER, add the grants an integration needs, and watch the matrix.</p>
          </div>
        ) : (
          <DraftEditor
            outline={outline}
            form={form}
            onChange={d.setForm}
            saved={d.saved}
            dirty={d.dirty}
            otherDrafts={drafts.map((x) => x.name).filter((n) => n !== form.stored)}
            context={d.context}
            problem={d.problem}
            busy={d.busy}
            onSave={() => void d.save()}
            onDelete={d.remove}
            headingRef={editorHeading}
          />
        )}
      </section>
      {form ? <MatrixPanel client={client} outline={outline} form={form} valid={valid} invalidCount={checked.length - valid.length} /> : null}
    </div>
  );
}
