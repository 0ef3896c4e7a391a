/** One located problem in a policy file. */
export interface PolicyError {
  /** JSON path like `factSheets[3].subscriptions[1].user`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  /** 1-based character column inside a permission string. */
  readonly position?: number;
  /** 1-based line and column in the file text, for syntax errors. */
  readonly line?: number;
  readonly column?: number;
  /**
   * Only on the last entry of a capped list (`… and 19,000 more errors`): how many errors
   * it stands for. That entry is no error itself.
   */
  readonly omitted?: number;
}

/** How many errors a list stands for: its errors and those a capped list's last entry counts. */
export function errorTotal(errors: readonly PolicyError[]): { total: number; shown: number } {
  let shown = 0;
  let omitted = 0;
  for (const e of errors) {
    if (e.omitted === undefined) shown++;
    else omitted += e.omitted;
  }
  return { total: shown + omitted, shown };
}

/** `1 error`, `2,345 errors`: the count of errors a list stands for, a capped list's omitted ones included. */
export function errorCountText(errors: readonly PolicyError[]): string {
  const { total } = errorTotal(errors);
  return `${total.toLocaleString('en-US')} error${total === 1 ? '' : 's'}`;
}

/** ` (and 3 more)` after the first error of a list, counting a capped list's omitted ones; empty for one error. */
export function moreErrorsText(errors: readonly PolicyError[]): string {
  const { total } = errorTotal(errors);
  return total > 1 ? ` (and ${(total - 1).toLocaleString('en-US')} more)` : '';
}

/** The entry that ends a capped list: `… and 19,000 more errors`. */
export function omittedErrors(more: number): PolicyError {
  return { path: '', message: `… and ${more.toLocaleString('en-US')} more error${more === 1 ? '' : 's'}`, omitted: more };
}

export { formatPath } from '../model/words';
export type { PathSegment } from '../model/words';

/** `path: message`, or just the message for the whole file; the form every surface prints. */
export function describeError(error: PolicyError): string {
  const where = error.line !== undefined ? `line ${error.line}, column ${error.column}` : error.path;
  return where ? `${where}: ${error.message}` : error.message;
}
