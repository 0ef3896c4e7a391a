// Issue 5's speed: the role advisor over 100,000 fact sheets, and the exhaustive policy
// diff for 50 types × 40 fields × 100 roles × 2,000 users, each in node.
import type { LeanixPolicy } from '../src/model/schema';
import { advise } from '../src/engine/leanix/advise';
import { diffPolicies } from '../src/engine/diff';
import { BULK_ACTOR, BULK_PATCHES, BULK_TYPE, generateBulk } from './bulk-workload';
import { now, since } from './clock';
import { FULL, generateWorkload } from './workload';

export interface AdviseDiffReport {
  readonly advise: { factSheets: number; ms: number; wallMs: number; recommended: string; setups: number };
  readonly diff: { types: number; fieldsPerType: number; roles: number; users: number; ms: number; wallMs: number; added: number; removed: number };
}

function best<T>(runs: number, fn: () => T): { value: T; ms: number; wallMs: number } {
  let value!: T;
  let ms = Infinity;
  let wallMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = now();
    value = fn();
    const d = since(t);
    ms = Math.min(ms, d.cpu);
    wallMs = Math.min(wallMs, d.wall);
  }
  return { value, ms, wallMs };
}

export function runAdviseDiff(options: { smoke: boolean }): AdviseDiffReport {
  const sheets = options.smoke ? 2_000 : 100_000;
  const runs = options.smoke ? 1 : 3;
  const bulk = generateBulk(sheets);
  const question = { actor: BULK_ACTOR, type: BULK_TYPE, paths: BULK_PATCHES.map((p) => p.path), at: bulk.at };
  const a = best(runs, () => advise(bulk.policy, question));

  const shape = options.smoke
    ? { ...FULL, types: 5, fieldsPerType: 8, roles: 10, users: 100, plainUsers: 5, requests: 10 }
    : { ...FULL, types: 50, fieldsPerType: 40, roles: 100, users: 2_000, requests: 10 };
  const old = generateWorkload(shape).policy;
  // the new version: one role gains a grant, another loses its first permission
  const changed: LeanixPolicy = {
    ...old,
    roles: old.roles.map((r, i) =>
      i === 0 ? { ...r, permissions: [...r.permissions, 'FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState'] } : i === 1 ? { ...r, permissions: r.permissions.slice(1) } : r,
    ),
  };
  const d = best(runs, () => diffPolicies(old, changed));
  return {
    advise: { factSheets: sheets, ms: a.ms, wallMs: a.wallMs, recommended: a.value.recommended, setups: a.value.options.length },
    diff: { types: shape.types, fieldsPerType: shape.fieldsPerType, roles: shape.roles, users: shape.users, ms: d.ms, wallMs: d.wallMs, added: d.value.added.length, removed: d.value.removed.length },
  };
}
