// `sealcheck migrate FILE [--out FILE]`: writes a policy file as format version 2,
// changing only what must change. A version 1 LeanIX file gets `"version": 2`, every
// `renewalDays: N` becomes `renewal: { "value": N, "unit": "DAYS" }` (`null` stays
// `null`) and every `mandatory` list becomes `{ "fields": [...] }`; a Qualytics file
// changes only its version; a version 2 file is written unchanged. Everything else
// stays byte for byte: key order, indentation, descriptions, `$schema`, the list
// inside `mandatory`. No default is filled in. The edits are made on the text with
// jsonc-parser, never by printing the file again.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import type { PolicyError } from '../policy/errors';
import { loadPolicyText } from '../policy/validate';
import type { Io } from './io';
import { fileLabel, printErrors, readSource } from './io';
import { errnoText } from './text';

export type MigrateResult =
  | { readonly ok: true; readonly text: string; readonly from: 1 | 2; readonly changed: boolean }
  | { readonly ok: false; readonly errors: PolicyError[] };

const BOM = '\uFEFF';

/** The properties named `key` of an object node (all of them: JSON.parse keeps the last, the edit keeps them alike). */
function properties(object: Node | undefined, key: string): Node[] {
  if (!object || object.type !== 'object') return [];
  return (object.children ?? []).filter((p) => p.type === 'property' && p.children?.[0]?.value === key && p.children.length === 2);
}

/** The text of a node, as written. */
function textOf(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
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
        if (value.type !== 'null') edits.push({ offset: value.offset, length: value.length, content: `{ "value": ${textOf(text, value)}, "unit": "DAYS" }` });
      }
    }
  }
  return edits;
}

/** The version 2 text of a policy file's text, or the errors that make it invalid. Never throws. */
export function migrateText(input: string): MigrateResult {
  const loaded = loadPolicyText(input);
  if (!loaded.ok) return loaded;
  const bom = input.startsWith(BOM) ? BOM : '';
  const text = input.slice(bom.length);
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const version = root && findNodeAtLocation(root, ['version']);
  if (!root || !version) return { ok: false, errors: [{ path: '', message: 'internal: the file could not be read for editing' }] };
  if (version.value === 2) return { ok: true, text: input, from: 2, changed: false };
  const edits = [...modify(text, ['version'], 2, {}), ...(loaded.policy.platform === 'leanix' ? leanixEdits(text, root) : [])];
  const out = bom + applyEdits(text, edits);
  // The written file must mean exactly what the version 1 file meant.
  const check = loadPolicyText(out);
  if (!check.ok || !isDeepStrictEqual(check.policy, { ...loaded.policy, version: 2 })) {
    const why = check.ok ? 'it reads differently from the original' : check.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return { ok: false, errors: [{ path: '', message: `internal: the migrated file would not be right (${why}); nothing was written` }] };
  }
  return { ok: true, text: out, from: 1, changed: true };
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename: readers see the old file or the new one, never half. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function cannotWrite(error: unknown, file: string): PolicyError {
  return { path: '', message: `cannot write \`${fileLabel(file)}\`: ${errnoText(error)}` };
}

/** `sealcheck migrate FILE [--out FILE]`: exit 0 written, 2 invalid (nothing written). */
export async function migrateCommand(io: Io, file: string, out: string | undefined): Promise<number> {
  const read = await readSource(file, io);
  if (!read.ok) {
    printErrors(io, file, read.errors);
    return 2;
  }
  const input = read.text;
  const result = migrateText(input);
  if (!result.ok) {
    printErrors(io, file, result.errors);
    return 2;
  }
  if (out === undefined) {
    // the file itself, byte for byte (line ends, a missing final newline)
    if (io.write) io.write(result.text);
    // io.out ends what it writes with a newline: the file's own final newline is that one
    else io.out(result.text.endsWith('\n') ? result.text.slice(0, -1) : result.text);
    return 0;
  }
  try {
    await writeAtomically(out, result.text);
  } catch (error) {
    printErrors(io, file, [cannotWrite(error, out)]);
    return 2;
  }
  io.out(result.changed ? `${fileLabel(out)}: migrated ${fileLabel(file)} from version 1 to version 2` : `${fileLabel(out)}: ${fileLabel(file)} is version 2 already, written unchanged`);
  return 0;
}
