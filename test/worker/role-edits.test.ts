// The role designer's calls validate the role edit by part (src/policy/validate.ts,
// validateRolesEdit): the same answers as a whole validation, without the fact sheets.
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../src/policy/validate';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { leanixFile } from '../policy/helpers';

async function workspace() {
  const api = createEngineApi(createMemoryStore());
  const r = await api.importPolicy(JSON.stringify(leanixFile()));
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.id };
}

describe('role edits in the worker', () => {
  it('the role matrix refuses a broken role with the errors of the whole validation', async () => {
    const { api, id } = await workspace();
    const stored = await api.getWorkspace(id);
    if (!stored.ok || stored.value.policy.platform !== 'leanix') throw new Error('no workspace');
    const policy = stored.value.policy;
    const draft = { name: '', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'] };
    const r = await api.roleMatrix(id, draft);
    const whole = validatePolicy({ ...policy, roles: [...policy.roles, draft] });
    expect(whole.ok).toBe(false);
    expect(r).toEqual({ ok: false, error: { kind: 'invalid', message: 'the role has errors', errors: whole.ok ? [] : whole.errors } });
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors[0]?.path).toBe(`roles[${policy.roles.length}].name`);
    const good = await api.roleMatrix(id, { ...draft, name: 'SYNC' });
    expect(good.ok).toBe(true);
  });

  it('applying drafts writes the roles and assignments the drafts describe', async () => {
    const { api, id } = await workspace();
    await api.saveDraft({ workspaceId: id, name: 'SYNC', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:lifecycle'], users: ['alice'], updatedAt: '2026-11-24T00:00:00Z' });
    const applied = await api.applyDraftsToWorkspace(id);
    expect(applied.ok).toBe(true);
    const after = await api.getWorkspace(id);
    const policy = after.ok ? after.value.policy : null;
    expect(policy?.platform === 'leanix' && policy.roles.map((r) => r.name)).toEqual(['FEED', 'SYNC']);
    expect(policy?.platform === 'leanix' && policy.users.find((u) => u.id === 'alice')?.customerRoles).toEqual(['SYNC']);
    expect(validatePolicy(policy).ok).toBe(true);
    const drafts = await api.listDrafts(id);
    expect(drafts.ok && drafts.value).toEqual([]);
    // the stored file text is the new model
    const text = await api.exportPolicy(id);
    expect(text.ok && JSON.parse(text.value.text).roles.map((r: { name: string }) => r.name)).toEqual(['FEED', 'SYNC']);
  });
});
