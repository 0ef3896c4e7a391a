// What a quick check starts from: nothing, the fact sheet of the LeanIX page the popup
// was opened over, or a question carried in a link (question-link.ts).
import type { FactSheetRow } from '../../storage/store';
import type { QuestionLink } from '../question-link';

export interface QuickCheckStart {
  /** A picker value, or a bare user id. */
  readonly actor?: string;
  /** The fact sheet as read already, or its id to look up. */
  readonly factSheet?: FactSheetRow | string;
  readonly paths?: readonly string[];
  readonly lxState?: string;
  readonly value?: string;
  readonly action?: string;
  readonly datastore?: string;
  readonly request?: QuestionLink['request'];
}

/** The start a link's question gives, for its workspace. */
export function startOfLink(link: QuestionLink): QuickCheckStart {
  const { workspace: _workspace, token, actor, ...rest } = link;
  return { ...rest, ...(token ? { actor: `token:${token}` } : actor ? { actor } : {}) };
}
