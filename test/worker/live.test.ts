// The popup's live re-read through the engine worker's checked boundary: a workspace
// pulled from the fake LeanIX server, one fact sheet changed on the server, read again
// (`readLiveFactSheet`) and a question answered with it (`evaluateWith`), while the
// stored workspace stays as it was. Failures are one line, the token in none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { liveOrigin, readLive } from '../../src/worker/live';
import type { LeanixPolicy } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';
import { withCheckedMessages } from '../../src/worker/messages';
import { startFakeLeanix } from '../pull/fake-leanix';
import type { FakeServer } from '../pull/fake-leanix';
import { API_TOKEN, factSheetNode, leanixWorkspace } from '../pull/leanix-workspace';

/** The node the server answers for a fact sheet now: tests change it between the pull and the re-read. */
let live: (i: number) => Record<string, unknown> = factSheetNode;
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeLeanix(leanixWorkspace({ factSheet: (i) => live(i) }));
});
afterAll(() => server.close());

async function pulled() {
  live = factSheetNode;
  const api = withCheckedMessages(createEngineApi(createMemoryStore()));
  const r = await api.pullWorkspace({ kind: 'new', platform: 'leanix', url: server.url, token: API_TOKEN });
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.summary.id };
}

/** erin (MEMBER, no seal permission) edits app-3's description. */
const question = {
  platform: 'leanix' as const,
  actor: 'u-erin',
  operation: { op: 'update' as const, factSheet: 'app-3', patches: [{ op: 'replace' as const, path: '/description', value: 'edited' }] },
};

const brokenOnLeanix = (i: number) => {
  const node = factSheetNode(i);
  return node.id === 'app-3' ? { ...node, lxState: 'BROKEN_QUALITY_SEAL', description: 'rewritten on LeanIX' } : node;
};

describe('readLiveFactSheet and evaluateWith', () => {
  it('the verdict over the live fact sheet: its seal was broken on LeanIX, so the edit breaks nothing; the store is unchanged', async () => {
    const { api, id } = await pulled();
    const before = await api.exportPolicy(id);
    const storedAnswer = await api.evaluate(id, question);
    if (!storedAnswer.ok || storedAnswer.value.platform !== 'leanix') throw new Error('expected an answer');
    expect(storedAnswer.value.outcome).toMatchObject({ allowed: true, sealBroken: true, lxStateBefore: 'APPROVED', notified: ['u-alice', 'u-bob'] });

    live = brokenOnLeanix;
    const read = await api.readLiveFactSheet(id, 'app-3', API_TOKEN);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.origin).toBe(server.url);
    expect(read.value.changes).toEqual(['seal APPROVED → BROKEN_QUALITY_SEAL', 'description']);
    expect(read.value.factSheet.lxState).toBe('BROKEN_QUALITY_SEAL');
    expect(JSON.stringify(read.value)).not.toContain(API_TOKEN);

    const liveAnswer = await api.evaluateWith(id, question, read.value.factSheet);
    if (!liveAnswer.ok || liveAnswer.value.platform !== 'leanix') throw new Error(liveAnswer.ok ? 'expected LeanIX' : liveAnswer.error.message);
    expect(liveAnswer.value.outcome).toMatchObject({ allowed: true, sealBroken: false, lxStateBefore: 'BROKEN_QUALITY_SEAL', lxStateAfter: 'BROKEN_QUALITY_SEAL', notified: [] });
    expect(liveAnswer.value.verdict.tone).not.toBe(storedAnswer.value.verdict.tone);

    // In memory for that question only: the stored model answers as before, and exports byte for byte.
    const again = await api.evaluate(id, question);
    expect(again.ok && again.value.platform === 'leanix' && again.value.outcome.lxStateBefore).toBe('APPROVED');
    const after = await api.exportPolicy(id);
    expect(after.ok && after.value.text).toBe(before.ok && before.value.text);
    const rows = await api.findFactSheets(id, { id: 'app-3' });
    expect(rows.ok && rows.value[0]?.lxState).toBe('APPROVED');
  });

  it('failures are one line naming the cause, never the token; the stored verdict is still there', async () => {
    const { api, id } = await pulled();
    const wrong = await api.readLiveFactSheet(id, 'app-3', 'wrong-token-0123456789');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error).toMatchObject({ kind: 'pull', cause: 'unauthorized' });
      expect(wrong.error.message).toMatch(/^authentication failed \(401\)/);
      expect(wrong.error.message).not.toContain('wrong-token-0123456789');
    }
    live = (i) => (factSheetNode(i).id === 'app-3' ? { ...factSheetNode(i), id: 'app-3-gone' } : factSheetNode(i));
    const gone = await api.readLiveFactSheet(id, 'app-3', API_TOKEN);
    expect(!gone.ok && gone.error).toMatchObject({ kind: 'pull', cause: 'not-found', message: 'LeanIX has no fact sheet `app-3` (deleted, or not visible to the token)' });
    expect((await api.evaluate(id, question)).ok).toBe(true);
  });

  it('a fact sheet that does not fit the stored model, or is malformed, is refused with where', async () => {
    const { api, id } = await pulled();
    live = factSheetNode;
    const read = await api.readLiveFactSheet(id, 'app-3', API_TOKEN);
    if (!read.ok) throw new Error(read.error.message);
    const unknownField = { ...read.value.factSheet, values: { ...read.value.factSheet.values, costCentre: 'X' } };
    const misfit = await api.evaluateWith(id, question, unknownField);
    expect(!misfit.ok && misfit.error.message).toMatch(/^the fact sheet read from LeanIX does not fit the stored model: .*values\.costCentre/);
    const otherType = await api.evaluateWith(id, question, { ...read.value.factSheet, type: 'Project' });
    expect(!otherType.ok && otherType.error.message).toContain('is of type `Project`, but of type `Application` in the workspace');
    const malformed = await api.evaluateWith(id, question, { ...read.value.factSheet, lxState: 'SEALED' } as never);
    expect(!malformed.ok && malformed.error).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ path: 'factSheet.lxState' })] });
  });

  it('a workspace from a file has nowhere to re-read from', async () => {
    const { api, id } = await pulled();
    const text = await api.exportPolicy(id);
    if (!text.ok) throw new Error(text.error.message);
    // the same text, with the pull's description naming the origin, imported as a file
    const imported = await api.importPolicy(text.value.text, undefined, undefined, { apart: true });
    if (!imported.ok) throw new Error(imported.error.message);
    const r = await api.readLiveFactSheet(imported.value.id, 'app-3', API_TOKEN);
    expect(!r.ok && r.error.message).toMatch(/was not pulled from LeanIX: there is nowhere to re-read it from$/);
  });
});

describe('readLive', () => {
  it('a LeanIX that keeps asking to retry later ends as one line within its time, not a hung engine', async () => {
    const { api, id } = await pulled();
    const text = await api.exportPolicy(id);
    if (!text.ok) throw new Error(text.error.message);
    const loaded = loadPolicyText(text.value.text);
    if (!loaded.ok || loaded.policy.platform !== 'leanix') throw new Error('the pulled file does not load');
    const policy: LeanixPolicy = loaded.policy;
    const slow = await startFakeLeanix(leanixWorkspace(), { fault: (r) => (r.path.endsWith('/dataModel') ? { status: 429, headers: { 'Retry-After': '60' } } : undefined) });
    try {
      const started = Date.now();
      const r = await readLive(policy, slow.url, 'app-3', API_TOKEN, globalThis.fetch as never, undefined, 300);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(!r.ok && r.error).toMatchObject({ kind: 'pull', cause: 'timeout', message: `127.0.0.1:${slow.port} did not answer within 0.3 s` });
    } finally {
      await slow.close();
    }
  });
});

describe('liveOrigin', () => {
  it('is the recorded origin of a pull; a file has none, whatever its description says', () => {
    const pulledFrom = { platform: 'leanix' as const, origin: 'http://127.0.0.1:4010', at: '2026-12-01T00:00:00Z' };
    expect(liveOrigin({ platform: 'leanix', pulledFrom })).toBe('http://127.0.0.1:4010');
    expect(liveOrigin({ platform: 'leanix' })).toBeNull();
    expect(liveOrigin({ platform: 'qualytics', pulledFrom: { ...pulledFrom, platform: 'qualytics' } })).toBeNull();
  });
});
