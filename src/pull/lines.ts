// A pulled workspace's fact sheets as JSON lines kept as UTF-8 bytes in chunks of
// 1 MB, outside the JavaScript heap. The heap then holds little that lives long
// while the pages come, so the engine need not grow it to several times the
// model's size to keep up with the pages' garbage (measured at 100,000 fact
// sheets: the heap grew to about 260 MB with the lines held as strings).

const CHUNK = 1 << 20;

/** Lines by index; a line may be held as a string while it waits for something (an approval time), then set for good. */
export class LineStore {
  private readonly chunks: Uint8Array[] = [];
  private used = CHUNK;
  /** Per index: chunk, byte offset, byte length, UTF-16 length; -1 as chunk: not set. */
  private table = new Int32Array(4 * 1024);
  private count = 0;
  private readonly waiting = new Map<number, string>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  get length(): number {
    return this.count;
  }

  /** A new line at the end, not set yet; its index. */
  reserve(): number {
    if (this.table.length < (this.count + 1) * 4) {
      const grown = new Int32Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    this.table[this.count * 4] = -1;
    return this.count++;
  }

  /** Sets line `index` for good (its bytes are stored), or, `waiting`, holds it as a string for a later `set`. */
  set(index: number, line: string, waiting = false): void {
    if (waiting) {
      this.waiting.set(index, line);
      return;
    }
    this.waiting.delete(index);
    // At most 3 bytes per UTF-16 unit: a line that may not fit starts a chunk of its own size.
    if (this.used + line.length * 3 > CHUNK) {
      this.chunks.push(new Uint8Array(Math.max(CHUNK, line.length * 3)));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    const { written } = this.encoder.encodeInto(line, this.chunks[chunk]!.subarray(this.used));
    const row = index * 4;
    this.table[row] = chunk;
    this.table[row + 1] = this.used;
    this.table[row + 2] = written;
    this.table[row + 3] = line.length;
    this.used += written;
  }

  /** Line `index` as a string ('' when not set). */
  get(index: number): string {
    const held = this.waiting.get(index);
    if (held !== undefined) return held;
    const bytes = this.bytes(index);
    return bytes === null ? '' : this.decoder.decode(bytes);
  }

  /** Whether every line is set for good. */
  allSet(): boolean {
    if (this.waiting.size > 0) return false;
    for (let i = 0; i < this.count; i++) if (this.table[i * 4]! < 0) return false;
    return true;
  }

  /** Whether line `index` is set for good (its bytes stored). */
  isSet(index: number): boolean {
    return this.table[index * 4]! >= 0 && !this.waiting.has(index);
  }

  /** The byte length of line `index`, which must be set for good. */
  byteLength(index: number): number {
    return this.table[index * 4 + 2]!;
  }

  /** Copies the bytes of line `index` (set for good) into `target` at `at`; their count. */
  copyTo(index: number, target: Uint8Array, at: number): number {
    const row = index * 4;
    const chunk = this.chunks[this.table[row]!]!;
    const offset = this.table[row + 1]!;
    const length = this.table[row + 2]!;
    for (let i = 0; i < length; i++) target[at + i] = chunk[offset + i]!;
    return length;
  }

  private bytes(index: number): Uint8Array | null {
    if (!this.isSet(index)) return null;
    const row = index * 4;
    const offset = this.table[row + 1]!;
    return this.chunks[this.table[row]!]!.subarray(offset, offset + this.table[row + 2]!);
  }

  /** Line `index`'s length in UTF-16 units, as a string of it would have. */
  textLength(index: number): number {
    const held = this.waiting.get(index);
    if (held !== undefined) return held.length;
    return this.table[index * 4]! < 0 ? 0 : this.table[index * 4 + 3]!;
  }
}
