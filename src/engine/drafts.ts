// Role drafts: customer roles being designed, applied over a workspace so every
// question can be asked "as if" the drafts were live.
import type { LeanixPolicy } from '../model/schema';

export interface DraftRole {
  readonly name: string;
  readonly cloneFrom?: string;
  readonly permissions: readonly string[];
  /** Users who hold the role in the simulation. */
  readonly users?: readonly string[];
}

/** The workspace with each draft added (or replacing the role of the same name) and assigned to its users. */
export function applyDrafts(policy: LeanixPolicy, drafts: readonly DraftRole[]): LeanixPolicy {
  if (!drafts.length) return policy;
  const byName = new Map(drafts.map((d) => [d.name, d]));
  const roles = policy.roles.filter((r) => !byName.has(r.name));
  for (const d of drafts) {
    roles.push({ name: d.name, permissions: [...d.permissions], ...(d.cloneFrom ? { cloneFrom: d.cloneFrom } : {}) });
  }
  const users = policy.users.map((u) => {
    const extra = drafts.filter((d) => d.users?.includes(u.id) && !u.customerRoles.includes(d.name)).map((d) => d.name);
    return extra.length ? { ...u, customerRoles: [...u.customerRoles, ...extra] } : u;
  });
  return { ...policy, roles, users };
}
