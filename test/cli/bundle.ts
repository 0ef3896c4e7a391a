// The spawned tests run the real command, bin/sealcheck.js, which runs the bundle
// dist/cli.cjs: build it from the current source once per test worker (the build writes
// through temporary files and renames, so workers building at once do not collide).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/sealcheck.js', import.meta.url));

let built: Promise<void> | null = null;

export function ensureBundle(): Promise<void> {
  built ??= run(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: ROOT }).then(() => undefined);
  return built;
}
