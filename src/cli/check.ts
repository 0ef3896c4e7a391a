// `sealcheck check FILE --actor ID ...`: one question without writing a scenario, answered
// with the full verdict in the words `explain` uses.
import type { LeanixOperation, LeanixPolicy, Patch, QualyticsActor, QualyticsOperation, QualyticsPolicy } from '../model/schema';
import { HTTP_METHODS } from '../model/vocabulary';
import { literalList } from '../model/words';
import { compileLeanix } from '../engine/leanix/compile';
import { evaluateLeanix } from '../engine/leanix/evaluate';
import { compileQualytics, evaluateQualytics } from '../engine/qualytics/evaluate';
import { checkQuestion } from '../engine/question';
import type { QuestionError } from '../engine/question';
import { leanixActual, qualyticsActual } from '../engine/scenarios';
import { explainLines, verdictOf } from '../engine/verdict';
import type { Fix, Reason } from '../engine/reasons';
import type { OptionToken, Values } from './args';
import type { Io } from './io';
import { fileLabel, loadFile, printErrors } from './io';
import { jsonText, s, safe, showValue } from './text';

/** A JSON value, as a patch value or a request body holds it. */
type Json = Exclude<Patch['value'], undefined>;

/** A command-line value: JSON when it parses as JSON, else the text as it is. */
export function valueOf(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

const LEANIX_ONLY = ['fact-sheet', 'set', 'add', 'remove', 'op', 'type'] as const;
const QUALYTICS_ONLY = ['token', 'action', 'datastore', 'request', 'body'] as const;
const OPS = ['update', 'create', 'archive', 'read'] as const;

/** Why the question cannot be asked: one line per problem, each naming its flag. */
class Problems {
  readonly lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
  }
}

/** When the question happens: `--at`, else the file's `asOf`. */
function timeOf(values: Values, asOf: string, problems: Problems): number {
  const at = values.at as string | undefined;
  if (at === undefined) return Date.parse(asOf);
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(at) ? Date.parse(at) : NaN;
  if (Number.isNaN(ms)) problems.add(`--at: \`${safe(at)}\` is not a time; expected ISO 8601, like 2026-11-24T00:00:00Z`);
  return ms;
}

export async function checkCommand(io: Io, file: string, values: Values, tokens: readonly OptionToken[]): Promise<number> {
  const loaded = await loadFile(file, io);
  if (!loaded.ok) {
    printErrors(io, file, loaded.errors);
    return 2;
  }
  const policy = loaded.policy;
  const problems = new Problems();
  const wrong = (policy.platform === 'leanix' ? QUALYTICS_ONLY : LEANIX_ONLY).filter((name) => values[name] !== undefined);
  for (const name of wrong) problems.add(`--${name} is for ${policy.platform === 'leanix' ? 'Qualytics' : 'LeanIX'} files; ${fileLabel(file)} is a ${policy.platform} file`);
  if (wrong.length) return fail(io, problems);
  const at = timeOf(values, policy.asOf, problems);
  return policy.platform === 'leanix' ? checkLeanix(io, policy, values, tokens, at, problems) : checkQualytics(io, policy, values, at, problems);
}

function fail(io: Io, problems: Problems): number {
  for (const line of problems.lines) io.err(`sealcheck check: ${line}`);
  return 2;
}

// ---------------------------------------------------------------- LeanIX

interface Written {
  /** The flag and argument as given, to name it in errors: `--set /cveCount=5`. */
  readonly flag: string;
  readonly patch: Patch;
}

function patchesOf(tokens: readonly OptionToken[], problems: Problems): Written[] {
  const out: Written[] = [];
  for (const t of tokens) {
    if (t.name !== 'set' && t.name !== 'add' && t.name !== 'remove') continue;
    const text = t.value ?? '';
    const flag = `--${t.name} ${safe(text)}`;
    if (t.name === 'remove') {
      if (!text.startsWith('/')) problems.add(`${flag}: expected a path starting with \`/\`, like \`/lifecycle\``);
      out.push({ flag, patch: { op: 'remove', path: text } });
      continue;
    }
    const eq = text.indexOf('=');
    if (eq < 0 || !text.startsWith('/')) {
      problems.add(`${flag}: expected /path=VALUE, like \`/lifecycle=active\` or \`/cveCount=3\``);
      continue;
    }
    out.push({ flag, patch: { op: t.name === 'set' ? 'replace' : 'add', path: text.slice(0, eq), value: valueOf(text.slice(eq + 1)) } });
  }
  return out;
}

function checkLeanix(io: Io, policy: LeanixPolicy, values: Values, tokens: readonly OptionToken[], at: number, problems: Problems): number {
  const actor = values.actor as string | undefined;
  if (actor === undefined) problems.add('--actor: name the user who acts');
  const written = patchesOf(tokens, problems);
  const opText = values.op as string | undefined;
  if (opText !== undefined && !(OPS as readonly string[]).includes(opText)) problems.add(`--op: expected ${literalList(OPS)}, found \`${safe(opText)}\``);
  const op = (opText ?? (written.length ? 'update' : undefined)) as (typeof OPS)[number] | undefined;
  const factSheet = values['fact-sheet'] as string | undefined;
  const type = values.type as string | undefined;
  let operation: LeanixOperation | null = null;
  if (op === undefined) problems.add('say what the actor does: --set /path=VALUE, --add, --remove, or --op read|archive|create');
  else if (op === 'create') {
    if (factSheet !== undefined) problems.add('--fact-sheet: a create makes a new fact sheet; name its --type instead');
    if (type === undefined) problems.add('--type: a create needs the type of the new fact sheet');
    const entries: [string, Json][] = [];
    for (const w of written) {
      if (w.patch.op !== 'replace') problems.add(`${w.flag}: a create takes values with --set /field=VALUE only`);
      else if (!/^\/[^/]+$/.test(w.patch.path)) problems.add(`${w.flag}: a value of a new fact sheet is one field, like /name=Shop`);
      else entries.push([w.patch.path.slice(1), w.patch.value as Json]);
    }
    if (type !== undefined) operation = { op: 'create', type, values: Object.fromEntries(entries) };
  } else {
    if (type !== undefined) problems.add(`--type: only a create takes a type; the fact sheet's type is its own`);
    if (factSheet === undefined) problems.add(`--fact-sheet: ${op === 'update' ? 'an update' : `a ${op}`} needs the fact sheet`);
    if (op === 'update' && !written.length && opText !== undefined) problems.add('--op update: give the patches with --set /path=VALUE, --add /path=VALUE or --remove /path');
    if (op !== 'update' && written.length) problems.add(`${written[0]!.flag}: a ${op} takes no patches`);
    if (factSheet !== undefined) operation = op === 'update' ? { op, factSheet, patches: written.map((w) => w.patch) } : { op, factSheet };
  }
  if (!operation || actor === undefined || (operation.op === 'update' && !operation.patches.length)) return fail(io, problems);
  // every problem at once: the question's too, even when a flag was malformed
  const checked = checkQuestion(policy, { platform: 'leanix', actor, operation });
  if (!checked.ok) for (const e of checked.errors) problems.add(`${leanixFlag(e, written, operation)}${safe(e.message)}`);
  if (problems.lines.length) return fail(io, problems);
  const outcome = evaluateLeanix(compileLeanix(policy), actor, operation, at);
  const sheet = operation.op === 'create' ? null : policy.factSheets.find((f) => f.id === operation.factSheet);
  const what =
    operation.op === 'create'
      ? s`create a ${operation.type}${Object.keys(operation.values).length ? ` with ${Object.entries(operation.values).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}` : ''}`
      : s`${operation.op} ${operation.factSheet} (${sheet?.name ?? ''})` +
        (operation.op === 'update' ? `: ${operation.patches.map((p) => s`${p.op} ${p.path}${p.op === 'remove' ? '' : ` = ${JSON.stringify(p.value)}`}`).join(', ')}` : '');
  return answer(io, values, { platform: 'leanix', actor, operation, at: new Date(at).toISOString() }, `${safe(actor)}: ${what}`, verdictOf(outcome), outcome.reasons, outcome.fixes, leanixActual(outcome));
}

/** The flag a located question error comes from. */
function leanixFlag(e: QuestionError, written: readonly Written[], operation: LeanixOperation): string {
  if (e.path === 'actor') return '--actor: ';
  if (e.path === 'operation.factSheet') return '--fact-sheet: ';
  if (e.path === 'operation.type') return '--type: ';
  const patch = /^operation\.patches\[(\d+)\]/.exec(e.path);
  if (patch) return `${written[Number(patch[1])]?.flag ?? '--set'}: `;
  if (e.path === 'operation.patches') return '';
  if (e.path.startsWith('operation.values') && operation.op === 'create') {
    const key = e.path.replace(/^operation\.values\.?/, '').replace(/^\["?|"?\]$/g, '');
    return `${written.find((w) => w.patch.path === `/${key}`)?.flag ?? '--set'}: `;
  }
  return e.path ? `${e.path}: ` : '';
}

// ---------------------------------------------------------------- Qualytics

function checkQualytics(io: Io, policy: QualyticsPolicy, values: Values, at: number, problems: Problems): number {
  const user = values.actor as string | undefined;
  const token = values.token as string | undefined;
  if ((user === undefined) === (token === undefined)) problems.add('give either --actor ID (a user) or --token ID (a token)');
  const action = values.action as string | undefined;
  const request = values.request as string | undefined;
  let operation: QualyticsOperation | null = null;
  if ((action === undefined) === (request === undefined)) problems.add("give either --action ACTION [--datastore ID] or --request 'METHOD /path' [--body JSON]");
  else if (action !== undefined) {
    if (values.body !== undefined) problems.add('--body goes with --request');
    const datastore = values.datastore as string | undefined;
    operation = { action: action as never, ...(datastore !== undefined ? { datastore } : {}) };
  } else if (request !== undefined) {
    if (values.datastore !== undefined) problems.add('--datastore goes with --action');
    const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(request);
    const method = m?.[1]!.toUpperCase();
    if (!m || !(HTTP_METHODS as readonly string[]).includes(method!)) problems.add(`--request: expected 'METHOD /path' with METHOD ${literalList(HTTP_METHODS)}, like 'POST /users'; found \`${safe(request)}\``);
    else if (!m[2]!.startsWith('/')) problems.add(`--request: expected a path starting with \`/\`, found \`${safe(m[2]!)}\``);
    let body: Json | undefined;
    if (values.body !== undefined) {
      try {
        body = JSON.parse(values.body as string) as Json;
      } catch {
        problems.add(`--body: not JSON: \`${safe(values.body as string)}\``);
      }
    }
    if (m) operation = { request: { method: method as (typeof HTTP_METHODS)[number], path: m[2]!, ...(body !== undefined ? { body } : {}) } };
  }
  if (problems.lines.length || !operation) return fail(io, problems);
  const actor: QualyticsActor = token !== undefined ? { token } : user!;
  const checked = checkQuestion(policy, { platform: 'qualytics', actor, operation });
  if (!checked.ok) {
    const flags: Record<string, string> = { actor: '--actor: ', 'actor.token': '--token: ', 'operation.action': '--action: ', 'operation.datastore': '--datastore: ', 'operation.request': '--request: ' };
    for (const e of checked.errors) problems.add(`${Object.prototype.hasOwnProperty.call(flags, e.path) ? flags[e.path] : e.path ? `${e.path}: ` : ''}${safe(e.message)}`);
    return fail(io, problems);
  }
  const outcome = evaluateQualytics(compileQualytics(policy), actor, operation, at);
  const who = typeof actor === 'string' ? actor : `token ${actor.token}`;
  const what = 'action' in operation ? `${operation.action}${operation.datastore !== undefined ? ` on ${operation.datastore}` : ''}` : `${operation.request.method} ${operation.request.path}`;
  return answer(io, values, { platform: 'qualytics', actor, operation, at: new Date(at).toISOString() }, s`${who}: ${what}`, verdictOf(outcome), outcome.reasons, outcome.fixes, qualyticsActual(outcome));
}

// ---------------------------------------------------------------- the answer

function answer(io: Io, values: Values, question: object, title: string, verdict: ReturnType<typeof verdictOf>, reasons: readonly Reason[], fixes: readonly Fix[], actual: Record<string, unknown>): number {
  if (values.json) {
    io.out(jsonText({ question, verdict, actual, reasons: reasons.map((r) => r.text), fixes: fixes.map((f) => f.text) }));
    return 0;
  }
  io.out(title);
  for (const line of explainLines(verdict, reasons, fixes)) io.out(safe(line));
  io.out('');
  io.out('Outcome:');
  for (const [key, value] of Object.entries(actual)) io.out(`  ${safe(key)}: ${showValue(value)}`);
  return 0;
}
