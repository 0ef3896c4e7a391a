// The LeanIX quick check: actor, fact sheet, the change as chips, and the verdict,
// re-evaluated on every click.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FactSheet, UpdateOperation } from '../../model/schema';
import type { FactSheetRow } from '../../storage/store';
import type { Outline, Question } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { userChoices } from '../components/actor-choices';
import { failureOf } from '../components/failure-of';
import { FailureText } from '../components/FailureText';
import { pathName } from '../components/patch-path';
import { toggled } from '../components/toggled';
import type { EngineClient } from '../engine-client';
import type { QuestionLink } from '../question-link';
import { ActorPicker } from './ActorPicker';
import { ChangeChips } from './ChangeChips';
import { PLACEHOLDER, SEAL_PATH, chipGroups, patchesFor, sealStates } from './chips';
import { useEvaluation } from './evaluation';
import { FactSheetSearch } from './FactSheetSearch';
import { LeanixAnswer } from './LeanixAnswer';
import { QuickCheckBar } from './QuickCheckBar';
import { useRememberedActor } from './remembered-actor';
import type { QuickCheckStart } from './start';
import type { QuickCheckSurface } from './surface';
import { markOnce } from './timing';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;
type LeanixQuestion = Extract<Question, { platform: 'leanix' }> & { readonly operation: UpdateOperation };

export interface LeanixQuickCheckProps {
  readonly client: EngineClient;
  readonly outline: LeanixOutline;
  readonly start: QuickCheckStart;
  readonly surface: QuickCheckSurface;
  /** A fact sheet read live: questions about its id are answered with it instead of the stored one. */
  readonly override?: FactSheet | null;
}

export function LeanixQuickCheck({ client, outline, start, surface, override = null }: LeanixQuickCheckProps) {
  const ws = outline.id;
  const [sheet, setSheet] = useState<FactSheetRow | null>(typeof start.factSheet === 'object' ? start.factSheet : null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(start.paths ?? []));
  const [lxState, setLxState] = useState<string | null>(start.lxState ?? null);
  const [value, setValue] = useState(start.value ?? PLACEHOLDER);
  const [useDrafts, setUseDrafts] = useState(true);
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);

  const choices = useMemo(() => userChoices(outline.users), [outline]);
  const { actor, choose: chooseActor } = useRememberedActor(
    client,
    ws,
    choices.map((c) => c.value),
    start.actor,
  );

  // A linked question names its fact sheet by id.
  useEffect(() => {
    const id = start.factSheet;
    if (typeof id !== 'string' || !id) return;
    void (async () => {
      try {
        const r = await client.engine().findFactSheets(ws, { id, limit: 1 });
        if (!r.ok) setLoadFailure(r.error);
        else if (r.value[0]) setSheet((cur) => cur ?? r.value[0]!);
      } catch (error) {
        setLoadFailure(failureOf(error));
      }
    })();
  }, [ws]);

  // Ready: focus where the next keystroke belongs (the first chip when the page chose the fact sheet).
  const searchInput = useRef<HTMLInputElement>(null);
  const chipsBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actor === null) return;
    markOnce('readyMs');
    if (typeof start.factSheet === 'object') chipsBox.current?.querySelector<HTMLButtonElement>('button.chip')?.focus();
    else searchInput.current?.focus();
  }, [actor === null]);

  const type = useMemo(() => (sheet ? outline.types.find((t) => t.name === sheet.type) ?? null : null), [sheet?.type, outline]);
  const groups = useMemo(() => (type ? chipGroups(type) : []), [type]);
  const states = type ? sealStates(type) : [];
  const live = override && sheet && override.id === sheet.id ? override : null;
  const storedState = live ? live.lxState : sheet?.lxState;
  const state = lxState && states.includes(lxState) ? lxState : storedState === 'APPROVED' ? 'BROKEN_QUALITY_SEAL' : 'APPROVED';
  const patches = useMemo(() => patchesFor(groups, chosen, value, state), [groups, chosen, value, state]);
  const paths = patches.map((p) => p.path);

  // Every change asks the engine again; only the latest answer is shown.
  const question: LeanixQuestion | null = actor && sheet && patches.length ? { platform: 'leanix', actor, operation: { op: 'update', factSheet: sheet.id, patches }, useDrafts } : null;
  const { checked, failure: evalFailure } = useEvaluation(client, ws, question, JSON.stringify([actor, sheet?.id, patches, useDrafts, live]), live);
  const failure = loadFailure ?? evalFailure;

  const link: QuestionLink = {
    workspace: ws,
    ...(actor ? { actor } : {}),
    ...(sheet ? { factSheet: sheet.id } : {}),
    ...(paths.length ? { paths } : {}),
    ...(paths.includes(SEAL_PATH) ? { lxState: state } : {}),
    ...(value !== PLACEHOLDER ? { value } : {}),
  };
  const linkKey = JSON.stringify(link);
  useEffect(() => surface.onLink?.(link), [linkKey]);

  const chooseSheet = (row: FactSheetRow | null) => {
    // Another type offers other chips: start its change afresh.
    if (sheet && row?.type !== sheet.type) setChosen(new Set());
    setSheet(row);
  };

  // A verdict over a fact sheet read live is not the stored workspace's: as a scenario it would fail there.
  const scenario = checked && !live
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
  const suggestedName = checked
    ? `${checked.question.actor} changes ${checked.question.operation.patches.map((p) => pathName(p.path)).join(', ')} of ${sheet?.name || checked.question.operation.factSheet}`
    : '';

  if (actor === null) return <p class="hint">Loading the workspace…</p>;

  return (
    <>
      <div class="qc-body">
        <div class="qc-question">
          <ActorPicker choices={choices} value={actor} onChange={chooseActor} />
          {outline.drafts.length ? (
            <label class="qc-check">
              <input type="checkbox" id="qc-drafts" checked={useDrafts} onChange={(e) => setUseDrafts(e.currentTarget.checked)} />
              with the role drafts ({outline.drafts.join(', ')})
            </label>
          ) : null}
          <FactSheetSearch
            client={client}
            workspaceId={ws}
            types={outline.types.map((t) => t.name)}
            value={live && sheet ? { ...sheet, name: live.name, lxState: live.lxState } : sheet}
            onChange={chooseSheet}
            onFailure={setLoadFailure}
            inputRef={searchInput}
          />
          {sheet && type ? (
            <ChangeChips
              groups={groups}
              chosen={chosen}
              onToggle={(path) => setChosen((cur) => toggled(cur, path))}
              states={states}
              state={state}
              onState={(s) => {
                setLxState(s);
                setChosen((cur) => new Set([...cur, SEAL_PATH]));
              }}
              value={value}
              onValue={setValue}
              boxRef={chipsBox}
            />
          ) : sheet ? (
            <p class="hint">The workspace has no type {sheet.type}.</p>
          ) : null}
        </div>

        <div class="qc-answer">
          {failure ? <FailureText failure={failure} /> : null}
          {!failure && !actor ? <p class="hint">Choose who acts: an actor of this workspace.</p> : null}
          {!failure && actor && !sheet ? <p class="hint">Choose the fact sheet that changes: type the start of its name.</p> : null}
          {!failure && actor && sheet && paths.length === 0 ? <p class="hint">Pick what changes: click one or more chips.</p> : null}
          {checked ? <LeanixAnswer answer={checked.answer} /> : null}
        </div>

      </div>

      <QuickCheckBar
        client={client}
        workspaceId={ws}
        link={link}
        scenario={scenario}
        suggestedName={suggestedName}
        surface={surface}
        {...(live ? { saveUnavailable: 'The verdict uses the fact sheet read live, not the stored one: switch the re-read off to save it as a scenario' } : {})}
      />
    </>
  );
}
