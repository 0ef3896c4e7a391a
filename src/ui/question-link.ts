// A quick-check question carried between popup and playground in the URL hash. Writing
// the hash needs no library, so the popup stays light; reading it (the playground, in
// question-link-read.ts) parses with zod.

export interface QuestionLink {
  readonly workspace: string;
  readonly actor?: string;
  readonly factSheet?: string;
  /** Patch paths chosen as chips, e.g. `/securityVulnerabilityCount`. */
  readonly paths?: readonly string[];
  /** For `/lxState`: the state to set. */
  readonly lxState?: string;
}

export function questionToHash(q: QuestionLink): string {
  return `#check=${encodeURIComponent(JSON.stringify(q))}`;
}
