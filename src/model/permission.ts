// The permission-string grammar. LeanIX stores Apache Shiro wildcard permissions, and
// Sealcheck reads them as Shiro does (the LeanIX meaning of each part is Sealcheck's
// reading; LeanIX does not publish one):
//   RESOURCE[:ACTIONS[:TYPE[:QUALIFIER]]]
// - one to four parts; a missing trailing part means `*`;
// - every part is a comma list, and the string grants every combination; `*` (also
//   inside a list) means every value of that part;
// - matching ignores letter case; resources and actions are read in their canonical
//   upper case, types and qualifiers match the declared names without case;
// - a qualifier other than `*` only where every resource of the string takes one.
// Spaces, empty parts and empty list items are errors. Error positions are 1-based
// character columns.
import { BASE_FIELDS, QUALIFIED_RESOURCES, RESOURCES, SHIRO_ACTIONS } from './vocabulary';
import type { Resource, ShiroAction } from './vocabulary';
import { suggestion } from './words';

/** One combination of a permission string: a resource, its actions, a type and a qualifier. */
export interface Grant {
  readonly resource: Resource;
  readonly actions: readonly ShiroAction[];
  /** A type name as written (matched without case) or `*`. */
  readonly type: string;
  /** A field, base field or relation name as written (matched without case), or `*`. */
  readonly qualifier: string;
  /** The string as written. */
  readonly source: string;
}

export interface GrammarError {
  /** 1-based column of the offending text. */
  readonly position: number;
  readonly message: string;
}

export type ParseResult = { ok: true; grants: Grant[] } | { ok: false; error: GrammarError };

/** What the workspace declares, so that types and qualifiers can be checked. */
export interface GrammarContext {
  readonly types: ReadonlyMap<string, { readonly fields: readonly string[]; readonly relations: readonly string[] }>;
}

export const PART_NAMES = ['resource', 'actions', 'type', 'qualifier'] as const;

const RESOURCE_BY_KEY = new Map<string, Resource>(RESOURCES.map((r) => [r, r]));
const ACTION_BY_KEY = new Map<string, ShiroAction>(SHIRO_ACTIONS.map((a) => [a, a]));
const BASE_BY_KEY = new Map<string, string>(BASE_FIELDS.map((f) => [f.toLowerCase(), f]));
const ACTION_WORDS = `${SHIRO_ACTIONS.slice(0, -1).join(', ')}, ${SHIRO_ACTIONS[SHIRO_ACTIONS.length - 1]} or \`*\``;

function fail(position: number, message: string): ParseResult {
  return { ok: false, error: { position, message } };
}

function shown(text: string): string {
  return text === '' ? 'nothing' : `\`${text}\``;
}

/** One comma item of a part: its text and its 1-based column. */
export interface PermissionItem {
  readonly text: string;
  readonly at: number;
}

/** One `:` part of a permission string: its text, its 1-based column and its comma items. */
export interface PermissionPart extends PermissionItem {
  readonly items: readonly PermissionItem[];
}

/**
 * The grammar's reading of a string into `:` parts and each part's comma items, with
 * 1-based columns; nothing is checked. parsePermission reads through it, and so does the
 * role designer's completion. Every part has at least one (maybe empty) item.
 */
export function tokenizePermission(source: string): PermissionPart[] {
  const parts: PermissionPart[] = [];
  let column = 1;
  for (const text of source.split(':')) {
    const items: PermissionItem[] = [];
    let at = column;
    for (const item of text.split(',')) {
      items.push({ text: item, at });
      at += item.length + 1;
    }
    parts.push({ text, at: column, items });
    column += text.length + 1;
  }
  return parts;
}

/** Case-insensitive lookup of a declared name: the declared spelling, or undefined. */
function declared(names: Iterable<string>, text: string): string | undefined {
  const key = text.toLowerCase();
  for (const name of names) if (name.toLowerCase() === key) return name;
  return undefined;
}

export function parsePermission(source: string, context?: GrammarContext): ParseResult {
  const space = source.search(/\s/);
  if (space >= 0) return fail(space + 1, `unexpected space at ${space + 1}: a permission has no spaces`);
  const tokens = tokenizePermission(source);
  const parts = tokens.map((t) => t.text);
  const starts = tokens.map((t) => t.at);
  const items = (i: number) => tokens[i]!.items;
  if (parts.length > 4) {
    return fail(starts[4]!, `${shown(parts[4]!)} at ${starts[4]}: a permission has at most four parts, RESOURCE:ACTIONS:TYPE:QUALIFIER`);
  }

  // resources
  const resources: Resource[] = [];
  let anyResource = false;
  for (const { text, at } of items(0)) {
    if (text === '*') {
      anyResource = true;
      continue;
    }
    const resource = RESOURCE_BY_KEY.get(text.toUpperCase());
    if (!resource) return fail(at, `${shown(text)} at ${at}: expected a resource (${RESOURCES.join(', ')}) or \`*\`${text ? suggestion(text.toUpperCase(), RESOURCES) : ''}`);
    if (!resources.includes(resource)) resources.push(resource);
  }
  const allResources: readonly Resource[] = anyResource ? RESOURCES : resources;

  // actions
  const actions: ShiroAction[] = [];
  if (parts.length > 1) {
    for (const { text, at } of items(1)) {
      if (text === '*') {
        for (const a of SHIRO_ACTIONS) if (!actions.includes(a)) actions.push(a);
        continue;
      }
      const action = ACTION_BY_KEY.get(text.toUpperCase());
      if (!action) return fail(at, `${shown(text)} at ${at}: expected ${ACTION_WORDS}${text ? suggestion(text.toUpperCase(), SHIRO_ACTIONS) : ''}`);
      if (!actions.includes(action)) actions.push(action);
    }
  } else actions.push(...SHIRO_ACTIONS);

  // types
  const types: string[] = [];
  let anyType = parts.length < 3;
  if (parts.length > 2) {
    for (const { text, at } of items(2)) {
      if (text === '*') {
        anyType = true;
        continue;
      }
      if (text === '') return fail(at, `nothing at ${at}: expected a fact sheet type or \`*\``);
      if (context && declared(context.types.keys(), text) === undefined) {
        const known = [...context.types.keys()];
        if (known.length === 0) return fail(at, `\`${text}\` at ${at}: expected \`*\`; no fact sheet type is declared`);
        const options = [...known, '*'].map((t) => `\`${t}\``);
        const list = `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
        return fail(at, `\`${text}\` at ${at}: expected a declared fact sheet type: ${list}${suggestion(text, known)}`);
      }
      if (!types.includes(text)) types.push(text);
    }
  }

  // qualifiers
  const qualifiers: string[] = [];
  let anyQualifier = parts.length < 4;
  if (parts.length > 3) {
    for (const { text, at } of items(3)) {
      if (text === '*') {
        anyQualifier = true;
        continue;
      }
      if (text === '') return fail(at, `nothing at ${at}: expected a qualifier or \`*\``);
      if (anyResource) return fail(at, `\`${text}\` at ${at}: expected \`*\`; a qualifier needs resources that take one (${QUALIFIED_RESOURCES.join(', ')}), not \`*\``);
      const unqualified = resources.find((r) => !QUALIFIED_RESOURCES.includes(r));
      if (unqualified) return fail(at, `\`${text}\` at ${at}: expected \`*\`, ${unqualified} takes no qualifier`);
      const problem = checkQualifier(resources, anyType ? null : types, text, context);
      if (problem) return fail(at, `\`${text}\` at ${at}: ${problem}`);
      if (!qualifiers.includes(text)) qualifiers.push(text);
    }
  }

  const typeList = anyType ? ['*'] : types;
  const qualifierList = anyQualifier ? ['*'] : qualifiers;
  const grants: Grant[] = [];
  for (const resource of allResources) {
    for (const type of typeList) for (const qualifier of qualifierList) grants.push({ resource, actions, type, qualifier, source });
  }
  return { ok: true, grants };
}

/** A named qualifier must name a field or relation of at least one listed type for at least one listed resource. */
function checkQualifier(resources: readonly Resource[], types: readonly string[] | null, qualifier: string, context?: GrammarContext): string | null {
  const onlyBase = resources.every((r) => r === 'FACT_SHEET_BASE_FIELDS');
  if (resources.includes('FACT_SHEET_BASE_FIELDS') && BASE_BY_KEY.has(qualifier.toLowerCase())) return null;
  if (onlyBase) return `expected a base field (${BASE_FIELDS.join(', ')}) or \`*\`${suggestion(qualifier, BASE_FIELDS)}`;
  if (!context) return null;
  const shapes = types === null ? [...context.types.values()] : types.map((t) => context.types.get(declared(context.types.keys(), t)!)!);
  const names: string[] = [];
  for (const shape of shapes) {
    if (resources.includes('FACT_SHEET_FIELDS')) names.push(...shape.fields);
    if (resources.includes('FACT_SHEET_RELATIONS')) names.push(...shape.relations);
  }
  if (declared(names, qualifier) !== undefined) return null;
  const word =
    resources.length === 1 ? (resources[0] === 'FACT_SHEET_FIELDS' ? 'a field' : 'a relation') : resources.includes('FACT_SHEET_BASE_FIELDS') ? 'a base field, field or relation' : 'a field or relation';
  const where = types === null ? 'of any type' : types.length === 1 ? `of \`${types[0]}\`` : `of ${types.map((t) => `\`${t}\``).join(', ')}`;
  const candidates = resources.includes('FACT_SHEET_BASE_FIELDS') ? [...names, ...BASE_FIELDS] : names;
  return `expected ${word} ${where} or \`*\`${suggestion(qualifier, candidates)}`;
}

/** Writes one combination back as a permission string. */
export function formatGrant(grant: Pick<Grant, 'resource' | 'actions' | 'type' | 'qualifier'>): string {
  return `${grant.resource}:${grant.actions.join(',')}:${grant.type}:${grant.qualifier}`;
}
