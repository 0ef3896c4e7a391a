// The import's check on a thread of its own (src/worker/validate.worker.ts), for the engine
// worker: the engine's thread stays free while a huge file is checked (it answers other
// calls and reports its jobs), and a cancel ends the helper at once instead of waiting for
// the check to finish. Messages both ways are parsed with zod. Where no helper can start
// (no nested workers), or it fails, the check runs on the engine's thread (validateHere).
import type { ValidationResult } from '../policy/validate';
import type { ValidateText } from './api';
import { validateHere } from './api';
import { validateMessageSchemas } from './validate-messages';

/** What the validator needs of a worker. */
export interface HelperLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent | ErrorEvent) => void): void;
  terminate(): void;
}

function nestedWorker(): HelperLike {
  return new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' }) as unknown as HelperLike;
}

/** A ValidateText that checks on a helper thread, started on first use and ended by a cancel. */
export function validateOffThread(create: () => HelperLike = nestedWorker): ValidateText {
  let helper: HelperLike | null = null;
  let broken = false;
  let seq = 0;
  const waiting = new Map<number, (reply: ValidationResult | Error) => void>();

  const end = (why: Error) => {
    helper?.terminate();
    helper = null;
    for (const [, answer] of waiting) answer(why);
    waiting.clear();
  };
  const started = (): HelperLike => {
    if (helper) return helper;
    const h = create();
    h.addEventListener('message', (event) => {
      const data = (event as MessageEvent).data as { id?: unknown } | null;
      const reply = validateMessageSchemas().ValidateReplySchema.safeParse(data);
      const id = reply.success ? reply.data.id : typeof data?.id === 'number' ? data.id : undefined;
      if (id === undefined) return;
      const answer = waiting.get(id);
      waiting.delete(id);
      // an answer that is not what the helper sends is no answer: the check runs here instead
      answer?.(reply.success ? (reply.data.result as ValidationResult) : new Error('the check answered something else'));
    });
    h.addEventListener('error', (event) => {
      (event as ErrorEvent).preventDefault?.();
      if (helper === h) end(new Error((event as ErrorEvent).message || 'the check stopped'));
    });
    helper = h;
    return h;
  };

  return async (text, signal) => {
    if (signal.aborted) return null;
    if (broken) return validateHere(text, signal);
    let h: HelperLike;
    try {
      h = started();
    } catch {
      broken = true;
      return validateHere(text, signal);
    }
    const id = ++seq;
    const reply = await new Promise<ValidationResult | Error | null>((resolve) => {
      const onAbort = () => {
        waiting.delete(id);
        // the check may run for long: end it, a new helper starts with the next import
        if (helper === h) end(new Error('cancelled'));
        resolve(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.set(id, (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      });
      h.postMessage({ id, text });
    });
    if (reply === null) return null;
    if (reply instanceof Error) {
      // the helper could not run (no nested workers here, a crash): check on this thread instead
      if (signal.aborted) return null;
      broken = true;
      return validateHere(text, signal);
    }
    return reply;
  };
}
