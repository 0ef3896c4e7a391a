// `sealcheck advise`: what should the integration user be?
import { readFile } from 'node:fs/promises';
import type { LeanixPolicy, QualyticsPolicy } from '../model/schema';
import { SETUPS, advise, isSetup } from '../engine/leanix/advise';
import type { Advice, Setup } from '../engine/leanix/advise';
import { proofLines, proofToWrite, proveAdvice } from '../engine/leanix/advise-proof';
import { editPolicyText } from '../policy/edit-text';
import { suggestion } from '../model/words';
import { writeAtomically } from './migrate';
import { adviseQualytics } from '../engine/qualytics/advise';
import { checkAdviceQuestion, isQualyticsAction } from '../engine/question';
import type { AdviceQuestion, QuestionError } from '../engine/question';
import type { Io } from './io';
import { STDIN, fileLabel, loadFile, printErrors } from './io';
import { count, jsonText, plural, s, safe, safeLines } from './text';

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
  /** Print the change the setup needs as plain text for a ticket. */
  request?: boolean;
  /** The setup `--request` and `--write-scenarios` are about (default: the recommended one). */
  setup?: string;
}

const split = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

export async function adviseCommand(io: Io, args: AdviseArgs): Promise<number> {
  if (args.writeScenarios && args.file === STDIN) return usageError(io, '`--write-scenarios` writes to FILE: give a file, not `-` (standard input)');
  const loaded = await loadFile(args.file, io);
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
  const runs = runsPerYear(args.runsPerYear);
  if (typeof runs === 'string') return usageError(io, runs);
  if (args.setup !== undefined && !isSetup(args.setup)) return usageError(io, `\`--setup\`: unknown setup \`${safe(args.setup)}\`${suggestion(args.setup, SETUPS)}; expected ${SETUPS.join(', ')}`);
  const advice = advise(policy, { actor: args.actor, type: type.name, paths, runsPerYear: runs, ...(factSheets ? { factSheets } : {}) });
  const setup: Setup = args.setup !== undefined && isSetup(args.setup) ? args.setup : advice.recommended;
  if (args.writeScenarios) await writeScenarios(io, args.file, policy, advice, setup, factSheets);
  if (args.json) {
    io.out(jsonText({ ...advice, options: advice.options }));
    return 0;
  }
  if (args.request) {
    for (const line of safeLines(advice.options.find((o) => o.setup === setup)!.request, policy)) io.out(line);
    return 0;
  }
  io.out(`${s`${advice.actor} writing ${paths.join(', ')} on`} ${plural(advice.factSheets, `${safe(type.name)} fact sheet`)}, ${count(runs)} runs a year:`);
  io.out('');
  const rows = advice.options.map((o) => [
    `${o.recommended ? '*' : ' '} ${o.setup}`,
    `${o.allowed}/${o.allowed + o.denied}`,
    String(o.sealBreaksPerRun),
    String(o.eventsPerRun),
    String(o.notificationsPerRun),
    count(o.notificationsPerYear),
    String(o.extraCapabilities.length),
    String(o.silenced.length),
  ]);
  const head = ['  setup', 'allowed', 'breaks/run', 'events/run', 'notif./run', 'notif./year', 'extra caps', 'silenced'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  io.out(line(head));
  for (const r of rows) io.out(line(r));
  io.out('');
  for (const o of advice.options) {
    io.out(s`${o.setup}: ${o.note}`);
    if (o.permissions.length) io.out(s`    role ${o.change.role!.name}: ${o.permissions.join(' ')}`);
    for (const x of o.extraCapabilities.slice(0, 5)) io.out(`    + ${safe(x)}`);
    if (o.extraCapabilities.length > 5) io.out(`    + ${o.extraCapabilities.length - 5} more`);
  }
  io.out('');
  io.out(`Recommended: ${advice.recommended}`);
  if (advice.role) {
    io.out('The customer role, ready to paste:');
    for (const line of jsonText(advice.role).split('\n')) io.out(line);
  }
  io.out(`The change to ask for: \`sealcheck advise ... --request\` (or \`--request --setup NAME\` for another setup)`);
  if (advice.aces.length) io.out(s`The role setups also give ${advice.actor} the access control entities ${advice.aces.join(', ')}: the fact sheets' ACLs shut it out otherwise`);
  return 0;
}

/** `--runs-per-year`: a whole number from 1 to 1,000,000 in decimal digits (default 52, weekly); else why not. */
export function runsPerYear(text: string | undefined): number | string {
  if (text === undefined) return 52;
  const shown = `\`${safe(text)}\``;
  if (!/^\d+$/.test(text.trim())) return `\`--runs-per-year\` takes a whole number of runs from 1 to 1,000,000, like 52 (weekly); found ${shown}`;
  const n = Number(text.trim());
  if (n < 1) return `\`--runs-per-year\` must be at least 1: an integration that never runs needs no advice; found ${shown}`;
  if (n > MAX_RUNS_PER_YEAR) return `\`--runs-per-year\` is at most 1,000,000 (about one run every 30 seconds); found ${shown}`;
  return n;
}

const MAX_RUNS_PER_YEAR = 1_000_000;

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
    io.err(`sealcheck advise: ${flag ? `${flag}: ` : ''}${safe(e.message)}`);
  }
  return 2;
}

/**
 * Adds the setup's role, a user holding it (and for `exempt` the data model change) and
 * the scenarios that prove it to FILE, changing only what must change in its text;
 * never overwrites, adds nothing when all is there. A version 1 file stays version 1
 * unless the seal exemption (a version 2 key) is to be written: then it is migrated first.
 */
async function writeScenarios(io: Io, file: string, policy: LeanixPolicy, advice: Advice, setup: Setup, factSheets: readonly string[] | undefined): Promise<void> {
  const proof = proveAdvice(policy, advice, setup, factSheets);
  if (proof.changed) {
    const text = await readFile(file, 'utf8');
    // only what must change in the text (src/policy/edit-text.ts), checked to read as the workspace with the additions
    const edited = editPolicyText(text, policy, proofToWrite(policy, proof));
    if (!edited.ok) throw new Error(`the file with the advice would not be right (${edited.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}); nothing was written`);
    if (edited.migrated) io.err(`${fileLabel(file)} is a version 1 file and seal exemptions are version 2: it is migrated first, as \`sealcheck migrate\` does`);
    if (edited.changed) await writeAtomically(file, edited.text);
  }
  for (const line of proofLines(proof.report, file)) for (const l of safeLines(line, policy)) io.err(l);
}

function adviseQ(io: Io, policy: QualyticsPolicy, actor: string, args: AdviseArgs): number {
  const names = split(args.actions);
  if (!names.length) return usageError(io, 'advise on a Qualytics file needs `--actions a,b`');
  const datastores = split(args.datastores);
  const checked = checkAdviceQuestion(policy, { platform: 'qualytics', actor, actions: names, datastores });
  if (!checked.ok) return questionErrors(io, checked.errors);
  const advice = adviseQualytics(policy, { actor, actions: names.filter(isQualyticsAction), datastores });
  if (args.json) {
    io.out(jsonText(advice));
    return 0;
  }
  io.out(s`${advice.actor} needs the ${advice.role} role${advice.level ? ` and ${advice.level} on ${datastores.join(', ')}` : ''}`);
  for (const line of safeLines(advice.note, policy)) io.out(line);
  if (advice.alsoAllows.length) io.out(s`That also allows: ${advice.alsoAllows.join(', ')}`);
  return 0;
}
