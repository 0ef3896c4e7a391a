// The advice, proven in the workspace: the advised role, a user holding it (a copy of
// the actor), the data model change of `exempt`, and scenarios over every affected fact
// sheet (an update of the written paths and a read) whose expectations the engine
// computed. Never overwrites: a role, user or scenario of the same name that differs
// gets the next free name (`NAME_2`); one that is already there as it would be written
// is reused, so proving the same advice twice adds nothing the second time.
import type { CustomerRole, LeanixPolicy, LeanixScenario, LeanixUser } from '../../model/schema';
import { compileLeanix } from './compile';
import { evaluateLeanix } from './evaluate';
import { advisedPatches, withExemption } from './advise';
import type { Advice, Setup } from './advise';
import { freeName, roleName } from './free-name';
import { compile, runScenarios } from '../scenarios';

/** What the advice adds to a file, as it is to be written (no default filled in). */
export interface Additions {
  readonly roles: readonly CustomerRole[];
  readonly users: readonly LeanixUser[];
  readonly scenarios: readonly LeanixScenario[];
  /** Names the type's `ignoreUpdatesForFields` and `ignoreUpdatesForRelations` gain. */
  readonly exempt: { readonly type: string; readonly fields: readonly string[]; readonly relations: readonly string[] } | null;
}

export interface ProofReport {
  readonly setup: Setup;
  /** Why nothing is written for this setup; null when it can be proven. */
  readonly refused: string | null;
  /** The advised role, and whether it was added (false: the workspace has it already). */
  readonly role: { readonly name: string; readonly added: boolean } | null;
  /** The user holding it, and whether it was added. */
  readonly user: { readonly id: string; readonly added: boolean } | null;
  /** The seal exemptions added to the type (null: none). */
  readonly exempt: { readonly type: string; readonly fields: string[]; readonly relations: string[] } | null;
  /** Names of the scenarios added, and of those already there as they would be written. */
  readonly added: string[];
  readonly present: string[];
  /** Names chosen because the usual one was taken, said in words. */
  readonly renamed: string[];
  /** Existing scenarios that pass before the change and fail after it (the data model change of `exempt`). */
  readonly breaksExisting: string[];
}

export interface Proof {
  readonly report: ProofReport;
  /** The workspace with everything added. */
  readonly policy: LeanixPolicy;
  /** What is added, as it is to be written into the file (no default filled in). */
  readonly additions: Additions;
  /** Whether anything was added. */
  readonly changed: boolean;
}

const REFUSED: Partial<Record<Setup, string>> = {
  current: 'the setup `current` changes nothing, so there is no advised role to prove',
  admin: 'the setup `admin` needs no customer role, so there is no advised role to prove',
  subscription:
    'the setup `subscription` would subscribe a copy of the actor to every fact sheet, which changes whom other scenarios notify; the request lists the subscriptions to add',
};

/** JSON with sorted keys: two values that mean the same give the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

function scenarioKey(s: LeanixScenario): string {
  return canonical({ actor: s.actor, at: s.at ?? null, operation: s.operation, expect: s.expect });
}

/**
 * What proving `setup` of the advice adds to the workspace. `factSheets`: the fact
 * sheets the advice was asked about (default: every fact sheet of its type).
 */
export function proveAdvice(policy: LeanixPolicy, advice: Advice, setup: Setup = advice.recommended, factSheets?: readonly string[]): Proof {
  const option = advice.options.find((o) => o.setup === setup)!;
  const empty: ProofReport = { setup, refused: null, role: null, user: null, exempt: null, added: [], present: [], renamed: [], breaksExisting: [] };
  const refused = REFUSED[setup] ?? (option.change.role ? null : `the setup \`${setup}\` needs no customer role`);
  if (refused) return { report: { ...empty, refused }, policy, additions: { roles: [], users: [], scenarios: [], exempt: null }, changed: false };
  const change = option.change;
  const advised = change.role!;
  const actor = policy.users.find((u) => u.id === advice.actor)!;
  const renamed: string[] = [];

  // the role: reused when the workspace has it as advised (the advisor chose a free name otherwise)
  const role: CustomerRole = { name: advised.name, permissions: [...advised.permissions] };
  if (advised.name !== roleName(actor.id)) renamed.push(`a role \`${roleName(actor.id)}\` with other permissions is in the file: the advised role is \`${advised.name}\``);

  // the user: a copy of the actor holding only the advised role
  const aces = [...new Set([...actor.aces, ...change.aces])].sort();
  const base = `${actor.id}-advised`;
  const wantedUser = (id: string): LeanixUser => ({
    id,
    kind: actor.kind,
    role: 'MEMBER',
    customerRoles: [role.name],
    aces,
    expiresAt: actor.expiresAt,
    description: `Sealcheck: ${actor.id} as advised (setup \`${setup}\`), holding only ${role.name}`,
  });
  const userFit = freeName(base, (id) => {
    const found = policy.users.find((u) => u.id === id || u.email === id);
    if (!found) return 'free';
    const same = found.id === id && found.kind === actor.kind && found.role === 'MEMBER' && sameSet(found.customerRoles, [role.name]) && sameSet(found.aces, aces) && found.expiresAt === actor.expiresAt;
    return same ? 'same' : 'taken';
  });
  if (userFit.name !== base) renamed.push(`a user \`${base}\` that is not the advised copy is in the file: the copy is \`${userFit.name}\``);
  const user = wantedUser(userFit.name);

  let next: LeanixPolicy = {
    ...policy,
    roles: advised.exists ? policy.roles : [...policy.roles, role],
    users: userFit.exists ? policy.users : [...policy.users, user],
  };
  const exempt = change.exempt && change.exempt.fields.length + change.exempt.relations.length > 0 ? change.exempt : null;
  if (exempt) next = withExemption(next, exempt.type, exempt);

  // the scenarios, each expectation computed by the engine on the changed workspace
  const ws = compileLeanix(next);
  const at = Date.parse(policy.asOf);
  const wanted = factSheets ? new Set(factSheets) : null;
  const sheets = policy.factSheets.filter((f) => f.type === advice.type && (!wanted || wanted.has(f.id)));
  const candidates: LeanixScenario[] = [];
  const prefix = `advised ${setup}: ${user.id}`;
  for (const sheet of sheets) {
    const operation = { op: 'update' as const, factSheet: sheet.id, patches: advisedPatches(advice.paths) };
    const o = evaluateLeanix(ws, user.id, operation, at);
    candidates.push({
      name: `${prefix} writes ${advice.paths.join(', ')} on ${sheet.id}`,
      actor: user.id,
      operation,
      expect: {
        allowed: o.allowed,
        ...(o.allowed ? {} : { deniedPaths: o.deniedPaths }),
        lxStateAfter: o.lxStateAfter,
        sealBroken: o.sealBroken,
        notified: o.notified,
        events: o.events,
      },
    });
    const read = { op: 'read' as const, factSheet: sheet.id };
    candidates.push({ name: `${prefix} reads ${sheet.id}`, actor: user.id, operation: read, expect: { allowed: evaluateLeanix(ws, user.id, read, at).allowed } });
  }
  const byName = new Map(policy.scenarios.map((s) => [s.name, s as LeanixScenario]));
  const added: LeanixScenario[] = [];
  const present: string[] = [];
  for (const s of candidates) {
    const key = scenarioKey(s);
    const fit = freeName(s.name, (name) => {
      const found = byName.get(name) ?? added.find((a) => a.name === name);
      return !found ? 'free' : scenarioKey(found) === key ? 'same' : 'taken';
    });
    if (fit.exists) present.push(fit.name);
    else {
      if (fit.name !== s.name) renamed.push(`a scenario \`${s.name}\` with other expectations is in the file: this one is \`${fit.name}\``);
      added.push({ ...s, name: fit.name });
    }
  }
  next = { ...next, scenarios: [...next.scenarios, ...added] };

  let breaksExisting: string[] = [];
  if (exempt && policy.scenarios.length) {
    const before = runScenarios(policy, compile(policy));
    const after = new Map(runScenarios(next, compile(next)).map((r) => [r.name, r.passed]));
    breaksExisting = before.filter((r) => r.passed && after.get(r.name) === false).map((r) => r.name);
  }
  const report: ProofReport = {
    setup,
    refused: null,
    role: { name: role.name, added: !advised.exists },
    user: { id: user.id, added: !userFit.exists },
    exempt,
    added: added.map((s) => s.name),
    present,
    renamed,
    breaksExisting,
  };
  const written: LeanixUser = {
    id: user.id,
    kind: user.kind,
    role: user.role,
    customerRoles: user.customerRoles,
    ...(aces.length ? { aces } : {}),
    ...(user.expiresAt !== null ? { expiresAt: user.expiresAt } : {}),
    description: user.description,
  } as LeanixUser;
  const additions: Additions = { roles: advised.exists ? [] : [role], users: userFit.exists ? [] : [written], scenarios: added, exempt };
  return { report, policy: next, additions, changed: !advised.exists || !userFit.exists || exempt !== null || added.length > 0 };
}

/** The report in sentences, for the command line and the playground's status line. */
export function proofLines(report: ProofReport, where: string): string[] {
  if (report.refused) return [`nothing written: ${report.refused}`];
  const lines: string[] = [...report.renamed];
  const wrote: string[] = [];
  if (report.role?.added) wrote.push(`role ${report.role.name}`);
  if (report.user?.added) wrote.push(`user ${report.user.id}`);
  if (report.exempt) {
    const what = [...report.exempt.fields, ...report.exempt.relations].join(', ');
    wrote.push(`the seal exemption of ${what} on ${report.exempt.type}`);
  }
  if (report.added.length) wrote.push(`${report.added.length} scenario${report.added.length === 1 ? '' : 's'}`);
  if (!wrote.length) {
    lines.push(`nothing written: ${where} already holds role ${report.role!.name}, user ${report.user!.id} and the ${report.present.length} scenarios`);
    return lines;
  }
  lines.push(`wrote ${wrote.join(', ')} to ${where}${report.present.length ? ` (${report.present.length} scenarios were there already)` : ''}`);
  if (report.breaksExisting.length) {
    lines.push(`with the exemption, ${report.breaksExisting.length} existing scenario${report.breaksExisting.length === 1 ? '' : 's'} no longer pass${report.breaksExisting.length === 1 ? 'es' : ''}: ${report.breaksExisting.map((n) => `\`${n}\``).join(', ')}`);
  }
  return lines;
}

/**
 * The workspace with the additions as they are to be written into its file: the proof's
 * model, but the added user without the defaults the model fills in (src/policy/edit-text.ts
 * writes what this holds).
 */
export function proofToWrite(policy: LeanixPolicy, proof: Proof): LeanixPolicy {
  if (!proof.additions.users.length) return proof.policy;
  return { ...proof.policy, users: [...policy.users, ...proof.additions.users] };
}
