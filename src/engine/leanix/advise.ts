// The role advisor: for an actor writing some paths on some fact sheets, evaluates
// every setup an admin weighs (as it is, a least-privilege role, that role with the
// seal permission, a RESPONSIBLE subscription, ADMIN, re-approving after each write)
// over the workspace's real fact sheets, and recommends one.
import type { CustomerRole, FactSheet, LeanixPolicy, LeanixUser, Patch } from '../../model/schema';
import { RESOURCES } from '../../model/vocabulary';
import { targetOf } from '../../model/patch-path';
import type { Action, Resource } from '../../model/vocabulary';
import { firstSegment } from '../../model/paths';
import { formatGrant } from '../../model/permission';
import { compileLeanix } from './compile';
import { actionFor, sealByGrant, sealSubscriptionOf } from './decide';
import type { CompiledLeanix } from './compile';
import { evaluateUpdateBulk } from './bulk';

export const SETUPS = ['current', 'role', 'role-with-seal', 'subscription', 'admin', 'reapprove'] as const;
export type Setup = (typeof SETUPS)[number];

export interface AdviseQuestion {
  readonly actor: string;
  readonly type: string;
  readonly paths: readonly string[];
  /** Default: every fact sheet of the type. */
  readonly factSheets?: readonly string[];
  readonly runsPerYear?: number;
  /** Default: the file's `asOf`. */
  readonly at?: number;
}

export interface AdviseOption {
  readonly setup: Setup;
  readonly allowed: number;
  readonly denied: number;
  readonly sealBreaksPerRun: number;
  readonly eventsPerRun: number;
  readonly notificationsPerRun: number;
  readonly sealBreaksPerYear: number;
  readonly eventsPerYear: number;
  readonly notificationsPerYear: number;
  /** Permission strings and powers beyond what the writes need. */
  readonly extraCapabilities: string[];
  /** The customer role permissions of the setup (empty for `current` and `admin`). */
  readonly permissions: string[];
  /** Subscriptions the setup needs that do not exist yet. */
  readonly subscriptionsNeeded: number;
  readonly recommended: boolean;
  readonly note: string;
}

export interface Advice {
  readonly actor: string;
  readonly type: string;
  readonly paths: readonly string[];
  readonly factSheets: number;
  readonly runsPerYear: number;
  readonly options: AdviseOption[];
  readonly recommended: Setup;
  /** The recommended customer role, ready to paste (null when the recommendation needs none). */
  readonly role: CustomerRole | null;
  /** Access control entities the role setups add to the actor so that write ACLs let it through. */
  readonly aces: string[];
}

/** The resource and action a `replace` of the path needs (`/lxState` excluded). */
export function neededGrant(policy: LeanixPolicy, typeName: string, path: string): { resource: Resource; action: Action; qualifier: string } | null {
  const type = policy.factSheetTypes.find((t) => t.name === typeName);
  if (!type) return null;
  const target = targetOf(type, path);
  return target.resource ? { resource: target.resource, action: actionFor(target, 'replace'), qualifier: target.qualifier } : null;
}

export function leastPrivilege(policy: LeanixPolicy, type: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const need = neededGrant(policy, type, path);
    if (!need) continue;
    const text = formatGrant({ resource: need.resource, actions: [need.action], type, qualifier: need.qualifier });
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

export function roleName(actor: string): string {
  return `${actor.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')}_SEALCHECK`;
}

interface Variant {
  readonly policy: LeanixPolicy;
  readonly permissions: string[];
  readonly extras: string[];
  readonly subscriptionsNeeded: number;
}

function withActor(policy: LeanixPolicy, actor: string, change: (u: LeanixUser) => LeanixUser, roles: CustomerRole[] = []): LeanixPolicy {
  return {
    ...policy,
    roles: [...policy.roles.filter((r) => !roles.some((x) => x.name === r.name)), ...roles],
    users: policy.users.map((u) => (u.id === actor ? change(u) : u)),
  };
}

/** A role setup: the actor holds exactly the advised role, plus the access control entities its writes need. */
function withRole(policy: LeanixPolicy, actor: string, permissions: string[], aces: readonly string[] = []): LeanixPolicy {
  const name = roleName(actor);
  return withActor(policy, actor, (u) => ({ ...u, role: 'MEMBER', customerRoles: [name], aces: [...new Set([...u.aces, ...aces])] }), [{ name, permissions }]);
}

/** One entity of each write ACL that shuts the actor out of a fact sheet it is to write. */
export function neededAces(policy: LeanixPolicy, actor: string, sheets: readonly FactSheet[]): string[] {
  const held = new Set(policy.users.find((u) => u.id === actor)?.aces ?? []);
  const needed = new Set<string>();
  for (const f of sheets) {
    const acl = f.permittedWriteACL;
    if (acl.length && !acl.some((e) => held.has(e) || needed.has(e))) needed.add(acl[0]!);
  }
  return [...needed].sort();
}

/** What the actor's current grants hold beyond the needed ones, as permission strings. */
function currentExtras(ws: CompiledLeanix, actor: string, typeName: string, needed: readonly string[]): string[] {
  const user = ws.users.get(actor)!;
  if (user.admin) return adminExtras(needed);
  const extras: string[] = [];
  for (const source of user.sources) {
    for (const grant of source.grants) {
      if (needed.includes(grant.source)) continue;
      const label = source.builtin ? `${grant.source} (standard role ${source.role})` : `${grant.source} (${source.role})`;
      if (!extras.includes(label)) extras.push(label);
    }
  }
  if (sealByGrant(ws, user, ws.types.get(typeName)!)) extras.push('may approve, break or reject seals');
  return extras;
}

export function advise(policy: LeanixPolicy, q: AdviseQuestion): Advice {
  const at = q.at ?? Date.parse(policy.asOf);
  const runsPerYear = q.runsPerYear ?? 52;
  const wanted = q.factSheets ? new Set(q.factSheets) : null;
  const sheets = policy.factSheets.filter((f) => f.type === q.type && (!wanted || wanted.has(f.id)));
  const patches: Patch[] = q.paths.map((path) => ({ op: 'replace', path, value: 'sealcheck' }));
  const base = leastPrivilege(policy, q.type, q.paths);
  const aces = neededAces(policy, q.actor, sheets);
  const asRole = (permissions: string[]) => withRole(policy, q.actor, permissions, aces);
  const seal = formatGrant({ resource: 'FACT_SHEET_BASE_FIELDS', actions: ['UPDATE'], type: q.type, qualifier: 'lxState' });
  const plain = compileLeanix(policy);
  const isOwner = (f: FactSheet) => sealSubscriptionOf(f, q.actor) !== null;
  const missingSubs = sheets.filter((f) => !isOwner(f)).length;

  const variants: Record<Exclude<Setup, 'reapprove'>, Variant> = {
    current: { policy, permissions: [], extras: currentExtras(plain, q.actor, q.type, base), subscriptionsNeeded: 0 },
    role: { policy: asRole(base), permissions: base, extras: [], subscriptionsNeeded: 0 },
    'role-with-seal': {
      policy: asRole([...base, seal]),
      permissions: [...base, seal],
      extras: [`${seal}: may also approve, break or reject the seal of every ${q.type}`],
      subscriptionsNeeded: 0,
    },
    subscription: {
      policy: subscribed(asRole(base), q.actor, new Set(sheets.map((f) => f.id))),
      permissions: base,
      extras: [`RESPONSIBLE subscriber of ${sheets.length} fact sheet${sheets.length === 1 ? '' : 's'}: may set their seals and is notified when others break them`],
      subscriptionsNeeded: missingSubs,
    },
    admin: {
      policy: withActor(policy, q.actor, (u) => ({ ...u, role: 'ADMIN', customerRoles: [] })),
      permissions: [],
      extras: adminExtras(base),
      subscriptionsNeeded: 0,
    },
  };

  const options: AdviseOption[] = [];
  for (const setup of SETUPS) {
    if (setup === 'reapprove') {
      options.push(reapprove(variants.role.policy, asRole([...base, seal]), q, sheets, patches, at, runsPerYear, base, seal));
      continue;
    }
    const v = variants[setup];
    const ws = setup === 'current' ? plain : compileLeanix(v.policy);
    const totals = run(ws, q.actor, sheets, patches, at);
    options.push({
      setup,
      ...totals,
      ...perYear(totals, runsPerYear),
      extraCapabilities: v.extras,
      permissions: v.permissions,
      subscriptionsNeeded: v.subscriptionsNeeded,
      recommended: false,
      note: noteFor(setup, totals, v, q),
    });
  }
  const ranked = [...options].sort(rank(sheets.length));
  const best = ranked[0]!.setup;
  const final = options.map((o) => ({ ...o, recommended: o.setup === best }));
  const chosen = final.find((o) => o.recommended)!;
  const role = chosen.permissions.length && chosen.setup !== 'current' ? { name: roleName(q.actor), permissions: chosen.permissions } : null;
  return { actor: q.actor, type: q.type, paths: q.paths, factSheets: sheets.length, runsPerYear, options: final, recommended: best, role, aces };
}

/** Everything ADMIN holds beyond the needed grants: every resource, every action, every type, and administration. */
function adminExtras(needed: readonly string[]): string[] {
  const all = RESOURCES.map((resource) => formatGrant({ resource, actions: ['READ', 'CREATE', 'UPDATE', 'DELETE'], type: '*', qualifier: '*' }));
  return [...all.filter((p) => !needed.includes(p)), 'ADMIN: administration (users, roles, technical users, meta model), never narrowed by customer roles'];
}

function subscribed(policy: LeanixPolicy, actor: string, ids: ReadonlySet<string>): LeanixPolicy {
  return {
    ...policy,
    factSheets: policy.factSheets.map((f) =>
      ids.has(f.id) && !f.subscriptions.some((s) => s.user === actor && s.type === 'RESPONSIBLE')
        ? { ...f, subscriptions: [...f.subscriptions, { user: actor, type: 'RESPONSIBLE' as const, roles: [] }] }
        : f,
    ),
  };
}

interface Totals {
  allowed: number;
  denied: number;
  sealBreaksPerRun: number;
  eventsPerRun: number;
  notificationsPerRun: number;
}

/** One run of the writes over the fact sheets, counted by the bulk path (the same outcomes as `evaluateLeanix`). */
function run(ws: CompiledLeanix, actor: string, sheets: readonly FactSheet[], patches: Patch[], at: number): Totals {
  // the setup's own copy of each fact sheet (a subscription setup subscribes the actor to it)
  const own = sheets.map((f) => ws.factSheets.get(f.id)!);
  const r = evaluateUpdateBulk(ws, actor, patches, own, at);
  return { allowed: r.allowed, denied: r.denied, sealBreaksPerRun: r.sealsBroken, eventsPerRun: r.events, notificationsPerRun: r.notifications };
}

function perYear(t: Totals, runs: number) {
  return { sealBreaksPerYear: t.sealBreaksPerRun * runs, eventsPerYear: t.eventsPerRun * runs, notificationsPerYear: t.notificationsPerRun * runs };
}

/** `role` writes (breaking approved seals), then sets `/lxState` back to APPROVED, which needs the seal permission. */
function reapprove(
  rolePolicy: LeanixPolicy,
  sealPolicy: LeanixPolicy,
  q: AdviseQuestion,
  sheets: readonly FactSheet[],
  patches: Patch[],
  at: number,
  runsPerYear: number,
  base: string[],
  seal: string,
): AdviseOption {
  const ws = compileLeanix(rolePolicy);
  const sealWs = compileLeanix(sealPolicy);
  const write = evaluateUpdateBulk(ws, q.actor, patches, sheets, at);
  const t: Totals = { allowed: write.allowed, denied: write.denied, sealBreaksPerRun: write.sealsBroken, eventsPerRun: write.events, notificationsPerRun: write.notifications };
  // the integration reads the state it broke and approves again
  const brokenIds = new Set(write.broken);
  const written = sheets
    .filter((f) => brokenIds.has(f.id))
    .map((sheet) => {
      const values = { ...sheet.values };
      for (const p of patches) if (firstSegment(p.path) !== 'name') values[firstSegment(p.path)] = p.value ?? null;
      return { ...sheet, lxState: 'BROKEN_QUALITY_SEAL' as const, values };
    });
  const approve = evaluateUpdateBulk(sealWs, q.actor, [{ op: 'replace', path: '/lxState', value: 'APPROVED' }], written, at);
  t.eventsPerRun += approve.events;
  return {
    setup: 'reapprove',
    ...t,
    ...perYear(t, runsPerYear),
    extraCapabilities: [`${seal}: re-approving needs the seal permission, so it may also approve, break or reject the seal of every ${q.type}`],
    permissions: [...base, seal],
    subscriptionsNeeded: 0,
    recommended: false,
    note:
      t.sealBreaksPerRun > 0
        ? `each write still breaks the seal and notifies owners before the re-approval; ${t.eventsPerRun} events per run, and the integration must read and restore the state`
        : 'no approved seal among the fact sheets: nothing to re-approve',
  };
}

function noteFor(setup: Setup, t: Totals, v: Variant, q: AdviseQuestion): string {
  const breaks = t.sealBreaksPerRun ? `breaks ${t.sealBreaksPerRun} seal${t.sealBreaksPerRun === 1 ? '' : 's'} per run and sends ${t.notificationsPerRun} notification${t.notificationsPerRun === 1 ? '' : 's'}` : 'keeps every seal';
  const denied = t.denied ? `; ${t.denied} write${t.denied === 1 ? ' is' : 's are'} denied` : '';
  switch (setup) {
    case 'current':
      return `${q.actor} as it is now ${breaks}${denied}`;
    case 'role':
      return `least privilege, but without the seal permission it ${breaks}${denied}`;
    case 'role-with-seal':
      return `least privilege plus the seal permission on ${q.type} only: ${breaks}${denied}; the risk is that it may also set seals of ${q.type}`;
    case 'subscription':
      return `${breaks}${denied}; needs ${v.subscriptionsNeeded} new subscription${v.subscriptionsNeeded === 1 ? '' : 's'}, kept up to date as fact sheets come and go, and ${q.actor} becomes a notified owner`;
    case 'admin':
      return `${breaks}${denied}; far too broad: an ADMIN token can change anything in the workspace`;
    default:
      return breaks;
  }
}

/** All writes allowed first, then fewest seal breaks, fewest extra capabilities, fewest subscriptions to keep, fewest events. */
function rank(total: number) {
  const weight = (o: AdviseOption) => o.extraCapabilities.length;
  return (a: AdviseOption, b: AdviseOption): number =>
    Number(b.allowed === total) - Number(a.allowed === total) ||
    a.sealBreaksPerRun - b.sealBreaksPerRun ||
    weight(a) - weight(b) ||
    a.subscriptionsNeeded - b.subscriptionsNeeded ||
    a.eventsPerRun - b.eventsPerRun ||
    SETUPS.indexOf(a.setup) - SETUPS.indexOf(b.setup);
}
