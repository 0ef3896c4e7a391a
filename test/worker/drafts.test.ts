// Two playground tabs editing one role draft (issue 13, writes and concurrency): each tab
// has its own engine worker over the one database. A save names the revision it was based
// on; the later of two saves of one revision is a `conflict` with the version stored now,
// never an overwrite; a rename in one tab leaves one draft, and the other tab's next save
// of the old name is told the new name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';

const leanixText = readFileSync(new URL('../fixtures/leanix-example.json', import.meta.url), 'utf8');

/** Two tabs: two engines (as two workers) over one store, called through the boundary as the pages call them. */
async function twoTabs() {
  const store = createMemoryStore();
  const one = withCheckedMessages(createEngineApi(store));
  const two = withCheckedMessages(createEngineApi(store));
  const r = await one.importPolicy(leanixText);
  if (!r.ok) throw new Error(r.error.message);
  return { one, two, id: r.value.id };
}

const FIELD = 'FACT_SHEET_FIELDS:UPDATE:Application:cveCount';
const SEAL = 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState';
const READ = 'FACT_SHEET:READ:Application:*';
const at = '2026-11-24T00:00:00Z';
const update = { op: 'update' as const, factSheet: 'app-shop', patches: [{ op: 'replace' as const, path: '/cveCount', value: 5 }] };

describe('role drafts edited in two tabs', () => {
  it('the later save of one revision is a conflict carrying the other version; keep mine or take theirs', async () => {
    const { one, two, id } = await twoTabs();
    const created = await one.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD], users: ['cve-feed'], updatedAt: at });
    expect(created).toMatchObject({ ok: true, value: { name: 'SYNC', revision: 1 } });
    // both tabs read revision 1
    const listed = await two.listDrafts(id);
    expect(listed.ok && listed.value.map((d) => [d.name, d.revision])).toEqual([['SYNC', 1]]);

    const mine = await one.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], users: ['cve-feed'], updatedAt: at }, { name: 'SYNC', revision: 1 });
    expect(mine).toMatchObject({ ok: true, value: { revision: 2 } });
    const theirs = await two.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [READ], users: ['cve-feed'], updatedAt: at }, { name: 'SYNC', revision: 1 });
    expect(theirs).toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        reason: 'changed',
        message: 'the draft SYNC was saved elsewhere (another tab) while you edited it; nothing was saved',
        theirs: { workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], users: ['cve-feed'], updatedAt: at, revision: 2 },
      },
    });
    // nothing was overwritten: the quick check of either tab sees tab one's draft (the seal is kept)
    const q = { platform: 'leanix' as const, actor: 'cve-feed', operation: update };
    for (const tab of [one, two]) {
      const answer = await tab.evaluate(id, q);
      expect(answer.ok && answer.value.verdict.tone).toBe('kept');
    }
    // "keep mine": saved on the revision the conflict showed
    const kept = await two.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [READ], users: ['cve-feed'], updatedAt: at }, { name: 'SYNC', revision: 2 });
    expect(kept).toMatchObject({ ok: true, value: { permissions: [READ], revision: 3 } });
    const after = await one.listDrafts(id);
    expect(after.ok && after.value).toEqual([{ workspaceId: id, name: 'SYNC', permissions: [READ], users: ['cve-feed'], updatedAt: at, revision: 3 }]);
  });

  it('a rename in one tab keeps one draft; the other tab is told the new name, and keeping its version still leaves one', async () => {
    const { one, two, id } = await twoTabs();
    await one.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD], updatedAt: at });
    const renamed = await one.saveDraft({ workspaceId: id, name: 'FEED_ROLE', permissions: [FIELD], updatedAt: at }, { name: 'SYNC', revision: 1 });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'FEED_ROLE', revision: 2 } });
    const stale = await two.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], updatedAt: at }, { name: 'SYNC', revision: 1 });
    expect(stale).toMatchObject({
      ok: false,
      error: { kind: 'conflict', reason: 'renamed', renamedTo: 'FEED_ROLE', message: 'the draft SYNC was renamed to FEED_ROLE elsewhere (another tab); nothing was saved', theirs: { name: 'FEED_ROLE', revision: 2 } },
    });
    const names = async () => {
      const d = await one.listDrafts(id);
      return d.ok ? d.value.map((x) => x.name) : null;
    };
    expect(await names()).toEqual(['FEED_ROLE']);
    // keep mine: my version, under my name, based on where theirs went
    const kept = await two.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], updatedAt: at }, { name: 'FEED_ROLE', revision: 2 });
    expect(kept).toMatchObject({ ok: true, value: { name: 'SYNC', revision: 3 } });
    expect(await names()).toEqual(['SYNC']);
    // a draft deleted in one tab: the other tab's save is a conflict with nothing to show
    await one.deleteDraft(id, 'SYNC');
    const gone = await two.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD], updatedAt: at }, { name: 'SYNC', revision: 3 });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'conflict', reason: 'deleted', theirs: null } });
    // a new draft of a name another tab just took
    await one.saveDraft({ workspaceId: id, name: 'AUDIT', permissions: [READ], updatedAt: at });
    const taken = await two.saveDraft({ workspaceId: id, name: 'AUDIT', permissions: [FIELD], updatedAt: at });
    expect(taken).toMatchObject({ ok: false, error: { kind: 'conflict', reason: 'taken', message: 'there is already a draft named AUDIT; nothing was saved', theirs: { revision: 1 } } });
    expect(await two.saveDraft({ workspaceId: id, name: 'AUDIT', permissions: [FIELD], updatedAt: at }, null, 1)).toMatchObject({ ok: true, value: { revision: 2 } });
  });

  it('an engine that cached the workspace answers with the draft another tab saved (told on the changes bus)', async () => {
    const store = createMemoryStore();
    // the changes channel between the two workers: what one posts, the other hears
    const handlers: Array<Array<(id: string) => void>> = [[], []];
    const bus = (me: 0 | 1) => ({ post: (id: string) => handlers[1 - me]!.forEach((h) => h(id)), listen: (h: (id: string) => void) => void handlers[me]!.push(h) });
    const one = withCheckedMessages(createEngineApi(store, { changes: bus(0) }));
    const two = withCheckedMessages(createEngineApi(store, { changes: bus(1) }));
    const r = await one.importPolicy(leanixText);
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.id;
    const q = { platform: 'leanix' as const, actor: 'cve-feed', operation: update };
    const tone = async () => {
      const a = await two.evaluate(id, q);
      return a.ok ? a.value.verdict.tone : a.error.message;
    };
    // tab two asks first: the workspace is loaded and cached there
    expect(await tone()).toBe('breaks');
    await one.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], users: ['cve-feed'], updatedAt: at });
    expect(await tone()).toBe('kept');
    await one.deleteDraft(id, 'SYNC');
    expect(await tone()).toBe('breaks');
    // without the bus, tab two's cache would have kept answering 'breaks' after the save
    const lone = withCheckedMessages(createEngineApi(store));
    expect((await lone.evaluate(id, q)).ok).toBe(true);
    await one.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [FIELD, SEAL], users: ['cve-feed'], updatedAt: at });
    const stale = await lone.evaluate(id, q);
    expect(stale.ok && stale.value.verdict.tone).toBe('breaks');
  });

  it('a malformed base is refused at the boundary, located', async () => {
    const { one, id } = await twoTabs();
    const send = (...a: unknown[]) => Reflect.apply(one.saveDraft, undefined, a) as ReturnType<typeof one.saveDraft>;
    const draft = { workspaceId: id, name: 'SYNC', permissions: [FIELD], updatedAt: at };
    const r = await send(draft, { name: 'SYNC', revision: 0 }, 'one');
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors.map((e) => e.path)).toEqual(['base.revision', 'replacing']);
    // a draft carrying a revision of its own is refused: the revision is the store's
    const own = await send({ ...draft, revision: 7 });
    expect(!own.ok && own.error.kind === 'invalid' && own.error.errors).toEqual([{ path: 'draft.revision', message: 'unknown key `revision`' }]);
  });
});
