// Qualytics: datastores, teams (permission level and datastores), users including service
// users (role, teams, active), and tokens (kind, state, expiry).
import { useState } from 'preact/hooks';
import type { Datastore, QualyticsPolicy, QualyticsUser, Team, Token } from '../../model/schema';
import { DATASTORE_KINDS, PUBLIC_TEAM, Q_ROLES, Q_USER_KINDS, TEAM_LEVELS, TOKEN_EXPIRY_DAYS, TOKEN_KINDS, TOKEN_STATES } from '../../model/vocabulary';
import { ChipsInput } from '../components/ChipsInput';
import { OptionList } from '../components/OptionList';
import { dateInputValue, daysAfter, filterRows, isoFromDateInput, newIdProblem, removeAt, replaceAt } from './ModelEditor-model';
import { AddForm, Choice, Filter, ItemRow, ItemTable, RowErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';

export function Datastores({ policy, onChange, errors }: SectionProps<QualyticsPolicy>) {
  const [id, setId] = useState('');
  const [kind, setKind] = useState<Datastore['kind']>('source');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const why = newIdProblem(id, policy.datastores.map((d) => d.id), 'datastore');
    if (why) return setProblem(why);
    setProblem(null);
    setId('');
    onChange({ ...policy, datastores: [...policy.datastores, { id, kind }] });
  };
  return (
    <section aria-labelledby="me-ds-h">
      <h2 id="me-ds-h">Datastores</h2>
      <ItemTable testId="q-datastores" columns={['Datastore', 'Kind']} empty={policy.datastores.length ? null : 'No datastores yet: add one below, then give teams access to it.'}>
        {policy.datastores.map((d, i) => [
          <ItemRow key={d.id} name={d.id} noun="datastore" onRemove={() => onChange({ ...policy, datastores: removeAt(policy.datastores, i) })}>
            <td>
              <Choice label={`Kind of ${d.id}`} value={d.kind} options={DATASTORE_KINDS} onChange={(k) => onChange({ ...policy, datastores: replaceAt(policy.datastores, i, { ...d, kind: k }) })} />
            </td>
          </ItemRow>,
          <RowErrors key={`${d.id}-e`} errors={errors} prefix={`datastores[${i}]`} colSpan={3} />,
        ])}
      </ItemTable>
      <AddForm label="Add a datastore" onAdd={add} problem={problem}>
        <label for="me-ds-new" style={{ margin: 0 }}>
          New datastore id
        </label>
        <input id="me-ds-new" value={id} autocomplete="off" spellcheck={false} onInput={(e) => setId(e.currentTarget.value)} />
        <Choice label="Kind of the new datastore" value={kind} options={DATASTORE_KINDS} onChange={setKind} />
        <button type="submit">Add datastore</button>
      </AddForm>
    </section>
  );
}

export function Teams({ policy, onChange, errors }: SectionProps<QualyticsPolicy>) {
  const [name, setName] = useState('');
  const [level, setLevel] = useState<Team['permission']>('Viewer');
  const [problem, setProblem] = useState<string | null>(null);
  const datastores = policy.datastores.map((d) => d.id);
  const setTeam = (i: number, team: Team) => onChange({ ...policy, teams: replaceAt(policy.teams, i, team) });
  const listed = new Set(policy.teams.map((t) => t.name));
  const add = (teamName = name) => {
    const why = newIdProblem(teamName, policy.teams.map((t) => t.name), 'team');
    if (why) return setProblem(why.replace('an id', 'a name'));
    setProblem(null);
    setName('');
    onChange({ ...policy, teams: [...policy.teams, { name: teamName, permission: level, datastores: [] }] });
  };
  return (
    <section aria-labelledby="me-teams-h">
      <h2 id="me-teams-h">Teams</h2>
      <p class="muted me-note">
        Across a user's teams the highest level on a datastore applies; every user is in {PUBLIC_TEAM}, which gives nothing until it is listed here
        with datastores. Admin skips team levels.
      </p>
      <ItemTable testId="q-teams" columns={['Team', 'Permission', 'Datastores']} empty={policy.teams.length ? null : 'No teams yet: add one below.'}>
        {policy.teams.map((t, i) => [
          <ItemRow key={t.name} name={t.name} noun="team" testId={`q-team-${t.name}`} onRemove={() => onChange({ ...policy, teams: removeAt(policy.teams, i) })}>
            <td>
              <Choice label={`Permission of ${t.name}`} value={t.permission} options={TEAM_LEVELS} onChange={(permission) => setTeam(i, { ...t, permission })} />
            </td>
            <td>
              <ChipsInput id={`me-team-ds-${i}`} noun={`datastore of ${t.name}`} values={t.datastores} suggestions={datastores} only onChange={(next) => setTeam(i, { ...t, datastores: next })} />
            </td>
          </ItemRow>,
          <RowErrors key={`${t.name}-e`} errors={errors} prefix={`teams[${i}]`} colSpan={4} />,
        ])}
      </ItemTable>
      <AddForm label="Add a team" onAdd={add} problem={problem}>
        <label for="me-team-new" style={{ margin: 0 }}>
          New team
        </label>
        <input id="me-team-new" value={name} autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
        <Choice label="Permission of the new team" value={level} options={TEAM_LEVELS} onChange={setLevel} />
        <button type="submit">Add team</button>
        {!listed.has(PUBLIC_TEAM) ? (
          <button type="button" onClick={() => add(PUBLIC_TEAM)}>
            List {PUBLIC_TEAM} (to give it datastores)
          </button>
        ) : null}
      </AddForm>
    </section>
  );
}

export function QualyticsUsers({ policy, onChange, errors }: SectionProps<QualyticsPolicy>) {
  const [filter, setFilter] = useState('');
  const [id, setId] = useState('');
  const [kind, setKind] = useState<QualyticsUser['kind']>('service');
  const [role, setRole] = useState<QualyticsUser['role']>('Member');
  const [problem, setProblem] = useState<string | null>(null);
  const teams = policy.teams.map((t) => t.name).filter((t) => t !== PUBLIC_TEAM);
  const setUser = (i: number, user: QualyticsUser) => onChange({ ...policy, users: replaceAt(policy.users, i, user) });
  const { rows, shown } = filterRows(policy.users, filter, (u) => [u.id]);
  const add = () => {
    const why = newIdProblem(id, policy.users.map((u) => u.id), 'user');
    if (why) return setProblem(why);
    setProblem(null);
    setId('');
    onChange({ ...policy, users: [...policy.users, { id, kind, role, teams: [], active: true }] });
  };
  return (
    <section aria-labelledby="me-q-users-h">
      <h2 id="me-q-users-h">Users and service users</h2>
      <p class="muted me-note">One role each (Admin ⊃ Manager ⊃ Member); every user is in {PUBLIC_TEAM} besides the teams listed. An inactive user is refused everything.</p>
      <Filter id="me-q-user-filter" label="Find user" value={filter} onInput={setFilter} shown={shown.length} total={rows.length} />
      <ItemTable
        testId="q-users"
        columns={['User', 'Kind', 'Role', 'Teams', 'Active']}
        empty={rows.length ? null : policy.users.length ? 'No user matches.' : 'No users yet: add the integration’s service user below.'}
      >
        {shown.map(({ item: u, index: i }) => [
          <ItemRow key={u.id} name={u.id} noun="user" testId={`q-user-${u.id}`} onRemove={() => onChange({ ...policy, users: removeAt(policy.users, i) })}>
            <td>
              <Choice label={`Kind of ${u.id}`} value={u.kind} options={Q_USER_KINDS} onChange={(k) => setUser(i, { ...u, kind: k })} />
            </td>
            <td>
              <Choice label={`Role of ${u.id}`} value={u.role} options={Q_ROLES} onChange={(r) => setUser(i, { ...u, role: r })} />
            </td>
            <td>
              <ChipsInput id={`me-q-teams-${i}`} noun={`team of ${u.id}`} values={u.teams} suggestions={teams} only onChange={(next) => setUser(i, { ...u, teams: next })} />
            </td>
            <td>
              <input type="checkbox" aria-label={`${u.id} is active`} checked={u.active} onChange={(e) => setUser(i, { ...u, active: e.currentTarget.checked })} />
            </td>
          </ItemRow>,
          <RowErrors key={`${u.id}-e`} errors={errors} prefix={`users[${i}]`} colSpan={6} />,
        ])}
      </ItemTable>
      <AddForm label="Add a user" onAdd={add} problem={problem}>
        <label for="me-q-new-id" style={{ margin: 0 }}>
          New user id
        </label>
        <input id="me-q-new-id" value={id} autocomplete="off" spellcheck={false} onInput={(e) => setId(e.currentTarget.value)} />
        <Choice label="Kind of the new user" value={kind} options={Q_USER_KINDS} onChange={setKind} />
        <Choice label="Role of the new user" value={role} options={Q_ROLES} onChange={setRole} />
        <button type="submit">Add user</button>
      </AddForm>
    </section>
  );
}

const EXPIRY_CHOICES = [...TOKEN_EXPIRY_DAYS.map((d) => ({ value: String(d), label: d === 365 ? '1 year' : `${d} days` })), { value: 'never', label: 'never' }];

export function Tokens({ policy, onChange, errors }: SectionProps<QualyticsPolicy>) {
  const [filter, setFilter] = useState('');
  const [id, setId] = useState('');
  const [user, setUser] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Token['kind']>('service');
  const [problem, setProblem] = useState<string | null>(null);
  const users = policy.users.map((u) => u.id);
  const setToken = (i: number, token: Token) => onChange({ ...policy, tokens: replaceAt(policy.tokens, i, token) });
  const { rows, shown } = filterRows(policy.tokens, filter, (t) => [t.id, t.user, t.name]);
  const add = () => {
    const why = newIdProblem(id, policy.tokens.map((t) => t.id), 'token');
    if (why) return setProblem(why);
    const owner = user || users[0];
    if (!owner) return setProblem('add a user first: a token acts as its user');
    if (!name.trim()) return setProblem('give the token a name');
    setProblem(null);
    setId('');
    setName('');
    onChange({ ...policy, tokens: [...policy.tokens, { id, user: owner, name: name.trim(), kind, state: 'Active', expiresAt: daysAfter(policy.asOf, 90) }] });
  };
  return (
    <section aria-labelledby="me-tokens-h">
      <h2 id="me-tokens-h">Tokens</h2>
      <p class="muted me-note">
        A token acts with its user's current role and teams. Quick expiry choices count from the workspace's date ({policy.asOf.slice(0, 10)}).
      </p>
      <Filter id="me-token-filter" label="Find token" value={filter} onInput={setFilter} shown={shown.length} total={rows.length} />
      <ItemTable
        testId="q-tokens"
        columns={['Token', 'User', 'Name', 'Kind', 'State', 'Expires']}
        empty={rows.length ? null : policy.tokens.length ? 'No token matches.' : 'No tokens yet: add a service token below.'}
      >
        {shown.map(({ item: t, index: i }) => [
          <ItemRow key={t.id} name={t.id} noun="token" testId={`q-token-${t.id}`} onRemove={() => onChange({ ...policy, tokens: removeAt(policy.tokens, i) })}>
            <td>
              <select aria-label={`User of ${t.id}`} value={t.user} onChange={(e) => setToken(i, { ...t, user: e.currentTarget.value })}>
                {users.includes(t.user) ? null : <option value={t.user}>{t.user} (unknown)</option>}
                <OptionList values={users} />
              </select>
            </td>
            <td>
              <input aria-label={`Name of ${t.id}`} value={t.name} size={12} onChange={(e) => setToken(i, { ...t, name: e.currentTarget.value })} />
            </td>
            <td>
              <Choice label={`Kind of ${t.id}`} value={t.kind} options={TOKEN_KINDS} onChange={(k) => setToken(i, { ...t, kind: k })} />
            </td>
            <td>
              <Choice label={`State of ${t.id}`} value={t.state} options={TOKEN_STATES} onChange={(s) => setToken(i, { ...t, state: s })} />
            </td>
            <td>
              <span class="row" style={{ flexWrap: 'nowrap' }}>
                <input
                  type="date"
                  aria-label={`Expiry date of ${t.id} (empty: never)`}
                  value={dateInputValue(t.expiresAt)}
                  onChange={(e) => setToken(i, { ...t, expiresAt: isoFromDateInput(e.currentTarget.value, t.expiresAt) })}
                />
                <select
                  aria-label={`Set the expiry of ${t.id}`}
                  value=""
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (!v) return;
                    setToken(i, { ...t, expiresAt: v === 'never' ? null : daysAfter(policy.asOf, Number(v)) });
                    e.currentTarget.value = '';
                  }}
                >
                  <option value="">set…</option>
                  {EXPIRY_CHOICES.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
                {t.expiresAt ? null : <span class="muted">never</span>}
              </span>
            </td>
          </ItemRow>,
          <RowErrors key={`${t.id}-e`} errors={errors} prefix={`tokens[${i}]`} colSpan={7} />,
        ])}
      </ItemTable>
      <AddForm label="Add a token" onAdd={add} problem={problem}>
        <label for="me-token-new" style={{ margin: 0 }}>
          New token id
        </label>
        <input id="me-token-new" value={id} size={10} autocomplete="off" spellcheck={false} onInput={(e) => setId(e.currentTarget.value)} />
        <select aria-label="User of the new token" value={user || users[0] || ''} onChange={(e) => setUser(e.currentTarget.value)}>
          <OptionList values={users} />
        </select>
        <input aria-label="Name of the new token" placeholder="name" value={name} size={10} onInput={(e) => setName(e.currentTarget.value)} />
        <Choice label="Kind of the new token" value={kind} options={TOKEN_KINDS} onChange={setKind} />
        <button type="submit">Add token</button>
      </AddForm>
      <p class="muted me-note">New tokens start Active, expiring 90 days after the workspace's date.</p>
    </section>
  );
}
