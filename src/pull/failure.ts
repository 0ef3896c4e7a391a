// Failures of a pull: typed values, never thrown to the caller. Inside the pull a
// failure travels as a tagged plain object (not an Error class) to the one place
// that turns it into the result.
import { describeError } from '../policy/errors';
import { sizeText } from '../policy/json';
import type { PullFailure } from './types';

const FAILED = Symbol('sealcheck pull failure');

interface Carrier {
  readonly [FAILED]: PullFailure;
}

/** Ends the pull with this failure. */
export function fail(failure: PullFailure): never {
  const carrier: Carrier = { [FAILED]: failure };
  throw carrier;
}

/** The failure something thrown inside the pull carries; anything else is internal. */
export function failureOf(thrown: unknown): PullFailure {
  if (thrown !== null && typeof thrown === 'object' && FAILED in thrown) return (thrown as Carrier)[FAILED];
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: 'internal', message };
}

const MAX_ERRORS_SHOWN = 3;

/** One line naming the cause, for the command line and the extension alike. */
export function describeFailure(failure: PullFailure): string {
  switch (failure.kind) {
    case 'token-unset':
      return `the environment variable ${failure.variable} is not set: it must hold the API token`;
    case 'bad-url':
      return `cannot use the URL \`${failure.url}\`: ${failure.reason}`;
    case 'options':
      return failure.message;
    case 'unauthorized':
      return `authentication failed (401) at ${failure.request}: check the API token`;
    case 'forbidden':
      return `the token lacks a right (403) for ${failure.request}`;
    case 'unreachable':
      return `cannot reach ${failure.host}: ${failure.detail}`;
    case 'status':
      return `${failure.request} answered ${failure.status}${failure.detail ? `: ${failure.detail}` : ''}`;
    case 'misfit':
      return `the response to ${failure.request} does not fit at ${failure.path || 'its top'}: ${failure.message}`;
    case 'graphql':
      return `GraphQL errors in ${failure.request} (a partial read would give wrong answers): ${failure.messages.join('; ')}`;
    case 'missing':
      return `no saved response \`${failure.file}\``;
    case 'case-clash':
      return `${failure.where} differ only in letter case, which permission strings cannot tell apart: ${failure.names.map((n) => `\`${n}\``).join(', ')}`;
    case 'keep':
      return failure.message;
    case 'invalid': {
      const shown = failure.errors.slice(0, MAX_ERRORS_SHOWN).map(describeError).join('; ');
      const more = failure.errors.length > MAX_ERRORS_SHOWN ? `; and ${failure.errors.length - MAX_ERRORS_SHOWN} more` : '';
      return `the result is not a valid policy file (${failure.errors.length} error${failure.errors.length === 1 ? '' : 's'}): ${shown}${more}`;
    }
    case 'too-large':
      return `the pulled file would be ${sizeText(failure.bytes)}; policy files are limited to ${sizeText(failure.limit)}`;
    case 'cancelled':
      return 'cancelled';
    case 'internal':
      return `internal error: ${failure.message}`;
  }
}

/** The failure with every occurrence of the secrets replaced, and on one line. */
export function redactFailure(failure: PullFailure, secrets: readonly string[]): PullFailure {
  const live = secrets.filter((s) => s.length >= 4);
  const clean = (text: string) => {
    let out = text.replace(/[\r\n]+/g, ' ');
    for (const secret of live) out = out.split(secret).join('***');
    return out;
  };
  return JSON.parse(JSON.stringify(failure), (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value)) as PullFailure;
}
