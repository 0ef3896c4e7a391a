// Applies a suggested fix to a workspace, so every "what would change it" can be
// checked by evaluating again.
import type { LeanixPolicy } from '../../model/schema';
import type { Fix } from '../reasons';

export const FIX_ROLE = 'SEALCHECK_FIX';

/**
 * The workspace with the fix applied for `actor`: a grant goes to the actor's first
 * customer role (or a new role cloned from its standard role), a subscription makes
 * it RESPONSIBLE, an entity is added to its access control entities, an expiry is lifted.
 */
export function applyFix(policy: LeanixPolicy, actor: string, fix: Fix): LeanixPolicy {
  // an actor names a user by id, or by email (ids first, as the compiler reads it)
  const user = policy.users.find((u) => u.id === actor) ?? policy.users.find((u) => u.email === actor);
  if (!user) return policy;
  actor = user.id;
  switch (fix.kind) {
    case 'grant': {
      const first = user.customerRoles[0];
      if (first) {
        return { ...policy, roles: policy.roles.map((r) => (r.name === first ? { ...r, permissions: [...r.permissions, fix.permission] } : r)) };
      }
      const role = { name: FIX_ROLE, cloneFrom: user.role === 'VIEWER' ? 'VIEWER' : 'MEMBER', permissions: [fix.permission] };
      return {
        ...policy,
        roles: [...policy.roles.filter((r) => r.name !== FIX_ROLE), role],
        users: policy.users.map((u) => (u.id === actor ? { ...u, customerRoles: [FIX_ROLE] } : u)),
      };
    }
    case 'subscription':
      return {
        ...policy,
        // a user holds one subscription per fact sheet: an existing one becomes RESPONSIBLE
        factSheets: policy.factSheets.map((f) =>
          f.id === fix.factSheet ? { ...f, subscriptions: [...f.subscriptions.filter((x) => x.user !== actor), { user: actor, type: 'RESPONSIBLE' as const, roles: [] }] } : f,
        ),
      };
    case 'ace':
      return { ...policy, users: policy.users.map((u) => (u.id === actor && fix.aces[0] ? { ...u, aces: [...u.aces, fix.aces[0]] } : u)) };
    case 'exempt':
      return {
        ...policy,
        factSheetTypes: policy.factSheetTypes.map((t) =>
          t.name === fix.type
            ? {
                ...t,
                qualitySeal: {
                  ...t.qualitySeal,
                  ignoreUpdatesForFields: [...new Set([...t.qualitySeal.ignoreUpdatesForFields, ...fix.fields])],
                  ignoreUpdatesForRelations: [...new Set([...t.qualitySeal.ignoreUpdatesForRelations, ...fix.relations])],
                },
              }
            : t,
        ),
      };
    case 'expiry':
      return { ...policy, users: policy.users.map((u) => (u.id === actor ? { ...u, expiresAt: null } : u)) };
    default:
      return policy;
  }
}
