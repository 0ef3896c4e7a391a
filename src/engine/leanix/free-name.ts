// A name nobody has taken yet: `NAME`, else `NAME_2`, `NAME_3`, ... Shared by the advisor
// (the role and user it advises), `advise --write-scenarios` and the playground's
// "open as draft". No dependencies, so the UI may import it.

/**
 * The first of `base`, `base_2`, `base_3`, ... that `fits` accepts: `'free'` (nobody has
 * it), `'same'` (it is there already and is what we would add: reuse it) or `'taken'`.
 */
export function freeName(base: string, fits: (name: string) => 'free' | 'same' | 'taken'): { name: string; exists: boolean } {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}_${i}`;
    const fit = fits(name);
    if (fit !== 'taken') return { name, exists: fit === 'same' };
  }
}

/** The advised customer role's name: the actor's id in upper case with `_SEALCHECK`. */
export function roleName(actor: string): string {
  return `${actor.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')}_SEALCHECK`;
}
