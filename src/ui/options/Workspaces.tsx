// Journey 4 "Share": the workspaces in this browser, import by picker or drop,
// export the exact policy text, new from a template, delete with a confirm step.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { WorkspaceSummary } from '../../storage/store';
import { ConfirmAction } from '../components/ConfirmAction';
import { formatCount, formatWhen, plural } from '../components/format';
import { ImportPanel } from './WorkspacesImport';
import { PullPanel, pulledFromLine, useRefreshTarget } from './WorkspacesPull';
import { busyLine, useEngineBusy } from '../engine-client-busy';
import type { ImportReport } from './WorkspacesImport';
import { TemplateButtons, templateInfo } from './Templates';
import { SharePanel } from './Share';
import { downloadText } from '../components/download';
import type { TemplateId } from '../../worker/templates';

const PLATFORM_LABEL = { leanix: 'SAP LeanIX', qualytics: 'Qualytics' } as const;

export function Workspaces({ client, workspace, refresh, notify, select }: TabProps) {
  const [list, setList] = useState<WorkspaceSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** A pulled workspace's Refresh asks for the token in the pull panel. */
  const [, setRefreshTarget] = useRefreshTarget();
  /** While the list is read: what the engine (of this page or another tab) is busy with. */
  const busyJobs = useEngineBusy(client);

  async function load(): Promise<void> {
    const r = await client.engine().listWorkspaces();
    if (r.ok) {
      setList(r.value);
      setLoadError(null);
    } else setLoadError(r.error.message);
  }

  useEffect(() => {
    void load();
  }, [workspace?.id, workspace?.updatedAt]);

  async function afterChange(): Promise<void> {
    await Promise.all([load(), refresh()]);
  }

  /** The import panel says what was imported, beside the import (not in the status line too). */
  async function onImported(report: ImportReport): Promise<void> {
    await afterChange();
    select(report.summary.id);
  }

  async function fromTemplate(id: TemplateId): Promise<void> {
    setBusy(`template-${id}`);
    try {
      const r = await client.engine().createFromTemplate(id);
      if (!r.ok) {
        notify(`The template could not be created: ${r.error.message}`);
        return;
      }
      notify(`Created “${r.value.name}” from the template “${templateInfo(id).title}”.`);
      await afterChange();
      select(r.value.id);
    } finally {
      setBusy(null);
    }
  }

  async function exportWorkspace(w: WorkspaceSummary): Promise<void> {
    setBusy(`export-${w.id}`);
    try {
      const r = await client.engine().exportPolicy(w.id);
      if (!r.ok) {
        notify(`“${w.name}” could not be exported: ${r.error.message}`);
        return;
      }
      downloadText(r.value.fileName, r.value.text);
      notify(`Exported “${w.name}” as ${r.value.fileName}.`);
    } finally {
      setBusy(null);
    }
  }

  async function deleteWorkspace(w: WorkspaceSummary): Promise<void> {
    const r = await client.engine().deleteWorkspace(w.id);
    if (!r.ok) {
      notify(`“${w.name}” could not be deleted: ${r.error.message}`);
      return;
    }
    notify(`Deleted “${w.name}”.`);
    await afterChange();
    headingRef.current?.focus();
  }

  return (
    <div>
      <section aria-labelledby="ws-heading">
        <div class="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="ws-heading" ref={headingRef} tabIndex={-1}>
            Workspaces in this browser
          </h2>
          <TemplateButtons busy={busy !== null} onCreate={(id) => void fromTemplate(id)} />
        </div>
        {loadError ? (
          <p class="error-list" role="alert">
            The workspaces could not be read: {loadError}
          </p>
        ) : list === null ? (
          <p class="muted" data-testid="ws-reading">
            {busyLine(busyJobs, 'Reading workspaces…')}
          </p>
        ) : list.length === 0 ? (
          <div class="panel" data-testid="ws-empty">
            <strong>No workspaces yet.</strong>
            <div class="muted">
              Import a policy file below (choose it or drop it on the drop zone), or start from a template above. Everything stays in
              this browser.
            </div>
          </div>
        ) : (
          <table data-testid="ws-table">
            <caption class="sr-only">Workspaces, with their platform and counts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Platform</th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  Fact sheets
                </th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  Users
                </th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  Scenarios
                </th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((w) => (
                <tr key={w.id} data-testid="ws-row" data-id={w.id} aria-current={w.id === workspace?.id ? 'true' : undefined}>
                  <th scope="row" style={{ fontWeight: w.id === workspace?.id ? 700 : 500 }}>
                    <span data-testid="ws-name">{w.name}</span>
                    {w.id === workspace?.id ? <span class="muted"> (open)</span> : null}
                    {w.pulledFrom ? (
                      <div class="muted" style={{ fontWeight: 400 }} data-testid="ws-pulled-from">
                        {pulledFromLine(w)}
                      </div>
                    ) : null}
                  </th>
                  <td>{PLATFORM_LABEL[w.platform]}</td>
                  <td style={{ textAlign: 'right' }} data-testid="ws-fact-sheets">
                    {w.platform === 'leanix' ? formatCount(w.factSheetCount) : '—'}
                  </td>
                  <td style={{ textAlign: 'right' }}>{formatCount(w.userCount)}</td>
                  <td style={{ textAlign: 'right' }}>{formatCount(w.scenarioCount)}</td>
                  <td>{formatWhen(w.updatedAt)}</td>
                  <td>
                    <div class="row" style={{ justifyContent: 'flex-end' }}>
                      {w.pulledFrom ? (
                        <button
                          type="button"
                          disabled={busy !== null}
                          aria-label={`Refresh ${w.name} from ${w.pulledFrom.origin}`}
                          onClick={() => setRefreshTarget({ id: w.id, name: w.name, platform: w.pulledFrom!.platform, origin: w.pulledFrom!.origin })}
                          data-testid="ws-refresh"
                        >
                          Refresh
                        </button>
                      ) : null}
                      <button type="button" disabled={busy !== null} aria-label={`Export ${w.name}`} onClick={() => exportWorkspace(w)} data-testid="ws-export">
                        Export
                      </button>
                      <ConfirmAction
                        testId="ws-delete"
                        label="Delete"
                        ariaLabel={`Delete ${w.name}`}
                        question={
                          <>
                            Delete “{w.name}” and its {w.platform === 'leanix' ? `${plural(w.factSheetCount, 'fact sheet')}, ` : ''}
                            {plural(w.scenarioCount, 'scenario')}, drafts and run history? Export it first to keep a copy.
                          </>
                        }
                        confirmLabel="Delete for good"
                        onConfirm={() => deleteWorkspace(w)}
                        disabled={busy !== null}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ImportPanel client={client} notify={notify} onImported={onImported} />
      <PullPanel
        client={client}
        notify={notify}
        onPulled={async (summary) => {
          await afterChange();
          select(summary.id);
        }}
      />
      <SharePanel client={client} workspace={workspace} />
    </div>
  );
}
