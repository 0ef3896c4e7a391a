#!/usr/bin/env node
// The `sealcheck` command: plain JavaScript. `npm run build:cli` (scripts/build-cli.mjs)
// bundles src/cli into dist/cli.mjs; `npm pack` builds it first (prepack). No TypeScript
// loader runs here.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('sealcheck: dist/cli.mjs is missing: in a checkout, build it with `npm run build:cli` (or `npm run build`)\n');
  process.exit(2);
}
await import(bundle.href);
