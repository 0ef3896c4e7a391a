// `sealcheck advise`: what should the integration user be?
import { writeFile } from 'node:fs/promises';
import type { LeanixPolicy, LeanixScenario, QualyticsPolicy } from '../model/schema';
import { advise, roleName } from '../engine/leanix/advise';
import type { Advice } from '../engine/leanix/advise';
import { adviseQualytics } from '../engine/qualytics/advise';
import { compileLeanix } from '../engine/leanix/compile';
import { checkAdviceQuestion, isQualyticsAction } from '../engine/question';
import type { AdviceQuestion, QuestionError } from '../engine/question';
import { evaluateLeanix } from '../engine/leanix/evaluate';
import type { Io } from './io';
import { loadFile, printErrors } from './io';

export interface AdviseArgs {
  file: string;
  actor?: string;
  type?: string;
  paths?: string;
  factSheets?: string;
  runsPerYear?: string;
  actions?: string;
  datastores?: string;
  json: boolean;
  writeScenarios: boolean;
}

const split = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

export async function adviseCommand(io: Io, args: AdviseArgs): Promise<number> {
  const loaded = await loadFile(args.file);
  if (!loaded.ok) {
    printErrors(io, args.file, loaded.errors);
    return 2;
  }
  const policy = loaded.policy;
  if (!args.actor) return usageError(io, 'advise needs `--actor ID`');
  if (policy.platform === 'qualytics') return adviseQ(io, policy, args.actor, args);
  if (!args.type || !args.paths) return usageError(io, 'advise on a LeanIX file needs `--type T --paths /a,/b`');
  const paths = split(args.paths);
  const factSheets = args.factSheets ? split(args.factSheets) : undefined;
  const question: AdviceQuestion = { platform: 'leanix', actor: args.actor, type: args.type, paths, ...(factSheets ? { factSheets } : {}) };
  const checked = checkAdviceQuestion(policy, question);
  if (!checked.ok) return questionErrors(io, checked.errors);
  const type = policy.factSheetTypes.find((t) => t.name === args.type)!;
  const runs = args.runsPerYear === undefined ? 52 : Number(args.runsPerYear);
  if (!Number.isInteger(runs) || runs < 0) return usageError(io, '`--runs-per-year` takes a whole number');
  const advice = advise(policy, { actor: args.actor, type: type.name, paths, runsPerYear: runs, ...(factSheets ? { factSheets } : {}) });
  if (args.writeScenarios) {
    const written = await writeScenarios(args.file, policy, advice);
    if (written) io.err(written);
  }
  if (args.json) {
    io.out(JSON.stringify({ ...advice, options: advice.options }, null, 2));
    return 0;
  }
  io.out(`${advice.actor} writing ${paths.join(', ')} on ${advice.factSheets.toLocaleString('en-US')} ${type.name} fact sheet${advice.factSheets === 1 ? '' : 's'}, ${runs} runs a year:`);
  io.out('');
  const rows = advice.options.map((o) => [
    `${o.recommended ? '*' : ' '} ${o.setup}`,
    `${o.allowed}/${o.allowed + o.denied}`,
    String(o.sealBreaksPerRun),
    String(o.eventsPerRun),
    String(o.notificationsPerRun),
    String(o.notificationsPerYear.toLocaleString('en-US')),
    String(o.extraCapabilities.length),
  ]);
  const head = ['  setup', 'allowed', 'breaks/run', 'events/run', 'notif./run', 'notif./year', 'extra caps'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  io.out(line(head));
  for (const r of rows) io.out(line(r));
  io.out('');
  for (const o of advice.options) {
    io.out(`${o.setup}: ${o.note}`);
    for (const x of o.extraCapabilities.slice(0, 5)) io.out(`    + ${x}`);
    if (o.extraCapabilities.length > 5) io.out(`    + ${o.extraCapabilities.length - 5} more`);
  }
  io.out('');
  io.out(`Recommended: ${advice.recommended}`);
  if (advice.role) {
    io.out('The customer role, ready to paste:');
    io.out(JSON.stringify(advice.role, null, 2));
  }
  if (advice.aces.length) io.out(`The role setups also give ${advice.actor} the access control entities ${advice.aces.join(', ')}: write ACLs shut it out otherwise`);
  return 0;
}

function usageError(io: Io, message: string): number {
  io.err(`sealcheck advise: ${message}`);
  return 2;
}

/** The flag each part of the advisor's question comes from. */
const FLAGS: Record<string, string> = { actor: '--actor', type: '--type', paths: '--paths', factSheets: '--fact-sheets', actions: '--actions', datastores: '--datastores' };

/** Every problem of the question, each named by the flag it comes from. */
function questionErrors(io: Io, errors: readonly QuestionError[]): number {
  for (const e of errors) {
    const part = /^[A-Za-z]+/.exec(e.path)?.[0] ?? '';
    const flag = Object.prototype.hasOwnProperty.call(FLAGS, part) ? FLAGS[part] : undefined;
    io.err(`sealcheck advise: ${flag ? `${flag}: ` : ''}${e.message}`);
  }
  return 2;
}

/** Appends the recommended role, a user holding it, and scenarios that prove it. */
async function writeScenarios(file: string, policy: LeanixPolicy, advice: Advice): Promise<string | null> {
  if (!advice.role) return 'nothing written: the recommendation needs no new customer role';
  const { scenarios, role, user } = provingScenarios(policy, advice);
  const raw = { ...policy, roles: [...policy.roles.filter((r) => r.name !== role.name), role], users: [...policy.users.filter((u) => u.id !== user.id), user], scenarios: [...policy.scenarios.filter((s) => !scenarios.some((x) => x.name === s.name)), ...scenarios] };
  await writeFile(file, `${JSON.stringify(raw, null, 2)}\n`);
  return `wrote role ${role.name}, user ${user.id} and ${scenarios.length} scenarios to ${file}`;
}

/** The recommended role held by a copy of the actor, with scenarios whose expectations the engine computes. */
export function provingScenarios(policy: LeanixPolicy, advice: Advice) {
  const actor = policy.users.find((u) => u.id === advice.actor)!;
  const role = { name: roleName(advice.actor), permissions: [...advice.role!.permissions] };
  const user = { ...actor, id: `${advice.actor}-advised`, role: 'MEMBER' as const, customerRoles: [role.name], aces: [...new Set([...actor.aces, ...advice.aces])] };
  const withRole = { ...policy, roles: [...policy.roles.filter((r) => r.name !== role.name), role], users: [...policy.users.filter((u) => u.id !== user.id), user] };
  const ws = compileLeanix(withRole);
  const at = Date.parse(policy.asOf);
  const sheets = policy.factSheets.filter((f) => f.type === advice.type).slice(0, 5);
  const scenarios: LeanixScenario[] = sheets.map((sheet) => {
    const operation = { op: 'update' as const, factSheet: sheet.id, patches: advice.paths.map((path) => ({ op: 'replace' as const, path, value: 'sealcheck' })) };
    const o = evaluateLeanix(ws, user.id, operation, at);
    return {
      name: `advised role ${role.name} writes ${advice.paths.join(', ')} on ${sheet.id} and keeps the seal`,
      actor: user.id,
      operation,
      expect: { allowed: true, sealBroken: false, lxStateAfter: o.lxStateBefore, notified: [] },
    };
  });
  return { scenarios, role, user };
}

function adviseQ(io: Io, policy: QualyticsPolicy, actor: string, args: AdviseArgs): number {
  const names = split(args.actions);
  if (!names.length) return usageError(io, 'advise on a Qualytics file needs `--actions a,b`');
  const datastores = split(args.datastores);
  const checked = checkAdviceQuestion(policy, { platform: 'qualytics', actor, actions: names, datastores });
  if (!checked.ok) return questionErrors(io, checked.errors);
  const advice = adviseQualytics(policy, { actor, actions: names.filter(isQualyticsAction), datastores });
  if (args.json) {
    io.out(JSON.stringify(advice, null, 2));
    return 0;
  }
  io.out(`${advice.actor} needs the ${advice.role} role${advice.level ? ` and ${advice.level} on ${datastores.join(', ')}` : ''}`);
  io.out(advice.note);
  if (advice.alsoAllows.length) io.out(`That also allows: ${advice.alsoAllows.join(', ')}`);
  return 0;
}
