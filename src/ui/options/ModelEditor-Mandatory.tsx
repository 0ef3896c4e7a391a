// What a type makes mandatory: fields and relations that must be filled, and
// subscriptions that must exist, before the seal can be approved; on an approved fact
// sheet nobody may empty them.
import { useState } from 'preact/hooks';
import type { FactSheetType, MandatorySubscription, SubscriptionRole } from '../../model/schema';
import { SUBSCRIPTION_TYPES } from '../../model/vocabulary';
import type { SubscriptionType } from '../../model/vocabulary';
import { fieldChoices, removeAt, replaceAt, rolesFor, withItem } from './ModelEditor-model';
import { AddForm, Checks, Choice } from './ModelEditor-parts';

export interface TypeFormProps {
  readonly type: FactSheetType;
  /** Base for element ids. */
  readonly base: string;
  readonly onChange: (type: FactSheetType) => void;
}

/** A mandatory subscription as it is written: `role` only when given. */
function subscription(type: SubscriptionType, role: string): MandatorySubscription {
  return role ? { type, role } : { type };
}

export function Mandatory({ type: t, base, roles, onChange }: TypeFormProps & { roles: readonly SubscriptionRole[] }) {
  const [newType, setNewType] = useState<SubscriptionType>('RESPONSIBLE');
  const [newRole, setNewRole] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const m = t.mandatory;
  const set = (mandatory: Partial<FactSheetType['mandatory']>) => onChange({ ...t, mandatory: { ...m, ...mandatory } });
  const newChoices = rolesFor(roles, newType, t.name);
  const role = newChoices.includes(newRole) ? newRole : '';

  const add = () => {
    if (m.subscriptions.some((s) => s.type === newType && (s.role ?? '') === role)) {
      return setProblem(`${role ? `${newType} with role ${role}` : newType} is already mandatory`);
    }
    setProblem(null);
    set({ subscriptions: [...m.subscriptions, subscription(newType, role)] });
  };

  return (
    <fieldset class="me-inner">
      <legend>Mandatory</legend>
      <p class="muted me-note">Approval is refused while one is missing; on an approved fact sheet nobody may empty it (set the seal to DRAFT first).</p>
      <Checks
        legend="Fields"
        testId={`${t.name}-mandatory-field`}
        names={fieldChoices(t)}
        checked={m.fields}
        onToggle={(f, on) => set({ fields: withItem(m.fields, f, on) })}
      />
      <Checks
        legend="Relations"
        testId={`${t.name}-mandatory-relation`}
        names={t.relations}
        empty="The type has no relations."
        checked={m.relations}
        onToggle={(r, on) => set({ relations: withItem(m.relations, r, on) })}
      />
      <fieldset class="me-group">
        <legend>Subscriptions</legend>
        {m.subscriptions.length === 0 ? <p class="muted me-note">None: approval needs no subscriber.</p> : null}
        <ul class="me-plain" data-testid={`${t.name}-mandatory-subscriptions`}>
          {m.subscriptions.map((s, j) => {
            const what = `mandatory subscription ${j + 1} of ${t.name}`;
            const choices = rolesFor(roles, s.type, t.name);
            const shown = s.role && !choices.includes(s.role) ? [...choices, s.role] : choices;
            return (
              <li key={j} class="row">
                <Choice
                  label={`Type of ${what}`}
                  value={s.type}
                  options={SUBSCRIPTION_TYPES}
                  onChange={(type) =>
                    set({ subscriptions: replaceAt(m.subscriptions, j, subscription(type, s.role && rolesFor(roles, type, t.name).includes(s.role) ? s.role : '')) })
                  }
                />
                <select aria-label={`Subscription role of ${what}`} value={s.role ?? ''} onChange={(e) => set({ subscriptions: replaceAt(m.subscriptions, j, subscription(s.type, e.currentTarget.value)) })}>
                  <option value="">any role</option>
                  {shown.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <button type="button" class="danger" aria-label={`Remove ${what}`} onClick={() => set({ subscriptions: removeAt(m.subscriptions, j) })}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
        <AddForm label={`Add a mandatory subscription to ${t.name}`} onAdd={add} problem={problem}>
          <Choice
            label={`Type of the new mandatory subscription of ${t.name}`}
            value={newType}
            options={SUBSCRIPTION_TYPES}
            onChange={(v) => {
              setNewType(v);
              setProblem(null);
            }}
          />
          <select aria-label={`Subscription role of the new mandatory subscription of ${t.name}`} id={`${base}-ms-role`} value={role} onChange={(e) => setNewRole(e.currentTarget.value)}>
            <option value="">any role</option>
            {newChoices.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit">Add mandatory subscription</button>
        </AddForm>
      </fieldset>
    </fieldset>
  );
}
