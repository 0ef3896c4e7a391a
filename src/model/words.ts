// How the product says where and what: JSON paths of errors, found values, lists of
// choices and "did you mean". Pure TypeScript, no runtime library, so the validator,
// the engine and the worker all word their messages alike.

export type PathSegment = string | number;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `factSheets[3].subscriptions[1].user`; `values["my key"]` for keys that are not identifiers. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** How a found value is shown: text in backticks, other kinds named. */
export function describeValue(value: unknown, quoteText = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return Object.keys(value).length ? 'an object' : 'an empty object';
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return quoteText ? `text \`${JSON.stringify(text)}\`` : value === '' ? 'empty text' : `\`${text}\``;
  }
  if (typeof value === 'number') return `number \`${value}\``;
  return `\`${String(value)}\``;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The allowed values, each in backticks: `` `A`, `B` or `C` ``. */
export function literalList(values: readonly unknown[]): string {
  return orList(values.map((v) => `\`${String(v)}\``));
}

/** `; did you mean `x`?` when one of the candidates is close to `name`, else empty text. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(name, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === null ? '' : `; did you mean \`${best}\`?`;
}

/** Edit distance counting a swap of neighbours as one edit; gives up (returning `limit`) beyond `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      smallest = Math.min(smallest, d);
    }
    if (smallest >= limit) return limit;
    before = previous;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}
