// Issue 13, input: text from a file is printed safely in every output; non-regular files
// are bounded; `-` reads standard input; errno codes become sentences; absurd advise
// options are refused. Each test fails on the command as it was before.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errnoText, githubData, githubProperty, jsonText, safe, safeLines, xmlText } from '../../src/cli/text';
import { LEANIX, QUALYTICS, RAW_CONTROL, STACK_LINE, VULN, dir, mutated, sealcheck, write } from './helpers';

/** Characters that reorder text on a terminal (Trojan Source) and the line separators. */
const REORDERING = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function clean(out: string): void {
  expect(out).not.toMatch(RAW_CONTROL);
  expect(out).not.toMatch(REORDERING);
}

// A valid file whose names hide ANSI colours, a "conceal" escape, an OSC title, a
// carriage return, a C1 CSI, a right-to-left override and a newline that would print a
// summary line of its own.
const FORGED = '9 passed, 0 failed';
const OWNER = 'own\u001b[8mer\u001b]0;pwned\u0007';
const SHEET = 'Web\rshop\u009b31m\u202eevil';
const hostileText = mutated((p) => {
  p.name = 'Acme \u001b[2J cleared';
  p.factSheets[0].name = SHEET;
  p.scenarios[0].name = `feed breaks\n${FORGED}`;
  p.scenarios[0].expect.sealBroken = false; // it fails
}).replaceAll('"owner"', JSON.stringify(OWNER));
const HOSTILE = write('hostile.json', hostileText);

describe('text from a file is printed escaped in every output', () => {
  const runs: [string, string[]][] = [
    ['validate', ['validate', HOSTILE]],
    ['test', ['test', HOSTILE]],
    ['test --reporter json', ['test', HOSTILE, '--reporter', 'json']],
    ['test --reporter junit', ['test', HOSTILE, '--reporter', 'junit']],
    ['test --reporter github', ['test', HOSTILE, '--reporter', 'github']],
    ['explain', ['explain', HOSTILE, '--scenario', 'feed breaks']],
    ['explain (no such scenario)', ['explain', HOSTILE, '--scenario', 'zzz']],
    ['check', ['check', HOSTILE, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', '/cveCount=5']],
    ['check --json', ['check', HOSTILE, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', '/cveCount=5', '--json']],
    ['who', ['who', HOSTILE, '--fact-sheet', 'app-shop']],
    ['who --json', ['who', HOSTILE, '--fact-sheet', 'app-shop', '--json']],
    ['diff', ['diff', LEANIX, HOSTILE]],
    ['diff --json', ['diff', LEANIX, HOSTILE, '--json']],
    ['advise', ['advise', HOSTILE, '--actor', 'cve-feed', '--type', 'Application', '--paths', '/cveCount']],
    ['advise --request', ['advise', HOSTILE, '--actor', 'cve-feed', '--type', 'Application', '--paths', '/cveCount', '--request', '--setup', 'subscription']],
    ['advise --json', ['advise', HOSTILE, '--actor', 'cve-feed', '--type', 'Application', '--paths', '/cveCount', '--json']],
  ];

  it.each(runs)('%s', async (_, args) => {
    const r = await sealcheck(args);
    expect(r.stderr).not.toMatch(STACK_LINE);
    clean(r.stdout);
    clean(r.stderr);
    // the newline inside the scenario name cannot print a summary line of its own
    expect(r.stdout.split('\n')).not.toContain(FORGED);
    expect(r.stdout.split('\n').some((l) => l.trim() === FORGED)).toBe(false);
  });

  it('shows the characters escaped, so a reader sees what the file holds', async () => {
    const r = await sealcheck(['test', HOSTILE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL feed breaks\\n9 passed, 0 failed');
    expect(r.stdout).toContain('notifies own\\u001b[8mer\\u001b]0;pwned\\u0007');
    expect(r.stdout).toMatch(/^8 passed, 1 failed$/m);
    const w = await sealcheck(['who', HOSTILE, '--fact-sheet', 'app-shop']);
    expect(w.stdout).toContain('Web\\rshop\\u009b31m\\u202eevil (app-shop)');
  });

  it('JSON output keeps the values: a JSON reader gets the names back exactly', async () => {
    const r = await sealcheck(['test', HOSTILE, '--reporter', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].scenarios[0].name).toBe(`feed breaks\n${FORGED}`);
    expect(out.files[0].scenarios[0].actual.notified).toEqual([OWNER]);
    const who = JSON.parse((await sealcheck(['who', HOSTILE, '--fact-sheet', 'app-shop', '--json'])).stdout);
    expect(who.factSheet.name).toBe(SHEET);
  });

  it('errors of an invalid file quote what they found escaped, and so is a file name', async () => {
    const bad = write('bad\nname.json', mutated((p) => (p.factSheets[0].subscriptions[0].user = '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007')));
    const r = await sealcheck(['validate', bad]);
    expect(r.code).toBe(2);
    clean(r.stderr);
    expect(r.stderr).toContain('bad\\nname.json: invalid policy file, 1 error');
    expect(r.stderr).toContain('unknown user `\\u001b]8;;https://evil.example\\u0007click');
  });

  it('the escaping functions', () => {
    expect(safe('a\u001b[31mb\r\n\t\u009b\u202ec')).toBe('a\\u001b[31mb\\r\\n\\t\\u009b\\u202ec');
    expect(safe('plain · text — ok')).toBe('plain · text — ok');
    expect(JSON.parse(jsonText({ a: 'x\u009b\u2028y' }))).toEqual({ a: 'x\u009b\u2028y' });
    expect(jsonText({ a: 'x\u009b\u2028y' })).not.toMatch(/[\u009b\u2028]/);
    expect(xmlText('<a href="x">&\'\u0007')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u0007');
    expect(githubData(['100%', 'two\rlines'])).toBe('100%25%0Atwo\\rlines');
    expect(githubProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(safeLines('Give\nbad\nname a role.\nDone.', { users: [{ id: 'bad\nname' }] })).toEqual(['Give', 'bad\\nname a role.', 'Done.']);
  });
});

describe('files that are not regular files', () => {
  it('a regular file one byte over the 150 MB limit is refused before it is read, naming both sizes', async () => {
    const big = join(dir, 'big-sparse.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 150 * 1024 * 1024 + 1); // sparse: no disk, and the command does not read it
    closeSync(fd);
    try {
      const r = await sealcheck(['validate', big]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the file is 150.1 MB; policy files are limited to 150 MB');
    } finally {
      rmSync(big);
    }
  });

  it('/dev/zero is read up to 150 MB and refused', async () => {
    const r = await sealcheck(['validate', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('more than 150 MB came from `/dev/zero` (not a regular file); policy files are limited to 150 MB');
  }, 30_000);

  function fifo(name: string): string {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    return path;
  }
  /** Writes to a FIFO from another process (a FIFO blocks until both ends are open). */
  function feed(path: string, shell: string): void {
    spawn('sh', ['-c', `${shell} > '${path}'`], { stdio: 'ignore' });
  }
  it('a FIFO (as from `<(cat file)`) is read', async () => {
    const path = fifo('policy.fifo');
    feed(path, `cat '${LEANIX}'`);
    const r = await sealcheck(['test', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^9 passed, 0 failed$/m);
  });

  it('a FIFO that gives more than 150 MB is refused', async () => {
    const path = fifo('big.fifo');
    feed(path, `head -c ${150 * 1024 * 1024 + 1} /dev/zero`);
    const r = await sealcheck(['validate', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(not a regular file); policy files are limited to 150 MB');
  }, 30_000);
});

describe('`-` reads standard input', () => {
  it('test, validate and diff read a file from standard input', async () => {
    const text = readFileSync(LEANIX, 'utf8');
    const t = await sealcheck(['test', '-'], { stdin: text });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^<stdin>$/m);
    expect(t.stdout).toMatch(/^9 passed, 0 failed$/m);
    const v = await sealcheck(['validate', '-'], { stdin: text });
    expect(v.stdout).toContain('<stdin>: valid leanix policy file');
    const d = await sealcheck(['diff', LEANIX, '-'], { stdin: text });
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('no difference');
  });

  it('an invalid file on standard input is named <stdin>', async () => {
    const r = await sealcheck(['validate', '-'], { stdin: '{' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>: invalid policy file');
  });

  it('advise --write-scenarios cannot write to standard input', async () => {
    const r = await sealcheck(['advise', '-', '--actor', 'x', '--type', 'Application', '--paths', '/a', '--write-scenarios'], { stdin: '{}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`--write-scenarios` writes to FILE');
  });
});

describe('what cannot be read, in words', () => {
  it('a missing file, a folder, a link loop, a path through a file, invalid UTF-8', async () => {
    expect((await sealcheck(['validate', join(dir, 'nope.json')])).stderr).toContain('no such file or folder');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    expect((await sealcheck(['validate', folder])).stderr).toContain('it is a folder, not a file');
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    expect((await sealcheck(['validate', join(dir, 'loop-a')])).stderr).toContain('too many symbolic links');
    expect((await sealcheck(['validate', join(LEANIX, 'x.json')])).stderr).toContain('a part of the path is not a folder');
    const latin1 = write('latin1.json', Buffer.concat([Buffer.from(mutated((p) => (p.name = 'Caf'))).subarray(0, 40), Buffer.from([0xe9, 0xff]), Buffer.from(readFileSync(LEANIX)).subarray(40)]));
    const r = await sealcheck(['validate', latin1]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file is not UTF-8 text; policy files are JSON in UTF-8');
    for (const out of [r.stderr]) expect(out).not.toMatch(/\bE[A-Z]{3,}\b/);
  });

  it('every errno code named becomes a sentence', () => {
    for (const code of ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EMFILE', 'ENXIO', 'EIO']) {
      const text = errnoText({ code });
      expect(text).not.toContain(code);
      expect(text.length).toBeGreaterThan(8);
    }
    expect(errnoText({ code: 'EWEIRD' })).toBe('system error EWEIRD');
  });

  it('migrate says the same', async () => {
    const r = await sealcheck(['migrate', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read');
    expect(r.stderr).toContain('no such file or folder');
  });
});

describe('advise refuses absurd options with a clear message', () => {
  const base = ['advise', VULN, '--actor', 'vuln-sync-restricted', '--type', 'Application'];

  it('--paths with no path', async () => {
    for (const paths of [',', ' , ', ',,']) {
      const r = await sealcheck([...base, '--paths', paths]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--paths: choose at least one path the integration writes');
    }
  });

  it.each(['1e9', '0', '-3', '2.5', '', '0x10', '1000001', 'weekly'])('--runs-per-year %j', async (value) => {
    const r = await sealcheck([...base, '--paths', '/securityVulnerabilityCount', `--runs-per-year=${value}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/`--runs-per-year` (takes a whole number of runs from 1 to 1,000,000|must be at least 1|is at most 1,000,000)/);
  });

  it('--runs-per-year 1 and 1000000 are fine', async () => {
    for (const value of ['1', '1000000']) {
      const r = await sealcheck([...base, '--paths', '/securityVulnerabilityCount', '--runs-per-year', value, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).runsPerYear).toBe(Number(value));
    }
  });

  it('a Qualytics file names its own unknown datastore escaped', async () => {
    const r = await sealcheck(['advise', QUALYTICS, '--actor', 'sync', '--actions', 'check.activate', '--datastores', 'ord\u001b[0mers']);
    expect(r.code).toBe(2);
    clean(r.stderr);
  });
});
