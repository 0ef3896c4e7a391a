// `sealcheck migrate FILE [--out FILE]`: writes a policy file as format version 2,
// changing only what must change. A version 1 LeanIX file gets `"version": 2`, every
// `renewalDays: N` becomes `renewal: { "value": N, "unit": "DAYS" }` (`null` stays
// `null`) and every `mandatory` list becomes `{ "fields": [...] }`; a Qualytics file
// changes only its version; a version 2 file is written unchanged. Everything else
// stays byte for byte: key order, indentation, descriptions, `$schema`, the list
// inside `mandatory`. No default is filled in. The edits are made on the text with
// jsonc-parser, never by printing the file again (migrateText, src/policy/edit-text.ts,
// which the playground's writes use too).
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PolicyError } from '../policy/errors';
import { migrateText } from '../policy/edit-text';
import type { Io } from './io';
import { fileLabel, printErrors, readSource } from './io';
import { errnoText } from './text';

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
