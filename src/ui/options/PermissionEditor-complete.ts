// Completion for the permission-string editor: given the editor's text (one permission a
// line), the caret and what the workspace declares, the suggestions for the segment under
// the caret. Pure: no DOM, so it is unit-tested (test/ui/permission-complete.test.ts).
//   RESOURCE:ACTIONS:TYPE:QUALIFIER   (ACTIONS a comma list)
import { ACTIONS, BASE_FIELDS, QUALIFIED_RESOURCES, RESOURCES } from '../../model/vocabulary';
import type { Resource } from '../../model/vocabulary';

/** What the workspace declares, as the outline sends it. */
export interface CompletionTypes {
  readonly types: readonly { readonly name: string; readonly fields: readonly string[]; readonly relations: readonly string[] }[];
}

export type Segment = 'resource' | 'actions' | 'type' | 'qualifier';

export interface Suggestion {
  /** What the list shows. */
  readonly label: string;
  /** What replaces the token under the caret. */
  readonly insert: string;
  /** A short word on what it is ("attribute of Application"). */
  readonly detail: string;
}

export interface Completion {
  /** The segment under the caret, or null past the fourth one. */
  readonly segment: Segment | null;
  /** Text offsets (0-based, in the whole text) of the token the suggestion replaces. */
  readonly from: number;
  readonly to: number;
  /** The token as typed up to the caret. */
  readonly typed: string;
  readonly suggestions: readonly Suggestion[];
}

const SEGMENTS: readonly Segment[] = ['resource', 'actions', 'type', 'qualifier'];

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

function startsWithFolded(candidate: string, typed: string): boolean {
  return candidate.toLowerCase().startsWith(typed.toLowerCase());
}

/** Ranks prefix matches first (exact case first), then matches anywhere in the word. */
function filter(candidates: readonly Suggestion[], typed: string): Suggestion[] {
  if (typed === '') return [...candidates];
  const exact = candidates.filter((c) => c.insert.startsWith(typed));
  const folded = candidates.filter((c) => !exact.includes(c) && startsWithFolded(c.insert, typed));
  const inner = candidates.filter(
    (c) => !exact.includes(c) && !folded.includes(c) && c.insert.toLowerCase().includes(typed.toLowerCase()),
  );
  return [...exact, ...folded, ...inner];
}

/** Suggestions for the segment under the caret. */
export function completePermission(text: string, caret: number, declared: CompletionTypes): Completion {
  const line = lineAt(text, caret);
  const col = Math.max(0, Math.min(caret, text.length)) - line.start; // caret inside the line
  const before = line.text.slice(0, col);
  const parts = line.text.split(':');
  const segmentIndex = before.split(':').length - 1;
  const segment = SEGMENTS[segmentIndex] ?? null;

  // Bounds of the segment under the caret, inside the line.
  let segStart = 0;
  for (let i = 0; i < segmentIndex; i++) segStart += (parts[i]?.length ?? 0) + 1;
  const segText = parts[segmentIndex] ?? '';
  const segEnd = segStart + segText.length;

  if (segment === null) {
    return { segment, from: caret, to: caret, typed: '', suggestions: [] };
  }

  // The token: the whole segment, or for actions the comma item under the caret.
  let tokStart = segStart;
  let tokEnd = segEnd;
  if (segment === 'actions') {
    const lastComma = before.lastIndexOf(',');
    if (lastComma >= segStart) tokStart = lastComma + 1;
    const nextComma = line.text.indexOf(',', col);
    if (nextComma >= 0 && nextComma < segEnd) tokEnd = nextComma;
  }
  const typed = line.text.slice(tokStart, col);
  const from = line.start + tokStart;
  const to = line.start + tokEnd;
  const resource = parts[0] ?? '';
  const type = parts[2] ?? '';

  let candidates: Suggestion[];
  switch (segment) {
    case 'resource':
      candidates = RESOURCES.map((r) => ({ label: r, insert: r, detail: RESOURCE_DETAIL[r] }));
      break;
    case 'actions': {
      const segItems = segText.split(',');
      const here = before.slice(segStart).split(',').length - 1;
      const taken = new Set(segItems.filter((_, i) => i !== here));
      candidates = ACTIONS.filter((a) => !taken.has(a)).map((a) => ({ label: a, insert: a, detail: 'action' }));
      if (taken.size === 0) {
        const all = ACTIONS.join(',');
        candidates.push({ label: all, insert: all, detail: 'every action' });
      }
      break;
    }
    case 'type':
      candidates = [
        ...declared.types.map((t) => ({ label: t.name, insert: t.name, detail: 'fact sheet type' })),
        { label: '*', insert: '*', detail: 'every type' },
      ];
      break;
    case 'qualifier':
      candidates = [...qualifiers(resource, type, declared), { label: '*', insert: '*', detail: qualifierAllDetail(resource) }];
      break;
  }
  return { segment, from, to, typed, suggestions: filter(candidates, typed) };
}

function qualifierAllDetail(resource: string): string {
  if (resource === 'FACT_SHEET_BASE_FIELDS') return 'every base field';
  if (resource === 'FACT_SHEET_FIELDS') return 'every attribute';
  if (resource === 'FACT_SHEET_RELATIONS') return 'every relation';
  return QUALIFIED_RESOURCES.includes(resource as Resource) || !RESOURCES.includes(resource as Resource)
    ? 'everything'
    : `${resource} takes no qualifier`;
}

/** The named qualifiers valid for a resource on a type (`*`: any declared type). */
function qualifiers(resource: string, type: string, declared: CompletionTypes): Suggestion[] {
  if (resource === 'FACT_SHEET_BASE_FIELDS') {
    return BASE_FIELDS.map((f) => ({
      label: f,
      insert: f,
      detail: f === 'lxState' ? 'base field: the quality seal' : 'base field',
    }));
  }
  if (resource !== 'FACT_SHEET_FIELDS' && resource !== 'FACT_SHEET_RELATIONS') return [];
  const key = resource === 'FACT_SHEET_FIELDS' ? 'fields' : 'relations';
  const word = resource === 'FACT_SHEET_FIELDS' ? 'attribute' : 'relation';
  const known = declared.types.find((t) => t.name === type);
  const scope = known ? [known] : declared.types; // `*` or a type not declared (yet): every type's
  const seen = new Map<string, string[]>();
  for (const t of scope) {
    for (const name of t[key]) {
      const owners = seen.get(name) ?? [];
      owners.push(t.name);
      seen.set(name, owners);
    }
  }
  return [...seen].map(([name, owners]) => ({
    label: name,
    insert: name,
    detail: `${word} of ${owners.length > 2 ? `${owners.slice(0, 2).join(', ')}, …` : owners.join(', ')}`,
  }));
}

/**
 * The text after accepting a suggestion, and the caret after it. A resource or type
 * that is not yet followed by `:` gets one, so typing flows on to the next segment.
 */
export function acceptSuggestion(text: string, completion: Completion, suggestion: Suggestion): { text: string; caret: number } {
  const after = text.slice(completion.to);
  const addColon = (completion.segment === 'resource' || completion.segment === 'type') && !after.startsWith(':');
  const insert = suggestion.insert + (addColon ? ':' : '');
  const next = text.slice(0, completion.from) + insert + after;
  let caret = completion.from + insert.length;
  if (!addColon && (completion.segment === 'resource' || completion.segment === 'type')) caret += 1; // step over the `:`
  return { text: next, caret };
}

/** Whether the list is worth showing: something to offer that is not just what is typed. */
export function worthShowing(completion: Completion, text: string): boolean {
  const s = completion.suggestions;
  if (s.length === 0) return false;
  const token = text.slice(completion.from, completion.to);
  return !(s.length === 1 && s[0]!.insert === token);
}
