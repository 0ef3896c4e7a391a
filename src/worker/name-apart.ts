// The name a workspace imported beside another of the same name gets. No dependencies, so
// the page may say the name before the worker stores it.

/** `Acme (2)`, else `Acme (3)`, ...: the first that no name in `taken` is. */
export function nameApart(name: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const base = name.replace(/ \(\d+\)$/, '');
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!used.has(candidate)) return candidate;
  }
}
