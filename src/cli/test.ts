// `sealcheck validate FILE...` and `sealcheck test FILE... [--reporter text|json|junit|github] [--failures-only]`.
import type { Scenario } from '../model/schema';
import type { PolicyError } from '../policy/errors';
import { describeError } from '../policy/errors';
import { compile, runScenario } from '../engine/scenarios';
import type { ScenarioResult } from '../engine/scenarios';
import { explainLines } from '../engine/verdict';
import type { Reporter } from './commands';
import type { Io } from './io';
import { STDIN, errorCountText, fileLabel, loadFile, paint, printErrors } from './io';
import { Locator, pathSegments } from './locate';
import type { Place } from './locate';
import { count, githubData, githubProperty, jsonText, plural, s, safe, showValue, xmlText } from './text';

/** `validate FILE...`: 0 when every file is valid, 2 when any is not. */
export async function validateCommand(io: Io, files: readonly string[]): Promise<number> {
  let invalid = 0;
  for (const file of files) {
    const loaded = await loadFile(file, io);
    if (!loaded.ok) {
      printErrors(io, file, loaded.errors);
      invalid++;
      continue;
    }
    const p = loaded.policy;
    io.out(`${fileLabel(file)}: valid ${p.platform} policy file \`${safe(p.name)}\`, ${plural(p.scenarios.length, 'scenario')}`);
  }
  if (files.length > 1 && invalid) io.err(`${plural(invalid, 'file')} of ${files.length} invalid`);
  return invalid ? 2 : 0;
}

interface ScenarioRun {
  readonly result: ScenarioResult;
  /** Its index in the file's scenarios. */
  readonly index: number;
  readonly seconds: number;
}

interface FileRun {
  readonly file: string;
  readonly errors?: readonly PolicyError[];
  readonly runs: readonly ScenarioRun[];
  readonly seconds: number;
  readonly locator: Locator | null;
}

export interface TestOptions {
  readonly reporter: Reporter;
  readonly failuresOnly: boolean;
}

/** `test FILE...`: 0 when every scenario passes, 1 when one fails, 2 when a file is invalid. */
export async function testCommand(io: Io, files: readonly string[], options: TestOptions): Promise<number> {
  const started = performance.now();
  const reports: FileRun[] = [];
  for (const file of files) {
    const t0 = performance.now();
    const loaded = await loadFile(file, io);
    if (!loaded.ok) {
      reports.push({ file, errors: loaded.errors, runs: [], seconds: (performance.now() - t0) / 1000, locator: loaded.text !== undefined ? new Locator(loaded.text) : null });
      continue;
    }
    const compiled = compile(loaded.policy);
    const scenarios: readonly Scenario[] = loaded.policy.scenarios;
    const runs = scenarios.map((scenario, index) => {
      const t = performance.now();
      const result = runScenario(compiled, scenario);
      return { result, index, seconds: (performance.now() - t) / 1000 };
    });
    reports.push({ file, runs, seconds: (performance.now() - t0) / 1000, locator: new Locator(loaded.text) });
  }
  const all = reports.flatMap((r) => r.runs);
  const failed = all.filter((r) => !r.result.passed).length;
  const totals: Totals = { passed: all.length - failed, failed, invalid: reports.filter((r) => r.errors).length, seconds: (performance.now() - started) / 1000 };
  if (options.reporter === 'json') jsonReport(io, reports, totals, options.failuresOnly);
  else if (options.reporter === 'junit') io.out(junitReport(reports, totals));
  else if (options.reporter === 'github') githubReport(io, reports, totals);
  else textReport(io, reports, totals, options.failuresOnly);
  return totals.invalid ? 2 : failed ? 1 : 0;
}

interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly invalid: number;
  readonly seconds: number;
}

function summary(t: Totals): string {
  return `${count(t.passed)} passed, ${count(t.failed)} failed${t.invalid ? `, ${plural(t.invalid, 'invalid file')}` : ''}`;
}

/** The lines under a failing scenario: each differing key with expected and actual, then the verdict. */
function failureLines(r: ScenarioResult): string[] {
  return [...r.mismatches.map((m) => `${safe(m.key)}: expected ${showValue(m.expected)}, actual ${showValue(m.actual)}`), s`${r.verdict.headline} — ${r.verdict.detail}`];
}

function textReport(io: Io, reports: readonly FileRun[], totals: Totals, failuresOnly: boolean): void {
  for (const report of reports) {
    if (report.errors) {
      printErrors(io, report.file, report.errors);
      continue;
    }
    const failing = report.runs.filter((r) => !r.result.passed);
    if (failuresOnly && !failing.length) continue;
    io.out(fileLabel(report.file));
    // failures first, then passes, each in file order
    for (const { result: r } of failing) {
      io.out(`  ${paint(io, 31, 'FAIL')} ${safe(r.name)}`);
      for (const line of failureLines(r)) io.out(`       ${line}`);
    }
    if (failuresOnly) continue;
    for (const { result: r } of report.runs) if (r.passed) io.out(`  ${paint(io, 32, 'pass')} ${s`${r.name} (${r.verdict.headline})`}`);
  }
  io.out(summary(totals));
}

function jsonReport(io: Io, reports: readonly FileRun[], totals: Totals, failuresOnly: boolean): void {
  io.out(
    jsonText({
      files: reports.map((r) => ({
        file: r.file,
        ...(r.errors ? { errors: r.errors } : {}),
        scenarios: r.runs
          .filter((x) => !failuresOnly || !x.result.passed)
          .map(({ result: x }) => ({ name: x.name, passed: x.passed, expected: x.expected, actual: x.actual, reasons: x.reasons.map((reason) => reason.text) })),
      })),
      passed: totals.passed,
      failed: totals.failed,
    }),
  );
}

const secs = (n: number) => n.toFixed(3);

function scenarioPlace(report: FileRun, index: number): Place | null {
  return report.locator?.at(['scenarios', index]) ?? null;
}

function errorPlace(report: FileRun, error: PolicyError): Place | null {
  if (error.line !== undefined) return { line: error.line, column: error.column ?? 1 };
  const segments = error.path ? pathSegments(error.path) : null;
  return segments && report.locator ? report.locator.at(segments) : null;
}

/**
 * JUnit XML: one `<testsuites>` root with the totals, a `<testsuite>` per file and a
 * `<testcase>` per scenario; a failing scenario's `<failure>` carries each differing key
 * with expected and actual. An invalid file is a suite with one erroring test case.
 */
export function junitReport(reports: readonly FileRun[], totals: Totals): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = totals.passed + totals.failed + totals.invalid;
  out.push(`<testsuites name="sealcheck" tests="${tests}" failures="${totals.failed}" errors="${totals.invalid}" skipped="0" time="${secs(totals.seconds)}">`);
  for (const report of reports) {
    const name = xmlText(report.file === STDIN ? fileLabel(report.file) : report.file);
    if (report.errors) {
      out.push(`  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0" time="${secs(report.seconds)}" file="${name}">`);
      out.push(`    <testcase name="valid policy file" classname="${name}" file="${name}" time="${secs(report.seconds)}">`);
      const message = `invalid policy file, ${errorCountText(report.errors)}`;
      out.push(`      <error type="invalid" message="${xmlText(message)}">${report.errors.map((e) => xmlText(describeError(e))).join('\n')}</error>`);
      out.push('    </testcase>', '  </testsuite>');
      continue;
    }
    const failures = report.runs.filter((r) => !r.result.passed).length;
    out.push(`  <testsuite name="${name}" tests="${report.runs.length}" failures="${failures}" errors="0" skipped="0" time="${secs(report.seconds)}" file="${name}">`);
    for (const run of report.runs) {
      const r = run.result;
      const place = scenarioPlace(report, run.index);
      const head = `    <testcase name="${xmlText(r.name)}" classname="${name}" file="${name}"${place ? ` line="${place.line}"` : ''} time="${secs(run.seconds)}"`;
      if (r.passed) {
        out.push(`${head}/>`);
        continue;
      }
      const message = r.mismatches.map((m) => `${m.key}: expected ${JSON.stringify(m.expected)}, actual ${JSON.stringify(m.actual)}`).join('; ');
      const body = [...failureLines(r), ...explainLines(r.verdict, r.reasons, r.fixes).slice(1).map((l) => safe(l))];
      out.push(`${head}>`, `      <failure type="expectation" message="${xmlText(message)}">${body.map((l) => xmlText(l)).join('\n')}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

/**
 * GitHub Actions workflow commands: an `::error` annotation for each failing scenario (at
 * its line in the file) and for each error of an invalid file; then the summary line.
 */
function githubReport(io: Io, reports: readonly FileRun[], totals: Totals): void {
  for (const report of reports) {
    const file = report.file === STDIN ? null : report.file;
    const where = (place: Place | null) => [file !== null ? `file=${githubProperty(file)}` : null, place && file !== null ? `line=${place.line},col=${place.column}` : null];
    if (report.errors) {
      for (const error of report.errors) {
        const props = [...where(errorPlace(report, error)), `title=${githubProperty('sealcheck: invalid policy file')}`].filter(Boolean).join(',');
        io.out(`::error ${props}::${githubData([describeError(error)])}`);
      }
      continue;
    }
    for (const run of report.runs) {
      const r = run.result;
      if (r.passed) continue;
      const props = [...where(scenarioPlace(report, run.index)), `title=${githubProperty(`sealcheck: ${r.name}`)}`].filter(Boolean).join(',');
      // failureLines are safe already; githubData makes them safe again, which changes nothing
      io.out(`::error ${props}::${githubData([`scenario ${r.name} fails`, ...failureLines(r)])}`);
    }
  }
  io.out(summary(totals));
}
