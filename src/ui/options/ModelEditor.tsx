// The model editor: forms over the workspace's model (format version 2), no JSON typing.
// A workspace of many fact sheets opens on its core (`modelCore`: the model without its
// fact sheets, and their count), shown read-only; the whole model is loaded with
// getWorkspace when the Fact sheets section or the JSON view is opened or an edit starts
// (the "Edit the model" button, or a click in the forms). Only the whole model can be edited:
// `work` exists only once it is loaded, so no model without its fact sheets is ever saved
// (an edit of users or types may rewrite references inside fact sheets, ModelEditor-refs.ts).
// A smaller workspace is loaded whole at once. It edits a copy, and saves through savePolicy, which
// validates the whole file as a file is validated: an invalid edit shows its located
// errors (in the list on top and next to the form they belong to) and changes nothing.
// Beside the forms, a raw JSON view (CodeMirror, loaded on demand): forms → text
// re-renders the text; text → forms once the worker finds the text a valid file
// (checked after a pause in typing), its errors shown inline until then.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { TabProps } from './App';
import type { ModelCore } from '../../worker/api';
import type { LeanixPolicy, Policy, QualyticsPolicy } from '../../model/schema';
import { errorTotal } from '../../policy/errors';
import type { PolicyError } from '../../policy/errors';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { errorsAt } from './ModelEditor-model';
import { LeanixUsers } from './ModelEditor-LeanixUsers';
import { FactSheets } from './ModelEditor-FactSheets';
import { Settings } from './ModelEditor-Settings';
import { SubscriptionRoles } from './ModelEditor-SubscriptionRoles';
import { Types } from './ModelEditor-Types';
import { Datastores, QualyticsUsers, Teams, Tokens } from './ModelEditor-Qualytics';
import type { SectionProps } from './ModelEditor-parts';
import type { JsonViewProps } from './ModelEditor-Json';
import './ModelEditor.css';

/**
 * A part of the model; `key` is also the top-level key of the file it edits, so that errors
 * are counted per part. `whole`: the part shows the fact sheets, so opening it loads the whole model.
 */
type Section<P> = { key: string; label: string; View: ComponentType<SectionProps<P>>; path?: string; whole?: boolean };
type AnySection = Section<LeanixPolicy> | Section<QualyticsPolicy>;

const LEANIX_SECTIONS: Section<LeanixPolicy>[] = [
  { key: 'users', label: 'Users', View: LeanixUsers },
  { key: 'factSheets', label: 'Fact sheets', View: FactSheets, whole: true },
  { key: 'types', label: 'Fact sheet types', View: Types, path: 'factSheetTypes' },
  { key: 'subscriptionRoles', label: 'Subscription roles', View: SubscriptionRoles },
  { key: 'settings', label: 'Workspace settings', View: Settings },
];

/** Up to this many fact sheets the whole model is loaded when the tab opens; above it, the core first. */
const WHOLE_AT_ONCE = 5_000;

/** The core view's forms take no edit: the whole model is loaded first. */
const READ_ONLY = () => undefined;

/** How long typing pauses before the JSON text is checked. */
const TEXT_PAUSE_MS = 400;

/** One empty list, so that views keyed on the errors do not redo their work on every render. */
const NO_ERRORS: PolicyError[] = [];

type TextState = { kind: 'synced' } | { kind: 'checking' } | { kind: 'invalid'; errors: PolicyError[] };

const QUALYTICS_SECTIONS: Section<QualyticsPolicy>[] = [
  { key: 'teams', label: 'Teams', View: Teams },
  { key: 'datastores', label: 'Datastores', View: Datastores },
  { key: 'users', label: 'Users', View: QualyticsUsers },
  { key: 'tokens', label: 'Tokens', View: Tokens },
];

export function ModelEditor({ client, workspace, refresh, notify }: TabProps) {
  /** The model without its fact sheets, shown read-only until the whole model is loaded (many fact sheets only). */
  const [core, setCore] = useState<ModelCore | null>(null);
  /** The whole model as stored, and the edited copy: they exist only once the whole model is loaded. */
  const [base, setBase] = useState<Policy | null>(null);
  const [work, setWork] = useState<Policy | null>(null);
  /** The workspace whose whole model is wanted (null: its core is enough so far). */
  const [wanted, setWanted] = useState<string | null>(null);
  /** Bumped to read the whole model again (after a save). */
  const [reads, setReads] = useState(0);
  /** The workspace the effects last started on. */
  const shownWs = useRef<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [section, setSection] = useState<string>('users');
  const [refused, setRefused] = useState<{ title: string; errors: PolicyError[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [jsonOpen, setJsonOpen] = useState(false);
  const [JsonView, setJsonView] = useState<ComponentType<JsonViewProps> | null>(null);
  const [jsonLoadError, setJsonLoadError] = useState<string | null>(null);
  const [textState, setTextState] = useState<TextState>({ kind: 'synced' });
  /** The model last taken from the JSON text: the text view keeps what was typed for it. */
  const fromText = useRef<Policy | null>(null);
  const textTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const textSeq = useRef(0);
  const wsId = workspace?.id ?? null;
  const updatedAt = workspace?.updatedAt;
  /** Many fact sheets: the tab opens on the core, and loads the whole model when something needs it. */
  const coreFirst = (workspace?.factSheetCount ?? 0) > WHOLE_AT_ONCE;
  const wantWhole = () => {
    if (wsId && wanted !== wsId) setWanted(wsId);
  };
  const formsText = useMemo(() => (jsonOpen && work ? `${JSON.stringify(work, null, 2)}\n` : ''), [jsonOpen, work]);

  useEffect(() => {
    if (!jsonOpen || JsonView) return;
    import('./ModelEditor-Json')
      .then((m) => setJsonView(() => m.JsonView))
      .catch((error: unknown) => setJsonLoadError(error instanceof Error ? error.message : String(error)));
  }, [jsonOpen]);
  useEffect(() => () => {
    if (textTimer.current) clearTimeout(textTimer.current);
  }, []);

  /** Text → forms: after a pause, the worker checks the text as a file; a valid one becomes the model. */
  const onText = (text: string) => {
    const seq = ++textSeq.current;
    setTextState({ kind: 'checking' });
    if (textTimer.current) clearTimeout(textTimer.current);
    textTimer.current = setTimeout(() => {
      void client
        .engine()
        .checkPolicyText(text)
        .then((r) => {
          if (seq !== textSeq.current) return;
          if (!r.ok) return setTextState({ kind: 'invalid', errors: [{ path: '', message: r.error.message }] });
          const policy = r.value.policy;
          if (!policy) return setTextState({ kind: 'invalid', errors: [...r.value.errors] });
          if (work && policy.platform !== work.platform) {
            return setTextState({ kind: 'invalid', errors: [{ path: 'platform', message: `the workspace is ${work.platform}; a model of another platform is a new workspace (import it on Workspaces)` }] });
          }
          fromText.current = policy;
          setWork(policy);
          setTextState({ kind: 'synced' });
        });
    }, TEXT_PAUSE_MS);
  };
  const resetText = () => {
    textSeq.current++;
    if (textTimer.current) clearTimeout(textTimer.current);
    fromText.current = null;
    setTextState({ kind: 'synced' });
  };

  // a change of workspace, or of the stored model: start again from what is stored
  useEffect(() => {
    setCore(null);
    setBase(null);
    setWork(null);
    setRefused(null);
    setLoadError(null);
    resetText();
    const sameWorkspace = shownWs.current === wsId;
    shownWs.current = wsId;
    if (!wsId) return setWanted(null);
    // a workspace of few fact sheets, and one whose whole model was wanted already (a save), is read whole
    const whole = !coreFirst || (sameWorkspace && wanted === wsId);
    setWanted(whole ? wsId : null);
    if (whole) return;
    let live = true;
    void client
      .engine()
      .modelCore(wsId)
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setLoadError(r.error.message);
        setCore(r.value);
      });
    return () => {
      live = false;
    };
  }, [wsId, updatedAt]);

  // the whole model, once something needs it
  useEffect(() => {
    if (!wsId || wanted !== wsId) return;
    let live = true;
    void client
      .engine()
      .getWorkspace(wsId)
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setLoadError(r.error.message);
        setLoadError(null);
        setBase(r.value.policy);
        setWork(r.value.policy);
      });
    return () => {
      live = false;
    };
  }, [wsId, updatedAt, wanted, reads]);

  const shown = work ?? core?.policy ?? null;
  const sections = shown?.platform === 'qualytics' ? QUALYTICS_SECTIONS : LEANIX_SECTIONS;
  const active = sections.find((s) => s.key === section) ?? sections[0]!;
  // the Fact sheets section and the JSON view show the fact sheets: they load the whole model
  useEffect(() => {
    if (!work && shown && (active.whole || jsonOpen)) wantWhole();
  }, [shown, active.whole, jsonOpen]);

  if (!workspace) return <p class="muted">Import or create a workspace first (Workspaces tab), then edit its model here.</p>;
  if (loadError) return <p class="error-list" role="alert">{loadError}</p>;
  if (!work || !base) {
    if (!core || core.id !== workspace.id) return <p class="muted">Loading the model…</p>;
    return (
      <CoreView
        core={core}
        loading={wanted === workspace.id}
        sections={sections}
        active={active}
        jsonOpen={jsonOpen}
        onSection={setSection}
        onJson={() => setJsonOpen((o) => !o)}
        onEdit={wantWhole}
      />
    );
  }

  const dirty = work !== base;
  const textBlocks = textState.kind !== 'synced';
  const save = async () => {
    setSaving(true);
    const r = await client.engine().savePolicy(workspace.id, work);
    setSaving(false);
    if (!r.ok) {
      const errors = r.error.kind === 'invalid' ? [...r.error.errors] : [];
      setRefused({ title: `${r.error.message.charAt(0).toUpperCase()}${r.error.message.slice(1)}.`, errors });
      return;
    }
    setRefused(null);
    notify(r.value.migrated ? `Model of ${r.value.name} saved. The file was version 1 and this change needs version 2: it is now a version 2 file (as sealcheck migrate writes it).` : r.value.changed ? `Model of ${r.value.name} saved.` : `Nothing to save: the model of ${r.value.name} is as stored.`);
    await refresh();
    setReads((n) => n + 1);
  };

  const errors = refused?.errors ?? NO_ERRORS;
  /** Forms → text: the text is written anew from the model (a pending text check is dropped). */
  const setForms = (policy: Policy) => {
    resetText();
    setWork(policy);
  };

  return (
    <div class="me">
      <div class="me-bar panel" role="region" aria-label="Save the model">
        <span class={dirty ? 'me-dirty' : 'muted'} data-testid="model-state">
          {dirty ? 'Unsaved changes (lost when you leave this tab)' : 'No unsaved changes'}
        </span>
        <span class="row">
          <button type="button" class="primary" disabled={!dirty || saving || textBlocks} onClick={() => void save()} data-testid="save-model">
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button
            type="button"
            disabled={(!dirty && !textBlocks) || saving}
            onClick={() => {
              resetText();
              setWork(base);
              setRefused(null);
            }}
          >
            Discard changes
          </button>
          <button type="button" aria-pressed={jsonOpen} onClick={() => setJsonOpen((o) => !o)} data-testid="toggle-json">
            {jsonOpen ? 'Hide JSON' : 'Show JSON'}
          </button>
        </span>
        {textState.kind === 'checking' ? <span class="muted" data-testid="json-state">Checking the JSON…</span> : null}
        {textState.kind === 'invalid' ? (
          <span class="error-list" data-testid="json-state">
            {`The JSON has ${errorTotal(textState.errors).total === 1 ? '1 error' : `${errorTotal(textState.errors).total.toLocaleString('en-US')} errors`} (marked in the text): the forms show the last valid model, and saving waits until the text is valid or discarded.`}
          </span>
        ) : null}
      </div>
      {refused ? <PolicyErrorList message={refused.title} errors={refused.errors} testId="model-errors" /> : null}

      <nav class="row me-sections" aria-label="Parts of the model">
        {sections.map((s) => {
          const n = errorsAt(errors, s.path ?? s.key).length;
          return (
            <button key={s.key} type="button" aria-pressed={s.key === active.key} class={s.key === active.key ? 'primary' : ''} onClick={() => setSection(s.key)}>
              {s.label}
              {n ? <span class="me-error-count"> · {n === 1 ? '1 error' : `${n.toLocaleString('en-US')} errors`}</span> : null}
            </button>
          );
        })}
      </nav>

      <div class={jsonOpen ? 'me-split' : undefined}>
        <div class="me-forms">
          {work.platform === 'leanix' ? (
            <SectionView view={(active as Section<LeanixPolicy>).View} policy={work} onChange={setForms} errors={errors} />
          ) : (
            <SectionView view={(active as Section<QualyticsPolicy>).View} policy={work} onChange={setForms} errors={errors} />
          )}
        </div>
        {jsonOpen ? (
          <section class="me-json" aria-labelledby="me-json-h" data-testid="json-view">
            <h2 id="me-json-h">JSON</h2>
            <p class="muted me-note">The policy file as the forms stand. Edits here reach the forms once the text is a valid file; Ctrl-Space completes keys and values.</p>
            {jsonLoadError ? (
              <p class="error-list" role="alert">{`The JSON view could not be loaded: ${jsonLoadError}`}</p>
            ) : JsonView ? (
              <JsonView text={formsText} own={work === fromText.current} errors={textState.kind === 'invalid' ? textState.errors : errors} onEdit={onText} label="Policy file as JSON" />
            ) : (
              <p class="muted">Loading the JSON view…</p>
            )}
            {textState.kind === 'invalid' ? <PolicyErrorList message="Errors in the JSON text" errors={textState.errors} testId="json-errors" /> : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function SectionView<P>({ view: View, ...props }: SectionProps<P> & { view: ComponentType<SectionProps<P>> }) {
  return <View {...props} />;
}

/**
 * The core of a workspace of many fact sheets, before its whole model is loaded: the same
 * bar, parts and forms, read-only. Anything that would edit (the "Edit the model" button, a
 * click in the forms) loads the whole model; the Fact sheets part and the JSON view wait for it.
 */
function CoreView({
  core,
  loading,
  sections,
  active,
  jsonOpen,
  onSection,
  onJson,
  onEdit,
}: {
  core: ModelCore;
  loading: boolean;
  sections: readonly AnySection[];
  active: AnySection;
  jsonOpen: boolean;
  onSection: (key: string) => void;
  onJson: () => void;
  onEdit: () => void;
}) {
  const count = core.factSheetCount.toLocaleString('en-US');
  const sheets = core.factSheetCount === 1 ? '1 fact sheet' : `${count} fact sheets`;
  const waiting = <p class="muted" data-testid="model-whole-loading">{`Loading the whole model (${sheets})…`}</p>;
  return (
    <div class="me">
      <div class="me-bar panel" role="region" aria-label="Save the model">
        <span class="muted" data-testid="model-state">
          {loading ? `Loading the whole model (${sheets}) to edit it…` : `Read only: the model without its ${sheets}. Editing loads them.`}
        </span>
        <span class="row">
          <button type="button" class="primary" disabled={loading} onClick={onEdit} data-testid="edit-model">
            {loading ? 'Loading…' : 'Edit the model'}
          </button>
          <button type="button" aria-pressed={jsonOpen} onClick={onJson} data-testid="toggle-json">
            {jsonOpen ? 'Hide JSON' : 'Show JSON'}
          </button>
        </span>
      </div>

      <nav class="row me-sections" aria-label="Parts of the model">
        {sections.map((s) => (
          <button key={s.key} type="button" aria-pressed={s.key === active.key} class={s.key === active.key ? 'primary' : ''} onClick={() => onSection(s.key)}>
            {s.label}
          </button>
        ))}
      </nav>

      <div class={jsonOpen ? 'me-split' : undefined}>
        <div class="me-forms" onPointerDown={onEdit} data-testid="model-core">
          {active.whole ? (
            waiting
          ) : (
            <fieldset class="me-core" disabled aria-label="The model without its fact sheets, read-only">
              {core.policy.platform === 'leanix' ? (
                <SectionView view={(active as Section<LeanixPolicy>).View} policy={core.policy} onChange={READ_ONLY} errors={NO_ERRORS} />
              ) : (
                <SectionView view={(active as Section<QualyticsPolicy>).View} policy={core.policy} onChange={READ_ONLY} errors={NO_ERRORS} />
              )}
            </fieldset>
          )}
        </div>
        {jsonOpen ? (
          <section class="me-json" aria-labelledby="me-json-h" data-testid="json-view">
            <h2 id="me-json-h">JSON</h2>
            {waiting}
          </section>
        ) : null}
      </div>
    </div>
  );
}
