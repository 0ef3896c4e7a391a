// `sealcheck validate | test | explain`: exit 0 ok, 1 a scenario fails, 2 invalid input.
import { readFile, stat } from 'node:fs/promises';
import type { Policy, Scenario } from '../model/schema';
import { describeError } from '../policy/errors';
import type { PolicyError } from '../policy/errors';
import { tooLarge } from '../policy/json';
import { loadPolicyText } from '../policy/validate';
import { compile, runScenario, runScenarios } from '../engine/scenarios';
import type { ScenarioResult } from '../engine/scenarios';
import { explainLines, verdictOf } from '../engine/verdict';

const USAGE = `usage:
  sealcheck validate FILE
  sealcheck test FILE... [--json]
  sealcheck explain FILE --scenario NAME`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  color: boolean;
}

const defaultIo = (): Io => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});

type Loaded = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

export async function loadFile(file: string): Promise<Loaded> {
  try {
    const info = await stat(file);
    const size = tooLarge(info.size);
    if (size) return { ok: false, errors: [size] };
    return loadPolicyText(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? String(error);
    return { ok: false, errors: [{ path: '', message: `cannot read \`${file}\`: ${why}` }] };
  }
}

function paint(io: Io, code: number, text: string): string {
  return io.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function printErrors(io: Io, file: string, errors: readonly PolicyError[]): void {
  io.err(`${file}: invalid policy file, ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  for (const error of errors) io.err(`  ${file}: ${describeError(error)}`);
}

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
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter((a) => !a.startsWith('--'));
  switch (command) {
    case 'validate':
      if (args.length !== 1 || flags.size) return usage(io);
      return validate(io, args[0]!);
    case 'test': {
      const unknown = [...flags].filter((f) => f !== '--json');
      if (!args.length || unknown.length) return usage(io, unknown[0]);
      return test(io, args, flags.has('--json'));
    }
    case 'explain': {
      const i = rest.indexOf('--scenario');
      const name = i >= 0 ? rest[i + 1] : undefined;
      const files = rest.filter((a, j) => !a.startsWith('--') && j !== i + 1);
      if (files.length !== 1 || name === undefined) return usage(io);
      return explain(io, files[0]!, name);
    }
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
        const v = verdictOf({ ...(r.actual as { allowed: boolean }), reasons: r.reasons });
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
  for (const line of explainLines({ ...(r.actual as { allowed: boolean }), reasons: r.reasons, fixes: r.fixes })) io.out(line);
  io.out('');
  io.out('Actual:');
  for (const [key, value] of Object.entries(r.actual)) {
    const expected = key in r.expected ? `   (expected ${show(r.expected[key])})` : '';
    io.out(`  ${key}: ${show(value)}${expected}`);
  }
  return r.passed ? 0 : 1;
}
