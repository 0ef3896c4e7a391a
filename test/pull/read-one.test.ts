// The popup's live re-read of one fact sheet (src/pull/leanix-one.ts) against the fake
// LeanIX server: the workspace is pulled from the server first, then one fact sheet is
// changed on the server and read again; every failure is one typed value, the token in none.
import { beforeAll, describe, expect, it } from 'vitest';
import { pullLeanix } from '../../src/pull';
import type { FetchLike } from '../../src/pull';
import { describeReadFailure, factSheetChanges, readOneFactSheet } from '../../src/pull/leanix-one';
import type { ReadOneOptions, ReadOneResult } from '../../src/pull/leanix-one';
import type { LeanixPolicy } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';
import { startFakeLeanix } from './fake-leanix';
import type { FakeOptions, FakeServer } from './fake-leanix';
import { API_TOKEN, factSheetNode, leanixWorkspace } from './leanix-workspace';
import type { LeanixWorkspace } from './fake-leanix';

const nodeFetch = globalThis.fetch as unknown as FetchLike;

let model: LeanixPolicy;

beforeAll(async () => {
  const server = await startFakeLeanix(leanixWorkspace());
  try {
    const pulled = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch } });
    if (!pulled.ok) throw new Error(`the pull failed: ${JSON.stringify(pulled.failure)}`);
    const loaded = loadPolicyText(pulled.text);
    if (!loaded.ok || loaded.policy.platform !== 'leanix') throw new Error('the pulled file does not load');
    model = loaded.policy;
  } finally {
    await server.close();
  }
});

async function withServer<T>(test: (server: FakeServer) => Promise<T>, options: FakeOptions = {}, overrides: Partial<LeanixWorkspace> = {}): Promise<T> {
  const server = await startFakeLeanix(leanixWorkspace(overrides), options);
  try {
    return await test(server);
  } finally {
    await server.close();
  }
}

function read(server: FakeServer, id: string, extra: Partial<ReadOneOptions> = {}): Promise<ReadOneResult> {
  const stored = model.factSheets.find((f) => f.id === id);
  return readOneFactSheet({ url: server.url, token: API_TOKEN, fetch: nodeFetch, id, type: stored?.type ?? 'Application', model, ...extra });
}

function failureLine(result: ReadOneResult): string {
  if (result.ok) throw new Error('expected the re-read to fail');
  const line = describeReadFailure(result.failure);
  expect(line).not.toContain(API_TOKEN);
  expect(line).not.toMatch(/\n/);
  return line;
}

const stored = (id: string) => model.factSheets.find((f) => f.id === id)!;

describe('readOneFactSheet', () => {
  it('reads the fact sheet as the pull maps it: unchanged on the server, it equals the stored one', async () => {
    await withServer(async (server) => {
      const result = await read(server, 'app-3');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // The approval time comes from its own request, as in the pull.
      expect(result.factSheet).toEqual(stored('app-3'));
      expect(factSheetChanges(stored('app-3'), result.factSheet)).toEqual([]);
      expect(result.readAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // One token exchange, the data model, one GraphQL query, one approval time; nothing else.
      expect(Object.fromEntries(server.counts)).toEqual({
        'POST /services/mtm/v1/oauth2/token': 1,
        'GET /services/pathfinder/v1/models/dataModel': 1,
        'POST graphql factSheet': 1,
        'GET /services/pathfinder/v1/factSheets/app-3': 1,
      });
    });
  });

  it('a fact sheet changed on LeanIX since the pull: the live seal state and fields, and what differs', async () => {
    const changed = (i: number) => {
      const node = factSheetNode(i);
      if (node.id !== 'app-3') return node;
      return { ...node, lxState: 'BROKEN_QUALITY_SEAL', description: 'rewritten on LeanIX', securityVulnerabilityCount: 42 };
    };
    await withServer(
      async (server) => {
        const result = await read(server, 'app-3');
        if (!result.ok) throw new Error(describeReadFailure(result.failure));
        expect(result.factSheet.lxState).toBe('BROKEN_QUALITY_SEAL');
        expect(result.factSheet.approvedAt).toBeNull();
        expect(result.factSheet.values).toMatchObject({ description: 'rewritten on LeanIX', securityVulnerabilityCount: 42 });
        expect(factSheetChanges(stored('app-3'), result.factSheet)).toEqual(['seal APPROVED → BROKEN_QUALITY_SEAL', 'description', 'securityVulnerabilityCount']);
        // A BROKEN fact sheet has no approval time to ask for.
        expect(server.counts.get('GET /services/pathfinder/v1/factSheets/app-3')).toBeUndefined();
      },
      {},
      { factSheet: changed },
    );
  });

  it('keeps only what the stored type declares, and says what the data model added or dropped', async () => {
    const node = (i: number) => ({ ...factSheetNode(i), ...(factSheetNode(i).id === 'itc-121' ? { vendorName: 'New vendor' } : {}) });
    const dataModel = structuredClone(leanixWorkspace().dataModel) as { factSheets: Record<string, { fields: Record<string, unknown> }> };
    dataModel.factSheets.ITComponent!.fields = { costCentre: { type: 'STRING' } };
    await withServer(
      async (server) => {
        const result = await read(server, 'itc-121');
        if (!result.ok) throw new Error(describeReadFailure(result.failure));
        // vendorName is gone from the data model: not selected, read as empty; costCentre is not in the stored type: not read.
        expect(result.factSheet.values).not.toHaveProperty('vendorName');
        expect(result.factSheet.values).not.toHaveProperty('costCentre');
        expect(result.notes.map((n) => n.topic)).toEqual(
          expect.arrayContaining([expect.stringContaining('data model no longer has'), expect.stringContaining('stored type lacks')]),
        );
        expect(factSheetChanges(stored('itc-121'), result.factSheet)).toContain('vendorName');
      },
      {},
      { factSheet: node, dataModel },
    );
  });

  it('an id LeanIX does not have is "not found"', async () => {
    await withServer(async (server) => {
      const line = failureLine(await read(server, 'app-gone', { type: 'Application' }));
      expect(line).toBe('LeanIX has no fact sheet `app-gone` (deleted, or not visible to the token)');
    });
  });

  it('a wrong token is 401 at the token exchange', async () => {
    await withServer(async (server) => {
      const line = failureLine(await read(server, 'app-3', { token: 'not-the-token-at-all' }));
      expect(line).toMatch(/^authentication failed \(401\) at POST \/services\/mtm\/v1\/oauth2\/token/);
    });
  });

  it('a token without the right to read fact sheets is 403 naming the request', async () => {
    await withServer(
      async (server) => {
        const line = failureLine(await read(server, 'app-3'));
        expect(line).toBe('the token lacks a right (403) for POST /services/pathfinder/v1/graphql (factSheet.json)');
      },
      { fault: (r) => (r.graphql?.kind === 'factSheet' ? { status: 403 } : undefined) },
    );
  });

  it('a malformed answer names the request and where it does not fit', async () => {
    await withServer(
      async (server) => {
        const line = failureLine(await read(server, 'app-3'));
        expect(line).toMatch(/^the response to POST \/services\/pathfinder\/v1\/graphql \(factSheet\.json\) does not fit at its top: expected JSON/);
      },
      { fault: (r) => (r.graphql?.kind === 'factSheet' ? { status: 200, body: '<html>maintenance</html>' } : undefined) },
    );
    await withServer(
      async (server) => {
        const line = failureLine(await read(server, 'app-3'));
        expect(line).toMatch(/does not fit at data\.factSheet\.lxState: expected `APPROVED`/);
      },
      { fault: (r) => (r.graphql?.kind === 'factSheet' ? { status: 200, body: JSON.stringify({ data: { factSheet: { ...factSheetNode(3), lxState: 'SEALED' } } }) } : undefined) },
    );
  });

  it('a GraphQL answer with errors is a partial read, refused with the message', async () => {
    const body = JSON.stringify({ data: { factSheet: factSheetNode(3) }, errors: [{ message: 'No permission: fact_sheet_fields:read:application:lifecycle' }] });
    await withServer(
      async (server) => {
        const line = failureLine(await read(server, 'app-3'));
        expect(line).toContain('No permission: fact_sheet_fields:read:application:lifecycle');
      },
      { fault: (r) => (r.graphql?.kind === 'factSheet' ? { status: 200, body } : undefined) },
    );
  });

  it('an unreachable host, and a plain http URL off loopback, are one line each', async () => {
    const server = await startFakeLeanix(leanixWorkspace());
    const url = server.url;
    await server.close();
    const unreachable = await readOneFactSheet({ url, token: API_TOKEN, fetch: nodeFetch, id: 'app-3', type: 'Application', model });
    expect(failureLine(unreachable)).toMatch(/^cannot reach 127\.0\.0\.1:\d+: /);
    const plain = await readOneFactSheet({ url: 'http://acme.leanix.net', token: API_TOKEN, fetch: nodeFetch, id: 'app-3', type: 'Application', model });
    expect(failureLine(plain)).toMatch(/`http:\/\/` is accepted for loopback hosts only/);
  });

  it('a fact sheet of another type on LeanIX than in the workspace is refused', async () => {
    await withServer(async (server) => {
      const line = failureLine(await read(server, 'itc-121', { type: 'Application' }));
      expect(line).toContain('is of type `ITComponent` on LeanIX but of type `Application` in the workspace');
    });
  });
});
