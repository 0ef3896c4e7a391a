// What the pull tests share: the command run in process with a capturing Io, temp
// folders, and the checks every failure must pass (exit 2, one line naming the cause,
// nothing written, the token nowhere).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sealcheck as runInProcess } from '../cli/helpers';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in process (the shared runner of test/cli/helpers.ts). */
export const sealcheck = (...args: string[]): Promise<Run> => runInProcess(args);

export function tempDir(prefix = 'sealcheck-pull-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The lines that name a failure (progress lines are on stderr too). */
export function causeLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line.startsWith('sealcheck'));
}

/**
 * A failed pull: exit 2, exactly one line naming the cause (the last line of stderr),
 * matching `cause`; nothing on stdout; the folder holds what it held before (no file,
 * no temp file); no secret anywhere.
 */
export function expectFailure(run: Run, cause: RegExp, dir: string, before: readonly string[], secrets: readonly string[]): string {
  expect(run.code).toBe(2);
  const lines = causeLines(run);
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(/^sealcheck pull: /);
  expect(line).toMatch(cause);
  expect(run.stderr.trimEnd().split('\n').pop()).toBe(line);
  expect(run.stderr).not.toMatch(/^\s+at \S/m);
  expect(run.stdout).toBe('');
  expect(readdirSync(dir).sort()).toEqual([...before].sort());
  for (const secret of secrets) {
    expect(run.stderr).not.toContain(secret);
    expect(run.stdout).not.toContain(secret);
  }
  return line;
}

export function readJson(file: string): Record<string, any> {
  return JSON.parse(readFileSync(file, 'utf8'));
}
