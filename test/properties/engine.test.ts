// Properties of the LeanIX evaluator over random small workspaces of format versions 1 and 2.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { validatePolicy } from '../../src/policy/validate';
import { arbAnyLeanixFile, arbAnyOperation, arbPermission, arbTime } from './arbitraries';
import type { Json } from './arbitraries';

const RUNS = { numRuns: 150 };

function policyOf(file: Json): LeanixPolicy {
  const result = validatePolicy(file);
  if (!result.ok) throw new Error(`generated file is invalid:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}\n${JSON.stringify(file)}`);
  return result.policy as LeanixPolicy;
}

/** A workspace with an operation and a time. */
function arbCase(options: Parameters<typeof arbAnyLeanixFile>[0], only?: 'update') {
  return arbAnyLeanixFile(options).chain((file) => fc.record({ file: fc.constant(file), operation: arbAnyOperation(file, only), at: arbTime }));
}

describe('LeanIX evaluation', () => {
  it('generated workspaces are valid files', () => {
    fc.assert(
      fc.property(arbAnyLeanixFile({ maxScenarios: 3 }), (file) => {
        policyOf(file);
      }),
      { ...RUNS, seed: 11 },
    );
  });

  it('(a) ADMIN never breaks a seal, unless it sets /lxState to BROKEN_QUALITY_SEAL itself', () => {
    fc.assert(
      fc.property(arbCase({ admin: true }), ({ file, operation, at }) => {
        const ws = compileLeanix(policyOf(file));
        const outcome = evaluateLeanix(ws, 'admin', operation, Date.parse(at));
        const breaksItself =
          operation.op === 'update' && operation.patches.some((p: Json) => p.path === '/lxState' && p.op !== 'remove' && p.value === 'BROKEN_QUALITY_SEAL');
        if (outcome.sealBroken) {
          expect(outcome.allowed).toBe(true);
          expect(breaksItself).toBe(true);
        }
        // ADMIN holds every grant and is bound by no ACL: only the seal and mandatory rules deny it.
        if (!outcome.allowed) expect(outcome.reasons.some((r) => r.kind === 'rule' || r.kind === 'expiry')).toBe(true);
      }),
      { numRuns: 200, seed: 101 },
    );
  });

  it('(b) adding a grant to a customer role the actor holds never turns allowed into denied', () => {
    const arb = arbCase({ customerRoleHolder: true }).chain((c) =>
      fc.record({
        c: fc.constant(c),
        permission: arbPermission(c.file.factSheetTypes),
        role: fc.constantFrom<string>(...c.file.users[0].customerRoles),
      }),
    );
    fc.assert(
      fc.property(arb, ({ c: { file, operation, at }, permission, role }) => {
        const actor = file.users[0].id as string;
        const before = evaluateLeanix(compileLeanix(policyOf(file)), actor, operation, Date.parse(at));
        const widened = structuredClone(file);
        widened.roles.find((r: Json) => r.name === role).permissions.push(permission);
        const after = evaluateLeanix(compileLeanix(policyOf(widened)), actor, operation, Date.parse(at));
        if (before.allowed) expect(after.allowed).toBe(true);
        // Finer: a denied patch may become allowed, never the reverse.
        for (const path of after.deniedPaths) expect(before.deniedPaths).toContain(path);
      }),
      { ...RUNS, seed: 202 },
    );
  });

  it('(c) evaluation is deterministic', () => {
    fc.assert(
      fc.property(arbCase({ admin: true, customerRoleHolder: true }), ({ file, operation, at }) => {
        const policy = policyOf(file);
        const ws = compileLeanix(policy);
        const other = compileLeanix(policyOf(structuredClone(file)));
        for (const user of policy.users) {
          const first = evaluateLeanix(ws, user.id, operation, Date.parse(at));
          const again = evaluateLeanix(ws, user.id, structuredClone(operation), Date.parse(at));
          const recompiled = evaluateLeanix(other, user.id, operation, Date.parse(at));
          expect(again).toEqual(first);
          expect(recompiled).toEqual(first);
        }
      }),
      { numRuns: 80, seed: 303 },
    );
  });

  it('a denied operation changes nothing and emits nothing', () => {
    fc.assert(
      fc.property(arbCase({ admin: true }), ({ file, operation, at }) => {
        const policy = policyOf(file);
        const ws = compileLeanix(policy);
        for (const user of policy.users) {
          const outcome = evaluateLeanix(ws, user.id, operation, Date.parse(at));
          if (outcome.allowed) continue;
          expect(outcome.events).toEqual([]);
          expect(outcome.sealBroken).toBe(false);
          expect(outcome.notified).toEqual([]);
          expect(outcome.lxStateAfter).toBe(outcome.lxStateBefore);
        }
      }),
      { numRuns: 100, seed: 404 },
    );
  });
});
