// What a Qualytics scenario expects: allowed, and the HTTP status.
import { Q_STATUSES } from '../../model/vocabulary';
import { OptionList } from '../components/OptionList';
import type { QualyticsDraft } from './ScenariosDraft';
import { TriSelect } from './ScenariosForm-inputs';

export interface QualyticsExpectProps {
  readonly expect: QualyticsDraft['expect'];
  readonly onChange: (expect: QualyticsDraft['expect']) => void;
}

export function QualyticsExpect({ expect, onChange }: QualyticsExpectProps) {
  return (
    <fieldset>
      <legend>Expectations</legend>
      <div class="row">
        <TriSelect id="sf-e-allowed" label="Allowed" value={expect.allowed} onChange={(v) => onChange({ ...expect, allowed: v })} />
        <div>
          <label for="sf-e-status">Status</label>
          <select id="sf-e-status" value={expect.status} onChange={(ev) => onChange({ ...expect, status: ev.currentTarget.value })}>
            <option value="">not checked</option>
            <OptionList values={Q_STATUSES} />
          </select>
        </div>
      </div>
    </fieldset>
  );
}
