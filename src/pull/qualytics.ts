// Pulling a Qualytics deployment into a version 2 policy file: users, teams and
// datastores page by page (the pages after the first asked for together), and the
// service tokens.
import { FORMAT, PUBLIC_TEAM, Q_ROLES, TEAM_LEVELS } from '../model/vocabulary';
import type { QRole, TeamLevel } from '../model/vocabulary';
import { baseOrigin } from './http';
import type { ApiRequest } from './http';
import { describePull } from './notes';
import { asObject, at, id, isObject, misfit, oneOf, optBool, optList, optNum, optObj, optStr, optTime, top } from './read';
import type { Json, Where } from './read';
import { runPull } from './run';
import type { Context, PlatformPull, Pulled } from './run';
import type { PullOptions, PullResult } from './types';

export const Q_PAGE_SIZE = 100;

export const QUALYTICS_PATHS = {
  users: (page: number) => `/api/users?page=${page}&size=${Q_PAGE_SIZE}`,
  teams: (page: number) => `/api/teams?page=${page}&size=${Q_PAGE_SIZE}`,
  datastores: (page: number) => `/api/datastores?page=${page}&size=${Q_PAGE_SIZE}`,
  serviceTokens: '/api/user-tokens/service',
} as const;

export const QUALYTICS_ASSUMED = [
  'Every user is in the Public team, listed or not; the Public team is written only when it holds datastores.',
  'A datastore\'s `teams` give those teams the datastore [C]; `enrichment_only` gives the kind [C].',
  'A service token is Revoked when not `active`, else Expired when its `expiration` is not after the pull time, else Active; personal tokens of others cannot be listed and are not pulled.',
];

/** Pulls a Qualytics deployment. Never throws: the result names the cause of a failure. */
export function pullQualytics(options: PullOptions): Promise<PullResult> {
  return runPull(options, () => qualyticsPull(options));
}

function qualyticsPull(options: PullOptions): PlatformPull {
  const source = options.source;
  const origin = source.kind === 'network' ? baseOrigin(source.url) : null;
  const token = source.kind === 'network' ? source.token : '';
  const header = `Bearer ${token}`;
  return {
    platform: 'qualytics',
    origin,
    authorizer: () => (source.kind === 'network' ? { header: async () => header, renew: async () => false } : null),
    secrets: () => [token],
    run,
  };
}

interface Page {
  readonly file: string;
  readonly request: string;
  readonly items: unknown[];
  readonly where: Where;
}

/** A list paged with `page` (from 1) and `size`: until `page × size ≥ total` (or `total_count`), or an empty page. */
async function list(ctx: Context, stage: string, base: string, path: (page: number) => string): Promise<Page[]> {
  const request = (page: number): ApiRequest => ({ method: 'GET', path: path(page), file: `${base}-${page}.json`, auth: 'bearer' });
  const read = (page: number, answer: unknown): Page & { total: number | null } => {
    const file = `${base}-${page}.json`;
    const name = ctx.saved ? file : `GET ${path(page)} (${file})`;
    const where = top(name);
    if (Array.isArray(answer)) return { file, request: name, items: answer, where, total: null };
    const root = asObject(answer, where);
    const total = optNum(root, 'total', where) ?? optNum(root, 'total_count', where) ?? null;
    const items = optList(root, 'items', where);
    return { file, request: name, items, where: at(where, 'items'), total };
  };
  const first = read(1, await ctx.request(request(1)));
  const pages: Page[] = [first];
  let done = first.items.length;
  ctx.progress(stage, done, first.total);
  if (first.items.length === 0) return pages;
  if (first.total !== null) {
    const last = Math.ceil(first.total / Q_PAGE_SIZE);
    const rest: Promise<Page>[] = [];
    for (let page = 2; page <= last; page++) {
      rest.push(
        ctx.request(request(page)).then((answer) => {
          const read_ = read(page, answer);
          done += read_.items.length;
          ctx.progress(stage, done, first.total);
          return read_;
        }),
      );
    }
    pages.push(...(await Promise.all(rest)).filter((p) => p.items.length > 0));
    return pages;
  }
  for (let page = 2; ; page++) {
    const next = read(page, await ctx.request(request(page)));
    if (next.items.length === 0) break;
    pages.push(next);
    done += next.items.length;
    ctx.progress(stage, done, null);
    if (next.items.length < Q_PAGE_SIZE) break;
  }
  return pages;
}

interface TeamDraft {
  readonly name: string;
  readonly permission: TeamLevel;
  readonly datastores: string[];
}

async function run(ctx: Context): Promise<Pulled> {
  const usersAsked = list(ctx, 'users', 'users', QUALYTICS_PATHS.users);
  const teamsAsked = list(ctx, 'teams', 'teams', QUALYTICS_PATHS.teams);
  const datastoresAsked = list(ctx, 'datastores', 'datastores', QUALYTICS_PATHS.datastores);
  const tokensAsked = ctx.request({ method: 'GET', path: QUALYTICS_PATHS.serviceTokens, file: 'serviceTokens.json', auth: 'bearer' });
  for (const p of [usersAsked, teamsAsked, datastoresAsked, tokensAsked]) p.catch(() => undefined);
  const notes = ctx.notes;

  // teams
  const teamPages = await teamsAsked;
  const teams: TeamDraft[] = [];
  const teamById = new Map<string, TeamDraft>();
  const teamByName = new Map<string, TeamDraft>();
  ctx.map(() => {
    for (const page of teamPages) {
      page.items.forEach((item, i) => {
        if (!isObject(item)) misfit(page.where, i, 'an object', item);
        const where = at(page.where, i);
        const name = optStr(item, 'name', where);
        if (!name) return misfit(where, 'name', 'non-empty text', item.name);
        const permission = oneOf(item, 'permission', where, TEAM_LEVELS);
        if (teamByName.has(name)) {
          notes.add('teams listed twice, the second left out', name);
          return;
        }
        const team: TeamDraft = { name, permission, datastores: [] };
        teams.push(team);
        teamByName.set(name, team);
        if (item.id !== undefined && item.id !== null) teamById.set(id(item, 'id', where), team);
      });
    }
  });

  // datastores
  const datastorePages = await datastoresAsked;
  const datastores: Record<string, unknown>[] = [];
  ctx.map(() => {
    const seen = new Set<string>();
    for (const page of datastorePages) {
      page.items.forEach((item, i) => {
        if (!isObject(item)) misfit(page.where, i, 'an object', item);
        const where = at(page.where, i);
        const datastoreId = id(item, 'id', where);
        if (seen.has(datastoreId)) {
          notes.add('datastores listed twice, the second left out', datastoreId);
          return;
        }
        seen.add(datastoreId);
        const enrichment = optBool(item, 'enrichment_only', where) === true;
        const name = optStr(item, 'name', where);
        const datastore: Record<string, unknown> = { id: datastoreId, kind: enrichment ? 'enrichment' : 'source' };
        if (name) datastore.description = name;
        datastores.push(datastore);
        optList(item, 'teams', where).forEach((ref, k) => {
          const team = teamOf(ref, at(where, 'teams'), k, teamById, teamByName);
          if (!team) notes.add('datastore teams that are not in the team list, dropped', `${datastoreId}: ${teamLabel(ref)}`);
          else if (!team.datastores.includes(datastoreId)) team.datastores.push(datastoreId);
        });
      });
    }
  });

  // users
  const userPages = await usersAsked;
  const users: Record<string, unknown>[] = [];
  const kinds = new Map<string, 'human' | 'service'>();
  ctx.map(() => {
    for (const page of userPages) {
      page.items.forEach((item, i) => {
        if (!isObject(item)) misfit(page.where, i, 'an object', item);
        const where = at(page.where, i);
        const userId = id(item, 'user_id', where);
        if (kinds.has(userId)) {
          notes.add('users listed twice, the second left out', userId);
          return;
        }
        const kind = optStr(item, 'user_type', where) === 'Service' ? 'service' : 'human';
        kinds.set(userId, kind);
        const rawRole = optStr(item, 'role', where);
        let role: QRole = 'Member';
        if (rawRole !== undefined && (Q_ROLES as readonly string[]).includes(rawRole)) role = rawRole as QRole;
        else notes.add('users whose role is not Admin, Manager or Member, read as Member', `${userId} (${rawRole ?? 'none'})`);
        const userTeams: string[] = [];
        optList(item, 'teams', where).forEach((ref, k) => {
          const name = typeof ref === 'string' ? ref : isObject(ref) && typeof ref.name === 'string' ? ref.name : misfit(at(where, 'teams'), k, 'a team name', ref);
          if (name === PUBLIC_TEAM) return;
          if (!teamByName.has(name)) notes.add('user teams that are not in the team list, dropped', `${userId}: ${name}`);
          else if (!userTeams.includes(name)) userTeams.push(name);
        });
        const user: Record<string, unknown> = { id: userId, kind, role, teams: userTeams };
        const deleted = item.deleted_at;
        if (deleted !== undefined && deleted !== null) user.active = false;
        const email = optStr(item, 'email', where);
        if (email) user.email = email;
        const displayName = optStr(item, 'name', where) || optStr(item, 'user_name', where);
        if (displayName) user.displayName = displayName;
        users.push(user);
      });
    }
  });

  // service tokens
  const tokensAnswer = await tokensAsked;
  const tokens: Record<string, unknown>[] = [];
  ctx.map(() => {
    const request = ctx.saved ? 'serviceTokens.json' : `GET ${QUALYTICS_PATHS.serviceTokens} (serviceTokens.json)`;
    let where = top(request);
    let items: unknown[];
    if (Array.isArray(tokensAnswer)) items = tokensAnswer;
    else {
      items = optList(asObject(tokensAnswer, where), 'items', where);
      where = at(where, 'items');
    }
    const names = new Set<string>();
    items.forEach((item, i) => {
      if (!isObject(item)) misfit(where, i, 'an object', item);
      const itemWhere = at(where, i);
      const tokenId = `tok-${id(item, 'id', itemWhere)}`;
      const owner = optObj(item, 'user', itemWhere);
      const userId = owner ? id(owner, 'user_id', at(itemWhere, 'user')) : id(item, 'user_id', itemWhere);
      const kind = kinds.get(userId);
      if (kind === undefined) {
        notes.add('service tokens of users who are not in the user list, dropped', `${tokenId} (${userId})`);
        return;
      }
      if (kind !== 'service') {
        notes.add('service tokens of users who are not service users, dropped', `${tokenId} (${userId})`);
        return;
      }
      let name = optStr(item, 'name', itemWhere);
      if (!name) {
        name = tokenId;
        notes.add('service tokens without a name, named by their id', tokenId);
      }
      if (names.has(`${userId}\u0000${name}`)) {
        notes.add('service tokens whose name their user already has on another token, dropped', `${tokenId} (${name})`);
        return;
      }
      names.add(`${userId}\u0000${name}`);
      const expiresAt = optTime(item, 'expiration', itemWhere);
      const active = optBool(item, 'active', itemWhere) ?? true;
      const state = !active ? 'Revoked' : expiresAt !== null && Date.parse(expiresAt) <= ctx.asOfMs ? 'Expired' : 'Active';
      tokens.push({ id: tokenId, user: userId, name, kind: 'service', state, expiresAt });
    });
  });
  ctx.items = users.length + teams.length + datastores.length + tokens.length;
  ctx.pages = teamPages.length + datastorePages.length + userPages.length + 1;

  return {
    assumed: QUALYTICS_ASSUMED,
    doc: ctx.map(() => {
      const kept = ctx.kept;
      return {
        format: FORMAT,
        version: 2,
        platform: 'qualytics',
        name: kept?.name ?? (ctx.saved ? 'Qualytics workspace' : `Qualytics workspace (${new URL(ctx.origin).host})`),
        description: kept?.description ?? describePull(ctx.origin, ctx.asOf, QUALYTICS_ASSUMED, notes.list()),
        asOf: ctx.asOf,
        datastores,
        teams: teams.filter((t) => t.name !== PUBLIC_TEAM || t.datastores.length > 0),
        users,
        tokens,
        scenarios: kept?.scenarios ?? [],
      };
    }),
  };
}

function teamLabel(ref: unknown): string {
  if (typeof ref === 'string') return ref;
  if (isObject(ref)) return String(ref.name ?? ref.id);
  return String(ref);
}

function teamOf(ref: unknown, where: Where, index: number, byId: ReadonlyMap<string, TeamDraft>, byName: ReadonlyMap<string, TeamDraft>): TeamDraft | undefined {
  if (typeof ref === 'string') return byName.get(ref);
  if (!isObject(ref)) return misfit(where, index, 'a team `{id, name}`', ref);
  const refWhere = at(where, index);
  if (ref.id !== undefined && ref.id !== null) {
    const team = byId.get(id(ref as Json, 'id', refWhere));
    if (team) return team;
  }
  const name = optStr(ref, 'name', refWhere);
  return name ? byName.get(name) : undefined;
}
