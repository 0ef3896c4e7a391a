// bin/sealcheck.js: runs the bundle with its code cache when the cache was made from
// that bundle, and runs it all the same when the cache is missing, foreign or damaged.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, ensureBundle } from './bundle';
import { LEANIX } from './helpers';

const run = promisify(execFile);
const BUNDLE = join(ROOT, 'dist', 'cli.cjs');

beforeAll(ensureBundle, 60_000);

/** A copy of the bin and the bundle in a folder of their own, with the cache given. */
function install(cache: Buffer | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-bin-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(BIN, join(dir, 'bin', 'sealcheck.js'));
  copyFileSync(BUNDLE, join(dir, 'dist', 'cli.cjs'));
  if (cache) writeFileSync(join(dir, 'dist', 'cli.cjs.cache'), cache);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return join(dir, 'bin', 'sealcheck.js');
}

describe('the code cache', () => {
  it('is made from the bundle beside it, and V8 takes it', () => {
    const source = readFileSync(BUNDLE);
    const cache = readFileSync(`${BUNDLE}.cache`);
    expect(cache.subarray(0, 32).equals(createHash('sha256').update(source).digest())).toBe(true);
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, { filename: BUNDLE, cachedData: cache.subarray(32) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it.each([
    ['no cache', null],
    ['a cache of another bundle', Buffer.concat([Buffer.alloc(32, 7), Buffer.from('not a V8 code cache')])],
    ['a damaged cache of this bundle', () => Buffer.concat([readFileSync(`${BUNDLE}.cache`).subarray(0, 32), Buffer.alloc(1000, 1)])],
    ['an empty file', Buffer.alloc(0)],
  ] as const)('the command runs the same with %s', async (_, cache) => {
    const bin = install(typeof cache === 'function' ? cache() : cache);
    const r = await run(process.execPath, [bin, 'test', LEANIX], { env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toMatch(/^9 passed, 0 failed$/m);
    expect(r.stderr).toBe('');
  });

  it('a missing bundle is said in one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sealcheck-nobundle-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'sealcheck.js'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const r = await run(process.execPath, [join(dir, 'bin', 'sealcheck.js'), '--version']).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect((r as { stderr: string }).stderr).toBe('sealcheck: dist/cli.cjs is missing: in a checkout, build it with `npm run build:cli` (or `npm run build`)\n');
  });
});
