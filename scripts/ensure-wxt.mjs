// Runs `wxt prepare` when .wxt/tsconfig.json is missing (a fresh clone): tsconfig.json and
// vitest extend it. There is no postinstall doing it (an install must not need dev
// tools), so the scripts that need it call this first; it does nothing when the file is
// there, so tests running side by side never see it rewritten.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, '.wxt', 'tsconfig.json'))) {
  const r = spawnSync('npx', ['--no-install', 'wxt', 'prepare'], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
