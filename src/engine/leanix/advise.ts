// The role advisor: for an actor writing some paths on some fact sheets, evaluates
// every setup an admin weighs (as it is, a least-privilege role, that role with the
// seal permission, that role with the written paths exempt from the seal, a RESPONSIBLE
// subscription, ADMIN, re-approving after each write) over the workspace's real fact
// sheets, ranks them, and words the change each needs as a request ready for a ticket.
// Every outcome comes from the decision core (`decide.ts`): bulk counts, plans and judge.
import type { FactSheet, FactSheetType, LeanixPolicy, LeanixUser, Patch } from '../../model/schema';
import { QUALIFIED_RESOURCES, RESOURCES } from '../../model/vocabulary';
import type { Action, Resource, StandardRole } from '../../model/vocabulary';
import { targetOf } from '../../model/patch-path';
import { formatGrant } from '../../model/permission';
import type { Grant } from '../../model/permission';
import { compileLeanix, holds, qualifierRange } from './compile';
import type { CompiledLeanix, CompiledUser } from './compile';
import { SHEET_ALLOWED, SHEET_BROKEN, actionFor, judge, planUpdate, sealByGrant, sealSubscriptionOf } from './decide';
import { evaluateUpdateBulk } from './bulk';
import { freeName, roleName } from './free-name';

export { roleName } from './free-name';

export const SETUPS = ['current', 'role', 'role-with-seal', 'exempt', 'subscription', 'admin', 'reapprove'] as const;
export type Setup = (typeof SETUPS)[number];

export function isSetup(name: string): name is Setup {
  return (SETUPS as readonly string[]).includes(name);
}

export interface AdviseQuestion {
  /** The user's id (or email). */
  readonly actor: string;
  readonly type: string;
  readonly paths: readonly string[];
  /** Default: every fact sheet of the type. */
  readonly factSheets?: readonly string[];
  readonly runsPerYear?: number;
  /** Default: the file's `asOf`. */
  readonly at?: number;
}

/** What an admin changes (or asks support to change) to put a setup in place. */
export interface SetupChange {
  /**
   * The customer role the setup gives the actor in place of its customer roles (null:
   * none). `exists`: the workspace already has a role of that name with exactly these
   * permission strings.
   */
  readonly role: { readonly name: string; readonly permissions: string[]; readonly exists: boolean } | null;
  /** The actor's standard role under the setup. */
  readonly standardRole: StandardRole;
  /** The actor's customer roles the setup takes away. */
  readonly replaces: string[];
  /** Access control entities the setup adds to the actor, so that the fact sheets' ACLs let it read and write. */
  readonly aces: string[];
  /** The data model change: the fields and relations the type's seal exemptions gain (null: none). */
  readonly exempt: { readonly type: string; readonly fields: string[]; readonly relations: string[] } | null;
  /** The fact sheets the actor is to be subscribed to as RESPONSIBLE. */
  readonly subscribe: { readonly id: string; readonly name: string }[];
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
  /** Permission strings and powers beyond what the `role` setup holds. */
  readonly extraCapabilities: string[];
  /** `exempt`: the other users whose edits of the written paths would no longer break an approved seal (ids). Empty for the other setups. */
  readonly silenced: string[];
  /** The customer role permissions of the setup (empty for `current` and `admin`). */
  readonly permissions: string[];
  /** Subscriptions the setup needs that do not exist yet. */
  readonly subscriptionsNeeded: number;
  readonly recommended: boolean;
  readonly note: string;
  /** The change the setup needs, as data. */
  readonly change: SetupChange;
  /** The change as plain text, ready to paste into a ticket. */
  readonly request: string;
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
  readonly role: { name: string; permissions: string[] } | null;
  /** Access control entities the role setups add to the actor so that the fact sheets' ACLs let it through. */
  readonly aces: string[];
}

/** The value each advised write sets: non-empty, and a valid relation target id. */
export const WRITE_VALUE = 'sealcheck';

/** One run's writes: a `replace` of every path with a non-empty value. */
export function advisedPatches(paths: readonly string[]): Patch[] {
  return paths.map((path) => ({ op: 'replace', path, value: WRITE_VALUE }));
}

/** The resource and action a `replace` of the path needs (`/lxState` excluded). */
export function neededGrant(policy: LeanixPolicy, typeName: string, path: string): { resource: Resource; action: Action; qualifier: string } | null {
  const type = policy.factSheetTypes.find((t) => t.name === typeName);
  if (!type) return null;
  const target = targetOf(type, path);
  return target.resource ? { resource: target.resource, action: actionFor(target, 'replace'), qualifier: target.qualifier } : null;
}

/**
 * The `role` setup's permission strings: `FACT_SHEET:READ:<type>:*` and, for each written
 * path, the grant its `replace` needs together with READ on the same resource and
 * qualifier (the integration reads what it writes). Customer roles replace the standard
 * role, so nothing of MEMBER's reads is left otherwise.
 */
export function rolePermissions(policy: LeanixPolicy, type: string, paths: readonly string[]): string[] {
  const out = [formatGrant({ resource: 'FACT_SHEET', actions: ['READ'], type, qualifier: '*' })];
  for (const path of paths) {
    const need = neededGrant(policy, type, path);
    if (!need) continue;
    const actions: Action[] = need.action === 'READ' ? ['READ'] : ['READ', need.action];
    const text = formatGrant({ resource: need.resource, actions, type, qualifier: need.qualifier });
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The seal permission on a type. */
export function sealGrant(type: string): string {
  return formatGrant({ resource: 'FACT_SHEET_BASE_FIELDS', actions: ['UPDATE'], type, qualifier: 'lxState' });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/**
 * The name of the advised role with these permissions: `<ACTOR>_SEALCHECK`, or the first
 * free `_2`, `_3`, ... when a role of that name with other permissions is in the
 * workspace (role names match without letter case). `exists`: reused as it is.
 */
export function advisedRoleName(policy: LeanixPolicy, actor: string, permissions: readonly string[]): { name: string; exists: boolean } {
  return freeName(roleName(actor), (name) => {
    const found = policy.roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!found) return 'free';
    return found.name === name && found.cloneFrom === undefined && sameSet(found.permissions, permissions) ? 'same' : 'taken';
  });
}

function withActor(policy: LeanixPolicy, actor: string, change: (u: LeanixUser) => LeanixUser, role?: { name: string; permissions: string[] }): LeanixPolicy {
  return {
    ...policy,
    roles: role ? [...policy.roles.filter((r) => r.name !== role.name), { name: role.name, permissions: role.permissions }] : policy.roles,
    users: policy.users.map((u) => (u.id === actor ? change(u) : u)),
  };
}

/** A role setup: the actor holds exactly the advised role (standard role MEMBER), plus the access control entities its reads and writes need. */
function withRole(policy: LeanixPolicy, actor: string, role: { name: string; permissions: string[] }, aces: readonly string[]): LeanixPolicy {
  return withActor(policy, actor, (u) => ({ ...u, role: 'MEMBER', customerRoles: [role.name], aces: [...new Set([...u.aces, ...aces])] }), role);
}

/** One entity of each read or write ACL that shuts the actor out of a fact sheet it is to read and write. */
export function neededAces(policy: LeanixPolicy, actor: string, sheets: readonly FactSheet[]): string[] {
  const held = new Set(policy.users.find((u) => u.id === actor)?.aces ?? []);
  const needed = new Set<string>();
  for (const f of sheets) {
    for (const acl of [f.permittedReadACL, f.permittedWriteACL]) {
      if (acl.length && !acl.some((e) => held.has(e) || needed.has(e))) needed.add(acl[0]!);
    }
  }
  return [...needed].sort();
}

/** The fields and relations among the paths that the type does not exempt from its seal yet. */
export function exemptionOf(type: FactSheetType, paths: readonly string[]): { fields: string[]; relations: string[] } {
  const fields: string[] = [];
  const relations: string[] = [];
  for (const path of paths) {
    const target = targetOf(type, path);
    if ((target.kind === 'attribute' || target.kind === 'base field') && !type.qualitySeal.ignoreUpdatesForFields.includes(target.qualifier)) {
      if (!fields.includes(target.qualifier)) fields.push(target.qualifier);
    } else if (target.kind === 'relation' && !type.qualitySeal.ignoreUpdatesForRelations.includes(target.qualifier)) {
      if (!relations.includes(target.qualifier)) relations.push(target.qualifier);
    }
  }
  return { fields, relations };
}

/** The workspace with the type's seal exemptions extended. */
export function withExemption(policy: LeanixPolicy, typeName: string, add: { fields: readonly string[]; relations: readonly string[] }): LeanixPolicy {
  return {
    ...policy,
    factSheetTypes: policy.factSheetTypes.map((t) =>
      t.name === typeName
        ? {
            ...t,
            qualitySeal: {
              ...t.qualitySeal,
              ignoreUpdatesForFields: [...new Set([...t.qualitySeal.ignoreUpdatesForFields, ...add.fields])],
              ignoreUpdatesForRelations: [...new Set([...t.qualitySeal.ignoreUpdatesForRelations, ...add.relations])],
            },
          }
        : t,
    ),
  };
}

/** Does `user` of `ws` hold everything the grant gives? */
function covers(ws: CompiledLeanix, user: CompiledUser, grant: Grant): boolean {
  const types = grant.type === '*' ? [...ws.types.values()] : [ws.typesByKey.get(grant.type.toLowerCase())].filter((t) => t !== undefined);
  const qualified = QUALIFIED_RESOURCES.includes(grant.resource);
  for (const type of types) {
    const key = grant.qualifier.toLowerCase();
    const qualifiers = !qualified
      ? ['*']
      : qualifierRange(grant.resource, type)
          .map(([n]) => n)
          .filter((n) => grant.qualifier === '*' || n.toLowerCase() === key);
    for (const q of qualifiers) for (const a of grant.actions) if (!holds(ws, user, grant.resource, a, type, q)) return false;
  }
  return true;
}

/** What the actor's current grants hold beyond the `role` setup's, as permission strings. */
function currentExtras(ws: CompiledLeanix, actor: string, roleWs: CompiledLeanix, typeName: string, rolePerms: readonly string[]): string[] {
  const user = ws.users.get(actor)!;
  if (user.admin) return adminExtras(rolePerms);
  const roleUser = roleWs.users.get(actor)!;
  const extras: string[] = [];
  for (const source of user.sources) {
    for (const grant of source.grants) {
      if (covers(roleWs, roleUser, grant)) continue;
      const label = source.builtin ? `${grant.source} (standard role ${source.role})` : `${grant.source} (${source.role})`;
      if (!extras.includes(label)) extras.push(label);
    }
  }
  if (sealByGrant(ws, user, ws.types.get(typeName)!) && !sealByGrant(roleWs, roleUser, roleWs.types.get(typeName)!)) extras.push(`may approve, break or reject the seals of ${typeName}`);
  return extras;
}

/** Everything ADMIN holds beyond the role's grants: every resource, every action, every type, and administration. */
function adminExtras(rolePerms: readonly string[]): string[] {
  const all = RESOURCES.map((resource) => formatGrant({ resource, actions: ['READ', 'CREATE', 'UPDATE', 'DELETE'], type: '*', qualifier: '*' }));
  return [...all.filter((p) => !rolePerms.includes(p)), 'ADMIN: administration (users, roles, technical users, meta model), never narrowed by customer roles, ACLs do not bind it'];
}

/** The fact sheets with the actor subscribed RESPONSIBLE to each of `ids` (where it holds no RESPONSIBLE or ACCOUNTABLE subscription; an OBSERVER one is replaced). */
function subscribedCopies(sheets: readonly FactSheet[], actor: string, ids: ReadonlySet<string>): FactSheet[] {
  return sheets.map((f) =>
    ids.has(f.id) ? { ...f, subscriptions: [...f.subscriptions.filter((s) => s.user !== actor), { user: actor, type: 'RESPONSIBLE' as const, roles: [] }] } : f,
  );
}

/**
 * The `exempt` setup's cost: the users other than the actor who hold no seal permission
 * on some affected APPROVED fact sheet and whose write of one of `paths` there is allowed
 * and breaks its seal in `before`, allowed and keeps it in `after` (the workspace with the
 * exemption). Planned and judged per user, per path, by the decision core. Both
 * workspaces are compiled from files that share `sheets` (the advisor's setups change
 * types, roles and users, not fact sheets).
 */
export function silencedUsers(before: CompiledLeanix, after: CompiledLeanix, actor: string, typeName: string, paths: readonly string[], sheets: readonly FactSheet[], at: number): string[] {
  if (!paths.length) return [];
  const typeBefore = before.types.get(typeName)!;
  const typeAfter = after.types.get(typeName)!;
  const out: string[] = [];
  for (const [id, userBefore] of before.users) {
    if (id === actor) continue;
    const userAfter = after.users.get(id)!;
    let silenced = false;
    for (const path of paths) {
      const patches = advisedPatches([path]);
      const planBefore = planUpdate(before, userBefore, patches, typeBefore, at);
      // shortcuts the plan already decided: denied everywhere, or the seal permission on the whole type
      if (planBefore.expired !== null || !planBefore.grantsHeld || planBefore.sealByGrant || !planBefore.relevant) continue;
      const planAfter = planUpdate(after, userAfter, patches, typeAfter, at);
      for (const sheet of sheets) {
        const was = judge(planBefore, sheet);
        if ((was & SHEET_ALLOWED) === 0 || (was & SHEET_BROKEN) === 0) continue;
        const now = judge(planAfter, sheet);
        if ((now & SHEET_ALLOWED) !== 0 && (now & SHEET_BROKEN) === 0) {
          silenced = true;
          break;
        }
      }
      if (silenced) break;
    }
    if (silenced) out.push(id);
  }
  return out;
}

interface Totals {
  allowed: number;
  denied: number;
  sealBreaksPerRun: number;
  eventsPerRun: number;
  notificationsPerRun: number;
}

/** One run of the writes over the fact sheets, counted by the bulk path (the same outcomes as `evaluateLeanix`). */
function run(ws: CompiledLeanix, actor: string, sheets: readonly FactSheet[], patches: readonly Patch[], at: number, broken = false): Totals & { broken: string[] } {
  // `sheets` are the setup's own fact sheets: every setup but the subscription one shares the file's; only `reapprove` reads the broken ones
  const r = evaluateUpdateBulk(ws, actor, patches, sheets, at, { affected: false, broken });
  return { allowed: r.allowed, denied: r.denied, sealBreaksPerRun: r.sealsBroken, eventsPerRun: r.events, notificationsPerRun: r.notifications, broken: r.broken };
}

/**
 * `run` of the subscription setup: the fact sheets copied with the actor subscribed, a
 * slice at a time, so that the copies die young (at a million fact sheets, copies of all
 * of them at once are mostly garbage collection).
 */
function runSubscribed(ws: CompiledLeanix, actor: string, sheets: readonly FactSheet[], ids: ReadonlySet<string>, patches: readonly Patch[], at: number): Totals {
  const totals: Totals = { allowed: 0, denied: 0, sealBreaksPerRun: 0, eventsPerRun: 0, notificationsPerRun: 0 };
  const SLICE = 8_192;
  for (let from = 0; from < sheets.length; from += SLICE) {
    const r = run(ws, actor, subscribedCopies(sheets.slice(from, from + SLICE), actor, ids), patches, at);
    totals.allowed += r.allowed;
    totals.denied += r.denied;
    totals.sealBreaksPerRun += r.sealBreaksPerRun;
    totals.eventsPerRun += r.eventsPerRun;
    totals.notificationsPerRun += r.notificationsPerRun;
  }
  return totals;
}

function perYear(t: Totals, runs: number) {
  return { sealBreaksPerYear: t.sealBreaksPerRun * runs, eventsPerYear: t.eventsPerRun * runs, notificationsPerYear: t.notificationsPerRun * runs };
}

/** A fact sheet as the advised writes leave it, its seal broken. */
function afterWrite(type: FactSheetType, sheet: FactSheet, patches: readonly Patch[]): FactSheet {
  // computed keys define own properties: a field named `__proto__` is a value like any other
  let values: FactSheet['values'] = { ...sheet.values };
  let relations: Record<string, string[]> = { ...sheet.relations };
  let name = sheet.name;
  for (const p of patches) {
    const target = targetOf(type, p.path);
    if (target.kind === 'relation') relations = { ...relations, [target.qualifier]: [String(p.value)] };
    else if (target.kind === 'base field' && target.qualifier === 'name') name = String(p.value);
    else if (target.kind === 'base field' || target.kind === 'attribute') values = { ...values, [target.qualifier]: p.value ?? null };
  }
  return { ...sheet, name, values, relations, lxState: 'BROKEN_QUALITY_SEAL' };
}

/**
 * `reapprove`: each write breaks as under `role`; then the integration sets `/lxState`
 * back to APPROVED on each broken fact sheet, which needs the seal permission.
 */
function reapprove(write: Totals & { broken: string[] }, sealWs: CompiledLeanix, actor: string, type: FactSheetType, sheets: readonly FactSheet[], patches: readonly Patch[], at: number): Totals & { approvalsDenied: number } {
  // `write`: the writes as under `role`; the seal setup shares the file's fact sheets
  const broken = new Set(write.broken);
  const written = sheets.filter((f) => broken.has(f.id)).map((f) => afterWrite(type, f, patches));
  const approve = evaluateUpdateBulk(sealWs, actor, [{ op: 'replace', path: '/lxState', value: 'APPROVED' }], written, at, { affected: false, broken: false });
  return { ...write, eventsPerRun: write.eventsPerRun + approve.events, approvalsDenied: approve.denied };
}

interface Draft {
  readonly setup: Setup;
  readonly totals: Totals;
  readonly extras: string[];
  readonly silenced: string[];
  readonly change: SetupChange;
  readonly note: string;
}

export function advise(policy: LeanixPolicy, q: AdviseQuestion): Advice {
  const at = q.at ?? Date.parse(policy.asOf);
  const runsPerYear = q.runsPerYear ?? 52;
  const actor = policy.users.find((u) => u.id === q.actor) ?? policy.users.find((u) => u.email === q.actor);
  if (!actor) throw new Error(`unknown user \`${q.actor}\``);
  const type = policy.factSheetTypes.find((t) => t.name === q.type);
  if (!type) throw new Error(`unknown fact sheet type \`${q.type}\``);
  const id = actor.id;
  const paths = [...new Set(q.paths)];
  const wanted = q.factSheets ? new Set(q.factSheets) : null;
  const sheets = policy.factSheets.filter((f) => f.type === type.name && (!wanted || wanted.has(f.id)));
  const patches = advisedPatches(paths);
  const base = rolePermissions(policy, type.name, paths);
  const seal = sealGrant(type.name);
  const aces = neededAces(policy, id, sheets);
  const roleR = { ...advisedRoleName(policy, id, base), permissions: base };
  const sealR = { ...advisedRoleName(policy, id, [...base, seal]), permissions: [...base, seal] };
  const exemption = exemptionOf(type, paths);
  const exempting = exemption.fields.length + exemption.relations.length > 0;
  const toSubscribe = sheets.filter((f) => sealSubscriptionOf(f, id) === null);

  const plain = compileLeanix(policy);
  const rolePolicy = withRole(policy, id, roleR, aces);
  const roleWs = compileLeanix(rolePolicy);
  const sealWs = compileLeanix(withRole(policy, id, sealR, aces));
  const exemptWs = compileLeanix(withExemption(rolePolicy, type.name, exemption));
  // the subscription setup differs from the role setup only in its fact sheets: judged by the role workspace on its own copies
  const subscribeIds = new Set(toSubscribe.map((f) => f.id));
  const adminWs = compileLeanix(withActor(policy, id, (u) => ({ ...u, role: 'ADMIN', customerRoles: [] })));

  const roleChange = (role: typeof roleR, more: Partial<SetupChange> = {}): SetupChange => ({
    role,
    standardRole: 'MEMBER',
    replaces: actor.customerRoles.filter((r) => r !== role.name),
    aces,
    exempt: null,
    subscribe: [],
    ...more,
  });
  const noChange: SetupChange = { role: null, standardRole: actor.role, replaces: [], aces: [], exempt: null, subscribe: [] };
  const t = (ws: CompiledLeanix) => run(ws, id, sheets, patches, at);
  const sealText = `${seal}: may also approve, break or reject the seal of every ${type.name}`;
  const silenced = exempting ? silencedUsers(plain, exemptWs, id, type.name, paths, sheets, at) : [];
  const roleTotals = run(roleWs, id, sheets, patches, at, true);
  const reapproved = reapprove(roleTotals, sealWs, id, type, sheets, patches, at);

  const drafts: Draft[] = [
    { setup: 'current', totals: t(plain), extras: currentExtras(plain, id, roleWs, type.name, base), silenced: [], change: noChange, note: '' },
    { setup: 'role', totals: roleTotals, extras: [], silenced: [], change: roleChange(roleR), note: '' },
    { setup: 'role-with-seal', totals: t(sealWs), extras: [sealText], silenced: [], change: roleChange(sealR), note: '' },
    { setup: 'exempt', totals: t(exemptWs), extras: [], silenced, change: roleChange(roleR, { exempt: exempting ? { type: type.name, ...exemption } : null }), note: '' },
    {
      setup: 'subscription',
      totals: runSubscribed(roleWs, id, sheets, subscribeIds, patches, at),
      extras: [`RESPONSIBLE subscriber of ${plural(sheets.length, 'fact sheet')}: may approve, break or reject their seals and is notified when others break them`],
      silenced: [],
      change: roleChange(roleR, { subscribe: toSubscribe.map((f) => ({ id: f.id, name: f.name })) }),
      note: '',
    },
    { setup: 'admin', totals: t(adminWs), extras: adminExtras(base), silenced: [], change: { ...noChange, standardRole: 'ADMIN', replaces: [...actor.customerRoles] }, note: '' },
    {
      setup: 'reapprove',
      totals: reapproved,
      extras: [`${seal}: re-approving needs the seal permission, so it may also approve, break or reject the seal of every ${type.name}`],
      silenced: [],
      change: roleChange(sealR),
      note: '',
    },
  ];
  const ctx: Context = { actor, type, paths, sheets: sheets.length, runsPerYear, exemption, approvalsDenied: reapproved.approvalsDenied };
  const options: AdviseOption[] = drafts.map((d) => {
    const { allowed, denied, sealBreaksPerRun, eventsPerRun, notificationsPerRun } = d.totals;
    const totals = { allowed, denied, sealBreaksPerRun, eventsPerRun, notificationsPerRun };
    const option = {
      setup: d.setup,
      ...totals,
      ...perYear(totals, runsPerYear),
      extraCapabilities: d.extras,
      silenced: d.silenced,
      permissions: d.change.role ? [...d.change.role.permissions] : [],
      subscriptionsNeeded: d.change.subscribe.length,
      recommended: false,
      note: noteFor(d, ctx),
      change: d.change,
    };
    return { ...option, request: requestText(ctx, option) };
  });
  const best = [...options].sort(rank(sheets.length))[0]!.setup;
  const final = options.map((o) => ({ ...o, recommended: o.setup === best }));
  const chosen = final.find((o) => o.recommended)!;
  const role = chosen.change.role ? { name: chosen.change.role.name, permissions: [...chosen.change.role.permissions] } : null;
  return { actor: id, type: type.name, paths, factSheets: sheets.length, runsPerYear, options: final, recommended: best, role, aces };
}

interface Context {
  readonly actor: LeanixUser;
  readonly type: FactSheetType;
  readonly paths: readonly string[];
  readonly sheets: number;
  readonly runsPerYear: number;
  readonly exemption: { fields: string[]; relations: string[] };
  readonly approvalsDenied: number;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function noteFor(d: Draft, c: Context): string {
  const o = d.totals;
  const breaks = o.sealBreaksPerRun
    ? `breaks ${plural(o.sealBreaksPerRun, 'seal')} per run and sends ${plural(o.notificationsPerRun, 'notification')}`
    : 'keeps every seal';
  const denied = o.denied ? `; ${o.denied} write${o.denied === 1 ? ' is' : 's are'} denied` : '';
  const type = c.type.name;
  switch (d.setup) {
    case 'current':
      return `${c.actor.id} as it is now ${breaks}${denied}`;
    case 'role':
      return `least privilege (the writes and the reads they need), but without the seal permission it ${breaks}${denied}`;
    case 'role-with-seal':
      return `least privilege plus the seal permission on ${type} only: ${breaks}${denied}; the risk is that it may also set seals of ${type}`;
    case 'exempt': {
      const change = d.change.exempt;
      if (!change) return `the written paths are exempt from the seal already or cannot be exempted: as \`role\`, it ${breaks}${denied}`;
      const what = list([...change.fields, ...change.relations]);
      const cost = d.silenced.length
        ? `the cost: edits of ${what} by ${plural(d.silenced.length, 'other user')} (${list(d.silenced)}) no longer break the seal either`
        : `nobody else's edits of ${what} break a seal today, so the exemption silences nobody`;
      return `least privilege, and ${type} exempts ${what} from its seal: ${breaks}${denied}; ${cost}`;
    }
    case 'subscription':
      return `${breaks}${denied}; needs ${plural(d.change.subscribe.length, 'new subscription')}, kept up to date as fact sheets come and go, and ${c.actor.id} becomes a notified owner`;
    case 'admin':
      return `${breaks}${denied}; far too broad: an ADMIN token can change anything in the workspace`;
    case 'reapprove': {
      if (!o.sealBreaksPerRun) return 'no approved seal among the fact sheets breaks: nothing to re-approve';
      const refused = c.approvalsDenied ? `; ${plural(c.approvalsDenied, 're-approval')} denied (mandatory values missing)` : '';
      return `each write still breaks the seal and notifies owners before the re-approval; ${plural(o.eventsPerRun, 'event')} per run, and the integration must read and restore the state${refused}${denied}`;
    }
  }
}

/** At most this many fact sheets are listed one by one in a request. */
const REQUEST_LIST_LIMIT = 50;

/** The setup's change as plain text for a ticket: what to create, assign and change, and what it does. */
function requestText(c: Context, o: Omit<AdviseOption, 'request'>): string {
  const ch = o.change;
  const who = `${c.actor.kind === 'technical' ? 'the technical user' : 'the user'} ${c.actor.id}`;
  const type = c.type.name;
  const out: string[] = [
    `Sealcheck advice: setup \`${o.setup}\` for ${who}`,
    `(${c.actor.id} writes ${c.paths.join(', ')} on ${plural(c.sheets, `${type} fact sheet`)}, ${plural(c.runsPerYear, 'run')} a year)`,
    '',
  ];
  const steps: string[] = [];
  if (o.setup === 'admin') {
    steps.push(`Give ${who} the standard role ADMIN${ch.replaces.length ? `; its customer roles ${list(ch.replaces)} no longer matter` : ''}.`);
  }
  if (ch.role) {
    const name = ch.role.name;
    const strings = ch.role.permissions.map((p) => `     ${p}`).join('\n');
    if (ch.role.exists) {
      steps.push(`The customer role ${name} exists already, with exactly these permission strings (nothing to create):\n${strings}`);
    } else {
      steps.push(`Create the customer role ${name} in the identity provider.`);
      steps.push(`Add these permission strings for ${name} to the workspace's authorization model:\n${strings}`);
    }
    const replaces = ch.replaces.length ? `, in place of its customer role${ch.replaces.length === 1 ? '' : 's'} ${list(ch.replaces)}` : '';
    const standard = c.actor.role !== ch.standardRole ? `, with the standard role ${ch.standardRole} (now ${c.actor.role}: ${c.actor.role === 'ADMIN' ? 'customer roles do not narrow ADMIN' : 'a VIEWER subscriber holds no seal permission'})` : '';
    steps.push(`Give ${who} the customer role ${name}${replaces}${standard}.`);
  }
  if (ch.aces.length) steps.push(`Give ${c.actor.id} the access control entit${ch.aces.length === 1 ? 'y' : 'ies'} ${list(ch.aces)}: the fact sheets' ACLs shut it out otherwise.`);
  if (ch.exempt) {
    const parts = [
      ch.exempt.fields.length ? `add ${list(ch.exempt.fields)} to the quality seal's ignoreUpdatesForFields` : '',
      ch.exempt.relations.length ? `add ${list(ch.exempt.relations)} to its ignoreUpdatesForRelations` : '',
    ].filter(Boolean);
    steps.push(`Change the data model of the fact sheet type ${type}: ${parts.join(', and ')}.`);
  }
  if (ch.subscribe.length) {
    const shown = ch.subscribe.slice(0, REQUEST_LIST_LIMIT).map((f) => `     - ${f.name} (${f.id})`);
    if (ch.subscribe.length > shown.length) shown.push(`     ... and ${(ch.subscribe.length - shown.length).toLocaleString('en-US')} more (\`sealcheck advise --json\` lists them all)`);
    steps.push(`Subscribe ${c.actor.id} as RESPONSIBLE to ${ch.subscribe.length === 1 ? `this ${type} fact sheet` : `these ${plural(ch.subscribe.length, `${type} fact sheet`)}`}:\n${shown.join('\n')}`);
  }
  if (!steps.length) out.push(`No change: ${c.actor.id} stays as it is.`);
  else {
    out.push('Please make this change in the LeanIX workspace:');
    steps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
  }
  out.push('');
  out.push(
    `Expected, as simulated by Sealcheck: ${o.allowed.toLocaleString('en-US')} of ${(o.allowed + o.denied).toLocaleString('en-US')} writes allowed, ` +
      `${plural(o.sealBreaksPerRun, 'seal break')} per run (${o.sealBreaksPerYear.toLocaleString('en-US')} a year), ` +
      `${plural(o.eventsPerRun, 'event')} and ${plural(o.notificationsPerRun, 'notification')} per run.`,
  );
  if (o.extraCapabilities.length) {
    out.push(`It also grants, beyond the least the job needs:`);
    for (const x of o.extraCapabilities.slice(0, 5)) out.push(`     - ${x}`);
    if (o.extraCapabilities.length > 5) out.push(`     - and ${o.extraCapabilities.length - 5} more`);
  }
  if (ch.exempt) {
    const what = list([...ch.exempt.fields, ...ch.exempt.relations]);
    out.push(
      o.silenced.length
        ? `The cost: edits of ${what} by ${plural(o.silenced.length, 'other user')} no longer break the seal either: ${o.silenced.join(', ')}.`
        : `Nobody else's edits of ${what} break a seal today: the exemption silences nobody.`,
    );
  }
  return out.join('\n');
}

/** All writes allowed first, then fewest seal breaks, fewest extra capabilities plus silenced users, fewest subscriptions to keep, fewest events; a tie keeps the order of SETUPS. */
function rank(total: number) {
  const weight = (o: AdviseOption) => o.extraCapabilities.length + o.silenced.length;
  return (a: AdviseOption, b: AdviseOption): number =>
    Number(b.allowed === total) - Number(a.allowed === total) ||
    a.sealBreaksPerRun - b.sealBreaksPerRun ||
    weight(a) - weight(b) ||
    a.subscriptionsNeeded - b.subscriptionsNeeded ||
    a.eventsPerRun - b.eventsPerRun ||
    SETUPS.indexOf(a.setup) - SETUPS.indexOf(b.setup);
}
