/** The first segment of a JSON-pointer patch path, unescaped (`/a~1b/c` → `a/b`). */
export function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  const raw = end < 0 ? path.slice(1) : path.slice(1, end);
  return raw.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** True when the path has exactly one segment (`/lifecycle`). */
export function isSingleSegment(path: string): boolean {
  return path.indexOf('/', 1) < 0;
}
