// What every command shares: output, reading a policy file, printing located errors.
import { readFile, stat } from 'node:fs/promises';
import type { Policy } from '../model/schema';
import { describeError } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import { tooLarge } from '../policy/json';
import { loadPolicyText } from '../policy/validate';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  color: boolean;
}

export const defaultIo = (): Io => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});

export type Loaded = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Reads and validates a policy file; a file over 50 MB is refused before it is read. */
export async function loadFile(file: string): Promise<Loaded> {
  try {
    const info = await stat(file);
    const size = tooLarge(info.size);
    if (size) return { ok: false, errors: [size] };
    return loadPolicyText(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? String(error);
    return { ok: false, errors: [{ path: '', message: `cannot read \`${file}\`: ${why}` }] };
  }
}

export function printErrors(io: Io, file: string, errors: readonly PolicyError[]): void {
  io.err(`${file}: invalid policy file, ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  for (const error of errors) io.err(`  ${file}: ${describeError(error)}`);
}

export function paint(io: Io, code: number, text: string): string {
  return io.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}
