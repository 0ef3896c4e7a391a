// The verdict card shows every reason and fix the engine gives, the version 2 ones
// included: a seal exemption, a missing mandatory relation or subscription, "set the seal
// to DRAFT first", and the `exempt` fix. The card is rendered as preact elements (no DOM)
// from real answers of the worker API over test/fixtures/leanix-exemption.json.
import { readFileSync } from 'node:fs';
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { LeanixOperation, Patch } from '../../src/model/schema';
import { createMemoryStore } from '../../src/storage/memory';
import { VerdictCard } from '../../src/ui/components/VerdictCard';
import { createEngineApi } from '../../src/worker/api';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/leanix-exemption.json', import.meta.url), 'utf8')) as Record<string, any>;

/** The fixture with a mandatory relation and subscription, DRAFT enabled, a DRAFT fact sheet and an ADMIN. */
function stricter(): Record<string, any> {
  const file = structuredClone(fixture);
  const type = file.factSheetTypes[0];
  type.relations = ['relApplicationToITComponent'];
  type.mandatory = { fields: ['lifecycle'], relations: ['relApplicationToITComponent'], subscriptions: [{ type: 'ACCOUNTABLE' }] };
  type.qualitySeal.draft = true;
  file.users.push({ id: 'admin', kind: 'human', role: 'ADMIN' });
  file.factSheets[0].relations = { relApplicationToITComponent: ['itc-1'] };
  file.factSheets[0].subscriptions.push({ user: 'admin', type: 'ACCOUNTABLE' });
  file.factSheets.push({ id: 'app-new', type: 'Application', name: 'New app', lxState: 'DRAFT', values: { lifecycle: 'plan' } });
  file.scenarios = [];
  return file;
}

async function answer(file: Record<string, any>, actor: string, operation: LeanixOperation) {
  const api = createEngineApi(createMemoryStore());
  const imported = await api.importPolicy(JSON.stringify(file));
  if (!imported.ok) throw new Error(imported.error.message);
  const r = await api.evaluate(imported.value.id, { platform: 'leanix', actor, operation });
  if (!r.ok || r.value.platform !== 'leanix') throw new Error(r.ok ? 'not leanix' : r.error.message);
  return r.value;
}

/** The `<li>`s of the card's list with this test id, as kind and text. */
function items(node: VNode, testId: string): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  const text = (n: unknown): string => {
    if (n === null || n === undefined || typeof n === 'boolean') return '';
    if (typeof n === 'string' || typeof n === 'number') return String(n);
    if (Array.isArray(n)) return n.map(text).join('');
    return text((n as VNode<{ children?: unknown }>).props.children);
  };
  const walk = (n: unknown, inside: boolean): void => {
    if (Array.isArray(n)) return n.forEach((c) => walk(c, inside));
    if (!n || typeof n !== 'object') return;
    const v = n as VNode<Record<string, unknown>>;
    if (inside && v.type === 'li') out.push({ kind: String(v.props['data-kind']), text: text(v.props.children).trim() });
    walk(v.props.children, inside || v.props['data-testid'] === testId);
  };
  walk(node, false);
  return out;
}

function card(a: Awaited<ReturnType<typeof answer>>) {
  return VerdictCard({ verdict: a.verdict, reasons: a.outcome.reasons, fixes: a.outcome.fixes }) as VNode;
}

const update = (factSheet: string, patches: Patch[]): LeanixOperation => ({ op: 'update', factSheet, patches });

describe('VerdictCard with version 2 reasons', () => {
  it('says the exempt field keeps the seal, and why', async () => {
    const a = await answer(fixture, 'vuln-sync', update('app-crm', [{ op: 'replace', path: '/securityVulnerabilityCount', value: 4 }]));
    expect(a.verdict.headline).toBe('Allowed · seal kept');
    const reasons = items(card(a), 'reasons');
    expect(reasons).toContainEqual({ kind: 'seal', text: expect.stringContaining('securityVulnerabilityCount is exempt from the seal of Application') });
    expect(reasons).toHaveLength(a.outcome.reasons.length);
  });

  it('offers to exempt a field whose edit breaks the seal (fix of kind `exempt`)', async () => {
    const a = await answer(fixture, 'vuln-sync', update('app-crm', [{ op: 'replace', path: '/lifecycle', value: 'phaseOut' }]));
    expect(a.verdict.headline).toBe('Allowed · seal breaks');
    const fixes = items(card(a), 'fixes');
    expect(fixes).toHaveLength(a.outcome.fixes.length);
    expect(fixes).toContainEqual({ kind: 'exempt', text: expect.stringContaining('exempt lifecycle from the seal of Application') });
  });

  it('names the missing mandatory relation and subscription when approval is refused', async () => {
    const a = await answer(stricter(), 'admin', update('app-new', [{ op: 'replace', path: '/lxState', value: 'APPROVED' }]));
    expect(a.verdict.tone).toBe('denied');
    const reasons = items(card(a), 'reasons');
    expect(reasons).toHaveLength(a.outcome.reasons.length);
    const all = reasons.map((r) => r.text).join('\n');
    expect(all).toContain('mandatory relation relApplicationToITComponent');
    expect(all).toContain('ACCOUNTABLE subscriber');
  });

  it('says to set the seal to DRAFT first when a mandatory value would be emptied', async () => {
    const a = await answer(stricter(), 'admin', update('app-crm', [{ op: 'remove', path: '/relApplicationToITComponent' }]));
    expect(a.verdict.tone).toBe('denied');
    const reasons = items(card(a), 'reasons');
    expect(reasons).toHaveLength(a.outcome.reasons.length);
    expect(reasons.map((r) => r.text).join('\n')).toContain('DRAFT first');
  });
});
