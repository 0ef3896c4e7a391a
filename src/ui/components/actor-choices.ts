// The actors a select offers, each with the one actor label (actor-label.ts), integration
// users first. A prefix tells users from tokens where one select offers both.
import { actorLabel, integrationFirst, tokenLabel } from './actor-label';
import type { ActorFacts, TokenFacts } from './actor-label';

export interface ActorChoice {
  readonly value: string;
  readonly label: string;
  /** Optional group heading (`Users`, `Tokens`). */
  readonly group?: string;
}

export function userChoices(users: readonly ActorFacts[], { prefix = '', group }: { prefix?: string; group?: string } = {}): ActorChoice[] {
  return integrationFirst(users).map((u) => ({ value: `${prefix}${u.id}`, label: actorLabel(u), ...(group ? { group } : {}) }));
}

export function tokenChoices(tokens: readonly TokenFacts[], { prefix = '', group }: { prefix?: string; group?: string } = {}): ActorChoice[] {
  return tokens.map((t) => ({ value: `${prefix}${t.id}`, label: tokenLabel(t), ...(group ? { group } : {}) }));
}
