// Each command's options, its help, and the parsing that says what was meant: an unknown
// option or command is answered with the closest one (`did you mean --reporter?`), an
// option of another command with the command it belongs to.
import { parseArgs } from 'node:util';
import { suggestion } from '../model/words';
import { safe } from './text';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in help: `ID`, `/a,/b`. */
  readonly value?: string;
  readonly help: string;
}

export interface CommandSpec {
  readonly name: string;
  /** One line for the overview. */
  readonly summary: string;
  /** The usage lines, without `sealcheck `. */
  readonly usage: readonly string[];
  /** Paragraphs for `sealcheck help COMMAND`. */
  readonly about: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments: at least, at most (Infinity: any number). */
  readonly positionals: readonly [number, number];
  readonly exits: string;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface OptionToken {
  readonly name: string;
  readonly value: string | undefined;
}

export type Parsed =
  | { readonly ok: true; readonly values: Values; readonly positionals: string[]; readonly tokens: readonly OptionToken[]; readonly help: boolean }
  | { readonly ok: false; readonly message: string };

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'print this help and exit' };

/** Parses a command's arguments against its spec; never throws. */
export function parseCommand(spec: CommandSpec, args: readonly string[], all: readonly CommandSpec[]): Parsed {
  const options = { ...spec.options, help: HELP };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
  );
  // First pass, lenient: find options this command does not have, to name the one meant.
  const loose = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  for (const token of loose.tokens ?? []) {
    if (token.kind !== 'option' || Object.prototype.hasOwnProperty.call(options, token.name)) continue;
    if (token.rawName.length === 2 && !Object.values(options).some((o) => o.short === token.name)) {
      return { ok: false, message: `unknown option \`${safe(token.rawName)}\`${shortHint(options)}` };
    }
    const names = Object.keys(options).map((n) => `--${n}`);
    const meant = suggestion(token.rawName, names);
    const elsewhere = all.filter((c) => c !== spec && Object.prototype.hasOwnProperty.call(c.options, token.name)).map((c) => `\`${c.name}\``);
    const other = !meant && elsewhere.length ? `; \`${safe(token.rawName)}\` is an option of ${elsewhere.join(', ')}` : '';
    return { ok: false, message: `unknown option \`${safe(token.rawName)}\`${meant}${other}` };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    return { ok: false, message: parseProblem(error as Error & { code?: string }, options) };
  }
  const values = parsed.values as Values;
  const tokens: OptionToken[] = [];
  for (const t of parsed.tokens ?? []) if (t.kind === 'option') tokens.push({ name: t.name, value: t.value });
  if (values.help) return { ok: true, values, positionals: parsed.positionals, tokens, help: true };
  // a string option given twice keeps the last: say so instead
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.type === 'string' && !o.multiple && tokens.filter((t) => t.name === name).length > 1) {
      return { ok: false, message: `\`--${name}\` is given more than once` };
    }
  }
  const [least, most] = spec.positionals;
  const n = parsed.positionals.length;
  if (n < least) return { ok: false, message: least === 1 && most === 1 ? 'name the file' : n === 0 ? 'name the files' : `expected ${least} files, found ${n}` };
  if (n > most) return { ok: false, message: `unexpected argument \`${safe(parsed.positionals[most]!)}\`${most === 1 ? ': this command takes one file' : ''}` };
  return { ok: true, values, positionals: parsed.positionals, tokens, help: false };
}

function shortHint(options: Record<string, OptionSpec>): string {
  const shorts = Object.entries(options).filter(([, o]) => o.short).map(([n, o]) => `-${o.short} (--${n})`);
  return shorts.length ? `; short options: ${shorts.join(', ')}` : '';
}

function parseProblem(error: Error & { code?: string }, options: Record<string, OptionSpec>): string {
  const raw = /'(-[^' ]+)/.exec(error.message)?.[1];
  const name = raw?.replace(/^-+/, '');
  const spec = name !== undefined && Object.prototype.hasOwnProperty.call(options, name) ? options[name] : undefined;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && raw) {
    if (spec?.type === 'boolean') return `\`--${name}\` takes no value`;
    if (/ambiguous/.test(error.message)) return `\`--${name}\`: its value starts with \`-\`; write \`--${name}=VALUE\``;
    return `\`--${name}\` needs a value${spec?.value ? `: ${spec.value}` : ''}`;
  }
  return safe(error.message.replace(/\. To specify.*$/s, ''));
}

/** The closest command to a mistyped one. */
export function commandSuggestion(name: string, names: readonly string[]): string {
  return suggestion(name, names);
}

/** `sealcheck help COMMAND`: usage, what it does, its options, its exit codes. */
export function helpText(spec: CommandSpec): string {
  const lines: string[] = ['usage:', ...spec.usage.map((u) => `  sealcheck ${u}`), ''];
  for (const p of spec.about) lines.push(...wrap(p, 80), '');
  const options = { ...spec.options, help: HELP };
  const heads = Object.entries(options).map(([name, o]) => `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.min(32, Math.max(...heads.map((h) => h.length)));
  lines.push('options:');
  Object.values(options).forEach((o, i) => {
    const head = heads[i]!;
    const text = wrap(o.help, 78 - width - 4);
    if (head.length > width) lines.push(`  ${head}`, ...text.map((t) => `  ${' '.repeat(width)}  ${t}`));
    else text.forEach((t, j) => lines.push(`  ${j === 0 ? head.padEnd(width) : ' '.repeat(width)}  ${t}`));
  });
  lines.push('', `exit: ${spec.exits}`);
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
