// Printing text that comes from a file (names, ids, messages, values) safely: a policy
// file must not be able to hide a failure or forge a summary line with ANSI escapes,
// OSC sequences, carriage returns or newlines inside a name. Every command prints such
// text through `safe` (lines for people), `jsonText` (JSON documents), `xmlText` (JUnit)
// or `githubData`/`githubProperty` (workflow commands).

/**
 * C0 controls (newline, carriage return and tab included), DEL, C1 controls, the line and
 * paragraph separators, and the bidirectional formatting characters that reorder what a
 * terminal shows ("Trojan Source"): none of them is shown as itself.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control and reordering character shown escaped (`\u001b`, `\n`, `\r`, `\t`). */
export function safe(text: unknown): string {
  const s = typeof text === 'string' ? text : String(text);
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeOne) : s;
}

/** Whether `text` holds a character `safe` would escape. */
export function isUnsafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** A tagged template that passes every interpolated value through `safe`: s`${name}: ${message}`. */
export function s(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += safe(values[i]) + strings[i + 1]!;
  return out;
}

/** A value as JSON on one line, then made safe (JSON.stringify leaves DEL, C1 and bidi characters as they are). */
export function showValue(value: unknown): string {
  return value === undefined ? 'nothing' : safe(JSON.stringify(value));
}

/** Characters JSON.stringify leaves unescaped inside strings that a terminal would act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A JSON document, indented by 2, with every control and reordering character escaped as
 * `\uXXXX` (the same value for a JSON reader; nothing a terminal acts on).
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for an XML attribute or element: made safe (XML 1.0 cannot carry most controls even as references), then escaped. */
export function xmlText(text: unknown): string {
  return safe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * The message of a GitHub workflow command (`::error ...::MESSAGE`): `%`, CR and LF
 * escaped as GitHub reads them (`%25`, `%0D`, `%0A`). `lines` are our own lines, joined
 * by an escaped newline; each is made safe first.
 */
export function githubData(lines: readonly string[]): string {
  return lines.map((l) => safe(l).replace(/%/g, '%25')).join('%0A');
}

/** A property value of a GitHub workflow command (`file=`, `title=`): also `:` and `,` escaped. */
export function githubProperty(text: string): string {
  return safe(text).replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `1,234,567`: a whole number with thousands separators, as `toLocaleString('en-US')`
 * writes it, without loading ICU's locale data (a measurable part of the start-up).
 */
export function count(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** `1 scenario`, `2 scenarios`, `1,000 scenarios`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

/** What a system error code means, as a sentence fragment: `cannot read \`x\`: <this>`. */
export function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links (a link that points back to itself?)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'ENXIO':
      return 'no such device or address (a socket, or a FIFO nobody writes to?)';
    case 'EIO':
      return 'an input/output error';
    case 'EBUSY':
      return 'the file is busy';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EEXIST':
      return 'it exists already';
    case 'EAGAIN':
      return 'the file is not ready to be read (non-blocking)';
    case undefined:
      return safe(error instanceof Error ? error.message : String(error));
    default:
      return `system error ${safe(code)}`;
  }
}

/**
 * The lines of a text the engine wrote with the file's names inside (the advisor's
 * request): every string of `source` that holds a character `safe` escapes is replaced
 * by its escaped form first, so that a newline inside a name cannot start a line of its
 * own; then the text is split at its own newlines and each line made safe.
 */
export function safeLines(text: string, source: unknown): string[] {
  const hostile = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (isUnsafe(value)) hostile.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(k);
        walk(v);
      }
    }
  };
  walk(source);
  let out = text;
  for (const h of [...hostile].sort((a, b) => b.length - a.length)) out = out.split(h).join(safe(h));
  return out.split('\n').map((line) => safe(line));
}
