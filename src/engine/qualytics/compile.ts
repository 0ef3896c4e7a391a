// A Qualytics workspace compiled once for many decisions: users, tokens and teams by
// name, and each user's highest team level per datastore (Public included).
import type { Datastore, QualyticsPolicy, QualyticsUser, Token } from '../../model/schema';
import { PUBLIC_TEAM, TEAM_LEVELS } from '../../model/vocabulary';

export interface CompiledQualytics {
  readonly policy: QualyticsPolicy;
  readonly users: ReadonlyMap<string, QualyticsUser>;
  readonly tokens: ReadonlyMap<string, Token>;
  /** Per user, per datastore: the highest team level and the team that gives it. */
  readonly levels: ReadonlyMap<string, ReadonlyMap<string, { level: number; team: string }>>;
  readonly teams: ReadonlySet<string>;
  /** Each datastore's kind: `source` or `enrichment`. */
  readonly datastoreKinds: ReadonlyMap<string, Datastore['kind']>;
}

export function compileQualytics(policy: QualyticsPolicy): CompiledQualytics {
  const teams = new Map(policy.teams.map((t) => [t.name, t]));
  const levels = new Map<string, Map<string, { level: number; team: string }>>();
  for (const user of policy.users) {
    const mine = new Map<string, { level: number; team: string }>();
    for (const name of new Set([PUBLIC_TEAM, ...user.teams])) {
      const team = teams.get(name);
      if (!team) continue; // Public unlisted: it holds no datastores
      const level = TEAM_LEVELS.indexOf(team.permission);
      for (const ds of team.datastores) {
        const current = mine.get(ds);
        if (!current || current.level < level) mine.set(ds, { level, team: name });
      }
    }
    levels.set(user.id, mine);
  }
  return {
    policy,
    users: new Map(policy.users.map((u) => [u.id, u])),
    tokens: new Map(policy.tokens.map((t) => [t.id, t])),
    levels,
    teams: new Set([PUBLIC_TEAM, ...teams.keys()]),
    datastoreKinds: new Map(policy.datastores.map((d) => [d.id, d.kind])),
  };
}
