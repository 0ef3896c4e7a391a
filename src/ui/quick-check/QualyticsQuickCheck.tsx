// The Qualytics quick check: a user or token, then a datastore action or an API
// request, and the verdict with its status.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QualyticsActor, QualyticsOperation, QualyticsRequest } from '../../model/schema';
import { HTTP_METHODS, Q_ACTION_IDS, Q_ROLE_ONLY_ACTIONS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import type { Outline, Question } from '../../worker/api';
import { tokenChoices, userChoices } from '../components/actor-choices';
import { FailureText } from '../components/FailureText';
import { OptionList } from '../components/OptionList';
import { VerdictCard } from '../components/VerdictCard';
import type { EngineClient } from '../engine-client';
import type { QuestionLink } from '../question-link';
import { ActorPicker } from './ActorPicker';
import { useEvaluation } from './evaluation';
import { QuickCheckBar } from './QuickCheckBar';
import { useRememberedActor } from './remembered-actor';
import type { QuickCheckStart } from './start';
import type { QuickCheckSurface } from './surface';
import { markOnce } from './timing';

type QualyticsOutline = Extract<Outline, { platform: 'qualytics' }>;
type QualyticsQuestion = Extract<Question, { platform: 'qualytics' }>;

export interface QualyticsQuickCheckProps {
  readonly client: EngineClient;
  readonly outline: QualyticsOutline;
  readonly start: QuickCheckStart;
  readonly surface: QuickCheckSurface;
}

/** A request body: empty means none; anything else must be JSON. */
export function parseBody(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `The body is not JSON: ${error instanceof Error ? error.message : String(error)}. Fix it or leave it empty.` };
  }
}

function actorOf(value: string): QualyticsActor | null {
  if (value.startsWith('user:')) return value.slice('user:'.length);
  if (value.startsWith('token:')) return { token: value.slice('token:'.length) };
  return null;
}

function isAction(action: string | undefined): action is QAction {
  return action !== undefined && (Q_ACTION_IDS as readonly string[]).includes(action);
}

export function QualyticsQuickCheck({ client, outline, start, surface }: QualyticsQuickCheckProps) {
  const ws = outline.id;
  const [mode, setMode] = useState<'action' | 'request'>(start.request ? 'request' : 'action');
  const [action, setAction] = useState<QAction>(isAction(start.action) ? start.action : 'datastore.view');
  const [datastore, setDatastore] = useState((outline.datastores.find((d) => d.id === start.datastore) ?? outline.datastores[0])?.id ?? '');
  const [method, setMethod] = useState<string>(start.request?.method ?? 'GET');
  const [path, setPath] = useState(start.request?.path ?? '/user-tokens/service');
  const [body, setBody] = useState(start.request?.body ?? '');

  const choices = useMemo(
    () => [...userChoices(outline.users, { prefix: 'user:', group: 'Users' }), ...tokenChoices(outline.tokens, { prefix: 'token:', group: 'Tokens' })],
    [outline],
  );
  const { actor, choose: chooseActor } = useRememberedActor(
    client,
    ws,
    choices.map((c) => c.value),
    start.actor,
  );

  useEffect(() => {
    if (actor !== null) markOnce('readyMs');
  }, [actor === null]);

  const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(action);
  const parsed = parseBody(body);
  const pathProblem = mode === 'request' && !path.startsWith('/') ? 'A request path starts with `/`, e.g. /users.' : null;
  const who = actorOf(actor ?? '');
  let operation: QualyticsOperation | null = null;
  if (mode === 'action') {
    if (roleOnly) operation = { action };
    else if (datastore) operation = { action, datastore };
  } else if (parsed.ok && !pathProblem) {
    const request: QualyticsRequest = { method: method as QualyticsRequest['method'], path };
    // JSON.parse only ever yields JSON values.
    if (parsed.value !== undefined) request.body = parsed.value as QualyticsRequest['body'];
    operation = { request };
  }
  const question: QualyticsQuestion | null = who === null || operation === null ? null : { platform: 'qualytics', actor: who, operation };
  const { checked, failure } = useEvaluation(client, ws, question, JSON.stringify([actor, operation]));

  const link: QuestionLink = {
    workspace: ws,
    ...(typeof who === 'string' ? { actor: who } : who ? { token: who.token } : {}),
    ...(mode === 'action' ? { action, ...(roleOnly || !datastore ? {} : { datastore }) } : { request: { method, path, ...(body.trim() ? { body } : {}) } }),
  };
  const linkKey = JSON.stringify(link);
  useEffect(() => surface.onLink?.(link), [linkKey]);

  const answer = checked?.answer ?? null;
  const scenario = checked
    ? (name: string) => ({
        name,
        actor: checked.question.actor,
        operation: checked.question.operation,
        expect: { allowed: checked.answer.outcome.allowed, status: checked.answer.outcome.status },
      })
    : null;
  const describe = operation ? ('action' in operation ? `${operation.action}${operation.datastore ? ` on ${operation.datastore}` : ''}` : `${method} ${path}`) : '';
  const suggestedName = who !== null && describe ? `${(actor ?? '').replace(/^(user|token):/, '')}: ${describe}` : '';

  if (actor === null) return <p class="hint">Loading the workspace…</p>;

  return (
    <>
      <div class="qc-body">
        <div class="qc-question">
          <ActorPicker choices={choices} value={actor} onChange={chooseActor} />

          <fieldset>
            <legend>What it does</legend>
            <div class="radios">
              <label>
                <input type="radio" name="q-mode" value="action" checked={mode === 'action'} onChange={() => setMode('action')} />
                Datastore action
              </label>
              <label>
                <input type="radio" name="q-mode" value="request" checked={mode === 'request'} onChange={() => setMode('request')} />
                API request
              </label>
            </div>
          </fieldset>

          {mode === 'action' ? (
            <div class="pair">
              <select id="q-action" aria-label="Action" value={action} onChange={(e) => setAction(e.currentTarget.value as QAction)}>
                <OptionList values={Q_ACTION_IDS} />
              </select>
              <select id="q-datastore" aria-label="Datastore" value={roleOnly ? '' : datastore} disabled={roleOnly} onChange={(e) => setDatastore(e.currentTarget.value)}>
                {roleOnly ? <option value="">no datastore (decided by role)</option> : null}
                {!roleOnly && outline.datastores.length === 0 ? <option value="">no datastores in this workspace</option> : null}
                {roleOnly
                  ? null
                  : outline.datastores.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.id} ({d.kind})
                      </option>
                    ))}
              </select>
            </div>
          ) : (
            <div class="qc-field">
              <div class="pair">
                <select id="q-method" aria-label="Method" value={method} onChange={(e) => setMethod(e.currentTarget.value)} class="qc-method">
                  <OptionList values={HTTP_METHODS} />
                </select>
                <input id="q-path" aria-label="Path" value={path} onInput={(e) => setPath(e.currentTarget.value)} class="qc-path" />
              </div>
              <label for="q-body">Body (JSON, optional)</label>
              <textarea id="q-body" value={body} spellcheck={false} onInput={(e) => setBody(e.currentTarget.value)} />
              {!parsed.ok ? (
                <p role="alert" class="error-list" data-testid="body-error">
                  {parsed.message}
                </p>
              ) : null}
              {pathProblem ? (
                <p role="alert" class="error-list">
                  {pathProblem}
                </p>
              ) : null}
            </div>
          )}
        </div>

        <div class="qc-answer">
          {failure ? <FailureText failure={failure} /> : null}
          {!failure && who === null ? <p class="hint">Choose who acts: a user or a token.</p> : null}
          {mode === 'action' && !roleOnly && !datastore ? <p class="hint">This workspace has no datastore: add one on the playground's Model tab.</p> : null}
          {answer ? <VerdictCard verdict={answer.verdict} reasons={answer.outcome.reasons} fixes={answer.outcome.fixes} /> : null}
        </div>

      </div>

      <QuickCheckBar client={client} workspaceId={ws} link={link} scenario={scenario} suggestedName={suggestedName} surface={surface} />
    </>
  );
}
