// `npx tsx bench/validate-by-part.ts [SIZES...]`: what one keystroke in the role
// designer costs the worker's validation, the whole policy (validatePolicy) against the
// role edit by part (validateRolesEdit), over N generated fact sheets. Median ms of 7.
import { performance } from 'node:perf_hooks';
import { validatePolicy, validateRolesEdit } from '../src/policy/validate';
import { generateBulk } from './bulk-workload';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const RUNS = 7;

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

console.log('fact sheets   whole policy ms   roles by part ms   errors   same errors');
for (const n of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
  const generated = generateBulk(n).policy;
  // at most one subscription per user and fact sheet, as the validator asks of version 2
  const factSheets = generated.factSheets.map((f) => ({ ...f, subscriptions: f.subscriptions.filter((s, i, all) => all.findIndex((t) => t.user === s.user) === i) }));
  const base = validatePolicy({ ...generated, factSheets });
  if (!base.ok || base.policy.platform !== 'leanix') throw new Error(`the generated policy is not valid: ${JSON.stringify(base.ok ? base.policy.platform : base.errors.slice(0, 3))}`);
  const policy = base.policy;
  // a keystroke: the role being designed gets one more permission, one of them half typed
  const roles = [...policy.roles, { name: 'DRAFT_ROLE', permissions: ['FACT_SHEET_FIELDS:UPDATE:Application:securityVulnerabilityCount', 'FACT_SHEET_FIELDS:UPD'] }];
  const whole = median(() => validatePolicy({ ...policy, roles }));
  const byPart = median(() => validateRolesEdit(policy, roles));
  const a = validatePolicy({ ...policy, roles });
  const b = validateRolesEdit(policy, roles);
  const same = JSON.stringify(a.ok ? [] : a.errors) === JSON.stringify(b.ok ? [] : b.errors);
  console.log(`${n.toLocaleString('en-US').padStart(11)}   ${whole.toFixed(1).padStart(15)}   ${byPart.toFixed(2).padStart(16)}   ${String(b.ok ? 0 : b.errors.length).padStart(6)}   ${same ? 'yes' : 'NO'}`);
}
