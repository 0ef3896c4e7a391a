// Workspace settings: readings the platform documentation leaves open, each off by default.
import type { LeanixPolicy, Settings as SettingsValue } from '../../model/schema';
import { BlockErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';

const SETTINGS: { key: keyof Omit<SettingsValue, '$schema' | 'description'>; label: string; note: string }[] = [
  {
    key: 'notifyActor',
    label: 'Notify the actor too',
    note: 'The user who breaks a seal is notified as well when it is the fact sheet’s responsible or accountable subscriber (off: the actor is left out).',
  },
  {
    key: 'lockMandatoryWhenBroken',
    label: 'Lock mandatory values on broken seals too',
    note: 'Emptying a mandatory field, relation or subscription is refused on BROKEN_QUALITY_SEAL fact sheets as well, not only on APPROVED ones.',
  },
];

export function Settings({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  return (
    <section aria-labelledby="me-settings-h">
      <h2 id="me-settings-h">Workspace settings</h2>
      <p class="muted me-note">Readings the platform documentation leaves open. Both are off unless you know your workspace behaves otherwise.</p>
      <div class="me-settings">
        {SETTINGS.map((s) => (
          <label key={s.key} class="me-setting">
            <input
              type="checkbox"
              checked={policy.settings[s.key]}
              data-testid={`setting-${s.key}`}
              aria-describedby={`me-setting-${s.key}-note`}
              onChange={(e) => onChange({ ...policy, settings: { ...policy.settings, [s.key]: e.currentTarget.checked } })}
            />
            <span>
              {s.label} <code class="muted">{s.key}</code>
            </span>
            <span id={`me-setting-${s.key}-note`} class="muted me-note">
              {s.note}
            </span>
          </label>
        ))}
      </div>
      <BlockErrors errors={errors} prefix="settings" />
    </section>
  );
}
