// The CLI as a package: `npm pack` gives a tarball that installs into an empty prefix and
// runs from any folder, with no TypeScript loader and nothing but the bin and the bundle.
// Slow (npm pack builds the bundle, npm install reads the registry or its cache): one test.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './bundle';
import { VULN } from './helpers';

const run = promisify(execFile);

/** The environment without what an enclosing `npm run` sets for its own package (prefix, global, ...). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig)$/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

describe('npm pack', () => {
  it('installs into an empty prefix and runs from another folder', async () => {
    const env = cleanEnv();
    const out = mkdtempSync(join(tmpdir(), 'sealcheck-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, env, maxBuffer: 16 << 20 });
    const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    // only what the CLI needs
    expect(info.files.map((f) => f.path).sort()).toEqual(['README.md', 'bin/sealcheck.js', 'dist/THIRD_PARTY_LICENSES.txt', 'dist/cli.cjs', 'dist/cli.cjs.cache', 'package.json']);
    const tarball = join(out, info.filename);
    expect(info.filename).toMatch(/^sealcheck-\d+\.\d+\.\d+\.tgz$/);

    const prefix = mkdtempSync(join(tmpdir(), 'sealcheck-prefix-'));
    await run('npm', ['install', '--global', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline'], { env, maxBuffer: 16 << 20 });
    const installed = join(prefix, 'lib', 'node_modules', 'sealcheck');
    // run-time dependencies only: no loader, no build tool
    const deps = existsSync(join(installed, 'node_modules')) ? readdirSync(join(installed, 'node_modules')) : [];
    for (const tool of ['tsx', 'esbuild', 'typescript', 'wxt', 'vite']) expect(deps).not.toContain(tool);
    // the bundle holds its libraries (zod, jsonc-parser): the install downloads nothing
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).dependencies ?? {}).toEqual({});
    expect(deps.filter((d) => !d.startsWith('.'))).toEqual([]);

    const bin = join(prefix, 'bin', 'sealcheck');
    const elsewhere = mkdtempSync(join(tmpdir(), 'sealcheck-cwd-'));
    const version = await run(bin, ['--version'], { cwd: elsewhere, env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const test = await run(bin, ['test', VULN], { cwd: elsewhere, env: { ...env, NO_COLOR: '1' } });
    expect(test.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(test.stderr).toBe('');
  }, 240_000);
});
