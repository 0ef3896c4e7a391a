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
    expect(report.engines.map((e) => e.name).sort()).toEqual(['bitset', 'casbin', 'cedar', 'cedar-sliced', 'explained', 'naive', 'product', 'sealcheck', 'sealcheck-bytes']);
    const expected: Record<string, number> = { cedar: SMOKE_DECISIONS.cedarRequests, casbin: SMOKE_DECISIONS.casbinRequests, 'cedar-sliced': SMOKE_DECISIONS.cedarSlicedRequests, explained: SMOKE_DECISIONS.explainedRequests };
    for (const e of report.engines) expect(e.requests).toBe(expected[e.name] ?? SMOKE.requests);
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

describe('product paths at scale (smoke)', () => {
  it('reads the realistic file through the parse path, and the product bulk path counts as evaluateLeanix does', async () => {
    const { runBulkProduct } = await import('../../bench/scale');
    const r = runBulkProduct(3_000, 1);
    expect(r.agree).toBe(true);
    expect(r.factSheets).toBe(3_000);
    expect(r.allowed).toBeGreaterThan(0);
    expect(r.allowed).toBeLessThan(3_000);
    expect(r.sealsBroken).toBeGreaterThan(0);
  });

  it('diffs a file with a field added and roles changed: the new field shows in the granting role, compiled caps grow with the roles', async () => {
    const { diffFiles, runDiffAt } = await import('../../bench/scale');
    const { diffPolicies } = await import('../../src/engine/diff');
    const { old, changed } = diffFiles(40, true);
    const d = diffPolicies(old, changed);
    expect(d.rolesAdded.some((c) => c.role === old.roles[2]!.name && c.qualifier === 'addedField')).toBe(true);
    const small = runDiffAt(40, 1, true);
    const large = runDiffAt(400, 1, true);
    expect(large.capsBytesNew).toBeGreaterThan(small.capsBytesNew);
    expect(large.capsSets).toBeGreaterThan(small.capsSets);
  });
});
