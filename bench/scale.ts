// Issue 14's product paths at scale, each from a realistic generated file:
//   bulk    the product's bulk what-if (updatePlanner + judge per fact sheet, as the worker
//           runs it: evaluateUpdateBulk) over 100,000 fact sheets read from the file's text
//           by loadPolicyText, agreement checked against evaluateLeanix on every sheet
//   advise  the role advisor (advise) over 100,000 and 1,000,000 fact sheets
//   diff    diffPolicies at 1,000 and 10,000 roles (as many users, 2,000 fact sheets with
//           subscriptions and ACLs), with role changes and a field added to a type;
//           compiled capability memory at both sizes
// `npx tsx bench/scale.ts [--smoke]` prints them; bench/run.ts calls runScale.
import type { LeanixPolicy } from '../src/model/schema';
import { compileLeanix, roleCaps } from '../src/engine/leanix/compile';
import type { Caps, CompiledLeanix } from '../src/engine/leanix/compile';
import { evaluateUpdateBulk } from '../src/engine/leanix/bulk';
import { advise } from '../src/engine/leanix/advise';
import { diffPolicies } from '../src/engine/diff';
import { loadPolicyText } from '../src/policy/validate';
import { namesPartOf } from '../src/model/patch-path';
import { BULK_ACTOR, BULK_PATCHES, BULK_TYPE, generateRealisticBulk } from './bulk-workload';
import { evaluateEach } from './bulk';
import { now, since } from './clock';
import { FULL, generateWorkload } from './workload';
import { rng } from './prng';

export interface ScaleReport {
  readonly bulk: { factSheets: number; fileBytes: number; parseMs: number; compileMs: number; ms: number; wallMs: number; evaluateLeanixMs: number; allowed: number; sealsBroken: number; agree: boolean };
  readonly advise: { sizes: { factSheets: number; ms: number; wallMs: number; recommended: string }[] };
  readonly diff: { sizes: { roles: number; users: number; factSheets: number; types: number; ms: number; wallMs: number; added: number; removed: number; rolesAdded: number; rolesRemoved: number; capsBytesOld: number; capsBytesNew: number; capsSets: number }[] };
}

function best<T>(runs: number, fn: () => T): { value: T; ms: number; wallMs: number } {
  let value!: T;
  let ms = Infinity;
  let wallMs = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const t = now();
    value = fn();
    const d = since(t);
    ms = Math.min(ms, d.cpu);
    wallMs = Math.min(wallMs, d.wall);
  }
  return { value, ms, wallMs };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The realistic file as text, read back through the product's parse path (JSON, schema, references). */
function parsed(n: number): { policy: LeanixPolicy; bytes: number; parseMs: number } {
  const text = JSON.stringify(generateRealisticBulk(n).policy);
  const t = now();
  const result = loadPolicyText(text);
  const parseMs = since(t).cpu;
  if (!result.ok) throw new Error(`the generated file does not validate: ${JSON.stringify(result.errors.slice(0, 3))}`);
  if (result.policy.platform !== 'leanix') throw new Error('not a leanix file');
  return { policy: result.policy, bytes: text.length, parseMs };
}

export function runBulkProduct(n: number, runs: number): ScaleReport['bulk'] {
  const { policy, bytes, parseMs } = parsed(n);
  let t = now();
  const ws = compileLeanix(policy);
  const compileMs = since(t).cpu;
  const at = Date.parse(policy.asOf);
  const type = ws.types.get(BULK_TYPE)!;
  // the worker's selection: fact sheets of the asked types whose paths the type has
  const sheets = policy.factSheets.filter((f) => f.type === BULK_TYPE && BULK_PATCHES.every((p) => namesPartOf(type.type, p.path)));
  const b = best(runs, () => evaluateUpdateBulk(ws, BULK_ACTOR, BULK_PATCHES, sheets, at));
  gc();
  t = now();
  const each = evaluateEach(ws, { policy, sheets, actorId: BULK_ACTOR, patches: BULK_PATCHES, at }, 0, sheets.length);
  const evaluateLeanixMs = since(t).cpu;
  const r = b.value;
  const agree = each.allowed === r.allowed && each.sealsBroken === r.sealsBroken && each.notifications === r.notifications;
  return { factSheets: sheets.length, fileBytes: bytes, parseMs, compileMs, ms: b.ms, wallMs: b.wallMs, evaluateLeanixMs, allowed: r.allowed, sealsBroken: r.sealsBroken, agree };
}

export function runAdviseAt(n: number, runs: number): ScaleReport['advise']['sizes'][number] {
  // 1,000,000 fact sheets are generated as objects (the text would be ~400 MB); 100,000 go through the text
  const policy = n <= 200_000 ? parsed(n).policy : generateRealisticBulk(n).policy;
  const question = { actor: BULK_ACTOR, type: BULK_TYPE, paths: BULK_PATCHES.map((p) => p.path), at: Date.parse(policy.asOf) };
  const a = best(runs, () => advise(policy, question));
  return { factSheets: n, ms: a.ms, wallMs: a.wallMs, recommended: a.value.recommended };
}

/** A diff workload: `roles` roles and as many users, 2,000 fact sheets with subscriptions and ACLs. */
export function diffFiles(roles: number, smoke = false): { old: LeanixPolicy; changed: LeanixPolicy } {
  const base = generateWorkload({ ...FULL, seed: 0xd1ff, types: smoke ? 5 : 20, fieldsPerType: smoke ? 8 : 30, roles, users: roles, plainUsers: 30, requests: 1 }).policy;
  const r = rng(0xd1ff + roles);
  const sheets = smoke ? 200 : 2_000;
  const entities = ['SECURITY', 'FINANCE'];
  const factSheets = Array.from({ length: sheets }, (_, i) => {
    const type = base.factSheetTypes[i % base.factSheetTypes.length]!;
    const x = r.next();
    return {
      id: `fs-${i}`,
      type: type.name,
      name: `Fact sheet ${i}`,
      lxState: x < 0.6 ? ('APPROVED' as const) : x < 0.8 ? ('BROKEN_QUALITY_SEAL' as const) : ('DRAFT' as const),
      approvedAt: x < 0.6 ? new Date(Date.parse(base.asOf) - (1 + r.int(300)) * 86_400_000).toISOString() : null,
      subscriptions: [...new Set(Array.from({ length: r.int(3) }, () => base.users[r.int(base.users.length)]!.id))].map((user) => ({ user, type: r.pick(['RESPONSIBLE', 'OBSERVER'] as const), roles: [] })),
      permittedReadACL: r.chance(0.05) ? [r.pick(entities)] : [],
      permittedWriteACL: r.chance(0.2) ? [r.pick(entities)] : [],
      values: { description: `Fact sheet ${i}`, [type.fields[0]!]: 'set' },
      relations: {},
      naFields: [],
    };
  });
  const old: LeanixPolicy = { ...base, factSheets };
  const typeIndex = 3 % base.factSheetTypes.length;
  const changed: LeanixPolicy = {
    ...old,
    // a field added to a type (its cells are new in every role set)
    factSheetTypes: old.factSheetTypes.map((t, i) => (i === typeIndex ? { ...t, fields: [...t.fields, 'addedField'] } : t)),
    roles: old.roles.map((role, i) =>
      i === 0
        ? { ...role, permissions: [...role.permissions, 'FACT_SHEET_BASE_FIELDS:UPDATE:*:lxState'] }
        : i === 1
          ? { ...role, permissions: role.permissions.slice(1) }
          : i === 2
            ? { ...role, permissions: [...role.permissions, `FACT_SHEET_FIELDS:UPDATE:${old.factSheetTypes[typeIndex]!.name}:addedField`] }
            : role,
    ),
    // one user changes role set
    users: old.users.map((u, i) => (i === old.users.length - 1 && u.customerRoles.length ? { ...u, customerRoles: [old.roles[0]!.name] } : u)),
  };
  return { old, changed };
}

/** Bytes the compiled caps of a workspace hold: per distinct role set and per customer role, its arrays and map entries (16 bytes an entry, V8's ordered hash table). */
export function capsBytes(ws: CompiledLeanix): { bytes: number; sets: number } {
  const seen = new Set<Caps>();
  for (const u of ws.users.values()) seen.add(u.caps);
  for (const role of ws.policy.roles) {
    const c = roleCaps(ws, role.name);
    if (c) seen.add(c);
  }
  let bytes = 0;
  for (const c of seen) bytes += c.any.length + 16 * ((c.byType?.size ?? 0) + (c.byName?.size ?? 0) + (c.cells?.size ?? 0));
  return { bytes, sets: seen.size };
}

export function runDiffAt(roles: number, runs: number, smoke = false): ScaleReport['diff']['sizes'][number] {
  const { old, changed } = diffFiles(roles, smoke);
  const d = best(runs, () => diffPolicies(old, changed));
  const co = capsBytes(compileLeanix(old));
  const cn = capsBytes(compileLeanix(changed));
  return {
    roles,
    users: old.users.length,
    factSheets: old.factSheets.length,
    types: old.factSheetTypes.length,
    ms: d.ms,
    wallMs: d.wallMs,
    added: d.value.added.length,
    removed: d.value.removed.length,
    rolesAdded: d.value.rolesAdded?.length ?? 0,
    rolesRemoved: d.value.rolesRemoved?.length ?? 0,
    capsBytesOld: co.bytes,
    capsBytesNew: cn.bytes,
    capsSets: co.sets,
  };
}

export function runScale(options: { smoke: boolean; log?: (line: string) => void }): ScaleReport {
  const log = options.log ?? (() => {});
  const smoke = options.smoke;
  const bulk = runBulkProduct(smoke ? 5_000 : 100_000, smoke ? 1 : 5);
  log(`  bulk (product, parsed file) ${bulk.factSheets.toLocaleString('en-US')} fact sheets: ${bulk.ms.toFixed(1)} CPU ms, evaluateLeanix ${bulk.evaluateLeanixMs.toFixed(1)} ms${bulk.agree ? '' : ' DISAGREE'}`);
  const adviseSizes = (smoke ? [2_000, 20_000] : [100_000, 1_000_000]).map((n, i) => {
    const row = runAdviseAt(n, smoke || i > 0 ? 1 : 3);
    log(`  advise ${n.toLocaleString('en-US')} fact sheets: ${row.ms.toFixed(0)} CPU ms (${row.wallMs.toFixed(0)} wall)`);
    gc();
    return row;
  });
  const diffSizes = (smoke ? [50, 500] : [1_000, 10_000]).map((n) => {
    const row = runDiffAt(n, smoke ? 1 : 2, smoke);
    log(`  diff ${n.toLocaleString('en-US')} roles: ${row.ms.toFixed(0)} CPU ms (${row.wallMs.toFixed(0)} wall), caps ${(row.capsBytesNew / 1024).toFixed(0)} KiB`);
    gc();
    return row;
  });
  return { bulk, advise: { sizes: adviseSizes }, diff: { sizes: diffSizes } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const log = (l: string) => console.log(l);
  if (only === 'advise') for (const n of [100_000, 1_000_000]) log(JSON.stringify(runAdviseAt(n, 1)));
  else if (only === 'diff') for (const n of [1_000, 10_000]) log(JSON.stringify(runDiffAt(n, 1)));
  else if (only === 'bulk') log(JSON.stringify(runBulkProduct(100_000, 3)));
  else console.log(JSON.stringify(runScale({ smoke, log }), null, 2));
}
