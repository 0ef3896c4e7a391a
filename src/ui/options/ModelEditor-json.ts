// The raw JSON view's pure parts: where in the text a located error of Sealcheck's
// validator is (its JSON path read back and found with jsonc-parser), and which keys and
// values the JSON Schema offers at a position. No DOM and no CodeMirror: the view
// (ModelEditor-Json.tsx) turns these into diagnostics and completions. Unit-tested in
// test/ui/model-editor-json.test.ts.
import { findNodeAtLocation, getLocation, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { PolicyError } from '../../policy/errors';

export type Segment = string | number;

/**
 * The segments of a path as the validator writes it (`formatPath`):
 * `factSheets[3].values["my key"]` → `['factSheets', 3, 'values', 'my key']`. Null when
 * the text is no such path.
 */
export function parsePath(path: string): Segment[] | null {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c === '[') {
      if (path[i + 1] === '"') {
        // a JSON string up to its closing quote
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        if (path[j + 1] !== ']') return null;
        try {
          out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return null;
        }
        i = j + 2;
      } else {
        const end = path.indexOf(']', i);
        if (end < 0) return null;
        const n = Number(path.slice(i + 1, end));
        if (!Number.isInteger(n)) return null;
        out.push(n);
        i = end + 1;
      }
    } else {
      if (c === '.') {
        if (out.length === 0) return null;
        i++;
      }
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i));
      if (!m) return null;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** The offset of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return Math.min(text.length, at + Math.max(0, column - 1));
}

/** The offset in the raw string token `raw` (quotes included) of the decoded character at 1-based `position`. */
function offsetInString(raw: string, position: number): number {
  let i = 1;
  for (let n = 1; n < position && i < raw.length - 1; n++) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i += 1;
  }
  return i;
}

/**
 * Where an error is in `text`: its line and column for syntax errors; else the node its
 * path names (a key, for an object or list, so that the mark stays small; the character
 * of a permission string's `position` and the rest of its part); a path that is not in
 * the text (a missing key) marks the nearest thing that is.
 */
export function rangeOfError(text: string, error: PolicyError, root: Node | undefined = parseTree(text)): TextRange {
  if (error.line !== undefined) {
    const from = offsetOf(text, error.line, error.column ?? 1);
    return { from, to: Math.min(text.length, from + 1) };
  }
  const segments = parsePath(error.path) ?? [];
  if (!root) return { from: 0, to: Math.min(text.length, 1) };
  let node: Node | undefined;
  let depth = segments.length;
  for (; depth >= 0; depth--) {
    node = findNodeAtLocation(root, segments.slice(0, depth));
    if (node) break;
  }
  if (!node) node = root;
  const missing = depth < segments.length;
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (missing || node.type === 'object' || node.type === 'array') {
    // a missing key: its object's key (or opening brace); an object or list: its key
    if (key) return { from: key.offset, to: key.offset + key.length };
    return { from: node.offset, to: node.offset + 1 };
  }
  if (error.position !== undefined && node.type === 'string') {
    const raw = text.slice(node.offset, node.offset + node.length);
    const start = offsetInString(raw, error.position);
    let end = start + 1;
    while (end < raw.length - 1 && raw[end] !== ':' && raw[end] !== ',') end++;
    return { from: node.offset + start, to: node.offset + Math.max(start + 1, end) };
  }
  // about the key itself: an unknown key, or a record's key (`\`vendr\` is not a field of ...`)
  const last = segments[segments.length - 1];
  const aboutKey = /unknown key/.test(error.message) || (typeof last === 'string' && error.message.startsWith(`\`${last}\``));
  if (aboutKey && key) return { from: key.offset, to: key.offset + key.length };
  return { from: node.offset, to: node.offset + node.length };
}

// ---------------------------------------------------------------- the schema's completion

/** The part of JSON Schema the generated schema uses. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly $defs?: Record<string, JsonSchema>;
  readonly description?: string;
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
}

function deref(root: JsonSchema, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let guard = 0; cur.$ref && guard < 20; guard++) {
    const name = cur.$ref.replace(/^#\/\$defs\//, '');
    cur = root.$defs?.[name] ?? {};
  }
  return cur;
}

/** The schema and its union branches, flat. */
function branches(root: JsonSchema, s: JsonSchema): JsonSchema[] {
  const d = deref(root, s);
  const union = d.oneOf ?? d.anyOf;
  return union ? union.flatMap((b) => branches(root, b)) : [d];
}

/** Drops the object branches whose `const` keys disagree with the document's object there. */
function fitting(list: JsonSchema[], value: unknown): JsonSchema[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return list;
  const obj = value as Record<string, unknown>;
  const kept = list.filter((b) => {
    if (!b.properties) return true;
    return Object.entries(b.properties).every(([k, p]) => !(k in obj) || p.const === undefined || p.const === obj[k]);
  });
  return kept.length ? kept : list;
}

/** The schemas a document location may follow: the branches that fit the document on the way. */
export function schemasAt(root: JsonSchema, path: readonly Segment[], doc: unknown): JsonSchema[] {
  let current = fitting(branches(root, root), doc);
  let value: unknown = doc;
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      if (typeof seg === 'number') {
        if (s.items) next.push(s.items);
      } else if (s.properties?.[seg]) next.push(s.properties[seg]);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') next.push(s.additionalProperties);
    }
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg as never] : undefined;
    current = fitting(
      next.flatMap((s) => branches(root, s)),
      value,
    );
  }
  return current;
}

export interface Completion {
  readonly label: string;
  /** The text that replaces [from, to). */
  readonly apply: string;
  readonly detail?: string;
  readonly info?: string;
}

export interface Completions {
  /** Keys (labels without quotes, applied with them) or values (labels as JSON). */
  readonly kind: 'key' | 'value';
  readonly from: number;
  readonly to: number;
  readonly options: readonly Completion[];
}

/** The value of a text that may not parse: what jsonc-parser's tree recovers, for picking branches. */
function valueOf(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const p of node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (k && typeof k.value === 'string') out[k.value] = valueOf(v);
    }
    return out;
  }
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  return node.value;
}

function typeWords(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  return s.type ?? (s.anyOf || s.oneOf ? 'one of several' : '');
}

/**
 * The schema's keys (at a key position: those the object does not have yet) or values
 * (`const`, `enum`, `true`/`false`, `null`) at `pos`; null when it offers nothing.
 */
export function completionsAt(root: JsonSchema, text: string, pos: number): Completions | null {
  const loc = getLocation(text, pos);
  const tree = parseTree(text);
  const doc = valueOf(tree);
  const prev = loc.previousNode;
  // the string token under the cursor: jsonc-parser gives a key as a `property` node of the key's extent
  const inString = prev !== undefined && (prev.type === 'string' || prev.type === 'property') && pos > prev.offset && pos <= prev.offset + prev.length;
  if (loc.isAtPropertyKey) {
    const objectPath = loc.path.slice(0, -1);
    const objectNode = tree ? findNodeAtLocation(tree, objectPath) : undefined;
    const existing = new Set<string>();
    for (const p of objectNode?.type === 'object' ? (objectNode.children ?? []) : []) {
      const k = p.children?.[0];
      if (k && k !== prev && typeof k.value === 'string') existing.add(k.value);
    }
    const seen = new Map<string, Completion>();
    for (const s of schemasAt(root, objectPath, doc)) {
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (existing.has(k) || seen.has(k)) continue;
        const d = deref(root, p);
        seen.set(k, { label: k, apply: JSON.stringify(k), detail: typeWords(d), info: d.description ?? p.description });
      }
    }
    if (!seen.size) return null;
    const from = inString ? prev!.offset : pos;
    const to = inString ? prev!.offset + prev!.length : pos;
    // a key typed fresh gets its colon; one edited in place keeps what follows
    const colon = !inString || !/^\s*:/.test(text.slice(to));
    return { kind: 'key', from, to, options: [...seen.values()].map((c) => (colon ? { ...c, apply: `${c.apply}: ` } : c)) };
  }
  const values = new Map<string, Completion>();
  for (const s of schemasAt(root, loc.path, doc)) {
    for (const b of branches(root, s)) {
      const add = (v: unknown) => {
        const t = JSON.stringify(v);
        if (!values.has(t)) values.set(t, { label: t, apply: t, detail: b.description ? undefined : b.type, info: b.description ?? s.description });
      };
      if (b.const !== undefined) add(b.const);
      for (const v of b.enum ?? []) add(v);
      if (b.type === 'boolean') {
        add(true);
        add(false);
      }
      if (b.type === 'null') add(null);
    }
  }
  if (!values.size) return null;
  const replace = prev && pos >= prev.offset && pos <= prev.offset + prev.length && prev.type !== 'object' && prev.type !== 'array';
  return { kind: 'value', from: replace ? prev!.offset : pos, to: replace ? prev!.offset + prev!.length : pos, options: [...values.values()] };
}
