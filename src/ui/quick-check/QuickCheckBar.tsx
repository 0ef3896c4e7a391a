// The quick check's actions: "Open in playground" (in the popup) and "Save as scenario".
import type { EngineClient } from '../engine-client';
import type { QuestionLink } from '../question-link';
import { SaveScenario } from './SaveScenario';
import type { QuickCheckSurface } from './surface';

export interface QuickCheckBarProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  readonly link: QuestionLink;
  /** The scenario for a name, or null while there is no verdict to save. */
  readonly scenario: ((name: string) => unknown) | null;
  readonly suggestedName: string;
  readonly surface: QuickCheckSurface;
  /** Why "Save as scenario" is off, when it is not a missing question. */
  readonly saveUnavailable?: string;
}

export function QuickCheckBar({ client, workspaceId, link, scenario, suggestedName, surface, saveUnavailable }: QuickCheckBarProps) {
  const open = surface.openPlayground;
  return (
    <footer class="qc-bar">
      {open ? (
        <button type="button" onClick={() => open(link)}>
          Open in playground
        </button>
      ) : null}
      <SaveScenario
        client={client}
        workspaceId={workspaceId}
        scenario={scenario}
        suggestedName={suggestedName}
        onSaved={surface.onSaved}
        {...(saveUnavailable ? { unavailable: saveUnavailable } : {})}
      />
    </footer>
  );
}
