// Add, edit or duplicate a scenario through controls: its name and time, then per
// platform what happens (ScenariosForm-*Operation) and what is expected
// (ScenariosForm-*Expect). Saved through the file's validator, whose located errors are
// shown as text; the expectations can be filled from what the engine answers now.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';
import type { LeanixOperation as LeanixOp, QualyticsActor, QualyticsOperation as QualyticsOp } from '../../model/schema';
import type { PolicyError } from '../../policy/errors';
import type { Outline } from '../../worker/api';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { expectFromAnswer, scenarioOf } from './ScenariosDraft';
import type { Draft, LeanixDraft, QualyticsDraft } from './ScenariosDraft';
import { LeanixExpect } from './ScenariosForm-LeanixExpect';
import { LeanixOperation } from './ScenariosForm-LeanixOperation';
import { QualyticsExpect } from './ScenariosForm-QualyticsExpect';
import { QualyticsOperation } from './ScenariosForm-QualyticsOperation';

export type FormMode = { kind: 'add' } | { kind: 'edit'; index: number } | { kind: 'duplicate'; index: number };

export interface ScenarioFormProps {
  readonly client: EngineClient;
  readonly outline: Outline;
  readonly initial: Draft;
  readonly mode: FormMode;
  /** Saves; resolves to null when saved, or the problem to show. */
  readonly onSave: (scenario: Record<string, unknown>) => Promise<{ message: string; errors: readonly PolicyError[] } | null>;
  readonly onClose: () => void;
}

export function ScenarioForm({ client, outline, initial, mode, onSave, onClose }: ScenarioFormProps) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<{ message: string; errors: readonly PolicyError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [filled, setFilled] = useState<string | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const title = mode.kind === 'add' ? 'New scenario' : mode.kind === 'edit' ? `Edit scenario ${mode.index + 1}` : `Duplicate of scenario ${mode.index + 1}`;
  const set = (patch: Partial<LeanixDraft> | Partial<QualyticsDraft>) => setDraft((d) => ({ ...d, ...patch }) as Draft);

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setSaveError(null);
    const built = scenarioOf(draft);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const problem = await onSave(built.scenario);
      if (problem) setSaveError(problem);
    } finally {
      setBusy(false);
    }
  }

  /** Fills the expectations from what the engine answers now: a quick way to pin a behaviour. */
  async function fillFromOutcome(): Promise<void> {
    const built = scenarioOf({ ...draft, name: draft.name || 'draft' });
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    const s = built.scenario;
    const at = typeof s.at === 'string' ? s.at : undefined;
    const r =
      draft.platform === 'leanix'
        ? await client.engine().evaluate(outline.id, { platform: 'leanix', actor: draft.actor, operation: s.operation as LeanixOp, at, useDrafts: false })
        : await client.engine().evaluate(outline.id, { platform: 'qualytics', actor: s.actor as QualyticsActor, operation: s.operation as QualyticsOp, at });
    if (!r.ok) {
      setFilled(`Could not evaluate: ${r.error.message}`);
      return;
    }
    const next = expectFromAnswer(draft, r.value);
    if (next) setDraft((d) => ({ ...d, expect: next.expect }) as Draft);
    setFilled(`Filled from the current outcome: ${r.value.verdict.headline}. Review them: a scenario pins what should happen.`);
  }

  return (
    <form
      class="panel"
      aria-labelledby="scenario-form-title"
      onSubmit={save}
      data-testid="scenario-form"
      style={{ marginTop: '12px' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3 id="scenario-form-title">{title}</h3>
      <div class="row">
        <div style={{ flex: '2 1 300px' }}>
          <label for="sf-name">Name</label>
          <input ref={firstRef} id="sf-name" style={{ width: '100%' }} value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} required />
        </div>
        <div style={{ flex: '1 1 200px' }}>
          <label for="sf-at">At (optional, default {outline.asOf})</label>
          <input id="sf-at" style={{ width: '100%' }} placeholder="2026-11-24T00:00:00Z" value={draft.at} onInput={(e) => set({ at: e.currentTarget.value })} />
        </div>
      </div>
      {draft.platform === 'leanix' && outline.platform === 'leanix' ? (
        <>
          <LeanixOperation client={client} outline={outline} draft={draft} set={set} />
          <LeanixExpect outline={outline} expect={draft.expect} onChange={(expect) => set({ expect })} />
        </>
      ) : draft.platform === 'qualytics' && outline.platform === 'qualytics' ? (
        <>
          <QualyticsOperation outline={outline} draft={draft} set={set} />
          <QualyticsExpect expect={draft.expect} onChange={(expect) => set({ expect })} />
        </>
      ) : null}
      {problems.length ? (
        <ul class="error-list" role="alert" data-testid="form-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {saveError ? (
        <div style={{ marginTop: '8px' }}>
          <PolicyErrorList testId="scenario-save-errors" message={saveError.message} errors={saveError.errors} />
        </div>
      ) : null}
      {filled ? (
        <p class="muted" role="status">
          {filled}
        </p>
      ) : null}
      <div class="row" style={{ marginTop: '10px' }}>
        <button type="submit" class="primary" disabled={busy} data-testid="scenario-save">
          {busy ? 'Saving…' : mode.kind === 'edit' ? 'Save changes' : 'Add scenario'}
        </button>
        <button type="button" onClick={fillFromOutcome} disabled={busy}>
          Fill expectations from the current outcome
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
