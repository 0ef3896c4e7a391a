// Marks the moment the policy model's zod schemas (and zod) have been evaluated.
(globalThis as { __bootModel?: number }).__bootModel = performance.now();
