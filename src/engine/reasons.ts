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

/** A change that would flip the decision: a grant to add or a subscription to make. */
export interface Fix {
  readonly kind: 'grant' | 'subscription' | 'ace' | 'expiry' | 'role' | 'team';
  readonly text: string;
  /** `grant`: the permission string to add to the actor's first customer role (or a clone of its standard role). */
  readonly permission?: string;
  /** `subscription`: the fact sheet to subscribe the actor to as RESPONSIBLE. */
  readonly factSheet?: string;
  /** `ace`: any one of these access control entities lets the actor through. */
  readonly aces?: readonly string[];
}

export function list(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
