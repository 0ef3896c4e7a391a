// The base URL a user types for a pull, checked before anything is asked or sent: the
// origin the pull will talk to and the host permission pattern the extension asks for.
import { failureOf, describeFailure } from './failure';
import { baseOrigin } from './http';

export type PullTarget =
  | {
      readonly ok: true;
      /** `https://acme.leanix.net` (`http` on a loopback host only). */
      readonly origin: string;
      /** The host permission for that origin: `https://acme.leanix.net/*` (a match pattern has no port). */
      readonly pattern: string;
    }
  | { readonly ok: false; readonly message: string };

/** Checks a pull's base URL as the pull itself will: `https`, or `http` on loopback, no credentials. */
export function pullTarget(url: string): PullTarget {
  let origin: string;
  try {
    origin = baseOrigin(url.trim());
  } catch (thrown) {
    return { ok: false, message: describeFailure(failureOf(thrown)) };
  }
  const parsed = new URL(origin);
  return { ok: true, origin, pattern: `${parsed.protocol}//${parsed.hostname}/*` };
}
