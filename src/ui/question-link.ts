// A quick-check question carried between popup and playground in the URL hash.
import { z } from 'zod';

export const QuestionLinkSchema = z.object({
  workspace: z.string(),
  actor: z.string().optional(),
  factSheet: z.string().optional(),
  /** Patch paths chosen as chips, e.g. `/securityVulnerabilityCount`. */
  paths: z.array(z.string()).optional(),
  /** For `/lxState`: the state to set. */
  lxState: z.string().optional(),
});
export type QuestionLink = z.infer<typeof QuestionLinkSchema>;

export function questionToHash(q: QuestionLink): string {
  return `#check=${encodeURIComponent(JSON.stringify(q))}`;
}

/** Reads a question from a hash; anything malformed is ignored. */
export function questionFromHash(hash: string): QuestionLink | null {
  const m = /^#check=(.*)$/.exec(hash);
  if (!m) return null;
  try {
    const parsed = QuestionLinkSchema.safeParse(JSON.parse(decodeURIComponent(m[1]!)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
