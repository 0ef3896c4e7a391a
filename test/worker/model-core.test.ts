// The Model tab opens on `modelCore` (src/worker/api.ts): the workspace's model without its
// fact sheets, and their count, read from the stored core without reading the whole
// workspace; the tab loads the whole model only for what shows or edits fact sheets.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import type { WorkspaceStore } from '../../src/storage/store';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';
import { largeLeanix, qualyticsExample } from '../storage/fixtures';

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

async function imported(memory: WorkspaceStore, text: string): Promise<string> {
  const r = await createEngineApi(memory).importPolicy(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

describe('the model without its fact sheets (modelCore)', () => {
  it('is the whole LeanIX model minus its fact sheets, with their count, and reads no whole workspace', async () => {
    const fixture = largeLeanix(60);
    const memory = createMemoryStore();
    const id = await imported(memory, fixture.text);
    const whole = await createEngineApi(memory).getWorkspace(id);
    if (!whole.ok || whole.value.policy.platform !== 'leanix') throw new Error('loaded');
    expect(whole.value.policy.factSheets).toHaveLength(60);

    const cold = counting(memory);
    const got = await withCheckedMessages(createEngineApi(cold.store)).modelCore(id);
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.policy).toEqual({ ...whole.value.policy, factSheets: [] });
    expect(got.value).toMatchObject({ id, name: whole.value.name, updatedAt: whole.value.updatedAt, factSheetCount: 60 });
    expect(cold.wholeReads()).toBe(0);
  });

  it('answers the same from an engine that has the whole workspace loaded already', async () => {
    const memory = createMemoryStore();
    const id = await imported(memory, largeLeanix(25).text);
    const api = createEngineApi(memory);
    const whole = await api.getWorkspace(id);
    if (!whole.ok) throw new Error(whole.error.message);
    const warm = await api.modelCore(id);
    const cold = await createEngineApi(memory).modelCore(id);
    expect(warm).toEqual(cold);
    // the cached whole model keeps its fact sheets
    expect(whole.value.policy.platform === 'leanix' && whole.value.policy.factSheets).toHaveLength(25);
  });

  it('is the whole model of a Qualytics workspace', async () => {
    const example = qualyticsExample();
    const memory = createMemoryStore();
    const id = await imported(memory, example.text);
    const whole = await createEngineApi(memory).getWorkspace(id);
    if (!whole.ok) throw new Error(whole.error.message);
    const got = await createEngineApi(memory).modelCore(id);
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.policy).toEqual(whole.value.policy);
    expect(got.value.factSheetCount).toBe(0);
  });

  it('shows a saved change, and names an unknown workspace and a malformed call', async () => {
    const fixture = largeLeanix(10);
    const memory = createMemoryStore();
    const id = await imported(memory, fixture.text);
    const api = withCheckedMessages(createEngineApi(memory));
    const before = await api.modelCore(id);
    if (!before.ok || before.value.policy.platform !== 'leanix') throw new Error('read');
    const whole = await api.getWorkspace(id);
    if (!whole.ok) throw new Error(whole.error.message);
    const saved = await api.savePolicy(id, { ...whole.value.policy, name: 'Renamed' });
    expect(saved.ok).toBe(true);
    const after = await api.modelCore(id);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.name).toBe('Renamed');
    expect(after.value.policy).toEqual({ ...before.value.policy, name: 'Renamed' });
    expect(after.value.factSheetCount).toBe(10);

    const unknown = await api.modelCore('nope');
    expect(unknown.ok || unknown.error).toMatchObject({ kind: 'not-found', message: 'no workspace `nope`' });
    const malformed = await Reflect.apply(api.modelCore, undefined, [42]);
    expect(malformed.ok || malformed.error).toMatchObject({ kind: 'invalid', errors: [{ path: 'id', message: 'expected text, found number `42`' }] });
  });
});
