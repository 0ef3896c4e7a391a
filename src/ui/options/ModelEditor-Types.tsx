// Fact sheet types: attributes, relations, mandatory fields and the quality seal settings.
import type { FactSheetType, LeanixPolicy, QualitySeal } from '../../model/schema';
import { BASE_FIELDS } from '../../model/vocabulary';
import { ChipsInput } from '../components/ChipsInput';
import { replaceAt } from './ModelEditor-model';
import { BlockErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';

const SEAL_FLAGS: { key: 'enabled' | 'draft' | 'rejected' | 'tagsBreakSeal'; label: string; note: string }[] = [
  { key: 'enabled', label: 'Quality seal enabled', note: 'off: the stored state is kept, no clock, no break' },
  { key: 'draft', label: 'DRAFT state', note: 'new fact sheets start as DRAFT' },
  { key: 'rejected', label: 'REJECTED state', note: '' },
  { key: 'tagsBreakSeal', label: 'Tag edits break the seal', note: 'the documentation does not say; default off' },
];

export function Types({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const setType = (i: number, type: FactSheetType) => onChange({ ...policy, factSheetTypes: replaceAt(policy.factSheetTypes, i, type) });
  const setSeal = (i: number, type: FactSheetType, seal: Partial<QualitySeal>) => setType(i, { ...type, qualitySeal: { ...type.qualitySeal, ...seal } });

  return (
    <section aria-labelledby="me-types-h">
      <h2 id="me-types-h">Fact sheet types</h2>
      {policy.factSheetTypes.length === 0 ? <p class="muted">The workspace declares no fact sheet types.</p> : null}
      {policy.factSheetTypes.map((t, i) => {
        const base = `me-type-${i}`;
        const candidates = [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...t.fields];
        return (
          <fieldset key={t.name} class="me-type" data-testid={`type-${t.name}`}>
            <legend>{t.name}</legend>
            <div class="me-type-grid">
              <div>
                <div class="me-caption" id={`${base}-fields`}>
                  Attributes
                </div>
                <ChipsInput
                  id={`${base}-f`}
                  noun={`attribute of ${t.name}`}
                  values={t.fields}
                  onChange={(fields) => setType(i, { ...t, fields, mandatory: { ...t.mandatory, fields: t.mandatory.fields.filter((m) => fields.includes(m) || (BASE_FIELDS as readonly string[]).includes(m)) } })}
                />
                <div class="me-caption">Relations</div>
                <ChipsInput id={`${base}-r`} noun={`relation of ${t.name}`} values={t.relations} onChange={(relations) => setType(i, { ...t, relations })} />
              </div>
              <fieldset class="me-inner">
                <legend>Mandatory fields</legend>
                <p class="muted me-note">Approval is refused while one is empty; on an approved fact sheet it cannot be emptied.</p>
                <div class="me-checks">
                  {candidates.map((f) => (
                    <label key={f} class="me-check">
                      <input
                        type="checkbox"
                        checked={t.mandatory.fields.includes(f)}
                        onChange={(e) =>
                          setType(i, { ...t, mandatory: { ...t.mandatory, fields: e.currentTarget.checked ? [...t.mandatory.fields, f] : t.mandatory.fields.filter((m) => m !== f) } })
                        }
                      />
                      <code>{f}</code>
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset class="me-inner">
                <legend>Quality seal</legend>
                {SEAL_FLAGS.map((flag) => (
                  <label key={flag.key} class="me-check">
                    <input
                      type="checkbox"
                      checked={t.qualitySeal[flag.key]}
                      data-testid={`${t.name}-${flag.key}`}
                      onChange={(e) => setSeal(i, t, { [flag.key]: e.currentTarget.checked })}
                    />
                    <span>{flag.label}</span>
                    {flag.note ? <span class="muted me-note-inline"> ({flag.note})</span> : null}
                  </label>
                ))}
                <label for={`${base}-renewal`}>Renewal interval in days (empty: never expires)</label>
                <input
                  id={`${base}-renewal`}
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  value={t.qualitySeal.renewal?.unit === 'DAYS' ? t.qualitySeal.renewal.value : (t.qualitySeal.renewal?.value ?? '')}
                  onChange={(e) => {
                    const v = e.currentTarget.value.trim();
                    const n = Number(v);
                    setSeal(i, t, { renewal: v === '' ? null : Number.isFinite(n) ? { value: n, unit: 'DAYS' } : t.qualitySeal.renewal });
                  }}
                />
              </fieldset>
            </div>
            <BlockErrors errors={errors} prefix={`factSheetTypes[${i}]`} />
          </fieldset>
        );
      })}
    </section>
  );
}
