// LeanIX users: the workspace's permissions (standard role, customer roles, access
// control entities; archived and anonymized users left out) and the technical users'
// expiry, matched on id, else user name.
import { STANDARD_ROLES } from '../model/vocabulary';
import type { StandardRole } from '../model/vocabulary';
import type { Notes } from './notes';
import { asObject, at, commaList, id, isObject, misfit, obj, optBool, optList, optObj, optStr, optTime, top } from './read';

/** A page of an MTM list as read: its number, its saved file's name, its answer. */
export interface ListPage {
  readonly page: number;
  readonly file: string;
  readonly answer: unknown;
}

export interface UserDraft {
  readonly id: string;
  readonly kind: 'human' | 'technical';
  readonly role: StandardRole;
  readonly customerRoles: string[];
  readonly aces: string[];
  expiresAt: string | null;
  email?: string;
  readonly displayName?: string;
  readonly userName?: string;
}


// ---------------------------------------------------------------- users

export function mapUsers(
  pagesRead: readonly ListPage[],
  roles: ReadonlySet<string>,
  notes: Notes,
  name: (file: string, page: number) => string,
): UserDraft[] {
  const users: UserDraft[] = [];
  const ids = new Set<string>();
  const emails = new Set<string>();
  for (const { page, file, answer } of pagesRead) {
    const where = top(name(file, page));
    const root = asObject(answer, where);
    const items = optList(root, 'data', where);
    const dataWhere = at(where, 'data');
    items.forEach((item, i) => {
      if (!isObject(item)) misfit(dataWhere, i, 'an object', item);
      const itemWhere = at(dataWhere, i);
      const user = obj(item, 'user', itemWhere);
      const userWhere = at(itemWhere, 'user');
      const userId = id(user, 'id', userWhere);
      const status = optStr(item, 'status', itemWhere);
      if (status === 'ARCHIVED' || status === 'ANONYMIZED') {
        notes.add('archived or anonymized users, left out', userId);
        return;
      }
      if (ids.has(userId)) {
        notes.add('users listed twice, the second left out', userId);
        return;
      }
      ids.add(userId);
      const rawRole = optStr(item, 'role', itemWhere);
      let role: StandardRole = 'VIEWER';
      if (rawRole !== undefined && (STANDARD_ROLES as readonly string[]).includes(rawRole)) role = rawRole as StandardRole;
      else notes.add('users whose role is not ADMIN, MEMBER or VIEWER, read as VIEWER', `${userId} (${rawRole ?? 'none'})`);
      const customerRoles: string[] = [];
      for (const r of commaList(item, 'customerRoles', itemWhere)) {
        if (!roles.has(r)) notes.add('customer roles the authorization model lacks, dropped from users', `${userId}: ${r}`);
        else if (!customerRoles.includes(r)) customerRoles.push(r);
      }
      const aces = [...new Set(commaList(item, 'accessControlEntities', itemWhere))];
      const technical = optBool(user, 'technicalUser', userWhere) === true;
      const userName = optStr(user, 'userName', userWhere) || undefined;
      const email = optStr(user, 'email', userWhere) || undefined;
      const displayName = optStr(user, 'displayName', userWhere) || userName;
      const draft: UserDraft = { id: userId, kind: technical ? 'technical' : 'human', role, customerRoles, aces, expiresAt: null };
      if (email !== undefined) {
        if (emails.has(email)) notes.add('emails shared by two users, kept on the first only', email);
        else {
          draft.email = email;
          emails.add(email);
        }
      }
      if (displayName !== undefined) (draft as { displayName?: string }).displayName = displayName;
      if (userName !== undefined) (draft as { userName?: string }).userName = userName;
      users.push(draft);
    });
  }
  // An email must equal no other user's id.
  for (const user of users) {
    if (user.email !== undefined && user.email !== user.id && ids.has(user.email)) {
      notes.add('emails that equal another user\'s id, left out', user.email);
      delete user.email;
    }
  }
  return users;
}

export function applyExpiry(users: UserDraft[], pagesRead: readonly ListPage[], name: (file: string, page: number) => string): void {
  const byId = new Map<string, string | null>();
  const byName = new Map<string, string | null>();
  for (const { page, file, answer } of pagesRead) {
    const where = top(name(file, page));
    const root = asObject(answer, where);
    const items = optList(root, 'data', where);
    items.forEach((item, i) => {
      if (!isObject(item)) misfit(at(where, 'data'), i, 'an object', item);
      const itemWhere = at(where, 'data', i);
      const token = optObj(item, 'apiTokenData', itemWhere);
      const expiry = token ? optTime(token, 'expiry', at(itemWhere, 'apiTokenData')) : null;
      const technicalId = item.id === undefined || item.id === null ? undefined : id(item, 'id', itemWhere);
      const userName = optStr(item, 'userName', itemWhere);
      if (technicalId !== undefined) byId.set(technicalId, expiry);
      if (userName) byName.set(userName, expiry);
    });
  }
  for (const user of users) {
    if (user.kind !== 'technical') continue;
    const expiry = byId.has(user.id) ? byId.get(user.id)! : user.userName !== undefined ? byName.get(user.userName) ?? null : null;
    user.expiresAt = expiry;
  }
}

export function userOut(user: UserDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, kind: user.kind, role: user.role, customerRoles: user.customerRoles, aces: user.aces };
  if (user.kind === 'technical') out.expiresAt = user.expiresAt;
  if (user.email !== undefined) out.email = user.email;
  if (user.displayName !== undefined) out.displayName = user.displayName;
  return out;
}

