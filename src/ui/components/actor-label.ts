// One label for an actor wherever the UI names one (the quick check's pickers, the
// scenario form, the advisor, the bulk what-if, the role designer): id, kind, standard
// role and what else grants it rights.
//   LeanIX     `vuln-sync · technical · MEMBER + VULN_SYNC`
//   Qualytics  `svc-sync · service · Member · teams Security, Ops`
//   a token    `t-sync · service token “nightly” of sync · Active`

export interface ActorFacts {
  readonly id: string;
  readonly kind: string;
  readonly role: string;
  /** LeanIX: the customer roles held, joined to the standard role with `+`. */
  readonly customerRoles?: readonly string[];
  /** Qualytics: the teams the user is in. */
  readonly teams?: readonly string[];
}

export interface TokenFacts {
  readonly id: string;
  readonly user: string;
  readonly name: string;
  readonly kind: string;
  readonly state: string;
}

const SEPARATOR = ' · ';

export function actorLabel(actor: ActorFacts): string {
  const role = [actor.role, ...(actor.customerRoles ?? [])].join(' + ');
  const teams = actor.teams?.length ? [`teams ${actor.teams.join(', ')}`] : [];
  return [actor.id, actor.kind, role, ...teams].join(SEPARATOR);
}

export function tokenLabel(token: TokenFacts): string {
  const named = token.name && token.name !== token.id ? ` “${token.name}”` : '';
  return [token.id, `${token.kind} token${named} of ${token.user}`, token.state].join(SEPARATOR);
}

/** Integration users first (technical, service), then people; by id within each. */
export function integrationFirst<T extends { readonly id: string; readonly kind: string }>(users: readonly T[]): T[] {
  return [...users].sort((a, b) => Number(a.kind === 'human') - Number(b.kind === 'human') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
