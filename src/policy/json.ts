// Reading untrusted JSON text: size limit, syntax errors with line and column,
// refused prototype keys, bounded nesting. Never throws.
import type { PolicyError } from './errors';
import { formatPath } from './errors';
import type { PathSegment } from './errors';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonResult = { ok: true; value: unknown } | { ok: false; errors: PolicyError[] };

export function tooLarge(bytes: number): PolicyError | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return { path: '', message: `the file is ${mb} MB; policy files are limited to 50 MB` };
}

export function parseJsonText(text: string): JsonResult {
  const size = tooLarge(text.length);
  if (size) return { ok: false, errors: [size] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [syntaxError(text, error)] };
  }
  const errors = checkTree(value);
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function syntaxError(text: string, error: unknown): PolicyError {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(raw);
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const detail = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  const message = `not valid JSON: ${lowerFirst(detail)}`;
  return { path: '', message, line, column };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Walks the parsed value without recursion: refuses prototype keys and deep nesting. */
function checkTree(root: unknown): PolicyError[] {
  const errors: PolicyError[] = [];
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      errors.push({ path: formatPath(path), message: `nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        errors.push({ path: formatPath([...path, key]), message: `the key \`${key}\` is not allowed` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return errors;
}
