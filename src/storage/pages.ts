// The paged layout of the index rows (schema version 3 of the IndexedDB backend).
//
// Chromium's IndexedDB costs some 55–85 µs per request (one `put` of one small row,
// with its index entries) and about 1.6 µs per row when 1,000 rows go in one record.
// So the fact-sheet and user index rows are stored as pages of up to `PAGE_ROWS`
// entries, in columns (one array per field: cheaper to clone than an object per row).
//
// Fact-sheet pages come in families, each family one sort order of one set of rows:
//
//   type ''  order 'id'    every fact sheet of the workspace, by id
//   type ''  order 'name'  every fact sheet, by (lower-case name, id)
//   type T   order 'id'    the fact sheets of type T, by id
//   type T   order 'name'  the fact sheets of type T, by (lower-case name, id)
//
// A page's key is `[workspaceId, type, order, k1, k2]`, where (k1, k2) is its first entry's
// sort key: (id, '') in an id family, (nameLower, id) in a name family. Pages of one family
// are thus in the family's order, and the page that may hold a sort key K is the last page
// whose key is <= K: every query opens that page (one reverse key-range read) and walks
// forward, so it reads at most (its rows + one page) entries, whatever the workspace size:
//
//   { id }                one page of ('', 'id')        (then the type / prefix filters)
//   {} and { type }       ('' or T, 'id') from its start, until the limit
//   { namePrefix }        ('', 'name') from the prefix, until past the prefix or the limit
//   { type, namePrefix }  (T, 'name') the same
//
// Users (a few dozen to a few thousand per workspace) are pages of `[workspaceId, seq]`
// in id order; `listUsers` reads them all and sorts, as it did the rows.
//
// `nameLower` is not stored: it is `name.toLowerCase()`, taken again as a page is walked.
// Entries are checked by zod as rows (FactSheetRecordSchema, UserRecordSchema) when they
// are answered; a page's envelope is checked by its own schema below.
import { z } from 'zod';
import { compareText } from './records';
import type { FactSheetRecord } from './records';
import type { UserRow } from './store';

/** Entries per page. */
export const PAGE_ROWS = 1_000;

export type PageOrder = 'id' | 'name';

/**
 * Builds the page schemas.
 * Called once, on first use (`pageSchemas()`), not at module load: the engine worker starts without them.
 */
function buildPageSchemas() {
  const key = z.string().min(1);
  const column = z.array(z.unknown());
  /** `factSheetPages`: up to PAGE_ROWS fact sheets of one family, in columns. */
  const FactSheetPageSchema = z
    .object({
      workspaceId: key,
      /** '' for the families of every type. */
      type: z.string(),
      order: z.enum(['id', 'name']),
      k1: z.string(),
      k2: z.string(),
      ids: column,
      names: column,
      states: column,
      /** Only in the families of every type: in a type's family every entry is of `type`. */
      types: column.optional(),
    })
    .refine(
      (p) =>
        p.names.length === p.ids.length &&
        p.states.length === p.ids.length &&
        (p.type === '' ? p.types !== undefined && p.types.length === p.ids.length : p.types === undefined),
      { message: 'the columns of the page do not match' },
    );
  /** `userPages`: up to PAGE_ROWS users of one workspace, in id order, in columns. */
  const UserPageSchema = z
    .object({
      workspaceId: key,
      seq: z.number().int().nonnegative(),
      ids: column,
      kinds: column,
      roles: column,
    })
    .refine((p) => p.kinds.length === p.ids.length && p.roles.length === p.ids.length, { message: 'the columns of the page do not match' });
  /**
   * `sheetPages` (since schema version 5): a LeanIX workspace's fact sheets as the model has
   * them, in id order, SHEET_PAGE_ROWS a page, keyed `[workspaceId, first]` (the page's first id):
   * the page that may hold a fact sheet is the last one whose key is <= `[workspaceId, id]`.
   * `getFactSheet` reads that one page instead of the whole policy and checks the one fact
   * sheet it answers with the model's schema.
   */
  const SheetPageSchema = z
    .object({
      workspaceId: key,
      first: key,
      ids: column,
      sheets: column,
    })
    .refine((p) => p.sheets.length === p.ids.length, { message: 'the columns of the page do not match' });

  return { FactSheetPageSchema, UserPageSchema, SheetPageSchema };
}

export type PageSchemas = ReturnType<typeof buildPageSchemas>;

let built: PageSchemas | undefined;

/** The page schemas, built on the first call and kept. */
export function pageSchemas(): PageSchemas {
  built ??= buildPageSchemas();
  return built;
}

export type FactSheetPage = z.infer<PageSchemas['FactSheetPageSchema']>;
export type FactSheetPageKey = [string, string, PageOrder, string, string];

export type UserPage = z.infer<PageSchemas['UserPageSchema']>;

/** The key of a stored page as IndexedDB holds it (also for a page that fails its schema). */
export function factSheetPageKey(page: { workspaceId: unknown; type: unknown; order: unknown; k1: unknown; k2: unknown }): FactSheetPageKey {
  return [page.workspaceId, page.type, page.order, page.k1, page.k2] as FactSheetPageKey;
}

/** The sort key of the entry where a search starts, as a page key. */
export function factSheetSearchKey(workspaceId: string, type: string, order: PageOrder, at: string): FactSheetPageKey {
  return [workspaceId, type, order, at, ''];
}

/** Fact sheet `i` of a page as a row record (not yet checked: the caller checks it with zod). */
export function pageEntry(page: FactSheetPage, i: number): FactSheetRecord {
  const name = page.names[i];
  return {
    workspaceId: page.workspaceId,
    id: page.ids[i],
    type: page.types ? page.types[i] : page.type,
    name,
    nameLower: typeof name === 'string' ? name.toLowerCase() : name,
    lxState: page.states[i],
  } as FactSheetRecord;
}

export function userEntry(page: UserPage, i: number): UserRow {
  return { workspaceId: page.workspaceId, id: page.ids[i], kind: page.kinds[i], role: page.roles[i] } as UserRow;
}

/** A row as the pages need it; old (version 2) rows may be damaged, so every field but the keys is unknown. */
interface PageableRow {
  readonly id: string;
  readonly type: unknown;
  readonly name: unknown;
  readonly nameLower: string;
  readonly lxState: unknown;
}

function paginate(out: FactSheetPage[], workspaceId: string, type: string, order: PageOrder, rows: readonly PageableRow[]): void {
  for (let at = 0; at < rows.length; at += PAGE_ROWS) {
    const slice = rows.slice(at, at + PAGE_ROWS);
    const first = slice[0]!;
    const page: FactSheetPage = {
      workspaceId,
      type,
      order,
      k1: order === 'id' ? first.id : first.nameLower,
      k2: order === 'id' ? '' : first.id,
      ids: slice.map((r) => r.id),
      names: slice.map((r) => r.name),
      states: slice.map((r) => r.lxState),
    };
    if (type === '') page.types = slice.map((r) => r.type);
    out.push(page);
  }
}

/** Every page of one workspace's fact sheets: the four kinds of family above. */
export function buildFactSheetPages(workspaceId: string, rows: readonly PageableRow[]): FactSheetPage[] {
  const byId = [...rows].sort((a, b) => compareText(a.id, b.id));
  const byName = [...rows].sort((a, b) => compareText(a.nameLower, b.nameLower) || compareText(a.id, b.id));
  const pages: FactSheetPage[] = [];
  paginate(pages, workspaceId, '', 'id', byId);
  paginate(pages, workspaceId, '', 'name', byName);
  const ofType = (sorted: readonly PageableRow[]) => {
    const groups = new Map<string, PageableRow[]>();
    for (const r of sorted) {
      // a damaged old row without a type is found through the families of every type only
      if (typeof r.type !== 'string' || r.type === '') continue;
      let g = groups.get(r.type);
      if (!g) groups.set(r.type, (g = []));
      g.push(r);
    }
    return groups;
  };
  for (const [type, group] of ofType(byId)) paginate(pages, workspaceId, type, 'id', group);
  for (const [type, group] of ofType(byName)) paginate(pages, workspaceId, type, 'name', group);
  return pages;
}

/** A workspace's users as pages, in id order. */
export function buildUserPages(workspaceId: string, users: ReadonlyArray<{ id: string; kind: unknown; role: unknown }>): UserPage[] {
  const sorted = [...users].sort((a, b) => compareText(a.id, b.id));
  const pages: UserPage[] = [];
  for (let at = 0, seq = 0; at < sorted.length; at += PAGE_ROWS, seq++) {
    const slice = sorted.slice(at, at + PAGE_ROWS);
    pages.push({ workspaceId, seq, ids: slice.map((u) => u.id), kinds: slice.map((u) => u.kind), roles: slice.map((u) => u.role) });
  }
  return pages;
}

/**
 * Splits `pages` into `groups` runs of about equal size (the import writes one run per
 * progress report, so that the reports follow the rows written).
 */
export function splitRuns<T>(pages: readonly T[], groups: number): T[][] {
  const out: T[][] = [];
  for (let g = 0; g < groups; g++) out.push(pages.slice(Math.floor((g * pages.length) / groups), Math.floor(((g + 1) * pages.length) / groups)));
  return out;
}

export type SheetPage = z.infer<PageSchemas['SheetPageSchema']>;
export type SheetPageKey = [string, string];

/**
 * Whole fact sheets per `sheetPages` page: a question reads (and clones) one page for one
 * fact sheet, so fewer than the index's 1,000; an import writes n / 100 requests more.
 */
export const SHEET_PAGE_ROWS = 100;

/** A workspace's fact sheets (whole) as pages, in id order. */
export function buildSheetPages(workspaceId: string, sheets: ReadonlyArray<{ readonly id: string }>): SheetPage[] {
  const sorted = [...sheets].sort((a, b) => compareText(a.id, b.id));
  const pages: SheetPage[] = [];
  for (let at = 0; at < sorted.length; at += SHEET_PAGE_ROWS) {
    const slice = sorted.slice(at, at + SHEET_PAGE_ROWS);
    pages.push({ workspaceId, first: slice[0]!.id, ids: slice.map((f) => f.id), sheets: slice });
  }
  return pages;
}
