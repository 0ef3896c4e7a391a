// Tolerant reading of platform answers: unknown keys are ignored, a missing optional
// part is accepted, and what does not fit ends the pull naming the request and the
// JSON path. A path is built only when something does not fit: callers pass the path
// of the object they read (one array per object) and the key.
import { describeValue, formatPath } from '../model/words';
import type { PathSegment } from '../model/words';
import { fail } from './failure';

export type Json = Record<string, unknown>;
export type Path = readonly PathSegment[];

/**
 * Where a value was read: the request (or saved file) and the path of the object,
 * as a chain to the parent (a path is spelled out only when something does not fit).
 */
export interface Where {
  readonly request: string;
  readonly parent: Where | null;
  readonly keys: Path;
}

export function top(request: string): Where {
  return { request, parent: null, keys: [] };
}

export function at(where: Where, ...keys: PathSegment[]): Where {
  return { request: where.request, parent: where, keys };
}

export function pathOf(where: Where): PathSegment[] {
  const chain: Path[] = [];
  for (let w: Where | null = where; w; w = w.parent) chain.push(w.keys);
  return chain.reverse().flat();
}

export function misfitAt(where: Where, key: PathSegment | undefined, message: string): never {
  const path = pathOf(where);
  if (key !== undefined) path.push(key);
  return fail({ kind: 'misfit', request: where.request, path: formatPath(path), message });
}

export function misfit(where: Where, key: PathSegment | undefined, expected: string, found: unknown): never {
  return misfitAt(where, key, `expected ${expected}, found ${describeValue(found)}`);
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value itself must be an object. */
export function asObject(value: unknown, where: Where): Json {
  if (!isObject(value)) misfit(where, undefined, 'an object', value);
  return value;
}

export function obj(parent: Json, key: string, where: Where): Json {
  const value = parent[key];
  if (!isObject(value)) misfit(where, key, 'an object', value);
  return value;
}

export function optObj(parent: Json, key: string, where: Where): Json | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) misfit(where, key, 'an object', value);
  return value;
}

export function list(parent: Json, key: string, where: Where): unknown[] {
  const value = parent[key];
  if (!Array.isArray(value)) misfit(where, key, 'a list', value);
  return value;
}

export function optList(parent: Json, key: string, where: Where): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) misfit(where, key, 'a list', value);
  return value;
}

export function str(parent: Json, key: string, where: Where): string {
  const value = parent[key];
  if (typeof value !== 'string' || value === '') misfit(where, key, 'non-empty text', value);
  return value;
}

export function optStr(parent: Json, key: string, where: Where): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') misfit(where, key, 'text', value);
  return value;
}

/** An id: text, or a whole number written as text. */
export function id(parent: Json, key: string, where: Where): string {
  const value = parent[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || value === '') misfit(where, key, 'an id (text or a whole number)', value);
  return value;
}

export function optBool(parent: Json, key: string, where: Where): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') misfit(where, key, '`true` or `false`', value);
  return value;
}

export function optNum(parent: Json, key: string, where: Where): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) misfit(where, key, 'a number', value);
  return value;
}

/** A list of texts; each item must be text. */
export function optStrings(parent: Json, key: string, where: Where): string[] {
  const items = optList(parent, key, where);
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') misfit(at(where, key), i, 'text', items[i]);
  return items as string[];
}

/** A date and time, written back in UTC (`2026-09-01T10:00:00Z`); null when absent. */
export function optTime(parent: Json, key: string, where: Where): string | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) misfit(where, key, 'a date and time', value);
  return isoSeconds(ms);
}

/** `2026-11-24T00:00:00Z` (milliseconds kept only when there are some). */
export function isoSeconds(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/** A comma-separated list (items trimmed, empty ones left out), a list of texts, or null. */
export function commaList(parent: Json, key: string, where: Where): string[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const out: string[] = [];
    for (const item of value.split(',')) {
      const trimmed = item.trim();
      if (trimmed) out.push(trimmed);
    }
    return out;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (typeof item !== 'string') misfit(at(where, key), i, 'text', item);
      return item.trim();
    }).filter((item) => item !== '');
  }
  return misfit(where, key, 'a comma-separated text or `null`', value);
}

/** One of the allowed words, or a misfit naming them. */
export function oneOf<T extends string>(parent: Json, key: string, where: Where, allowed: readonly T[]): T {
  const value = parent[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) misfit(where, key, allowed.map((a) => `\`${a}\``).join(', '), value);
  return value as T;
}
