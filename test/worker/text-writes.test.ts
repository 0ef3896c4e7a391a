// The playground's writes edit the stored file text in place (src/policy/edit-text.ts):
// applying role drafts, a model edit, adding a scenario. The export of a hand-formatted
// file then differs from it only in the lines the change touches, keeps what the UI's
// model does not show (a role's description), fills in no default, and a second identical
// write changes nothing, not even the workspace's revision.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';

/** Three-space indentation, keys in an unusual order, one-line items, a role description. */
export const HAND = `{
   "platform": "leanix",
   "format": "sealcheck-policy",
   "version": 2,
   "name": "hand formatted",
   "asOf": "2026-11-24T00:00:00Z",
   "factSheetTypes": [
      { "name": "Application", "fields": ["lifecycle", "cveCount"], "relations": ["relToITComponent"],
        "qualitySeal": { "enabled": true, "renewal": { "value": 365, "unit": "DAYS" } } },
      { "name": "ITComponent", "fields": ["version"] }
   ],
   "roles": [
      {
         "permissions": ["FACT_SHEET_FIELDS:UPDATE:Application:cveCount"],
         "description": "the vulnerability feed's role; ask Sam before changing it",
         "name": "FEED"
      }
   ],
   "users": [
      { "role": "MEMBER", "id": "alice", "kind": "human" },
      { "id": "bob", "kind": "human", "role": "VIEWER" },
      { "id": "feed", "kind": "technical", "role": "MEMBER", "customerRoles": ["FEED"] }
   ],
   "factSheets": [
      { "id": "app-1", "type": "Application", "name": "CRM", "lxState": "APPROVED", "approvedAt": "2026-06-01T00:00:00Z",
        "subscriptions": [{ "user": "alice", "type": "RESPONSIBLE" }] }
   ],
   "scenarios": [
      {
         "name": "feed updates",
         "actor": "feed",
         "operation": { "op": "update", "factSheet": "app-1", "patches": [{ "op": "replace", "path": "/cveCount", "value": 1 }] },
         "expect": { "allowed": true }
      }
   ]
}
`;

/** `text` with each `[from, to]` line replaced (each must be there once). */
function withLines(text: string, ...changes: [string, string][]): string {
  let out = text;
  for (const [from, to] of changes) {
    expect(out.split(from)).toHaveLength(2);
    out = out.replace(from, to);
  }
  return out;
}

async function workspace(text = HAND) {
  const api = createEngineApi(createMemoryStore());
  const r = await api.importPolicy(text);
  if (!r.ok) throw new Error(r.error.message);
  const id = r.value.id;
  const exported = async () => {
    const e = await api.exportPolicy(id);
    if (!e.ok) throw new Error(e.error.message);
    return e.value.text;
  };
  const model = async () => {
    const got = await api.getWorkspace(id);
    if (!got.ok) throw new Error(got.error.message);
    return got.value;
  };
  return { api, id, exported, model };
}

const LIFECYCLE = 'FACT_SHEET_FIELDS:UPDATE:Application:lifecycle';

describe('playground writes edit the stored text in place', () => {
  it('applying a draft of an existing role changes its permissions line and the assignment, keeps its description, and a second identical apply changes nothing', async () => {
    const { api, id, exported, model } = await workspace();
    const draft = { workspaceId: id, name: 'FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount', LIFECYCLE], users: ['bob'], updatedAt: '2026-11-24T00:00:00Z' };
    expect((await api.saveDraft(draft)).ok).toBe(true);
    const applied = await api.applyDraftsToWorkspace(id);
    expect(applied.ok && applied.value.changed).toBe(true);

    const text = await exported();
    expect(text).toBe(
      withLines(
        HAND,
        ['"permissions": ["FACT_SHEET_FIELDS:UPDATE:Application:cveCount"],', `"permissions": ["FACT_SHEET_FIELDS:UPDATE:Application:cveCount", "${LIFECYCLE}"],`],
        ['{ "id": "bob", "kind": "human", "role": "VIEWER" },', '{ "id": "bob", "kind": "human", "role": "VIEWER", "customerRoles": ["FEED"] },'],
      ),
    );
    // reads as the drafts said, description kept
    const loaded = loadPolicyText(text);
    expect(loaded.ok).toBe(true);
    const policy = (await model()).policy as LeanixPolicy;
    expect(policy.roles).toEqual([{ name: 'FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount', LIFECYCLE], description: "the vulnerability feed's role; ask Sam before changing it" }]);
    expect(policy.users.find((u) => u.id === 'bob')?.customerRoles).toEqual(['FEED']);
    expect(loaded.ok && loaded.policy).toEqual(policy);

    // the same draft again: nothing to write, the same bytes and the same revision
    const before = await model();
    expect((await api.saveDraft(draft)).ok).toBe(true);
    const again = await api.applyDraftsToWorkspace(id);
    expect(again.ok && again.value.changed).toBe(false);
    expect(await exported()).toBe(text);
    expect((await model()).updatedAt).toBe(before.updatedAt);
    const drafts = await api.listDrafts(id);
    expect(drafts.ok && drafts.value).toEqual([]);
  });

  it('a new role from a draft goes after the others, written as they are written', async () => {
    const { api, id, exported } = await workspace();
    await api.saveDraft({ workspaceId: id, name: 'SYNC', permissions: [LIFECYCLE], users: ['alice'], updatedAt: '2026-11-24T00:00:00Z' });
    expect((await api.applyDraftsToWorkspace(id)).ok).toBe(true);
    expect(await exported()).toBe(
      withLines(
        HAND,
        ['         "name": "FEED"\n      }\n', `         "name": "FEED"\n      },\n      {\n         "name": "SYNC",\n         "permissions": ["${LIFECYCLE}"]\n      }\n`],
        ['{ "role": "MEMBER", "id": "alice", "kind": "human" },', '{ "role": "MEMBER", "id": "alice", "kind": "human", "customerRoles": ["SYNC"] },'],
      ),
    );
  });

  it('adding a scenario appends it like the scenario before it and fills in no default', async () => {
    const { api, id, exported, model } = await workspace();
    const scenario = { name: 'bob reads', actor: 'bob', operation: { op: 'read', factSheet: 'app-1' }, expect: { allowed: true } };
    const added = await api.addScenario(id, scenario);
    expect(added.ok).toBe(true);
    const text = await exported();
    expect(text).toBe(
      withLines(HAND, [
        '         "expect": { "allowed": true }\n      }\n   ]',
        '         "expect": { "allowed": true }\n      },\n      {\n         "name": "bob reads",\n         "actor": "bob",\n         "operation": { "op": "read", "factSheet": "app-1" },\n         "expect": { "allowed": true }\n      }\n   ]',
      ]),
    );
    const scenarios = (await model()).policy.scenarios;
    expect(scenarios.map((s) => s.name)).toEqual(['feed updates', 'bob reads']);
    const run = await api.runScenarios(id);
    expect(run.ok && run.value.results.map((r) => r.passed)).toEqual([true, true]);
  });

  it('a model edit (Model tab) changes only its lines: a setting the file lacked, an email, a deleted user; saving the same model again changes nothing', async () => {
    const { api, id, exported, model } = await workspace();
    const policy = (await model()).policy as LeanixPolicy;
    const edited: LeanixPolicy = {
      ...policy,
      settings: { ...policy.settings, notifyActor: true },
      users: policy.users.filter((u) => u.id !== 'bob').map((u) => (u.id === 'alice' ? { ...u, email: 'alice@acme.example' } : u)),
    };
    const saved = await api.savePolicy(id, edited);
    expect(saved.ok && saved.value.changed).toBe(true);
    const text = await exported();
    expect(text).toBe(
      withLines(
        HAND,
        ['      { "role": "MEMBER", "id": "alice", "kind": "human" },\n      { "id": "bob", "kind": "human", "role": "VIEWER" },\n', '      { "role": "MEMBER", "id": "alice", "kind": "human", "email": "alice@acme.example" },\n'],
        // only the setting that differs from its default: lockMandatoryWhenBroken stays unwritten
        ['      }\n   ]\n}\n', '      }\n   ],\n   "settings": {\n      "notifyActor": true\n   }\n}\n'],
      ),
    );
    const stored = (await model()).policy;
    expect(stored).toEqual(edited);

    const before = await model();
    const again = await api.savePolicy(id, before.policy);
    expect(again.ok && again.value.changed).toBe(false);
    expect(await exported()).toBe(text);
    expect((await model()).updatedAt).toBe(before.updatedAt);
  });

  it('a user added by the Model tab (every key filled, as the form makes it) is written without the keys that hold their default', async () => {
    const { api, id, exported, model } = await workspace();
    const policy = (await model()).policy as LeanixPolicy;
    const carol = { id: 'carol', kind: 'human' as const, role: 'VIEWER' as const, customerRoles: [], aces: [], expiresAt: null };
    expect((await api.savePolicy(id, { ...policy, users: [...policy.users, carol] })).ok).toBe(true);
    expect(await exported()).toBe(
      withLines(HAND, [
        '{ "id": "feed", "kind": "technical", "role": "MEMBER", "customerRoles": ["FEED"] }\n',
        '{ "id": "feed", "kind": "technical", "role": "MEMBER", "customerRoles": ["FEED"] },\n      { "id": "carol", "kind": "human", "role": "VIEWER" }\n',
      ]),
    );
    expect((await model()).policy.users.at(-1)).toEqual(carol);
  });

  it('an invalid edit is refused with located errors and changes nothing', async () => {
    const { api, id, exported, model } = await workspace();
    const policy = (await model()).policy as LeanixPolicy;
    const r = await api.savePolicy(id, { ...policy, users: [...policy.users, { id: 'eve', kind: 'human', role: 'OWNER' }] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors[0]?.path).toBe('users[3].role');
    expect(await exported()).toBe(HAND);
  });
});

/** The hand-formatted file in version 1 (`renewalDays`, a `mandatory` list). */
const HAND_V1 = HAND.replace('"version": 2', '"version": 1')
  .replace('"renewal": { "value": 365, "unit": "DAYS" }', '"renewalDays": 365')
  .replace('"relations": ["relToITComponent"],', '"relations": ["relToITComponent"], "mandatory": ["description"],');

describe('a version 1 file', () => {
  it('stays version 1 for a change version 1 can say, edited in place', async () => {
    const { api, id, exported } = await workspace(HAND_V1);
    await api.saveDraft({ workspaceId: id, name: 'FEED', permissions: [LIFECYCLE], updatedAt: '2026-11-24T00:00:00Z' });
    const applied = await api.applyDraftsToWorkspace(id);
    expect(applied.ok && applied.value.migrated).toBe(false);
    expect(await exported()).toBe(withLines(HAND_V1, ['"permissions": ["FACT_SHEET_FIELDS:UPDATE:Application:cveCount"],', `"permissions": ["${LIFECYCLE}"],`]));
  });

  it('is migrated first, as `sealcheck migrate` does, for a change only version 2 can say, and says so', async () => {
    const { api, id, exported, model } = await workspace(HAND_V1);
    const policy = (await model()).policy as LeanixPolicy;
    const saved = await api.savePolicy(id, { ...policy, users: policy.users.map((u) => (u.id === 'alice' ? { ...u, displayName: 'Alice' } : u)) });
    expect(saved.ok && saved.value.migrated).toBe(true);
    expect(await exported()).toBe(
      withLines(
        HAND_V1,
        ['"version": 1', '"version": 2'],
        ['"mandatory": ["description"]', '"mandatory": { "fields": ["description"] }'],
        ['"renewalDays": 365', '"renewal": { "value": 365, "unit": "DAYS" }'],
        ['{ "role": "MEMBER", "id": "alice", "kind": "human" },', '{ "role": "MEMBER", "id": "alice", "kind": "human", "displayName": "Alice" },'],
      ),
    );
  });
});
