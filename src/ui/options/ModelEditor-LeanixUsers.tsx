// LeanIX users: kind, standard role, customer roles, access control entities, the
// expiry date of technical users, and the email and display name (display only; a
// scenario may name its actor by email).
import { useState } from 'preact/hooks';
import type { LeanixPolicy, LeanixUser } from '../../model/schema';
import { LEANIX_USER_KINDS, STANDARD_ROLES } from '../../model/vocabulary';
import { ChipsInput } from '../components/ChipsInput';
import { dateInputValue, filterRows, isoFromDateInput, knownAces, newIdProblem, removeAt, replaceAt } from './ModelEditor-model';
import { AddForm, Choice, Filter, ItemRow, ItemTable, RowErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';
type Kind = LeanixUser['kind'];
type Role = LeanixUser['role'];

/** The user with an optional text key set, or left out when the box is empty. */
function optional(user: LeanixUser, key: 'email' | 'displayName', text: string): LeanixUser {
  const { [key]: _old, ...rest } = user;
  return text.trim() === '' ? rest : { ...user, [key]: text.trim() };
}

export function LeanixUsers({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [filter, setFilter] = useState('');
  const [newId, setNewId] = useState('');
  const [newKind, setNewKind] = useState<Kind>('technical');
  const [newRole, setNewRole] = useState<Role>('MEMBER');
  const [problem, setProblem] = useState<string | null>(null);
  const roles = policy.roles.map((r) => r.name);
  const aces = knownAces(policy);

  const setUser = (i: number, user: LeanixUser) => onChange({ ...policy, users: replaceAt(policy.users, i, user) });
  const { rows, shown } = filterRows(policy.users, filter, (u) => [u.id, ...u.customerRoles, u.email ?? '', u.displayName ?? '']);

  const add = () => {
    const why = newIdProblem(newId, policy.users.map((u) => u.id), 'user');
    if (why) return setProblem(why);
    setProblem(null);
    onChange({ ...policy, users: [...policy.users, { id: newId, kind: newKind, role: newRole, customerRoles: [], aces: [], expiresAt: null }] });
    setNewId('');
  };

  return (
    <section aria-labelledby="me-lx-users-h">
      <h2 id="me-lx-users-h">Users</h2>
      <p class="muted me-note">
        Customer roles replace the standard role's fact sheet permissions (ADMIN excepted); access control entities open fact sheets whose
        ACLs name them. Only technical users have an expiry date.
      </p>
      <Filter id="me-lx-user-filter" label="Find user" value={filter} onInput={setFilter} shown={shown.length} total={rows.length} />
      <div class="me-table-wrap">
        <ItemTable
          testId="lx-users"
          columns={['User', 'Kind', 'Standard role', 'Customer roles', 'Access control entities', 'Expires', 'Email', 'Display name']}
          empty={rows.length ? null : policy.users.length ? 'No user matches.' : 'No users yet: add the integration’s technical user below.'}
        >
          {shown.map(({ item: u, index: i }) => [
            <ItemRow key={u.id} name={u.id} noun="user" testId={`lx-user-${u.id}`} onRemove={() => onChange({ ...policy, users: removeAt(policy.users, i) })}>
              <td>
                <Choice
                  label={`Kind of ${u.id}`}
                  value={u.kind}
                  options={LEANIX_USER_KINDS}
                  onChange={(kind) => setUser(i, { ...u, kind, expiresAt: kind === 'technical' ? u.expiresAt : null })}
                />
              </td>
              <td>
                <Choice label={`Standard role of ${u.id}`} value={u.role} options={STANDARD_ROLES} onChange={(role) => setUser(i, { ...u, role })} />
              </td>
              <td>
                <ChipsInput
                  id={`me-lx-roles-${i}`}
                  noun={`customer role of ${u.id}`}
                  values={u.customerRoles}
                  suggestions={roles}
                  only
                  placeholder="add role"
                  onChange={(customerRoles) => setUser(i, { ...u, customerRoles })}
                />
              </td>
              <td>
                <ChipsInput
                  id={`me-lx-aces-${i}`}
                  noun={`access control entity of ${u.id}`}
                  values={u.aces}
                  suggestions={aces}
                  transform={(t) => t.toUpperCase()}
                  placeholder="add entity"
                  onChange={(next) => setUser(i, { ...u, aces: next })}
                />
              </td>
              <td>
                {u.kind === 'technical' ? (
                  <span class="row" style={{ flexWrap: 'nowrap' }}>
                    <input
                      type="date"
                      aria-label={`Expiry date of ${u.id} (empty: never)`}
                      value={dateInputValue(u.expiresAt)}
                      onChange={(e) => setUser(i, { ...u, expiresAt: isoFromDateInput(e.currentTarget.value, u.expiresAt) })}
                    />
                    {u.expiresAt ? (
                      <button type="button" aria-label={`${u.id} never expires`} onClick={() => setUser(i, { ...u, expiresAt: null })}>
                        Never
                      </button>
                    ) : (
                      <span class="muted">never</span>
                    )}
                  </span>
                ) : (
                  <span class="muted">n/a</span>
                )}
              </td>
              <td>
                <input
                  type="email"
                  size={18}
                  aria-label={`Email of ${u.id}`}
                  value={u.email ?? ''}
                  autocomplete="off"
                  spellcheck={false}
                  onChange={(e) => setUser(i, optional(u, 'email', e.currentTarget.value))}
                />
              </td>
              <td>
                <input size={14} aria-label={`Display name of ${u.id}`} value={u.displayName ?? ''} autocomplete="off" onChange={(e) => setUser(i, optional(u, 'displayName', e.currentTarget.value))} />
              </td>
            </ItemRow>,
            <RowErrors key={`${u.id}-errors`} errors={errors} prefix={`users[${i}]`} colSpan={9} />,
          ])}
        </ItemTable>
      </div>
      <AddForm label="Add a user" onAdd={add} problem={problem}>
        <label for="me-lx-new-id" style={{ margin: 0 }}>
          New user id
        </label>
        <input id="me-lx-new-id" value={newId} autocomplete="off" spellcheck={false} onInput={(e) => setNewId(e.currentTarget.value)} />
        <Choice label="Kind of the new user" value={newKind} options={LEANIX_USER_KINDS} onChange={setNewKind} />
        <Choice label="Standard role of the new user" value={newRole} options={STANDARD_ROLES} onChange={setNewRole} />
        <button type="submit">Add user</button>
      </AddForm>
    </section>
  );
}
