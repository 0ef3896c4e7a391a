// The decision core's traces: the structured answer every view renders. Rules are
// named in the titles as policy-file.md "Semantics" states them.
import { describe, expect, it } from 'vitest';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { decide } from '../../src/engine/leanix/decide';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { roleMatrix } from '../../src/engine/leanix/matrix';
import type { LeanixOperation, LeanixPolicy } from '../../src/model/schema';
import { validatePolicy } from '../../src/policy/validate';

const AT = Date.parse('2026-11-24T00:00:00Z');

function workspace(): LeanixPolicy {
  const result = validatePolicy({
    format: 'sealcheck-policy',
    version: 1,
    platform: 'leanix',
    name: 'trace',
    asOf: '2026-11-24T00:00:00Z',
    factSheetTypes: [
      { name: 'Application', fields: ['lifecycle', 'cveCount'], mandatory: ['description'], relations: ['relToIT'], qualitySeal: { enabled: true, draft: true, renewalDays: 365 } },
      { name: 'Project', fields: ['budget'], qualitySeal: { enabled: false } },
    ],
    roles: [
      { name: 'CVE_FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] },
      { name: 'SEALER', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount', 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'] },
    ],
    users: [
      { id: 'owner', kind: 'human', role: 'MEMBER' },
      { id: 'viewer-owner', kind: 'human', role: 'VIEWER' },
      { id: 'cve-feed', kind: 'technical', role: 'MEMBER', customerRoles: ['CVE_FEED'], expiresAt: '2027-06-30T00:00:00Z' },
      { id: 'old-feed', kind: 'technical', role: 'MEMBER', customerRoles: ['CVE_FEED'], expiresAt: '2026-01-01T00:00:00Z' },
      { id: 'sealer', kind: 'technical', role: 'MEMBER', customerRoles: ['SEALER'] },
      { id: 'admin', kind: 'human', role: 'ADMIN' },
    ],
    factSheets: [
      {
        id: 'app',
        type: 'Application',
        name: 'Shop',
        lxState: 'APPROVED',
        approvedAt: '2026-09-01T00:00:00Z',
        subscriptions: [
          { user: 'owner', type: 'RESPONSIBLE' },
          { user: 'viewer-owner', type: 'ACCOUNTABLE' },
        ],
        values: { description: 'shop' },
      },
      { id: 'old', type: 'Application', name: 'Legacy', lxState: 'APPROVED', approvedAt: '2025-01-01T00:00:00Z', values: { description: 'x' } },
      { id: 'locked', type: 'Application', name: 'Vault', lxState: 'APPROVED', approvedAt: '2026-09-01T00:00:00Z', permittedWriteACL: ['FINANCE'], values: { description: 'x' } },
      { id: 'prj', type: 'Project', name: 'Move', lxState: 'APPROVED' },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.policy as LeanixPolicy;
}

const ws = compileLeanix(workspace());
const set = (factSheet: string, path: string, value: unknown): LeanixOperation => ({ op: 'update', factSheet, patches: [{ op: 'replace', path, value: value as never }] });

describe('the LeanIX decision trace', () => {
  it('rule: a MEMBER technical user without the seal permission breaks an approved seal on every edit', () => {
    const t = decide(ws, 'cve-feed', set('app', '/cveCount', 3), AT);
    expect(t.allowed).toBe(true);
    expect(t.patches[0]).toMatchObject({ need: { permission: 'FACT_SHEET_FIELDS:UPDATE:Application:cveCount' }, holder: { by: 'grant', role: 'CVE_FEED', builtin: false }, sealRelevant: true });
    expect(t.seal).toMatchObject({ holder: null, broken: 'edit', relevant: ['/cveCount'] });
    expect(t.notified).toEqual(['owner', 'viewer-owner']);
    expect(t.events).toEqual(['FACT_SHEET_UPDATED', 'QUALITY_SEAL_BROKEN']);
  });

  it('rule: the seal permission by grant of UPDATE on lxState keeps the seal, and the trace names the granting role', () => {
    const t = decide(ws, 'sealer', set('app', '/cveCount', 3), AT);
    expect(t.seal.holder).toEqual({ by: 'grant', holder: { by: 'grant', role: 'SEALER', builtin: false, source: 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState' } });
    expect(t.sealBroken).toBe(false);
    expect(t.lxStateAfter).toBe('APPROVED');
  });

  it('rule: a RESPONSIBLE subscriber whose standard role is not VIEWER holds the seal permission', () => {
    expect(decide(ws, 'owner', set('app', '/lifecycle', 'active'), AT).seal.holder).toEqual({ by: 'subscription', type: 'RESPONSIBLE', role: 'MEMBER' });
  });

  it('rule: ADMIN holds the seal permission and every grant', () => {
    const t = decide(ws, 'admin', set('app', '/lifecycle', 'active'), AT);
    expect(t.seal.holder).toEqual({ by: 'admin' });
    expect(t.patches[0]!.holder).toEqual({ by: 'admin' });
  });

  it('rule: the clock first — an approval past its renewal is already broken, and nothing breaks again', () => {
    const t = decide(ws, 'cve-feed', set('old', '/cveCount', 1), AT);
    expect(t.seal.clock).toMatchObject({ renewal: { value: 365, unit: 'DAYS' }, approvedAt: Date.parse('2025-01-01T00:00:00Z') });
    expect(t.lxStateBefore).toBe('BROKEN_QUALITY_SEAL');
    expect(t.sealBroken).toBe(false);
  });

  it('rule: an expired technical user is denied everything; the gate lists every path', () => {
    const t = decide(ws, 'old-feed', set('app', '/cveCount', 1), AT);
    expect(t.gate.expired).toEqual({ user: 'old-feed', expiresAt: Date.parse('2026-01-01T00:00:00Z') });
    expect(t.deniedPaths).toEqual(['/cveCount']);
    expect(t.allowed).toBe(false);
  });

  it('rule: a non-empty write ACL shuts out a user holding none of its entities', () => {
    const t = decide(ws, 'cve-feed', set('locked', '/cveCount', 1), AT);
    expect(t.gate.acl).toEqual({ mode: 'write', entities: ['FINANCE'], held: [] });
    expect(decide(ws, 'admin', set('locked', '/cveCount', 1), AT).gate.acl).toBeNull();
  });

  it('rule: on an APPROVED fact sheet emptying a mandatory field is denied for every actor, ADMIN included', () => {
    const t = decide(ws, 'admin', set('app', '/description', ''), AT);
    expect(t.patches[0]).toMatchObject({ empties: { kind: 'field' }, allowed: false });
    expect(t.deniedPaths).toEqual(['/description']);
  });

  it('rule: approval needs every mandatory field filled after the update’s other patches', () => {
    const t = decide(ws, 'owner', { op: 'update', factSheet: 'old', patches: [{ op: 'replace', path: '/description', value: null }, { op: 'replace', path: '/lxState', value: 'APPROVED' }] }, AT);
    expect(t.patches[1]!.seal).toEqual({ value: 'APPROVED', problem: 'mandatory-missing', missing: { fields: ['description'], relations: [], subscriptions: [] } });
    expect(t.allowed).toBe(false);
  });

  it('rule: a type without a quality seal keeps the stored state', () => {
    const t = decide(ws, 'owner', set('prj', '/budget', 5), AT);
    expect(t.seal.enabled).toBe(false);
    expect(t).toMatchObject({ allowed: true, sealBroken: false, lxStateAfter: 'APPROVED', events: ['FACT_SHEET_UPDATED'] });
  });

  it('fixes are derived from what the trace lacks: the lxState grant and a RESPONSIBLE subscription for a break', () => {
    const out = evaluateLeanix(ws, 'cve-feed', set('app', '/cveCount', 3), AT);
    expect(out.fixes).toEqual([
      expect.objectContaining({ kind: 'grant', permission: 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState', role: 'CVE_FEED' }),
      expect.objectContaining({ kind: 'subscription', factSheet: 'app' }),
      expect.objectContaining({ kind: 'exempt', type: 'Application', fields: ['cveCount'], relations: [] }),
    ]);
    // a few rendered words stay pinned
    expect(out.reasons.map((r) => r.text)).toContain('cve-feed holds no seal permission on Shop: not ADMIN, not its responsible or accountable subscriber, no grant on lxState');
  });

  it('the role matrix agrees with the decision core: a cell marked break is a write that breaks an approved seal', () => {
    const m = roleMatrix(ws, { name: 'CVE_FEED', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount'] });
    expect(m.cells.Application!.attributes!.seal).toBe('break');
    expect(m.cells.Project!.attributes!.seal).toBe('n/a');
    expect(m.impact).toEqual({ sealsBroken: 2, ownersNotified: 2, approved: 2 });
    const sealed = roleMatrix(ws, { name: 'SEALER', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:cveCount', 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState'] });
    expect(sealed.cells.Application!.attributes!.seal).toBe('keep');
    expect(sealed.sealTypes).toEqual(['Application']);
    expect(sealed.impact.sealsBroken).toBe(0);
  });

  it('the matrix marks no write where the role holds only an action no patch uses (CREATE on an attribute)', () => {
    const m = roleMatrix(ws, { name: 'X', permissions: ['FACT_SHEET_FIELDS:CREATE:Application:*'] });
    expect(m.cells.Application!.attributes!.seal).toBe('n/a');
  });
});
