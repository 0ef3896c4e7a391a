// Every located error of a policy file or an edit, as text: where, then what.
import type { PolicyError } from '../../policy/errors';
import { formatCount } from './format';

/** Where an error is: `line 3, column 7`, `roles[0].permissions[1], character 12`, or `the whole file`. */
export function errorLocation(error: PolicyError): string {
  const parts: string[] = [];
  if (error.path) parts.push(error.path);
  if (error.line !== undefined) parts.push(`line ${formatCount(error.line)}, column ${formatCount(error.column ?? 1)}`);
  if (error.position !== undefined) parts.push(`character ${formatCount(error.position)}`);
  return parts.length ? parts.join(', ') : 'the whole file';
}

export interface PolicyErrorListProps {
  /** One sentence above the list, e.g. "the file has 2 errors; nothing was imported". */
  readonly message: string;
  readonly errors: readonly PolicyError[];
  readonly testId?: string;
}

/** Rendered as text nodes only: error messages quote the file and are never markup. */
export function PolicyErrorList({ message, errors, testId = 'policy-errors' }: PolicyErrorListProps) {
  return (
    <div class="error-list panel" role="alert" data-testid={testId}>
      <div style={{ fontWeight: 600 }}>{message}</div>
      {errors.length ? (
        <ol style={{ margin: '6px 0 0', paddingLeft: '22px' }}>
          {errors.map((e, i) => (
            <li key={i} data-testid="policy-error">
              <code data-testid="policy-error-where">{errorLocation(e)}</code>
              <span>: </span>
              <span data-testid="policy-error-message">{e.message}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
