// The bench's smoke variant, in process: the engines (sealcheck packed and bytes, bitset,
// naive, cedar, casbin) must agree on every decision each of them made, and the bulk path must
// agree with evaluateLeanix. No timing is asserted.
import { describe, expect, it } from 'vitest';
import { SMOKE_SIZES, runBulk } from '../../bench/bulk';
import { SMOKE_DECISIONS, findDisagreement, runDecisions } from '../../bench/decisions';
import { SMOKE, generateWorkload } from '../../bench/workload';
import { validatePolicy } from '../../src/policy/validate';

describe('bench smoke', () => {
  const workload = generateWorkload(SMOKE);

  it('generates a valid policy file, the same one every time', () => {
    const result = validatePolicy(workload.policy);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(generateWorkload(SMOKE).requests).toEqual(workload.requests);
    expect(workload.requests).toHaveLength(SMOKE.requests);
  });

  it('has every engine agree on every decision', async () => {
    const report = await runDecisions(workload, SMOKE_DECISIONS);
    expect(report.disagreement).toBeNull();
    expect(report.engines.map((e) => e.name).sort()).toEqual(['bitset', 'casbin', 'cedar', 'naive', 'sealcheck', 'sealcheck-bytes']);
    for (const e of report.engines) {
      expect(e.requests).toBe(e.name === 'cedar' ? SMOKE_DECISIONS.cedarRequests : e.name === 'casbin' ? SMOKE_DECISIONS.casbinRequests : SMOKE.requests);
    }
    // The workload asks both allowed and denied questions.
    expect(report.allowRate).toBeGreaterThan(0.2);
    expect(report.allowRate).toBeLessThan(0.8);
  });

  it('reports the first disagreement', () => {
    const out = new Uint8Array([1, 0, 1, 1]);
    const other = new Uint8Array([1, 0, 0, 0]);
    const d = findDisagreement(workload, new Map([['a', { out, count: 4 }], ['b', { out: other, count: 4 }], ['c', { out, count: 2 }]]));
    expect(d?.index).toBe(2);
    expect(d?.answers).toEqual({ a: true, b: false });
  });

  it('has the bulk path agree with evaluateLeanix', () => {
    const bulk = runBulk(SMOKE_SIZES, { smoke: true });
    expect(bulk.mismatch).toBeNull();
    expect(bulk.rows.map((r) => r.size)).toEqual(SMOKE_SIZES);
    for (const row of bulk.rows) expect(row.counts.allowed + row.counts.denied).toBe(row.size);
  });
});

describe('advise and diff benchmark (smoke)', () => {
  it('runs at smoke size: the advisor recommends the role with the seal permission, the diff finds the changed grants', async () => {
    const { runAdviseDiff } = await import('../../bench/advise-diff');
    const r = runAdviseDiff({ smoke: true });
    expect(r.advise.recommended).toBe('role-with-seal');
    expect(r.advise.setups).toBe(7);
    expect(r.diff.added).toBeGreaterThan(0);
    expect(r.diff.removed).toBeGreaterThan(0);
  });
});
