// What the page around a quick check offers it: the popup opens the playground, the
// playground keeps the question in its address and hears of saved scenarios.
import type { QuestionLink } from '../question-link';

export interface QuickCheckSurface {
  /** Offers "Open in playground" with the question. */
  readonly openPlayground?: (link: QuestionLink) => void;
  /** Told the question whenever it changes. */
  readonly onLink?: (link: QuestionLink) => void;
  /** Told when the question was saved as a scenario. */
  readonly onSaved?: (name: string) => void;
}
