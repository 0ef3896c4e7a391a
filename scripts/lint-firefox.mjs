#!/usr/bin/env node
// Lints the Firefox build with web-ext (Mozilla's addons-linter), the check addons.mozilla.org
// runs on upload. Usage: node scripts/lint-firefox.mjs [FOLDER | ZIP] (default: .output/firefox-mv3,
// or $SEALCHECK_OUT_DIR/firefox-mv3; a zip of `npm run zip` works too); `npm run lint:firefox`
// builds the folder first.
// web-ext is used through its API, so it never checks npm for a newer version: nothing is
// downloaded. Exit 0 without errors (warnings are listed), 1 with errors, 2 without a build.
import { existsSync } from 'node:fs';
import path from 'node:path';
import webExt from 'web-ext';

const sourceDir = path.resolve(process.argv[2] ?? path.join(process.env.SEALCHECK_OUT_DIR || '.output', 'firefox-mv3'));
if (!existsSync(sourceDir.endsWith('.zip') ? sourceDir : path.join(sourceDir, 'manifest.json'))) {
  console.error(`No Firefox build in ${sourceDir}: run \`npx wxt build -b firefox\` first (or \`npm run lint:firefox\`).`);
  process.exit(2);
}

const result = await webExt.cmd.lint(
  { sourceDir, output: 'none', boring: true, pretty: false, selfHosted: false, warningsAsErrors: false, ignoreFiles: [] },
  { shouldExitProgram: false },
);
const line = (kind, m) => `${kind} ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`;
for (const m of result.errors) console.log(line('error', m));
for (const m of result.warnings) console.log(line('warning', m));
for (const m of result.notices) console.log(line('notice', m));
const { errors, warnings, notices } = result.summary;
console.log(`web-ext lint ${path.relative(process.cwd(), sourceDir) || '.'}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors > 0 ? 1 : 0);
