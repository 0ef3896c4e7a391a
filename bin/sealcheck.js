#!/usr/bin/env node
// The `sealcheck` command: plain JavaScript. `npm run build:cli` (scripts/build-cli.mjs)
// bundles src/cli into dist/cli.cjs and, beside it, V8's code cache for it
// (dist/cli.cjs.cache); `npm pack` builds both first (prepack). No TypeScript loader
// runs here. The bundle is compiled with the code cache, so node need not parse and
// compile it again at every start. The cache starts with the SHA-256 of the bundle it
// was made from and is used only for that bundle; V8 itself ignores a cache made by
// another node (version, flags), and the bundle is then compiled as usual.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
if (!existsSync(file)) {
  process.stderr.write('sealcheck: dist/cli.cjs is missing: in a checkout, build it with `npm run build:cli` (or `npm run build`)\n');
  process.exit(2);
}
const source = readFileSync(file);
const hash = createHash('sha256').update(source).digest();
const cacheFile = `${file}.cache`;
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  if (cache.length > hash.length && cache.subarray(0, hash.length).equals(hash)) cachedData = cache.subarray(hash.length);
} catch {
  // no cache: compile as usual
}
// The wrapper node gives a CommonJS module, written out so that the code cache fits it.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
process.exitCode = await module.exports.run(process.argv.slice(2));

// The build runs the command once with this variable set to write the cache, after the
// run, so that it holds the functions a run compiles too.
if (process.env.SEALCHECK_WRITE_CODE_CACHE === cacheFile) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([hash, script.createCachedData()]));
  renameSync(temp, cacheFile);
}
