// One fact sheet's subscribers: add or remove them, change their type and the
// subscription roles they carry (those declared for the type and the fact sheet's type).
import { useState } from 'preact/hooks';
import type { FactSheet, LeanixPolicy, Subscription } from '../../model/schema';
import { SUBSCRIPTION_TYPES } from '../../model/vocabulary';
import { ChipsInput } from '../components/ChipsInput';
import { OptionList } from '../components/OptionList';
import { removeAt, replaceAt, rolesFor, withSubscriptionType } from './ModelEditor-model';
import { AddForm, Choice, ItemRow, ItemTable } from './ModelEditor-parts';

type SubType = Subscription['type'];

export function SheetSubscriptions({ policy, sheet, onChange }: { policy: LeanixPolicy; sheet: FactSheet; onChange: (sheet: FactSheet) => void }) {
  const [newUser, setNewUser] = useState('');
  const [newType, setNewType] = useState<SubType>('RESPONSIBLE');
  const [problem, setProblem] = useState<string | null>(null);
  const users = policy.users.map((u) => u.id);
  const free = users.filter((u) => !sheet.subscriptions.some((s) => s.user === u));
  const userOf = new Map(policy.users.map((u) => [u.id, u]));
  const roles = policy.subscriptionRoles;
  const setSubs = (subscriptions: Subscription[]) => onChange({ ...sheet, subscriptions });

  const add = () => {
    const user = newUser || free[0];
    if (!user) return setProblem('every user already subscribes to this fact sheet');
    if (sheet.subscriptions.some((s) => s.user === user)) return setProblem(`${user} already subscribes; change its type instead`);
    if (newType === 'ACCOUNTABLE' && sheet.subscriptions.some((s) => s.type === 'ACCOUNTABLE')) {
      return setProblem('a fact sheet has at most one ACCOUNTABLE subscriber');
    }
    setProblem(null);
    setNewUser('');
    setSubs([...sheet.subscriptions, { user, type: newType, roles: [] }]);
  };

  return (
    <>
      <h4 id={`me-sheet-subs-${sheet.id}`}>Subscriptions</h4>
      <ItemTable
        testId="sheet-subscriptions"
        columns={['Subscriber', 'Type', 'Subscription roles']}
        empty={sheet.subscriptions.length ? null : 'No subscribers: a broken seal here notifies no one. Add a responsible owner below.'}
      >
        {sheet.subscriptions.map((s, j) => {
          const u = userOf.get(s.user);
          const fit = rolesFor(roles, s.type, sheet.type);
          return (
            <ItemRow
              key={s.user}
              name={s.user}
              note={<span class="muted">{u ? ` · ${u.kind} · ${u.role}` : ' · unknown user'}</span>}
              noun="subscriber"
              onRemove={() => setSubs(removeAt(sheet.subscriptions, j))}
            >
              <td>
                <Choice
                  label={`Subscription type of ${s.user}`}
                  value={s.type}
                  options={SUBSCRIPTION_TYPES}
                  onChange={(type) => setSubs(replaceAt(sheet.subscriptions, j, withSubscriptionType(s, type, roles, sheet.type)))}
                />
              </td>
              <td>
                <ChipsInput
                  id={`me-sub-roles-${j}`}
                  noun={`subscription role of ${s.user}`}
                  values={s.roles}
                  suggestions={fit}
                  only
                  placeholder={fit.length ? 'add role' : 'none declared'}
                  onChange={(next) => setSubs(replaceAt(sheet.subscriptions, j, { ...s, roles: next }))}
                />
              </td>
            </ItemRow>
          );
        })}
      </ItemTable>
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
    </>
  );
}
