// Pulling a SAP LeanIX workspace into a version 2 policy file: token exchange (and
// renewal), data model, subscription roles, authorization model, users and technical
// users, fact sheets by GraphQL paging, and the approval time of the approved fact
// sheets whose type has a renewal. Each answer is mapped as it arrives and dropped,
// so memory follows the model, not the responses.
import { FORMAT } from '../model/vocabulary';
import { baseOrigin } from './http';
import type { ApiRequest, Authorizer } from './http';
import { graphqlErrors, mapDataModel, mapRoles, mapSubscriptionRoles, typeOut } from './leanix-model';
import { PENDING, factSheetQuery, mapSheet } from './leanix-sheets';
import type { SheetDraft } from './leanix-sheets';
import { applyExpiry, mapUsers, userOut } from './leanix-users';
import type { ListPage } from './leanix-users';
import { JsonLines } from './file';
import { LineStore } from './lines';
import { describePull } from './notes';
import { PermissionFilter } from './permissions';
import type { TypeShape } from './permissions';
import { asObject, at, id, isObject, misfit, misfitAt, obj, optBool, optList, optNum, optObj, optStr, optTime, str, top } from './read';
import type { Json } from './read';
import { runPull } from './run';
import type { Context, PlatformPull, Pulled } from './run';
import type { PullOptions, PullResult } from './types';

export const PAGE_SIZE = 100;
/** `approvedAt` as written while its request is on the way; replaced in the line when it comes. */
const PENDING_JSON = JSON.stringify(PENDING);

export const LEANIX_PATHS = {
  token: '/services/mtm/v1/oauth2/token',
  dataModel: '/services/pathfinder/v1/models/dataModel',
  authorization: '/services/pathfinder/v1/models/authorization',
  graphql: '/services/pathfinder/v1/graphql',
  permissions: (workspace: string, page: number) =>
    `/services/mtm/v1/workspaces/${encodeURIComponent(workspace)}/permissions?includeTechnicalUsers=true&page=${page}&size=${PAGE_SIZE}`,
  technicalUsers: (workspace: string, page: number) =>
    `/services/mtm/v1/technicalusers?workspaceId=${encodeURIComponent(workspace)}&page=${page}&size=${PAGE_SIZE}`,
  factSheet: (id: string) => `/services/pathfinder/v1/factSheets/${encodeURIComponent(id)}`,
} as const;

/** The token exchange: the API token as HTTP basic password, an access token back (the pull and the one-fact-sheet re-read). */
export function tokenRequest(): ApiRequest {
  return {
    method: 'POST',
    path: LEANIX_PATHS.token,
    file: 'token.json',
    body: 'grant_type=client_credentials',
    contentType: 'application/x-www-form-urlencoded',
    auth: 'basic',
  };
}

export const SUBSCRIPTION_ROLES_QUERY = '{ allSubscriptionRoles { edges { node { id name subscriptionType restrictToFactSheetTypes } } } }';

export const LEANIX_ASSUMED = [
  'The approval workflow\'s `enabled` gives the DRAFT state, `rejectedState` the REJECTED state, and each `mandatorySubscriptionTypes` entry a mandatory subscription without role [I].',
  'A permission object `{domain, actions, instances}` reads as `DOMAIN:ACTIONS:VALUES`, one string per instance [I].',
  'Tags never break the seal (`tagsBreakSeal` false) [I]; `customerRoles` and `accessControlEntities` are comma-separated lists [I].',
  'Object-valued attributes are selected with sub-fields (LIFECYCLE `asString phases`, EXTERNAL_ID `externalId`, LOCATION `rawAddress`) [I].',
  'That UPDATE on the base field `lxState` is the seal permission, and how customer roles combine with the standard role, are Sealcheck\'s readings.',
];

// ---------------------------------------------------------------- entry point

/** Pulls a LeanIX workspace. Never throws: the result names the cause of a failure. */
export function pullLeanix(options: PullOptions): Promise<PullResult> {
  return runPull(options, () => leanixPull(options));
}

function leanixPull(options: PullOptions): PlatformPull {
  const source = options.source;
  const origin = source.kind === 'network' ? baseOrigin(source.url) : null;
  const token = source.kind === 'network' ? source.token : '';
  let session: Session | null = null;
  return {
    platform: 'leanix',
    origin,
    authorizer(ctx) {
      if (source.kind !== 'network') return null;
      session = new Session(ctx, token);
      return session;
    },
    secrets: () => [token, ...(session ? session.secrets() : [])],
    run: (ctx) => run(ctx, options, session),
  };
}

// ---------------------------------------------------------------- token

/** The access token: exchanged from the API token, exchanged again before (or when) it expires. */
class Session implements Authorizer {
  private access: { header: string; token: string; renewAt: number } | null = null;
  private pending: Promise<void> | null = null;
  private readonly basic: string;
  private readonly used: string[] = [];
  workspaceId = '';
  workspaceName: string | undefined;

  constructor(private readonly ctx: Context, apiToken: string) {
    this.basic = `Basic ${base64(`apitoken:${apiToken}`)}`;
  }

  secrets(): string[] {
    return [this.basic.slice(6), ...this.used];
  }

  async header(kind: 'basic' | 'bearer'): Promise<string> {
    if (kind === 'basic') return this.basic;
    if (!this.access || this.ctx.clock.now() >= this.access.renewAt) await this.exchange();
    return this.access!.header;
  }

  async renew(usedHeader: string): Promise<boolean> {
    if (this.access && this.access.header !== usedHeader) return true; // renewed meanwhile
    await this.exchange();
    return true;
  }

  /** Exchanges the API token; concurrent callers share one exchange. */
  exchange(): Promise<void> {
    this.pending ??= this.doExchange().finally(() => (this.pending = null));
    return this.pending;
  }

  private async doExchange(): Promise<void> {
    const request = tokenRequest();
    const first = this.access === null;
    if (first) this.ctx.progress('token', 0, 1);
    const answer = await this.ctx.request(request);
    const where = top(`POST ${LEANIX_PATHS.token}`);
    const root = asObject(answer, where);
    const token = str(root, 'access_token', where);
    this.used.push(token);
    const seconds = optNum(root, 'expires_in', where) ?? 3_599;
    const now = this.ctx.clock.now();
    const margin = Math.min(60_000, (seconds * 1000) / 10);
    this.access = { header: `Bearer ${token}`, token, renewAt: now + seconds * 1000 - margin };
    if (!first) return;
    const payload = jwtPayload(token);
    const tokenWhere = at(where, 'access_token', '(payload)');
    if (payload === null) misfitAt(tokenWhere, undefined, 'expected a JWT whose middle part is base64url JSON');
    const principal = obj(payload, 'principal', tokenWhere);
    const permission = obj(principal, 'permission', at(tokenWhere, 'principal'));
    this.workspaceId = id(permission, 'workspaceId', at(tokenWhere, 'principal', 'permission'));
    this.workspaceName = optStr(permission, 'workspaceName', at(tokenWhere, 'principal', 'permission')) || undefined;
    this.ctx.progress('token', 1, 1);
  }
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The JWT's payload (its middle part, base64url JSON), or null. */
export function jwtPayload(token: string): Json | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const binary = atob(b64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- the pull

async function run(ctx: Context, options: PullOptions, session: Session | null): Promise<Pulled> {
  if (session) await session.exchange();
  const workspace = session?.workspaceId ?? '{workspaceId}';
  const graphql = (file: string, query: string, variables: Record<string, unknown>): ApiRequest => ({
    method: 'POST',
    path: LEANIX_PATHS.graphql,
    file,
    body: JSON.stringify({ query, variables }),
    contentType: 'application/json',
    auth: 'bearer',
  });
  const named = (file: string, method: string, path: string) => (ctx.saved ? file : `${method} ${path} (${file})`);

  // The model's parts, read at once (at most 4 requests run together).
  ctx.progress('data model', 0, null);
  const dataModelAsked = ctx.request({ method: 'GET', path: LEANIX_PATHS.dataModel, file: 'dataModel.json', auth: 'bearer' });
  const authorizationAsked = ctx.request({ method: 'GET', path: LEANIX_PATHS.authorization, file: 'authorization.json', auth: 'bearer' });
  const rolesAsked = ctx.request(graphql('subscriptionRoles.json', SUBSCRIPTION_ROLES_QUERY, {}));
  const usersAsked = pages(ctx, 'users', (page) => ({
    method: 'GET',
    path: LEANIX_PATHS.permissions(workspace, page),
    file: `permissions-${page}.json`,
    auth: 'bearer',
  }));
  const technicalAsked = pages(ctx, 'technical users', (page) => ({
    method: 'GET',
    path: LEANIX_PATHS.technicalUsers(workspace, page),
    file: `technicalUsers-${page}.json`,
    auth: 'bearer',
  }));
  // Every promise is awaited below; until then none may reject unobserved.
  for (const p of [dataModelAsked, authorizationAsked, rolesAsked, usersAsked, technicalAsked]) p.catch(() => undefined);

  const dataModel = await dataModelAsked;
  const types = ctx.map(() => mapDataModel(dataModel, top(named('dataModel.json', 'GET', LEANIX_PATHS.dataModel)), options.types, ctx.notes));
  ctx.progress('data model', 1, 1);
  const typeByName = new Map(types.map((t) => [t.name, t]));

  const subscriptionRoles = await rolesAsked;
  const rolesWhere = top(named('subscriptionRoles.json', 'POST', LEANIX_PATHS.graphql));
  const subRoles = ctx.map(() => mapSubscriptionRoles(subscriptionRoles, rolesWhere, typeByName, ctx.notes));

  const authorization = await authorizationAsked;
  const shapes = new Map<string, TypeShape>(types.map((t) => [t.name, { fields: t.fields, relations: t.relations }]));
  const roles = ctx.map(() =>
    mapRoles(authorization, top(named('authorization.json', 'GET', LEANIX_PATHS.authorization)), new PermissionFilter(shapes, ctx.notes)),
  );

  const userPages = await usersAsked;
  const roleNames = new Set(roles.map((r) => r.name));
  const users = ctx.map(() => mapUsers(userPages, roleNames, ctx.notes, (file, page) => named(file, 'GET', LEANIX_PATHS.permissions(workspace, page))));
  const technicalPages = await technicalAsked;
  ctx.map(() => applyExpiry(users, technicalPages, (file, page) => named(file, 'GET', LEANIX_PATHS.technicalUsers(workspace, page))));

  // Fact sheets, page by page; approval times asked for in the background as pages come.
  // Each fact sheet is kept as its JSON line once it is final (after its approval time).
  const userIds = new Set(users.map((u) => u.id));
  const lines = new LineStore();
  const seen = new Set<string>();
  const filtered = options.types !== undefined;
  const query = factSheetQuery(types, filtered, ctx.notes);
  const filter = filtered ? { facetFilters: [{ facetKey: 'FactSheetTypes', operator: 'OR', keys: types.map((t) => t.name) }] } : undefined;
  let approvalsAsked = 0;
  let approvalsRead = 0;
  // Declared here, apart from the page's code: a callback made in the page's scope would
  // keep that page's answer alive until its approval time came.
  const askApproval = (index: number, id: string) => {
    // Only the line waits for the approval time, not the fact sheet's objects.
    approvalsAsked++;
    ctx.background(
      approvalTime(ctx, id, named).then((approvedAt) => {
        ctx.write(() => lines.set(index, lines.get(index).replace(PENDING_JSON, () => JSON.stringify(approvedAt))));
        approvalsRead++;
        if (approvalsRead % PAGE_SIZE === 0) ctx.progress('approval times', approvalsRead, approvalsAsked);
      }),
    );
  };
  let after: string | null = null;
  let total: number | null = null;
  const cursors = new Set<string>();
  for (let page = 1; ; page++) {
    ctx.check();
    const file = `factSheets-${page}.json`;
    const answer = await ctx.request(graphql(file, query, filter ? { after, filter } : { after }));
    ctx.check();
    const where = top(named(file, 'POST', LEANIX_PATHS.graphql));
    const ready: [number, SheetDraft][] = [];
    const next = ctx.map(() => {
      const root = asObject(answer, where);
      graphqlErrors(root, where);
      const data = obj(root, 'data', where);
      const dataWhere = at(where, 'data');
      const all = obj(data, 'allFactSheets', dataWhere);
      const allWhere = at(dataWhere, 'allFactSheets');
      total = optNum(all, 'totalCount', allWhere) ?? total;
      const edges = optList(all, 'edges', allWhere);
      const edgesWhere = at(allWhere, 'edges');
      for (let i = 0; i < edges.length; i++) {
        const edge = edges[i];
        if (!isObject(edge)) misfit(edgesWhere, i, 'an object', edge);
        const nodeWhere = at(edgesWhere, i, 'node');
        const node = obj(edge, 'node', at(edgesWhere, i));
        const sheet = mapSheet(node, nodeWhere, typeByName, userIds, subRoles, ctx.notes);
        if (!sheet) continue;
        if (seen.has(sheet.id)) {
          ctx.notes.add('fact sheets listed twice (on two pages), the second left out', sheet.id);
          continue;
        }
        seen.add(sheet.id);
        const index = lines.reserve();
        ready.push([index, sheet]);
        if (sheet.approvedAt === PENDING) askApproval(index, sheet.id);
      }
      const info = optObj(all, 'pageInfo', allWhere);
      const infoWhere = at(allWhere, 'pageInfo');
      const more = info ? optBool(info, 'hasNextPage', infoWhere) ?? false : false;
      if (!more) return null;
      const cursor = optStr(info!, 'endCursor', infoWhere);
      if (!cursor) misfitAt(infoWhere, 'endCursor', 'expected the cursor of the next page, since `hasNextPage` is true');
      if (cursors.has(cursor)) misfitAt(infoWhere, 'endCursor', `the cursor \`${cursor.slice(0, 40)}\` came before: paging would not end`);
      cursors.add(cursor);
      return cursor;
    });
    ctx.write(() => {
      for (const [index, sheet] of ready) lines.set(index, JSON.stringify(sheet), sheet.approvedAt === PENDING);
    });
    ctx.pages++;
    ctx.progress('fact sheets', lines.length, total);
    if (next === null) break;
    after = next;
  }
  ctx.items = lines.length;
  await ctx.drain();
  if (approvalsAsked > 0) ctx.progress('approval times', approvalsRead, approvalsAsked);

  return {
    assumed: LEANIX_ASSUMED,
    doc: ctx.map(() => {
      const kept = ctx.kept;
      const doc: Record<string, unknown> = {
        format: FORMAT,
        version: 2,
        platform: 'leanix',
        name: kept?.name ?? session?.workspaceName ?? 'LeanIX workspace',
        description: kept?.description ?? describePull(ctx.origin, ctx.asOf, LEANIX_ASSUMED, ctx.notes.list()),
        asOf: ctx.asOf,
      };
      if (kept?.settings !== undefined) doc.settings = kept.settings;
      doc.subscriptionRoles = subRoles.roles;
      doc.factSheetTypes = types.map(typeOut);
      doc.roles = roles;
      doc.users = users.map(userOut);
      doc.factSheets = new JsonLines(lines);
      doc.scenarios = kept?.scenarios ?? [];
      return doc;
    }),
  };
}

/** Pages of an MTM list (`total`, `data`), from page 1 until `page × size ≥ total`; the pages after the first are asked for together. */
async function pages(ctx: Context, stage: string, request: (page: number) => ApiRequest): Promise<ListPage[]> {
  const sizeOf = (answer: unknown) => (isObject(answer) && Array.isArray(answer.data) ? answer.data.length : 0);
  const first = await ctx.request(request(1));
  const out: ListPage[] = [{ page: 1, file: request(1).file, answer: first }];
  const total = isObject(first) && typeof first.total === 'number' ? first.total : null;
  let done = sizeOf(first);
  ctx.progress(stage, done, total);
  if (total !== null) {
    const last = Math.ceil(total / PAGE_SIZE);
    const rest: Promise<ListPage>[] = [];
    for (let page = 2; page <= last; page++) {
      rest.push(
        ctx.request(request(page)).then((answer) => {
          done += sizeOf(answer);
          ctx.progress(stage, done, total);
          return { page, file: request(page).file, answer };
        }),
      );
    }
    out.push(...(await Promise.all(rest)));
    return out;
  }
  // No total: page on until a short or empty page.
  for (let page = 2, size = done; size >= PAGE_SIZE; page++) {
    const answer = await ctx.request(request(page));
    out.push({ page, file: request(page).file, answer });
    size = sizeOf(answer);
    done += size;
    ctx.progress(stage, done, null);
  }
  return out;
}

/** The approval time of an APPROVED fact sheet (its own request), or the pull time when the platform gives none. */
async function approvalTime(ctx: Context, id: string, named: (file: string, method: string, path: string) => string): Promise<string> {
  const file = `factSheet-${id}.json`;
  const path = LEANIX_PATHS.factSheet(id);
  const safe = !/[\\/]|^\.\.?$/.test(id);
  const answer = safe || !ctx.saved ? await ctx.request({ method: 'GET', path, file, auth: 'bearer', optional: true }) : undefined;
  let approvedAt: string | null = null;
  if (answer !== undefined) {
    const where = top(named(file, 'GET', path));
    approvedAt = ctx.map(() => {
      const root = asObject(answer, where);
      const data = optObj(root, 'data', where);
      return data ? optTime(data, 'approvedAt', at(where, 'data')) : null;
    });
  }
  if (approvedAt === null) {
    ctx.notes.add('approved fact sheets without an approval time, written as approved at the pull time', id);
    approvedAt = ctx.asOf;
  }
  return approvedAt;
}

