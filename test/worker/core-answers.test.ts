// The popup's question is answered from the workspace's core and the one fact sheet it is
// about (src/worker/api.ts `evaluateOnCore`), without reading the whole workspace: its
// answers must be the very answers the whole workspace gives.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import type { WorkspaceStore } from '../../src/storage/store';
import { createEngineApi } from '../../src/worker/api';
import type { Question } from '../../src/worker/api';
import { largeLeanix, leanixExample } from '../storage/fixtures';

/** A store that counts whole-workspace reads. */
function counting(store: WorkspaceStore): { store: WorkspaceStore; wholeReads: () => number } {
  let reads = 0;
  return {
    store: {
      ...store,
      getWorkspace: (id) => {
        reads++;
        return store.getWorkspace(id);
      },
    },
    wholeReads: () => reads,
  };
}

function questions(policy: ReturnType<typeof largeLeanix>['policy']): Question[] {
  const out: Question[] = [];
  const sheets = policy.factSheets.slice(0, 12);
  for (const user of policy.users) {
    const actor = user.id;
    for (const type of policy.factSheetTypes) out.push({ platform: 'leanix', actor, operation: { op: 'create', type: type.name, values: {} } });
    for (const sheet of sheets) {
      out.push({ platform: 'leanix', actor, operation: { op: 'read', factSheet: sheet.id } });
      out.push({ platform: 'leanix', actor, operation: { op: 'archive', factSheet: sheet.id } });
      const patches = [
        [{ op: 'replace', path: '/cveCount', value: 3 }],
        [{ op: 'replace', path: '/lifecycle', value: 'phaseOut' }],
        [{ op: 'replace', path: '/description', value: 'changed' }],
        [{ op: 'replace', path: '/lxState', value: 'APPROVED' }],
        [{ op: 'replace', path: '/name', value: 'renamed' }],
        [{ op: 'remove', path: '/description' }],
      ] as const;
      for (const p of patches) out.push({ platform: 'leanix', actor, operation: { op: 'update', factSheet: sheet.id, patches: p.map((x) => ({ ...x })) } });
    }
  }
  return out;
}

describe('a question about one fact sheet, asked of a cold engine', () => {
  it('answers as the whole workspace does, without reading the whole workspace', async () => {
    const fixture = largeLeanix(60);
    const memory = createMemoryStore();
    const setup = createEngineApi(memory);
    const imported = await setup.importPolicy(fixture.text);
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;

    const whole = createEngineApi(memory);
    expect((await whole.getWorkspace(id)).ok).toBe(true);
    const asked = questions(fixture.policy);
    expect(asked.length).toBeGreaterThan(300);
    for (const q of asked) {
      // a fresh engine per question: nothing loaded but what the question reads
      const cold = counting(memory);
      const api = createEngineApi(cold.store);
      const got = await api.evaluate(id, q);
      expect(got, JSON.stringify(q)).toEqual(await whole.evaluate(id, q));
      expect(cold.wholeReads()).toBe(0);
    }
  });

  it('answers a question the workspace cannot answer with the same located errors', async () => {
    const example = leanixExample();
    const memory = createMemoryStore();
    const imported = await createEngineApi(memory).importPolicy(example.text);
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;
    const whole = createEngineApi(memory);
    await whole.getWorkspace(id);
    const sheet = example.policy.factSheets[0]!.id;
    const bad: Question[] = [
      { platform: 'leanix', actor: 'nobody', operation: { op: 'read', factSheet: sheet } },
      { platform: 'leanix', actor: 'owner', operation: { op: 'read', factSheet: 'app-shoq' } },
      { platform: 'leanix', actor: 'owner', operation: { op: 'update', factSheet: sheet, patches: [{ op: 'replace', path: '/nothing', value: 1 }] } },
      { platform: 'leanix', actor: 'owner', operation: { op: 'create', type: 'Nope', values: {} } },
      { platform: 'leanix', actor: 'owner', at: 'yesterday', operation: { op: 'read', factSheet: sheet } },
      { platform: 'qualytics', actor: 'owner', operation: { action: 'manage_users' } } as unknown as Question,
    ];
    for (const q of bad) {
      const got = await createEngineApi(memory).evaluate(id, q);
      expect(got.ok, JSON.stringify(q)).toBe(false);
      expect(got).toEqual(await whole.evaluate(id, q));
    }
  });

  it('applies the role drafts, and forgets the core when a draft or the model changes', async () => {
    const example = leanixExample();
    const memory = createMemoryStore();
    const api = createEngineApi(memory);
    const imported = await api.importPolicy(example.text);
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;
    const q: Question = { platform: 'leanix', actor: 'editor', operation: { op: 'update', factSheet: 'app-shop', patches: [{ op: 'replace', path: '/cveCount', value: 9 }] } };
    const before = await api.evaluate(id, q);
    if (!before.ok || before.value.platform !== 'leanix') throw new Error('answered');
    expect((await api.outline(id)).ok).toBe(true);
    // a draft that grants the write: the answer changes, and names the draft
    const saved = await api.saveDraft({ workspaceId: id, name: 'CVE_WRITER', permissions: ['FACT_SHEET_FIELDS:READ,UPDATE:Application:cveCount'], users: ['editor'], updatedAt: '2026-01-01T00:00:00Z' });
    expect(saved.ok).toBe(true);
    const outline = await api.outline(id);
    expect(outline.ok && outline.value.platform === 'leanix' && outline.value.drafts).toEqual(['CVE_WRITER']);
    const after = await api.evaluate(id, q);
    if (!after.ok || after.value.platform !== 'leanix') throw new Error('answered');
    expect(after.value.draftsApplied).toEqual(['CVE_WRITER']);
    const fresh = createEngineApi(memory);
    expect(await fresh.evaluate(id, q)).toEqual(after);
    expect(await fresh.evaluate(id, { ...q, useDrafts: false })).toEqual(before);
  });
});
