// A cheap integrity check for stored policies, so that reading a workspace does not
// have to run the whole policy through zod again.
//
// When a workspace is written, its policy has just been parsed by the model's zod schema
// (`prepareWorkspace`). The store keeps, beside it, a digest of that parsed policy and the
// version of the model it was parsed under. On read, a policy whose digest still matches,
// under the same model version, is exactly the value zod produced and is returned as is;
// any other (a changed or damaged record, a record written before digests existed, or by
// another model version) goes through zod as before and is reported with its location.
//
// The digest is taken over the policy's JSON text (`JSON.stringify`, native and fast:
// about 11 ms for 10,000 fact sheets, 130 ms for 100,000 in the extension's worker, against
// 59 ms and 456 ms for the zod parse it replaces, which runs there without its `new Function`
// fast path) with two 32-bit FNV-1a style lanes, so 64 bits. A JavaScript walk over the value
// that hashes as it goes was measured 4× slower than JSON.stringify plus the hash.
// It is a check against damage and version skew, not against an attacker: anyone who
// can write the browser profile's IndexedDB can write a matching digest too. What the
// JSON text cannot tell apart passes as equal: a value JSON writes like another one
// (NaN or a hole for `null`, a Date for its ISO string, a Map for `{}`) or an own key set
// to `undefined` for a missing key. This code only ever stores zod's output of JSON, which
// holds none of those; they can only be written into IndexedDB by hand.

/**
 * The version of the policy model (src/model/schema.ts) that digests are taken under.
 * Bump it whenever the model's schemas change what they accept or produce: digests
 * written under another version are ignored, so stored policies are checked by zod again.
 * test/storage/integrity.test.ts pins the model's JSON Schema to this version and fails
 * when the model changes without it.
 */
export const POLICY_MODEL_VERSION = 2;

/** What the store keeps beside a policy: `{ model, digest }`. */
export interface PolicyCheck {
  readonly model: number;
  readonly digest: string;
}

/** 64-bit digest of a string, as 16 hex digits. */
export function digestText(text: string): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ text.length, 0x01000193);
  b = Math.imul(b ^ text.length, 0x5bd1e995);
  return (a >>> 0).toString(16).padStart(8, '0') + ((b ^ (b >>> 15)) >>> 0).toString(16).padStart(8, '0');
}

/** The digest of a policy's JSON text; null for a value JSON cannot write (a cycle, a BigInt). */
export function policyDigest(policy: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(policy);
  } catch {
    return null;
  }
  return typeof text === 'string' ? digestText(text) : null;
}

/** The check to store with a policy that zod has just produced. */
export function policyCheck(policy: unknown): PolicyCheck | undefined {
  const digest = policyDigest(policy);
  return digest === null ? undefined : { model: POLICY_MODEL_VERSION, digest };
}

/** Whether a stored policy is, unchanged, the one its check was taken of under this model version. */
export function passesCheck(policy: unknown, check: PolicyCheck | undefined): boolean {
  if (!check || check.model !== POLICY_MODEL_VERSION) return false;
  return policyDigest(policy) === check.digest;
}
