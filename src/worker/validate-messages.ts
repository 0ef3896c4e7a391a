// The messages between the engine and its import helper thread (src/worker/validator.ts,
// src/worker/validate.worker.ts), parsed with zod on both sides.
import { z } from 'zod';

/**
 * Builds the helper thread's message schemas.
 * Called once, on first use (`validateMessageSchemas()`), not at module load: the engine worker starts without them.
 */
function buildValidateMessageSchemas() {
  const ValidateRequestSchema = z.strictObject({ id: z.number().int(), text: z.string() });
  // Loose: what the validator adds to its answer later (a count of errors left out, ...) passes through.
  const LocatedErrorSchema = z.looseObject({
    path: z.string(),
    message: z.string(),
    position: z.number().optional(),
    line: z.number().optional(),
    column: z.number().optional(),
  });
  const ValidateReplySchema = z.strictObject({
    id: z.number().int(),
    result: z.union([
      // the model as validatePolicy made it on the helper thread (structured-cloned), stored with `validated`
      z.looseObject({ ok: z.literal(true), policy: z.record(z.string(), z.unknown()) }),
      z.looseObject({ ok: z.literal(false), errors: z.array(LocatedErrorSchema) }),
    ]),
  });

  return { ValidateRequestSchema, ValidateReplySchema };
}

export type ValidateMessageSchemas = ReturnType<typeof buildValidateMessageSchemas>;

let built: ValidateMessageSchemas | undefined;

/** The helper thread's message schemas, built on the first call and kept. */
export function validateMessageSchemas(): ValidateMessageSchemas {
  built ??= buildValidateMessageSchemas();
  return built;
}
