// Reading untrusted JSON text: size limit, syntax errors with line and column,
// refused prototype keys, bounded nesting. Never throws.
import type { PolicyError } from './errors';
import { formatPath, omittedErrors } from './errors';
import type { PathSegment } from './errors';

/**
 * The most bytes a policy file may have, wherever it is read (command line, import,
 * pull). 150 MB holds a pulled workspace of about 230,000 rich fact sheets (about 650
 * bytes each; 340,000 lean ones at 460), while `sealcheck validate` of a 125 MB pull
 * (200,000 fact sheets) peaked at about 760 MB of memory: the limit lets a real
 * workspace through and still refuses runaway input (see BENCHMARKS.md, pull).
 */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;
export const MAX_DEPTH = 64;
/** The most fact sheet types a LeanIX file may declare. */
export const MAX_TYPES = 10_000;
/** The most fields and relations one fact sheet type may declare. */
export const MAX_QUALIFIERS_PER_TYPE = 10_000;
/** A file's first this many errors are reported in full; a last error counts the rest. */
export const MAX_REPORTED_ERRORS = 1000;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonResult = { ok: true; value: unknown } | { ok: false; errors: PolicyError[] };

/**
 * A size for messages: `150 MB` for a whole number of MB, else one decimal (rounded up,
 * so that a file just over a limit does not read as the limit), in kB below 1 MB.
 */
export function sizeText(bytes: number): string {
  const unit = bytes >= 1024 * 1024 ? 1024 * 1024 : 1024;
  const n = bytes / unit;
  const shown = Number.isInteger(n) ? String(n) : (Math.ceil(n * 10) / 10).toFixed(1);
  return `${shown} ${unit === 1024 ? 'kB' : 'MB'}`;
}

/** The error for a file of `bytes` bytes, or null when it is within the limit (MAX_FILE_BYTES unless given). */
export function tooLarge(bytes: number, limit: number = MAX_FILE_BYTES): PolicyError | null {
  if (bytes <= limit) return null;
  return { path: '', message: `the file is ${sizeText(bytes)}; policy files are limited to ${sizeText(limit)}` };
}

/** The UTF-8 size of `text` in bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Parses the text of a policy file: size (at most `limit` bytes of UTF-8), then syntax. Checks nothing of the content. */
export function parseJsonText(text: string, limit: number = MAX_FILE_BYTES): JsonResult {
  // Every UTF-16 unit is at most 3 bytes: a short text needs no exact count.
  const size = text.length * 3 <= limit ? null : tooLarge(utf8Length(text), limit);
  if (size) return { ok: false, errors: [size] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte order mark is not an error
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [syntaxError(body, error)] };
  }
  const duplicates = duplicateKeys(body);
  if (duplicates.length) return { ok: false, errors: duplicates };
  return { ok: true, value };
}

// ---------------------------------------------------------------- bytes

/**
 * The text of a policy file's bytes: the size limit, then UTF-8, strictly (a byte
 * order mark is kept: parseJsonText skips it). Invalid UTF-8 is refused with the
 * byte offset of the first byte that is not part of a valid sequence, and its line
 * and column.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: PolicyError[] } {
  const size = tooLarge(bytes.length);
  if (size) return { ok: false, errors: [size] };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = invalidUtf8At(bytes);
    // Everything before `at` is valid UTF-8: decode it to count lines and columns.
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, Math.max(0, at)));
    const shown = at >= 0 && at < bytes.length ? `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}` : 'a byte';
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `not valid UTF-8: ${shown} at byte offset ${Math.max(0, at).toLocaleString('en-US')} starts no valid character; policy files are JSON in UTF-8`,
          ...lineColumn(before, before.length),
        },
      ],
    };
  }
}

/**
 * Offset of the first byte that does not start (or continue) a valid UTF-8 sequence:
 * no overlong forms, no surrogates, nothing above U+10FFFF (what a fatal TextDecoder
 * refuses). -1 when every byte is valid.
 */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    if (i + need >= n) return i; // the file ends inside the sequence
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

// ---------------------------------------------------------------- duplicate keys


/**
 * Keys written twice in one object, anywhere in valid JSON text: JSON.parse keeps
 * the last, a reader sees the first. Each is reported at its second (third, ...)
 * occurrence, with the path of the key and its line and column; the message names
 * where the first one is. One pass over the text without recursion.
 */
export function duplicateKeys(text: string): PolicyError[] {
  interface Frame {
    readonly object: boolean;
    /** Objects: the keys seen and the offsets of their first occurrence, in lists while few, then in a map. */
    readonly names: string[];
    readonly offsets: number[];
    map: Map<string, number> | null;
    /** The key or index of the value being read. */
    at: PathSegment;
    expectKey: boolean;
  }
  const found: { path: PathSegment[]; key: string; offset: number; first: number }[] = [];
  let more = 0;
  const stack: Frame[] = [];
  let top: Frame | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // the closing quote: the next one not escaped (valid JSON: after an even run of backslashes)
      let end = text.indexOf('"', i + 1);
      let escaped = text.charCodeAt(end - 1) === 0x5c;
      while (escaped) {
        let slashes = 1;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
        escaped = text.charCodeAt(end - 1) === 0x5c;
      }
      const start = i;
      i = end;
      if (top === null || !top.expectKey) continue;
      const raw = text.slice(start + 1, end);
      const key = raw.indexOf('\\') < 0 ? raw : (JSON.parse(`"${raw}"`) as string);
      top.expectKey = false;
      top.at = key;
      let first = -1;
      if (top.map !== null) first = top.map.get(key) ?? -1;
      else {
        const k = top.names.indexOf(key);
        if (k >= 0) first = top.offsets[k]!;
      }
      if (first < 0) {
        if (top.map !== null) top.map.set(key, start);
        else {
          top.names.push(key);
          top.offsets.push(start);
          if (top.names.length > 16) top.map = new Map(top.names.map((name, k) => [name, top!.offsets[k]!]));
        }
      } else if (found.length < MAX_REPORTED_ERRORS) found.push({ path: [...stack.slice(0, -1).map((f) => f.at), key], key, offset: start, first });
      else more++;
      continue;
    }
    if (c === 0x7b /* { */) {
      top = { object: true, names: [], offsets: [], map: null, at: '', expectKey: true };
      stack.push(top);
    } else if (c === 0x5b /* [ */) {
      top = { object: false, names: [], offsets: [], map: null, at: 0, expectKey: false };
      stack.push(top);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      top = stack.length ? stack[stack.length - 1]! : null;
    } else if (c === 0x2c /* , */ && top !== null) {
      if (top.object) top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  const places = lineColumns(text, found.flatMap((d) => [d.first, d.offset]));
  const errors = found.map(({ path, key }, i): PolicyError => {
    const first = places[2 * i]!;
    const inside = path.length > 1 ? ` in \`${formatPath(path.slice(0, -1))}\`` : '';
    return {
      path: formatPath(path),
      message: `duplicate key \`${key}\`${inside}: already at line ${first.line}, column ${first.column}; a reader sees the first value and Sealcheck would use the last, keep one`,
      ...places[2 * i + 1]!,
    };
  });
  if (more) errors.push(omittedErrors(more));
  return errors;
}

/** lineColumn of many offsets, in one pass over the text. */
function lineColumns(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const out: { line: number; column: number }[] = new Array(offsets.length);
  let line = 1;
  let start = 0;
  let next = text.indexOf('\n');
  for (const i of order) {
    const offset = offsets[i]!;
    while (next >= 0 && next < offset) {
      line++;
      start = next + 1;
      next = text.indexOf('\n', start);
    }
    out[i] = { line, column: offset - start + 1 };
  }
  return out;
}

function syntaxError(text: string, error: unknown): PolicyError {
  const found = locateSyntaxError(text);
  if (found) return { path: '', message: found.message, ...lineColumn(text, found.offset) };
  // JSON.parse failed but the scanner found nothing (e.g. the engine ran out of stack).
  const raw = error instanceof Error ? error.message : String(error);
  return { path: '', message: `not valid JSON: ${lowerFirst(raw.split('\n')[0]!.slice(0, 120))}`, line: 1, column: 1 };
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------- syntax errors

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_$.+-]+/y;

/**
 * Finds the first syntax error of JSON text, without recursion: its offset and a
 * message in the product's words; null when the text is valid JSON. Also refuses
 * nesting deeper than MAX_DEPTH, which JSON.parse may not survive.
 */
export function locateSyntaxError(text: string): { offset: number; message: string } | null {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const fail = (offset: number, message: string) => ({ offset, message: `not valid JSON: ${message}` });
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const found = (): string => {
    if (i >= text.length) return 'the end of the file';
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      const shown = end < 0 || end - i > 30 ? `${text.slice(i, i + 30)}...` : text.slice(i, end + 1);
      return `\`${shown}\``;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    const shown = word ? word[0].slice(0, 30) : text[i]!;
    return `\`${shown}\``;
  };
  /** Reads a string starting at the quote at `i`; returns an error or null. */
  const string = (): { offset: number; message: string } | null => {
    const start = i;
    i++;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return null;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, '`\\u` must be followed by four hexadecimal digits');
          i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) return fail(i, `\`\\${next ?? ''}\` is not an escape JSON knows; write \`\\\\\` for a backslash`);
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) {
        return fail(i, ch === '\n' || ch === '\r' ? 'a line break inside text; write `\\n` or close the text with `"`' : 'a control character inside text; escape it');
      }
      i++;
    }
    return fail(start, 'the text starting here is never closed with `"`');
  };
  /** Reads one scalar or opens a container at `i`. */
  const value = (): { offset: number; message: string } | null => {
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_DEPTH) return fail(i, `nested deeper than ${MAX_DEPTH} levels`);
      stack.push(ch);
      i++;
      return null;
    }
    if (ch === '"') return string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      WORD.lastIndex = i;
      const word = WORD.exec(text)![0];
      if (!match || match[0].length !== word.length) return fail(i, `\`${word.slice(0, 30)}\` is not a number JSON knows`);
      i += match[0].length;
      return null;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        WORD.lastIndex = i;
        if (WORD.exec(text)![0] === literal) {
          i += literal.length;
          return null;
        }
      }
    }
    if (ch === undefined) return fail(i, 'the file ends where a value is expected');
    const hint = ch === "'" ? ' (JSON text is written in double quotes)' : /[A-Za-z]/.test(ch) ? ' (text is written in double quotes; `true`, `false` and `null` in lowercase)' : '';
    return fail(i, `expected a value, found ${found()}${hint}`);
  };

  // Each state expects one thing next.
  type State = 'value' | 'firstItem' | 'firstKey' | 'key' | 'colon' | 'afterValue';
  let state: State = 'value';
  for (;;) {
    skip();
    const ch = text[i];
    switch (state) {
      case 'value':
      case 'firstItem': {
        if (state === 'firstItem' && ch === ']') {
          stack.pop();
          i++;
          state = 'afterValue';
          break;
        }
        if (ch === ']' || ch === '}') {
          const comma = text.lastIndexOf(',', i);
          const trailing = comma >= 0 && text.slice(comma + 1, i).trim() === '' && stack.length > 0;
          return fail(i, trailing ? `\`${ch}\` after \`,\`: JSON allows no comma after the last item` : `expected a value, found \`${ch}\``);
        }
        const before = stack.length;
        const error = value();
        if (error) return error;
        state = stack.length > before ? (text[i - 1] === '{' ? 'firstKey' : 'firstItem') : 'afterValue';
        break;
      }
      case 'firstKey':
      case 'key': {
        if (ch === '}') {
          if (state === 'key') return fail(i, '`}` after `,`: JSON allows no comma after the last key');
          stack.pop();
          i++;
          state = 'afterValue';
          break;
        }
        if (ch !== '"') {
          if (ch === undefined) return fail(i, 'the file ends where a key is expected');
          return fail(i, `expected a key in double quotes, found ${found()}`);
        }
        const error = string();
        if (error) return error;
        state = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return fail(i, `expected \`:\` after the key, found ${found()}`);
        i++;
        state = 'value';
        break;
      case 'afterValue': {
        const open = stack[stack.length - 1];
        if (open === undefined) {
          if (i >= text.length) return null;
          return fail(i, `unexpected ${found()} after the end of the JSON value`);
        }
        const close = open === '{' ? '}' : ']';
        if (ch === ',') {
          i++;
          state = open === '{' ? 'key' : 'value';
          break;
        }
        if (ch === close) {
          stack.pop();
          i++;
          break;
        }
        if (ch === undefined) return fail(i, `the file ends inside ${open === '{' ? 'an object' : 'a list'}: expected \`,\` or \`${close}\``);
        const missingComma = /["\[{\-0-9tfn]/.test(ch) ? '; is a `,` missing before it?' : '';
        return fail(i, `expected \`,\` or \`${close}\`, found ${found()}${missingComma}`);
      }
    }
  }
}

// ---------------------------------------------------------------- content

/**
 * Walks a parsed value without recursion: reports prototype keys and nesting
 * deeper than MAX_DEPTH, in document order. `deep` is true when the value is too
 * deep to check further.
 */
export function checkTree(root: unknown): { errors: PolicyError[]; deep: boolean } {
  // Each node keeps its parent and key; a path is built only for an error.
  interface Node {
    readonly value: unknown;
    readonly depth: number;
    readonly parent: Node | null;
    readonly key: PathSegment;
  }
  const pathOf = (node: Node | null, last?: PathSegment): string => {
    const path: PathSegment[] = last === undefined ? [] : [last];
    for (let n = node; n && n.parent; n = n.parent) path.push(n.key);
    return formatPath(path.reverse());
  };
  const errors: PolicyError[] = [];
  let deep = false;
  const stack: Node[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length) {
    const node = stack.pop()!;
    const value = node.value;
    if (value === null || typeof value !== 'object') continue;
    if (node.depth >= MAX_DEPTH) {
      errors.push({ path: pathOf(node), message: `nested deeper than ${MAX_DEPTH} levels` });
      deep = true;
      continue;
    }
    const depth = node.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth, parent: node, key: i });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) errors.push({ path: pathOf(node, key), message: `the key \`${key}\` is not allowed in a policy file` });
    }
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const item = record[key];
      if (!FORBIDDEN_KEYS.has(key) && item !== null && typeof item === 'object') stack.push({ value: item, depth, parent: node, key });
    }
  }
  return { errors, deep };
}

/** A copy of a checked tree (no deeper than MAX_DEPTH) without its prototype keys. */
export function withoutForbiddenKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutForbiddenKeys);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!FORBIDDEN_KEYS.has(key)) out[key] = withoutForbiddenKeys(item);
  }
  return out;
}
