// The LeanIX part of the scenario form that says what happens: the actor, the operation
// (update, create, archive, read), its fact sheet or type, and its changes or values.
import { useState } from 'preact/hooks';
import type { Outline } from '../../worker/api';
import { userChoices } from '../components/actor-choices';
import { ActorOptions } from '../components/ActorOptions';
import { FactSheetPicker } from '../components/FactSheetPicker';
import { OptionList } from '../components/OptionList';
import type { EngineClient } from '../engine-client';
import type { LeanixDraft } from './ScenariosDraft';
import { CreateValues, PatchRows } from './ScenariosForm-changes';

export interface LeanixOperationProps {
  readonly client: EngineClient;
  readonly outline: Extract<Outline, { platform: 'leanix' }>;
  readonly draft: LeanixDraft;
  readonly set: (patch: Partial<LeanixDraft>) => void;
}

export function LeanixOperation({ client, outline, draft, set }: LeanixOperationProps) {
  // The chosen fact sheet's type, for the paths its changes are offered.
  const [sheetType, setSheetType] = useState<string | null>(null);
  const type = outline.types.find((t) => t.name === (draft.kind === 'create' ? draft.type : sheetType));
  return (
    <>
      <fieldset>
        <legend>Who and what</legend>
        <div class="row">
          <div>
            <label for="sf-actor">Actor</label>
            <select id="sf-actor" value={draft.actor} onChange={(ev) => set({ actor: ev.currentTarget.value })} data-testid="sf-actor">
              <option value="">choose…</option>
              <ActorOptions choices={userChoices(outline.users)} />
            </select>
          </div>
          <div>
            <label for="sf-kind">Operation</label>
            <select id="sf-kind" value={draft.kind} onChange={(ev) => set({ kind: ev.currentTarget.value as LeanixDraft['kind'] })} data-testid="sf-kind">
              <option value="update">update (patches)</option>
              <option value="create">create</option>
              <option value="archive">archive</option>
              <option value="read">read</option>
            </select>
          </div>
          {draft.kind === 'create' ? (
            <div>
              <label for="sf-type">Type</label>
              <select id="sf-type" value={draft.type} onChange={(ev) => set({ type: ev.currentTarget.value })}>
                <option value="">choose…</option>
                <OptionList values={outline.types.map((t) => t.name)} />
              </select>
            </div>
          ) : null}
        </div>
        {draft.kind !== 'create' ? (
          <FactSheetPicker
            client={client}
            workspaceId={outline.id}
            types={outline.types.map((t) => t.name)}
            value={draft.factSheet}
            idPrefix="sf-sheet"
            onChange={(id, row) => {
              if (id !== draft.factSheet) set({ factSheet: id });
              setSheetType(row?.type ?? null);
            }}
          />
        ) : null}
      </fieldset>
      {draft.kind === 'update' ? <PatchRows types={type ? [type] : outline.types} patches={draft.patches} onChange={(patches) => set({ patches })} /> : null}
      {draft.kind === 'create' ? <CreateValues type={type} values={draft.values} onChange={(values) => set({ values })} /> : null}
    </>
  );
}
