// The `<option>`s of the playground's actor selects, one a user:
// `cve-feed (technical, MEMBER)`, with customer roles `cve-feed (technical, MEMBER + CVE_FEED, OPS)`.
export interface ActorOptionsProps {
  readonly users: readonly { readonly id: string; readonly kind: string; readonly role: string; readonly customerRoles?: readonly string[] }[];
  /** Name each user's customer roles after its role (LeanIX). */
  readonly withCustomerRoles?: boolean;
}

export function ActorOptions({ users, withCustomerRoles = false }: ActorOptionsProps) {
  return (
    <>
      {users.map((u) => {
        const roles = withCustomerRoles ? (u.customerRoles ?? []) : [];
        return (
          <option key={u.id} value={u.id}>
            {`${u.id} (${u.kind}, ${u.role}${roles.length ? ` + ${roles.join(', ')}` : ''})`}
          </option>
        );
      })}
    </>
  );
}
