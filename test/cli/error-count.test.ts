// A file with more errors than the validator lists: the CLI says how many there are in
// all and how many it shows, never the length of the capped list (1,001).
import { describe, expect, it } from 'vitest';
import { errorTotal } from '../../src/policy/errors';
import { MAX_REPORTED_ERRORS } from '../../src/policy/json';
import { loadPolicyText } from '../../src/policy/validate';
import { mutated, sealcheck, write } from './helpers';

/** The LeanIX fixture with `n` unknown keys on one user: `n` errors. */
function withUnknownKeys(n: number): string {
  return mutated((policy) => {
    for (let i = 0; i < n; i++) policy.users[0][`unknownKey${i}`] = i;
  });
}

describe('error counts', () => {
  it('a capped list is counted by its real total and the number shown', async () => {
    const file = write('many-errors.json', withUnknownKeys(2_345));
    const r = await sealcheck(['validate', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}: invalid policy file, 2,345 errors, the first 1,000 shown`);
    expect(lines).toHaveLength(1 + MAX_REPORTED_ERRORS + 1);
    expect(lines[lines.length - 1]).toBe(`  ${file}: … and 1,345 more errors`);
  });

  it('errorTotal (what the playground counts too) reads the real total off the capped list', () => {
    const loaded = loadPolicyText(withUnknownKeys(2_345));
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && errorTotal(loaded.errors)).toEqual({ total: 2_345, shown: MAX_REPORTED_ERRORS });
    const few = loadPolicyText(withUnknownKeys(3));
    expect(!few.ok && errorTotal(few.errors)).toEqual({ total: 3, shown: 3 });
  });

  it('a list under the cap is counted as it is, and exactly the cap has no "shown"', async () => {
    const few = write('few-errors.json', withUnknownKeys(3));
    expect((await sealcheck(['validate', few])).stderr.split('\n')[0]).toBe(`${few}: invalid policy file, 3 errors`);
    const cap = write('cap-errors.json', withUnknownKeys(MAX_REPORTED_ERRORS));
    expect((await sealcheck(['validate', cap])).stderr.split('\n')[0]).toBe(`${cap}: invalid policy file, 1,000 errors`);
  });

  it('test --reporter junit carries the same count in the error message', async () => {
    const file = write('many-errors-junit.json', withUnknownKeys(1_500));
    const r = await sealcheck(['test', file, '--reporter', 'junit']);
    expect(r.stdout).toContain('message="invalid policy file, 1,500 errors, the first 1,000 shown"');
  });
});
