// Running the command in tests: in process with a capturing Io (fast), or the real bin
// in a child process (exit codes, pipes, environment).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main';
import { BIN } from './bundle';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const LEANIX = join(FIXTURES, 'leanix-example.json');
export const QUALYTICS = join(FIXTURES, 'qualytics-example.json');
export const VULN = fileURLToPath(new URL('../../examples/leanix-vuln-sync.json', import.meta.url));

/** Runs the command in process; stdout and stderr are the lines it wrote, each ended by a newline. */
export async function sealcheck(args: readonly string[], options: { stdin?: string; color?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    color: options.color ?? false,
    ...(options.stdin !== undefined ? { stdin: [Buffer.from(options.stdin)] } : {}),
  });
  return { code, stdout, stderr };
}

/** Runs the real bin (build the bundle first: `ensureBundle`). */
export function spawned(args: readonly string[], options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env })) if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export const dir = mkdtempSync(join(tmpdir(), 'sealcheck-cli-test-'));

export function write(name: string, text: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The LeanIX fixture with an edit, as text. */
export function mutated(edit: (policy: Record<string, any>) => void, from = LEANIX): string {
  const policy = JSON.parse(readFileSync(from, 'utf8'));
  edit(policy);
  return JSON.stringify(policy, null, 2);
}

/** A line of a JavaScript stack trace. */
export const STACK_LINE = /^\s+at \S/m;

/** A character a terminal would act on: C0 (but the newline ending each line), DEL, C1. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
