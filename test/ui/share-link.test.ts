// The share link round-trips a policy file byte for byte, with node 20's own
// CompressionStream, as the page does it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARE_LIMIT, fromBase64Url, readShare, shareFragment, sharePayload, toBase64Url } from '../../src/ui/share-link';

const files = [
  ...readdirSync(new URL('../../examples/', import.meta.url)).map((f) => new URL(`../../examples/${f}`, import.meta.url)),
  new URL('../fixtures/leanix-example.json', import.meta.url),
  new URL('../fixtures/qualytics-example.json', import.meta.url),
].filter((u) => u.pathname.endsWith('.json'));

async function roundTrip(text: string): Promise<string> {
  const fragment = await shareFragment(text);
  expect(fragment.startsWith('#share=v1.')).toBe(true);
  expect(fragment).toMatch(/^#share=v1\.[A-Za-z0-9_-]*$/);
  const back = await readShare(sharePayload(fragment)!);
  if (!back.ok) throw new Error(back.message);
  return back.text;
}

describe('share link', () => {
  it.each(files.map((u) => [u.pathname.split('/').pop()!, u] as const))('%s comes back byte for byte', async (_name, url) => {
    const bytes = readFileSync(url);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const back = await roundTrip(text);
    expect(Buffer.from(new TextEncoder().encode(back)).equals(bytes)).toBe(true);
  });

  it('keeps a byte order mark, CRLF, tabs, non-ASCII and astral characters', async () => {
    const text = '\ufeff{\r\n\t"name": "Zoë — 数据 🦊",\r\n\t"x": "\\u00e9"\r\n}\r\n';
    expect(await roundTrip(text)).toBe(text);
    expect(await roundTrip('')).toBe('');
  });

  it('base64url both ways, with and without padding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 70_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
      const encoded = toBase64Url(bytes);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('says why a link cannot be read', async () => {
    expect(sharePayload('#check=x')).toBeNull();
    expect(await readShare('v2.abc')).toMatchObject({ ok: false, message: /version/ });
    expect(await readShare('v1.***')).toMatchObject({ ok: false, message: /base64url/ });
    const good = sharePayload(await shareFragment('{"a": 1}'))!;
    expect(await readShare(good.slice(0, good.length - 3))).toMatchObject({ ok: false });
    expect(await readShare('v1.' + toBase64Url(new Uint8Array([1, 2, 3, 4])))).toMatchObject({ ok: false, message: /decompress/ });
  });

  it('an incompressible file is over the limit', async () => {
    const noise = toBase64Url(crypto.getRandomValues(new Uint8Array(60_000)));
    expect((await shareFragment(noise)).length).toBeGreaterThan(SHARE_LIMIT);
  });
});

describe('the name an import asks about', () => {
  it('is the top-level name, read up to where it is', async () => {
    const { topLevelName } = await import('../../src/ui/options/policy-name');
    expect(topLevelName('\ufeff{"format": "x", "factSheets": [{"name": "inner"}], "name": "Acme", "rest": [')).toBe('Acme');
    expect(topLevelName('{"users": {"name": "inner"}, "name": "Top"}')).toBe('Top');
    expect(topLevelName('{"name": 3}')).toBeNull();
    expect(topLevelName('not json')).toBeNull();
    expect(topLevelName('[{"name": "x"}]')).toBeNull();
  });
});
