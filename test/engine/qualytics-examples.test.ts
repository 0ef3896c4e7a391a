// The Qualytics examples shipped with the product (examples/qualytics-*.json): every
// scenario is one test; the service-user example must cover both permission tables
// of domain.md section 3 with service users acting through their tokens.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPEC_LADDER, SPEC_LEVELS, loadDir, scenarioTests } from './qualytics-spec';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = loadDir(examplesDir, /^qualytics-.*\.json$/);

scenarioTests(files);

describe('examples/qualytics-service-users.json', () => {
  const policy = files.find((f) => f.file.endsWith('qualytics-service-users.json'))?.policy;

  it('is present and valid', () => expect(policy).toBeTruthy());

  it('has every cell of the action × team-level table, acted by a service user through a token', () => {
    const cells = new Set<string>();
    for (const s of policy!.scenarios) {
      const op = s.operation;
      if (!('action' in op) || typeof s.actor === 'string') continue;
      const token = policy!.tokens.find((t) => t.id === (s.actor as { token: string }).token)!;
      const user = policy!.users.find((u) => u.id === token.user)!;
      const teams = policy!.teams.filter((t) => user.teams.includes(t.name) && t.datastores.includes(op.datastore!));
      if (user.kind !== 'service' || user.role !== 'Member' || teams.length !== 1) continue;
      cells.add(`${op.action}@${teams[0]!.permission}`);
    }
    const missing = Object.values(SPEC_LADDER)
      .flat()
      .flatMap((a) => SPEC_LEVELS.map((l) => `${a}@${l}`))
      .filter((c) => !cells.has(c));
    expect(missing).toEqual([]);
  });

  it('has every row of the Admin-only API table, allowed for an Admin service user and refused to others', () => {
    const rows = ['POST /users', 'PUT /users/', 'DELETE /users/', 'POST /user-tokens+user_id', 'GET /user-tokens/service'];
    const seen = new Map<string, Set<number>>();
    for (const s of policy!.scenarios) {
      if (!('request' in s.operation) || typeof s.actor === 'string') continue;
      const { method, path, body } = s.operation.request;
      const withId = typeof (body as { user_id?: unknown } | undefined)?.user_id === 'string' ? '+user_id' : '';
      const key = rows.find((r) => `${method} ${path}${withId}`.startsWith(r) && (r.endsWith('/') || `${method} ${path}${withId}` === r));
      if (key) (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(s.expect.status!);
    }
    for (const row of rows) {
      const statuses = [...(seen.get(row) ?? [])];
      expect(statuses.some((st) => st < 300), `${row} is allowed somewhere`).toBe(true);
      expect(statuses.includes(403), `${row} is refused somewhere`).toBe(true);
    }
  });
});
