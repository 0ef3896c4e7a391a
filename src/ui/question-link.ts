// A quick-check question carried between popup and playground in the URL hash. Writing
// the hash needs no library, so the popup stays light; reading it (the playground, in
// question-link-read.ts) parses with zod.

export interface QuestionLink {
  readonly workspace: string;
  /** The user who acts. */
  readonly actor?: string;
  /** Qualytics: the token that acts, instead of a user. */
  readonly token?: string;
  /** LeanIX: the fact sheet that changes. */
  readonly factSheet?: string;
  /** LeanIX: patch paths chosen as chips, escaped, e.g. `/securityVulnerabilityCount`, `/cost~1eur`. */
  readonly paths?: readonly string[];
  /** LeanIX, for `/lxState`: the state to set. */
  readonly lxState?: string;
  /** LeanIX: the new value of the changed fields, as typed. */
  readonly value?: string;
  /** Qualytics: a datastore action, and the datastore when it needs one. */
  readonly action?: string;
  readonly datastore?: string;
  /** Qualytics: an API request instead of an action; the body as typed. */
  readonly request?: { readonly method: string; readonly path: string; readonly body?: string };
}

export function questionToHash(q: QuestionLink): string {
  return `#check=${encodeURIComponent(JSON.stringify(q))}`;
}
