// A model change written into a policy file's text, changing only what must change:
// every screen and command that writes a file (the playground's model edits, role drafts
// applied, a scenario added, the advisor's additions; `sealcheck advise
// --write-scenarios`, `sealcheck migrate`) goes through here. The change is found by
// comparing the model the text reads as (defaults filled) with the wanted one, so a
// default the model carries is never written; each difference becomes an edit of the
// text located with jsonc-parser and applied with its applyEdits: a changed value is
// replaced where it stands, a removed key or item is cut with its comma, a new key or
// item goes beside its neighbours, written as they are (indentation, one line or one
// per line, line ends). Keys keep their order, untouched text stays byte for byte, and
// the same write again changes nothing. New values are printed with JSON.stringify,
// only laid out like their neighbours. Pure: no Node APIs (the worker uses it too).
import { applyEdits, findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import { modelSchemas } from '../model/schema';
import type { Policy } from '../model/schema';
import type { PolicyError } from './errors';
import { loadPolicyText, validatePolicy } from './validate';

const BOM = '\uFEFF';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

/** Structural equality of JSON values; a key whose value is `undefined` counts as absent. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    for (const k of Object.keys(a)) if (a[k] !== undefined && !sameJson(a[k], b[k])) return false;
    for (const k of Object.keys(b)) if (b[k] !== undefined && a[k] === undefined) return false;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- the text's style

interface Style {
  /** One level of indentation. */
  readonly unit: string;
  readonly eol: string;
  /** Whether lists of names and numbers are written on one line. */
  readonly inlineLists: boolean;
  /** `{ "a": 1 }` or `{"a": 1}` for an object written on one line. */
  readonly braceSpace: boolean;
}

function styleOf(text: string, root: Node): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const first = root.children?.[0];
  const before = first ? indentBefore(text, first.offset) : null;
  const unit = before || (/\n([ \t]+)\S/.exec(text)?.[1] ?? '  ');
  let inline = 0;
  let multiline = 0;
  let braceSpace: boolean | null = null;
  const stack: Node[] = [root];
  // a look at the first containers is enough to know how the file is written
  for (let seen = 0; stack.length && seen < 5000; seen++) {
    const node = stack.pop()!;
    const children = node.children ?? [];
    if (node.type === 'array' && children.length > 1 && children.every((c) => c.type !== 'object' && c.type !== 'array')) {
      if (oneLine(text, node)) inline++;
      else multiline++;
    }
    if (braceSpace === null && node.type === 'object' && children.length && oneLine(text, node)) braceSpace = text[node.offset + 1] === ' ';
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { unit, eol, inlineLists: inline >= multiline, braceSpace: braceSpace ?? true };
}

/** Whether a node's text is on one line. */
function oneLine(text: string, node: Node): boolean {
  const slice = text.slice(node.offset, node.offset + node.length);
  return !slice.includes('\n');
}

/** The white space before `offset` on its line, or null when something else precedes it there. */
function indentBefore(text: string, offset: number): string | null {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** The indentation of the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The value node of an object node's property `key`, or of an array node's first item. */
function templateChild(template: Node | undefined, key: string | null): Node | undefined {
  if (!template) return undefined;
  if (key === null) return template.type === 'array' ? template.children?.[0] : undefined;
  if (template.type !== 'object') return undefined;
  const property = template.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

/**
 * JSON text of a new value, its lines after the first at `indent`; `inline`: on one line.
 * `like`: a neighbour of the same kind in the text (the item before a new item): what it
 * writes on one line is written on one line here too.
 */
function render(value: unknown, indent: string, s: Style, inline = false, like?: { text: string; node: Node | undefined }): string {
  if (isPrimitive(value)) return JSON.stringify(value) ?? 'null';
  const flat = (child: Node | undefined) => like !== undefined && child !== undefined && (child.type === 'object' || child.type === 'array') && (child.children?.length ?? 0) > 0 && oneLine(like.text, child);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    if (inline || (s.inlineLists && value.every(isPrimitive))) return `[${value.map((v) => render(v, indent, s, true)).join(', ')}]`;
    const inner = indent + s.unit;
    const child = templateChild(like?.node, null);
    return `[${s.eol}${value.map((v) => inner + render(v, inner, s, flat(child), like && { text: like.text, node: child })).join(`,${s.eol}`)}${s.eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  if (inline) {
    const pad = s.braceSpace ? ' ' : '';
    return `{${pad}${entries.map(([k, v]) => `${JSON.stringify(k)}: ${render(v, indent, s, true)}`).join(', ')}${pad}}`;
  }
  const inner = indent + s.unit;
  const line = ([k, v]: [string, unknown]) => {
    const child = templateChild(like?.node, k);
    return `${inner}${JSON.stringify(k)}: ${render(v, inner, s, flat(child), like && { text: like.text, node: child })}`;
  };
  return `{${s.eol}${entries.map(line).join(`,${s.eol}`)}${s.eol}${indent}}`;
}

// ---------------------------------------------------------------- the edits

interface Editor {
  readonly text: string;
  readonly style: Style;
  readonly edits: Edit[];
  /**
   * Whether a key missing from the text is written with only what differs from its
   * default, and new items without the keys whose value is their schema's default.
   */
  readonly minimal: boolean;
}

// ---------------------------------------------------------------- defaults of new values

/** A zod schema's definition, read as data (zod 4 keeps it on `_zod.def`). */
interface SchemaDef {
  readonly type?: string;
  readonly innerType?: unknown;
  readonly defaultValue?: unknown;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly valueType?: unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/** The schema under its optional, nullable and default wrappers. */
function peel(schema: unknown): SchemaDef | undefined {
  let def = defOf(schema);
  for (let guard = 0; def?.type && WRAPPERS.has(def.type) && guard < 10; guard++) def = defOf(def.innerType);
  return def;
}

const NO_DEFAULT = Symbol('no default');

/** The value a schema fills in when its key is absent, or NO_DEFAULT. */
function defaultOf(schema: unknown): unknown {
  let def = defOf(schema);
  for (let guard = 0; def?.type && WRAPPERS.has(def.type) && guard < 10; guard++) {
    if (def.type === 'default') return def.defaultValue;
    def = defOf(def.innerType);
  }
  return NO_DEFAULT;
}

/** The schema of a key of an object schema, or of the items of a list or record schema. */
function childSchema(schema: unknown, key: string | null): unknown {
  const def = peel(schema);
  if (!def) return undefined;
  if (def.type === 'object') return key === null ? undefined : def.shape?.[key];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

/** A new value without the keys whose value is what the schema fills in for them (no default is written). */
function fresh(ed: Editor, value: unknown, schema: unknown): unknown {
  if (!ed.minimal || schema === undefined) return value;
  const def = peel(schema);
  if (Array.isArray(value)) return def?.type === 'array' ? value.map((v) => fresh(ed, v, def.element)) : value;
  if (!isObject(value) || def?.type !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const child = def.shape?.[k];
    if (child !== undefined && sameJson(v, defaultOf(child))) continue;
    out[k] = fresh(ed, v, child);
  }
  return out;
}

/** What a key the text lacks is written as: with `minimal`, an object only with what differs from the default the model filled in. */
function missingValue(ed: Editor, was: unknown, wanted: unknown, schema: unknown): unknown {
  if (!ed.minimal || !isObject(was) || !isObject(wanted)) return fresh(ed, wanted, schema);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (v === undefined || sameJson(was[k], v)) continue;
    const child = childSchema(schema, k);
    out[k] = k in was ? missingValue(ed, was[k], v, child) : fresh(ed, v, child);
  }
  return out;
}

/** Edits turning `node` (which reads as `was`) into `wanted`. */
function editValue(ed: Editor, node: Node, was: unknown, wanted: unknown, schema: unknown): void {
  if (sameJson(was, wanted)) return;
  if (node.type === 'object' && isObject(was) && isObject(wanted)) return editObject(ed, node, was, wanted, schema);
  if (node.type === 'array' && Array.isArray(was) && Array.isArray(wanted) && (node.children?.length ?? 0) === was.length) return editArray(ed, node, was, wanted, schema);
  replace(ed, node, fresh(ed, wanted, schema));
}

function replace(ed: Editor, node: Node, wanted: unknown): void {
  const inline = (node.type === 'object' || node.type === 'array') && (node.children?.length ?? 0) > 0 && oneLine(ed.text, node);
  ed.edits.push({ offset: node.offset, length: node.length, content: render(wanted, lineIndent(ed.text, node.offset), ed.style, inline) });
}

/** The separator between two children of a container on one line, as written (`, ` by default). */
function inlineSeparator(text: string, children: readonly Node[]): string {
  if (children.length < 2) return ', ';
  const between = text.slice(children[0]!.offset + children[0]!.length, children[1]!.offset);
  return /^\s*,\s*$/.test(between) && !between.includes('\n') ? between : ', ';
}

/** Whether a container writes its children one a line (else on its own line). */
function isMultiline(text: string, container: Node): boolean {
  const first = container.children?.[0];
  return first ? text.slice(container.offset, first.offset).includes('\n') : false;
}

/**
 * Cuts the children not `kept`, each run of them with its commas: after the kept child
 * before it, or up to the kept child after it.
 */
function removeRuns(ed: Editor, children: readonly Node[], kept: readonly boolean[]): void {
  let i = 0;
  while (i < children.length) {
    if (kept[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < children.length && !kept[j + 1]) j++;
    const last = children[j]!;
    if (i > 0) {
      const prev = children[i - 1]!;
      ed.edits.push({ offset: prev.offset + prev.length, length: last.offset + last.length - (prev.offset + prev.length), content: '' });
    } else {
      const next = children[j + 1]!;
      ed.edits.push({ offset: children[0]!.offset, length: next.offset - children[0]!.offset, content: '' });
    }
    i = j + 1;
  }
}

/** New children's text, inserted after `anchor` (or before the first child when null), laid out as the container writes its children. */
function insertChildren(ed: Editor, container: Node, anchor: Node | null, first: Node, texts: (indent: string, inline: boolean) => string[]): void {
  const { text, style } = ed;
  const children = container.children ?? [];
  const multiline = isMultiline(text, container);
  const neighbour = anchor ?? first;
  // an item is written on one line when its neighbour is
  const inline = !multiline || ((neighbour.type === 'object' || neighbour.type === 'array') && oneLine(text, neighbour));
  const indent = multiline ? (indentBefore(text, neighbour.offset) ?? lineIndent(text, neighbour.offset) + style.unit) : lineIndent(text, neighbour.offset);
  const items = texts(indent, inline);
  const sep = multiline ? `,${style.eol}${indent}` : inlineSeparator(text, children);
  if (anchor) ed.edits.push({ offset: anchor.offset + anchor.length, length: 0, content: items.map((t) => sep + t).join('') });
  else ed.edits.push({ offset: first.offset, length: 0, content: items.map((t) => t + sep).join('') });
}

function editObject(ed: Editor, node: Node, was: Record<string, unknown>, wanted: Record<string, unknown>, schema: unknown): void {
  const properties = (node.children ?? []).filter((p) => p.type === 'property' && p.children?.length === 2);
  const byKey = new Map<string, Node>();
  for (const p of properties) byKey.set(p.children![0]!.value as string, p);
  const kept = properties.map((p) => wanted[p.children![0]!.value as string] !== undefined);
  const added: [string, unknown][] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (value === undefined) continue;
    const property = byKey.get(key);
    const child = childSchema(schema, key);
    if (property) editValue(ed, property.children![1]!, was[key], value, child);
    else if (!(key in was) || !sameJson(was[key], value)) added.push([key, key in was ? missingValue(ed, was[key], value, child) : fresh(ed, value, child)]);
  }
  const keptNodes = properties.filter((_, i) => kept[i]);
  if (!keptNodes.length) {
    // nothing of the object stays: it is written anew, with what the text lacked
    if (properties.length || added.length) replace(ed, node, Object.fromEntries(added));
    return;
  }
  removeRuns(ed, properties, kept);
  if (!added.length) return;
  const colon = colonOf(ed.text, keptNodes[0]!);
  insertChildren(ed, node, keptNodes[keptNodes.length - 1]!, keptNodes[0]!, (indent, inline) =>
    added.map(([k, v]) => `${JSON.stringify(k)}${colon}${render(v, indent, ed.style, inline)}`),
  );
}

/** What separates a key from its value in the text (`: ` by default). */
function colonOf(text: string, property: Node): string {
  const [key, value] = property.children as [Node, Node];
  const between = text.slice(key.offset + key.length, value.offset);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
}

/** What identifies an item of a list: its `id`, else its `name`, else its JSON. */
function identities(was: readonly unknown[], wanted: readonly unknown[]): { was: string[]; wanted: string[] } | null {
  const all = [...was, ...wanted];
  const field = all.every((v) => isObject(v) && typeof v.id === 'string') ? 'id' : all.every((v) => isObject(v) && typeof v.name === 'string') ? 'name' : null;
  const key = (v: unknown) => (field ? `${field}:${(v as Record<string, string>)[field]}` : `=${JSON.stringify(v)}`);
  const a = was.map(key);
  const b = wanted.map(key);
  // items given twice are matched by place
  if (new Set(a).size !== a.length || new Set(b).size !== b.length) return null;
  return { was: a, wanted: b };
}

/** The indices of a longest increasing subsequence of `xs`. */
function longestIncreasing(xs: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]!]! < xs[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.add(i);
  return out;
}

/**
 * A list: items are matched by identity (`id`, `name`, or value), in order; between two
 * matched items, items of the text and of the wanted list that match nothing are paired
 * by place and edited (a renamed item stays where it is, with what it holds), the rest
 * removed or added there.
 */
function editArray(ed: Editor, node: Node, was: readonly unknown[], wanted: readonly unknown[], schema: unknown): void {
  const element = childSchema(schema, null);
  const children = node.children ?? [];
  // wanted index → text index
  const source: number[] = new Array(wanted.length).fill(-1);
  const ids = identities(was, wanted);
  const keyed = ids !== null && !ids.was.some((k) => k.startsWith('='));
  if (ids) {
    const at = new Map(ids.was.map((k, i) => [k, i]));
    const matched: number[] = [];
    for (let j = 0; j < wanted.length; j++) {
      const i = at.get(ids.wanted[j]!);
      if (i !== undefined) matched.push(j);
    }
    const order = longestIncreasing(matched.map((j) => at.get(ids.wanted[j]!)!));
    matched.forEach((j, k) => {
      if (order.has(k)) source[j] = at.get(ids.wanted[j]!)!;
    });
  }
  // the gaps between matched items: pair what is left by place
  let i = 0;
  let j = 0;
  while (j <= wanted.length) {
    let nj = j;
    while (nj < wanted.length && source[nj] === -1) nj++;
    const ni = nj < wanted.length ? source[nj]! : was.length;
    const gapWas = ni - i;
    const gapWanted = nj - j;
    // with identities, only one item for one item is a rename; without, every place pairs
    const pairs = !ids || !keyed ? Math.min(gapWas, gapWanted) : gapWas === 1 && gapWanted === 1 ? 1 : 0;
    for (let k = 0; k < pairs; k++) source[j + k] = i + k;
    if (nj >= wanted.length) break;
    i = ni + 1;
    j = nj + 1;
  }
  const kept = children.map(() => false);
  for (const s of source) if (s >= 0) kept[s] = true;
  if (!kept.some(Boolean)) {
    if (children.length || wanted.length) replace(ed, node, fresh(ed, wanted, schema));
    return;
  }
  for (let w = 0; w < wanted.length; w++) if (source[w]! >= 0) editValue(ed, children[source[w]!]!, was[source[w]!], wanted[w], element);
  removeRuns(ed, children, kept);
  // new items: after the kept item before them in the wanted list, else before the first kept item
  const firstKept = children[kept.indexOf(true)]!;
  let w = 0;
  while (w < wanted.length) {
    if (source[w]! >= 0) {
      w++;
      continue;
    }
    const start = w;
    while (w < wanted.length && source[w] === -1) w++;
    const items = wanted.slice(start, w).map((item) => fresh(ed, item, element));
    let anchor: Node | null = null;
    for (let p = start - 1; p >= 0 && !anchor; p--) if (source[p]! >= 0) anchor = children[source[p]!]!;
    const like = { text: ed.text, node: anchor ?? firstKept };
    insertChildren(ed, node, anchor, firstKept, (indent, inline) => items.map((item) => render(item, indent, ed.style, inline, like)));
  }
}

/**
 * The text with the edits that turn `was` (the value the text reads as, defaults filled
 * in) into `wanted`; the text itself when nothing differs. Keys of `wanted` that are
 * `undefined` are absent. `schema` (zod, of the whole value): new items and keys are
 * written without the keys that hold the default it fills in.
 * Throws when the text is not JSON.
 */
export function editJsonText(input: string, was: unknown, wanted: unknown, options: { minimal?: boolean; schema?: unknown } = {}): string {
  if (!isObject(was) || !isObject(wanted) ? sameJson(was, wanted) : false) return input;
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = input.slice(bom.length);
  const root = (isObject(was) && isObject(wanted) && objectRoot(text, was, wanted)) || parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) throw new Error('the text is not JSON');
  // the style from the file's first part: enough to see how it writes lists and objects
  const sample = parseTree(text.slice(0, STYLE_SAMPLE)) ?? root;
  const ed: Editor = { text, style: styleOf(text, sample), edits: [], minimal: options.minimal ?? true };
  // compared key by key, not as a whole first: a large file is compared once
  if (root.type === 'object' && isObject(was) && isObject(wanted)) editObject(ed, root, was, wanted, options.schema);
  else editValue(ed, root, was, wanted, options.schema);
  return bom + applyEdits(text, ed.edits);
}

/** How much of a file's start is read for its style. */
const STYLE_SAMPLE = 64 * 1024;

/**
 * The tree of an object's text where only the top-level values that change are parsed
 * (jsonc-parser's parseTree on their text); the others are nodes with their place only.
 * A change of a large file's scenarios or roles then reads none of its fact sheets into
 * nodes. Null when the text is not an object.
 */
function objectRoot(text: string, was: Record<string, unknown>, wanted: Record<string, unknown>): Node | null {
  const top = topLevel(text);
  if (!top) return null;
  const root: Node = { type: 'object', offset: top.offset, length: top.end - top.offset, children: [] };
  for (const p of top.properties) {
    const property: Node = { type: 'property', offset: p.keyOffset, length: p.valueEnd - p.keyOffset, parent: root, children: [] };
    const key: Node = { type: 'string', value: p.key, offset: p.keyOffset, length: p.keyEnd - p.keyOffset, parent: property };
    let value: Node | undefined;
    if (!sameJson(was[p.key], wanted[p.key])) {
      value = parseTree(text.slice(p.valueOffset, p.valueEnd), [], { allowTrailingComma: false, disallowComments: true });
      if (value) shift(value, p.valueOffset);
    }
    value ??= { type: valueType(text.charCodeAt(p.valueOffset)), offset: p.valueOffset, length: p.valueEnd - p.valueOffset };
    (value as Mutable).parent = property;
    property.children!.push(key, value);
    root.children!.push(property);
  }
  return root;
}

type Mutable = { -readonly [K in keyof Node]: Node[K] };

/** Moves a tree parsed from a part of the text to where that part is. */
function shift(node: Node, by: number): void {
  const n = node as Mutable;
  n.offset += by;
  if (n.colonOffset !== undefined) n.colonOffset += by;
  for (const c of n.children ?? []) shift(c, by);
}

function valueType(c: number): Node['type'] {
  return c === 0x7b ? 'object' : c === 0x5b ? 'array' : c === 0x22 ? 'string' : c === 0x6e ? 'null' : c === 0x74 || c === 0x66 ? 'boolean' : 'number';
}

interface TopProperty {
  readonly key: string;
  readonly keyOffset: number;
  readonly keyEnd: number;
  readonly valueOffset: number;
  readonly valueEnd: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Just past the string that starts at `i`, or -1. */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** Just past the JSON value that starts at `i`, or -1. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) {
        j = skipString(text, j) - 1;
        if (j < 0) return -1;
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * The top-level properties of a JSON object's text, found by one pass over its characters
 * (the text is a stored, valid file): no tree. Null when it is not an object.
 */
function topLevel(text: string): { offset: number; end: number; properties: TopProperty[] } | null {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return null;
  const offset = i;
  const properties: TopProperty[] = [];
  i = skipSpace(text, i + 1);
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x7d) return { offset, end: i + 1, properties };
    if (properties.length) {
      if (text.charCodeAt(i) !== 0x2c) return null;
      i = skipSpace(text, i + 1);
    }
    if (text.charCodeAt(i) !== 0x22) return null;
    const keyEnd = skipString(text, i);
    if (keyEnd < 0) return null;
    let key: unknown;
    try {
      key = JSON.parse(text.slice(i, keyEnd));
    } catch {
      return null;
    }
    const colon = skipSpace(text, keyEnd);
    if (text.charCodeAt(colon) !== 0x3a) return null;
    const valueOffset = skipSpace(text, colon + 1);
    const valueEnd = skipValue(text, valueOffset);
    if (valueEnd < 0) return null;
    properties.push({ key: key as string, keyOffset: i, keyEnd, valueOffset, valueEnd });
    i = skipSpace(text, valueEnd);
  }
  return null;
}

// ---------------------------------------------------------------- policy files

export type PolicyTextEdit =
  | {
      readonly ok: true;
      /** The file's text after the change; the text given when nothing changed. */
      readonly text: string;
      /** The model the text reads as. */
      readonly policy: Policy;
      readonly changed: boolean;
      /** The text was version 1 and the change needs version 2: it was migrated first, as `sealcheck migrate` does. */
      readonly migrated: boolean;
    }
  | { readonly ok: false; readonly errors: PolicyError[] };

/**
 * Writes `wanted` (a model, as the playground or the advisor makes it) into `source`, the
 * text of a valid policy file that reads as `current`. A version 1 file stays version 1
 * when the change can be said in version 1; a change that needs a version 2 key (a seal
 * exemption, settings, subscription roles, ...) migrates the text first. The result is
 * checked: it must validate and read as `wanted`; else nothing changes. `current` is
 * only a shortcut: when the text does not read as it, the text's own model is used.
 */
export function editPolicyText(source: string, current: Policy, wanted: unknown): PolicyTextEdit {
  const checked = validatePolicy(wanted);
  if (!checked.ok) return checked;
  const intended = checked.policy;
  if (sameJson(current, intended)) return { ok: true, text: source, policy: current, changed: false, migrated: false };
  const done = editWith(source, current, wanted, intended);
  if (done) return done;
  const own = loadPolicyText(source);
  if (!own.ok) return own;
  const again = sameJson(own.policy, current) ? null : editWith(source, own.policy, wanted, intended);
  return again ?? { ok: false, errors: [{ path: '', message: 'internal: the change could not be written into the file\'s text so that it reads as intended; nothing was saved' }] };
}

function editWith(source: string, current: Policy, wanted: unknown, intended: Policy): PolicyTextEdit | null {
  // the schema of the text's version: a new item's keys that hold its default are not written
  const attempt = (text: string, was: unknown, want: unknown, schema: unknown): { text: string; policy: Policy } | null => {
    for (const minimal of [true, false]) {
      const out = editJsonText(text, was, want, { minimal, schema });
      const loaded = loadPolicyText(out);
      if (loaded.ok && sameJson(loaded.policy, intended)) return { text: out, policy: loaded.policy };
    }
    return null;
  };
  if (current.platform === 'leanix' && fileVersion(source) === 1) {
    const was = toVersion1(current);
    const want = toVersion1(wanted);
    const inPlace = was && want ? attempt(source, was, want, modelSchemas().LeanixPolicyV1Schema) : null;
    if (inPlace) return { ok: true, ...inPlace, changed: inPlace.text !== source, migrated: false };
    const migrated = migrateText(source);
    if (!migrated.ok) return null;
    const done = attempt(migrated.text, current, wanted, modelSchemas().LeanixPolicySchema);
    return done ? { ok: true, ...done, changed: true, migrated: true } : null;
  }
  const done = attempt(source, current, wanted, current.platform === 'leanix' ? modelSchemas().LeanixPolicySchema : modelSchemas().QualyticsPolicySchema);
  return done ? { ok: true, ...done, changed: done.text !== source, migrated: false } : null;
}

/** The file's top-level `version` as written, or null. */
export function fileVersion(input: string): unknown {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const property = topLevel(text)?.properties.find((p) => p.key === 'version');
  if (!property) return null;
  try {
    return JSON.parse(text.slice(property.valueOffset, property.valueEnd)) as unknown;
  } catch {
    return null;
  }
}

const empty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);
const onlyKeys = (v: Record<string, unknown>, keys: readonly string[]) => Object.keys(v).every((k) => keys.includes(k) || v[k] === undefined);

/**
 * A version 2 LeanIX model (or a wanted value shaped like one) as version 1 says it, or
 * null when it holds something only version 2 can say. The inverse of src/model/upgrade.ts
 * for what version 1 can hold.
 */
export function toVersion1(value: unknown): Json | null {
  if (!isObject(value) || value.platform !== 'leanix') return null;
  const { settings, subscriptionRoles, factSheetTypes, users, factSheets, ...rest } = value;
  if (settings !== undefined && !(isObject(settings) && onlyKeys(settings, ['notifyActor', 'lockMandatoryWhenBroken']) && !settings.notifyActor && !settings.lockMandatoryWhenBroken)) return null;
  if (!empty(subscriptionRoles)) return null;
  const out: Record<string, unknown> = { ...rest, version: 1 };
  if (Array.isArray(factSheetTypes)) {
    const types = factSheetTypes.map(typeToVersion1);
    if (types.some((t) => t === null)) return null;
    out.factSheetTypes = types;
  } else if (factSheetTypes !== undefined) out.factSheetTypes = factSheetTypes;
  if (Array.isArray(users)) {
    if (users.some((u) => isObject(u) && (u.email !== undefined || u.displayName !== undefined))) return null;
    out.users = users;
  } else if (users !== undefined) out.users = users;
  if (Array.isArray(factSheets)) {
    const sheets = factSheets.map(sheetToVersion1);
    if (sheets.some((s) => s === null)) return null;
    out.factSheets = sheets;
  } else if (factSheets !== undefined) out.factSheets = factSheets;
  return out as Json;
}

function typeToVersion1(type: unknown): unknown {
  if (!isObject(type)) return type;
  const { mandatory, qualitySeal, ...rest } = type;
  const out: Record<string, unknown> = { ...rest };
  if (mandatory !== undefined) {
    if (!isObject(mandatory) || !onlyKeys(mandatory, ['fields', 'relations', 'subscriptions']) || !empty(mandatory.relations) || !empty(mandatory.subscriptions)) return null;
    out.mandatory = mandatory.fields ?? [];
  }
  if (qualitySeal !== undefined) {
    if (!isObject(qualitySeal)) return null;
    const { renewal, ignoreUpdatesForFields, ignoreUpdatesForRelations, ...seal } = qualitySeal;
    if (!empty(ignoreUpdatesForFields) || !empty(ignoreUpdatesForRelations)) return null;
    const v1: Record<string, unknown> = { ...seal };
    if (renewal === null) v1.renewalDays = null;
    else if (isObject(renewal)) {
      if (renewal.unit !== 'DAYS' || !onlyKeys(renewal, ['value', 'unit'])) return null;
      v1.renewalDays = renewal.value;
    } else if (renewal !== undefined) return null;
    out.qualitySeal = v1;
  }
  return out;
}

function sheetToVersion1(sheet: unknown): unknown {
  if (!isObject(sheet)) return sheet;
  const { subscriptions, relations, naFields, ...rest } = sheet;
  if (relations !== undefined && !(isObject(relations) && Object.keys(relations).length === 0)) return null;
  if (!empty(naFields)) return null;
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(subscriptions)) {
    if (subscriptions.some((s) => isObject(s) && !empty(s.roles))) return null;
    out.subscriptions = subscriptions.map((s) => {
      if (!isObject(s)) return s;
      const { roles: _roles, ...kept } = s;
      return kept;
    });
  } else if (subscriptions !== undefined) out.subscriptions = subscriptions;
  return out;
}

// ---------------------------------------------------------------- migrate

export type MigrateResult =
  | { readonly ok: true; readonly text: string; readonly from: 1 | 2; readonly changed: boolean }
  | { readonly ok: false; readonly errors: PolicyError[] };

/** The properties named `key` of an object node (all of them: JSON.parse keeps the last, the edit keeps them alike). */
function properties(object: Node | undefined, key: string): Node[] {
  if (!object || object.type !== 'object') return [];
  return (object.children ?? []).filter((p) => p.type === 'property' && p.children?.[0]?.value === key && p.children.length === 2);
}

/** The edits that turn a version 1 LeanIX file's text into version 2. */
function leanixEdits(text: string, root: Node): Edit[] {
  const edits: Edit[] = [];
  const types = findNodeAtLocation(root, ['factSheetTypes']);
  for (const type of types?.type === 'array' ? (types.children ?? []) : []) {
    // a mandatory list: `[...]` → `{ "fields": [...] }`, the list as written
    for (const property of properties(type, 'mandatory')) {
      const list = property.children![1]!;
      if (list.type !== 'array') continue;
      edits.push({ offset: list.offset, length: 0, content: '{ "fields": ' }, { offset: list.offset + list.length, length: 0, content: ' }' });
    }
    // renewalDays: N → renewal: { "value": N, "unit": "DAYS" }; null stays null
    for (const seal of properties(type, 'qualitySeal')) {
      for (const property of properties(seal.children![1], 'renewalDays')) {
        const [key, value] = property.children as [Node, Node];
        edits.push({ offset: key.offset, length: key.length, content: '"renewal"' });
        if (value.type !== 'null') edits.push({ offset: value.offset, length: value.length, content: `{ "value": ${text.slice(value.offset, value.offset + value.length)}, "unit": "DAYS" }` });
      }
    }
  }
  return edits;
}

/**
 * The version 2 text of a policy file's text (`sealcheck migrate`), or the errors that
 * make it invalid. A version 1 LeanIX file gets `"version": 2`, every `renewalDays: N`
 * becomes `renewal: { "value": N, "unit": "DAYS" }` (`null` stays `null`) and every
 * `mandatory` list becomes `{ "fields": [...] }`; a Qualytics file changes only its
 * version; a version 2 file is given back unchanged. Never throws.
 */
export function migrateText(input: string): MigrateResult {
  const loaded = loadPolicyText(input);
  if (!loaded.ok) return loaded;
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = input.slice(bom.length);
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const version = root && findNodeAtLocation(root, ['version']);
  if (!root || !version) return { ok: false, errors: [{ path: '', message: 'internal: the file could not be read for editing' }] };
  if (version.value === 2) return { ok: true, text: input, from: 2, changed: false };
  const edits = [{ offset: version.offset, length: version.length, content: '2' }, ...(loaded.policy.platform === 'leanix' ? leanixEdits(text, root) : [])];
  const out = bom + applyEdits(text, edits);
  // The written file must mean exactly what the version 1 file meant.
  const check = loadPolicyText(out);
  if (!check.ok || !sameJson(check.policy, { ...loaded.policy, version: 2 })) {
    const why = check.ok ? 'it reads differently from the original' : check.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return { ok: false, errors: [{ path: '', message: `internal: the migrated file would not be right (${why}); nothing was written` }] };
  }
  return { ok: true, text: out, from: 1, changed: true };
}
