// Reads the quick-check question of question-link.ts from a URL hash, untrusted: zod at the edge.
import { z } from 'zod';
import type { QuestionLink } from './question-link';

export const QuestionLinkSchema = z.object({
  workspace: z.string(),
  actor: z.string().optional(),
  token: z.string().optional(),
  factSheet: z.string().optional(),
  paths: z.array(z.string()).optional(),
  lxState: z.string().optional(),
  value: z.string().optional(),
  action: z.string().optional(),
  datastore: z.string().optional(),
  request: z.object({ method: z.string(), path: z.string(), body: z.string().optional() }).optional(),
}) satisfies z.ZodType<QuestionLink>;

/** A question from a hash; anything malformed is ignored. */
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
