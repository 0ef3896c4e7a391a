// `sealcheck validate | test | explain | advise | diff | migrate`: exit 0 ok, 1 a scenario fails, 2 invalid input.
import { parseArgs } from 'node:util';
import type { Scenario } from '../model/schema';
import type { PolicyError } from '../policy/errors';
import { compile, runScenario, runScenarios } from '../engine/scenarios';
import type { ScenarioResult } from '../engine/scenarios';
import { explainLines } from '../engine/verdict';
import { adviseCommand } from './advise';
import { diffCommand } from './diff';
import { migrateCommand } from './migrate';
import { PULL_USAGE, pullCommand } from './pull';
import type { Io } from './io';
import { defaultIo, loadFile, paint, printErrors } from './io';

export type { Io };

const USAGE = `usage:
  sealcheck validate FILE
  sealcheck test FILE... [--json]
  sealcheck explain FILE --scenario NAME
  sealcheck advise FILE --actor ID --type T --paths /a,/b [--fact-sheets ID,...] [--runs-per-year N] [--json] [--write-scenarios] [--request] [--setup NAME]
  sealcheck advise FILE --actor ID --actions a,b --datastores d1,d2 [--json]   (Qualytics)
  sealcheck diff OLD NEW [--json]
  sealcheck migrate FILE [--out FILE]
${PULL_USAGE}`;

function show(value: unknown): string {
  return JSON.stringify(value);
}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.err(`sealcheck: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'pull') return pullCommand(io, rest); // its own options (src/cli/pull.ts)
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        scenario: { type: 'string' },
        actor: { type: 'string' },
        type: { type: 'string' },
        paths: { type: 'string' },
        'fact-sheets': { type: 'string' },
        'runs-per-year': { type: 'string' },
        actions: { type: 'string' },
        datastores: { type: 'string' },
        'write-scenarios': { type: 'boolean', default: false },
        request: { type: 'boolean', default: false },
        setup: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`sealcheck: ${(error as Error).message.replace(/\. To specify.*$/s, '').replace(/^Unknown option/, 'unknown option')}`);
    io.err(USAGE);
    return 2;
  }
  const { values: v, positionals: args } = parsed;
  switch (command) {
    case 'validate':
      if (args.length !== 1) return usage(io);
      return validate(io, args[0]!);
    case 'test':
      if (!args.length) return usage(io);
      return test(io, args, v.json);
    case 'explain':
      if (args.length !== 1 || v.scenario === undefined) return usage(io);
      return explain(io, args[0]!, v.scenario);
    case 'advise':
      if (args.length !== 1) return usage(io);
      return adviseCommand(io, {
        file: args[0]!,
        actor: v.actor,
        type: v.type,
        paths: v.paths,
        factSheets: v['fact-sheets'],
        runsPerYear: v['runs-per-year'],
        actions: v.actions,
        datastores: v.datastores,
        json: v.json,
        writeScenarios: v['write-scenarios'],
        request: v.request,
        setup: v.setup,
      });
    case 'diff':
      if (args.length !== 2) return usage(io);
      return diffCommand(io, args[0]!, args[1]!, v.json);
    case 'migrate':
      if (args.length !== 1) return usage(io);
      return migrateCommand(io, args[0]!, v.out);
    case undefined:
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return usage(io, command);
  }
}

function usage(io: Io, unknown?: string): number {
  if (unknown) io.err(`sealcheck: unknown command or option \`${unknown}\``);
  io.err(USAGE);
  return 2;
}

async function validate(io: Io, file: string): Promise<number> {
  const loaded = await loadFile(file);
  if (!loaded.ok) {
    printErrors(io, file, loaded.errors);
    return 2;
  }
  const p = loaded.policy;
  io.out(`${file}: valid ${p.platform} policy file \`${p.name}\`, ${p.scenarios.length} scenario${p.scenarios.length === 1 ? '' : 's'}`);
  return 0;
}

interface FileReport {
  file: string;
  errors?: PolicyError[];
  results: ScenarioResult[];
}

async function test(io: Io, files: readonly string[], json: boolean): Promise<number> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const loaded = await loadFile(file);
    reports.push(loaded.ok ? { file, results: runScenarios(loaded.policy) } : { file, errors: loaded.errors, results: [] });
  }
  const all = reports.flatMap((r) => r.results);
  const passed = all.filter((r) => r.passed).length;
  const failed = all.length - passed;
  const invalid = reports.some((r) => r.errors);
  if (json) {
    io.out(
      JSON.stringify(
        {
          files: reports.map((r) => ({
            file: r.file,
            ...(r.errors ? { errors: r.errors } : {}),
            scenarios: r.results.map((s) => ({
              name: s.name,
              passed: s.passed,
              expected: s.expected,
              actual: s.actual,
              reasons: s.reasons.map((x) => x.text),
            })),
          })),
          passed,
          failed,
        },
        null,
        2,
      ),
    );
  } else {
    for (const report of reports) {
      if (report.errors) {
        printErrors(io, report.file, report.errors);
        continue;
      }
      io.out(report.file);
      // failures first, then passes, each in file order
      const ordered = [...report.results.filter((r) => !r.passed), ...report.results.filter((r) => r.passed)];
      for (const r of ordered) {
        const v = r.verdict;
        if (r.passed) {
          io.out(`  ${paint(io, 32, 'pass')} ${r.name} (${v.headline})`);
          continue;
        }
        io.out(`  ${paint(io, 31, 'FAIL')} ${r.name}`);
        for (const m of r.mismatches) io.out(`       ${m.key}: expected ${show(m.expected)}, actual ${show(m.actual)}`);
        io.out(`       ${v.headline} — ${v.detail}`);
      }
    }
    io.out(`${passed} passed, ${failed} failed${invalid ? `, ${reports.filter((r) => r.errors).length} invalid file(s)` : ''}`);
  }
  return invalid ? 2 : failed ? 1 : 0;
}

async function explain(io: Io, file: string, name: string): Promise<number> {
  const loaded = await loadFile(file);
  if (!loaded.ok) {
    printErrors(io, file, loaded.errors);
    return 2;
  }
  const scenarios: readonly Scenario[] = loaded.policy.scenarios;
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) {
    io.err(`${file}: no scenario named \`${name}\``);
    const names = scenarios.map((s) => s.name);
    if (names.length) io.err(`scenarios: ${names.map((n) => `\`${n}\``).join(', ')}`);
    return 2;
  }
  const r = runScenario(compile(loaded.policy), scenario);
  io.out(`${r.name}: ${r.passed ? 'pass' : 'FAIL'}`);
  for (const line of explainLines(r.verdict, r.reasons, r.fixes)) io.out(line);
  io.out('');
  io.out('Actual:');
  for (const [key, value] of Object.entries(r.actual)) {
    const expected = key in r.expected ? `   (expected ${show(r.expected[key])})` : '';
    io.out(`  ${key}: ${show(value)}${expected}`);
  }
  return r.passed ? 0 : 1;
}
