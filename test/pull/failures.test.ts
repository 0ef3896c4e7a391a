// Every failure the spec lists, for both platforms, through the command: exit 2, one
// line naming the cause, nothing written (the file that was there stays as it was, no
// temp file remains), and the token in no output.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullCommand } from '../../src/cli/pull';
import { sizeText } from '../../src/policy/json';
import type { FetchLike } from '../../src/pull';
import { startFakeLeanix } from './fake-leanix';
import type { Fault, FakeRequest, FakeServer } from './fake-leanix';
import { startFakeQualytics, qualyticsWorkspace, Q_TOKEN } from './fake-qualytics';
import { API_TOKEN, factSheetNode, leanixWorkspace } from './leanix-workspace';
import { expectFailure, sealcheck, tempDir } from './helpers';

const LX_ENV = 'SEALCHECK_TEST_FAIL_LEANIX';
const Q_ENV = 'SEALCHECK_TEST_FAIL_QUALYTICS';
const OLD = '{ "the": "file from last week" }\n';

beforeAll(() => {
  process.env[LX_ENV] = API_TOKEN;
  process.env[Q_ENV] = Q_TOKEN;
});
afterAll(() => {
  delete process.env[LX_ENV];
  delete process.env[Q_ENV];
});

/** A folder holding last week's file, which a failed pull must leave as it was. */
function folder(): { dir: string; out: string; before: string[] } {
  const dir = tempDir('sealcheck-pull-fail-');
  const out = join(dir, 'workspace.json');
  writeFileSync(out, OLD);
  return { dir, out, before: ['workspace.json'] };
}

async function withLeanix(fault: ((request: FakeRequest) => Fault | undefined) | undefined, test: (server: FakeServer) => Promise<void>, factSheetCount = 260): Promise<void> {
  const server = await startFakeLeanix(leanixWorkspace({ factSheetCount }), fault ? { fault } : {});
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

/** Runs a LeanIX pull that must fail; returns the cause line. */
async function leanixFails(url: string, cause: RegExp, extra: string[] = [], env = LX_ENV): Promise<string> {
  const { dir, out, before } = folder();
  const r = await sealcheck('pull', 'leanix', '--url', url, '--token-env', env, '--out', out, ...extra);
  const line = expectFailure(r, cause, dir, before, [API_TOKEN]);
  expect(readFileSync(out, 'utf8')).toBe(OLD);
  expect(r.stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no access token either
  return line;
}

async function qualyticsFails(url: string, cause: RegExp, extra: string[] = [], env = Q_ENV): Promise<string> {
  const { dir, out, before } = folder();
  const r = await sealcheck('pull', 'qualytics', '--url', url, '--token-env', env, '--out', out, ...extra);
  const line = expectFailure(r, cause, dir, before, [Q_TOKEN]);
  expect(readFileSync(out, 'utf8')).toBe(OLD);
  return line;
}

describe('sealcheck pull leanix fails with a one-line cause and writes nothing', () => {
  it('when the token variable is unset', async () => {
    await withLeanix(undefined, async (server) => {
      await leanixFails(server.url, /^sealcheck pull: the environment variable SEALCHECK_TEST_UNSET is not set/, [], 'SEALCHECK_TEST_UNSET');
      expect(server.log).toEqual([]);
    });
  });

  it('when authentication fails (401)', async () => {
    process.env.SEALCHECK_TEST_WRONG = 'not-the-token-at-all';
    await withLeanix(undefined, async (server) => {
      const line = await leanixFails(server.url, /authentication failed \(401\) at POST \/services\/mtm\/v1\/oauth2\/token/, [], 'SEALCHECK_TEST_WRONG');
      expect(line).not.toContain('not-the-token-at-all');
    });
    delete process.env.SEALCHECK_TEST_WRONG;
  });

  it('when the token lacks a right (403), naming the request', async () => {
    await withLeanix(
      (request) => (request.path === '/services/mtm/v1/technicalusers' ? { status: 403 } : undefined),
      async (server) => {
        await leanixFails(server.url, /the token lacks a right \(403\) for GET \/services\/mtm\/v1\/technicalusers\?workspaceId=ws-0b7d2c1e&page=1&size=100 \(technicalUsers-1\.json\)$/);
      },
    );
  });

  it('when the host is unreachable', async () => {
    let url = '';
    await withLeanix(undefined, async (server) => {
      url = server.url;
    });
    await leanixFails(url, /^sealcheck pull: cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });

  it('when a URL is plain http to a host that is not loopback', async () => {
    await leanixFails('http://acme.leanix.net', /`http:\/\/` is accepted for loopback hosts only/);
  });

  it('when a body is not JSON, naming the request', async () => {
    await withLeanix(
      (request) => (request.path.endsWith('/dataModel') ? { status: 200, body: '<html>maintenance</html>', headers: { 'Content-Type': 'text/html' } } : undefined),
      async (server) => {
        await leanixFails(server.url, /the response to GET \/services\/pathfinder\/v1\/models\/dataModel \(dataModel\.json\) does not fit at its top: expected JSON, found text starting `<html>maintenance/);
      },
    );
  });

  it('when a response does not fit, naming the request and the JSON path', async () => {
    const broken = (i: number) => {
      const node = factSheetNode(i);
      if (i === 103) delete node.id;
      return node;
    };
    const server = await startFakeLeanix(leanixWorkspace({ factSheet: broken }));
    try {
      await leanixFails(
        server.url,
        /the response to POST \/services\/pathfinder\/v1\/graphql \(factSheets-2\.json\) does not fit at data\.allFactSheets\.edges\[3\]\.node\.id: expected an id \(text or a whole number\), found nothing$/,
      );
    } finally {
      await server.close();
    }
    await withLeanix(
      (request) => (request.path.endsWith('/authorization') ? { status: 200, body: '{"status":"OK","data":{"VULN_SYNC":[]}}' } : undefined),
      async (s) => {
        await leanixFails(s.url, /GET \/services\/pathfinder\/v1\/models\/authorization \(authorization\.json\) does not fit at data: expected a list, found an object/);
      },
    );
  });

  it('when a GraphQL answer carries errors (a partial read), with the token in them masked', async () => {
    let seen = '';
    await withLeanix(
      (request) => {
        if (request.graphql?.kind !== 'factSheets' || request.graphql.page !== 2) return undefined;
        seen = API_TOKEN;
        return {
          status: 200,
          body: JSON.stringify({
            data: { allFactSheets: { totalCount: 260, pageInfo: { hasNextPage: true, endCursor: 'c200' }, edges: [] } },
            errors: [{ message: 'No permission: fact_sheet_fields:read:application:cost' }, { message: `token ${API_TOKEN} was used` }],
          }),
        };
      },
      async (server) => {
        const line = await leanixFails(server.url, /GraphQL errors in POST \/services\/pathfinder\/v1\/graphql \(factSheets-2\.json\).*: No permission: fact_sheet_fields:read:application:cost; token \*\*\* was used$/);
        expect(line).not.toContain(seen);
      },
    );
  });

  it('when 429 keeps coming after 5 retries', async () => {
    let asked = 0;
    await withLeanix(
      (request) => (request.path.endsWith('/authorization') ? (asked++, { status: 429, headers: { 'Retry-After': '0' } }) : undefined),
      async (server) => {
        await leanixFails(server.url, /GET \/services\/pathfinder\/v1\/models\/authorization \(authorization\.json\) answered 429: still refused after 5 retries/);
        expect(asked).toBe(6);
      },
    );
  });

  it('when the result would not be a valid policy file, with its errors', async () => {
    const twoAccountable = (i: number) => {
      const node = factSheetNode(i);
      if (i === 4) {
        node.subscriptions = {
          edges: [
            { node: { type: 'ACCOUNTABLE', user: { id: 'u-alice' }, roles: [] } },
            { node: { type: 'ACCOUNTABLE', user: { id: 'u-bob' }, roles: [] } },
          ],
        };
      }
      return node;
    };
    const server = await startFakeLeanix(leanixWorkspace({ factSheet: twoAccountable }));
    try {
      await leanixFails(server.url, /the result is not a valid policy file \(1 error\): factSheets\[4\]\.subscriptions\[1\]\.type: a fact sheet has at most one ACCOUNTABLE subscriber$/);
    } finally {
      await server.close();
    }
  });

  it('when --keep brings scenarios the pulled workspace cannot run, with their errors', async () => {
    await withLeanix(undefined, async (server) => {
      const { dir } = folder();
      const keep = join(dir, 'scenarios.json');
      writeFileSync(
        keep,
        JSON.stringify({
          format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'x', asOf: '2026-01-01T00:00:00Z', factSheetTypes: [], users: [], factSheets: [],
          scenarios: [{ name: 'gone', actor: 'u-nobody', operation: { op: 'read', factSheet: 'app-1' } }],
        }),
      );
      await leanixFails(server.url, /the result is not a valid policy file \(1 error\): scenarios\[0\]\.actor: unknown user `u-nobody`/, ['--keep', keep]);
    });
  });

  it('when --keep names a file of the other platform, or none', async () => {
    await withLeanix(undefined, async (server) => {
      const { dir } = folder();
      const keep = join(dir, 'q.json');
      writeFileSync(keep, JSON.stringify({ format: 'sealcheck-policy', version: 2, platform: 'qualytics', name: 'q', asOf: '2026-01-01T00:00:00Z', users: [] }));
      await leanixFails(server.url, /the file to keep from is a `qualytics` policy file, not a `leanix` one/, ['--keep', keep]);
      await leanixFails(server.url, /cannot read --keep `.*nothing-here\.json`: no such file/, ['--keep', join(dir, 'nothing-here.json')]);
    });
  });

  it('when two types, two fields or two roles differ only in letter case, naming them', async () => {
    const base = leanixWorkspace();
    const model = base.dataModel as { factSheets: Record<string, unknown> };
    const types = { ...model, factSheets: { ...model.factSheets, application: { fields: {} } } };
    let server = await startFakeLeanix({ ...base, dataModel: types });
    try {
      await leanixFails(server.url, /fact sheet types differ only in letter case, which permission strings cannot tell apart: `Application`, `application`$/);
    } finally {
      await server.close();
    }
    const app = (model.factSheets.Application as { fields: Record<string, unknown> });
    const fields = { ...model, factSheets: { ...model.factSheets, Application: { ...app, fields: { ...app.fields, LifeCycle: { type: 'STRING' } } } } };
    server = await startFakeLeanix({ ...base, dataModel: fields });
    try {
      await leanixFails(server.url, /fields and relations of `Application` differ only in letter case.*: `lifecycle`, `LifeCycle`$/);
    } finally {
      await server.close();
    }
    server = await startFakeLeanix({ ...base, authorization: [...(base.authorization as unknown[]), { name: 'Vuln_Sync', permissions: [] }] });
    try {
      await leanixFails(server.url, /customer roles differ only in letter case.*: `VULN_SYNC`, `Vuln_Sync`$/);
    } finally {
      await server.close();
    }
  });

  it('when --types names a type the data model lacks', async () => {
    await withLeanix(undefined, async (server) => {
      await leanixFails(server.url, /--types: unknown fact sheet type `Aplication`; did you mean `Application`\?/, ['--types', 'Aplication']);
    });
  });
});

describe('sealcheck pull qualytics fails with a one-line cause and writes nothing', () => {
  it('when the token variable is unset, authentication fails, or the token lacks a right', async () => {
    const server = await startFakeQualytics(qualyticsWorkspace(), {
      fault: (request) => (request.path === '/api/user-tokens/service' ? { status: 403, body: '{"detail":"Admin only"}' } : undefined),
    });
    process.env.SEALCHECK_TEST_Q_WRONG = 'qx-wrong-token-123456';
    try {
      await qualyticsFails(server.url, /the environment variable SEALCHECK_TEST_Q_UNSET is not set/, [], 'SEALCHECK_TEST_Q_UNSET');
      await qualyticsFails(server.url, /authentication failed \(401\) at GET \/api\/(users|teams|datastores)\?page=1&size=100|authentication failed \(401\) at GET \/api\/user-tokens\/service/, [], 'SEALCHECK_TEST_Q_WRONG');
      await qualyticsFails(server.url, /the token lacks a right \(403\) for GET \/api\/user-tokens\/service \(serviceTokens\.json\)$/);
    } finally {
      delete process.env.SEALCHECK_TEST_Q_WRONG;
      await server.close();
    }
  });

  it('when the host is unreachable or the scheme is wrong', async () => {
    const server = await startFakeQualytics(qualyticsWorkspace());
    const url = server.url;
    await server.close();
    await qualyticsFails(url, /cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED$/);
    await qualyticsFails('ftp://acme.qualytics.io', /the scheme must be `https`, found `ftp`/);
  });

  it('when a response does not fit, naming the request and the JSON path', async () => {
    const ws = qualyticsWorkspace();
    const users = [...ws.users];
    users[104] = { ...(users[104] as object), user_id: null };
    const server = await startFakeQualytics({ ...ws, users });
    try {
      await qualyticsFails(server.url, /the response to GET \/api\/users\?page=2&size=100 \(users-2\.json\) does not fit at items\[4\]\.user_id: expected an id/);
    } finally {
      await server.close();
    }
    const teams = await startFakeQualytics({ ...ws, teams: [{ id: 1, name: 'Public', permission: 'Owner' }] });
    try {
      await qualyticsFails(teams.url, /GET \/api\/teams\?page=1&size=100 \(teams-1\.json\) does not fit at items\[0\]\.permission: expected `Reporter`, `Viewer`, `Drafter`, `Author`, `Editor`, found `Owner`/);
    } finally {
      await teams.close();
    }
  });

  it('when the result would not be a valid policy file, with its errors', async () => {
    const server = await startFakeQualytics(qualyticsWorkspace());
    try {
      const { dir } = folder();
      const keep = join(dir, 'keep.json');
      writeFileSync(
        keep,
        JSON.stringify({
          format: 'sealcheck-policy', version: 2, platform: 'qualytics', name: 'ours', asOf: '2026-01-01T00:00:00Z', users: [],
          scenarios: [{ name: 'old token', actor: { token: 'tok-999' }, operation: { action: 'datastore.view', datastore: '7' } }],
        }),
      );
      await qualyticsFails(server.url, /the result is not a valid policy file \(1 error\): scenarios\[0\]\.actor\.token: unknown token `tok-999`/, ['--keep', keep]);
    } finally {
      await server.close();
    }
  });
});

describe('the policy-file size limit', () => {
  /** The command in process with the limit given (the real one is 150 MB: no test makes such a file). */
  async function pullWithLimit(args: string[], maxFileBytes: number | undefined) {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line), color: false };
    const deps = { env: { [LX_ENV]: API_TOKEN, [Q_ENV]: Q_TOKEN }, fetch: globalThis.fetch as unknown as FetchLike, tty: false, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) };
    const code = await pullCommand(io, args, deps);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('a LeanIX pull one byte over the limit exits 2, says both sizes and writes nothing; at the limit it is written', async () => {
    await withLeanix(undefined, async (server) => {
      const args = (out: string) => ['leanix', '--url', server.url, '--token-env', LX_ENV, '--out', out];
      const { dir, out, before } = folder();
      const free = join(dir, 'free.json');
      expect((await pullWithLimit(args(free), undefined)).code).toBe(0);
      const size = statSync(free).size;
      rmSync(free);
      const over = await pullWithLimit(args(out), size - 1);
      const line = expectFailure(over, /the pulled file would be [\d.]+ kB; policy files are limited to [\d.]+ kB: nothing was written; --types pulls fewer fact sheet types$/, dir, before, [API_TOKEN]);
      expect(line).toContain(`would be ${sizeText(size)}; policy files are limited to ${sizeText(size - 1)}`);
      expect(readFileSync(out, 'utf8')).toBe(OLD);
      const at = await pullWithLimit(args(out), size);
      expect(at.code).toBe(0);
      expect(statSync(out).size).toBe(size);
    });
  });

  it('a Qualytics pull over the limit, and a --keep whose result would be over it, are refused alike', async () => {
    const server = await startFakeQualytics(qualyticsWorkspace());
    try {
      const { dir, out, before } = folder();
      const r = await pullWithLimit(['qualytics', '--url', server.url, '--token-env', Q_ENV, '--out', out], 1024);
      expectFailure(r, /the pulled file would be [\d.]+ kB; policy files are limited to 1 kB: nothing was written$/, dir, before, [Q_TOKEN]);
      expect(readFileSync(out, 'utf8')).toBe(OLD);
    } finally {
      await server.close();
    }
    await withLeanix(undefined, async (server) => {
      const { dir, out } = folder();
      const kept = join(dir, 'kept.json');
      expect((await pullWithLimit(['leanix', '--url', server.url, '--token-env', LX_ENV, '--out', kept], undefined)).code).toBe(0);
      const size = statSync(kept).size;
      const r = await pullWithLimit(['leanix', '--url', server.url, '--token-env', LX_ENV, '--keep', kept, '--out', out], size - 1);
      expectFailure(r, /the pulled file would be [\d.]+ kB; policy files are limited to [\d.]+ kB: nothing was written/, dir, ['workspace.json', 'kept.json'], [API_TOKEN]);
      expect(readFileSync(out, 'utf8')).toBe(OLD);
    });
  });
});

describe('usage errors', () => {
  it('exit 2 with the usage', async () => {
    for (const args of [
      ['pull'],
      ['pull', 'servicenow', '--url', 'https://x'],
      ['pull', 'leanix'],
      ['pull', 'leanix', '--url', 'https://x', '--from', '.'],
      ['pull', 'qualytics', '--url', 'https://x', '--types', 'A'],
      ['pull', 'leanix', '--from', '.', '--token-env', 'X'],
      ['pull', 'leanix', '--url', 'https://x', '--bogus'],
    ]) {
      const r = await sealcheck(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('sealcheck pull leanix|qualytics --url URL');
      expect(r.stdout).toBe('');
    }
  });

  it('`sealcheck help` lists pull', async () => {
    const r = await sealcheck('help');
    expect(r.stdout).toContain('sealcheck pull leanix|qualytics --from DIR [--out FILE] [--keep FILE]');
  });
});
