// Chips and expandable rows keep their choices in a set: a click adds or removes one.

/** A copy of `set` with `item` removed when it was there, added when it was not. */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
