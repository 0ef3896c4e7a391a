// What every command shares: output, reading a policy file (a path or `-` for standard
// input), printing located errors.
import { open } from 'node:fs/promises';
import type { Policy } from '../model/schema';
import { describeError, errorTotal } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import { MAX_FILE_BYTES, sizeText, tooLarge } from '../policy/json';
import { loadPolicyText } from '../policy/validate';
import { count, errnoText, plural, safe } from './text';

export interface Io {
  /** One line (or lines of our own) on standard output; text from a file is made safe first. */
  out(line: string): void;
  err(line: string): void;
  /** Colours (`pass`, `FAIL`, `+`, `-`) on standard output. */
  color: boolean;
  /** A whole document on standard output as it is, byte for byte (migrate's file); default: `out` without its last newline. */
  write?(text: string): void;
  /** What `-` reads, chunk by chunk; default: the process's standard input. */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** Colours as the conventions say: never with NO_COLOR, always with FORCE_COLOR (but `0`), else on a terminal that is not `dumb`. */
export function colorWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

let closed: { out: boolean; err: boolean } | null = null;

/**
 * A reader that has gone away (`sealcheck test ... | head -1`) is not an error: what is
 * left of the output is dropped and the command ends with its own exit code, quietly.
 */
function watchPipes(): { out: boolean; err: boolean } {
  if (closed) return closed;
  const state = { out: false, err: false };
  // EPIPE, or any other failure of the stream (EIO of a closed terminal): stop writing to it, never a stack trace
  const watch = (stream: NodeJS.WriteStream, key: 'out' | 'err') => stream.on('error', () => void (state[key] = true));
  watch(process.stdout, 'out');
  watch(process.stderr, 'err');
  return (closed = state);
}

export const defaultIo = (): Io => {
  const pipes = watchPipes();
  return {
    out: (line) => void (pipes.out || process.stdout.write(`${line}\n`)),
    err: (line) => void (pipes.err || process.stderr.write(`${line}\n`)),
    write: (text) => void (pipes.out || process.stdout.write(text)),
    color: colorWanted(process.env, Boolean(process.stdout.isTTY)),
    stdin: process.stdin,
  };
};

/** `-` names standard input. */
export const STDIN = '-';

/** How a file argument is named in messages. */
export function fileLabel(file: string): string {
  return file === STDIN ? '<stdin>' : safe(file);
}

export type Read = { ok: true; text: string } | { ok: false; errors: PolicyError[] };

const notUtf8: PolicyError = { path: '', message: 'the file is not UTF-8 text; policy files are JSON in UTF-8' };

function streamTooLarge(what: string): PolicyError {
  return { path: '', message: `more than ${sizeText(MAX_FILE_BYTES)} came from ${what}; policy files are limited to ${sizeText(MAX_FILE_BYTES)}` };
}

function decode(chunks: readonly Uint8Array[], size: number): Read {
  const bytes = Buffer.concat(chunks, size);
  try {
    // Keep a byte order mark, as the extension does: the validator reads past it, writes keep it.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, errors: [notUtf8] };
  }
}

/** Reads at most MAX_FILE_BYTES from a stream of chunks; more is refused without reading on. */
async function readBounded(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, what: string): Promise<Read> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_FILE_BYTES) return { ok: false, errors: [streamTooLarge(what)] };
    parts.push(bytes);
  }
  return decode(parts, size);
}

/**
 * The text of a policy file: a regular file over the limit (MAX_FILE_BYTES) is refused before it is read; a
 * FIFO, a device or standard input (`-`) is read up to the limit and refused beyond; a folder
 * or a file that cannot be opened is named with what the system said, in words.
 * Never throws.
 */
export async function readSource(file: string, io?: Pick<Io, 'stdin'>): Promise<Read> {
  const cannot = (error: unknown): Read => ({ ok: false, errors: [{ path: '', message: `cannot read \`${fileLabel(file)}\`: ${errnoText(error)}` }] });
  if (file === STDIN) {
    try {
      return await readBounded(io?.stdin ?? process.stdin, 'standard input');
    } catch (error) {
      return cannot(error);
    }
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return cannot(error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return cannot({ code: 'EISDIR' });
    if (info.isFile()) {
      const size = tooLarge(info.size);
      if (size) return { ok: false, errors: [size] };
      const bytes = await handle.readFile();
      // a regular file that grew past the limit while it was read
      if (bytes.length > MAX_FILE_BYTES) return { ok: false, errors: [tooLarge(bytes.length)!] };
      return decode([bytes], bytes.length);
    }
    // a FIFO, a character device (/dev/zero, /dev/stdin), a socket: read it, bounded
    return await readBounded(handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 }), `\`${fileLabel(file)}\` (not a regular file)`);
  } catch (error) {
    return cannot(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A loaded file; `text` when the file could be read (errors located in it). */
export type Loaded = { ok: true; policy: Policy; text: string } | { ok: false; errors: PolicyError[]; text?: string };

/** Reads and validates a policy file (`-`: standard input). */
export async function loadFile(file: string, io?: Pick<Io, 'stdin'>): Promise<Loaded> {
  const read = await readSource(file, io);
  if (!read.ok) return read;
  const loaded = loadPolicyText(read.text);
  return loaded.ok ? { ok: true, policy: loaded.policy, text: read.text } : { ok: false, errors: loaded.errors, text: read.text };
}

/**
 * How many errors a file has: `3 errors`; for a capped list the real total and how many
 * are listed, `2,345 errors, the first 1,000 shown` (its last entry counts the rest).
 */
export function errorCountText(errors: readonly PolicyError[]): string {
  const { total, shown } = errorTotal(errors);
  return total === shown ? plural(total, 'error') : `${plural(total, 'error')}, the first ${count(shown)} shown`;
}

/** Every error of a file, each located, on standard error; text from the file made safe. */
export function printErrors(io: Io, file: string, errors: readonly PolicyError[]): void {
  const name = fileLabel(file);
  io.err(`${name}: invalid policy file, ${errorCountText(errors)}`);
  for (const error of errors) io.err(`  ${name}: ${safe(describeError(error))}`);
}

export function paint(io: Io, code: number, text: string): string {
  return io.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}
