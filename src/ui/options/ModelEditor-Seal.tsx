// A type's quality seal: its states, the renewal (a value and a unit), and the seal
// exemptions, fields and relations whose edits never break the seal.
import { useState } from 'preact/hooks';
import type { QualitySeal as Seal } from '../../model/schema';
import { RENEWAL_UNITS } from '../../model/vocabulary';
import type { RenewalUnit } from '../../model/vocabulary';
import { fieldChoices, renewalOf, withItem } from './ModelEditor-model';
import type { TypeFormProps } from './ModelEditor-Mandatory';
import { Checks, Choice } from './ModelEditor-parts';

const SEAL_FLAGS: { key: 'enabled' | 'draft' | 'rejected' | 'tagsBreakSeal'; label: string; note: string }[] = [
  { key: 'enabled', label: 'Quality seal enabled', note: 'off: the stored state is kept, no clock, no break' },
  { key: 'draft', label: 'DRAFT state', note: 'new fact sheets start as DRAFT' },
  { key: 'rejected', label: 'REJECTED state', note: '' },
  { key: 'tagsBreakSeal', label: 'Tag edits break the seal', note: 'the documentation does not say; default off' },
];

export function QualitySeal({ type: t, base, onChange }: TypeFormProps) {
  const seal = t.qualitySeal;
  const set = (next: Partial<Seal>) => onChange({ ...t, qualitySeal: { ...seal, ...next } });
  // The unit is kept while the value is empty, so that it can be chosen first.
  const [unit, setUnit] = useState<RenewalUnit>(seal.renewal?.unit ?? 'DAYS');
  const shownUnit = seal.renewal?.unit ?? unit;

  return (
    <fieldset class="me-inner">
      <legend>Quality seal</legend>
      {SEAL_FLAGS.map((flag) => (
        <label key={flag.key} class="me-check">
          <input type="checkbox" checked={seal[flag.key]} data-testid={`${t.name}-${flag.key}`} onChange={(e) => set({ [flag.key]: e.currentTarget.checked })} />
          <span>{flag.label}</span>
          {flag.note ? <span class="muted me-note-inline"> ({flag.note})</span> : null}
        </label>
      ))}
      <label for={`${base}-renewal`}>Renewal interval (empty: never expires)</label>
      <span class="row me-renewal">
        <input
          id={`${base}-renewal`}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={seal.renewal?.value ?? ''}
          onChange={(e) => set({ renewal: renewalOf(e.currentTarget.value, shownUnit, seal.renewal) })}
        />
        <Choice
          label={`Renewal unit of ${t.name}`}
          value={shownUnit}
          options={RENEWAL_UNITS}
          onChange={(u) => {
            setUnit(u);
            if (seal.renewal) set({ renewal: { ...seal.renewal, unit: u } });
          }}
        />
      </span>
      <fieldset class="me-group" data-testid={`${t.name}-exemptions`}>
        <legend>Seal exemptions</legend>
        <p class="muted me-note">Edits of these never break the seal, whoever makes them; the grant they need stays the same.</p>
        <Checks
          legend="Fields"
          testId={`${t.name}-exempt-field`}
          names={fieldChoices(t)}
          checked={seal.ignoreUpdatesForFields}
          onToggle={(f, on) => set({ ignoreUpdatesForFields: withItem(seal.ignoreUpdatesForFields, f, on) })}
        />
        <Checks
          legend="Relations"
          testId={`${t.name}-exempt-relation`}
          names={t.relations}
          empty="The type has no relations."
          checked={seal.ignoreUpdatesForRelations}
          onToggle={(r, on) => set({ ignoreUpdatesForRelations: withItem(seal.ignoreUpdatesForRelations, r, on) })}
        />
      </fieldset>
    </fieldset>
  );
}
