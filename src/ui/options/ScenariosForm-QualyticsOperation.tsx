// The Qualytics part of the scenario form that says what happens: a user or a token,
// then a datastore action or an API request (users and tokens).
import { HTTP_METHODS, Q_ACTION_IDS, Q_ENDPOINTS, Q_ROLE_ONLY_ACTIONS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import type { Outline } from '../../worker/api';
import { tokenChoices, userChoices } from '../components/actor-choices';
import { ActorOptions } from '../components/ActorOptions';
import { OptionList } from '../components/OptionList';
import type { QualyticsDraft } from './ScenariosDraft';

export interface QualyticsOperationProps {
  readonly outline: Extract<Outline, { platform: 'qualytics' }>;
  readonly draft: QualyticsDraft;
  readonly set: (patch: Partial<QualyticsDraft>) => void;
}

export function QualyticsOperation({ outline, draft, set }: QualyticsOperationProps) {
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
            <textarea
              id="sf-body"
              rows={4}
              style={{ width: '100%', fontFamily: 'ui-monospace, monospace' }}
              value={draft.body}
              onInput={(ev) => set({ body: ev.currentTarget.value })}
              placeholder='{"name": "svc-new", "role": "Member"}'
            />
          </>
        )}
      </fieldset>
    </>
  );
}
