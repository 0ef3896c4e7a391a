// The bench's own reading of policy-file.md "Permission strings" and "Semantics",
// written without the engine's code, for the comparison engines: who holds which grants.
// (The file is valid, so parsing here is a plain split.)
import type { LeanixPolicy } from '../../src/model/schema';
import { ACTIONS, BASE_FIELDS, RESOURCES } from '../../src/model/vocabulary';

export interface BenchGrant {
  readonly resource: string;
  readonly actions: readonly string[];
  readonly type: string;
  readonly qualifier: string;
}

export function parseGrant(text: string): BenchGrant {
  const [resource, actions, type, qualifier] = text.split(':') as [string, string, string, string];
  return { resource, actions: actions.split(','), type, qualifier };
}

/** Built-in MEMBER: every resource but TECHNICAL_USERS, every base field but lxState. */
export const MEMBER_GRANTS: readonly BenchGrant[] = RESOURCES.flatMap((resource): BenchGrant[] => {
  if (resource === 'TECHNICAL_USERS') return [];
  if (resource === 'FACT_SHEET_BASE_FIELDS') {
    return BASE_FIELDS.filter((f) => f !== 'lxState').map((qualifier) => ({ resource, actions: ACTIONS, type: '*', qualifier }));
  }
  return [{ resource, actions: ACTIONS, type: '*', qualifier: '*' }];
});

/** Built-in VIEWER: READ everywhere, writing subscriptions and comments. */
export const VIEWER_GRANTS: readonly BenchGrant[] = [
  ...RESOURCES.filter((r) => r !== 'TECHNICAL_USERS').map((resource) => ({ resource, actions: ['READ'], type: '*', qualifier: '*' })),
  { resource: 'FACT_SHEET_SUBSCRIPTIONS', actions: ['CREATE', 'UPDATE', 'DELETE'], type: '*', qualifier: '*' },
  { resource: 'FACT_SHEET_COMMENTS', actions: ['CREATE', 'UPDATE', 'DELETE'], type: '*', qualifier: '*' },
];

export interface BenchUser {
  readonly id: string;
  readonly admin: boolean;
  /** The roles whose grants the user holds: its customer roles, or its standard role. */
  readonly roles: readonly string[];
  readonly grants: readonly BenchGrant[];
}

/** Each role's grants, clones included, by role name; MEMBER and VIEWER built in. */
export function roleGrants(policy: LeanixPolicy): Map<string, readonly BenchGrant[]> {
  const byName = new Map(policy.roles.map((r) => [r.name, r]));
  const out = new Map<string, readonly BenchGrant[]>([
    ['MEMBER', MEMBER_GRANTS],
    ['VIEWER', VIEWER_GRANTS],
  ]);
  const expand = (name: string): readonly BenchGrant[] => {
    const known = out.get(name);
    if (known) return known;
    const role = byName.get(name)!;
    const inherited = role.cloneFrom === undefined ? [] : expand(role.cloneFrom);
    const grants = [...inherited, ...role.permissions.map(parseGrant)];
    out.set(name, grants);
    return grants;
  };
  for (const role of policy.roles) expand(role.name);
  return out;
}

export function benchUsers(policy: LeanixPolicy): BenchUser[] {
  const roles = roleGrants(policy);
  return policy.users.map((user) => {
    const admin = user.role === 'ADMIN';
    const held = admin ? ['ADMIN'] : user.customerRoles.length ? [...user.customerRoles] : [user.role];
    return { id: user.id, admin, roles: held, grants: admin ? [] : held.flatMap((r) => roles.get(r)!) };
  });
}
