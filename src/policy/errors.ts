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
}

export { formatPath } from '../model/words';
export type { PathSegment } from '../model/words';

/** `path: message`, or just the message for the whole file; the form every surface prints. */
export function describeError(error: PolicyError): string {
  const where = error.line !== undefined ? `line ${error.line}, column ${error.column}` : error.path;
  return where ? `${where}: ${error.message}` : error.message;
}
