// The one place the UI builds a patch path: a JSON pointer (RFC 6901) whose segments are
// escaped, `~` as `~0` and `/` as `~1`, so a field named `cost/eur` is `/cost~1eur`
// (one segment), never `/cost/eur` (two). Reading goes the other way, for labels.
import { firstSegment, isSingleSegment } from '../../model/paths';

/** One segment, escaped: `cost/eur` → `cost~1eur`, `a~b` → `a~0b`. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer to `segments`, each escaped: `patchPath('cost/eur')` → `/cost~1eur`. */
export function patchPath(...segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/**
 * A path as typed in a form: text starting with `/` is a pointer and stays as written;
 * anything else is one field name, escaped (`cost/eur` → `/cost~1eur`).
 */
export function typedPath(text: string): string {
  const t = text.trim();
  return t.startsWith('/') ? t : patchPath(t);
}

/** How a one-segment path reads to a person: `/cost~1eur` → `cost/eur`; a longer pointer stays as it is. */
export function pathName(path: string): string {
  return path.startsWith('/') && isSingleSegment(path) ? firstSegment(path) : path;
}
