// The line that states a role's impact on the workspace: "… would break 212 seals, notify 37 owners".
import type { RoleImpact } from '../../engine/leanix/matrix';
import { impactSentence } from './RoleDesigner-model';

export function ImpactLine({ impact }: { readonly impact: RoleImpact }) {
  return (
    <p class="rd-impact" data-testid="impact">
      {impactSentence(impact)}
    </p>
  );
}
