// Importing a policy file: by the file picker or by dropping it on the drop zone
// (which the keyboard reaches and opens the picker from). Reading shows bytes,
// writing shows rows; an invalid file lists every located error and changes nothing.
// A file with scenarios has them run at once, with progress and Cancel (scenario-runs.ts).
import { useRef, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';
import type { PolicyError } from '../../policy/errors';
import { MAX_FILE_BYTES, sizeText, tooLarge } from '../../policy/json';
import type { WorkspaceSummary } from '../../storage/store';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { ProgressLine } from '../components/ProgressLine';
import { formatBytes, formatCount, plural } from '../components/format';
import { ScenarioRunStatus } from './Scenarios-RunStatus';
import { runScenarios, useScenarioRun } from './scenario-runs';
import { usePageState } from './Workspaces-state';
import { useSameNamePrompt } from './SameName';

type Phase =
  | { step: 'idle' }
  | { step: 'reading'; file: string; done: number; total: number }
  /** A workspace has the file's name: replace it, keep both, or cancel (SameName.tsx). */
  | { step: 'asking'; file: string; cancelling?: undefined }
  | { step: 'checking'; file: string; job: string; cancelling?: boolean }
  | { step: 'writing'; file: string; job: string; done: number; total: number; cancelling?: boolean };

/** What an import leaves to show: the file and its located errors (kept above the tab switch). */
interface ImportProblem {
  readonly file: string;
  readonly message: string;
  readonly errors: readonly PolicyError[];
}

/** The reading of the file being imported, for Cancel; one import at a time per page. */
let reading: AbortController | null = null;

export interface ImportReport {
  readonly summary: WorkspaceSummary;
  readonly fileName: string;
  readonly bytes: number;
  readonly readMs: number;
  readonly checkMs: number;
  readonly writeMs: number;
  readonly rows: number;
  readonly totalMs: number;
}

export interface ImportPanelProps {
  readonly client: EngineClient;
  readonly onImported: (report: ImportReport) => void | Promise<void>;
  readonly notify: (message: string) => void;
}

/** Reads a file as bytes with progress; aborts when `signal` fires. */
function readBytes(file: File, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    const abort = () => reader.abort();
    signal.addEventListener('abort', abort, { once: true });
    reader.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    reader.onload = () => {
      signal.removeEventListener('abort', abort);
      resolve(reader.result as ArrayBuffer);
    };
    reader.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

export function ImportPanel({ client, onImported, notify }: ImportPanelProps) {
  // The page's, not this component's: switching tabs during or after an import keeps them.
  const [phase, setPhase] = usePageState<Phase>('import-phase', { step: 'idle' });
  const [problem, setProblem] = usePageState<ImportProblem | null>('import-problem', null);
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The last import's sentence and its scenarios' run, beside the import that made them.
  const [imported, setImported] = usePageState<ImportReport | null>('import-report', null);
  const scenarioRun = useScenarioRun(imported?.summary.id ?? null);
  const busy = phase.step !== 'idle';
  const sameName = useSameNamePrompt(client);

  async function importFile(file: File): Promise<void> {
    if (busy) return;
    setProblem(null);
    setImported(null);
    const size = tooLarge(file.size);
    if (size) {
      setProblem({ file: file.name, message: `${file.name}: nothing was imported`, errors: [size] });
      return;
    }
    const abort = new AbortController();
    reading = abort;
    const started = performance.now();
    try {
      setPhase({ step: 'reading', file: file.name, done: 0, total: file.size });
      const bytes = await readBytes(file, (done, total) => setPhase({ step: 'reading', file: file.name, done, total }), abort.signal);
      let text: string;
      try {
        // Keep a byte order mark: export writes the file back byte for byte.
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        setProblem({ file: file.name, message: `${file.name}: nothing was imported`, errors: [{ path: '', message: 'the file is not UTF-8 text; policy files are JSON in UTF-8' }] });
        return;
      }
      // a workspace of the same name: replace it (drafts and runs stay), keep both, or stop here
      setPhase({ step: 'asking', file: file.name });
      const answer = await sameName.ask(text);
      if (answer === null) {
        notify(`Import of ${file.name} cancelled; nothing was changed.`);
        return;
      }
      const read = performance.now();
      // the engine checks the file on a thread of its own: Cancel ends the check as well as the writing
      const job = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      setPhase({ step: 'checking', file: file.name, job });
      let firstRow = 0;
      let rows = 0;
      const progress = client.progress((done, total) => {
        if (!firstRow) firstRow = performance.now();
        rows = total;
        setPhase((p) => ({ step: 'writing', file: file.name, job, done, total, cancelling: p.step !== 'idle' && p.step !== 'reading' && p.cancelling === true }));
      });
      const result = await client.engine().importPolicy(text, progress, job, answer.into, file.name);
      const finished = performance.now();
      if (!result.ok && result.error.kind === 'cancelled') {
        notify(`Import of ${file.name} cancelled; nothing was changed.`);
        return;
      }
      if (!result.ok) {
        const error = result.error;
        setProblem({ file: file.name, message: `${file.name}: ${error.message}`, errors: error.kind === 'invalid' ? error.errors : [] });
        notify(`${file.name} was not imported: ${error.message}`);
        return;
      }
      const written = firstRow || finished;
      const report: ImportReport = {
        summary: result.value,
        fileName: file.name,
        bytes: bytes.byteLength,
        readMs: read - started,
        checkMs: written - read,
        writeMs: finished - written,
        rows,
        totalMs: finished - started,
      };
      markImport(report);
      await onImported(report);
      // The file's scenarios run at once: their results wait on the Scenarios tab.
      const summary = result.value;
      setImported(report);
      if (summary.scenarioCount > 0) void runScenarios(client, summary.id, { total: summary.scenarioCount, updatedAt: summary.updatedAt, cause: 'import' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        notify(`Import of ${file.name} cancelled; nothing was changed.`);
      } else {
        setProblem({ file: file.name, message: `${file.name}: ${error instanceof Error ? error.message : String(error)}`, errors: [] });
      }
    } finally {
      if (reading === abort) reading = null;
      setPhase({ step: 'idle' });
    }
  }

  function cancelCheckOrWrite(): void {
    if (phase.step !== 'checking' && phase.step !== 'writing') return;
    setPhase({ ...phase, cancelling: true });
    void client.engine().cancel(phase.job);
  }

  function pickFiles(files: FileList | null | undefined): void {
    if (!files || files.length === 0) return;
    if (files.length > 1) notify(`Importing ${files[0]!.name}; drop or pick one policy file at a time.`);
    void importFile(files[0]!);
  }

  return (
    <section class="panel" aria-labelledby="import-heading" style={{ marginTop: '12px' }}>
      <h2 id="import-heading">Import a policy file</h2>
      <div class="row">
        <label for="import-file" style={{ margin: 0 }}>
          Choose a policy file
        </label>
        <input
          ref={inputRef}
          id="import-file"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          data-testid="import-file"
          onChange={(e) => {
            pickFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div
        class={`drop-zone${over ? ' over' : ''}`}
        role="button"
        tabIndex={busy ? -1 : 0}
        aria-disabled={busy}
        aria-describedby="drop-hint"
        data-testid="drop-zone"
        style={{
          marginTop: '8px',
          padding: '18px',
          border: `2px dashed ${over ? 'var(--accent)' : 'var(--line)'}`,
          borderRadius: '8px',
          textAlign: 'center',
          background: over ? 'var(--bg)' : 'transparent',
          cursor: busy ? 'default' : 'pointer',
        }}
        onClick={() => !busy && inputRef.current?.click()}
        onKeyDown={(e) => {
          if (!busy && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            inputRef.current?.click();
          }
        }}
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!busy) pickFiles(e.dataTransfer?.files);
        }}
      >
        <strong>Drop a policy file here</strong>
        <div id="drop-hint" class="muted">
          or press Enter to choose one. JSON, UTF-8, up to {sizeText(MAX_FILE_BYTES)}; an invalid file changes nothing.
        </div>
      </div>
      {phase.step === 'reading' ? (
        <ProgressLine
          testId="import-progress"
          label={`Reading ${phase.file}`}
          done={phase.done}
          total={phase.total}
          detail={`${formatBytes(phase.done)} of ${formatBytes(phase.total)}`}
          onCancel={() => reading?.abort()}
        />
      ) : phase.step === 'checking' ? (
        <ProgressLine
          testId="import-progress"
          label={`Checking ${phase.file}`}
          detail="every key, reference and permission string"
          onCancel={cancelCheckOrWrite}
          cancelling={phase.cancelling === true}
        />
      ) : phase.step === 'writing' ? (
        <ProgressLine
          testId="import-progress"
          label={`Storing ${phase.file}`}
          done={phase.done}
          total={phase.total}
          detail={`${formatCount(phase.done)} of ${plural(phase.total, 'row')}`}
          onCancel={cancelCheckOrWrite}
          cancelling={phase.cancelling === true}
        />
      ) : null}
      {sameName.prompt}
      {imported && !busy ? (
        <p class="muted" data-testid="import-report" style={{ margin: '8px 0 0' }}>
          {describeImport(imported)}
        </p>
      ) : null}
      {imported && !busy ? (
        <ScenarioRunStatus
          client={client}
          workspaceId={imported.summary.id}
          run={scenarioRun}
          progressTestId="import-scenarios-progress"
          summaryTestId="import-scenarios"
          after="each result is on the Scenarios tab"
        />
      ) : null}
      {problem ? (
        <div style={{ marginTop: '8px' }}>
          <PolicyErrorList testId="import-errors" message={problem.message} errors={problem.errors} />
          <div class="muted" style={{ marginTop: '4px' }}>
            Nothing was imported and your workspaces are unchanged. Fix the file and import it again.
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** One sentence saying what an import brought in; no timings (the benchmark reads those from `markImport`). */
export function describeImport(r: ImportReport): string {
  const s = r.summary;
  const content = s.platform === 'leanix' ? `${plural(s.factSheetCount, 'fact sheet')}, ${plural(s.userCount, 'user')}` : plural(s.userCount, 'user');
  return `Imported “${s.name}” from ${r.fileName} (${formatBytes(r.bytes)}): ${content}, ${plural(s.scenarioCount, 'scenario')}.`;
}

/**
 * The measured figures of the latest import, for the benchmark (bench/browser.ts) and the
 * e2e tests, as data attributes of the page's body, never shown: `data-import-read-ms`,
 * `-check-ms`, `-write-ms`, `-total-ms` and `data-import-rows`.
 */
function markImport(r: ImportReport): void {
  const data = document.body.dataset;
  data.importReadMs = String(Math.round(r.readMs));
  data.importCheckMs = String(Math.round(r.checkMs));
  data.importWriteMs = String(Math.round(r.writeMs));
  data.importTotalMs = String(Math.round(r.totalMs));
  data.importRows = String(r.rows);
}
