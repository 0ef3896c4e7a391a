// The worker methods the playground's modelling and sharing use: templates, the text
// check, import over or apart from a workspace of the same name, diffs of any two
// sides, and "who" for one fact sheet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';
import { TEMPLATE_IDS, template } from '../../src/worker/templates';
import { compile, runScenario } from '../../src/engine/scenarios';
import { loadPolicyText } from '../../src/policy/validate';
import { nameApart, withName } from '../../src/worker/playground';

const leanixText = readFileSync(new URL('../fixtures/leanix-example.json', import.meta.url), 'utf8');
const qualyticsText = readFileSync(new URL('../fixtures/qualytics-example.json', import.meta.url), 'utf8');

const fresh = () => createEngineApi(createMemoryStore());

describe('templates', () => {
  it.each(TEMPLATE_IDS)('%s is a valid version 2 file whose scenarios pass', (id) => {
    const text = JSON.stringify(template(id, '2026-11-24T00:00:00Z'), null, 2);
    const loaded = loadPolicyText(text);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    expect(JSON.parse(text).version).toBe(2);
    const compiled = compile(loaded.policy);
    for (const s of loaded.policy.scenarios) expect(runScenario(compiled, s), s.name).toMatchObject({ passed: true });
  });

  it('"integration user and the seal" has three types, four users and scenarios', () => {
    const p = template('leanix-integration');
    if (p.platform !== 'leanix') throw new Error('not leanix');
    expect(p.factSheetTypes).toHaveLength(3);
    expect(p.users).toHaveLength(4);
    expect(p.scenarios!.length).toBeGreaterThanOrEqual(5);
  });

  it('the worker creates a workspace from a template id, and refuses an unknown id at the boundary', async () => {
    const api = withCheckedMessages(fresh());
    const r = await api.createFromTemplate('leanix-integration');
    expect(r.ok && r.value.name).toBe('Integration user and the seal');
    const bad = await api.createFromTemplate('nope' as never);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.kind).toBe('invalid');
  });
});

describe('checkPolicyText', () => {
  it('gives a summary of a valid file and every located error of an invalid one', async () => {
    const api = fresh();
    const good = await api.checkPolicyText(leanixText);
    expect(good.ok && good.value.errors).toEqual([]);
    expect(good.ok && good.value.summary?.counts.find((c) => c.label === 'fact sheet')?.n).toBe(2);
    const bad = await api.checkPolicyText(leanixText.replace('"MEMBER"', '"MEMBR"'));
    expect(bad.ok && bad.value.policy).toBeNull();
    expect(bad.ok && bad.value.errors[0]?.path).toMatch(/^users\[\d+\]\.role$/);
  });
});

describe('import onto a workspace of the same name', () => {
  it('replace keeps the workspace id, its drafts and its runs', async () => {
    const api = fresh();
    const first = await api.importPolicy(leanixText);
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.id;
    await api.saveDraft({ workspaceId: id, name: 'D', permissions: ['FACT_SHEET:READ'], updatedAt: '2026-01-01T00:00:00Z' } as never);
    await api.runScenarios(id);
    const changed = leanixText.replace('"asOf": "2026-11-24T00:00:00Z"', '"asOf": "2026-11-25T00:00:00Z"');
    const r = await api.importPolicy(changed, undefined, undefined, { replace: id });
    expect(r.ok && r.value.id).toBe(id);
    const list = await api.listWorkspaces();
    expect(list.ok && list.value.length).toBe(1);
    const exported = await api.exportPolicy(id);
    expect(exported.ok && exported.value.text).toBe(changed);
    const drafts = await api.listDrafts(id);
    expect(drafts.ok && drafts.value.map((d) => d.name)).toEqual(['D']);
    const runs = await api.listRuns(id);
    expect(runs.ok && runs.value.length).toBe(1);
  });

  it('replace refuses a file of another platform', async () => {
    const api = fresh();
    const first = await api.importPolicy(leanixText);
    if (!first.ok) throw new Error(first.error.message);
    const r = await api.importPolicy(qualyticsText, undefined, undefined, { replace: first.value.id });
    expect(r.ok).toBe(false);
  });

  it('keep both names the new one apart, changing only the name in its text', async () => {
    const api = fresh();
    const a = await api.importPolicy(leanixText);
    const b = await api.importPolicy(leanixText, undefined, undefined, { apart: true });
    const c = await api.importPolicy(leanixText, undefined, undefined, { apart: true });
    if (!a.ok || !b.ok || !c.ok) throw new Error('not imported');
    expect(b.value.name).toBe(`${a.value.name} (2)`);
    expect(c.value.name).toBe(`${a.value.name} (3)`);
    const text = await api.exportPolicy(b.value.id);
    expect(text.ok && text.value.text).toBe(leanixText.replace(`"name": "${a.value.name}"`, `"name": "${a.value.name} (2)"`));
  });

  it('names apart and renames in text byte for byte', () => {
    expect(nameApart('Acme', ['Acme', 'Acme (2)'])).toBe('Acme (3)');
    expect(nameApart('Acme (2)', ['Acme', 'Acme (2)'])).toBe('Acme (3)');
    const crlf = '\ufeff{\r\n\t"format": "x",\r\n\t"name": "A\\u00e9",\r\n\t"items": [ {"name": "inner"} ]\r\n}\r\n';
    expect(withName(crlf, 'B "quoted"')).toBe('\ufeff{\r\n\t"format": "x",\r\n\t"name": "B \\"quoted\\"",\r\n\t"items": [ {"name": "inner"} ]\r\n}\r\n');
  });
});

describe('diffSides', () => {
  it('compares a workspace with its drafts applied, and with a file', async () => {
    const api = fresh();
    const first = await api.importPolicy(leanixText);
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.id;
    const same = await api.diffSides({ kind: 'workspace', id }, { kind: 'file', text: leanixText });
    expect(same.ok && same.value.added).toEqual([]);
    const policy = JSON.parse(leanixText);
    const user = policy.users.find((u: { kind: string }) => u.kind === 'technical').id;
    await api.saveDraft({ workspaceId: id, name: 'WIDE', cloneFrom: 'MEMBER', permissions: ['FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState'], users: [user], updatedAt: '2026-01-01T00:00:00Z' } as never);
    const drafts = await api.diffSides({ kind: 'workspace', id }, { kind: 'drafts', id });
    expect(drafts.ok && drafts.value.added.some((c) => c.user === user)).toBe(true);
    const badFile = await api.diffSides({ kind: 'file', text: '{' }, { kind: 'workspace', id });
    expect(!badFile.ok && badFile.error.message).toMatch(/old file has 1 error/);
  });
});

describe('who', () => {
  it('answers per user for the template’s CRM with the engine’s who: the sync breaks, the owner keeps and approves, the viewer cannot touch it', async () => {
    const api = withCheckedMessages(fresh());
    const ws = await api.createFromTemplate('leanix-integration');
    if (!ws.ok) throw new Error(ws.error.message);
    const r = await api.who(ws.value.id, 'app-crm');
    if (!r.ok) throw new Error(r.error.message);
    const w = r.value;
    expect(w.breaks).toEqual(['vuln-sync']);
    expect(w.keeps).toEqual(['owner', 'architect']);
    expect(w.approvers).toEqual(['owner', 'architect']);
    expect(w.notified).toEqual(['owner']);
    expect(w.untouchable).toEqual(['viewer']);
    const asked = await api.who(ws.value.id, 'app-crm', ['/lifecycle']);
    expect(asked.ok && asked.value.denied).toEqual(['viewer', 'vuln-sync']);
    const badPath = await api.who(ws.value.id, 'app-crm', ['/nope']);
    expect(!badPath.ok && badPath.error.kind).toBe('invalid');
    const missing = await api.who(ws.value.id, 'nope');
    expect(!missing.ok && missing.error.kind).toBe('invalid');
    expect(!missing.ok && missing.error.kind === 'invalid' && missing.error.errors[0]?.path).toBe('factSheetId');
  });
});
