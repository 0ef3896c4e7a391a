// The JSON Schema of policy files, versions 1 and 2, generated from the zod schemas, so that editors
// can complete and check a file while it is written (`"$schema": "./sealcheck-policy.schema.json"`).
// It describes the shape only; references between parts of a file and permission
// strings are checked by `sealcheck validate`.
import { z } from 'zod';
import { modelSchemas } from './schema';

/** Where the generated schema is checked in, relative to the repository root. */
export const POLICY_SCHEMA_FILE = 'sealcheck-policy.schema.json';

/**
 * The JSON Schema (draft 2020-12) of the input side of the policy schema: keys with
 * defaults are optional, as a writer sees them. One form each for a LeanIX file of
 * version 2, a Qualytics file (version 1 or 2) and a LeanIX file of version 1; exactly
 * one matches a valid file.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const forms = z.xor([modelSchemas().LeanixPolicySchema, modelSchemas().QualyticsPolicySchema, modelSchemas().LeanixPolicyV1Schema]);
  const { $schema, ...rest } = z.toJSONSchema(forms, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  return {
    $schema,
    title: 'Sealcheck policy file',
    description:
      'A Sealcheck policy file, format version 2 or 1: the shape of the file. References between its parts and permission strings are checked by `sealcheck validate`.',
    ...rest,
  };
}

/** The schema as it is written to disk: two-space indentation and a final newline. */
export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
