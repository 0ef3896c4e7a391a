// Builds the `sealcheck` command: src/cli bundled with its run-time libraries (zod,
// jsonc-parser) into one plain JavaScript file, dist/cli.cjs, which bin/sealcheck.js
// runs; then V8's code cache for it, dist/cli.cjs.cache, written by one run of the
// command on the examples (so it holds what a run compiles). One file, minified, a
// CommonJS module compiled with its code cache: node resolves no modules and compiles
// little, so the command starts nearly as fast as node itself (bench/cli-startup.ts).
// The licenses of the bundled libraries go to dist/THIRD_PARTY_LICENSES.txt.
//
//   node scripts/build-cli.mjs [--outdir DIR]
//
// The files are written to temporary names and renamed, so a build running while the
// command runs (or another build) never leaves half a file.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? resolve(process.argv[at + 1]) : join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile: join(outdir, 'cli.cjs'),
  bundle: true,
  platform: 'node',
  // the libraries' ES module builds (jsonc-parser's main is UMD, which cannot be bundled as ESM)
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { __SEALCHECK_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: `// sealcheck ${pkg.version}: built from src/cli by scripts/build-cli.mjs; run by bin/sealcheck.js; third-party licenses in THIRD_PARTY_LICENSES.txt` },
  // src/cli/version.ts reads package.json through import.meta only when __SEALCHECK_VERSION__
  // is not defined (from source); in the bundle that branch is dead
  logOverride: { 'empty-import-meta': 'silent' },
  metafile: true,
  write: false,
  logLevel: 'warning',
});

/** The packages the bundle holds, with their license texts. */
function licenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || packages.has(m[1])) continue;
    const dir = join(root, 'node_modules', m[1]);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    packages.set(m[1], { version: meta.version, license: meta.license, text: file ? readFileSync(join(dir, file), 'utf8').trim() : '(no license file in the package)' });
  }
  return [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, p]) => `${name} ${p.version} (${p.license})\n\n${p.text}\n`).join(`\n${'-'.repeat(72)}\n\n`);
}

function writeAtomically(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
writeAtomically(join(outdir, 'THIRD_PARTY_LICENSES.txt'), `The sealcheck command (dist/cli.cjs) bundles these packages:\n\n${licenses(result.metafile)}`);

// The code cache: bin/sealcheck.js writes it after running the command on the examples.
// It is only an optimisation: without it (or for another node) the command runs the same.
const cache = join(outdir, 'cli.cjs.cache');
if (outdir === join(root, 'dist')) {
  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json')).map((f) => join('examples', f));
  const run = spawnSync(process.execPath, [join(root, 'bin', 'sealcheck.js'), 'test', ...examples], { cwd: root, env: { ...process.env, SEALCHECK_WRITE_CODE_CACHE: cache }, stdio: 'ignore' });
  if (run.status !== 0 && run.status !== 1) console.warn(`build-cli: the run that writes the code cache exited ${run.status}; the command runs without it`);
}
if (!process.argv.includes('--quiet')) {
  const size = result.outputFiles.reduce((n, f) => n + f.contents.length, 0);
  console.log(`${relative(process.cwd(), join(outdir, 'cli.cjs')) || 'cli.cjs'}: ${(size / 1024).toFixed(0)} kB`);
}
