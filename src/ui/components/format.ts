// Numbers, durations and dates as people read them, in the browser's locale.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** `10000` → `10,000` (in en-US). */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** `1 fact sheet`, `10,000 fact sheets`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** Milliseconds as `850 ms` or `1.2 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${formatCount(Math.round(ms))} ms` : `${oneDecimal.format(ms / 1000)} s`;
}

/** Bytes as `512 B`, `3.4 kB`, `12.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} B`;
  if (bytes < 1_000_000) return `${oneDecimal.format(bytes / 1000)} kB`;
  return `${oneDecimal.format(bytes / 1_000_000)} MB`;
}

/** Per-second rate of `n` things in `ms`. */
export function perSecond(n: number, ms: number): string {
  return formatCount(ms > 0 ? (n * 1000) / ms : n);
}

/** An ISO timestamp as a short local date and time. */
export function formatWhen(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
