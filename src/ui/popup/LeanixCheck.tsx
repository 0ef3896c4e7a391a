// The LeanIX quick check: actor, fact sheet, the change as chips, and the verdict,
// re-evaluated on every click.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Patch, UpdateOperation } from '../../model/schema';
import type { FactSheetRow, UserRow, WorkspaceSummary } from '../../storage/store';
import type { Answer, Outline, Question } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { FailureText } from '../components/FailureText';
import { VerdictCard } from '../components/VerdictCard';
import type { EngineClient } from '../engine-client';
import { ActorPicker } from './ActorPicker';
import type { ActorOption } from './ActorPicker';
import { SEAL_PATH, chipGroups, patchesFor, sealStates } from './chips';
import { openPlayground } from './playground';
import { SaveScenario } from './SaveScenario';
import { markEval, markOnce } from './timing';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;
type LeanixAnswer = Extract<Answer, { platform: 'leanix' }>;
type LeanixQuestion = Extract<Question, { platform: 'leanix' }> & { readonly operation: UpdateOperation };

/** An answer together with the question it answers, so "save" never mixes the two. */
interface Checked {
  readonly question: LeanixQuestion;
  readonly answer: LeanixAnswer;
}

export interface LeanixCheckProps {
  readonly client: EngineClient;
  readonly workspace: WorkspaceSummary;
  readonly outline: LeanixOutline;
  /** The fact sheet of the LeanIX page the popup was opened over, if this workspace has it. */
  readonly preselect: FactSheetRow | null;
}

const SEARCH_LIMIT = 50;

export const actorSettingKey = (workspaceId: string) => `popup.actor.${workspaceId}`;

function failureOf(error: unknown): Failure {
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function LeanixCheck({ client, workspace, outline, preselect }: LeanixCheckProps) {
  const ws = workspace.id;
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [actor, setActor] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<FactSheetRow[]>([]);
  const [sheet, setSheet] = useState<FactSheetRow | null>(preselect);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [lxState, setLxState] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);
  const [evalFailure, setEvalFailure] = useState<Failure | null>(null);
  const failure = loadFailure ?? evalFailure;
  const searchSeq = useRef(0);
  const evalSeq = useRef(0);

  // Users (technical first) and the actor last used in this workspace.
  useEffect(() => {
    void (async () => {
      try {
        const [list, last] = await Promise.all([client.engine().listUsers(ws), client.engine().getSetting(actorSettingKey(ws))]);
        if (!list.ok) {
          setLoadFailure(list.error);
          setUsers([]);
          return;
        }
        setUsers(list.value);
        const remembered = last.ok && typeof last.value === 'string' && list.value.some((u) => u.id === last.value) ? last.value : null;
        setActor(remembered ?? list.value[0]?.id ?? '');
      } catch (error) {
        setLoadFailure(failureOf(error));
        setUsers([]);
      }
    })();
  }, [ws]);

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
  const patchKey = JSON.stringify(patches);

  // Every change asks the engine again; only the latest answer is shown.
  useEffect(() => {
    const seq = ++evalSeq.current;
    if (!actor || !sheet || patches.length === 0) {
      setChecked(null);
      setEvalFailure(null);
      return;
    }
    const question: LeanixQuestion = { platform: 'leanix', actor, operation: { op: 'update', factSheet: sheet.id, patches } };
    const started = performance.now();
    void (async () => {
      try {
        const r = await client.engine().evaluate(ws, question);
        if (seq !== evalSeq.current) return;
        markEval(performance.now() - started);
        if (r.ok && r.value.platform === 'leanix') {
          setChecked({ question, answer: r.value });
          setEvalFailure(null);
        } else {
          setChecked(null);
          setEvalFailure(r.ok ? { kind: 'internal', message: 'the engine answered for another platform' } : r.error);
        }
      } catch (error) {
        if (seq === evalSeq.current) setEvalFailure(failureOf(error));
      }
    })();
  }, [ws, actor, sheet?.id, patchKey]);

  useEffect(() => {
    if (checked) markOnce('verdictMs');
  }, [checked]);

  const chooseActor = (id: string) => {
    setActor(id);
    void client.engine().setSetting(actorSettingKey(ws), id);
  };

  const toggle = (path: string) =>
    setChosen((cur) => {
      const next = new Set(cur);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

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
                  {states.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
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
