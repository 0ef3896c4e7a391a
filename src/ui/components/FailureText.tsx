// A worker failure said as text: the message, and for invalid input every located error.
import { describeError } from '../../policy/errors';
import type { Failure } from '../../worker/result';

export interface FailureTextProps {
  readonly failure: Failure;
  /** Words before the message, e.g. `Not saved:`. */
  readonly prefix?: string;
}

export function FailureText({ failure, prefix }: FailureTextProps) {
  const errors = failure.kind === 'invalid' ? failure.errors : [];
  return (
    <div role="alert" class="error-list" data-testid="failure">
      <div>{prefix ? `${prefix} ${failure.message}` : failure.message}</div>
      {errors.length ? (
        <ul>
          {errors.map((e, i) => (
            <li key={i}>{describeError(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
