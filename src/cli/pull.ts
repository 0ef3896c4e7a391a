// `sealcheck pull leanix|qualytics --url URL [--token-env VAR] [--out FILE] [--types A,B] [--keep FILE]`
// `sealcheck pull leanix|qualytics --from DIR [--out FILE] [--keep FILE]`
// Reads a workspace through src/pull with node's fetch (or saved responses), writes
// a valid version 2 policy file (temp file in the same folder, then rename), shows
// progress on stderr. Exit 0 written, 2 with a one-line cause; nothing written on failure.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFailure, noteLine, pullLeanix, pullQualytics } from '../pull';
import type { FetchLike, PullFailure, PullOptions, PullProgress, PullSource } from '../pull';
import type { Io } from './io';

export const PULL_USAGE = `  sealcheck pull leanix|qualytics --url URL [--token-env VAR] [--out FILE] [--types A,B] [--keep FILE]
  sealcheck pull leanix|qualytics --from DIR [--out FILE] [--keep FILE]`;

const DEFAULT_TOKEN_ENV = { leanix: 'LEANIX_API_TOKEN', qualytics: 'QUALYTICS_API_TOKEN' } as const;

/** What the command takes from the process; tests may replace any of it. */
export interface PullDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: FetchLike;
  /** Whether standard error is a terminal: a progress bar instead of plain lines. */
  readonly tty: boolean;
  readonly signal?: AbortSignal;
  /** The most bytes the written file may have; the policy-file limit unless a test gives less. */
  readonly maxFileBytes?: number;
}

const defaultDeps = (): PullDeps => ({
  env: process.env,
  fetch: globalThis.fetch as unknown as FetchLike,
  tty: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
});

export async function pullCommand(io: Io, args: readonly string[], deps: Partial<PullDeps> = {}): Promise<number> {
  const d = { ...defaultDeps(), ...deps };
  let secret = '';
  const say = (line: string) => io.err(secret.length >= 4 ? line.split(secret).join('***') : line);
  let typesHint = false;
  const failed = (failure: PullFailure) => {
    const hint = failure.kind === 'too-large' ? `: nothing was written${typesHint ? '; --types pulls fewer fact sheet types' : ''}` : '';
    say(`sealcheck pull: ${describeFailure(failure)}${hint}`);
    return 2;
  };

  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        'token-env': { type: 'string' },
        out: { type: 'string' },
        types: { type: 'string' },
        keep: { type: 'string' },
        from: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`sealcheck pull: ${(error as Error).message.replace(/\. To specify.*$/s, '').replace(/^Unknown option/, 'unknown option')}`);
    io.err(`usage:\n${PULL_USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const usage = (message: string) => {
    io.err(`sealcheck pull: ${message}`);
    io.err(`usage:\n${PULL_USAGE}`);
    return 2;
  };
  const platform = positionals[0];
  if (platform !== 'leanix' && platform !== 'qualytics') return usage(platform === undefined ? 'name the platform: `leanix` or `qualytics`' : `unknown platform \`${platform}\`: expected \`leanix\` or \`qualytics\``);
  if (positionals.length > 1) return usage(`unexpected argument \`${positionals[1]}\``);
  typesHint = platform === 'leanix';
  if ((v.url === undefined) === (v.from === undefined)) return usage('give either --url URL or --from DIR');
  if (v.from !== undefined && v['token-env'] !== undefined) return usage('--token-env has no use with --from: saved responses need no token');
  if (v.types !== undefined && platform !== 'leanix') return usage('--types is for LeanIX fact sheet types');
  const types = v.types?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (types !== undefined && types.length === 0) return usage('--types needs at least one fact sheet type');

  let source: PullSource;
  if (v.url !== undefined) {
    const variable = v['token-env'] ?? DEFAULT_TOKEN_ENV[platform];
    const token = d.env[variable];
    if (token === undefined || token === '') return failed({ kind: 'token-unset', variable });
    secret = token;
    source = { kind: 'network', url: v.url, token, fetch: d.fetch };
  } else {
    const dir = v.from!;
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) return failed({ kind: 'options', message: `--from: \`${dir}\` is not a folder of saved responses` });
    source = { kind: 'saved', read: (file) => readSaved(dir, file) };
  }

  let keep: string | undefined;
  if (v.keep !== undefined) {
    try {
      keep = await readFile(v.keep, 'utf8');
    } catch (error) {
      return failed({ kind: 'keep', message: `cannot read --keep \`${v.keep}\`: ${why(error)}` });
    }
  }

  const progress = d.tty ? barPrinter(say) : linePrinter(say);
  const options: PullOptions = {
    source,
    onProgress: progress.update,
    ...(d.signal ? { signal: d.signal } : {}),
    ...(types ? { types } : {}),
    ...(keep !== undefined ? { keep: handOver(keep) } : {}),
    ...(d.maxFileBytes !== undefined ? { maxFileBytes: d.maxFileBytes } : {}),
  };
  keep = undefined; // the pull holds the kept text only as long as it needs it
  const started = Date.now();
  const result = platform === 'leanix' ? await pullLeanix(options) : await pullQualytics(options);
  progress.end();
  if (!result.ok) return failed(result.failure);

  if (v.out !== undefined) {
    const written = await writeAtomically(v.out, result.text);
    if (written !== null) return failed({ kind: 'internal', message: `cannot write \`${v.out}\`: ${written}` });
  } else io.out(result.text.replace(/\n$/, ''));

  const { report } = result;
  for (const line of report.assumed) say(`assumed: ${line}`);
  for (const note of report.notes) say(`note: ${noteLine(note)}`);
  const n = (key: string, word: string) => plural(result.counts[key] ?? 0, word);
  const counts =
    platform === 'leanix'
      ? `${n('factSheetTypes', 'fact sheet type')}, ${n('roles', 'customer role')}, ${n('users', 'user')}, ${n('factSheets', 'fact sheet')}, ${n('scenarios', 'scenario')}`
      : `${n('datastores', 'datastore')}, ${n('teams', 'team')}, ${n('users', 'user')}, ${n('tokens', 'token')}, ${n('scenarios', 'scenario')}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  say(`pull: wrote ${v.out ?? 'standard output'}: ${counts} (${plural(report.stats.requests, v.from !== undefined ? 'saved response' : 'request')}, ${seconds} s)`);
  return 0;
}

/** A text given once: after the call, this function no longer holds it. */
function handOver(text: string): () => string {
  let held: string | undefined = text;
  return () => {
    const out = held ?? '';
    held = undefined;
    return out;
  };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? String(error);
}

async function readSaved(dir: string, file: string): Promise<string | null> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read \`${join(dir, file)}\`: ${why(error)}`);
  }
}

/** Characters written at a time: the file's bytes are never all in memory beside its text. */
const WRITE_CHUNK = 1 << 20;

/** Writes a temp file in the same folder, then renames it: the target is either the old file or the whole new one. Null when done, else why not. */
async function writeAtomically(target: string, text: string): Promise<string | null> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx');
    created = true;
    try {
      for (let at = 0; at < text.length; ) {
        let end = Math.min(at + WRITE_CHUNK, text.length);
        // Never split a surrogate pair between two chunks.
        if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
        await file.write(text.slice(at, end), null, 'utf8');
        at = end;
      }
    } finally {
      await file.close();
    }
    await rename(temp, target);
    return null;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    return why(error);
  }
}

// ---------------------------------------------------------------- progress

interface Printer {
  update(progress: PullProgress): void;
  end(): void;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function describeProgress(p: PullProgress): string {
  const of = p.total !== null ? ` of ${count(p.total)}` : '';
  return `${p.stage}: ${count(p.done)}${of} (${plural(p.pages, 'response')} read)`;
}

/** Plain lines: a stage's first and last state, and at most one line a second in between. */
function linePrinter(say: (line: string) => void): Printer {
  const seen = new Set<string>();
  const finished = new Set<string>();
  let last = 0;
  let pending: PullProgress | null = null;
  const print = (p: PullProgress) => {
    say(`pull: ${describeProgress(p)}`);
    last = Date.now();
    pending = null;
  };
  return {
    update(p) {
      const first = !seen.has(p.stage);
      seen.add(p.stage);
      const done = p.total !== null && p.done >= p.total;
      if (done && finished.has(p.stage)) return;
      if (done) finished.add(p.stage);
      if (first || done || Date.now() - last >= 1000) print(p);
      else pending = p;
    },
    end() {
      if (pending && !finished.has(pending.stage)) print(pending);
    },
  };
}

/**
 * One status line redrawn in place (cursor up, clear line) at most ten times a second:
 * a bar for the stage at hand, the other stages still going beside it, and at the end
 * every stage's last state.
 */
function barPrinter(say: (line: string) => void): Printer {
  const latest = new Map<string, PullProgress>();
  let shown = false;
  let last = 0;
  let current: PullProgress | null = null;
  const finished = (p: PullProgress) => p.total !== null && p.done >= p.total;
  const draw = (line: string) => {
    say(`${shown ? '\u001b[1A\u001b[2K' : ''}pull: ${line}`);
    shown = true;
    last = Date.now();
  };
  const bar = (p: PullProgress) => {
    if (!p.total) return '';
    const width = 24;
    return `[${'#'.repeat(Math.round(Math.min(p.done / p.total, 1) * width)).padEnd(width, '.')}] `;
  };
  const stages = (list: PullProgress[]) => list.map((p) => `${p.stage}: ${count(p.done)}${p.total !== null ? ` of ${count(p.total)}` : ''}`).join(' · ');
  return {
    update(p) {
      latest.set(p.stage, p);
      current = p;
      if (Date.now() - last < 100 && !finished(p)) return;
      const others = [...latest.values()].filter((q) => q.stage !== p.stage && !finished(q));
      draw(`${bar(p)}${stages([p, ...others])} (${plural(p.pages, 'response')} read)`);
    },
    end() {
      if (!current) return;
      const big = [...latest.values()].filter((q) => (q.total ?? q.done) > 1);
      draw(`${stages(big.length ? big : [current])} (${plural(current.pages, 'response')} read)`);
    },
  };
}
