// The packed fast path (packCaps / packedAllows in src/engine/leanix/compile.ts) answers
// exactly as the user's dense caps, at every offset and for every action bit, and the dense
// caps answer as `holds`.
import { describe, expect, it } from 'vitest';
import { ACTION_BIT, RESOURCE_INDEX, compileLeanix, denseCaps, holds, offset, packCaps, packedAllows } from '../../src/engine/leanix/compile';
import { ACTIONS, QUALIFIED_RESOURCES, RESOURCES } from '../../src/model/vocabulary';
import { SMOKE, generateWorkload } from '../../bench/workload';

describe('packed capabilities', () => {
  it('agree with caps everywhere', () => {
    const ws = compileLeanix(generateWorkload(SMOKE).policy);
    const distinct = new Set([...ws.users.values()].map((u) => denseCaps(ws, u)));
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

  it('dense caps answer as holds, for every user, cell and action', () => {
    const ws = compileLeanix(generateWorkload(SMOKE).policy);
    let held = 0;
    for (const user of ws.users.values()) {
      const caps = denseCaps(ws, user);
      for (const resource of RESOURCES) {
        for (const type of ws.types.values()) {
          const qualifiers = QUALIFIED_RESOURCES.includes(resource) ? [...type.qualifiers.keys()] : ['*'];
          for (const name of qualifiers) {
            const q = QUALIFIED_RESOURCES.includes(resource) ? type.qualifiers.get(name)! : 0;
            for (const action of ACTIONS) {
              const dense = (caps[offset(ws, RESOURCE_INDEX[resource], type.index, q)]! & ACTION_BIT[action]) !== 0;
              const held1 = holds(ws, user, resource, action, type, name);
              if (dense !== held1 && !user.admin) expect({ user: user.user.id, resource, type: type.type.name, name, action, dense }).toEqual({ user: user.user.id, resource, type: type.type.name, name, action, dense: held1 });
              if (held1) held++;
            }
          }
        }
      }
    }
    expect(held).toBeGreaterThan(0);
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
