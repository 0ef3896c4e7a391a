// A thrown error (a lost worker, a bug) as the Failure a worker call returns.
import type { Failure } from '../../worker/result';

export function failureOf(error: unknown): Failure {
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
