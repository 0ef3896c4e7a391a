// `sealcheck diff OLD NEW`: exit 0 when NEW grants no access OLD did not, 1 when it does.
// For people: the access per user, summaries per role and per team, users whose roles
// change, only the keys of a scenario's outcome that change, seal outcomes grouped per
// user; the cause of each change where the comparison gives one.
import type { LeanixPolicy, Policy, QualyticsPolicy } from '../model/schema';
import { diffPolicies } from '../engine/diff';
import type { Capability, PolicyDiff } from '../engine/diff';
import type { Io } from './io';
import { STDIN, fileLabel, loadFile, paint, printErrors } from './io';
import { count, jsonText, plural, s, safe, showValue } from './text';

/** Lines listed per user, role or group before `… N more`. */
const LISTED = 50;


/** The comparison's cause codes, in words. */
const CAUSES: Readonly<Record<string, string>> = {
  grant: 'a grant of its roles changes',
  role: 'its roles change',
  user: 'the user is in one file only',
  type: 'the type, field or relation is in one file only',
  expiry: "the technical user's expiry changes",
  acl: "the fact sheet's access control list changes",
  aces: 'its access control entities change',
  subscription: 'its subscription changes',
  sheet: 'the fact sheet changes',
  rules: "the type's seal rules change",
  settings: 'the workspace settings change',
  clock: 'the renewal clock',
};

/**
 * The cause of a change, where the comparison gives one (`cause` on a change): a cause
 * code (`acl`, `expiry`, ...) in words, text, an object with `text`, or with `kind` and
 * details.
 */
export function causeText(cause: unknown): string | null {
  if (cause === undefined || cause === null) return null;
  if (typeof cause === 'string') return Object.prototype.hasOwnProperty.call(CAUSES, cause) ? CAUSES[cause]! : safe(cause);
  if (Array.isArray(cause)) return cause.map((c) => causeText(c)).filter((c) => c !== null).join('; ') || null;
  if (typeof cause === 'object') {
    const c = cause as Record<string, unknown>;
    if (typeof c.text === 'string') return safe(c.text);
    if (typeof c.message === 'string') return safe(c.message);
    const { kind, ...rest } = c;
    const details = Object.entries(rest)
      .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
    return safe([typeof kind === 'string' ? kind : null, details || null].filter(Boolean).join(': ')) || null;
  }
  return safe(String(cause));
}

function withCause(line: string, change: unknown): string {
  const cause = causeText((change as { cause?: unknown } | null)?.cause);
  return cause ? `${line} — ${cause}` : line;
}

function capabilityText(c: Pick<Capability, 'action' | 'resource' | 'type' | 'qualifier'>): string {
  // an access decided on one fact sheet (ACL, subscription) names it
  const sheet = (c as { factSheet?: unknown }).factSheet;
  return s`${c.action} ${c.resource} ${c.type}${c.qualifier === '*' ? '' : `.${c.qualifier}`}${typeof sheet === 'string' ? ` on ${sheet}` : ''}`;
}

/** The gate: NEW lets someone do what OLD did not. */
function grantsNew(d: PolicyDiff): boolean {
  return d.added.length > 0;
}

export async function diffCommand(io: Io, oldFile: string, newFile: string, json: boolean): Promise<number> {
  if (oldFile === STDIN && newFile === STDIN) {
    io.err('sealcheck diff: standard input can be read once: give OLD or NEW as `-`, not both');
    return 2;
  }
  const [a, b] = await Promise.all([loadFile(oldFile, io), loadFile(newFile, io)]);
  if (!a.ok || !b.ok) {
    if (!a.ok) printErrors(io, oldFile, a.errors);
    if (!b.ok) printErrors(io, newFile, b.errors);
    return 2;
  }
  if (a.policy.platform !== b.policy.platform) {
    io.err(`sealcheck diff: \`${fileLabel(oldFile)}\` is ${a.policy.platform} and \`${fileLabel(newFile)}\` is ${b.policy.platform}`);
    return 2;
  }
  const d = diffPolicies(a.policy, b.policy);
  const gate = grantsNew(d) ? 1 : 0;
  if (json) {
    // the documented keys first, then whatever else the comparison gives
    const { added, removed, rolesAdded, rolesRemoved, scenarioChanges, sealChanges, sealChangesOmitted, ...rest } = d;
    io.out(jsonText({ added, removed, rolesAdded, rolesRemoved, scenarioChanges, sealChanges, sealChangesOmitted, ...rest }));
    return gate;
  }
  printDiff(io, a.policy, b.policy, d);
  return gate;
}

export function printDiff(io: Io, oldPolicy: Policy, newPolicy: Policy, d: PolicyDiff): void {
  accessSection(io, 'Access added', d.added, '+', 31);
  accessSection(io, 'Access removed', d.removed, '-', 32);
  if (oldPolicy.platform === 'leanix' && newPolicy.platform === 'leanix') {
    roleSection(io, oldPolicy, newPolicy, d);
    leanixUsers(io, oldPolicy, newPolicy);
  } else if (oldPolicy.platform === 'qualytics' && newPolicy.platform === 'qualytics') {
    teamSection(io, oldPolicy, newPolicy, d);
    qualyticsUsers(io, oldPolicy, newPolicy);
  }
  scenarioSection(io, d);
  sealSection(io, d);
  if (!d.added.length && !d.removed.length && !d.scenarioChanges.length && !d.sealChanges.length) io.out('no difference in access, scenarios or seals');
  io.out(grantsNew(d) ? `NEW grants ${count(d.added.length)} access${d.added.length === 1 ? '' : 'es'} OLD did not` : 'NEW grants no access OLD did not');
}

function accessSection(io: Io, title: string, caps: readonly Capability[], sign: string, color: number): void {
  if (!caps.length) return;
  io.out(`${title} (${count(caps.length)}):`);
  const byUser = new Map<string, Capability[]>();
  for (const c of caps) {
    const list = byUser.get(c.user) ?? [];
    list.push(c);
    byUser.set(c.user, list);
  }
  for (const [user, list] of byUser) {
    io.out(`  ${safe(user)}`);
    for (const c of list.slice(0, LISTED)) io.out(`    ${paint(io, color, sign)} ${withCause(capabilityText(c), c)}`);
    if (list.length > LISTED) io.out(`    … ${count(list.length - LISTED)} more`);
  }
}

// ---------------------------------------------------------------- LeanIX

function roleSection(io: Io, oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy, d: PolicyDiff): void {
  if (!d.rolesAdded.length && !d.rolesRemoved.length) return;
  io.out('By role:');
  const roles = [...new Set([...d.rolesAdded.map((r) => r.role), ...d.rolesRemoved.map((r) => r.role)])];
  for (const role of roles) {
    const added = d.rolesAdded.filter((r) => r.role === role);
    const removed = d.rolesRemoved.filter((r) => r.role === role);
    const inOld = oldPolicy.roles.some((r) => r.name === role);
    const inNew = newPolicy.roles.some((r) => r.name === role);
    const holders = newPolicy.users.filter((u) => u.customerRoles.includes(role)).map((u) => u.id);
    const state = !inOld ? 'new role' : !inNew ? 'role removed' : 'role';
    const held = holders.length ? `, held by ${holders.length <= 5 ? holders.map((h) => safe(h)).join(', ') : plural(holders.length, 'user')}` : inNew ? ', held by no one' : '';
    io.out(`  ${state} ${safe(role)}: +${count(added.length)} -${count(removed.length)}${held}`);
    for (const c of added.slice(0, 5)) io.out(`    ${paint(io, 31, '+')} ${withCause(capabilityText(c), c)}`);
    for (const c of removed.slice(0, 5)) io.out(`    ${paint(io, 32, '-')} ${withCause(capabilityText(c), c)}`);
    const more = Math.max(0, added.length - 5) + Math.max(0, removed.length - 5);
    if (more) io.out(`    … ${count(more)} more`);
  }
}

function listChange(label: string, before: readonly string[], after: readonly string[]): string | null {
  const gone = before.filter((x) => !after.includes(x));
  const come = after.filter((x) => !before.includes(x));
  if (!gone.length && !come.length) return null;
  return `${label} ${[...come.map((x) => `+${safe(x)}`), ...gone.map((x) => `-${safe(x)}`)].join(' ')}`;
}

/** Each user id of either file, OLD's first, with its user in OLD and in NEW (one of them may be missing). */
function* usersById<U extends { readonly id: string }>(olds: readonly U[], news: readonly U[]): Generator<[string, U | undefined, U | undefined]> {
  const oldById = new Map(olds.map((u) => [u.id, u]));
  const newById = new Map(news.map((u) => [u.id, u]));
  for (const id of new Set([...oldById.keys(), ...newById.keys()])) yield [id, oldById.get(id), newById.get(id)];
}

/** A titled list of at most LISTED lines, the rest counted; nothing when there are none. */
function listSection(io: Io, title: string, lines: readonly string[]): void {
  if (!lines.length) return;
  io.out(title);
  for (const line of lines.slice(0, LISTED)) io.out(line);
  if (lines.length > LISTED) io.out(`  … ${count(lines.length - LISTED)} more`);
}

/** Users whose standard role, customer roles, access control entities or expiry change (what they are given, not a decision). */
function leanixUsers(io: Io, oldPolicy: LeanixPolicy, newPolicy: LeanixPolicy): void {
  const lines: string[] = [];
  for (const [id, o, n] of usersById(oldPolicy.users, newPolicy.users)) {
    if (!o || !n) {
      lines.push(`  ${safe(id)}: ${o ? 'only in OLD' : `new ${n!.kind} user, ${n!.role}${n!.customerRoles.length ? ` with ${n!.customerRoles.map((r) => safe(r)).join(', ')}` : ''}`}`);
      continue;
    }
    const parts = [
      o.role !== n.role ? `${o.role} → ${n.role}` : null,
      listChange('customer roles', o.customerRoles, n.customerRoles),
      listChange('access control entities', o.aces, n.aces),
      o.expiresAt !== n.expiresAt ? `expiry ${o.expiresAt ?? 'none'} → ${n.expiresAt ?? 'none'}` : null,
    ].filter((p): p is string => p !== null);
    if (parts.length) lines.push(`  ${safe(id)}: ${parts.join('; ')}`);
  }
  listSection(io, 'Users whose roles change:', lines);
}

// ---------------------------------------------------------------- Qualytics

/**
 * Per team whose level or datastores change: "team Viewers: Viewer → Author, 24 actions
 * on 2 datastores", counting the distinct action × datastore pairs its members gain (or
 * lose) on its datastores.
 */
function teamSection(io: Io, oldPolicy: QualyticsPolicy, newPolicy: QualyticsPolicy, d: PolicyDiff): void {
  const lines: string[] = [];
  const names = [...new Set([...oldPolicy.teams.map((t) => t.name), ...newPolicy.teams.map((t) => t.name)])];
  for (const name of names) {
    const o = oldPolicy.teams.find((t) => t.name === name);
    const n = newPolicy.teams.find((t) => t.name === name);
    const sameStores = o && n && o.datastores.length === n.datastores.length && o.datastores.every((x) => n.datastores.includes(x));
    if (o && n && o.permission === n.permission && sameStores) continue;
    const members = new Set([...oldPolicy.users, ...newPolicy.users].filter((u) => u.teams.includes(name)).map((u) => u.id));
    const stores = new Set([...(o?.datastores ?? []), ...(n?.datastores ?? [])]);
    const pairs = (caps: readonly Capability[]) => {
      const set = new Set<string>();
      const ds = new Set<string>();
      for (const c of caps) {
        if (!members.has(c.user) || !stores.has(c.type)) continue;
        set.add(`${c.action}\u0000${c.type}`);
        ds.add(c.type);
      }
      return { actions: set.size, datastores: ds.size };
    };
    const gained = pairs(d.added);
    const lost = pairs(d.removed);
    const level = !o ? `new team, ${n!.permission}` : !n ? `team removed (was ${o.permission})` : o.permission === n.permission ? o.permission : `${o.permission} → ${n.permission}`;
    const storeChange = o && n ? listChange('datastores', o.datastores, n.datastores) : null;
    const effect = [
      gained.actions ? `${plural(gained.actions, 'action')} on ${plural(gained.datastores, 'datastore')} gained` : null,
      lost.actions ? `${plural(lost.actions, 'action')} on ${plural(lost.datastores, 'datastore')} lost` : null,
    ].filter(Boolean);
    lines.push(`  team ${safe(name)}: ${[level, storeChange, ...effect].filter(Boolean).join(', ')}`);
  }
  if (!lines.length) return;
  io.out('By team:');
  for (const line of lines) io.out(line);
}

function qualyticsUsers(io: Io, oldPolicy: QualyticsPolicy, newPolicy: QualyticsPolicy): void {
  const lines: string[] = [];
  for (const [id, o, n] of usersById(oldPolicy.users, newPolicy.users)) {
    if (!o || !n) {
      lines.push(`  ${safe(id)}: ${o ? 'only in OLD' : `new ${n!.kind} user, ${n!.role}`}`);
      continue;
    }
    const parts = [o.role !== n.role ? `${o.role} → ${n.role}` : null, listChange('teams', o.teams, n.teams), o.active !== n.active ? (n.active ? 'activated' : 'deactivated') : null].filter((p): p is string => p !== null);
    if (parts.length) lines.push(`  ${safe(id)}: ${parts.join('; ')}`);
  }
  listSection(io, 'By role and team membership:', lines);
}

// ---------------------------------------------------------------- scenarios and seals

/** Only the keys of an outcome that change: `sealBroken true → false`. */
export function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  if (before === null) return 'cannot run on OLD (it names something OLD lacks)';
  if (after === null) return 'cannot run on NEW (it names something NEW lacks)';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${safe(k)} ${showValue(before[k])} → ${showValue(after[k])}`)
    .join('; ');
}

function scenarioSection(io: Io, d: PolicyDiff): void {
  if (!d.scenarioChanges.length) return;
  io.out(`Scenarios whose outcome changes (${count(d.scenarioChanges.length)}):`);
  for (const c of d.scenarioChanges) io.out(withCause(`  ${safe(c.name)}: ${changedKeys(c.old, c.new)}`, c));
}

function sealSection(io: Io, d: PolicyDiff): void {
  if (!d.sealChanges.length) return;
  io.out(`Seal outcomes that change (${count(d.sealChanges.length + d.sealChangesOmitted)}): what an edit by the user does to the approved seal`);
  // per user and change, the fact sheets; a change with a cause on a line of its own
  const groups = new Map<string, { user: string; from: string; to: string; sheets: string[] }>();
  const caused: string[] = [];
  for (const c of d.sealChanges) {
    const cause = causeText((c as { cause?: unknown }).cause);
    if (cause) {
      caused.push(`  ${safe(c.user)} on ${safe(c.factSheet)}: ${c.old} → ${c.new} — ${cause}`);
      continue;
    }
    const key = `${c.user}\u0000${c.old}\u0000${c.new}`;
    const g = groups.get(key) ?? { user: c.user, from: c.old, to: c.new, sheets: [] };
    g.sheets.push(c.factSheet);
    groups.set(key, g);
  }
  const lines = [
    ...[...groups.values()].map((g) => `  ${safe(g.user)}: ${g.from} → ${g.to} on ${g.sheets.slice(0, 5).map((x) => safe(x)).join(', ')}${g.sheets.length > 5 ? ` and ${count(g.sheets.length - 5)} more` : ''}`),
    ...caused,
  ];
  for (const line of lines.slice(0, LISTED)) io.out(line);
  const hidden = Math.max(0, lines.length - LISTED);
  if (hidden || d.sealChangesOmitted) io.out(`  … ${hidden ? `${count(hidden)} more lines` : ''}${hidden && d.sealChangesOmitted ? ' and ' : ''}${d.sealChangesOmitted ? `${count(d.sealChangesOmitted)} more changes not listed` : ''}`);
}
