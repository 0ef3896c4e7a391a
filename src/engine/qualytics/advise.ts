// The Qualytics advisor: the lowest role and team level that allow a service user's
// actions on some datastores, the team to use or create, and what else it allows.
import type { QualyticsPolicy } from '../../model/schema';
import { PUBLIC_TEAM, Q_ACTIONS, Q_ACTION_IDS, Q_ACTION_ROLE, Q_ROLES, TEAM_LEVELS } from '../../model/vocabulary';
import type { QAction, QRole, TeamLevel } from '../../model/vocabulary';

export interface QualyticsAdviceQuestion {
  readonly actor: string;
  readonly actions: readonly QAction[];
  readonly datastores: readonly string[];
}

export interface QualyticsAdvice {
  readonly actor: string;
  readonly role: QRole;
  /** null when no requested action needs a team level. */
  readonly level: TeamLevel | null;
  /** An existing team with exactly that level on every datastore (and the fewest others), or null. */
  readonly team: { name: string; create: boolean; datastores: string[]; extraDatastores: string[] } | null;
  /** Actions that level (and role) allow on those datastores beyond the ones asked for. */
  readonly alsoAllows: QAction[];
  readonly currentRole: QRole;
  readonly note: string;
}

function max<T>(ladder: readonly T[], items: readonly T[], floor: T): T {
  return items.reduce((m, x) => (ladder.indexOf(x) > ladder.indexOf(m) ? x : m), floor);
}

export function adviseQualytics(policy: QualyticsPolicy, q: QualyticsAdviceQuestion): QualyticsAdvice {
  const user = policy.users.find((u) => u.id === q.actor);
  if (!user) throw new Error(`unknown user \`${q.actor}\``);
  const role = max<QRole>(Q_ROLES, q.actions.map((a) => Q_ACTION_ROLE[a] ?? 'Member'), 'Member');
  const levels = q.actions.map((a) => Q_ACTIONS[a]).filter((l): l is TeamLevel => l !== null);
  const level = levels.length ? max<TeamLevel>(TEAM_LEVELS, levels, 'Reporter') : null;
  let team: QualyticsAdvice['team'] = null;
  if (level && role !== 'Admin' && q.datastores.length) {
    const fits = policy.teams
      .filter((t) => t.permission === level && q.datastores.every((d) => t.datastores.includes(d)))
      .sort((a, b) => a.datastores.length - b.datastores.length);
    const best = fits[0];
    team = best
      ? { name: best.name, create: false, datastores: best.datastores, extraDatastores: best.datastores.filter((d) => !q.datastores.includes(d)) }
      : { name: `${q.actor}-${level}`.replace(/[^A-Za-z0-9-]+/g, '-'), create: true, datastores: [...q.datastores], extraDatastores: [] };
    if (best?.name === PUBLIC_TEAM) team = { ...team, name: PUBLIC_TEAM };
  }
  const levelIndex = level ? TEAM_LEVELS.indexOf(level) : -1;
  const alsoAllows = Q_ACTION_IDS.filter((a) => {
    if (q.actions.includes(a)) return false;
    const r = Q_ACTION_ROLE[a] ?? 'Member';
    if (Q_ROLES.indexOf(r) > Q_ROLES.indexOf(role)) return false;
    const l = Q_ACTIONS[a];
    return l === null ? true : role === 'Admin' || TEAM_LEVELS.indexOf(l) <= levelIndex;
  });
  const roleNote = role === user.role ? `${q.actor} already has the ${role} role` : `${q.actor} needs the ${role} role (now ${user.role})`;
  const teamNote = !team
    ? role === 'Admin'
      ? 'Admin skips team permissions'
      : level
        ? `name the datastores: these actions need the ${level} team level on each`
        : 'no team level is needed'
    : team.create
      ? `create team \`${team.name}\` with ${level} on ${team.datastores.join(', ')} and add ${q.actor} to it`
      : `add ${q.actor} to team \`${team.name}\` (${level}${team.extraDatastores.length ? `, also on ${team.extraDatastores.join(', ')}` : ''})`;
  return { actor: q.actor, role, level, team, alsoAllows, currentRole: user.role, note: `${roleNote}; ${teamNote}` };
}
