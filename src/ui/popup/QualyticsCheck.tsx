// The Qualytics quick check: a user or token, then a datastore action or an API
// request, and the verdict with its status.
import { useEffect, useState } from 'preact/hooks';
import type { QualyticsActor, QualyticsOperation, QualyticsRequest } from '../../model/schema';
import { HTTP_METHODS, Q_ACTION_IDS, Q_ROLE_ONLY_ACTIONS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import type { WorkspaceSummary } from '../../storage/store';
import type { Outline, Question } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { FailureText } from '../components/FailureText';
import { OptionList } from '../components/OptionList';
import { VerdictCard } from '../components/VerdictCard';
import type { EngineClient } from '../engine-client';
import { useActors } from './actors';
import { ActorPicker } from './ActorPicker';
import type { ActorOption } from './ActorPicker';
import { useEvaluation } from './evaluation';
import { openPlayground } from './playground';
import { SaveScenario } from './SaveScenario';
import { markOnce } from './timing';

type QualyticsOutline = Extract<Outline, { platform: 'qualytics' }>;
type QualyticsQuestion = Extract<Question, { platform: 'qualytics' }>;

export interface QualyticsCheckProps {
  readonly client: EngineClient;
  readonly workspace: WorkspaceSummary;
  readonly outline: QualyticsOutline;
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

export function QualyticsCheck({ client, workspace, outline }: QualyticsCheckProps) {
  const ws = workspace.id;
  const [mode, setMode] = useState<'action' | 'request'>('action');
  const [action, setAction] = useState<QAction>('datastore.view');
  const [datastore, setDatastore] = useState(outline.datastores[0]?.id ?? '');
  const [method, setMethod] = useState<string>('GET');
  const [path, setPath] = useState('/user-tokens/service');
  const [body, setBody] = useState('');
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);

  const { users, actor, choose: chooseActor } = useActors(
    client,
    ws,
    (list) => [...list.map((u) => `user:${u.id}`), ...outline.tokens.map((t) => `token:${t.id}`)],
    setLoadFailure,
  );

  useEffect(() => {
    if (users !== null) markOnce('readyMs');
  }, [users]);

  const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(action);
  const parsed = parseBody(body);
  const pathProblem = mode === 'request' && !path.startsWith('/') ? 'A request path starts with `/`, e.g. /users.' : null;
  const who = actorOf(actor);
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
  const { checked, failure: evalFailure } = useEvaluation(client, ws, question, JSON.stringify([actor, operation]));
  const failure = loadFailure ?? evalFailure;

  const options: ActorOption[] = [
    ...(users ?? []).map((u) => ({ value: `user:${u.id}`, label: `${u.id} · ${u.kind} · ${u.role}`, group: 'Users' })),
    ...outline.tokens.map((t) => ({ value: `token:${t.id}`, label: `${t.name} of ${t.user} · ${t.kind} token · ${t.state}`, group: 'Tokens' })),
  ];
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

  if (users === null) return <p class="hint">Loading the workspace…</p>;

  return (
    <>
      <ActorPicker options={options} value={actor} onChange={chooseActor} />

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
          <select
            id="q-datastore"
            aria-label="Datastore"
            value={roleOnly ? '' : datastore}
            disabled={roleOnly}
            onChange={(e) => setDatastore(e.currentTarget.value)}
          >
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
        <div>
          <div class="pair">
            <select id="q-method" aria-label="Method" value={method} onChange={(e) => setMethod(e.currentTarget.value)} style={{ flex: '0 0 auto' }}>
              <OptionList values={HTTP_METHODS} />
            </select>
            <input id="q-path" aria-label="Path" value={path} onInput={(e) => setPath(e.currentTarget.value)} style={{ flex: 1 }} />
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

      {failure ? <FailureText failure={failure} /> : null}
      {!failure && who === null ? <p class="hint">Choose who acts: a user or a token.</p> : null}
      {mode === 'action' && !roleOnly && !datastore ? <p class="hint">This workspace has no datastore: add one in the playground.</p> : null}

      {answer ? (
        <div>
          <VerdictCard verdict={answer.verdict} reasons={answer.outcome.reasons} fixes={answer.outcome.fixes} />
        </div>
      ) : null}

      <footer class="bar">
        <button type="button" onClick={() => void openPlayground({ workspace: ws, ...(typeof who === 'string' ? { actor: who } : {}) })}>
          Open in playground
        </button>
        <SaveScenario client={client} workspaceId={ws} scenario={scenario} suggestedName={who !== null && describe ? `${actor.replace(/^(user|token):/, '')}: ${describe}` : ''} />
      </footer>
    </>
  );
}
