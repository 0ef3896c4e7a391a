// Validation by part: a role edit is validated without the fact sheets and scenarios,
// with exactly the errors the whole validation gives for the same edit.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { validatePolicy, validateRolesEdit } from '../../src/policy/validate';
import type { Json } from './helpers';
import { leanixFile, policyOf } from './helpers';

const base: LeanixPolicy = policyOf(leanixFile());
const role = (name: string, permissions: unknown, more: Json = {}) => ({ name, permissions, ...more });
const feed = base.roles.find((r) => r.name === 'FEED')!;

/** Broken (and a few valid) role edits: the list of roles that replaces the policy's. */
const roleEdits: [string, unknown][] = [
  ['an empty role name', [feed, role('', [])]],
  ['permissions that are not a list', [feed, role('R', 'FACT_SHEET:READ:*:*')]],
  ['a permission that is not text', [feed, role('R', [7])]],
  ['an unknown key in a role', [feed, role('R', [], { colour: 'red' })]],
  ['an unparsable permission string', [feed, role('R', ['FACT_SHEET_FIELDS:UPD'])]],
  ['a permission naming an unknown type and field', [feed, role('R', ['FACT_SHEET_FIELDS:UPDATE:Aplication:cveCount', 'FACT_SHEET_FIELDS:UPDATE:Application:cveCnt'])]],
  ['an unknown or built-in role to clone from', [feed, role('R', [], { cloneFrom: 'NOPE' }), role('S', [], { cloneFrom: 'ADMIN' })]],
  ['a clone cycle', [role('FEED', [], { cloneFrom: 'R' }), role('R', [], { cloneFrom: 'FEED' })]],
  ['a duplicate role name', [feed, role('FEED', [])]],
  ['a built-in role name', [feed, role('MEMBER', [])]],
  ['a role a user holds is gone', [role('OTHER', [])]],
  ['roles that are not a list', 5],
  ['a forbidden key', [feed, JSON.parse('{ "name": "R", "permissions": [], "__proto__": { "x": 1 } }')]],
  ['every problem at once', [role('', 'x'), role('FEED', ['NOPE:READ'], { cloneFrom: 'FEED' }), role('ADMIN', [], { extra: 1 })]],
  ['a valid edit', [feed, role('SYNC', ['FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'], { cloneFrom: 'VIEWER' })]],
  ['no roles left but the held one', [feed]],
];

describe('validateRolesEdit gives exactly the errors of the whole validation', () => {
  it.each(roleEdits)('%s', (_, roles) => {
    const whole = validatePolicy({ ...base, roles });
    const byPart = validateRolesEdit(base, roles);
    expect(byPart.ok ? [] : byPart.errors).toEqual(whole.ok ? [] : whole.errors);
    expect(byPart.ok).toBe(whole.ok);
    if (byPart.ok && whole.ok) expect(byPart.policy).toEqual(whole.policy);
  });

  it('edits with shape errors are refused, valid edits pass', () => {
    // (the reference errors, from an unknown type to a clone cycle, are compared above)
    const shape = ['an empty role name', 'permissions that are not a list', 'a permission that is not text', 'an unknown key in a role', 'roles that are not a list', 'a forbidden key', 'every problem at once'];
    for (const [what, roles] of roleEdits) {
      if (what === 'a valid edit' || what === 'no roles left but the held one') expect(validateRolesEdit(base, roles).ok, what).toBe(true);
      else if (shape.includes(what)) expect(validateRolesEdit(base, roles).ok, what).toBe(false);
    }
  });

  it('role drafts assigned to users: the users are checked too, by part while their ids stay', () => {
    const roles = [...base.roles, role('SYNC', ['FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'])];
    const users = base.users.map((u) => (u.id === 'alice' ? { ...u, customerRoles: ['SYNC', 'SYNCH'] } : u));
    const whole = validatePolicy({ ...base, roles, users });
    const byPart = validateRolesEdit(base, roles, users);
    expect(byPart.ok ? [] : byPart.errors).toEqual(whole.ok ? [] : whole.errors);
    expect(byPart.ok).toBe(whole.ok);

    const good = base.users.map((u) => (u.id === 'alice' ? { ...u, customerRoles: ['SYNC'] } : u));
    const valid = validateRolesEdit(base, roles, good);
    expect(valid.ok && valid.policy.users.find((u) => u.id === 'alice')?.customerRoles).toEqual(['SYNC']);
    expect(valid).toEqual(validatePolicy({ ...base, roles, users: good }));
  });

  it('users whose ids change are validated with the whole policy (fact sheets and scenarios refer to them)', () => {
    const users = base.users.map((u) => (u.id === 'alice' ? { ...u, id: '' } : u));
    const whole = validatePolicy({ ...base, users });
    expect(whole.ok).toBe(false);
    expect(validateRolesEdit(base, base.roles, users)).toEqual(whole);
  });

  it('reads no fact sheet and no scenario', () => {
    let reads = 0;
    const counted = <T extends object>(list: T[]): T[] =>
      new Proxy(list, {
        get(target, key, receiver) {
          if (key !== 'constructor') reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    const watched: LeanixPolicy = { ...base, factSheets: counted([...base.factSheets]), scenarios: counted([...base.scenarios]) };
    const roles = [...base.roles, role('R', ['FACT_SHEET_FIELDS:UPD'])];
    const byPart = validateRolesEdit(watched, roles);
    expect(reads).toBe(0);
    validatePolicy({ ...watched, roles });
    expect(reads).toBeGreaterThan(0);
    expect(byPart).toEqual(validatePolicy({ ...base, roles }));
  });
});
