// Shared by the Qualytics rule and example tests: loads policy files, turns each
// scenario into one vitest test, and knows, from policy-file.md alone (not from the
// engine's vocabulary), which role, team or level must be named in the reasons.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QualyticsPolicy, QualyticsScenario } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';
import { compile, runScenario } from '../../src/engine/scenarios';

// ---------------------------------------------------------------- the spec's tables

/** "Qualytics operations": the lowest team level each datastore action needs. */
export const SPEC_LEVELS = ['Reporter', 'Viewer', 'Drafter', 'Author', 'Editor'] as const;
export type SpecLevel = (typeof SPEC_LEVELS)[number];
export const SPEC_LADDER: Record<SpecLevel, readonly string[]> = {
  Reporter: ['datastore.view'],
  Viewer: ['datastore.preview', 'anomaly.sourceRecords.view', 'anomaly.comment', 'tag.assign'],
  Drafter: ['check.create', 'check.draft', 'tag.manage', 'check.dryRun'],
  Author: ['check.activate', 'check.validate', 'check.metadata.edit', 'anomaly.status.change'],
  Editor: ['datastore.settings.edit', 'computedAsset.manage', 'operation.run', 'operation.schedule', 'profile.delete', 'datastore.group.assign'],
};
/** "Role only": the role each of these needs; every table action needs Member. */
export const SPEC_ROLE_ONLY: Record<string, 'Manager' | 'Admin'> = {
  'datastore.create': 'Manager',
  'connection.manage': 'Manager',
  'datastore.delete': 'Admin',
};
export const SPEC_ACTION_IDS = [...Object.values(SPEC_LADDER).flat(), ...Object.keys(SPEC_ROLE_ONLY)];
const ROLES = ['Member', 'Manager', 'Admin'];

function levelOf(action: string): number {
  return SPEC_LEVELS.findIndex((l) => SPEC_LADDER[l].includes(action));
}

// ---------------------------------------------------------------- loading

export interface LoadedFile {
  readonly file: string;
  readonly policy: QualyticsPolicy | null;
  readonly errors: string[];
}

export function loadDir(dir: string, pattern: RegExp = /\.json$/): LoadedFile[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => loadFile(path.join(dir, f)));
}

export function loadFile(file: string): LoadedFile {
  const result = loadPolicyText(readFileSync(file, 'utf8'));
  if (!result.ok) return { file, policy: null, errors: result.errors.map((e) => `${e.path}: ${e.message}`) };
  if (result.policy.platform !== 'qualytics') return { file, policy: null, errors: ['platform: expected qualytics'] };
  return { file, policy: result.policy, errors: [] };
}

// ---------------------------------------------------------------- what the reasons must name

/**
 * Groups of words the reasons must contain: every group must be
 * matched by at least one of its alternatives. Derived from the scenario's expected
 * status and the spec's order of checks: the check that decided must be named.
 */
export function decidingWords(policy: QualyticsPolicy, scenario: QualyticsScenario): string[][] {
  const at = Date.parse(scenario.at ?? policy.asOf);
  const users = new Map(policy.users.map((u) => [u.id, u]));
  let userId: string;
  if (typeof scenario.actor === 'string') userId = scenario.actor;
  else {
    const token = policy.tokens.find((t) => t.id === (scenario.actor as { token: string }).token)!;
    userId = token.user;
    if (token.state === 'Revoked') return [['revoked'], [token.name, token.id]];
    if (token.state === 'Expired' || (token.expiresAt !== null && Date.parse(token.expiresAt) <= at)) return [['expire'], [token.name, token.id]];
  }
  const user = users.get(userId)!;
  if (!user.active) return [[user.id], ['deactivated', 'inactive']];
  const status = scenario.expect.status;
  const op = scenario.operation;

  if ('action' in op) {
    const needRole = SPEC_ROLE_ONLY[op.action] ?? 'Member';
    if (ROLES.indexOf(user.role) < ROLES.indexOf(needRole)) return [[needRole], [user.role]];
    if (op.action in SPEC_ROLE_ONLY) return [[user.role]];
    if (user.role === 'Admin') return [['Admin']];
    const need = levelOf(op.action);
    let held = -1;
    let by: string[] = [];
    for (const team of policy.teams) {
      if (team.name !== 'Public' && !user.teams.includes(team.name)) continue;
      if (!team.datastores.includes(op.datastore!)) continue;
      const level = SPEC_LEVELS.indexOf(team.permission);
      if (level > held) [held, by] = [level, [team.name]];
      else if (level === held) by.push(team.name);
    }
    if (held < 0) return [[SPEC_LEVELS[need]!], [op.datastore!]];
    if (held < need) return [[SPEC_LEVELS[held]!], [SPEC_LEVELS[need]!], by];
    return [[SPEC_LEVELS[held]!], by];
  }

  const { method, path: p, body } = op.request;
  const b = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const adminOnly =
    (method === 'POST' && p === '/users') ||
    p.startsWith('/users/') ||
    (method === 'GET' && p === '/user-tokens/service') ||
    (method === 'POST' && p === '/user-tokens' && b.user_id !== undefined && b.user_id !== null);
  if (adminOnly) return status === 403 ? [['Admin'], [user.role]] : [['Admin']];
  if (method === 'POST') return [[user.id]]; // a personal token: the caller itself
  const id = decodeURIComponent(p.slice('/user-tokens/'.length));
  const token = policy.tokens.find((t) => t.id === id);
  if (!token) return [[id]];
  if (token.kind === 'service') return status === 403 ? [['Admin'], [user.role]] : [['Admin']];
  return [[token.user]];
}

// ---------------------------------------------------------------- tests

/** One vitest test per scenario of each file, titled with the scenario's name. */
export function scenarioTests(files: readonly LoadedFile[]): void {
  for (const loaded of files) {
    describe(path.basename(loaded.file), () => {
      if (!loaded.policy) {
        it('is a valid Qualytics policy file', () => expect(loaded.errors).toEqual([]));
        return;
      }
      const policy = loaded.policy;
      const compiled = compile(policy);
      for (const scenario of policy.scenarios) {
        it(scenario.name, () => {
          const { allowed, status } = scenario.expect;
          expect(status, 'every case states the status it expects').toBeTypeOf('number');
          expect(allowed, 'every case states whether it is allowed').toBeTypeOf('boolean');
          expect(allowed, 'the case is consistent: allowed exactly when the status is 2xx').toBe(status! >= 200 && status! < 300);

          const result = runScenario(compiled, scenario);
          const shown = result.mismatches.map((m) => `${m.key}: expected ${JSON.stringify(m.expected)}, actual ${JSON.stringify(m.actual)}`);
          expect(shown, `mismatches; reasons: ${result.reasons.map((r) => r.text).join(' | ')}`).toEqual([]);
          expect(result.passed).toBe(true);

          expect(result.reasons.length, 'reasons are given').toBeGreaterThan(0);
          // Names (roles, levels, teams, ids) must appear as written, so that a user id
          // like `admin` cannot stand in for the role Admin; lower-case words
          // (revoked, expire, ...) may appear in any case.
          const text = result.reasons.map((r) => r.text).join('\n');
          const found = (word: string) => (word === word.toLowerCase() ? text.toLowerCase().includes(word) : text.includes(word));
          for (const group of decidingWords(policy, scenario)) {
            expect(
              group.some(found),
              `the reasons name ${group.map((w) => `"${w}"`).join(' or ')}; they say: ${text}`,
            ).toBe(true);
          }
        });
      }
    });
  }
}
