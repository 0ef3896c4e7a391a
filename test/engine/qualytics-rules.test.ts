// The Qualytics engine against policy-file.md, rule by rule: every scenario of every
// case file in test/cases/qualytics is one test, titled with the scenario's name
// (each name says the spec rule it proves). Expectations are written from the spec.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Q_ACTION_IDS } from '../../src/model/vocabulary';
import { SPEC_ACTION_IDS, SPEC_LADDER, SPEC_LEVELS, loadDir, scenarioTests } from './qualytics-spec';

const casesDir = fileURLToPath(new URL('../cases/qualytics/', import.meta.url));
const files = loadDir(casesDir);

scenarioTests(files);

describe('the Qualytics case files', () => {
  const policies = files.flatMap((f) => (f.policy ? [{ file: path.basename(f.file), policy: f.policy }] : []));
  const actions = policies.flatMap(({ policy }) => policy.scenarios.flatMap((s) => ('action' in s.operation ? [s.operation] : [])));
  const requests = policies.flatMap(({ policy }) => policy.scenarios.flatMap((s) => ('request' in s.operation ? [s.operation.request] : [])));

  it('the format knows exactly the action ids the spec lists', () => {
    expect([...Q_ACTION_IDS].sort()).toEqual([...SPEC_ACTION_IDS].sort());
  });

  it('every team-table action is tried at each of the five levels and with none', () => {
    const ladder = policies.find((p) => p.file === 'team-ladder.json')?.policy;
    expect(ladder, 'team-ladder.json exists and is valid').toBeDefined();
    const levelOfUser = (id: string): string => {
      const user = ladder!.users.find((u) => u.id === id)!;
      if (user.role !== 'Member') return 'other';
      const teams = ladder!.teams.filter((t) => user.teams.includes(t.name));
      return teams.length === 0 ? 'none' : teams.length === 1 ? teams[0]!.permission : 'other';
    };
    const tried = new Set(
      ladder!.scenarios.flatMap((s) => ('action' in s.operation && typeof s.actor === 'string' ? [`${s.operation.action}@${levelOfUser(s.actor)}`] : [])),
    );
    const missing = Object.values(SPEC_LADDER)
      .flat()
      .flatMap((a) => [...SPEC_LEVELS, 'none'].map((l) => `${a}@${l}`))
      .filter((k) => !tried.has(k));
    expect(missing).toEqual([]);
  });

  it('every action id and every endpoint of the API is exercised', () => {
    expect(SPEC_ACTION_IDS.filter((a) => !actions.some((o) => o.action === a))).toEqual([]);
    const endpoints = ['POST /users', 'PUT /users/', 'DELETE /users/', 'POST /user-tokens', 'GET /user-tokens/service', 'PUT /user-tokens/', 'DELETE /user-tokens/'];
    const hit = (e: string) => requests.some((r) => `${r.method} ${r.path}`.startsWith(e) && (e.endsWith('/') || `${r.method} ${r.path}` === e));
    expect(endpoints.filter((e) => !hit(e))).toEqual([]);
    const withUserId = requests.some((r) => r.path === '/user-tokens' && typeof (r.body as { user_id?: unknown } | undefined)?.user_id === 'string');
    const without = requests.some((r) => r.path === '/user-tokens' && r.method === 'POST' && (r.body as { user_id?: unknown } | undefined)?.user_id === undefined);
    expect([withUserId, without]).toEqual([true, true]);
  });
});
