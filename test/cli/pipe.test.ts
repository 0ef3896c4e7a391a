// What only the real process shows: a reader that goes away (`| head -1`), colours on a
// terminal only (NO_COLOR, FORCE_COLOR), standard input.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/cli/io';
import { BIN, ensureBundle } from './bundle';
import { LEANIX, STACK_LINE, VULN, mutated, spawned, write } from './helpers';

beforeAll(ensureBundle, 60_000);

/** Runs the bin, reads its first line of output and closes the pipe, as `| head -1` does. */
function firstLineThenClose(args: readonly string[]): Promise<{ line: string; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let line: string | null = null;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (line !== null) return;
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        line = out.slice(0, nl);
        child.stdout.destroy();
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ line: line ?? out, code, signal, stderr }));
  });
}

describe('output in a pipe', () => {
  it('`sealcheck test … | head -1` ends quietly, with the exit code of the run', async () => {
    const files = Array.from({ length: 120 }, () => VULN); // far more output than a pipe holds
    const r = await firstLineThenClose(['test', ...files]);
    expect(r.line).toBe(VULN);
    expect(r.stderr).toBe('');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
  });

  it('a failing run still exits 1 when its reader has gone', async () => {
    const failing = write('pipe-failing.json', mutated((p) => (p.scenarios[0].expect.sealBroken = false)));
    const r = await firstLineThenClose(['test', failing, ...Array.from({ length: 120 }, () => VULN)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});

describe('colours', () => {
  const failing = write('color-failing.json', mutated((p) => (p.scenarios[0].expect.sealBroken = false)));

  it('none in a pipe, none with NO_COLOR even when forced; FORCE_COLOR forces them', async () => {
    const plain = await spawned(['test', failing], { env: { NO_COLOR: undefined } });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await spawned(['test', failing], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31mFAIL\u001b[0m');
    expect(forced.stdout).toContain('\u001b[32mpass\u001b[0m');
    const refused = await spawned(['test', failing], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(refused.stdout).not.toContain('\u001b[');
  });

  it('the rule: NO_COLOR (non-empty) wins, FORCE_COLOR (not 0) next, else a terminal that is not dumb', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '1', NO_COLOR: 'x' }, true)).toBe(false);
  });
});

describe('standard input', () => {
  it('`sealcheck test -` reads the file from standard input', async () => {
    const r = await spawned(['test', '-'], { input: readFileSync(LEANIX, 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<stdin>\n/);
    expect(r.stdout).toMatch(/^9 passed, 0 failed$/m);
  });

  it('migrate - writes the migrated file byte for byte to standard output', async () => {
    const text = readFileSync(LEANIX, 'utf8').replace(/\n/g, '\r\n').trimEnd();
    const r = await spawned(['migrate', '-'], { input: text });
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}')).toBe(true); // no newline added
    expect(r.stdout).toContain('"version": 2,\r\n');
  });
});
