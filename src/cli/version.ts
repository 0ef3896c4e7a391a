// The package's version: written into the bundle at build time (scripts/build-cli.mjs);
// read from package.json when the CLI runs from source (tests, tsx).
import { readFileSync } from 'node:fs';

declare const __SEALCHECK_VERSION__: string | undefined;

export function version(): string {
  if (typeof __SEALCHECK_VERSION__ === 'string') return __SEALCHECK_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
