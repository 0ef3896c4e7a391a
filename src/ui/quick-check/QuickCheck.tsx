// The quick check of journey 1, one for the popup and the playground: who acts, what
// changes, and the verdict, asked again on every change. The page around it decides
// what it starts from and what it offers beside (surface.ts).
import type { FactSheet } from '../../model/schema';
import type { Outline } from '../../worker/api';
import type { EngineClient } from '../engine-client';
import { LeanixQuickCheck } from './LeanixQuickCheck';
import { QualyticsQuickCheck } from './QualyticsQuickCheck';
import type { QuickCheckStart } from './start';
import type { QuickCheckSurface } from './surface';
import './quick-check.css';

export interface QuickCheckProps {
  readonly client: EngineClient;
  readonly outline: Outline;
  readonly start?: QuickCheckStart;
  readonly surface: QuickCheckSurface;
  /** `narrow`: one column (the popup); `wide`: the question beside the answer. */
  readonly layout: 'narrow' | 'wide';
  /** LeanIX: a fact sheet read live, answering in place of the stored one of its id (the popup's re-read). */
  readonly override?: FactSheet | null;
}

const NOTHING: QuickCheckStart = {};

export function QuickCheck({ client, outline, start = NOTHING, surface, layout, override = null }: QuickCheckProps) {
  return (
    <div class={`qc qc-${layout}`} data-testid="quick-check">
      {outline.platform === 'leanix' ? (
        <LeanixQuickCheck client={client} outline={outline} start={start} surface={surface} override={override} />
      ) : (
        <QualyticsQuickCheck client={client} outline={outline} start={start} surface={surface} />
      )}
    </div>
  );
}
