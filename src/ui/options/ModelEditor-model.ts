// The model editor's pure helpers: dates for date inputs, immutable list edits, filters
// for long lists, fact sheet search, and the names forms offer. No DOM; unit-tested in
// test/ui/model-editor.test.ts.
import type { FactSheet, LeanixPolicy } from '../../model/schema';
import { DAY_MS } from '../../model/vocabulary';

/** `2027-06-30T00:00:00Z` → `2027-06-30` for an `<input type=date>`; null → ''. */
export function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/**
 * The timestamp a date input stands for (midnight UTC), or null when it is empty. When
 * the day is the one `previous` already falls on, `previous` is kept as it is.
 */
export function isoFromDateInput(value: string, previous: string | null | undefined): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  if (previous && dateInputValue(previous) === value) return previous;
  return `${value}T00:00:00Z`;
}

/** `days` after `from`, as a policy file writes a timestamp. */
export function daysAfter(from: string, days: number): string {
  return new Date(Date.parse(from) + days * DAY_MS).toISOString().replace(/\.000Z$/, 'Z');
}

// The list edits are shared with the scenario form; the sections take them from here.
export { removeAt, replaceAt } from '../components/list-edit';

/** How many rows a long list renders; the filter narrows the rest. */
const SHOW = 100;

/**
 * The items (with their index in `list`) one of whose `texts` contains the filter, ignoring
 * case, and the first `SHOW` of them, to render.
 */
export function filterRows<T>(list: readonly T[], filter: string, texts: (item: T) => readonly string[]): { rows: { item: T; index: number }[]; shown: { item: T; index: number }[] } {
  const q = filter.trim().toLowerCase();
  const rows = list.map((item, index) => ({ item, index })).filter(({ item }) => !q || texts(item).some((t) => t.toLowerCase().includes(q)));
  return { rows, shown: rows.slice(0, SHOW) };
}

/** Fact sheets whose name (or id) matches the query: name prefix first, then anywhere. */
export function searchFactSheets(sheets: readonly FactSheet[], query: string, limit = 20): FactSheet[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const prefix: FactSheet[] = [];
  const inner: FactSheet[] = [];
  for (const f of sheets) {
    const name = f.name.toLowerCase();
    if (name.startsWith(q)) prefix.push(f);
    else if (inner.length < limit && (name.includes(q) || f.id.toLowerCase().includes(q))) inner.push(f);
    if (prefix.length >= limit) break;
  }
  return [...prefix, ...inner].slice(0, limit);
}

/** Every access control entity the workspace names, for suggestions. */
export function knownAces(policy: LeanixPolicy): string[] {
  const all = new Set<string>();
  for (const u of policy.users) for (const a of u.aces) all.add(a);
  for (const f of policy.factSheets) {
    for (const a of f.permittedReadACL) all.add(a);
    for (const a of f.permittedWriteACL) all.add(a);
  }
  return [...all].sort();
}

/** Why a new id cannot be used, or null. */
export function newIdProblem(id: string, taken: readonly string[], word: string): string | null {
  if (id.trim() === '') return `give the ${word} an id`;
  if (id !== id.trim()) return `an id has no leading or trailing spaces`;
  if (taken.includes(id)) return `there is already a ${word} \`${id}\``;
  return null;
}

/** Keeps the errors under a path prefix, e.g. `users[2]`, for showing next to a row. */
export function errorsAt<E extends { path: string }>(errors: readonly E[], prefix: string): E[] {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`));
}
