// The pulled file's text, and `--keep`: the kept file's `scenarios`, `settings`,
// `name` and `description` carry over, and its text changes only where the pull
// changes it (each pulled key's value is replaced in place, keys keep their order,
// indentation and line ends stay the file's own). Then the file is validated as it
// will be written (its size, and every value its text holds), so a pull never writes
// an invalid file.
import { visit } from 'jsonc-parser';
import { MAX_FILE_BYTES, parseJsonText, utf8Length } from '../policy/json';
import { validatePolicy } from '../policy/validate';
import { describeError } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import { fail } from './failure';
import { LineStore } from './lines';
import { PULLED_PREFIX } from './notes';
import { isObject } from './read';

export interface Kept {
  readonly text: string;
  /** The kept file's keys that no pull writes (`$schema`, ...): they stay in the file, and are validated with it. */
  readonly extra: Record<string, unknown>;
  readonly name?: string;
  /** A description of the team's own; one that pull wrote is not kept. */
  readonly description?: string;
  readonly settings?: unknown;
  readonly scenarios?: unknown;
  /** Keys whose values the pull writes anew: the text holds `[]` for them, and the pull must write them. */
  readonly replaced: readonly string[];
}

/** Every key a pull writes, on either platform; the rest of a kept file is its own. */
const PULLED_KEYS: readonly string[] = [
  'format', 'version', 'platform', 'name', 'description', 'asOf', 'settings', 'scenarios',
  'subscriptionRoles', 'factSheetTypes', 'roles', 'users', 'factSheets', 'datastores', 'teams', 'tokens',
];

/** Keys of a kept file that are read: what is kept, and the platform. */
const READ_KEYS = new Set(['platform', 'name', 'description', 'settings', 'scenarios']);

/**
 * Reads the file to keep from; it must be a JSON object of the same platform. Only
 * what is kept is parsed and held: a kept pull of 100,000 fact sheets is not read into
 * objects (its JSON syntax is still checked, by the scan).
 */
export function readKeep(text: string, platform: 'leanix' | 'qualytics', replaced: readonly string[] = []): Kept {
  const notJson = (): never => {
    const json = parseJsonText(text);
    return fail({ kind: 'keep', message: json.ok ? 'the file to keep from is not a policy file (not a JSON object)' : `the file to keep from is not JSON: ${describeError(json.errors[0]!)}` });
  };
  const scanned = topLevel(text);
  if (!scanned) return notJson();
  const values = new Map<string, unknown>();
  const seen = new Set<string>();
  for (const property of scanned.properties) {
    if (seen.has(property.key)) fail({ kind: 'keep', message: `the file to keep from has the key \`${property.key}\` twice` });
    seen.add(property.key);
    if (PULLED_KEYS.includes(property.key) && !READ_KEYS.has(property.key)) continue;
    const json = parseJsonText(text.slice(property.valueOffset, property.valueEnd));
    if (!json.ok) return notJson();
    values.set(property.key, json.value);
  }
  const file = Object.fromEntries(values);
  if (file.platform !== platform) {
    fail({ kind: 'keep', message: `the file to keep from is ${typeof file.platform === 'string' ? `a \`${file.platform}\`` : 'not a'} policy file, not a \`${platform}\` one` });
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of values) if (!PULLED_KEYS.includes(key)) extra[key] = value;
  // The values of `replaced` keys (a LeanIX pull's fact sheets: 44 MB in a kept pull of
  // 100,000) are written anew by the pull: their text need not be held through it. Joined,
  // not sliced, so that the new text does not keep the old one alive.
  let held = text;
  const dropped = scanned.properties.filter((p) => replaced.includes(p.key) && p.valueEnd - p.valueOffset > 2);
  if (dropped.length > 0) {
    const parts: string[] = [];
    let from = 0;
    for (const p of dropped) {
      parts.push(text.slice(from, p.valueOffset), '[]');
      from = p.valueEnd;
    }
    parts.push(text.slice(from));
    held = parts.join('');
  }
  const kept: { -readonly [K in keyof Kept]: Kept[K] } = { text: held, extra, replaced };
  if (typeof file.name === 'string') kept.name = file.name;
  if (typeof file.description === 'string' && !file.description.startsWith(PULLED_PREFIX)) kept.description = file.description;
  if ('settings' in file && platform === 'leanix') kept.settings = file.settings;
  if ('scenarios' in file) kept.scenarios = file.scenarios;
  return kept;
}

/** The keys of `doc` whose value came from the kept file. */
export function keptKeys(kept: Kept): Set<string> {
  const keys = new Set<string>();
  if (kept.name !== undefined) keys.add('name');
  if (kept.description !== undefined) keys.add('description');
  if (kept.settings !== undefined) keys.add('settings');
  if (kept.scenarios !== undefined) keys.add('scenarios');
  return keys;
}

interface Layout {
  /** One level of indentation, '' for a file on one line. */
  readonly unit: string;
  readonly newline: string;
  /** What separates a key from its value: `: ` or, in a file on one line, maybe `:`. */
  readonly colon: string;
}

/** A top-level property of a JSON object's text: where its key starts and its value lies. */
interface Property {
  readonly key: string;
  readonly offset: number;
  /** Just after the key's closing quote. */
  readonly keyEnd: number;
  readonly valueOffset: number;
  readonly valueEnd: number;
}

/**
 * The top-level properties of a JSON object's text, or null when it is not one (or not
 * JSON): one scan that builds nothing below the top level, so that a kept file of
 * 100,000 fact sheets costs no tree.
 */
function topLevel(text: string): { offset: number; properties: Property[] } | null {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let failed = false;
  let depth = 0;
  let root = -1;
  let isObject = false;
  const properties: Property[] = [];
  let key: { key: string; offset: number; keyEnd: number } | null = null;
  let valueOffset = -1;
  const value = (offset: number, end: number) => {
    if (key) properties.push({ ...key, valueOffset: offset, valueEnd: end });
    key = null;
  };
  const begin = (offset: number, object: boolean) => {
    if (depth === 0) {
      root = offset;
      isObject = object;
    } else if (depth === 1) valueOffset = offset;
    depth++;
  };
  const end = (offset: number, length: number) => {
    depth--;
    if (depth === 1) value(valueOffset, offset + length);
  };
  visit(bom ? text.slice(1) : text, {
    onError: () => {
      failed = true;
    },
    onObjectBegin: (offset) => begin(offset, true),
    onObjectEnd: end,
    onArrayBegin: (offset) => begin(offset, false),
    onArrayEnd: end,
    onObjectProperty: (property, offset, length) => {
      if (depth === 1) key = { key: property, offset, keyEnd: offset + length };
    },
    onLiteralValue: (_value, offset, length) => {
      if (depth === 1) value(offset, offset + length);
    },
  });
  if (failed || !isObject || root < 0) return null;
  if (!bom) return { offset: root, properties };
  const shift = (p: Property): Property => ({ ...p, offset: p.offset + 1, keyEnd: p.keyEnd + 1, valueOffset: p.valueOffset + 1, valueEnd: p.valueEnd + 1 });
  return { offset: root + 1, properties: properties.map(shift) };
}

function layoutOf(text: string, root: number, first: Property | undefined): Layout {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (!first) return { unit: '  ', newline, colon: ': ' };
  const between = text.slice(first.keyEnd, first.valueOffset);
  const colon = /^\s*:\s*$/.test(between) && !/[\r\n]/.test(between) ? `:${between.slice(between.indexOf(':') + 1)}` : ': ';
  const lineStart = text.lastIndexOf('\n', first.offset);
  if (lineStart < root) return { unit: '', newline: '', colon };
  const unit = text.slice(lineStart + 1, first.offset);
  return { unit: /^[ \t]+$/.test(unit) ? unit : '  ', newline, colon };
}

/**
 * Items already written as JSON text, one string each: a pulled workspace's fact
 * sheets, each written as soon as it is final, so that a pull holds 100,000 short
 * strings rather than 100,000 object trees. In the file they stay one a line, so that
 * a weekly pull's diff shows each changed fact sheet as one changed line.
 */
export class JsonLines {
  /** `lines`: strings, or a LineStore (a pull's: the lines as bytes, outside the heap). */
  constructor(readonly lines: readonly string[] | LineStore) {}
  get length(): number {
    return this.lines.length;
  }
  /** Item `i`'s JSON text. */
  line(i: number): string {
    return this.lines instanceof LineStore ? this.lines.get(i) : this.lines[i]!;
  }
  /** Items `start` to `end` as values. */
  parse(start: number, end: number): unknown[] {
    const out: unknown[] = [];
    for (let i = start; i < end && i < this.length; i++) out.push(JSON.parse(this.line(i)));
    return out;
  }
}

/**
 * The same items read back from the file text, where each is one line: once the
 * text is written the lines need not be held twice, and what is validated is the
 * text itself. Read in order, a batch after another.
 */
export class TextLines extends JsonLines {
  private index = 0;
  private offset: number;

  /** `at`: the offset of the list's `[` in `text`, which a line end follows. */
  constructor(private readonly text: string, private readonly at: number, private readonly count: number) {
    super([]);
    this.offset = text.indexOf('\n', at) + 1;
  }

  override get length(): number {
    return this.count;
  }

  override parse(start: number, end: number): unknown[] {
    if (start < this.index) {
      this.index = 0;
      this.offset = this.text.indexOf('\n', this.at) + 1;
    }
    const out: unknown[] = [];
    while (this.index < Math.min(end, this.count)) {
      const next = this.text.indexOf('\n', this.offset);
      let line = this.text.slice(this.offset, next < 0 ? undefined : next).trim();
      if (line.endsWith(',')) line = line.slice(0, -1);
      if (this.index >= start) out.push(JSON.parse(line));
      this.index++;
      this.offset = next + 1;
    }
    return out;
  }
}

/**
 * The text is built as pieces and joined once: a pulled workspace's 100,000 lines are
 * copied straight into the one flat string of the file, never into an intermediate
 * string (a joined list, or a concatenation V8 would copy again to flatten), so that
 * building it holds the lines and the text, no third copy.
 */
class Pieces {
  /** Strings, and every line of a LineStore with a separator between two. */
  private readonly list: (string | { readonly store: LineStore; readonly separator: string })[] = [];
  private bytes = false;
  /** The text's length so far, in UTF-16 units. */
  length = 0;
  push(piece: string): void {
    this.list.push(piece);
    this.length += piece.length;
  }
  /** Every line of `store` (each set for good), `separator` between two, copied as bytes when the text is made. */
  pushLines(store: LineStore, separator: string): void {
    this.list.push({ store, separator });
    for (let i = 0; i < store.length; i++) this.length += store.textLength(i);
    this.length += Math.max(0, store.length - 1) * separator.length;
    this.bytes = true;
  }
  /**
   * The text, refused (`too-large`) when its UTF-8 is over `limit` bytes. Lines held as
   * bytes are copied into one buffer with the rest and decoded once; the size is known
   * before that buffer is made, so a pull over the limit never makes it.
   */
  text(limit: number): string {
    if (!this.bytes) {
      const text = this.list.join('');
      checkSize(text, limit);
      return text;
    }
    const encoder = new TextEncoder();
    const parts = this.list.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : { store: piece.store, separator: encoder.encode(piece.separator) }));
    let size = 0;
    for (const part of parts) {
      if (part instanceof Uint8Array) size += part.length;
      else {
        for (let i = 0; i < part.store.length; i++) size += part.store.byteLength(i);
        size += Math.max(0, part.store.length - 1) * part.separator.length;
      }
    }
    if (size > limit) fail({ kind: 'too-large', bytes: size, limit });
    const all = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      if (part instanceof Uint8Array) {
        all.set(part, at);
        at += part.length;
        continue;
      }
      for (let i = 0; i < part.store.length; i++) {
        if (i > 0) {
          all.set(part.separator, at);
          at += part.separator.length;
        }
        at += part.store.copyTo(i, all, at);
      }
    }
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(all);
  }
}

/** `[`, one item a line one level in, `]` at `indent`; on one line when the layout has no newline. */
function pushLines(out: Pieces, items: JsonLines, indent: string, unit: string, newline: string): void {
  if (items instanceof TextLines) throw new Error('TextLines are read back from a text, not written');
  const lines = items.lines;
  if (lines.length === 0) return out.push('[]');
  const lead = newline === '' ? '' : `${newline}${indent}${unit}`;
  out.push(`[${lead}`);
  if (lines instanceof LineStore && lines.allSet()) out.pushLines(lines, `,${lead}`);
  else {
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) out.push(`,${lead}`);
      out.push(items.line(i));
    }
  }
  out.push(newline === '' ? ']' : `${newline}${indent}]`);
}

/** The JSON of `value` as the value of a top-level key in a file with this layout. */
function pushValue(out: Pieces, value: unknown, layout: Layout): void {
  if (value instanceof JsonLines) return pushLines(out, value, layout.unit, layout.unit, layout.newline);
  if (layout.unit === '') return out.push(JSON.stringify(value));
  const text = JSON.stringify(value, null, layout.unit);
  out.push(text.includes('\n') ? text.replace(/\n/g, `${layout.newline}${layout.unit}`) : text);
}

/** Fails with `too-large` when `text` has more than `limit` bytes of UTF-8. */
function checkSize(text: string, limit: number): void {
  // Every UTF-16 unit is at most 3 bytes: a short text needs no exact count.
  if (text.length * 3 <= limit) return;
  const bytes = utf8Length(text);
  if (bytes > limit) fail({ kind: 'too-large', bytes, limit });
}

const PLACEHOLDER = '\u0000sealcheck:lines\u0000';

/** The text, and where in it a JsonLines value's `[` is (by key). */
interface Written {
  readonly text: string;
  readonly at: Map<string, number>;
}

/** A fresh file: indented by two spaces, JsonLines one item a line. */
function freshText(doc: Record<string, unknown>, limit: number): Written {
  const lines = Object.entries(doc).filter((entry): entry is [string, JsonLines] => entry[1] instanceof JsonLines);
  const skeleton = JSON.stringify(doc, (_key, value: unknown) => (value instanceof JsonLines ? PLACEHOLDER : value), 2);
  const found = lines.map(([key, value]) => {
    const marker = `${JSON.stringify(key)}: ${JSON.stringify(PLACEHOLDER)}`;
    return { key, value, offset: skeleton.indexOf(marker), marker };
  });
  found.sort((a, b) => a.offset - b.offset);
  const out = new Pieces();
  const at = new Map<string, number>();
  let from = 0;
  for (const { key, value, offset, marker } of found) {
    out.push(`${skeleton.slice(from, offset)}${JSON.stringify(key)}: `);
    at.set(key, out.length);
    pushLines(out, value, '  ', '  ', '\n');
    from = offset + marker.length;
  }
  out.push(`${skeleton.slice(from)}\n`);
  return { text: out.text(limit), at };
}

/** The file text: a fresh file, or the kept file's text with the pulled keys replaced or added; `too-large` over `limit` bytes. */
export function fileText(doc: Record<string, unknown>, kept: Kept | null, limit: number = MAX_FILE_BYTES): string {
  return written(doc, kept, limit).text;
}

/**
 * The file text, and `doc` as the text holds it: each JsonLines value that stands one
 * item a line in the text is read back from the text (TextLines), so that a caller who
 * lets go of `doc` no longer holds the lines twice, and validates the text itself.
 */
export function fileTextAndDoc(doc: Record<string, unknown>, kept: Kept | null, limit: number = MAX_FILE_BYTES): { text: string; doc: Record<string, unknown> } {
  const out = written(doc, kept, limit);
  const reread: Record<string, unknown> = { ...doc };
  for (const [key, at] of out.at) {
    const value = doc[key];
    const multiline = out.text[at + 1] === '\n' || out.text.startsWith('\r\n', at + 1);
    if (value instanceof JsonLines && value.length > 0 && multiline) reread[key] = new TextLines(out.text, at, value.length);
  }
  return { text: out.text, doc: reread };
}

function written(doc: Record<string, unknown>, kept: Kept | null, limit: number): Written {
  return kept === null ? freshText(doc, limit) : keptText(doc, kept, limit);
}

function keptText(doc: Record<string, unknown>, kept: Kept, limit: number): Written {
  const text = kept.text;
  const scanned = topLevel(text);
  if (!scanned) return fail({ kind: 'keep', message: 'the file to keep from is not a JSON object' });
  const layout = layoutOf(text, scanned.offset, scanned.properties[0]);
  const own = keptKeys(kept);
  for (const key of kept.replaced) if (!(key in doc) || own.has(key)) fail({ kind: 'internal', message: `the kept file's \`${key}\` was left out, but the pull does not write it` });
  const present = new Map<string, Property>();
  for (const property of scanned.properties) if (!present.has(property.key)) present.set(property.key, property);
  /** An edit: `before`, the value, `after` in place of `length` characters at `offset`; `lines`: the key of a JsonLines value. */
  const edits: { offset: number; length: number; key: string; before: string; after: string; lines: boolean }[] = [];
  const order = Object.keys(doc);
  const root = scanned.offset;
  const empty = scanned.properties.length === 0;
  for (const key of order) {
    if (own.has(key)) continue;
    const lines = doc[key] instanceof JsonLines;
    const property = present.get(key);
    if (property) {
      edits.push({ offset: property.valueOffset, length: property.valueEnd - property.valueOffset, key, before: '', after: '', lines });
      continue;
    }
    // A key the kept file lacks goes after the nearest key before it (in the pulled order) that the file has.
    const head = `${JSON.stringify(key)}${layout.colon}`;
    let anchor: Property | undefined;
    for (let i = order.indexOf(key) - 1; i >= 0 && !anchor; i--) anchor = present.get(order[i]!);
    const lead = `${layout.newline}${layout.unit}`;
    if (anchor) edits.push({ offset: anchor.valueEnd, length: 0, key, before: `,${lead}${head}`, after: '', lines });
    else if (!empty) edits.push({ offset: root + 1, length: 0, key, before: `${lead}${head}`, after: ',', lines });
    else edits.push({ offset: root + 1, length: 0, key, before: `${lead}${head}`, after: layout.newline, lines });
  }
  // One pass from the start; insertions at one anchor keep the pulled order.
  const indexed = edits.map((edit, i) => ({ ...edit, i }));
  indexed.sort((a, b) => a.offset - b.offset || a.i - b.i);
  const out = new Pieces();
  const at = new Map<string, number>();
  let from = 0;
  for (const edit of indexed) {
    out.push(`${text.slice(from, edit.offset)}${edit.before}`);
    if (edit.lines) at.set(edit.key, out.length);
    pushValue(out, doc[edit.key], layout);
    out.push(edit.after);
    from = edit.offset + edit.length;
  }
  out.push(text.slice(from));
  return { text: out.text(limit), at };
}

/** Fact sheets validated at a time: small enough that the validator's copies of a batch die young (measured: 1,000 a batch kept ~100 MB more garbage alive at 100,000 fact sheets). */
export const BATCH = 100;

const SHEET_PATH = /^factSheets\[(\d+)\]/;

/**
 * Validates the file as it will be written: `text`'s size, and `doc`, the values the
 * text holds (with --keep, plus the kept file's other keys). Fact sheets written as
 * JsonLines are parsed back from their lines and validated a batch at a time with the
 * types and subscription roles they need, then everything but the fact sheets once,
 * with the fact sheets the scenarios name, so that a workspace of 100,000 fact sheets
 * is never held as objects; the errors are those of the whole file, at their paths in it.
 */
export function checkFile(doc: Record<string, unknown>, text: string, kept: Kept | null, limit: number = MAX_FILE_BYTES): void {
  checkSize(text, limit);
  let file = doc;
  if (kept) {
    file = { ...doc };
    for (const [key, value] of Object.entries(kept.extra)) if (!(key in file)) file[key] = value;
  }
  const sheets = file.factSheets;
  if (!(sheets instanceof JsonLines)) {
    const result = validatePolicy(file);
    if (!result.ok) fail({ kind: 'invalid', errors: result.errors });
    return;
  }
  const errors: PolicyError[] = [];
  const seen = new Set<string>();
  const collect = (found: readonly PolicyError[], index: (k: number) => number) => {
    for (const error of found) {
      const path = error.path.replace(SHEET_PATH, (_, k: string) => `factSheets[${index(Number(k))}]`);
      const key = `${path}\u0000${error.message}\u0000${error.position ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(path === error.path ? error : { ...error, path });
    }
  };
  const wanted = new Set<unknown>();
  if (Array.isArray(file.scenarios)) {
    for (const scenario of file.scenarios) {
      if (isObject(scenario) && isObject(scenario.operation)) wanted.add(scenario.operation.factSheet);
    }
  }
  const named: { index: number; sheet: unknown }[] = [];
  const ids = new Map<unknown, number>();
  // A fact sheet's checks ask of a user only that it is declared: a batch goes with a
  // stand-in for each declared user its subscriptions name (the users themselves are
  // judged once, below).
  const declared = new Set<unknown>();
  if (Array.isArray(file.users)) for (const user of file.users) if (isObject(user)) declared.add(user.id);
  for (let start = 0; start < sheets.length; start += BATCH) {
    const batch = sheets.parse(start, start + BATCH);
    const subscribed = new Set<unknown>();
    batch.forEach((sheet, k) => {
      if (!isObject(sheet)) return;
      const earlier = ids.get(sheet.id);
      if (earlier !== undefined) errors.push({ path: `factSheets[${start + k}].id`, message: `duplicate fact sheet id \`${String(sheet.id)}\`: already declared at factSheets[${earlier}]` });
      else ids.set(sheet.id, start + k);
      if (wanted.has(sheet.id) && earlier === undefined) named.push({ index: start + k, sheet });
      if (Array.isArray(sheet.subscriptions)) for (const s of sheet.subscriptions) if (isObject(s)) subscribed.add(s.user);
    });
    // The other parts are judged once, below: of a batch only its fact sheets count.
    const stand = [...subscribed].filter((id) => declared.has(id)).map((id) => ({ id, kind: 'human', role: 'VIEWER' }));
    const result = validatePolicy({ ...file, roles: [], users: stand, factSheets: batch, scenarios: [] });
    if (!result.ok) collect(result.errors.filter((e) => SHEET_PATH.test(e.path)), (k) => start + k);
  }
  // Everything but the fact sheets, and the scenarios with the fact sheets they name.
  const whole = validatePolicy({ ...file, factSheets: named.map((n) => n.sheet) });
  if (!whole.ok) collect(whole.errors, (k) => named[k]!.index);
  if (errors.length) fail({ kind: 'invalid', errors: inFileOrder(errors, Object.keys(file)) });
}

/** By top-level key in the file's order, then by fact sheet; otherwise as found. */
function inFileOrder(errors: PolicyError[], keys: readonly string[]): PolicyError[] {
  const rank = (error: PolicyError): [number, number] => {
    const top = /^[A-Za-z$_][\w$]*/.exec(error.path)?.[0] ?? '';
    const sheet = SHEET_PATH.exec(error.path);
    return [keys.indexOf(top), sheet ? Number(sheet[1]) : -1];
  };
  return errors
    .map((error, i) => ({ error, i, rank: rank(error) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.i - b.i)
    .map((e) => e.error);
}
