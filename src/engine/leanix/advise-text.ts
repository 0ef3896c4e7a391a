// The advice's additions written into a policy file's text, changing only what must
// change: new roles, users and scenarios are appended to their lists (the lists created
// when the file has none), the type's seal exemptions gain their names; every other byte
// stays as it was (key order, indentation, line ends, descriptions, `$schema`), and no
// default is filled in. Edits are located with jsonc-parser, never by printing the file
// again. No Node APIs: the worker uses it too.
import { applyEdits, findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import type { CustomerRole, LeanixScenario, LeanixUser } from '../../model/schema';

export interface Additions {
  readonly roles: readonly CustomerRole[];
  readonly users: readonly LeanixUser[];
  readonly scenarios: readonly LeanixScenario[];
  /** Names the type's `ignoreUpdatesForFields` and `ignoreUpdatesForRelations` gain. */
  readonly exempt: { readonly type: string; readonly fields: readonly string[]; readonly relations: readonly string[] } | null;
}

const BOM = '\uFEFF';

interface Style {
  readonly unit: string;
  readonly eol: string;
}

/** The file's indentation unit and line end, as written. */
function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { unit, eol };
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

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

/** A value as JSON, its lines after the first indented by `indent`; lists of names and numbers on one line. */
function render(value: unknown, indent: string, s: Style): string {
  if (isPrimitive(value)) return JSON.stringify(value);
  const inner = indent + s.unit;
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[${s.eol}${value.map((v) => `${inner}${render(v, inner, s)}`).join(`,${s.eol}`)}${s.eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  return `{${s.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, s)}`).join(`,${s.eol}`)}${s.eol}${indent}}`;
}

/** Edits appending `items` to an array node, written as its other items are (one per line, or on the same line). */
function appendToArray(text: string, array: Node, items: readonly unknown[], s: Style): Edit {
  const children = array.children ?? [];
  const last = children[children.length - 1];
  if (last) {
    const indent = indentBefore(text, last.offset);
    if (indent === null) {
      // written on one line, like `["a", "b"]`
      return { offset: last.offset + last.length, length: 0, content: items.map((i) => `, ${JSON.stringify(i)}`).join('') };
    }
    return { offset: last.offset + last.length, length: 0, content: items.map((i) => `,${s.eol}${indent}${render(i, indent, s)}`).join('') };
  }
  // an empty list: `[]` becomes the list, on one line for names, one item per line otherwise
  if (items.every(isPrimitive)) return { offset: array.offset, length: array.length, content: `[${items.map((i) => JSON.stringify(i)).join(', ')}]` };
  const outer = lineIndent(text, array.offset);
  const inner = outer + s.unit;
  return { offset: array.offset, length: array.length, content: `[${s.eol}${items.map((i) => `${inner}${render(i, inner, s)}`).join(`,${s.eol}`)}${s.eol}${outer}]` };
}

/** An edit adding properties at the end of an object node, written as its other properties are. */
function addProperties(text: string, object: Node, entries: readonly (readonly [string, unknown])[], s: Style): Edit {
  const properties = object.children ?? [];
  const last = properties[properties.length - 1];
  if (last) {
    const indent = indentBefore(text, last.offset);
    if (indent === null) return { offset: last.offset + last.length, length: 0, content: entries.map(([k, v]) => `, ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join('') };
    return { offset: last.offset + last.length, length: 0, content: entries.map(([k, v]) => `,${s.eol}${indent}${JSON.stringify(k)}: ${render(v, indent, s)}`).join('') };
  }
  const outer = lineIndent(text, object.offset);
  const inner = outer + s.unit;
  const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, s)}`).join(`,${s.eol}`);
  return { offset: object.offset, length: object.length, content: `{${s.eol}${body}${s.eol}${outer}}` };
}

/** Appends to the list `key` of an object node, or adds the list. */
function appendTo(text: string, object: Node, key: string, items: readonly unknown[], s: Style): Edit | null {
  if (!items.length) return null;
  const list = findNodeAtLocation(object, [key]);
  if (list?.type === 'array') return appendToArray(text, list, items, s);
  if (list) throw new Error(`\`${key}\` is not a list`);
  return addProperties(text, object, [[key, items]], s);
}

/** The text with the additions; throws when the text is not a JSON object. */
export function addToPolicyText(input: string, add: Additions): string {
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = input.slice(bom.length);
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object') throw new Error('the file is not a JSON object');
  const s = styleOf(text);
  const edits: (Edit | null)[] = [appendTo(text, root, 'roles', add.roles, s), appendTo(text, root, 'users', add.users, s), appendTo(text, root, 'scenarios', add.scenarios, s)];
  if (add.exempt) {
    const types = findNodeAtLocation(root, ['factSheetTypes']);
    const type = (types?.children ?? []).find((t) => t.type === 'object' && findNodeAtLocation(t, ['name'])?.value === add.exempt!.type);
    if (!type) throw new Error(`no fact sheet type \`${add.exempt.type}\` in the file`);
    const seal = findNodeAtLocation(type, ['qualitySeal']);
    const lists = [
      ['ignoreUpdatesForFields', add.exempt.fields],
      ['ignoreUpdatesForRelations', add.exempt.relations],
    ] as const;
    if (seal?.type === 'object') {
      // lists the seal has are appended to; the missing ones are added together, in one edit
      const missing: [string, readonly string[]][] = [];
      for (const [key, names] of lists) {
        if (!names.length) continue;
        if (findNodeAtLocation(seal, [key])) edits.push(appendTo(text, seal, key, names, s));
        else missing.push([key, names]);
      }
      if (missing.length) edits.push(addProperties(text, seal, missing, s));
    } else if (seal) {
      throw new Error('`qualitySeal` is not an object');
    } else {
      edits.push(addProperties(text, type, [['qualitySeal', Object.fromEntries(lists.filter(([, names]) => names.length))]], s));
    }
  }
  return bom + applyEdits(text, edits.filter((e): e is Edit => e !== null));
}

/** The file's `version` as written, or null. */
export function versionOf(input: string): unknown {
  const root = parseTree(input.startsWith(BOM) ? input.slice(1) : input);
  return root ? (findNodeAtLocation(root, ['version'])?.value ?? null) : null;
}
