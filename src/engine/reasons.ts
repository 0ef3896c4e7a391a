// What a decision is rendered into: reasons people read, and fixes that would flip it.
// Both are produced from a structured trace by one renderer per platform.
import type { QRole, TeamLevel } from '../model/vocabulary';

/** Why a decision came out as it did, in words a role designer reads. */
export interface Reason {
  readonly kind:
    | 'grant'
    | 'missing-grant'
    | 'seal-permission'
    | 'no-seal-permission'
    | 'seal'
    | 'clock'
    | 'acl'
    | 'expiry'
    | 'rule'
    | 'role'
    | 'team'
    | 'token'
    | 'request';
  readonly text: string;
}

/**
 * A change that would flip the decision, derived from what the trace lacks. `text` is
 * the rendered sentence; the other keys say exactly what to change (`applyFix`).
 */
export type Fix =
  /** Add `permission` to the actor's customer role `role`, or (role null) give it a new role cloned from its standard role. */
  | { readonly kind: 'grant'; readonly text: string; readonly permission: string; readonly role: string | null }
  /** Subscribe the actor to the fact sheet as RESPONSIBLE. */
  | { readonly kind: 'subscription'; readonly text: string; readonly factSheet: string }
  /** Any one of these access control entities lets the actor through. */
  | { readonly kind: 'ace'; readonly text: string; readonly aces: readonly string[] }
  /** Add the fields and relations to the type's seal exemptions (`ignoreUpdatesForFields`, `ignoreUpdatesForRelations`). */
  | { readonly kind: 'exempt'; readonly text: string; readonly type: string; readonly fields: readonly string[]; readonly relations: readonly string[] }
  /** Extend the technical user's expiry beyond the decision's time. */
  | { readonly kind: 'expiry'; readonly text: string; readonly user: string }
  /** Qualytics: give the user this role. */
  | { readonly kind: 'role'; readonly text: string; readonly role: QRole }
  /** Qualytics: a team with this level on the datastore. */
  | { readonly kind: 'team'; readonly text: string; readonly level: TeamLevel; readonly datastore: string };

export type FixKind = Fix['kind'];

export function list(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
