// Fact sheet types: attributes, relations, what is mandatory, and the quality seal
// settings with the seal exemptions. Each type is one group of forms.
import type { FactSheetType, LeanixPolicy } from '../../model/schema';
import { ChipsInput } from '../components/ChipsInput';
import { replaceAt, withShape } from './ModelEditor-model';
import { Mandatory } from './ModelEditor-Mandatory';
import { BlockErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';
import { QualitySeal } from './ModelEditor-Seal';

export function Types({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const setType = (i: number, type: FactSheetType) => onChange({ ...policy, factSheetTypes: replaceAt(policy.factSheetTypes, i, type) });

  return (
    <section aria-labelledby="me-types-h">
      <h2 id="me-types-h">Fact sheet types</h2>
      {policy.factSheetTypes.length === 0 ? <p class="muted">The workspace declares no fact sheet types.</p> : null}
      {policy.factSheetTypes.map((t, i) => {
        const base = `me-type-${i}`;
        const set = (type: FactSheetType) => setType(i, type);
        return (
          <fieldset key={t.name} class="me-type" data-testid={`type-${t.name}`}>
            <legend>{t.name}</legend>
            <div class="me-type-grid">
              <div>
                <div class="me-caption" id={`${base}-fields`}>
                  Attributes
                </div>
                <ChipsInput id={`${base}-f`} noun={`attribute of ${t.name}`} values={t.fields} onChange={(fields) => set(withShape(t, { fields }))} />
                <div class="me-caption">Relations</div>
                <ChipsInput id={`${base}-r`} noun={`relation of ${t.name}`} values={t.relations} onChange={(relations) => set(withShape(t, { relations }))} />
              </div>
              <Mandatory type={t} base={base} roles={policy.subscriptionRoles} onChange={set} />
              <QualitySeal type={t} base={base} onChange={set} />
            </div>
            <BlockErrors errors={errors} prefix={`factSheetTypes[${i}]`} />
          </fieldset>
        );
      })}
    </section>
  );
}
