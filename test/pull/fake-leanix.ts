// A fake LeanIX workspace API on 127.0.0.1 (random port) for the pull tests and the
// pull benchmark: token exchange with a JWT, data model, authorization model,
// subscription roles and fact sheets by GraphQL (cursor paging, 100 a page), users and
// technical users (page/size paging), per-fact-sheet approval times. Faults (429, 401,
// 403, GraphQL errors, malformed bodies) are injected per request by a hook.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  /** For GraphQL requests: `subscriptionRoles`, `factSheets` (with the page, 1-based) or `factSheet` (one by id, page 1). */
  readonly graphql?: { readonly kind: 'subscriptionRoles' | 'factSheets' | 'factSheet'; readonly page: number };
}

export interface Fault {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LeanixWorkspace {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly apiToken: string;
  /** `data` of the data model answer. */
  readonly dataModel: unknown;
  /** `data` of the authorization answer. */
  readonly authorization: unknown;
  /** Nodes of `allSubscriptionRoles`. */
  readonly subscriptionRoles: readonly unknown[];
  /** Items of the permissions list (`data`). */
  readonly permissions: readonly unknown[];
  /** Items of the technical users list. */
  readonly technicalUsers: readonly unknown[];
  /** How many fact sheets, and the node of each (made on demand, so 100,000 cost no memory). */
  readonly factSheetCount: number;
  factSheet(index: number): Record<string, unknown>;
  /** `approvedAt` of a fact sheet by id; undefined: 404. */
  approvedAt(id: string): string | null | undefined;
}

export interface FakeOptions {
  /** Seconds an access token lives (answered as `expires_in`). */
  readonly expiresIn?: number;
  /** Answers instead of the API when it returns a fault. */
  readonly fault?: (request: FakeRequest) => Fault | undefined;
  /** Delay every answer by this many ms. */
  readonly delayMs?: number;
  /** Keep no log and no counts per path (the benchmark's 100,000 fact sheets). */
  readonly quiet?: boolean;
}

export interface FakeServer {
  readonly url: string;
  readonly port: number;
  /** Requests by `METHOD path` (GraphQL: `POST graphql factSheets`), faults included. */
  readonly counts: Map<string, number>;
  readonly log: string[];
  /** Most requests in flight at one time. */
  maxInFlight: number;
  /** Token exchanges answered with a token. */
  exchanges: number;
  /** Every header value `Authorization` carried. */
  readonly authorizations: Set<string>;
  /** Makes every access token issued so far invalid (401). */
  expireTokens(): void;
  close(): Promise<void>;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function jwt(payload: unknown): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
}

export async function startFakeLeanix(ws: LeanixWorkspace, options: FakeOptions = {}): Promise<FakeServer> {
  const valid = new Set<string>();
  let inFlight = 0;
  const server: FakeServer = {
    url: '',
    port: 0,
    counts: new Map(),
    log: [],
    maxInFlight: 0,
    exchanges: 0,
    authorizations: new Set(),
    expireTokens: () => valid.clear(),
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };

  const http = createServer(async (req, res) => {
    inFlight++;
    server.maxInFlight = Math.max(server.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const authorization = req.headers.authorization ?? '';
    if (!options.quiet) server.authorizations.add(authorization);
    let graphql: FakeRequest['graphql'];
    let parsedBody: { query?: string; variables?: { after?: string | null; id?: string; filter?: { facetFilters?: { keys?: string[] }[] } } } = {};
    if (url.pathname === '/services/pathfinder/v1/graphql') {
      try {
        parsedBody = JSON.parse(body);
      } catch {
        return send(res, 400, '{"errors":[{"message":"bad request"}]}');
      }
      const query = parsedBody.query ?? '';
      if (query.includes('allSubscriptionRoles')) graphql = { kind: 'subscriptionRoles', page: 1 };
      else if (/\bfactSheet\(id:/.test(query)) graphql = { kind: 'factSheet', page: 1 };
      else {
        const after = parsedBody.variables?.after;
        graphql = { kind: 'factSheets', page: after ? Number(after.slice(1)) / 100 + 1 : 1 };
      }
    }
    if (!options.quiet) {
      const key = `${req.method} ${graphql ? `graphql ${graphql.kind}` : url.pathname}`;
      server.counts.set(key, (server.counts.get(key) ?? 0) + 1);
      server.log.push(`${req.method} ${url.pathname}${url.search}${graphql ? ` ${graphql.kind} ${graphql.page}` : ''}`);
    }
    const fault = options.fault?.({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, ...(graphql ? { graphql } : {}) });
    if (fault) return send(res, fault.status, fault.body ?? '{}', fault.headers);

    if (req.method === 'POST' && url.pathname === '/services/mtm/v1/oauth2/token') {
      const expected = `Basic ${Buffer.from(`apitoken:${ws.apiToken}`).toString('base64')}`;
      if (authorization !== expected || body !== 'grant_type=client_credentials') return send(res, 401, '{"error":"unauthorized"}');
      server.exchanges++;
      const token = jwt({ principal: { permission: { workspaceId: ws.workspaceId, workspaceName: ws.workspaceName } }, n: server.exchanges });
      valid.add(token);
      return send(res, 200, JSON.stringify({ scope: '', expired: false, access_token: token, token_type: 'bearer', expires_in: options.expiresIn ?? 3599 }));
    }
    if (!authorization.startsWith('Bearer ') || !valid.has(authorization.slice(7))) return send(res, 401, '{"status":"ERROR","message":"unauthorized"}');

    const page = Number(url.searchParams.get('page') ?? '1');
    const size = Number(url.searchParams.get('size') ?? '100');
    switch (url.pathname) {
      case '/services/pathfinder/v1/models/dataModel':
        return send(res, 200, JSON.stringify({ status: 'OK', data: ws.dataModel }));
      case '/services/pathfinder/v1/models/authorization':
        return send(res, 200, JSON.stringify({ status: 'OK', data: ws.authorization }));
      case `/services/mtm/v1/workspaces/${ws.workspaceId}/permissions`:
        return send(res, 200, JSON.stringify({ status: 'OK', type: 'Permission', total: ws.permissions.length, data: ws.permissions.slice((page - 1) * size, page * size) }));
      case '/services/mtm/v1/technicalusers':
        if (url.searchParams.get('workspaceId') !== ws.workspaceId) return send(res, 404, '{}');
        return send(res, 200, JSON.stringify({ total: ws.technicalUsers.length, data: ws.technicalUsers.slice((page - 1) * size, page * size) }));
      case '/services/pathfinder/v1/graphql': {
        if (graphql!.kind === 'subscriptionRoles') {
          return send(res, 200, JSON.stringify({ data: { allSubscriptionRoles: { edges: ws.subscriptionRoles.map((node) => ({ node })) } } }));
        }
        if (graphql!.kind === 'factSheet') {
          // One fact sheet by id (the popup's live re-read); an unknown id is `null` with an error, as LeanIX answers.
          const wantedId = parsedBody.variables?.id;
          for (let k = 0; k < ws.factSheetCount; k++) {
            const node = ws.factSheet(k);
            if (node.id === wantedId) return send(res, 200, JSON.stringify({ data: { factSheet: node } }));
          }
          return send(res, 200, JSON.stringify({ data: { factSheet: null }, errors: [{ message: `Fact sheet with id '${wantedId}' not found` }] }));
        }
        const wanted = parsedBody.variables?.filter?.facetFilters?.[0]?.keys;
        const after = parsedBody.variables?.after;
        const start = after ? Number(after.slice(1)) : 0;
        // A filter is applied by skipping nodes of other types; cursors count every node.
        const edges: { node: Record<string, unknown> }[] = [];
        let i = start;
        for (; i < ws.factSheetCount && i < start + 100; i++) {
          const node = ws.factSheet(i);
          if (!wanted || wanted.includes(node.type as string)) edges.push({ node });
        }
        const more = i < ws.factSheetCount;
        const total = wanted ? countOf(ws, wanted) : ws.factSheetCount;
        return send(res, 200, JSON.stringify({ data: { allFactSheets: { totalCount: total, pageInfo: { hasNextPage: more, endCursor: more ? `c${i}` : null }, edges } } }));
      }
      default: {
        const match = /^\/services\/pathfinder\/v1\/factSheets\/([^/]+)$/.exec(url.pathname);
        if (req.method === 'GET' && match) {
          const id = decodeURIComponent(match[1]!);
          const approvedAt = ws.approvedAt(id);
          if (approvedAt === undefined) return send(res, 404, '{"status":"ERROR"}');
          return send(res, 200, JSON.stringify({ status: 'OK', data: { id, approvedAt, lxState: 'APPROVED', name: 'x' } }));
        }
        return send(res, 404, '{"status":"ERROR","message":"not found"}');
      }
    }
  });
  http.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const port = (http.address() as AddressInfo).port;
  Object.assign(server, { url: `http://127.0.0.1:${port}`, port });
  return server;
}

const counted = new WeakMap<LeanixWorkspace, Map<string, number>>();
function countOf(ws: LeanixWorkspace, types: readonly string[]): number {
  let cache = counted.get(ws);
  if (!cache) counted.set(ws, (cache = new Map()));
  const key = types.join(',');
  let n = cache.get(key);
  if (n === undefined) {
    n = 0;
    for (let i = 0; i < ws.factSheetCount; i++) if (types.includes(ws.factSheet(i).type as string)) n++;
    cache.set(key, n);
  }
  return n;
}
