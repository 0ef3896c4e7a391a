// The LeanIX engine against policy-file.md, rule by rule. The rules live as data in
// test/cases/leanix/*.json (one file per feature, each a complete policy file whose
// expectations were derived by hand from the spec); this file runs every scenario as
// its own test, titled with the rule it proves. The LeanIX example files
// (examples/leanix-*.json) run the same way. Below the scenarios: checks that the
// reasons name what a role designer needs, and that suggested fixes really flip the
// decision once applied to the file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, runScenario } from '../../src/engine/scenarios';
import type { ScenarioResult } from '../../src/engine/scenarios';
import type { LeanixPolicy } from '../../src/model/schema';
import { validatePolicy } from '../../src/policy/validate';

const root = fileURLToPath(new URL('../../', import.meta.url));
const casesDir = path.join(root, 'test', 'cases', 'leanix');
const examplesDir = path.join(root, 'examples');

/** The seven LeanIX expectation keys; every case scenario states all of them. */
const EXPECT_KEYS = ['allowed', 'deniedPaths', 'lxStateBefore', 'lxStateAfter', 'sealBroken', 'notified', 'events'];

// Raw JSON shapes, just enough to read and rewrite the files.
interface RawUser { id: string; role: string; customerRoles?: string[]; aces?: string[] }
interface RawRole { name: string; cloneFrom?: string; permissions: string[] }
interface RawSheet { id: string; subscriptions?: { user: string; type: string }[]; permittedWriteACL?: string[]; permittedReadACL?: string[] }
interface RawScenario { name: string; actor: string; operation: { op: string; factSheet?: string }; expect: Record<string, unknown> }
interface RawPolicy { settings?: { notifyActor?: boolean }; users: RawUser[]; roles?: RawRole[]; factSheets: RawSheet[]; scenarios: RawScenario[] }

interface LoadedFile {
  readonly file: string;
  readonly kind: 'case' | 'example';
  readonly raw: RawPolicy;
  readonly errors: string[];
  readonly results: ReadonlyMap<string, ScenarioResult>;
}

function load(dir: string, file: string, kind: LoadedFile['kind']): LoadedFile {
  const raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as RawPolicy;
  const valid = validatePolicy(raw);
  if (!valid.ok) return { file, kind, raw, errors: valid.errors.map((e) => `${e.path}: ${e.message}`), results: new Map() };
  const compiled = compile(valid.policy);
  const results = new Map(valid.policy.scenarios.map((s) => [s.name, runScenario(compiled, s)]));
  return { file, kind, raw, errors: [], results };
}

const caseFiles = readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();
const exampleFiles = readdirSync(examplesDir).filter((f) => /^leanix-.*\.json$/.test(f)).sort();
const loaded: LoadedFile[] = [
  ...caseFiles.map((f) => load(casesDir, f, 'case')),
  ...exampleFiles.map((f) => load(examplesDir, f, 'example')),
];

function explain(result: ScenarioResult): string {
  const lines = result.mismatches.map((m) => `  ${m.key}: expected ${JSON.stringify(m.expected)}, actual ${JSON.stringify(m.actual)}`);
  return [`"${result.name}" failed:`, ...lines, '  reasons:', ...result.reasons.map((r) => `    [${r.kind}] ${r.text}`)].join('\n');
}

// ---------------------------------------------------------------- the files themselves

describe('LeanIX rule cases: the files', () => {
  it('finds the case files and the example', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(8);
    expect(exampleFiles).toContain('leanix-vuln-sync.json');
    const total = loaded.reduce((n, f) => n + f.raw.scenarios.length, 0);
    expect(total).toBeGreaterThan(150);
  });

  for (const f of loaded) {
    it(`${f.file} is a valid LeanIX policy file`, () => {
      expect(f.errors).toEqual([]);
      expect((f.raw as unknown as LeanixPolicy).platform).toBe('leanix');
      expect(f.results.size).toBe(f.raw.scenarios.length);
    });
  }

  it('scenario names are unique across all files', () => {
    const names = loaded.flatMap((f) => f.raw.scenarios.map((s) => s.name));
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated).toEqual([]);
  });
});

// ---------------------------------------------------------------- one test per scenario

for (const f of loaded) {
  describe(`${f.kind === 'case' ? 'test/cases/leanix' : 'examples'}/${f.file}`, () => {
    for (const scenario of f.raw.scenarios) {
      it(scenario.name, () => {
        expect(f.errors, 'the file must be valid').toEqual([]);
        if (f.kind === 'case') {
          expect(scenario.name.startsWith('rule: '), 'a case names the rule it proves').toBe(true);
          expect(Object.keys(scenario.expect).sort(), 'a case states every expectation key').toEqual([...EXPECT_KEYS].sort());
        }
        const result = f.results.get(scenario.name)!;
        expect(result.mismatches, explain(result)).toEqual([]);
        expect(result.passed).toBe(true);
        expect(result.reasons.length, 'every outcome carries its reasons').toBeGreaterThan(0);
        for (const reason of result.reasons) expect(reason.text.trim()).not.toBe('');
        const notified = result.actual.notified as string[];
        expect(new Set(notified).size, 'notified has no duplicates').toBe(notified.length);
        // the actor is never notified, unless the file's settings.notifyActor says so
        if (notified.length && !f.raw.settings?.notifyActor) expect(notified).not.toContain(scenario.actor);
      });
    }
  });
}

// ---------------------------------------------------------------- reasons

function resultOf(name: string): ScenarioResult {
  for (const f of loaded) {
    const result = f.results.get(name);
    if (result) return result;
  }
  throw new Error(`no scenario named "${name}"`);
}

/** The reason texts of a scenario that mention every one of `words`. */
function reasonsMentioning(name: string, ...words: string[]): string[] {
  return resultOf(name)
    .reasons.map((r) => r.text)
    .filter((text) => words.every((w) => text.includes(w)));
}

describe('LeanIX reasons name what a role designer needs', () => {
  it('a grant: the customer role and the permission string', () => {
    const texts = reasonsMentioning('rule: a customer role grants the attribute its qualifier names', 'ATTR_LIFECYCLE', 'FACT_SHEET_FIELDS:UPDATE:Application:lifecycle');
    expect(texts).toHaveLength(1);
  });

  it('a missing grant: the roles held and the permission string needed', () => {
    const name = "rule: customer roles replace the standard role — a MEMBER with a narrow customer role loses MEMBER's base fields";
    expect(reasonsMentioning(name, 'ATTR_LIFECYCLE', 'FACT_SHEET_BASE_FIELDS:UPDATE:Application:description')).toHaveLength(1);
  });

  it('a missing create grant names the permission string needed', () => {
    const name = 'rule: create needs CREATE on FACT_SHEET for that type — a grant on another type does not cover it';
    expect(reasonsMentioning(name, 'CREATE_APP', 'SealDraft')).not.toHaveLength(0);
    expect(resultOf(name).fixes.map((f) => (f.kind === 'grant' ? f.permission : null))).toContain('FACT_SHEET:CREATE:SealDraft:*');
  });

  it('a break: "no seal permission", the seal rule, and who is notified', () => {
    const name = 'rule: a technical user with a narrow customer role breaks the seal on its one attribute';
    expect(reasonsMentioning(name, 'tech-attrs', 'no seal permission')).toHaveLength(1);
    expect(reasonsMentioning(name, '/cveCount', 'breaks')).toHaveLength(1);
    expect(reasonsMentioning(name, 'resp-member', 'acc-member', 'notified')).toHaveLength(1);
  });

  it('a break by a VIEWER subscriber says why its subscription does not count', () => {
    const name = 'rule: a RESPONSIBLE subscriber whose standard role is VIEWER does not count — its customer-role edit breaks the seal, the actor is not notified';
    expect(reasonsMentioning(name, 'no seal permission', 'RESPONSIBLE', 'VIEWER')).toHaveLength(1);
  });

  it('a kept seal: where the seal permission comes from', () => {
    expect(
      reasonsMentioning('rule: an UPDATE grant on FACT_SHEET_BASE_FIELDS:*:* (the community role) is the seal permission', 'SEAL_STAR', 'FACT_SHEET_BASE_FIELDS:READ,UPDATE,CREATE,DELETE:*:*'),
    ).not.toHaveLength(0);
    expect(
      reasonsMentioning('rule: the RESPONSIBLE subscriber with standard role MEMBER holds the seal permission — its edit keeps the seal', 'RESPONSIBLE', 'MEMBER'),
    ).not.toHaveLength(0);
    expect(reasonsMentioning('rule: ADMIN edits never break the seal', 'ADMIN')).not.toHaveLength(0);
  });

  it('a write-ACL denial: the entities of the ACL and those the user holds', () => {
    const name = 'rule: a non-empty write ACL denies a user holding none of its entities — deniedPaths lists every patch path';
    expect(reasonsMentioning(name, 'FINANCE_DEPT', 'CONTROLLING', 'HR')).toHaveLength(1);
  });

  it('a read-ACL denial: the entities of the read ACL', () => {
    const name = 'rule: read checks the read ACL, not the write ACL — a write-ACL entity does not let a user read';
    expect(reasonsMentioning(name, 'FINANCE_DEPT', 'CONTROLLING')).toHaveLength(1);
  });

  it('an expiry: the technical user and its expiry', () => {
    const name = 'rule: a technical user whose expiresAt equals at is expired (not after at)';
    expect(reasonsMentioning(name, 'tech-exact', 'expired', '2026-11-24')).toHaveLength(1);
  });

  it('the clock: the renewal interval that expired the seal', () => {
    const name = "rule: the clock's expiry emits no event and notifies no one — a read sees the expired seal";
    expect(reasonsMentioning(name, '30 days', '2026-10-25')).toHaveLength(1);
  });

  it('the emptying rule: the mandatory field, and that ADMIN is bound too', () => {
    const name = 'rule: on an APPROVED fact sheet remove of a mandatory attribute is denied — even for ADMIN';
    expect(reasonsMentioning(name, '/lifecycle', 'mandatory', 'ADMIN')).toHaveLength(1);
  });

  it('the approval rule: the mandatory field that is empty', () => {
    const name = 'rule: approval needs every mandatory field filled — a missing mandatory attribute denies it, even for ADMIN';
    expect(reasonsMentioning(name, 'mandatory', 'lifecycle')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- fixes

function fileOf(name: string): LoadedFile {
  const f = loaded.find((file) => file.raw.scenarios.some((s) => s.name === name));
  if (!f) throw new Error(`no scenario named "${name}"`);
  return f;
}

/** Re-runs one scenario on a changed copy of its file; the changed file must still be valid. */
function rerun(name: string, change: (raw: RawPolicy, scenario: RawScenario) => void): ScenarioResult {
  const raw = structuredClone(fileOf(name).raw);
  const scenario = raw.scenarios.find((s) => s.name === name)!;
  change(raw, scenario);
  raw.scenarios = [scenario];
  const valid = validatePolicy(raw);
  if (!valid.ok) throw new Error(`changed file is invalid: ${valid.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return runScenario(compile(valid.policy), valid.policy.scenarios[0]!);
}

/** Adds a permission to the actor's (first) customer role; an actor without one gets a clone of its standard role. */
function grant(raw: RawPolicy, actorId: string, permission: string): void {
  const user = raw.users.find((u) => u.id === actorId)!;
  raw.roles ??= [];
  if (user.customerRoles?.length) {
    raw.roles.find((r) => r.name === user.customerRoles![0])!.permissions.push(permission);
    return;
  }
  raw.roles.push({ name: 'FIX_ROLE', cloneFrom: user.role, permissions: [permission] });
  user.customerRoles = ['FIX_ROLE'];
}

function grantFixes(name: string): string[] {
  const permissions = resultOf(name).fixes.flatMap((f) => (f.kind === 'grant' ? [f.permission] : []));
  return [...new Set(permissions)];
}

describe('LeanIX fixes flip the decision once applied', () => {
  const denials = [
    "rule: customer roles replace the standard role — a MEMBER with a narrow customer role loses MEMBER's base fields",
    'rule: cloneFrom chains grant nothing no ancestor grants',
    'rule: QUALIFIER per resource — an attribute wildcard grants no base field and no relation',
    'rule: QUALIFIER per resource — a named relation grants that relation and no other',
    'rule: built-in VIEWER cannot update an attribute',
    "rule: cloneFrom MEMBER inherits MEMBER's gap on lxState",
    'rule: replace on the seven sections is not covered by CREATE',
    'rule: base fields and attributes need UPDATE for every patch op — CREATE and DELETE grants cover no add or remove there',
    'rule: an /lxState patch needs the seal permission — a MEMBER who is no subscriber is denied',
    'rule: create needs CREATE on FACT_SHEET for that type — a grant on another type does not cover it',
    'rule: archive needs DELETE on FACT_SHEET — CREATE does not archive',
    'rule: read needs READ on FACT_SHEET — READ on every field does not give it',
    'restricted role: the set-it-back workaround fails, the sync holds no seal permission',
  ];
  for (const name of denials) {
    it(`the suggested permission strings allow: ${name}`, () => {
      const actor = fileOf(name).raw.scenarios.find((s) => s.name === name)!.actor;
      expect(resultOf(name).actual.allowed).toBe(false);
      expect(rerun(name, () => {}).actual.allowed, 'control: the unchanged file still denies').toBe(false);
      const permissions = grantFixes(name);
      expect(permissions.length).toBeGreaterThan(0);
      const after = rerun(name, (raw) => permissions.forEach((p) => grant(raw, actor, p)));
      expect(after.actual.allowed, explain(after)).toBe(true);
      expect(after.actual.deniedPaths).toEqual([]);
    });
  }

  it('the seal-permission fix keeps the seal the narrow role broke', () => {
    const name = 'rule: a technical user with a narrow customer role breaks the seal on its one attribute';
    expect(resultOf(name).actual.sealBroken).toBe(true);
    const permissions = grantFixes(name);
    expect(permissions).toEqual(['FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState']);
    const after = rerun(name, (raw) => grant(raw, 'tech-attrs', permissions[0]!));
    expect(after.actual).toMatchObject({ allowed: true, sealBroken: false, lxStateAfter: 'APPROVED', notified: [], events: ['FACT_SHEET_UPDATED'] });
  });

  it('the subscription fix keeps the seal the sync broke', () => {
    const name = 'restricted role: the weekly sync breaks the CRM seal and notifies its owners';
    const fix = resultOf(name).fixes.find((f) => f.kind === 'subscription');
    expect(fix?.text).toContain('RESPONSIBLE');
    const after = rerun(name, (raw, s) => raw.factSheets.find((f) => f.id === s.operation.factSheet)!.subscriptions!.push({ user: s.actor, type: 'RESPONSIBLE' }));
    expect(after.actual).toMatchObject({ allowed: true, sealBroken: false, lxStateAfter: 'APPROVED' });
  });

  it('the ACL fix: one entity of the write ACL lets the update through', () => {
    const name = 'rule: a non-empty write ACL denies a user holding none of its entities — deniedPaths lists every patch path';
    const fix = resultOf(name).fixes.find((f) => f.kind === 'ace');
    expect(fix?.text).toContain('FINANCE_DEPT');
    expect(fix?.kind === 'ace' && fix.aces).toContain('CONTROLLING');
    expect(fix && 'permission' in fix).toBe(false);
    const after = rerun(name, (raw) => raw.users.find((u) => u.id === 'hr-member')!.aces!.push('CONTROLLING'));
    expect(after.actual.allowed, explain(after)).toBe(true);
  });

  it('no grant is suggested where no grant can help (emptying a mandatory field as ADMIN, a disabled state)', () => {
    expect(grantFixes('rule: on an APPROVED fact sheet remove of a mandatory attribute is denied — even for ADMIN')).toEqual([]);
    expect(grantFixes('rule: DRAFT is denied where the type has not enabled it')).toEqual([]);
    expect(grantFixes('rule: any /lxState patch on a type whose seal is disabled is denied, even for ADMIN')).toEqual([]);
  });
});
