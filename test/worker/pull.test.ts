// The engine worker's `pullWorkspace` ("Import from LeanIX / Qualytics" in the playground)
// against the fake servers of test/pull over loopback with node's fetch, through the
// checked message boundary: a pull stores a workspace that runs scenarios and says where
// it came from; a failure or a cancel stores nothing and never shows the token; a refresh
// keeps the team's scenarios, settings, name and drafts and takes the platform's changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import type { WorkspaceStore } from '../../src/storage/store';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';
import type { PullProgress } from '../../src/pull';
import { startFakeLeanix } from '../pull/fake-leanix';
import type { FakeRequest, FakeServer, Fault } from '../pull/fake-leanix';
import { API_TOKEN, leanixWorkspace } from '../pull/leanix-workspace';
import { Q_TOKEN, qualyticsWorkspace, startFakeQualytics } from '../pull/fake-qualytics';
import type { FakeQualytics } from '../pull/fake-qualytics';

function engine(store: WorkspaceStore = createMemoryStore()) {
  return { store, api: withCheckedMessages(createEngineApi(store)) };
}

/** Everything the store holds that a user could see, to compare before and after a failed pull. */
async function snapshot(api: ReturnType<typeof engine>['api']) {
  const list = await api.listWorkspaces();
  if (!list.ok) throw new Error(list.error.message);
  const out: unknown[] = [];
  for (const w of list.value) {
    const text = await api.exportPolicy(w.id);
    const drafts = await api.listDrafts(w.id);
    out.push({ w, text: text.ok && text.value.text, drafts: drafts.ok && drafts.value });
  }
  return out;
}

const A_SCENARIO = {
  name: 'a member’s edit breaks the seal and notifies the owner',
  actor: 'u-erin',
  operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/description', value: 'changed' }] },
  expect: { allowed: true, sealBroken: true, notified: ['u-alice'] },
};

describe('pullWorkspace from LeanIX', () => {
  let server: FakeServer;
  /** The fake's fact sheet count, changed between a pull and its refresh. */
  let sheets = 260;
  let fault: ((request: FakeRequest) => Fault | undefined) | undefined;
  beforeAll(async () => {
    const ws = leanixWorkspace();
    Object.defineProperty(ws, 'factSheetCount', { get: () => sheets });
    server = await startFakeLeanix(ws, { fault: (r) => fault?.(r) });
  });
  afterAll(() => server.close());

  it('stores the pulled workspace, says where from, reports progress, and its scenarios run', async () => {
    sheets = 260;
    const { api } = engine();
    const seen: PullProgress[] = [];
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN }, (p) => void seen.push(p));
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.value.summary).toMatchObject({ platform: 'leanix', factSheetCount: 260, scenarioCount: 0 });
    expect(r.value.summary.pulledFrom).toEqual({ platform: 'leanix', origin: server.url, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(r.value.refreshed).toBe(false);
    const last = seen.filter((p) => p.stage === 'fact sheets').at(-1);
    expect(last).toMatchObject({ done: 260, total: 260 });
    expect(Math.max(...seen.map((p) => p.pages))).toBeGreaterThanOrEqual(3);
    // the listing says where from too, and the token is nowhere in what was stored
    const list = await api.listWorkspaces();
    expect(list.ok && list.value[0]!.pulledFrom?.origin).toBe(server.url);
    const text = await api.exportPolicy(r.value.summary.id);
    expect(text.ok && text.value.text).not.toContain(API_TOKEN);
    expect(JSON.stringify(r)).not.toContain(API_TOKEN);
    // a scenario runs on it
    const added = await api.addScenario(r.value.summary.id, A_SCENARIO);
    expect(added.ok).toBe(true);
    const run = await api.runScenarios(r.value.summary.id);
    expect(run.ok && run.value.run).toMatchObject({ passed: 1, failed: 0 });
  });

  it('pulls the chosen fact sheet types only, and a refresh pulls the same types', async () => {
    sheets = 260;
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN, types: ['Application'] });
    expect(r.ok && r.value.summary.factSheetCount).toBe(120);
    if (!r.ok) return;
    expect(r.value.summary.pulledFrom?.types).toEqual(['Application']);
    const again = await api.pullWorkspace({ kind: 'refresh', id: r.value.summary.id, token: API_TOKEN });
    expect(again.ok && again.value.summary.factSheetCount).toBe(120);
  });

  it('a second pull of the same workspace is stored apart under a new name', async () => {
    sheets = 260;
    const { api } = engine();
    const first = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN });
    const second = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.summary.id).not.toBe(first.value.summary.id);
    expect(second.value.summary.name).toBe(`${first.value.summary.name} (2)`);
  });

  it('refresh keeps the scenarios, settings, name and drafts, and takes the platform’s changes', async () => {
    sheets = 260;
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN });
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.summary.id;
    // the team's work on the pulled workspace: a name of its own, a setting, a scenario, a draft
    const got = await api.getWorkspace(id);
    if (!got.ok || got.value.policy.platform !== 'leanix') throw new Error('not stored');
    const edited = { ...got.value.policy, name: 'Acme EA (ours)', settings: { ...got.value.policy.settings, notifyActor: false }, scenarios: [A_SCENARIO] };
    expect((await api.savePolicy(id, edited)).ok).toBe(true);
    const draft = await api.saveDraft({ workspaceId: id, name: 'AUDIT', cloneFrom: 'VIEWER', permissions: [], users: ['u-erin'], updatedAt: '2026-11-24T00:00:00Z' });
    expect(draft.ok).toBe(true);
    const before = await api.listWorkspaces();
    const pulledAt = before.ok ? before.value[0]!.pulledFrom : undefined;
    expect(pulledAt?.origin).toBe(server.url);

    sheets = 270;
    const refreshed = await api.pullWorkspace({ kind: 'refresh', id, token: API_TOKEN });
    expect(refreshed.ok, refreshed.ok ? '' : refreshed.error.message).toBe(true);
    if (!refreshed.ok) return;
    expect(refreshed.value).toMatchObject({ refreshed: true, drafts: 1 });
    expect(refreshed.value.summary).toMatchObject({ id, name: 'Acme EA (ours)', factSheetCount: 270, scenarioCount: 1 });
    const after = await api.getWorkspace(id);
    if (!after.ok || after.value.policy.platform !== 'leanix') throw new Error('not stored');
    expect(after.value.policy.settings.notifyActor).toBe(false);
    expect(after.value.policy.scenarios.map((s) => s.name)).toEqual([A_SCENARIO.name]);
    expect(after.value.policy.factSheets.some((f) => f.id === 'proj-265')).toBe(true);
    const drafts = await api.listDrafts(id);
    expect(drafts.ok && drafts.value.map((d) => [d.name, d.users])).toEqual([['AUDIT', ['u-erin']]]);
    expect((await api.listWorkspaces()).ok && (await api.listWorkspaces() as { value: unknown[] }).value).toHaveLength(1);
    // the drafts still apply to the refreshed model, and the kept scenario runs on it
    const outline = await api.outline(id);
    expect(outline.ok && outline.value.platform === 'leanix' && outline.value.drafts).toEqual(['AUDIT']);
    const run = await api.runScenarios(id);
    expect(run.ok && run.value.run).toMatchObject({ passed: 1, failed: 0 });
  });

  it('a failed refresh leaves the workspace, its scenarios and drafts as they were', async () => {
    sheets = 260;
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN });
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.summary.id;
    await api.addScenario(id, A_SCENARIO);
    await api.saveDraft({ workspaceId: id, name: 'AUDIT', permissions: [], updatedAt: '2026-11-24T00:00:00Z' });
    const before = await snapshot(api);
    fault = (request) => (request.graphql?.kind === 'factSheets' && request.graphql.page === 2 ? { status: 200, body: '{"data":null,"errors":[{"message":"No permission: fact_sheet_fields:read:application:cost"}]}' } : undefined);
    try {
      const failed = await api.pullWorkspace({ kind: 'refresh', id, token: API_TOKEN });
      expect(failed.ok).toBe(false);
      if (failed.ok) return;
      expect(failed.error).toMatchObject({ kind: 'pull', cause: 'graphql' });
      expect(failed.error.message).toMatch(/^GraphQL errors in .*No permission: fact_sheet_fields:read:application:cost; nothing was stored$/);
    } finally {
      fault = undefined;
    }
    expect(await snapshot(api)).toEqual(before);
  });

  it.each([
    ['a wrong token (401)', 'not-the-token-at-all', undefined, 'unauthorized', /^authentication failed \(401\) at POST \/services\/mtm\/v1\/oauth2\/token \(token\.json\): check the API token; nothing was stored$/],
    ['a right the token lacks (403)', API_TOKEN, (r: FakeRequest) => (r.path === '/services/mtm/v1/technicalusers' ? { status: 403 } : undefined), 'forbidden', /^the token lacks a right \(403\) for GET \/services\/mtm\/v1\/technicalusers\?/],
    ['a malformed body', API_TOKEN, (r: FakeRequest) => (r.path.endsWith('/dataModel') ? { status: 200, body: '<html>maintenance</html>' } : undefined), 'misfit', /dataModel.* does not fit at its top: expected JSON/],
  ] as const)('stores nothing on %s, and says why in one line without the token', async (_what, token, injected, cause, message) => {
    sheets = 260;
    const { api } = engine();
    await api.createFromTemplate((await import('../../src/worker/templates')).TEMPLATE_IDS[0]);
    const before = await snapshot(api);
    fault = injected;
    try {
      const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ kind: 'pull', cause });
      expect(r.error.message).toMatch(message);
      expect(r.error.message).not.toContain('\n');
      expect(JSON.stringify(r)).not.toContain(token);
    } finally {
      fault = undefined;
    }
    expect(await snapshot(api)).toEqual(before);
  });

  it('cancel stops the pull and stores nothing', async () => {
    sheets = 260;
    const { api } = engine();
    const before = await snapshot(api);
    let asked = false;
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN }, (p) => {
      if (p.stage === 'fact sheets' && p.done > 0 && !asked) {
        asked = true;
        void api.cancel('pull-1');
      }
    }, 'pull-1');
    expect(asked).toBe(true);
    expect(r).toEqual({ ok: false, error: { kind: 'cancelled', message: 'pull cancelled; nothing was stored' } });
    expect(await snapshot(api)).toEqual(before);
  });

  it('refuses a plain http URL to a host that is not loopback before sending anything', async () => {
    const { api } = engine();
    server.log.length = 0;
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: 'http://acme.leanix.net', token: API_TOKEN });
    expect(r.ok || r.error).toMatchObject({ kind: 'pull', cause: 'bad-url', message: expect.stringMatching(/`http:\/\/` is accepted for loopback hosts only/) });
    expect(server.log).toEqual([]);
  });

  it('cannot refresh a workspace that came from a file', async () => {
    const { api } = engine();
    const made = await api.createFromTemplate((await import('../../src/worker/templates')).TEMPLATE_IDS[0]);
    if (!made.ok) throw new Error(made.error.message);
    const r = await api.pullWorkspace({ kind: 'refresh', id: made.value.id, token: API_TOKEN });
    expect(r.ok || r.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/was not pulled from a platform, so it cannot be refreshed/) });
  });

  it('refuses a malformed call at the boundary, naming the argument', async () => {
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: '' } as never);
    expect(r.ok || r.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^malformed call of `pullWorkspace`: request\.token/) });
  });
});

describe('pullWorkspace from Qualytics', () => {
  let server: FakeQualytics;
  beforeAll(async () => {
    server = await startFakeQualytics(qualyticsWorkspace());
  });
  afterAll(() => server.close());

  it('stores the pulled deployment and says where from', async () => {
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'qualytics', url: server.url, token: Q_TOKEN });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.value.summary).toMatchObject({ platform: 'qualytics', userCount: 130 });
    expect(r.value.summary.pulledFrom).toMatchObject({ platform: 'qualytics', origin: server.url });
    expect(JSON.stringify(r)).not.toContain(Q_TOKEN);
  });

  it('a wrong token stores nothing', async () => {
    const { api } = engine();
    const r = await api.pullWorkspace({ kind: 'new', platform: 'qualytics', url: server.url, token: 'wrong-token-xyz' });
    expect(r.ok || r.error).toMatchObject({ kind: 'pull', cause: 'unauthorized' });
    expect(await snapshot(api)).toEqual([]);
  });
});
