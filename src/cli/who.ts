// `sealcheck who FILE --fact-sheet ID [--paths /a,/b]`: for every user, would an edit keep
// the fact sheet's seal, break it, or be denied; who may approve it; who is notified;
// who cannot touch it. The answers come from src/engine/leanix/who.ts; this prints them.
import { compileLeanix } from '../engine/leanix/compile';
import type { SealHolder } from '../engine/leanix/decide';
import { whoAnswers } from '../engine/leanix/who';
import type { WhoAnswer, WhoUser } from '../engine/leanix/who';
import { checkAdviceQuestion, checkQuestion } from '../engine/question';
import type { Io } from './io';
import { fileLabel, loadFile, printErrors } from './io';
import { count, jsonText, plural, s, safe } from './text';

export interface WhoArgs {
  readonly file: string;
  readonly factSheet?: string;
  readonly paths?: string;
  readonly at?: string;
  readonly json: boolean;
}

/** Users listed per group in text; `--json` lists every one. */
const LISTED = 50;

function usage(io: Io, message: string): number {
  io.err(`sealcheck who: ${message}`);
  return 2;
}

export async function whoCommand(io: Io, args: WhoArgs): Promise<number> {
  const loaded = await loadFile(args.file, io);
  if (!loaded.ok) {
    printErrors(io, args.file, loaded.errors);
    return 2;
  }
  const policy = loaded.policy;
  if (policy.platform !== 'leanix') return usage(io, `${fileLabel(args.file)} is a Qualytics file; \`who\` answers for LeanIX fact sheets (for Qualytics, see \`sealcheck advise\` and \`sealcheck check\`)`);
  if (args.factSheet === undefined) return usage(io, '--fact-sheet: name the fact sheet');
  const sheetCheck = checkQuestion(policy, { platform: 'leanix', actor: '', operation: { op: 'read', factSheet: args.factSheet } });
  const sheetErrors = sheetCheck.ok ? [] : sheetCheck.errors.filter((e) => e.path.startsWith('operation'));
  if (sheetErrors.length) return usage(io, `--fact-sheet: ${safe(sheetErrors[0]!.message)}`);
  const sheet = policy.factSheets.find((f) => f.id === args.factSheet)!;
  let paths: string[] | undefined;
  if (args.paths !== undefined) {
    paths = args.paths.split(',').map((p) => p.trim()).filter(Boolean);
    const checked = checkAdviceQuestion(policy, { platform: 'leanix', actor: '', type: sheet.type, paths, factSheets: [sheet.id] });
    const problems = checked.ok ? [] : checked.errors.filter((e) => e.path.startsWith('paths'));
    if (problems.length) {
      for (const e of problems) io.err(`sealcheck who: --paths: ${safe(e.message)}`);
      return 2;
    }
  }
  let at = Date.parse(policy.asOf);
  if (args.at !== undefined) {
    at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(args.at) ? Date.parse(args.at) : NaN;
    if (Number.isNaN(at)) return usage(io, `--at: \`${safe(args.at)}\` is not a time; expected ISO 8601, like 2026-11-24T00:00:00Z`);
  }
  const answer = whoAnswers(compileLeanix(policy), { factSheet: sheet.id, at, ...(paths ? { paths } : {}) });
  if (args.json) io.out(jsonText({ ...answer, at: new Date(answer.at).toISOString() }));
  else printWho(io, answer);
  return 0;
}

function holderText(holder: SealHolder | null): string {
  if (!holder) return '';
  if (holder.by === 'admin') return 'ADMIN';
  if (holder.by === 'subscription') return `${holder.type} subscriber (${holder.role})`;
  return holder.holder.by === 'grant' ? `${holder.holder.role} grants lxState` : 'a grant on lxState';
}

function pathsText(paths: readonly string[]): string {
  return paths.length <= 4 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

function namesText(names: readonly string[]): string {
  if (!names.length) return 'no one';
  const shown = names.slice(0, LISTED).map((n) => safe(n));
  return names.length > LISTED ? `${shown.join(', ')} … and ${names.length - LISTED} more` : shown.join(', ');
}

export function printWho(io: Io, a: WhoAnswer): void {
  const f = a.factSheet;
  const state = `${a.sealEnabled ? a.lxState : 'no quality seal on its type'} (as of ${new Date(a.at).toISOString().slice(0, 10)})`;
  io.out(`${s`${f.name} (${f.id}), ${f.type}`}: ${state}`);
  io.out(a.paths ? `An edit of ${safe(a.paths.join(', '))} by each user:` : 'An edit by each user of every field, relation and section it may write whose edit can break the seal:');
  const width = Math.min(28, Math.max(8, ...a.users.map((u) => safe(u.user).length)));
  const group = (title: string, users: readonly WhoUser[], detail: (u: WhoUser) => string) => {
    io.out('');
    io.out(`${title} (${count(users.length)})${users.length ? ':' : ''}`);
    for (const u of users.slice(0, LISTED)) {
      const d = detail(u);
      io.out(`  ${safe(u.user).padEnd(width)}${d ? `  ${d}` : ''}`);
    }
    if (users.length > LISTED) io.out(`  … ${count(users.length - LISTED)} more (--json lists every one)`);
  };
  const by = (edit: WhoUser['edit']) => a.users.filter((u) => u.edit === edit);
  const pathsOf = (u: WhoUser) => (a.paths ? '' : safe(pathsText(u.paths)));
  group('Keep the seal', by('keeps'), (u) => [safe(holderText(u.sealHolder)), pathsOf(u)].filter(Boolean).join('; '));
  group('Break the seal', by('breaks'), (u) => [pathsOf(u), `notifies ${namesText(u.notified)}`].filter(Boolean).join('; '));
  const allowed = by('allowed');
  if (allowed.length) group(a.sealEnabled ? `May edit, no approved seal to keep (${a.lxState})` : 'May edit (no quality seal)', allowed, pathsOf);
  group('Denied', by('denied'), (u) => safe(u.editDetail ?? ''));
  io.out('');
  io.out(`May approve it (set /lxState to APPROVED): ${namesText(a.approvers)}`);
  if (!a.approvers.length) {
    // the same words for everyone (the seal disabled, mandatory values missing)? say them once
    const details = new Set(a.users.map((u) => u.approveDetail));
    if (details.size === 1) io.out(`  ${safe([...details][0] ?? '')}`);
  }
  io.out(`Notified when the seal breaks: ${namesText(a.notified)}`);
  io.out(`Cannot touch it (the edit denied, no approval): ${namesText(a.untouchable)}`);
  io.out(`${plural(a.users.length, 'user')}: ${a.keeps.length} keep, ${a.breaks.length} break, ${a.denied.length} denied, ${a.approvers.length} may approve`);
}
