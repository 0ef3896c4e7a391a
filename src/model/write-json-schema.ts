// Writes `sealcheck-policy.schema.json` at the repository root from the zod schemas.
//   npx tsx src/model/write-json-schema.ts           write it
//   npx tsx src/model/write-json-schema.ts --check   exit 1 when the checked-in file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POLICY_SCHEMA_FILE, policyJsonSchemaText } from './json-schema';

const target = fileURLToPath(new URL(`../../${POLICY_SCHEMA_FILE}`, import.meta.url));
const text = policyJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    process.stderr.write(`${POLICY_SCHEMA_FILE} is out of date; run \`npx tsx src/model/write-json-schema.ts\`\n`);
    process.exit(1);
  }
  process.stdout.write(`${POLICY_SCHEMA_FILE} is up to date\n`);
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${POLICY_SCHEMA_FILE}\n`);
}
