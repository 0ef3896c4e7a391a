// The packed fast path (packCaps / packedAllows in src/engine/leanix/compile.ts) answers
// exactly as the user's `caps`, at every offset and for every action bit.
import { describe, expect, it } from 'vitest';
import { ACTION_BIT, compileLeanix, packCaps, packedAllows } from '../../src/engine/leanix/compile';
import { ACTIONS } from '../../src/model/vocabulary';
import { SMOKE, generateWorkload } from '../../bench/workload';

describe('packed capabilities', () => {
  it('agree with caps everywhere', () => {
    const ws = compileLeanix(generateWorkload(SMOKE).policy);
    const distinct = new Set([...ws.users.values()].map((u) => u.caps));
    expect(distinct.size).toBeGreaterThan(10);
    let checked = 0;
    let held = 0;
    for (const caps of distinct) {
      const packed = packCaps(caps);
      expect(packed.length).toBe(Math.ceil(caps.length / 2));
      for (let at = 0; at < caps.length; at++) {
        for (const action of ACTIONS) {
          const bit = ACTION_BIT[action];
          const expected = (caps[at]! & bit) !== 0;
          if (packedAllows(packed, at, bit) !== expected) expect({ at, action, packed: !expected }).toEqual({ at, action, packed: expected });
          if (expected) held++;
          checked++;
        }
      }
    }
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(checked);
  });

  it('handles an odd length', () => {
    const caps = Uint8Array.from([1, 2, 4, 8, 15]);
    const packed = packCaps(caps);
    expect(packed.length).toBe(3);
    expect([...caps].map((_, at) => ACTIONS.filter((a) => packedAllows(packed, at, ACTION_BIT[a])))).toEqual([
      ['READ'],
      ['CREATE'],
      ['UPDATE'],
      ['DELETE'],
      ['READ', 'CREATE', 'UPDATE', 'DELETE'],
    ]);
  });
});
