// Add, edit or duplicate a scenario through controls: actor, operation, fact sheet,
// patches as rows, expectations as selects and lists. Saved through the file's
// validator, whose located errors are shown as text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';
import type { LeanixOperation, QualyticsActor, QualyticsOperation } from '../../model/schema';
import { HTTP_METHODS, LEANIX_EVENTS, Q_ACTION_IDS, Q_ENDPOINTS, Q_ROLE_ONLY_ACTIONS, Q_STATUSES, BASE_FIELDS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import type { PolicyError } from '../../policy/errors';
import type { Outline } from '../../worker/api';
import { FactSheetPicker } from '../components/FactSheetPicker';
import { PolicyErrorList } from '../components/PolicyErrorList';
import { OptionList } from '../components/OptionList';
import { ActorOptions } from '../components/ActorOptions';
import { tokenChoices, userChoices } from '../components/actor-choices';
import { removeAt, replaceAt } from '../components/list-edit';
import { PATCH_OP_CHOICES, pathsOfType, pathsOfTypes } from '../components/leanix-paths';
import { LX_STATE_OPTIONS, scenarioOf } from './ScenariosDraft';
import type { Draft, LeanixDraft, ListExpect, PatchRow, QualyticsDraft, Tri } from './ScenariosDraft';

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

function TriSelect({ id, label, value, onChange }: { id: string; label: string; value: Tri; onChange: (v: Tri) => void }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Tri)}>
        <option value="">not checked</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    </div>
  );
}

function ListInput({ id, label, value, onChange, hint, listId }: { id: string; label: string; value: ListExpect; onChange: (v: ListExpect) => void; hint: string; listId?: string }) {
  return (
    <div style={{ flex: '1 1 260px' }}>
      <div class="row" style={{ gap: '4px' }}>
        <input id={`${id}-on`} type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.currentTarget.checked })} />
        <label for={`${id}-on`} style={{ margin: 0 }}>
          Check {label}
        </label>
      </div>
      <input
        id={id}
        aria-label={`${label}, comma separated`}
        disabled={!value.on}
        list={listId}
        value={value.text}
        placeholder={value.on ? 'empty list' : 'not checked'}
        style={{ width: '100%' }}
        onInput={(e) => onChange({ ...value, text: e.currentTarget.value })}
      />
      <div class="muted" style={{ fontSize: '0.8rem' }}>
        {hint}
      </div>
    </div>
  );
}

export function ScenarioForm({ client, outline, initial, mode, onSave, onClose }: ScenarioFormProps) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<{ message: string; errors: readonly PolicyError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetType, setSheetType] = useState<string | null>(null);
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
        ? await client.engine().evaluate(outline.id, { platform: 'leanix', actor: draft.actor, operation: s.operation as LeanixOperation, at, useDrafts: false })
        : await client.engine().evaluate(outline.id, { platform: 'qualytics', actor: s.actor as QualyticsActor, operation: s.operation as QualyticsOperation, at });
    if (!r.ok) {
      setFilled(`Could not evaluate: ${r.error.message}`);
      return;
    }
    const a = r.value;
    if (a.platform === 'leanix' && draft.platform === 'leanix') {
      const o = a.outcome;
      set({
        expect: {
          allowed: o.allowed ? 'true' : 'false',
          sealBroken: o.sealBroken ? 'true' : 'false',
          lxStateBefore: o.lxStateBefore ?? 'null',
          lxStateAfter: o.lxStateAfter ?? 'null',
          deniedPaths: { on: true, text: o.deniedPaths.join(', ') },
          notified: { on: true, text: o.notified.join(', ') },
          events: { on: true, text: o.events.join(', ') },
        },
      });
    } else if (a.platform === 'qualytics' && draft.platform === 'qualytics') {
      set({ expect: { allowed: a.outcome.allowed ? 'true' : 'false', status: String(a.outcome.status) } });
    }
    setFilled(`Filled from the current outcome: ${a.verdict.headline}. Review them: a scenario pins what should happen.`);
  }

  return (
    <form class="panel" aria-labelledby="scenario-form-title" onSubmit={save} data-testid="scenario-form" style={{ marginTop: '12px' }}
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
        <LeanixFields client={client} outline={outline} draft={draft} set={set} sheetType={sheetType} setSheetType={setSheetType} />
      ) : draft.platform === 'qualytics' && outline.platform === 'qualytics' ? (
        <QualyticsFields outline={outline} draft={draft} set={set} />
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

interface LeanixFieldsProps {
  client: EngineClient;
  outline: Extract<Outline, { platform: 'leanix' }>;
  draft: LeanixDraft;
  set: (patch: Partial<LeanixDraft>) => void;
  sheetType: string | null;
  setSheetType: (t: string | null) => void;
}

function LeanixFields({ client, outline, draft, set, sheetType, setSheetType }: LeanixFieldsProps) {
  const typeObj = outline.types.find((t) => t.name === (draft.kind === 'create' ? draft.type : sheetType));
  const pathOptions = typeObj ? pathsOfType(typeObj) : pathsOfTypes(outline.types);
  const setPatch = (i: number, patch: Partial<PatchRow>) => set({ patches: replaceAt(draft.patches, i, { ...draft.patches[i]!, ...patch }) });
  const setValue = (i: number, value: Partial<LeanixDraft['values'][number]>) => set({ values: replaceAt(draft.values, i, { ...draft.values[i]!, ...value }) });
  const e = draft.expect;
  const setExpect = (patch: Partial<LeanixDraft['expect']>) => set({ expect: { ...e, ...patch } });
  const valueKeys = typeObj ? [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...typeObj.fields] : [...BASE_FIELDS];
  return (
    <>
      <fieldset>
        <legend>Who and what</legend>
        <div class="row">
          <div>
            <label for="sf-actor">Actor</label>
            <select id="sf-actor" value={draft.actor} onChange={(ev) => set({ actor: ev.currentTarget.value })} data-testid="sf-actor">
              <option value="">choose…</option>
              <ActorOptions choices={userChoices(outline.users)} />
            </select>
          </div>
          <div>
            <label for="sf-kind">Operation</label>
            <select id="sf-kind" value={draft.kind} onChange={(ev) => set({ kind: ev.currentTarget.value as LeanixDraft['kind'] })} data-testid="sf-kind">
              <option value="update">update (patches)</option>
              <option value="create">create</option>
              <option value="archive">archive</option>
              <option value="read">read</option>
            </select>
          </div>
          {draft.kind === 'create' ? (
            <div>
              <label for="sf-type">Type</label>
              <select id="sf-type" value={draft.type} onChange={(ev) => set({ type: ev.currentTarget.value })}>
                <option value="">choose…</option>
                <OptionList values={outline.types.map((t) => t.name)} />
              </select>
            </div>
          ) : null}
        </div>
        {draft.kind !== 'create' ? (
          <FactSheetPicker
            client={client}
            workspaceId={outline.id}
            types={outline.types.map((t) => t.name)}
            value={draft.factSheet}
            idPrefix="sf-sheet"
            onChange={(id, row) => {
              if (id !== draft.factSheet) set({ factSheet: id });
              setSheetType(row?.type ?? null);
            }}
          />
        ) : null}
      </fieldset>
      {draft.kind === 'update' ? (
        <fieldset>
          <legend>Changes</legend>
          <datalist id="sf-paths">
            {pathOptions.map((p) => (
              <option key={p.path} value={p.path}>
                {p.kind}
              </option>
            ))}
          </datalist>
          <table>
            <thead>
              <tr>
                <th scope="col">Op</th>
                <th scope="col">Path</th>
                <th scope="col">Value (JSON when it parses, else text)</th>
                <th scope="col">
                  <span class="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.patches.map((p, i) => (
                <tr key={i} data-testid="sf-patch">
                  <td>
                    <select aria-label={`Change ${i + 1} op`} value={p.op} onChange={(ev) => setPatch(i, { op: ev.currentTarget.value as PatchRow['op'] })}>
                      <OptionList values={PATCH_OP_CHOICES} />
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Change ${i + 1} path`} list="sf-paths" value={p.path} placeholder="/lifecycle" onInput={(ev) => setPatch(i, { path: ev.currentTarget.value })} />
                  </td>
                  <td>
                    <input
                      aria-label={`Change ${i + 1} value`}
                      value={p.value}
                      disabled={p.op === 'remove'}
                      placeholder={p.op === 'remove' ? 'no value' : '3, "text", true, null'}
                      style={{ width: '100%' }}
                      onInput={(ev) => setPatch(i, { value: ev.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <button type="button" aria-label={`Remove change ${i + 1}`} disabled={draft.patches.length === 1} onClick={() => set({ patches: removeAt(draft.patches, i) })}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" style={{ marginTop: '6px' }} onClick={() => set({ patches: [...draft.patches, { op: 'replace', path: '', value: '' }] })}>
            Add a change
          </button>
        </fieldset>
      ) : null}
      {draft.kind === 'create' ? (
        <fieldset>
          <legend>Values of the new fact sheet</legend>
          <datalist id="sf-value-keys">
            {valueKeys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          {draft.values.map((v, i) => (
            <div class="row" key={i}>
              <input aria-label={`Value ${i + 1} field`} list="sf-value-keys" value={v.key} onInput={(ev) => setValue(i, { key: ev.currentTarget.value })} />
              <input aria-label={`Value ${i + 1} value`} value={v.value} onInput={(ev) => setValue(i, { value: ev.currentTarget.value })} />
              <button type="button" aria-label={`Remove value ${i + 1}`} onClick={() => set({ values: removeAt(draft.values, i) })}>
                ✕
              </button>
            </div>
          ))}
          <button type="button" style={{ marginTop: '6px' }} onClick={() => set({ values: [...draft.values, { key: '', value: '' }] })}>
            Add a value
          </button>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>Expectations (each one given is checked)</legend>
        <div class="row" style={{ alignItems: 'flex-start' }}>
          <TriSelect id="sf-e-allowed" label="Allowed" value={e.allowed} onChange={(v) => setExpect({ allowed: v })} />
          <TriSelect id="sf-e-seal" label="Seal broken" value={e.sealBroken} onChange={(v) => setExpect({ sealBroken: v })} />
          {(['lxStateBefore', 'lxStateAfter'] as const).map((k) => (
            <div key={k}>
              <label for={`sf-e-${k}`}>{k === 'lxStateBefore' ? 'State before' : 'State after'}</label>
              <select id={`sf-e-${k}`} value={e[k]} onChange={(ev) => setExpect({ [k]: ev.currentTarget.value })}>
                <option value="">not checked</option>
                <option value="null">none (null)</option>
                <OptionList values={LX_STATE_OPTIONS} />
              </select>
            </div>
          ))}
        </div>
        <datalist id="sf-users">
          {outline.users.map((u) => (
            <option key={u.id} value={u.id} />
          ))}
        </datalist>
        <div class="row" style={{ alignItems: 'flex-start' }}>
          <ListInput id="sf-e-denied" label="denied paths" value={e.deniedPaths} onChange={(v) => setExpect({ deniedPaths: v })} hint="In patch order, e.g. /lifecycle" />
          <ListInput id="sf-e-notified" label="notified users" listId="sf-users" value={e.notified} onChange={(v) => setExpect({ notified: v })} hint="User ids, any order" />
          <ListInput id="sf-e-events" label="events" value={e.events} onChange={(v) => setExpect({ events: v })} hint={`In order: ${LEANIX_EVENTS.join(', ')}`} />
        </div>
      </fieldset>
    </>
  );
}

interface QualyticsFieldsProps {
  outline: Extract<Outline, { platform: 'qualytics' }>;
  draft: QualyticsDraft;
  set: (patch: Partial<QualyticsDraft>) => void;
}

function QualyticsFields({ outline, draft, set }: QualyticsFieldsProps) {
  const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(draft.action as QAction);
  return (
    <>
      <fieldset>
        <legend>Who</legend>
        <div class="row">
          <div role="radiogroup" aria-label="Actor kind" class="row">
            {(['user', 'token'] as const).map((k) => (
              <label key={k} class="row" style={{ margin: 0, gap: '4px' }}>
                <input type="radio" name="sf-actor-kind" checked={draft.actorKind === k} onChange={() => set({ actorKind: k, actor: '' })} />
                {k === 'user' ? 'a user' : 'a token'}
              </label>
            ))}
          </div>
          <div>
            <label for="sf-actor">{draft.actorKind === 'user' ? 'User' : 'Token'}</label>
            <select id="sf-actor" value={draft.actor} onChange={(ev) => set({ actor: ev.currentTarget.value })} data-testid="sf-actor">
              <option value="">choose…</option>
              <ActorOptions choices={draft.actorKind === 'user' ? userChoices(outline.users) : tokenChoices(outline.tokens)} />
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>What</legend>
        <div role="radiogroup" aria-label="Operation kind" class="row">
          <label class="row" style={{ margin: 0, gap: '4px' }}>
            <input type="radio" name="sf-q-kind" checked={draft.kind === 'action'} onChange={() => set({ kind: 'action' })} />a datastore action
          </label>
          <label class="row" style={{ margin: 0, gap: '4px' }}>
            <input type="radio" name="sf-q-kind" checked={draft.kind === 'request'} onChange={() => set({ kind: 'request' })} />
            an API request (users and tokens)
          </label>
        </div>
        {draft.kind === 'action' ? (
          <div class="row">
            <div>
              <label for="sf-action">Action</label>
              <select id="sf-action" value={draft.action} onChange={(ev) => set({ action: ev.currentTarget.value })}>
                <OptionList values={Q_ACTION_IDS} />
              </select>
            </div>
            <div>
              <label for="sf-datastore">Datastore</label>
              <select id="sf-datastore" value={roleOnly ? '' : draft.datastore} disabled={roleOnly} onChange={(ev) => set({ datastore: ev.currentTarget.value })}>
                <option value="">{roleOnly ? 'none: decided by role' : 'choose…'}</option>
                {outline.datastores.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.id} ({d.kind})
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : (
          <>
            <datalist id="sf-endpoints">
              {[...new Set(Q_ENDPOINTS.map((e) => e.pattern))].map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
            <div class="row">
              <div>
                <label for="sf-method">Method</label>
                <select id="sf-method" value={draft.method} onChange={(ev) => set({ method: ev.currentTarget.value as QualyticsDraft['method'] })}>
                  <OptionList values={HTTP_METHODS} />
                </select>
              </div>
              <div style={{ flex: '1 1 240px' }}>
                <label for="sf-path">Path</label>
                <input id="sf-path" list="sf-endpoints" style={{ width: '100%' }} value={draft.path} onInput={(ev) => set({ path: ev.currentTarget.value })} placeholder="/users/{id}" />
              </div>
            </div>
            <label for="sf-body">Body (JSON, optional)</label>
            <textarea id="sf-body" rows={4} style={{ width: '100%', fontFamily: 'ui-monospace, monospace' }} value={draft.body} onInput={(ev) => set({ body: ev.currentTarget.value })} placeholder='{"name": "svc-new", "role": "Member"}' />
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Expectations</legend>
        <div class="row">
          <TriSelect id="sf-e-allowed" label="Allowed" value={draft.expect.allowed} onChange={(v) => set({ expect: { ...draft.expect, allowed: v } })} />
          <div>
            <label for="sf-e-status">Status</label>
            <select id="sf-e-status" value={draft.expect.status} onChange={(ev) => set({ expect: { ...draft.expect, status: ev.currentTarget.value } })}>
              <option value="">not checked</option>
              <OptionList values={Q_STATUSES} />
            </select>
          </div>
        </div>
      </fieldset>
    </>
  );
}
