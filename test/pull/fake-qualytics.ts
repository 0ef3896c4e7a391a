// A fake Qualytics API on 127.0.0.1 (random port): users, teams and datastores paged
// with page/size (answering `total`, or `total_count` as some versions do), service
// tokens; every request needs the bearer token. Faults are injected per request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from './fake-leanix';

export interface QualyticsWorkspace {
  readonly token: string;
  readonly users: readonly unknown[];
  readonly teams: readonly unknown[];
  readonly datastores: readonly unknown[];
  readonly serviceTokens: readonly unknown[];
  /** Answer `total_count` instead of `total`. */
  readonly totalCount?: boolean;
}

export interface FakeQualytics {
  readonly url: string;
  readonly log: string[];
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFakeQualytics(
  ws: QualyticsWorkspace,
  options: { fault?: (request: { method: string; path: string; query: URLSearchParams }) => Fault | undefined; delayMs?: number } = {},
): Promise<FakeQualytics> {
  let inFlight = 0;
  const fake: FakeQualytics = { url: '', log: [], maxInFlight: 0, close: () => new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  }) };
  const http = createServer(async (req, res) => {
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://localhost');
    fake.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(body);
    };
    const fault = options.fault?.({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    if (fault) return send(fault.status, fault.body ?? '{}', fault.headers);
    if (req.headers.authorization !== `Bearer ${ws.token}`) return send(401, '{"detail":"Not authenticated"}');
    const page = Number(url.searchParams.get('page') ?? '1');
    const size = Number(url.searchParams.get('size') ?? '50');
    const paged = (items: readonly unknown[]) =>
      JSON.stringify({ [ws.totalCount ? 'total_count' : 'total']: items.length, page, size, items: items.slice((page - 1) * size, page * size) });
    switch (url.pathname) {
      case '/api/users':
        return send(200, paged(ws.users));
      case '/api/teams':
        return send(200, paged(ws.teams));
      case '/api/datastores':
        return send(200, paged(ws.datastores));
      case '/api/user-tokens/service':
        return send(200, JSON.stringify(ws.serviceTokens));
      default:
        return send(404, '{"detail":"Not Found"}');
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  Object.assign(fake, { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  return fake;
}

export const Q_TOKEN = 'qx-service-token-Bv81LmZq0Rt6Yh2Wc9Ks';

/** A deployment written for these tests: 130 users (two pages), Public and four teams, five datastores, four service tokens. */
export function qualyticsWorkspace(overrides: Partial<QualyticsWorkspace> = {}): QualyticsWorkspace {
  const user = (id: number, name: string, role: string, type: string, teams: string[], extra: Record<string, unknown> = {}) => ({
    id,
    user_id: type === 'Service' ? `${name}@service` : `${name}@acme.example`,
    user_name: name,
    email: type === 'Service' ? `${name}@service` : `${name}@acme.example`,
    name: name.replace(/_/g, ' '),
    role,
    user_type: type,
    teams,
    deleted_at: null,
    ...extra,
  });
  return {
    token: Q_TOKEN,
    users: [
      user(1, 'svc_airflow', 'Manager', 'Service', ['Public', 'Data Engineering']),
      user(2, 'svc_dbt', 'Member', 'Service', ['Public', 'Analytics', 'Ghost Team']),
      user(3, 'alice', 'Admin', 'Human', ['Public']),
      user(4, 'bob', 'Member', 'Human', ['Public', 'Data Engineering']),
      user(5, 'old_svc', 'Member', 'Service', ['Public'], { deleted_at: '2026-05-01T00:00:00Z' }),
      user(6, 'carol', 'Owner', 'Human', ['Public']),
      ...Array.from({ length: 124 }, (_, i) => user(100 + i, `member_${i}`, 'Member', 'Human', ['Public', 'Analytics'])),
    ],
    teams: [
      { id: 1, name: 'Public', permission: 'Reporter', description: 'everyone' },
      { id: 3, name: 'Data Engineering', permission: 'Editor' },
      { id: 4, name: 'Analytics', permission: 'Drafter' },
      { id: 5, name: 'Finance', permission: 'Viewer' },
      { id: 6, name: 'Unused', permission: 'Author' },
    ],
    datastores: [
      { id: 7, name: 'Sales DB', enrichment_only: false, teams: [{ id: 3, name: 'Data Engineering' }, { id: 4, name: 'Analytics' }] },
      { id: 8, name: 'Sales enrichment', enrichment_only: true, teams: [{ id: 3, name: 'Data Engineering' }] },
      { id: 9, name: 'Ledger', enrichment_only: false, teams: [{ id: 5, name: 'Finance' }, { id: 99, name: 'Deleted Team' }] },
      { id: 10, name: 'Open data', enrichment_only: false, teams: [{ id: 1, name: 'Public' }] },
      { id: 11, name: 'Scratch', enrichment_only: false, teams: [] },
    ],
    serviceTokens: [
      { id: 10, created: '2026-06-01T00:00:00Z', name: 'weekly', active: true, expiration: '2030-01-01T00:00:00Z', last_used: null, user: { user_id: 'svc_airflow@service' } },
      { id: 11, created: '2025-06-01T00:00:00Z', name: 'old', active: true, expiration: '2026-01-01T00:00:00Z', last_used: null, user: { user_id: 'svc_airflow@service' } },
      { id: 12, created: '2026-06-01T00:00:00Z', name: 'revoked', active: false, expiration: null, last_used: null, user: { user_id: 'svc_dbt@service' } },
      { id: 13, created: '2026-06-01T00:00:00Z', name: 'orphan', active: true, expiration: null, last_used: null, user: { user_id: 'gone@service' } },
    ],
    ...overrides,
  };
}
