// The engine's helper thread for imports: checks a policy file's text as `loadPolicyText`
// does, off the engine's thread, so that a huge file blocks neither the engine (other
// tabs' questions, status reports) nor a cancel, which ends this worker at once.
// One request at a time: `{ id, text }` in, `{ id, result }` out (src/worker/validator.ts).
import { loadPolicyText } from '../policy/validate';
import { validateMessageSchemas } from './validate-messages';

const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (event) => {
  const request = validateMessageSchemas().ValidateRequestSchema.safeParse(event.data);
  if (!request.success) return;
  const { id, text } = request.data;
  scope.postMessage({ id, result: loadPolicyText(text) });
};
