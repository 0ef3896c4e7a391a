// Completion for the permission-string editor: given the editor's text (one permission a
// line), the caret and what the workspace declares, the suggestions for the comma item
// under the caret. The line is read with the model's own grammar (tokenizePermission in
// src/model/permission.ts), Apache Shiro wildcard permissions:
//   RESOURCE[:ACTIONS[:TYPE[:QUALIFIER]]]   every part a comma list, `*` anywhere
// Matching ignores letter case; resources and actions are inserted in their canonical
// upper case, types and qualifiers as declared. Pure: no DOM, so it is unit-tested
// (test/ui/permission-complete.test.ts).
import { PART_NAMES, tokenizePermission } from '../../model/permission';
import type { PermissionItem } from '../../model/permission';
import { BASE_FIELDS, QUALIFIED_RESOURCES, RESOURCES, SHIRO_ACTIONS } from '../../model/vocabulary';
import type { Resource, ShiroAction } from '../../model/vocabulary';

/** What the workspace declares, as the outline sends it. */
export interface CompletionTypes {
  readonly types: readonly { readonly name: string; readonly fields: readonly string[]; readonly relations: readonly string[] }[];
}

export type Segment = (typeof PART_NAMES)[number];

export interface Suggestion {
  /** What the list shows. */
  readonly label: string;
  /** What replaces the token under the caret. */
  readonly insert: string;
  /** A short word on what it is ("attribute of Application"). */
  readonly detail: string;
}

export interface Completion {
  /** The part under the caret, or null past the fourth one. */
  readonly segment: Segment | null;
  /** Text offsets (0-based, in the whole text) of the comma item the suggestion replaces. */
  readonly from: number;
  readonly to: number;
  /** The item as typed up to the caret. */
  readonly typed: string;
  readonly suggestions: readonly Suggestion[];
}

const RESOURCE_DETAIL: Record<Resource, string> = {
  FACT_SHEET: 'create, archive, read the fact sheet',
  FACT_SHEET_BASE_FIELDS: 'base fields: name, description, …, lxState',
  FACT_SHEET_FIELDS: 'attributes',
  FACT_SHEET_RELATIONS: 'relations',
  FACT_SHEET_TAGS: 'tags',
  FACT_SHEET_SUBSCRIPTIONS: 'subscriptions',
  FACT_SHEET_DOCUMENTS: 'documents',
  FACT_SHEET_COMMENTS: 'comments',
  FACT_SHEET_METRICS: 'metrics',
  FACT_SHEET_SURVEYS: 'surveys',
  IMPORT: 'import',
  EXPORT: 'export',
  TECHNICAL_USERS: 'technical users',
};

const ACTION_DETAIL: Record<ShiroAction, string> = {
  READ: 'read',
  CREATE: 'create; add to a relation or section',
  UPDATE: 'update; replace',
  DELETE: 'delete; remove; archive on FACT_SHEET',
  ARCHIVE: 'archive on FACT_SHEET',
  INLINE_EDIT: 'accepted; grants nothing a scenario does',
  IMPORT: 'accepted; grants nothing a scenario does',
  EXPORT: 'accepted; grants nothing a scenario does',
};

const EVERY = '*';

/** The line around `caret`: its text and where it starts. */
export function lineAt(text: string, caret: number): { start: number; end: number; text: string; index: number } {
  const at = Math.max(0, Math.min(caret, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const end = nl < 0 ? text.length : nl;
  let index = 0;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10) index++;
  return { start, end, text: text.slice(start, end), index };
}

/** Case-insensitive prefix matches first, in the candidates' order, then matches inside the word. */
function filter(candidates: readonly Suggestion[], typed: string): Suggestion[] {
  if (typed === '') return [...candidates];
  const key = typed.toLowerCase();
  const prefix = candidates.filter((c) => c.insert.toLowerCase().startsWith(key));
  const inner = candidates.filter((c) => !prefix.includes(c) && c.insert.toLowerCase().includes(key));
  return [...prefix, ...inner];
}

/** The item of `items` under the 0-based column `col` (an item's end counts as inside it). */
function itemAt<T extends PermissionItem>(items: readonly T[], col: number): number {
  const i = items.findIndex((it) => col >= it.at - 1 && col <= it.at - 1 + it.text.length);
  return i < 0 ? items.length - 1 : i;
}

const resourceOf = (text: string): Resource | undefined => RESOURCES.find((r) => r === text.toUpperCase());

/** Suggestions for the comma item under the caret. */
export function completePermission(text: string, caret: number, declared: CompletionTypes): Completion {
  const line = lineAt(text, caret);
  const col = Math.max(0, Math.min(caret, text.length)) - line.start; // caret inside the line
  const parts = tokenizePermission(line.text);
  const partIndex = itemAt(parts, col);
  const segment = PART_NAMES[partIndex] ?? null;
  if (segment === null) return { segment, from: caret, to: caret, typed: '', suggestions: [] };

  const part = parts[partIndex]!;
  const itemIndex = itemAt(part.items, col);
  const item = part.items[itemIndex]!;
  const tokStart = item.at - 1;
  const typed = line.text.slice(tokStart, col);
  const from = line.start + tokStart;
  const to = from + item.text.length;
  // What the rest of the part lists already is not offered again.
  const others = part.items.filter((_, i) => i !== itemIndex).map((it) => it.text.toLowerCase());
  const fresh = (s: Suggestion) => !others.includes(s.insert.toLowerCase());

  let candidates: Suggestion[];
  switch (segment) {
    case 'resource':
      candidates = [...RESOURCES.map((r) => ({ label: r, insert: r, detail: RESOURCE_DETAIL[r] })), { label: EVERY, insert: EVERY, detail: 'every resource' }];
      break;
    case 'actions':
      candidates = [...SHIRO_ACTIONS.map((a) => ({ label: a, insert: a, detail: ACTION_DETAIL[a] })), { label: EVERY, insert: EVERY, detail: 'every action' }];
      break;
    case 'type':
      candidates = [...declared.types.map((t) => ({ label: t.name, insert: t.name, detail: 'fact sheet type' })), { label: EVERY, insert: EVERY, detail: 'every type' }];
      break;
    case 'qualifier': {
      const resources = parts[0]!.items.map((it) => it.text);
      const types = parts[2]?.items.map((it) => it.text) ?? [EVERY];
      candidates = [...qualifiers(resources, types, declared), { label: EVERY, insert: EVERY, detail: qualifierAllDetail(resources) }];
      break;
    }
  }
  return { segment, from, to, typed, suggestions: filter(candidates.filter(fresh), typed) };
}

/** The qualified resources a string lists, or why a named qualifier is not possible there. */
function qualifiedOf(resources: readonly string[]): { ok: Resource[] } | { no: string } {
  const ok: Resource[] = [];
  for (const text of resources) {
    if (text === EVERY) return { no: '`*` as resource takes no named qualifier' };
    const r = resourceOf(text);
    if (!r) continue; // unknown or unfinished: the grammar's error says so
    if (!QUALIFIED_RESOURCES.includes(r)) return { no: `${r} takes no qualifier` };
    if (!ok.includes(r)) ok.push(r);
  }
  return { ok };
}

function qualifierAllDetail(resources: readonly string[]): string {
  const q = qualifiedOf(resources);
  if ('no' in q) return q.no.startsWith('`*`') ? 'everything' : q.no;
  const words = q.ok.map((r) => (r === 'FACT_SHEET_BASE_FIELDS' ? 'base field' : r === 'FACT_SHEET_FIELDS' ? 'attribute' : 'relation'));
  return words.length ? `every ${words.join(', ')}` : 'everything';
}

/**
 * The named qualifiers for every listed resource on every listed type (`*` or no type
 * part: every declared type; a type not declared is left out, unless nothing else is
 * listed: then every type's). Nothing when a listed resource takes no qualifier.
 */
function qualifiers(resources: readonly string[], types: readonly string[], declared: CompletionTypes): Suggestion[] {
  const q = qualifiedOf(resources);
  if ('no' in q) return [];
  const keys = types.map((t) => t.toLowerCase());
  const listed = declared.types.filter((t) => keys.includes(t.name.toLowerCase()));
  const scope = keys.includes(EVERY) || listed.length === 0 ? declared.types : listed;

  const byName = new Map<string, { name: string; details: Map<string, string[]> }>();
  const note = (name: string, word: string, owner: string | null) => {
    const key = name.toLowerCase();
    const entry = byName.get(key) ?? { name, details: new Map<string, string[]>() };
    const owners = entry.details.get(word) ?? [];
    if (owner !== null && !owners.includes(owner)) owners.push(owner);
    entry.details.set(word, owners);
    byName.set(key, entry);
  };
  for (const r of q.ok) {
    if (r === 'FACT_SHEET_BASE_FIELDS') for (const f of BASE_FIELDS) note(f, f === 'lxState' ? 'base field: the quality seal' : 'base field', null);
    else for (const t of scope) for (const name of r === 'FACT_SHEET_FIELDS' ? t.fields : t.relations) note(name, r === 'FACT_SHEET_FIELDS' ? 'attribute' : 'relation', t.name);
  }
  return [...byName.values()].map(({ name, details }) => ({
    label: name,
    insert: name,
    detail: [...details]
      .map(([word, owners]) => (owners.length ? `${word} of ${owners.length > 2 ? `${owners.slice(0, 2).join(', ')}, …` : owners.join(', ')}` : word))
      .join('; '),
  }));
}

/**
 * The text after accepting a suggestion, and the caret after it. A resource or type that
 * is followed by neither `:` nor `,` gets a `:`, so typing flows on to the next part; an
 * existing `:` is stepped over.
 */
export function acceptSuggestion(text: string, completion: Completion, suggestion: Suggestion): { text: string; caret: number } {
  const after = text.slice(completion.to);
  const flows = completion.segment === 'resource' || completion.segment === 'type';
  const addColon = flows && !after.startsWith(':') && !after.startsWith(',');
  const insert = suggestion.insert + (addColon ? ':' : '');
  const next = text.slice(0, completion.from) + insert + after;
  let caret = completion.from + insert.length;
  if (flows && after.startsWith(':')) caret += 1; // step over the `:`
  return { text: next, caret };
}

/** Whether the list is worth showing: something to offer that is not just what is typed. */
export function worthShowing(completion: Completion, text: string): boolean {
  const s = completion.suggestions;
  if (s.length === 0) return false;
  const token = text.slice(completion.from, completion.to);
  return !(s.length === 1 && s[0]!.insert === token);
}
