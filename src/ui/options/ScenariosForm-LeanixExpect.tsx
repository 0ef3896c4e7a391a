// What a LeanIX scenario expects: allowed, seal broken, the states before and after, and
// the denied paths, notified users and events; each one given is checked.
import { LEANIX_EVENTS } from '../../model/vocabulary';
import type { Outline } from '../../worker/api';
import { OptionList } from '../components/OptionList';
import { LX_STATE_OPTIONS } from './ScenariosDraft';
import type { LeanixDraft } from './ScenariosDraft';
import { ListInput, TriSelect } from './ScenariosForm-inputs';

export interface LeanixExpectProps {
  readonly outline: Extract<Outline, { platform: 'leanix' }>;
  readonly expect: LeanixDraft['expect'];
  readonly onChange: (expect: LeanixDraft['expect']) => void;
}

export function LeanixExpect({ outline, expect: e, onChange }: LeanixExpectProps) {
  const setExpect = (patch: Partial<LeanixDraft['expect']>) => onChange({ ...e, ...patch });
  return (
    <fieldset>
      <legend>Expectations (each one given is checked)</legend>
      <div class="row" style={{ alignItems: 'flex-start' }}>
        <TriSelect id="sf-e-allowed" label="Allowed" value={e.allowed} onChange={(v) => setExpect({ allowed: v })} />
        <TriSelect id="sf-e-seal" label="Seal broken" value={e.sealBroken} onChange={(v) => setExpect({ sealBroken: v })} />
        {(['lxStateBefore', 'lxStateAfter'] as const).map((k) => (
          <div key={k}>
            <label for={`sf-e-${k}`}>{k === 'lxStateBefore' ? 'State before' : 'State after'}</label>
            <select id={`sf-e-${k}`} value={e[k]} onChange={(ev) => setExpect({ [k]: ev.currentTarget.value })}>
              <option value="">not checked</option>
              <option value="null">none (null)</option>
              <OptionList values={LX_STATE_OPTIONS} />
            </select>
          </div>
        ))}
      </div>
      <datalist id="sf-users">
        {outline.users.map((u) => (
          <option key={u.id} value={u.id} />
        ))}
      </datalist>
      <div class="row" style={{ alignItems: 'flex-start' }}>
        <ListInput id="sf-e-denied" label="denied paths" value={e.deniedPaths} onChange={(v) => setExpect({ deniedPaths: v })} hint="In patch order, e.g. /lifecycle" />
        <ListInput id="sf-e-notified" label="notified users" listId="sf-users" value={e.notified} onChange={(v) => setExpect({ notified: v })} hint="User ids, any order" />
        <ListInput id="sf-e-events" label="events" value={e.events} onChange={(v) => setExpect({ events: v })} hint={`In order: ${LEANIX_EVENTS.join(', ')}`} />
      </div>
    </fieldset>
  );
}
