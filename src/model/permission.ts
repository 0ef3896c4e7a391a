// The permission-string grammar, as Sealcheck reads it (LeanIX does not publish one):
//   RESOURCE:ACTIONS:TYPE:QUALIFIER
// ACTIONS is a non-empty comma list of READ, CREATE, UPDATE, DELETE; TYPE is a declared
// fact sheet type or `*`; QUALIFIER names a field only for base fields, attributes and
// relations, and is `*` for every other resource. Case-sensitive, no spaces.
// Error positions are 1-based character columns.
import { ACTIONS, BASE_FIELDS, QUALIFIED_RESOURCES, RESOURCES } from './vocabulary';
import type { Action, Resource } from './vocabulary';

export interface Grant {
  readonly resource: Resource;
  readonly actions: readonly Action[];
  /** A declared type name or `*`. */
  readonly type: string;
  /** A field, base field or relation name, or `*`. */
  readonly qualifier: string;
  /** The string as written. */
  readonly source: string;
}

export interface GrammarError {
  /** 1-based column of the offending text. */
  readonly position: number;
  readonly message: string;
}

export type ParseResult = { ok: true; grant: Grant } | { ok: false; error: GrammarError };

/** What the workspace declares, so that types and qualifiers can be checked. */
export interface GrammarContext {
  readonly types: ReadonlyMap<string, { readonly fields: readonly string[]; readonly relations: readonly string[] }>;
}

const resourceSet = new Set<string>(RESOURCES);
const actionSet = new Set<string>(ACTIONS);
const baseFieldSet = new Set<string>(BASE_FIELDS);

function fail(position: number, message: string): ParseResult {
  return { ok: false, error: { position, message } };
}

function shown(text: string): string {
  return text === '' ? 'nothing' : `\`${text}\``;
}

export function parsePermission(source: string, context?: GrammarContext): ParseResult {
  const space = source.search(/\s/);
  if (space >= 0) return fail(space + 1, `unexpected space at ${space + 1}: a permission has no spaces`);
  const parts = source.split(':');
  const starts: number[] = [];
  let column = 1;
  for (const part of parts) {
    starts.push(column);
    column += part.length + 1;
  }
  const [resource = '', actionList, type, qualifier] = parts;
  const at = (i: number) => starts[i] ?? source.length + 1;

  if (!resourceSet.has(resource)) {
    if (resourceSet.has(resource.toUpperCase())) {
      return fail(1, `${shown(resource)} at 1: expected \`${resource.toUpperCase()}\`; permission strings are case-sensitive`);
    }
    return fail(1, `${shown(resource)} at 1: expected a resource (${RESOURCES.join(', ')})`);
  }
  if (actionList === undefined) return fail(at(1), `${shown('')} at ${at(1)}: expected \`:\` and actions after the resource`);

  const actions: Action[] = [];
  let offset = at(1);
  for (const item of actionList.split(',')) {
    if (!actionSet.has(item)) {
      const hint = actionSet.has(item.toUpperCase()) ? '; permission strings are case-sensitive' : '';
      return fail(offset, `${shown(item)} at ${offset}: expected READ, CREATE, UPDATE or DELETE${hint}`);
    }
    if (!actions.includes(item as Action)) actions.push(item as Action);
    offset += item.length + 1;
  }

  if (type === undefined) return fail(at(2), `${shown('')} at ${at(2)}: expected \`:\` and a fact sheet type or \`*\` after the actions`);
  if (type === '') return fail(at(2), `nothing at ${at(2)}: expected a fact sheet type or \`*\``);
  if (type !== '*' && context && !context.types.has(type)) {
    const known = [...context.types.keys()];
    if (known.length === 0) return fail(at(2), `\`${type}\` at ${at(2)}: expected \`*\`; no fact sheet type is declared`);
    const options = [...known, '*'].map((t) => `\`${t}\``);
    const list = options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}` : options.join('');
    return fail(at(2), `\`${type}\` at ${at(2)}: expected a declared fact sheet type: ${list}`);
  }

  if (qualifier === undefined) return fail(at(3), `${shown('')} at ${at(3)}: expected \`:\` and a qualifier or \`*\` after the type`);
  if (parts.length > 4) {
    const extra = at(4) - 1;
    return fail(extra, `\`:\` at ${extra}: a permission has four parts, RESOURCE:ACTIONS:TYPE:QUALIFIER`);
  }
  if (qualifier === '') return fail(at(3), `nothing at ${at(3)}: expected a qualifier or \`*\``);
  const qualified = QUALIFIED_RESOURCES.includes(resource as Resource);
  if (qualifier !== '*') {
    if (!qualified) return fail(at(3), `\`${qualifier}\` at ${at(3)}: expected \`*\`, ${resource} takes no qualifier`);
    const problem = checkQualifier(resource as Resource, type, qualifier, context);
    if (problem) return fail(at(3), `\`${qualifier}\` at ${at(3)}: ${problem}`);
  }
  return { ok: true, grant: { resource: resource as Resource, actions, type, qualifier, source } };
}

function checkQualifier(resource: Resource, type: string, qualifier: string, context?: GrammarContext): string | null {
  if (resource === 'FACT_SHEET_BASE_FIELDS') {
    return baseFieldSet.has(qualifier) ? null : `expected a base field (${BASE_FIELDS.join(', ')}) or \`*\``;
  }
  if (!context) return null;
  const key = resource === 'FACT_SHEET_FIELDS' ? 'fields' : 'relations';
  const word = resource === 'FACT_SHEET_FIELDS' ? 'field' : 'relation';
  const types = type === '*' ? [...context.types.values()] : [context.types.get(type)!];
  if (types.some((t) => t[key].includes(qualifier))) return null;
  const where = type === '*' ? 'of any type' : `of \`${type}\``;
  return `expected a ${word} ${where} or \`*\``;
}

/** Writes a grant back as a permission string. */
export function formatGrant(grant: Pick<Grant, 'resource' | 'actions' | 'type' | 'qualifier'>): string {
  return `${grant.resource}:${grant.actions.join(',')}:${grant.type}:${grant.qualifier}`;
}
