// src/pull as the worker will call it: fetch, clock, progress and an AbortSignal
// given. A fake clock shows the waits (Retry-After, backoff) and the token renewal
// without waiting; the fake server counts requests in flight.
import { describe, expect, it } from 'vitest';
import { describeFailure, pullLeanix, pullQualytics } from '../../src/pull';
import type { Clock, FetchLike, PullFailure, PullProgress, PullResult } from '../../src/pull';
import { BATCH, JsonLines, TextLines, checkFile, fileText, fileTextAndDoc, readKeep } from '../../src/pull/file';
import { LineStore } from '../../src/pull/lines';
import { failureOf } from '../../src/pull/failure';
import { retryAfterMs } from '../../src/pull/http';
import { Notes } from '../../src/pull/notes';
import { PermissionFilter, permissionStrings } from '../../src/pull/permissions';
import { startFakeLeanix } from './fake-leanix';
import type { FakeOptions, FakeServer } from './fake-leanix';
import { startFakeQualytics, qualyticsWorkspace, Q_TOKEN } from './fake-qualytics';
import { API_TOKEN, dataModel, leanixWorkspace } from './leanix-workspace';

const nodeFetch = globalThis.fetch as unknown as FetchLike;

/** A clock whose sleeps return at once and are recorded; `now` moves only when told (or by each sleep). */
function fakeClock(start = Date.parse('2026-12-01T10:00:00Z')): Clock & { sleeps: number[]; t: number } {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

async function withServer<T>(options: FakeOptions, test: (server: FakeServer) => Promise<T>, overrides = {}): Promise<T> {
  const server = await startFakeLeanix(leanixWorkspace(overrides), options);
  try {
    return await test(server);
  } finally {
    await server.close();
  }
}

function failure(result: PullResult): PullFailure {
  if (result.ok) throw new Error('expected the pull to fail');
  return result.failure;
}

describe('requests', () => {
  it('waits Retry-After seconds (or an HTTP date) after 429 and 503, and backs off 1, 2, 4, 8, 16 s without it; gives up after 5 retries', async () => {
    let asked = 0;
    await withServer(
      {
        fault: (r) => {
          if (!r.path.endsWith('/dataModel')) return undefined;
          asked++;
          if (asked === 1) return { status: 429, headers: { 'Retry-After': '7' } };
          if (asked === 2) return { status: 503, headers: { 'Retry-After': new Date(Date.parse('2026-12-01T10:00:07Z') + 3_000).toUTCString() } };
          return undefined;
        },
      },
      async (server) => {
        const clock = fakeClock();
        const result = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch }, clock });
        expect(result.ok).toBe(true);
        expect(clock.sleeps).toEqual([7_000, 3_000]);
        if (result.ok) expect(result.report.stats.retries).toBe(2);
      },
    );
    await withServer({ fault: (r) => (r.path.endsWith('/authorization') ? { status: 503 } : undefined) }, async (server) => {
      const clock = fakeClock();
      const f = failure(await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch }, clock }));
      expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
      expect(f).toMatchObject({ kind: 'status', status: 503, request: 'GET /services/pathfinder/v1/models/authorization (authorization.json)' });
      expect(server.counts.get('GET /services/pathfinder/v1/models/authorization')).toBe(6);
    });
    expect(retryAfterMs('86400', 0)).toBe(120_000); // cut to two minutes
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('sends at most 4 requests at once, yet does send them together', async () => {
    await withServer({ delayMs: 15 }, async (server) => {
      const result = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch } });
      expect(result.ok).toBe(true);
      expect(server.maxInFlight).toBe(4);
    });
    await withServer({ delayMs: 15 }, async (server) => {
      await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch }, concurrency: 16 });
      expect(server.maxInFlight).toBeLessThanOrEqual(4);
    });
  });

  it('exchanges the token again before it expires, by the clock', async () => {
    const clock = fakeClock();
    await withServer(
      {
        expiresIn: 3_599,
        fault: (r) => {
          if (r.graphql?.kind === 'factSheets' && r.graphql.page === 2) clock.t += 3_600_000; // an hour later
          return undefined;
        },
      },
      async (server) => {
        const result = await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch }, clock });
        expect(result.ok).toBe(true);
        expect(server.exchanges).toBe(2);
        expect([...server.authorizations].filter((a) => a.startsWith('Bearer '))).toHaveLength(2);
      },
    );
  });

  it('accepts http only on loopback hosts', async () => {
    for (const url of ['http://10.0.0.8', 'http://acme.leanix.net:80', 'https://user:pw@acme.leanix.net', 'not a url', 'file:///etc/passwd']) {
      const f = failure(await pullLeanix({ source: { kind: 'network', url, token: API_TOKEN, fetch: nodeFetch } }));
      expect(f.kind, url).toBe('bad-url');
      expect(describeFailure(f)).not.toContain('pw@');
    }
    let asked = '';
    const fetch: FetchLike = async (url) => {
      asked = url;
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    for (const url of ['http://localhost:9', 'http://127.0.0.2:9', 'http://[::1]:9']) {
      const f = failure(await pullLeanix({ source: { kind: 'network', url, token: API_TOKEN, fetch } }));
      expect(f).toMatchObject({ kind: 'unreachable', detail: 'ECONNREFUSED' });
      expect(asked.startsWith(url.replace(/\/$/, ''))).toBe(true);
    }
  });

  it('is cancelled by its AbortSignal, and says so', async () => {
    await withServer({ delayMs: 5 }, async (server) => {
      const controller = new AbortController();
      const seen: PullProgress[] = [];
      const result = await pullLeanix({
        source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch },
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.stage === 'fact sheets') controller.abort();
        },
      });
      expect(failure(result)).toEqual({ kind: 'cancelled' });
      expect(seen.filter((p) => p.stage === 'fact sheets')).toHaveLength(1);
      const asked = server.counts.get('POST graphql factSheets');
      await new Promise((r) => setTimeout(r, 50));
      expect(server.counts.get('POST graphql factSheets')).toBe(asked); // nothing more was asked
    });
    const before = new AbortController();
    before.abort();
    expect(failure(await pullQualytics({ source: { kind: 'network', url: 'https://x.example', token: Q_TOKEN, fetch: nodeFetch }, signal: before.signal }))).toEqual({ kind: 'cancelled' });
  });

  it('reports progress: stages, responses read, fact sheets of the total', async () => {
    await withServer({}, async (server) => {
      const seen: PullProgress[] = [];
      await pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch }, onProgress: (p) => seen.push(p) });
      expect(seen.filter((p) => p.stage === 'fact sheets').map((p) => `${p.done}/${p.total}`)).toEqual(['100/260', '200/260', '260/260']);
      expect(new Set(seen.map((p) => p.stage))).toEqual(new Set(['token', 'data model', 'users', 'technical users', 'fact sheets', 'approval times']));
      const pages = seen.map((p) => p.pages);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
    });
  });
});

describe('mappings', () => {
  it('a permission loses only what the pulled model lacks', () => {
    const notes = new Notes();
    const types = new Map([
      ['Application', { fields: ['cost', 'lifecycle'], relations: ['relApplicationToITComponent'] }],
      ['ITComponent', { fields: ['vendor'], relations: [] }],
    ]);
    const filter = new PermissionFilter(types, notes);
    expect(filter.filter('R', 'FACT_SHEET:READ:Application,Project')).toBe('FACT_SHEET:READ:Application');
    expect(filter.filter('R', 'fact_sheet_fields:read:application:cost')).toBe('fact_sheet_fields:read:application:cost');
    expect(filter.filter('R', 'FACT_SHEET_FIELDS:READ,UPDATE:Application,ITComponent:cost,vendor,budget')).toBe('FACT_SHEET_FIELDS:READ,UPDATE:Application,ITComponent:cost,vendor');
    expect(filter.filter('R', 'FACT_SHEET_FIELDS:UPDATE:ITComponent:cost')).toBeNull(); // cost is no field of ITComponent
    expect(filter.filter('R', 'FACT_SHEET,BOOKMARKS:READ,SHARE:*')).toBe('FACT_SHEET:READ:*');
    expect(filter.filter('R', 'FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState')).toBe('FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState');
    expect(filter.filter('R', 'FACT_SHEET:READ:Project')).toBeNull();
    expect(filter.filter('R', 'FACT_SHEET:READ:Application:cost')).toBeNull(); // FACT_SHEET takes no field: nothing of the qualifier is left
    expect(filter.filter('R', 'A:B:C:D:E')).toBeNull();
    expect(filter.filter('R', '*')).toBe('*');
    const topics = notes.list().map((n) => `${n.count} ${n.topic.split(',')[0]}`);
    expect(topics).toEqual([
      '4 permission list items naming a resource',
      '3 permission strings left without a resource',
      '1 permission strings the permission grammar refuses',
    ]);
    expect(permissionStrings('FACT_SHEET', ['READ', 'UPDATE'], [])).toEqual(['FACT_SHEET:READ,UPDATE:*']);
    expect(permissionStrings('FACT_SHEET_FIELDS', ['READ'], [['Application', 'cost'], []])).toEqual(['FACT_SHEET_FIELDS:READ:Application:cost', 'FACT_SHEET_FIELDS:READ:*']);
  });

  it('renewal: units kept, NANOSECONDS and MILLISECONDS rounded up to SECONDS, none for a value of 0 or a missing part', async () => {
    const seal = (qualitySeal: unknown) => ({ ...dataModel, factSheets: { Application: { ...dataModel.factSheets.Application, config: { qualitySeal } } } });
    const cases: [unknown, unknown][] = [
      [{ enabled: true, value: 12, unit: 'HOURS' }, { value: 12, unit: 'HOURS' }],
      [{ enabled: true, value: 1_500_000_001, unit: 'NANOSECONDS' }, { value: 2, unit: 'SECONDS' }],
      [{ enabled: true, value: 1, unit: 'MILLISECONDS' }, { value: 1, unit: 'SECONDS' }],
      [{ enabled: true, value: 1.5, unit: 'HOURS' }, { value: 5_400, unit: 'SECONDS' }],
      [{ enabled: true, value: 0, unit: 'DAYS' }, null],
      [{ enabled: true, unit: 'DAYS' }, null],
      [{ enabled: true, value: 30 }, null],
    ];
    for (const [qualitySeal, renewal] of cases) {
      const result = await withServer({}, (server) => pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch } }), {
        dataModel: seal(qualitySeal),
        factSheetCount: 3,
      });
      if (!result.ok) throw new Error(describeFailure(result.failure));
      const app = JSON.parse(result.text).factSheetTypes[0];
      expect(app.qualitySeal.renewal, JSON.stringify(qualitySeal)).toEqual(renewal);
    }
    const weeks = await withServer({}, (server) => pullLeanix({ source: { kind: 'network', url: server.url, token: API_TOKEN, fetch: nodeFetch } }), {
      dataModel: seal({ enabled: true, value: 2, unit: 'WEEKS' }),
    });
    expect(describeFailure(failure(weeks))).toMatch(/does not fit at data\.factSheets\.Application\.config\.qualitySeal\.unit: expected one of `NANOSECONDS`.*found `WEEKS`/);
  });

  it('a token that is no JWT does not fit, and the token stays out of the failure', async () => {
    const fetch: FetchLike = async () => ({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ access_token: 'opaque-access-token-123', expires_in: 60 }) });
    const f = failure(await pullLeanix({ source: { kind: 'network', url: 'https://acme.leanix.net', token: API_TOKEN, fetch } }));
    expect(f.kind).toBe('misfit');
    expect(describeFailure(f)).toMatch(/POST \/services\/mtm\/v1\/oauth2\/token does not fit at access_token\["\(payload\)"\]: expected a JWT/);
    expect(JSON.stringify(f)).not.toContain('opaque-access-token-123');
    expect(JSON.stringify(f)).not.toContain(API_TOKEN);
  });

  it('a Qualytics deployment answering total_count pages the same', async () => {
    for (const totalCount of [false, true]) {
      const server = await startFakeQualytics(qualyticsWorkspace({ totalCount }), { delayMs: 5 });
      try {
        const result = await pullQualytics({ source: { kind: 'network', url: server.url, token: Q_TOKEN, fetch: nodeFetch }, clock: fakeClock() });
        if (!result.ok) throw new Error(describeFailure(result.failure));
        const file = JSON.parse(result.text);
        expect(result.counts.users).toBe(130);
        expect(server.log.filter((l) => l.startsWith('GET /api/users'))).toEqual(['GET /api/users?page=1&size=100', 'GET /api/users?page=2&size=100']);
        expect(server.maxInFlight).toBeLessThanOrEqual(4);
        // The fake clock says 2026-12-01: tok-11 expired on 2026-01-01.
        expect(file.tokens.map((t: { id: string; state: string }) => `${t.id} ${t.state}`)).toEqual(['tok-10 Active', 'tok-11 Expired', 'tok-12 Revoked']);
      } finally {
        await server.close();
      }
    }
  });
});

describe('--keep: the kept file changes only where the pull changes it', () => {
  const pulled = { format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'ws', description: 'Pulled from x', asOf: '2026-12-01T00:00:00Z', subscriptionRoles: [], factSheetTypes: [{ name: 'A' }], roles: [], users: [], factSheets: [], scenarios: [] };

  it('keeps tabs, CRLF, $schema, key order and the scenarios byte for byte; adds what the file lacked after its neighbour', () => {
    const text = '{\r\n\t"$schema": "./sealcheck-policy.schema.json",\r\n\t"format": "sealcheck-policy",\r\n\t"version": 1,\r\n\t"platform": "leanix",\r\n\t"name": "Ours",\r\n\t"asOf": "2026-01-01T00:00:00Z",\r\n\t"factSheetTypes": [],\r\n\t"users": [],\r\n\t"factSheets": [],\r\n\t"scenarios": [ {"name":"s",  "actor": "x"} ]\r\n}\r\n';
    const kept = readKeep(text, 'leanix');
    const out = fileText({ ...pulled, name: kept.name, scenarios: kept.scenarios }, kept);
    expect(out).toBe(
      '{\r\n\t"$schema": "./sealcheck-policy.schema.json",\r\n\t"format": "sealcheck-policy",\r\n\t"version": 2,\r\n\t"platform": "leanix",\r\n\t"name": "Ours",\r\n\t"description": "Pulled from x",\r\n\t"asOf": "2026-12-01T00:00:00Z",\r\n\t"subscriptionRoles": [],\r\n\t"factSheetTypes": [\r\n\t\t{\r\n\t\t\t"name": "A"\r\n\t\t}\r\n\t],\r\n\t"roles": [],\r\n\t"users": [],\r\n\t"factSheets": [],\r\n\t"scenarios": [ {"name":"s",  "actor": "x"} ]\r\n}\r\n',
    );
  });

  it('keeps a file on one line on one line', () => {
    const text = '{"format":"sealcheck-policy","version":2,"platform":"leanix","name":"n","asOf":"2026-01-01T00:00:00Z","factSheetTypes":[],"users":[],"factSheets":[],"scenarios":[]}';
    const kept = readKeep(text, 'leanix');
    const out = fileText({ ...pulled, name: kept.name, scenarios: kept.scenarios }, kept);
    expect(out).toBe('{"format":"sealcheck-policy","version":2,"platform":"leanix","name":"n","description":"Pulled from x","asOf":"2026-12-01T00:00:00Z","subscriptionRoles":[],"factSheetTypes":[{"name":"A"}],"roles":[],"users":[],"factSheets":[],"scenarios":[]}');
  });

  it('refuses what is not a policy file of the platform, and reads only what it keeps', () => {
    const why = (text: string) => {
      try {
        readKeep(text, 'leanix');
        return 'read';
      } catch (thrown) {
        return describeFailure((thrown as Record<symbol, PullFailure>)[Object.getOwnPropertySymbols(thrown)[0]!]!);
      }
    };
    expect(why('[1,2]')).toBe('the file to keep from is not a policy file (not a JSON object)');
    expect(why('{"platform":"qualytics"}')).toBe('the file to keep from is a `qualytics` policy file, not a `leanix` one');
    expect(why('{ "platform": "leanix", nope')).toMatch(/^the file to keep from is not JSON: line 1, column \d+/);
    expect(why('{ "platform": "leanix", "factSheets": [ {"id": 1,} ] }')).toMatch(/^the file to keep from is not JSON/);
    expect(why('{ "platform": "leanix", "users": [], "users": [] }')).toBe('the file to keep from has the key `users` twice');
    expect(why('{ "platform": "leanix", "scenarios": [{ "name": "a", "name": "b" }] }')).toMatch(/^the file to keep from is not JSON: .*name/);
    const bom = readKeep('\ufeff{ "$schema": "s.json", "platform": "leanix", "name": "n", "factSheets": [{"id":"x"}] }', 'leanix');
    expect(bom).toMatchObject({ name: 'n', extra: { $schema: 's.json' } });
    const pulled = { format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'p', asOf: 'x' };
    // keys the kept file lacks go after their nearest neighbour, or first; on one line, no line breaks are added
    expect(fileText(pulled, bom)).toBe('\ufeff{"format": "sealcheck-policy","version": 2, "$schema": "s.json", "platform": "leanix", "name": "n","asOf": "x", "factSheets": [{"id":"x"}] }');
    // the fact sheets a pull writes anew are not held, and the file comes out the same
    const light = readKeep('\ufeff{ "$schema": "s.json", "platform": "leanix", "name": "n", "factSheets": [{"id":"x"}] }', 'leanix', ['factSheets']);
    expect(light.text).toBe('\ufeff{ "$schema": "s.json", "platform": "leanix", "name": "n", "factSheets": [] }');
    const withSheets = { ...pulled, factSheets: new JsonLines(['{"id":"y"}']) };
    expect(fileText(withSheets, light)).toBe(fileText(withSheets, bom));
    expect(() => fileText(pulled, light)).toThrow(); // left out, and not written: never silently
  });
});

describe('validation of a large pull, a batch of fact sheets at a time', () => {
  const sheet = (i: number, extra: Record<string, unknown> = {}) => ({ id: `fs-${i}`, type: 'App', name: `n${i}`, lxState: 'BROKEN_QUALITY_SEAL', ...extra });
  const doc = (sheets: unknown[], scenarios: unknown[] = []) => ({
    format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'big', asOf: '2026-12-01T00:00:00Z',
    factSheetTypes: [{ name: 'App', fields: ['cost'] }], roles: [], users: [{ id: 'u', kind: 'human', role: 'MEMBER' }],
    factSheets: new JsonLines(sheets.map((sheet) => JSON.stringify(sheet))), scenarios,
  });
  const errorsOf = (value: Record<string, unknown>, keep: string | null = null): string[] => {
    try {
      const kept = keep === null ? null : readKeep(keep, 'leanix');
      const { text, doc: reread } = fileTextAndDoc(kept ? { ...value, scenarios: kept.scenarios } : value, kept);
      expect(reread.factSheets).toBeInstanceOf(TextLines); // validated from the text itself
      checkFile(reread, text, kept);
      return [];
    } catch (thrown) {
      const f = (thrown as Record<symbol, PullFailure>)[Object.getOwnPropertySymbols(thrown)[0]!]!;
      return f.kind === 'invalid' ? f.errors.map((e) => `${e.path}: ${e.message}`) : [describeFailure(f)];
    }
  };

  it('finds the errors of the whole file, at their paths in it', () => {
    const n = BATCH * 2 + 10;
    const sheets = Array.from({ length: n }, (_, i) => sheet(i));
    sheets[BATCH + 3] = sheet(BATCH + 3, { values: { nope: 1 } });
    sheets[BATCH + 5] = sheet(BATCH + 5, { subscriptions: [{ user: 'u', type: 'RESPONSIBLE' }, { user: 'ghost', type: 'OBSERVER' }] });
    sheets[n - 1] = sheet(1); // a second fs-1, in another batch
    const scenarios = [
      { name: 'reads the last batch', actor: 'u', operation: { op: 'update', factSheet: `fs-${n - 2}`, patches: [{ op: 'replace', path: '/cots', value: 1 }] } },
      { name: 'a gone fact sheet', actor: 'u', operation: { op: 'read', factSheet: 'fs-gone' } },
    ];
    expect(errorsOf(doc(sheets, scenarios))).toEqual([
      `factSheets[${BATCH + 3}].values.nope: \`nope\` is not a field of \`App\``,
      `factSheets[${BATCH + 5}].subscriptions[1].user: unknown user \`ghost\``,
      `factSheets[${n - 1}].id: duplicate fact sheet id \`fs-1\`: already declared at factSheets[1]`,
      expect.stringMatching(/^scenarios\[0\]\.operation\.patches\[0\]\.path: `\/cots` names nothing of `App`/),
      'scenarios[1].operation.factSheet: unknown fact sheet `fs-gone`',
    ]);
    expect(errorsOf(doc(Array.from({ length: n }, (_, i) => sheet(i)), scenarios.slice(0, 0)))).toEqual([]);
    // the same through a kept file with tabs and CRLF line ends
    const keep = `{\r\n\t"format": "sealcheck-policy",\r\n\t"version": 2,\r\n\t"platform": "leanix",\r\n\t"name": "k",\r\n\t"asOf": "2026-01-01T00:00:00Z",\r\n\t"factSheetTypes": [],\r\n\t"users": [],\r\n\t"factSheets": [],\r\n\t"scenarios": ${JSON.stringify(scenarios)}\r\n}\r\n`;
    expect(errorsOf(doc(sheets), keep)).toHaveLength(5);
  });

  it('refuses a text over the size limit (given), as a too-large failure with both sizes', () => {
    const value = doc([sheet(0)]);
    const failureOfCheck = (text: string, limit: number) => {
      try {
        checkFile(value, text, null, limit);
        return null;
      } catch (thrown) {
        return failureOf(thrown);
      }
    };
    expect(failureOfCheck('x'.repeat(2049), 2048)).toEqual({ kind: 'too-large', bytes: 2049, limit: 2048 });
    expect(failureOfCheck('é'.repeat(1025), 2048)).toEqual({ kind: 'too-large', bytes: 2050, limit: 2048 }); // UTF-8 bytes, not characters
    expect(describeFailure({ kind: 'too-large', bytes: 2049, limit: 2048 })).toBe('the pulled file would be 2.1 kB; policy files are limited to 2 kB');
  });

  it('the text holds exactly the values validated, fresh or kept, fact sheets one a line', () => {
    const sheets = Array.from({ length: 3 }, (_, i) => sheet(i, { subscriptions: [{ user: 'u', type: 'OBSERVER' }] }));
    const value = { ...doc(sheets), description: 'Pulled from x' };
    const plain = { ...value, factSheets: sheets };
    const text = fileText(value, null);
    expect(JSON.parse(text)).toEqual(plain);
    expect(text).toContain(`\n  "factSheets": [\n    ${JSON.stringify(sheets[0])},\n    ${JSON.stringify(sheets[1])},`);
    const keepText = '{\n  "$schema": "x.json",\n  "format": "sealcheck-policy", "version": 2, "platform": "leanix", "name": "k", "asOf": "2026-01-01T00:00:00Z",\n  "factSheetTypes": [], "users": [], "factSheets": [],\n  "scenarios": []\n}\n';
    const kept = readKeep(keepText, 'leanix');
    const merged = { ...value, name: kept.name, scenarios: kept.scenarios };
    expect(JSON.parse(fileText(merged, kept))).toEqual({ $schema: 'x.json', ...plain, name: 'k', scenarios: [] });
  });
});

describe('a pull holds its fact sheets as bytes (LineStore) and writes them as the strings would be', () => {
  it('the same text as from strings, with letters beyond ASCII, a line waiting for its approval time, and a kept file with a byte order mark', () => {
    const sheets = [{ id: 'a', name: 'Zürich € 😀' }, { id: 'b', name: 'plain' }, { id: 'c', name: '東京' }];
    const store = new LineStore();
    for (const sheet of sheets) store.set(store.reserve(), JSON.stringify(sheet), sheet.id === 'b');
    store.set(1, JSON.stringify(sheets[1]).replace('plain', 'plain, approved'));
    const strings = sheets.map((sheet) => JSON.stringify(sheet).replace('plain', 'plain, approved'));
    const doc = (lines: JsonLines) => ({ format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'n', asOf: 'x', factSheets: lines });
    const fresh = fileText(doc(new JsonLines(store)), null);
    expect(fresh).toBe(fileText(doc(new JsonLines(strings)), null));
    expect(JSON.parse(fresh).factSheets.map((s: { name: string }) => s.name)).toEqual(['Zürich € 😀', 'plain, approved', '東京']);
    const kept = readKeep('\ufeff{\r\n\t"platform": "leanix",\r\n\t"factSheets": []\r\n}\r\n', 'leanix');
    const withBom = fileText(doc(new JsonLines(store)), kept);
    expect(withBom.startsWith('\ufeff{\r\n\t')).toBe(true);
    expect(withBom).toBe(fileText(doc(new JsonLines(strings)), kept));
    // a line still waiting is written from its string
    const waiting = new LineStore();
    waiting.set(waiting.reserve(), '{"id":"x"}');
    waiting.set(waiting.reserve(), '{"id":"y","approvedAt":"pending"}', true);
    expect(JSON.parse(fileText(doc(new JsonLines(waiting)), null)).factSheets).toEqual([{ id: 'x' }, { id: 'y', approvedAt: 'pending' }]);
  });
});
