// Sharing a workspace as a link, and opening one. The link carries the policy file's
// exact text, compressed, in the URL fragment (src/ui/share-link.ts): nothing is sent
// anywhere, and a file too large for a link is offered as a file instead. Opening a
// link shows a preview (what the file holds, its errors, its text) and imports only when
// asked; a shared file is untrusted, so it is shown as text, never as markup.
import { useEffect, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';
import type { WorkspaceSummary } from '../../storage/store';
import type { TextCheck } from '../../worker/playground';
import { errorTotal } from '../../policy/errors';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { formatBytes, formatCount, plural } from '../components/format';
import { SHARE_LIMIT, readShare, shareFragment, sharePayload } from '../share-link';
import { useSameNamePrompt } from './SameName';
import { downloadText } from '../components/download';

/** The playground's address with a share fragment. */
function linkWith(fragment: string): string {
  return `${location.origin}${location.pathname}${fragment}`;
}

type Made =
  | { kind: 'link'; url: string; bytes: number; fragment: number }
  | { kind: 'too-large'; fileName: string; text: string; bytes: number; fragment: number };

/** "Share as a link" for one workspace. */
export function SharePanel({ client, workspace }: { client: EngineClient; workspace: WorkspaceSummary | null }) {
  const [made, setMade] = useState<Made | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    setMade(null);
    setProblem(null);
    setCopied(false);
  }, [workspace?.id, workspace?.updatedAt]);

  if (!workspace) return null;

  const make = async () => {
    setBusy(true);
    setProblem(null);
    setCopied(false);
    try {
      const r = await client.engine().exportPolicy(workspace.id);
      if (!r.ok) return setProblem(`The link could not be made: ${r.error.message}`);
      const fragment = await shareFragment(r.value.text);
      const bytes = new TextEncoder().encode(r.value.text).byteLength;
      setMade(
        fragment.length > SHARE_LIMIT
          ? { kind: 'too-large', fileName: r.value.fileName, text: r.value.text, bytes, fragment: fragment.length }
          : { kind: 'link', url: linkWith(fragment), bytes, fragment: fragment.length },
      );
    } catch (error) {
      setProblem(`The link could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="share-heading" style={{ marginTop: '12px' }} data-testid="share">
      <h2 id="share-heading">Share “{workspace.name}” as a link</h2>
      <p class="muted" style={{ marginTop: 0 }}>
        The link holds the whole policy file, compressed, after the <code>#</code>: browsers never send that part anywhere. Whoever opens it in the
        Sealcheck playground sees a preview and imports it only if they choose to.
      </p>
      <button type="button" disabled={busy} onClick={() => void make()} data-testid="share-make">
        {busy ? 'Making the link…' : 'Make a share link'}
      </button>
      {problem ? (
        <p class="error-list" role="alert">
          {problem}
        </p>
      ) : null}
      {made?.kind === 'link' ? (
        <div style={{ marginTop: '8px' }}>
          <label for="share-url">{`Share link (${formatBytes(made.bytes)} of policy file in ${formatCount(made.fragment)} characters)`}</label>
          <div class="row" style={{ flexWrap: 'nowrap' }}>
            <input id="share-url" readOnly value={made.url} style={{ flex: '1 1 auto', minWidth: 0 }} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard.writeText(made.url).then(
                  () => setCopied(true),
                  () => setProblem('The link could not be copied: select it and copy it by hand.'),
                )
              }
            >
              Copy link
            </button>
          </div>
          {copied ? (
            <p class="muted" role="status">
              Copied.
            </p>
          ) : null}
        </div>
      ) : null}
      {made?.kind === 'too-large' ? (
        <div class="error-list" role="alert" style={{ marginTop: '8px' }} data-testid="share-too-large">
          {`The policy file (${formatBytes(made.bytes)}) needs ${formatCount(made.fragment)} characters compressed, more than the ${formatCount(SHARE_LIMIT)} a link can carry. Share the file instead: `}
          <button type="button" onClick={() => downloadText(made.fileName, made.text)} data-testid="share-download">
            {`Download ${made.fileName}`}
          </button>
        </div>
      ) : null}
    </section>
  );
}

type Opened =
  | { step: 'reading' }
  | { step: 'unreadable'; message: string }
  | { step: 'preview'; text: string; bytes: number; check: TextCheck }
  | { step: 'importing'; text: string; bytes: number; check: TextCheck };

/** The lines of the preview shown before "show all". */
const PREVIEW_LINES = 200;

/**
 * A share link opened in the playground (`#share=…`): a preview and an explicit import.
 * `onImported` hears the new workspace's id; the fragment is dropped after an import or a dismiss.
 */
export function ShareOpen({ client, onImported, notify }: { client: EngineClient; onImported: (summary: WorkspaceSummary) => void | Promise<void>; notify: (message: string) => void }) {
  const [payload, setPayload] = useState<string | null>(() => sharePayload(location.hash));
  const [opened, setOpened] = useState<Opened>({ step: 'reading' });
  const [failure, setFailure] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const sameName = useSameNamePrompt(client);

  useEffect(() => {
    const onHash = () => setPayload(sharePayload(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    let live = true;
    setFailure(null);
    setAll(false);
    if (payload === null) return;
    setOpened({ step: 'reading' });
    void (async () => {
      const read = await readShare(payload);
      if (!live) return;
      if (!read.ok) return setOpened({ step: 'unreadable', message: read.message });
      const r = await client.engine().checkPolicyText(read.text);
      if (!live) return;
      if (!r.ok) return setOpened({ step: 'unreadable', message: r.error.message });
      setOpened({ step: 'preview', text: read.text, bytes: read.bytes, check: r.value });
    })();
    return () => {
      live = false;
    };
  }, [payload]);

  if (payload === null) return null;

  const close = () => {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    setPayload(null);
  };

  const doImport = async () => {
    if (opened.step !== 'preview') return;
    const answer = await sameName.ask(opened.text);
    if (answer === null) return;
    setOpened({ ...opened, step: 'importing' });
    const r = await client.engine().importPolicy(opened.text, undefined, undefined, answer.into);
    if (!r.ok) {
      setFailure(r.error.message);
      setOpened({ ...opened, step: 'preview' });
      return;
    }
    notify(`Imported “${r.value.name}” from the share link.`);
    close();
    await onImported(r.value);
  };

  const lines = opened.step === 'preview' || opened.step === 'importing' ? opened.text.split('\n') : [];
  return (
    <section class="panel" aria-labelledby="share-open-h" data-testid="share-open" style={{ marginBottom: '12px', borderColor: 'var(--accent)' }}>
      <h2 id="share-open-h">A shared policy file</h2>
      {opened.step === 'reading' ? <p class="muted">Reading the link…</p> : null}
      {opened.step === 'unreadable' ? (
        <p class="error-list" role="alert" data-testid="share-unreadable">
          {`This link cannot be opened: ${opened.message}. Ask for the file instead.`}
        </p>
      ) : null}
      {opened.step === 'preview' || opened.step === 'importing' ? (
        <>
          {opened.check.summary ? (
            <p data-testid="share-summary">
              <strong>{opened.check.summary.name}</strong>
              {` — ${opened.check.summary.platform === 'leanix' ? 'SAP LeanIX' : 'Qualytics'}, ${opened.check.summary.counts.map((c) => plural(c.n, c.label)).join(', ')}; ${formatBytes(opened.bytes)}.`}
            </p>
          ) : (
            <PolicyErrorList
              testId="share-errors"
              message={`The shared file has ${plural(errorTotal(opened.check.errors).total, 'error')}: it cannot be imported. Ask its sender to fix it.`}
              errors={opened.check.errors}
            />
          )}
          <details data-testid="share-text">
            <summary>{`The file's text (${plural(lines.length, 'line')})`}</summary>
            <pre style={{ maxHeight: '40vh', overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: '0.8rem' }}>
              {all || lines.length <= PREVIEW_LINES ? opened.text : lines.slice(0, PREVIEW_LINES).join('\n')}
            </pre>
            {!all && lines.length > PREVIEW_LINES ? (
              <button type="button" onClick={() => setAll(true)}>
                {`Show all ${formatCount(lines.length)} lines`}
              </button>
            ) : null}
          </details>
        </>
      ) : null}
      {failure ? (
        <p class="error-list" role="alert">
          {`Not imported: ${failure}`}
        </p>
      ) : null}
      {sameName.prompt}
      <div class="row" style={{ marginTop: '8px' }}>
        <button
          type="button"
          class="primary"
          data-testid="share-import"
          disabled={opened.step !== 'preview' || !opened.check.summary}
          onClick={() => void doImport()}
        >
          {opened.step === 'importing' ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={close} data-testid="share-dismiss">
          Dismiss
        </button>
        <span class="muted">Nothing is stored until you import.</span>
      </div>
    </section>
  );
}
