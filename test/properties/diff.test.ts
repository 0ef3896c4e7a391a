// The diff gate over random pairs of files of versions 1 and 2: NEW is OLD with one random
// change (a grant, a role, an ACL, an expiry, an access control entity, a subscription, a
// fact sheet's state or values, the type's rules, the settings, the clock, ...). Whenever a
// decision or a scenario flips from denied to allowed, `diffPolicies` reports an addition
// (the CLI's exit 1); the diff is symmetric.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy, Policy } from '../../src/model/schema';
import { decisionsOfUser, diffPolicies } from '../../src/engine/diff';
import type { Capability } from '../../src/engine/diff';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { validatePolicy } from '../../src/policy/validate';
import { arbAnyLeanixFile, arbAnyOperation, arbPermission, arbTime } from './arbitraries';
import type { Json } from './arbitraries';

const ACES = ['SEC', 'OPS', 'FIN'];

/** One change of a file, drawn as numbers and applied to a copy; the result may be invalid (then skipped). */
const arbChange = fc.record({
  kind: fc.constantFrom(
    'grant',
    'clone',
    'customerRoles',
    'standardRole',
    'writeACL',
    'readACL',
    'expiry',
    'ace',
    'subscription',
    'unsubscribe',
    'state',
    'value',
    'mandatory',
    'seal',
    'settings',
    'asOf',
    'relation',
    'exempt',
  ),
  pick: fc.nat({ max: 11 }),
  other: fc.nat({ max: 11 }),
  time: arbTime,
});
type Change = typeof arbChange extends fc.Arbitrary<infer T> ? T : never;

function at<T>(list: readonly T[], i: number): T | undefined {
  return list.length ? list[i % list.length] : undefined;
}

function applyChange(file: Json, change: Change, permission: string): Json {
  const next = structuredClone(file);
  const { pick, other } = change;
  const user = at(next.users as Json[], pick);
  const sheet = at(next.factSheets as Json[], pick);
  const role = at((next.roles ?? []) as Json[], other);
  const type = sheet && (next.factSheetTypes as Json[]).find((t) => t.name === sheet.type);
  switch (change.kind) {
    case 'grant':
      if (role) role.permissions.push(permission);
      break;
    case 'clone':
      if (role) role.cloneFrom = ['MEMBER', 'VIEWER'][pick % 2];
      break;
    case 'customerRoles':
      if (user && next.roles?.length) user.customerRoles = [next.roles[other % next.roles.length].name];
      break;
    case 'standardRole':
      if (user) user.role = ['ADMIN', 'MEMBER', 'VIEWER'][other % 3];
      break;
    case 'writeACL':
      if (sheet) sheet.permittedWriteACL = other % 2 ? [] : [ACES[other % 3]];
      break;
    case 'readACL':
      if (sheet) sheet.permittedReadACL = other % 2 ? [] : [ACES[other % 3]];
      break;
    case 'expiry':
      if (user && user.kind === 'technical') user.expiresAt = other % 3 === 0 ? null : change.time;
      break;
    case 'ace':
      if (user) user.aces = [...new Set([...(user.aces ?? []), ACES[other % 3]])];
      break;
    case 'subscription':
      if (sheet && user) {
        const kind = ['RESPONSIBLE', 'OBSERVER', 'ACCOUNTABLE'][other % 3];
        const rest = (sheet.subscriptions ?? []).filter((s: Json) => s.user !== user.id && !(kind === 'ACCOUNTABLE' && s.type === 'ACCOUNTABLE'));
        sheet.subscriptions = [...rest, { user: user.id, type: kind }];
      }
      break;
    case 'unsubscribe':
      if (sheet) sheet.subscriptions = (sheet.subscriptions ?? []).filter((_: Json, i: number) => i !== other % Math.max(1, (sheet.subscriptions ?? []).length));
      break;
    case 'state':
      if (sheet) {
        sheet.lxState = ['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED'][other % 4];
        sheet.approvedAt = change.time;
      }
      break;
    case 'value':
      if (sheet && type) {
        const fields = ['description', 'alias', ...(type.fields ?? [])];
        sheet.values = { ...(sheet.values ?? {}), [fields[other % fields.length]]: other % 2 ? 'filled' : '' };
      }
      break;
    case 'mandatory':
      if (type) {
        if (next.version === 2) type.mandatory = { fields: [], relations: other % 2 ? [] : (type.mandatory?.relations ?? []), subscriptions: other % 3 ? [] : (type.mandatory?.subscriptions ?? []) };
        else type.mandatory = [];
      }
      break;
    case 'seal':
      if (type) {
        const seal = { ...(type.qualitySeal ?? {}) };
        if (other % 4 === 0) seal.enabled = !seal.enabled;
        if (other % 4 === 1) seal.draft = true;
        if (other % 4 === 2) seal.rejected = true;
        if (other % 4 === 3) {
          if (next.version === 2) seal.renewal = other % 2 ? null : { value: 1 + (pick % 5), unit: 'DAYS' };
          else seal.renewalDays = other % 2 ? null : 1 + (pick % 5);
        }
        type.qualitySeal = seal;
      }
      break;
    case 'settings':
      if (next.version === 2) next.settings = { notifyActor: !!(other & 1), lockMandatoryWhenBroken: !!(other & 2) };
      break;
    case 'asOf':
      next.asOf = change.time;
      break;
    case 'relation':
      if (next.version === 2 && sheet && type?.relations?.length) {
        const relation = type.relations[other % type.relations.length];
        if (other % 2) sheet.relations = { ...(sheet.relations ?? {}), [relation]: other % 4 === 1 ? [] : ['fs0'] };
        else sheet.naFields = [...new Set([...(sheet.naFields ?? []), relation])];
      }
      break;
    case 'exempt':
      if (next.version === 2 && type) type.qualitySeal = { ...(type.qualitySeal ?? {}), ignoreUpdatesForFields: other % 2 ? [] : ['description'] };
      break;
  }
  return next;
}

function read(file: Json): LeanixPolicy | null {
  const result = validatePolicy(file);
  return result.ok ? (result.policy as LeanixPolicy) : null;
}

const arbPair = arbAnyLeanixFile({ maxScenarios: 3, admin: true }).chain((file) =>
  fc.record({
    file: fc.constant(file),
    change: arbChange,
    permission: arbPermission(file.factSheetTypes),
    operations: fc.array(arbAnyOperation(file), { minLength: 1, maxLength: 6 }),
  }),
);

/** Every single-patch question on every fact sheet (as the engine is asked it), and a create per type. */
function everyOperation(policy: LeanixPolicy): Json[] {
  const out: Json[] = policy.factSheetTypes.map((t) => ({ op: 'create', type: t.name, values: { name: 'New' } }));
  const someone = policy.users[0]!.id;
  for (const sheet of policy.factSheets) {
    const type = policy.factSheetTypes.find((t) => t.name === sheet.type)!;
    out.push({ op: 'read', factSheet: sheet.id }, { op: 'archive', factSheet: sheet.id });
    const patches: Json[] = [];
    for (const field of ['name', 'description', 'alias', ...type.fields]) patches.push({ op: 'replace', path: `/${field}`, value: 'x' }, { op: 'remove', path: `/${field}` });
    for (const relation of type.relations) patches.push({ op: 'add', path: `/${relation}`, value: 'fs0' }, { op: 'replace', path: `/${relation}`, value: [] }, { op: 'remove', path: `/${relation}` });
    for (const section of ['tags', 'documents', 'comments']) patches.push({ op: 'add', path: `/${section}`, value: 'x' }, { op: 'remove', path: `/${section}` });
    patches.push({ op: 'add', path: '/subscriptions', value: { user: someone, type: 'OBSERVER' } });
    for (const s of sheet.subscriptions) {
      patches.push({ op: 'remove', path: `/subscriptions/${s.user}` });
      for (const type of ['RESPONSIBLE', 'ACCOUNTABLE', 'OBSERVER']) patches.push({ op: 'add', path: '/subscriptions', value: { user: s.user, type } });
    }
    for (const state of ['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED']) patches.push({ op: 'replace', path: '/lxState', value: state });
    for (const patch of patches) out.push({ op: 'update', factSheet: sheet.id, patches: [patch] });
  }
  return out;
}

/** Users × operations allowed in NEW and denied in OLD, each at its file's `asOf`. */
function flips(oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy, operations: readonly Json[], also?: string): string[] {
  const a = compileLeanix(oldPolicy);
  const b = compileLeanix(newPolicy);
  const out: string[] = [];
  for (const user of newPolicy.users) {
    if (!a.users.has(user.id)) continue;
    for (const operation of [...operations, ...everyOperation(oldPolicy)]) {
      const before = evaluateLeanix(a, user.id, operation, Date.parse(oldPolicy.asOf)).allowed;
      const after = evaluateLeanix(b, user.id, operation, Date.parse(newPolicy.asOf)).allowed;
      if (!before && after) out.push(`${user.id} ${JSON.stringify(operation)}`);
      if (also === undefined) continue;
      const t = Date.parse(also);
      if (!evaluateLeanix(a, user.id, operation, t).allowed && evaluateLeanix(b, user.id, operation, t).allowed) out.push(`${user.id} at ${also} ${JSON.stringify(operation)}`);
    }
  }
  return out;
}

const key = (c: Capability) => JSON.stringify([c.user, c.resource, c.action, c.type, c.qualifier, c.factSheet ?? null, c.cause ?? null]);

describe('the diff gate', () => {
  it('reports an addition whenever a decision or a scenario flips from denied to allowed', () => {
    let flipped = 0;
    // per kind of change: how many pairs were valid, and how many opened access
    const stats: Record<string, [number, number]> = {};
    fc.assert(
      fc.property(arbPair, ({ file, change, permission, operations }) => {
        const oldPolicy = read(file);
        const newPolicy = read(applyChange(file, change, permission));
        const st = (stats[change.kind] ??= [0, 0]);
        fc.pre(oldPolicy !== null && newPolicy !== null);
        st[0]++;
        const d = diffPolicies(oldPolicy!, newPolicy!);
        const decisions = flips(oldPolicy!, newPolicy!, operations, change.time);
        const scenarios = d.scenarioChanges.filter((s) => s.old?.allowed === false && s.new?.allowed === true).map((s) => s.name);
        if (decisions.length || scenarios.length) {
          flipped++;
          st[1]++;
          expect(d.added.length, `${change.kind}: ${[...decisions, ...scenarios].join('\n')}`).toBeGreaterThan(0);
          for (const c of d.added) expect(c.cause).toBeDefined();
        }
      }),
      { numRuns: Number(process.env.GATE_RUNS ?? 400), seed: Number(process.env.GATE_SEED ?? 1313) },
    );
    // the changes open access often, by every kind of change that can
    for (const kind of ['writeACL', 'readACL', 'ace', 'subscription', 'standardRole', 'clone', 'mandatory', 'seal', 'asOf', 'expiry']) expect(stats[kind]?.[1] ?? 0, kind).toBeGreaterThan(0);
    // the changes do open access, often
    expect(flipped).toBeGreaterThan(40);
  }, 600_000);

  it('is symmetric: what diff A B adds, diff B A removes, with the same cause; the same scenarios change', () => {
    fc.assert(
      fc.property(arbPair, ({ file, change, permission }) => {
        const a = read(file);
        const b = read(applyChange(file, change, permission));
        fc.pre(a !== null && b !== null);
        const ab = diffPolicies(a as Policy, b as Policy);
        const ba = diffPolicies(b as Policy, a as Policy);
        expect(ab.added.map(key).sort()).toEqual(ba.removed.map(key).sort());
        expect(ab.removed.map(key).sort()).toEqual(ba.added.map(key).sort());
        expect(ab.scenarioChanges.map((s) => s.name).sort()).toEqual(ba.scenarioChanges.map((s) => s.name).sort());
        for (const s of ab.scenarioChanges) {
          const back = ba.scenarioChanges.find((x) => x.name === s.name)!;
          expect([back.new, back.old]).toEqual([s.old, s.new]);
        }
      }),
      { numRuns: Number(process.env.GATE_RUNS ?? 200), seed: Number(process.env.GATE_SEED ?? 1414) },
    );
  }, 600_000);

  it('asks each question as the decision core answers it, on files of both versions', () => {
    fc.assert(
      fc.property(arbAnyLeanixFile({ admin: true }), (file) => {
        const policy = read(file);
        fc.pre(policy !== null);
        const ws = compileLeanix(policy!);
        const at = Date.parse(policy!.asOf);
        for (const user of policy!.users) {
          for (const sheet of policy!.factSheets) {
            for (const [id, d] of decisionsOfUser(ws, user.id, sheet.id)) {
              const operation = d.kind === 'read' || d.kind === 'archive' ? { op: d.kind, factSheet: sheet.id } : { op: 'update', factSheet: sheet.id, patches: [d.patch] };
              const engine = evaluateLeanix(ws, user.id, operation as Json, at).allowed;
              if (engine !== d.allowed) expect({ user: user.id, sheet: sheet.id, id, allowed: d.allowed }).toEqual({ user: user.id, sheet: sheet.id, id, allowed: engine });
            }
          }
        }
      }),
      { numRuns: 150, seed: 1515 },
    );
  });
});
