// The playground's worker-side helpers that need no store: checking a file's text with
// its located errors (the raw JSON view, the share-link preview), naming an import apart
// from a workspace of the same name, and reading the sides of a diff.
import { applyEdits, modify } from 'jsonc-parser';
import type { Policy } from '../model/schema';
import type { PolicyError } from '../policy/errors';
import { loadPolicyText } from '../policy/validate';

export interface TextCheck {
  /** Every located error; empty when the text is a valid policy file. */
  readonly errors: readonly PolicyError[];
  /** The validated model (version 1 upgraded), when valid. */
  readonly policy: Policy | null;
  /** What a preview shows of a valid file. */
  readonly summary: { name: string; platform: Policy['platform']; counts: { label: string; n: number }[] } | null;
}

export function checkText(text: string): TextCheck {
  const loaded = loadPolicyText(text);
  if (!loaded.ok) return { errors: loaded.errors, policy: null, summary: null };
  const p = loaded.policy;
  const counts =
    p.platform === 'leanix'
      ? [
          { label: 'fact sheet type', n: p.factSheetTypes.length },
          { label: 'customer role', n: p.roles.length },
          { label: 'user', n: p.users.length },
          { label: 'fact sheet', n: p.factSheets.length },
          { label: 'scenario', n: p.scenarios.length },
        ]
      : [
          { label: 'datastore', n: p.datastores.length },
          { label: 'team', n: p.teams.length },
          { label: 'user', n: p.users.length },
          { label: 'token', n: p.tokens.length },
          { label: 'scenario', n: p.scenarios.length },
        ];
  return { errors: [], policy: p, summary: { name: p.name, platform: p.platform, counts } };
}

export { nameApart } from './name-apart';

/**
 * The file text with its top-level `name` set to `name`, everything else byte for byte
 * (indentation, key order, line ends, a byte order mark).
 */
export function withName(text: string, name: string): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const edits = modify(body, ['name'], name, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
  return bom + applyEdits(body, edits);
}
