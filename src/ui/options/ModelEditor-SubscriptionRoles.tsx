// Subscription roles: named qualifications of a subscription type ("Application Owner"
// for RESPONSIBLE), for some fact sheet types or all. Subscriptions carry them, and a type
// can make a subscription with a role mandatory.
import { useState } from 'preact/hooks';
import type { LeanixPolicy, SubscriptionRole } from '../../model/schema';
import { SUBSCRIPTION_TYPES } from '../../model/vocabulary';
import type { SubscriptionType } from '../../model/vocabulary';
import { ChipsInput } from '../components/ChipsInput';
import { newNameProblem, removeAt, replaceAt } from './ModelEditor-model';
import { AddForm, BlockErrors, Choice, ItemRow, ItemTable, RowErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';

export function SubscriptionRoles({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [newName, setNewName] = useState('');
  const [newType, setNewType] = useState<SubscriptionType>('RESPONSIBLE');
  const [problem, setProblem] = useState<string | null>(null);
  const roles = policy.subscriptionRoles;
  const typeNames = policy.factSheetTypes.map((t) => t.name);
  const setRole = (i: number, role: SubscriptionRole) => onChange({ ...policy, subscriptionRoles: replaceAt(roles, i, role) });

  const add = () => {
    const why = newNameProblem(newName, roles.map((r) => r.name), 'subscription role');
    if (why) return setProblem(why);
    setProblem(null);
    onChange({ ...policy, subscriptionRoles: [...roles, { name: newName, type: newType, factSheetTypes: [] }] });
    setNewName('');
  };

  return (
    <section aria-labelledby="me-sroles-h">
      <h2 id="me-sroles-h">Subscription roles</h2>
      <p class="muted me-note">
        A subscription role qualifies subscriptions of one type, like “Application Owner” for RESPONSIBLE. Without fact sheet types it applies to
        every type. Subscriptions carry roles (Fact sheets), and a type can make a subscription with a role mandatory (Fact sheet types).
      </p>
      <div class="me-table-wrap">
        <ItemTable testId="subscription-roles" columns={['Subscription role', 'Subscription type', 'Fact sheet types']} empty={roles.length ? null : 'No subscription roles yet: add one below.'}>
          {roles.map((r, i) => [
            <ItemRow key={r.name} name={r.name} noun="subscription role" testId={`srole-${r.name}`} onRemove={() => onChange({ ...policy, subscriptionRoles: removeAt(roles, i) })}>
              <td>
                <Choice label={`Subscription type of ${r.name}`} value={r.type} options={SUBSCRIPTION_TYPES} onChange={(type) => setRole(i, { ...r, type })} />
              </td>
              <td>
                <ChipsInput
                  id={`me-srole-types-${i}`}
                  noun={`fact sheet type of ${r.name}`}
                  values={r.factSheetTypes}
                  suggestions={typeNames}
                  only
                  placeholder="every type"
                  onChange={(factSheetTypes) => setRole(i, { ...r, factSheetTypes })}
                />
              </td>
            </ItemRow>,
            <RowErrors key={`${r.name}-errors`} errors={errors} prefix={`subscriptionRoles[${i}]`} colSpan={4} />,
          ])}
        </ItemTable>
      </div>
      <BlockErrors errors={errors.filter((e) => e.path === 'subscriptionRoles')} prefix="subscriptionRoles" />
      <AddForm label="Add a subscription role" onAdd={add} problem={problem}>
        <label for="me-srole-new" style={{ margin: 0 }}>
          New subscription role
        </label>
        <input id="me-srole-new" value={newName} autocomplete="off" placeholder="e.g. Application Owner" onInput={(e) => setNewName(e.currentTarget.value)} />
        <Choice label="Subscription type of the new role" value={newType} options={SUBSCRIPTION_TYPES} onChange={setNewType} />
        <button type="submit">Add subscription role</button>
      </AddForm>
    </section>
  );
}
