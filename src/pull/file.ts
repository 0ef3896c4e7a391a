// The pulled file's text, and `--keep`: the kept file's `scenarios`, `settings`,
// `name` and `description` carry over, and its text changes only where the pull
// changes it (each pulled key's value is replaced in place, keys keep their order,
// indentation and line ends stay the file's own). The text is then validated as it
// will be written, so a pull never writes an invalid file.
import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { Policy } from '../model/schema';
import { parseJsonText } from '../policy/json';
import { validatePolicy } from '../policy/validate';
import { describeError } from '../policy/errors';
import { fail } from './failure';
import { PULLED_PREFIX } from './notes';
import { isObject } from './read';

export interface Kept {
  readonly text: string;
  readonly name?: string;
  /** A description of the team's own; one that pull wrote is not kept. */
  readonly description?: string;
  readonly settings?: unknown;
  readonly scenarios?: unknown;
}

/** Reads the file to keep from; it must be a JSON object of the same platform. */
export function readKeep(text: string, platform: 'leanix' | 'qualytics'): Kept {
  const json = parseJsonText(text);
  if (!json.ok) fail({ kind: 'keep', message: `the file to keep from is not JSON: ${describeError(json.errors[0]!)}` });
  const file = json.value;
  if (!isObject(file)) return fail({ kind: 'keep', message: 'the file to keep from is not a policy file (not a JSON object)' });
  if (file.platform !== platform) {
    fail({ kind: 'keep', message: `the file to keep from is ${typeof file.platform === 'string' ? `a \`${file.platform}\`` : 'not a'} policy file, not a \`${platform}\` one` });
  }
  const kept: { -readonly [K in keyof Kept]: Kept[K] } = { text };
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

function layoutOf(text: string, root: Node): Layout {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const first = root.children?.[0];
  if (!first) return { unit: '  ', newline, colon: ': ' };
  const [key, value] = first.children ?? [];
  const between = key && value ? text.slice(key.offset + key.length, value.offset) : ': ';
  const colon = /^\s*:\s*$/.test(between) && !/[\r\n]/.test(between) ? between.trim() + between.slice(between.indexOf(':') + 1) : ': ';
  const lineStart = text.lastIndexOf('\n', first.offset);
  if (lineStart < root.offset) return { unit: '', newline: '', colon };
  const unit = text.slice(lineStart + 1, first.offset);
  return { unit: /^[ \t]+$/.test(unit) ? unit : '  ', newline, colon };
}

/** The JSON of `value` as a property value at the top level of a file with this layout. */
function valueText(value: unknown, layout: Layout): string {
  if (layout.unit === '') return JSON.stringify(value);
  const text = JSON.stringify(value, null, layout.unit);
  return text.includes('\n') ? text.replace(/\n/g, `${layout.newline}${layout.unit}`) : text;
}

/** The file text: a fresh file, or the kept file's text with the pulled keys replaced or added. */
export function fileText(doc: Record<string, unknown>, kept: Kept | null): string {
  if (kept === null) return `${JSON.stringify(doc, null, 2)}\n`;
  const text = kept.text;
  const root = parseTree(text);
  if (!root || root.type !== 'object') return fail({ kind: 'keep', message: 'the file to keep from is not a JSON object' });
  const layout = layoutOf(text, root);
  const own = keptKeys(kept);
  const present = new Map<string, Node>();
  for (const property of root.children ?? []) {
    const key = property.children?.[0]?.value;
    if (typeof key === 'string' && !present.has(key)) present.set(key, property);
  }
  const edits: { offset: number; length: number; text: string }[] = [];
  const order = Object.keys(doc);
  for (const key of order) {
    if (own.has(key)) continue;
    const property = present.get(key);
    if (property) {
      const value = property.children![1]!;
      edits.push({ offset: value.offset, length: value.length, text: valueText(doc[key], layout) });
      continue;
    }
    // A key the kept file lacks goes after the nearest key before it (in the pulled order) that the file has.
    const property_ = `${JSON.stringify(key)}${layout.colon}${valueText(doc[key], layout)}`;
    let anchor: Node | undefined;
    for (let i = order.indexOf(key) - 1; i >= 0 && !anchor; i--) anchor = present.get(order[i]!);
    const lead = `${layout.newline}${layout.unit}`;
    if (anchor) edits.push({ offset: anchor.offset + anchor.length, length: 0, text: `,${lead}${property_}` });
    else if (root.children?.length) edits.push({ offset: root.offset + 1, length: 0, text: `${lead}${property_},` });
    else edits.push({ offset: root.offset + 1, length: 0, text: `${lead}${property_}${layout.newline}` });
  }
  // Apply from the end so that earlier offsets stay right; insertions at one anchor keep the pulled order.
  const indexed = edits.map((edit, i) => ({ ...edit, i }));
  indexed.sort((a, b) => b.offset - a.offset || b.i - a.i);
  let out = text;
  for (const edit of indexed) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  return out;
}

/** Validates the text as it will be written: the policy, or the 'invalid' failure with every error. */
export function checkText(text: string): Policy {
  const json = parseJsonText(text);
  if (!json.ok) return fail({ kind: 'invalid', errors: json.errors });
  const result = validatePolicy(json.value);
  if (!result.ok) return fail({ kind: 'invalid', errors: result.errors });
  return result.policy;
}
