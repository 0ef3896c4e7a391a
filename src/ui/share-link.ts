// A policy file in a link: its UTF-8 bytes compressed with the platform's own
// CompressionStream ('deflate-raw'), in base64url, in the URL fragment (`#share=v1.…`),
// which browsers never send to a server. Decoding gives the file back byte for byte
// (a byte order mark, CRLF line ends and all) or says why it cannot. No library; runs
// in the page and in node 20 alike (unit-tested in test/ui/share-link.test.ts).
import { MAX_FILE_BYTES, sizeText } from '../policy/json';

export const SHARE_KEY = 'share';
const VERSION = 'v1.';
/** Longest fragment a share link may carry; a longer file is shared as a file. */
export const SHARE_LIMIT = 32 * 1024;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  const reader = out.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(b64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The fragment (`#share=v1.…`) that carries the file text. */
export async function shareFragment(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  return `#${SHARE_KEY}=${VERSION}${toBase64Url(await through(bytes, new CompressionStream('deflate-raw')))}`;
}

/** The payload of a share fragment (`#share=…`), or null when the hash is no share link. */
export function sharePayload(hash: string): string | null {
  const m = /^#share=(.*)$/s.exec(hash);
  return m ? m[1]! : null;
}

export type SharedFile = { ok: true; text: string; bytes: number } | { ok: false; message: string };

/** The file a share payload carries, byte for byte; or why it cannot be read. Never throws. */
export async function readShare(payload: string): Promise<SharedFile> {
  if (!payload.startsWith(VERSION)) return { ok: false, message: 'the link is not a Sealcheck share link of a version this Sealcheck reads' };
  const packed = fromBase64Url(payload.slice(VERSION.length));
  if (!packed) return { ok: false, message: 'the link is damaged: its data is not base64url (was it cut short?)' };
  let bytes: Uint8Array;
  try {
    bytes = await through(packed, new DecompressionStream('deflate-raw'), MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: `the link carries more than ${sizeText(MAX_FILE_BYTES)}: policy files are limited to ${sizeText(MAX_FILE_BYTES)}` };
    return { ok: false, message: 'the link is damaged: its data does not decompress (was it cut short?)' };
  }
  try {
    // keep a byte order mark: the file is given back as it was
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), bytes: bytes.byteLength };
  } catch {
    return { ok: false, message: 'the link does not carry UTF-8 text' };
  }
}
