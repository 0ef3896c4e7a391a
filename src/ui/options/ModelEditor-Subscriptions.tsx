// Subscriptions of one fact sheet: find it by name, then add or remove subscribers and
// change their type. Responsible and accountable subscribers are the ones notified when a
// seal breaks, and (unless VIEWER) hold the seal permission on that fact sheet.
import { useState } from 'preact/hooks';
import type { FactSheet, LeanixPolicy, Subscription } from '../../model/schema';
import { SUBSCRIPTION_TYPES } from '../../model/vocabulary';
import { OptionList } from '../components/OptionList';
import { removeAt, replaceAt, searchFactSheets } from './ModelEditor-model';
import { AddForm, BlockErrors, Choice, ItemRow, ItemTable } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';

type SubType = Subscription['type'];

export function Subscriptions({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [newUser, setNewUser] = useState('');
  const [newType, setNewType] = useState<SubType>('RESPONSIBLE');
  const [problem, setProblem] = useState<string | null>(null);
  const found = searchFactSheets(policy.factSheets, query);
  const index = chosen === null ? -1 : policy.factSheets.findIndex((f) => f.id === chosen);
  const sheet = index >= 0 ? policy.factSheets[index]! : null;

  const setSheet = (next: FactSheet) => onChange({ ...policy, factSheets: replaceAt(policy.factSheets, index, next) });
  const users = policy.users.map((u) => u.id);
  const free = sheet ? users.filter((u) => !sheet.subscriptions.some((s) => s.user === u)) : [];
  const userOf = new Map(policy.users.map((u) => [u.id, u]));

  const add = () => {
    if (!sheet) return;
    const user = newUser || free[0];
    if (!user) return setProblem('every user already subscribes to this fact sheet');
    if (sheet.subscriptions.some((s) => s.user === user)) return setProblem(`${user} already subscribes; change its type instead`);
    if (newType === 'ACCOUNTABLE' && sheet.subscriptions.some((s) => s.type === 'ACCOUNTABLE')) {
      return setProblem('a fact sheet has at most one ACCOUNTABLE subscriber');
    }
    setProblem(null);
    setNewUser('');
    setSheet({ ...sheet, subscriptions: [...sheet.subscriptions, { user, type: newType, roles: [] }] });
  };

  return (
    <section aria-labelledby="me-subs-h">
      <h2 id="me-subs-h">Subscriptions</h2>
      <p class="muted me-note">
        When a seal breaks, the fact sheet's responsible and accountable subscribers are notified; those of them whose standard role is not
        VIEWER hold the seal permission on it.
      </p>
      <label for="me-subs-find">Find a fact sheet by name</label>
      <input
        id="me-subs-find"
        type="search"
        value={query}
        placeholder="e.g. Web shop"
        autocomplete="off"
        aria-controls="me-subs-results"
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <ul id="me-subs-results" class="me-results" aria-label="Matching fact sheets" data-testid="fact-sheet-results">
        {query.trim() && found.length === 0 ? <li class="muted">No fact sheet matches “{query}”.</li> : null}
        {found.map((f) => (
          <li key={f.id}>
            <button type="button" aria-pressed={f.id === chosen} onClick={() => setChosen(f.id)}>
              {f.name || f.id} <span class="muted">· {f.type} · {f.lxState}</span>
            </button>
          </li>
        ))}
      </ul>
      {sheet === null ? (
        <p class="muted">{policy.factSheets.length ? 'Type part of a name, then pick the fact sheet.' : 'The workspace has no fact sheets.'}</p>
      ) : (
        <div class="panel me-sheet" data-testid="chosen-fact-sheet">
          <h3>
            {sheet.name || sheet.id} <span class="muted">({sheet.type}, {sheet.lxState}, id {sheet.id})</span>
          </h3>
          <ItemTable columns={['Subscriber', 'Type']} empty={sheet.subscriptions.length ? null : 'No subscribers: a broken seal here notifies no one. Add a responsible owner below.'}>
            {sheet.subscriptions.map((s, j) => (
              <ItemRow
                key={s.user}
                name={s.user}
                note={<span class="muted">{userOf.get(s.user) ? ` · ${userOf.get(s.user)!.kind} · ${userOf.get(s.user)!.role}` : ' · unknown user'}</span>}
                noun="subscriber"
                onRemove={() => setSheet({ ...sheet, subscriptions: removeAt(sheet.subscriptions, j) })}
              >
                <td>
                  <Choice
                    label={`Subscription type of ${s.user}`}
                    value={s.type}
                    options={SUBSCRIPTION_TYPES}
                    onChange={(type) => setSheet({ ...sheet, subscriptions: replaceAt(sheet.subscriptions, j, { ...s, type }) })}
                  />
                </td>
              </ItemRow>
            ))}
          </ItemTable>
          <BlockErrors errors={errors} prefix={`factSheets[${index}]`} />
          <AddForm label="Add a subscriber" onAdd={add} problem={problem}>
            <label for="me-subs-user" style={{ margin: 0 }}>
              Subscriber
            </label>
            <select id="me-subs-user" value={newUser || free[0] || ''} onChange={(e) => setNewUser(e.currentTarget.value)} disabled={!free.length}>
              {free.length === 0 ? <option value="">every user subscribes</option> : null}
              <OptionList values={free} />
            </select>
            <Choice label="Subscription type" value={newType} options={SUBSCRIPTION_TYPES} onChange={setNewType} />
            <button type="submit" disabled={!free.length}>
              Add subscriber
            </button>
          </AddForm>
        </div>
      )}
    </section>
  );
}
