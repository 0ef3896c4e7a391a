// The LeanIX quick check: actor, fact sheet, the change as chips, and the verdict,
// re-evaluated on every click.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Patch, UpdateOperation } from '../../model/schema';
import type { FactSheetRow, WorkspaceSummary } from '../../storage/store';
import type { Outline, Question } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { failureOf } from '../components/failure-of';
import { FailureText } from '../components/FailureText';
import { OptionList } from '../components/OptionList';
import { toggled } from '../components/toggled';
import { VerdictCard } from '../components/VerdictCard';
import type { EngineClient } from '../engine-client';
import { useActors } from './actors';
import { ActorPicker } from './ActorPicker';
import type { ActorOption } from './ActorPicker';
import { SEAL_PATH, chipGroups, patchesFor, sealStates } from './chips';
import { useEvaluation } from './evaluation';
import { openPlayground } from './playground';
import { SaveScenario } from './SaveScenario';
import { markOnce } from './timing';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;
type LeanixQuestion = Extract<Question, { platform: 'leanix' }> & { readonly operation: UpdateOperation };

export interface LeanixCheckProps {
  readonly client: EngineClient;
  readonly workspace: WorkspaceSummary;
  readonly outline: LeanixOutline;
  /** The fact sheet of the LeanIX page the popup was opened over, if this workspace has it. */
  readonly preselect: FactSheetRow | null;
}

const SEARCH_LIMIT = 50;

export function LeanixCheck({ client, workspace, outline, preselect }: LeanixCheckProps) {
  const ws = workspace.id;
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<FactSheetRow[]>([]);
  const [sheet, setSheet] = useState<FactSheetRow | null>(preselect);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [lxState, setLxState] = useState<string | null>(null);
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);
  const searchSeq = useRef(0);

  // Users (technical first) and the actor last used in this workspace.
  const { users, actor, choose: chooseActor } = useActors(client, ws, (list) => list.map((u) => u.id), setLoadFailure);

  // Fact sheets by name prefix; the first match is selected while typing.
  useEffect(() => {
    const seq = ++searchSeq.current;
    const text = query.trim();
    void (async () => {
      try {
        const r = await client.engine().findFactSheets(ws, text ? { namePrefix: text, limit: SEARCH_LIMIT } : { limit: SEARCH_LIMIT });
        if (seq !== searchSeq.current) return;
        if (!r.ok) {
          setLoadFailure(r.error);
          return;
        }
        setRows(r.value);
        if (text && r.value.length) setSheet((cur) => (cur && r.value.some((f) => f.id === cur.id) ? cur : r.value[0]!));
      } catch (error) {
        setLoadFailure(failureOf(error));
      }
    })();
  }, [ws, query]);

  // Ready: focus where the next keystroke belongs (the first chip when the page chose the fact sheet).
  const searchInput = useRef<HTMLInputElement>(null);
  const chipsBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (users === null) return;
    markOnce('readyMs');
    if (preselect) chipsBox.current?.querySelector<HTMLButtonElement>('button.chip')?.focus();
    else searchInput.current?.focus();
  }, [users === null]);

  const type = useMemo(() => (sheet ? outline.types.find((t) => t.name === sheet.type) ?? null : null), [sheet?.type, outline]);
  const groups = useMemo(() => (type ? chipGroups(type) : []), [type]);
  const states = type ? sealStates(type) : [];
  const state = lxState && states.includes(lxState) ? lxState : sheet?.lxState === 'APPROVED' ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
  const patches: Patch[] = useMemo(() => patchesFor(groups, chosen, state), [groups, chosen, state]);

  // Every change asks the engine again; only the latest answer is shown.
  const question: LeanixQuestion | null = actor && sheet && patches.length ? { platform: 'leanix', actor, operation: { op: 'update', factSheet: sheet.id, patches } } : null;
  const { checked, failure: evalFailure } = useEvaluation(client, ws, question, JSON.stringify([actor, sheet?.id, patches]));
  const failure = loadFailure ?? evalFailure;

  const toggle = (path: string) => setChosen((cur) => toggled(cur, path));

  const actorOptions: ActorOption[] = (users ?? []).map((u) => {
    const roles = outline.users.find((o) => o.id === u.id)?.customerRoles ?? [];
    return { value: u.id, label: `${u.id} · ${u.kind} · ${[u.role, ...roles].join(' + ')}` };
  });
  const listed = sheet && !rows.some((r) => r.id === sheet.id) ? [sheet, ...rows] : rows;
  const paths = patches.map((p) => p.path);
  const answer = checked?.answer ?? null;
  const outcome = answer?.outcome ?? null;

  const scenario = checked
    ? (name: string) => {
        const o = checked.answer.outcome;
        return {
          name,
          actor: checked.question.actor,
          operation: checked.question.operation,
          expect: { allowed: o.allowed, sealBroken: o.sealBroken, lxStateAfter: o.lxStateAfter, notified: o.notified },
        };
      }
    : null;

  if (users === null) return <p class="hint">Loading the workspace…</p>;

  return (
    <>
      <ActorPicker options={actorOptions} value={actor} onChange={chooseActor} />

      <div>
        <div class="label-row">
          <label for="factsheet">Fact sheet</label>
          {sheet ? (
            <span class="hint" data-testid="sheet-info">
              {sheet.type} · {sheet.lxState}
            </span>
          ) : null}
        </div>
        <div class="pair">
          <input
            ref={searchInput}
            id="fs-search"
            type="search"
            placeholder="Name starts with…"
            aria-label="Search fact sheets by name"
            autocomplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <select
            id="factsheet"
            value={sheet?.id ?? ''}
            onChange={(e) => {
              const id = e.currentTarget.value;
              setSheet(listed.find((f) => f.id === id) ?? null);
            }}
          >
            <option value="">{listed.length ? 'Choose a fact sheet' : query.trim() ? 'No fact sheet starts so' : 'No fact sheets'}</option>
            {listed.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name || f.id} · {f.type}
              </option>
            ))}
          </select>
        </div>
      </div>

      {sheet && type ? (
        <div class="chips" role="group" aria-label="What changes" ref={chipsBox}>
          {groups.map((g) => (
            <div class="chip-group" role="group" aria-label={g.name} key={g.name}>
              <span class="group-name" aria-hidden="true">
                {g.name}
              </span>
              {g.chips.map((c) => (
                <button key={c.path} type="button" class="chip" aria-pressed={chosen.has(c.path)} data-path={c.path} onClick={() => toggle(c.path)}>
                  {c.label}
                </button>
              ))}
              {g.chips.some((c) => c.path === SEAL_PATH) ? (
                <select
                  id="lxstate"
                  aria-label="New seal state"
                  value={state}
                  onChange={(e) => {
                    setLxState(e.currentTarget.value);
                    setChosen((cur) => new Set([...cur, SEAL_PATH]));
                  }}
                >
                  <OptionList values={states} />
                </select>
              ) : null}
            </div>
          ))}
        </div>
      ) : sheet ? (
        <p class="hint">The workspace has no type {sheet.type}.</p>
      ) : null}

      {failure ? <FailureText failure={failure} /> : null}
      {!failure && !actor ? <p class="hint">Choose who acts: an actor of this workspace.</p> : null}
      {!failure && actor && !sheet ? <p class="hint">Choose the fact sheet that changes: type the start of its name.</p> : null}
      {!failure && actor && sheet && paths.length === 0 ? <p class="hint">Pick what changes: click one or more chips.</p> : null}

      {answer && outcome ? (
        <div>
          <VerdictCard
            verdict={answer.verdict}
            reasons={outcome.reasons}
            fixes={outcome.fixes}
            stateLine={`Seal: ${outcome.lxStateBefore ?? 'none'} → ${outcome.lxStateAfter ?? 'none'}`}
          />
          <dl class="facts" data-testid="facts">
            <dt>Notified</dt>
            <dd data-testid="notified">{outcome.notified.length ? outcome.notified.join(', ') : 'no one'}</dd>
            <dt>Events</dt>
            <dd data-testid="events">{outcome.events.length ? outcome.events.join(', ') : 'none'}</dd>
            {answer.draftsApplied.length ? (
              <>
                <dt>Drafts</dt>
                <dd>evaluated with the role drafts {answer.draftsApplied.join(', ')}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}

      <footer class="bar">
        <button
          type="button"
          onClick={() =>
            void openPlayground({
              workspace: ws,
              ...(actor ? { actor } : {}),
              ...(sheet ? { factSheet: sheet.id } : {}),
              ...(paths.length ? { paths } : {}),
              ...(paths.includes(SEAL_PATH) ? { lxState: state } : {}),
            })
          }
        >
          Open in playground
        </button>
        <SaveScenario
          client={client}
          workspaceId={ws}
          scenario={scenario}
          suggestedName={checked ? `${checked.question.actor} changes ${checked.question.operation.patches.map((p) => p.path.slice(1)).join(', ')} of ${sheet?.name || checked.question.operation.factSheet}` : ''}
        />
      </footer>
    </>
  );
}
