// The worker's advise method with `write`: the playground's "add these scenarios" adds
// the advised role, a user holding it and the proving scenarios to the workspace, in the
// stored text too (an export shows the additions and keeps the rest), and adds nothing
// the second time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory';
import { createEngineApi } from '../../src/worker/api';
import { withCheckedMessages } from '../../src/worker/messages';
import { rawWorkspace } from '../advise/fixture';

const question = { platform: 'leanix' as const, actor: 'feed', type: 'Application', paths: ['/cveCount'] };

async function workspace(text: string) {
  const api = createEngineApi(createMemoryStore());
  const r = await api.importPolicy(text);
  if (!r.ok) throw new Error(r.error.message);
  return { api, id: r.value.id };
}

describe('worker advise with write', () => {
  it('adds the recommended setup\'s role, user and scenarios; they pass; the export keeps the original text; a second write adds nothing', async () => {
    const text = `${JSON.stringify(rawWorkspace(), null, 2)}\n`;
    const { api, id } = await workspace(text);
    const r = await api.advise(id, { ...question, write: 'role-with-seal' });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.platform !== 'leanix') return;
    expect(r.value.advice.options).toHaveLength(7);
    expect(r.value.written?.changed).toBe(true);
    expect(r.value.written?.lines).toEqual(['wrote role FEED_SEALCHECK, user feed-advised, 8 scenarios to the workspace']);

    const run = await api.runScenarios(id);
    expect(run.ok && run.value.results.map((x) => x.passed)).toEqual(Array(8).fill(true));
    const exported = await api.exportPolicy(id);
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    // the original text is there line by line, in order, the last list opened
    const lines = exported.value.text.split('\n');
    let at = 0;
    for (const line of text.split('\n')) {
      const opened = line.endsWith('[]') ? line.slice(0, -1) : line;
      while (at < lines.length && lines[at] !== line && lines[at] !== `${line},` && lines[at] !== opened) at++;
      expect(at, line).toBeLessThan(lines.length);
      at++;
    }

    const again = await api.advise(id, { ...question, write: 'role-with-seal' });
    expect(again.ok && again.value.platform === 'leanix' && again.value.written?.changed).toBe(false);
    expect(again.ok && again.value.platform === 'leanix' && again.value.written?.lines[0]).toMatch(/^nothing written: the workspace already holds role FEED_SEALCHECK/);
  });

  it('exempt writes the data model change; setups without a role write nothing and say why', async () => {
    const { api, id } = await workspace(JSON.stringify(rawWorkspace()));
    const e = await api.advise(id, { ...question, write: 'exempt' });
    expect(e.ok && e.value.platform === 'leanix' && e.value.written?.report.exempt).toEqual({ type: 'Application', fields: ['cveCount'], relations: [] });
    const got = await api.getWorkspace(id);
    expect(got.ok && got.value.policy.platform === 'leanix' && got.value.policy.factSheetTypes[0]!.qualitySeal.ignoreUpdatesForFields).toEqual(['cveCount']);
    const s = await api.advise(id, { ...question, write: 'subscription' });
    expect(s.ok && s.value.platform === 'leanix' && s.value.written?.lines[0]).toMatch(/^nothing written: the setup `subscription`/);
  });

  it('the boundary refuses a write that names no setup, located at question.write', async () => {
    const { api, id } = await workspace(readFileSync(new URL('../../examples/leanix-vuln-sync.json', import.meta.url), 'utf8'));
    const checked = withCheckedMessages(api) as unknown as { advise: (id: string, q: unknown) => Promise<{ ok: boolean; error?: { kind: string; errors: { path: string }[] } }> };
    const r = await checked.advise(id, { platform: 'leanix', actor: 'vuln-sync-restricted', type: 'Application', paths: ['/securityVulnerabilityCount'], write: 'root' });
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe('invalid');
    expect(r.error?.errors.map((e) => e.path)).toEqual(['question.write']);
  });
});
