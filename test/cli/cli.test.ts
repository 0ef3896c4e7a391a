// The `sealcheck` command. Most tests call `main(argv, io)` in process with a
// capturing Io (fast); the last block spawns the real bin for what only a
// process shows: exit codes, stdout/stderr separation, no stack traces.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealcheck as runInProcess } from './helpers';
import { BIN, ensureBundle } from './bundle';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const LEANIX = join(FIXTURES, 'leanix-example.json');
const QUALYTICS = join(FIXTURES, 'qualytics-example.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in process (the shared runner of test/cli/helpers.ts). */
const sealcheck = (...args: string[]): Promise<Run> => runInProcess(args);

/** Runs the real bin in a child process. */
async function spawned(args: readonly string[], nodeOptions: readonly string[] = []): Promise<Run> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeOptions, BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`, `    at file:1:2`, `    at async Promise.all (index 0)`). */
const STACK_LINE = /^\s+at \S/m;

const dir = mkdtempSync(join(tmpdir(), 'sealcheck-cli-'));
function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
function mutated(edit: (policy: Record<string, any>) => void): string {
  const policy = JSON.parse(readFileSync(LEANIX, 'utf8'));
  edit(policy);
  return JSON.stringify(policy, null, 2);
}

describe('sealcheck validate', () => {
  it('exits 0 and names the platform for a valid file', async () => {
    const r = await sealcheck('validate', LEANIX);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid leanix policy file');
  });

  it('exits 2 with every located error and no stack trace', async () => {
    const file = write('broken.json', mutated((p) => {
      p.users[0].role = 'OWNER';
      p.roles[0].permissions[0] = 'FACT_SHEET_FIELDS:UPDAT:Application:cveCount';
      p.factSheets[0].subscriptions[0].user = 'nobody';
    }));
    const r = await sealcheck('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('users[0].role');
    // shape errors stop before reference checks, so fix the role and look again
    const second = write('broken2.json', mutated((p) => {
      p.roles[0].permissions[0] = 'FACT_SHEET_FIELDS:UPDAT:Application:cveCount';
      p.factSheets[0].subscriptions[0].user = 'nobody';
    }));
    const r2 = await sealcheck('validate', second);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('roles[0].permissions[0]: `UPDAT` at 19: expected READ, CREATE, UPDATE, DELETE, ARCHIVE, INLINE_EDIT, IMPORT, EXPORT or `*`; did you mean `UPDATE`?');
    expect(r2.stderr).toContain('factSheets[0].subscriptions[0].user: unknown user `nobody`');
    expect(r.stderr + r2.stderr).not.toMatch(STACK_LINE);
  });

  it('reports a JSON syntax error with line and column', async () => {
    const r = await sealcheck('validate', write('syntax.json', '{\n  "format": "sealcheck-policy",\n  "version": 1,,\n}'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3, column \d+: not valid JSON/);
  });

  it('refuses `__proto__` keys with their path', async () => {
    const text = mutated(() => {}).replace('"name": "Spec example: Acme integration"', '"name": "x", "__proto__": {"polluted": true}');
    const r = await sealcheck('validate', write('proto.json', text));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('__proto__');
  });

  it('survives deeply nested input with a clear error', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await sealcheck('validate', write('deep.json', deep));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested deeper than|a policy file is one JSON object/);
    expect(r.stderr).not.toContain('RangeError');
  });

  it('says a missing file cannot be read', async () => {
    const r = await sealcheck('validate', join(dir, 'nope.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });
});

describe('sealcheck test', () => {
  it('exits 0 when every scenario passes, over several files', async () => {
    const r = await sealcheck('test', LEANIX, QUALYTICS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^17 passed, 0 failed$/m);
  });

  it('exits 1 and names the failing key with expected and actual', async () => {
    const file = write('failing.json', mutated((p) => {
      p.scenarios[0].expect.sealBroken = false;
    }));
    const r = await sealcheck('test', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL feed with a narrow role breaks the seal');
    expect(r.stdout).toContain('sealBroken: expected false, actual true');
    expect(r.stdout).toMatch(/^8 passed, 1 failed$/m);
  });

  it('exits 2 when a file is invalid and runs nothing of it', async () => {
    const file = write('invalid.json', mutated((p) => {
      p.version = 3;
    }));
    const r = await sealcheck('test', QUALYTICS, file, '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.files[1].scenarios).toEqual([]);
    expect(out.files[1].errors[0].path).toBe('version');
    expect(out.passed).toBe(8);
  });

  it('prints the --json shape docs/cli.md gives', async () => {
    const r = await sealcheck('test', LEANIX, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['failed', 'files', 'passed']);
    expect(out.files[0].file).toBe(LEANIX);
    const first = out.files[0].scenarios[0];
    expect(Object.keys(first).sort()).toEqual(['actual', 'expected', 'name', 'passed', 'reasons']);
    expect(first.actual).toMatchObject({ allowed: true, sealBroken: true, notified: ['owner'] });
    expect(first.reasons.join(' ')).toContain('CVE_FEED grants UPDATE on Application.cveCount');
    expect(out.passed).toBe(9);
    expect(out.failed).toBe(0);
  });
});

describe('sealcheck explain', () => {
  it('prints the verdict, the reasons and what would change it', async () => {
    const r = await sealcheck('explain', LEANIX, '--scenario', 'feed with a narrow role breaks the seal');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Allowed · seal breaks — notifies owner; 2 events');
    expect(r.stdout).toContain('cve-feed holds no seal permission on Web shop');
    expect(r.stdout).toContain('add FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState to CVE_FEED, a customer role of cve-feed');
    expect(r.stdout).toContain('subscribe cve-feed to Web shop as RESPONSIBLE');
  });

  it('names the scenarios when the one asked for does not exist', async () => {
    const r = await sealcheck('explain', LEANIX, '--scenario', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no scenario named `nope`');
  });

  it('answers an unknown command with usage and exit 2', async () => {
    const r = await sealcheck('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});

const VULN = fileURLToPath(new URL('../../examples/leanix-vuln-sync.json', import.meta.url));

describe('sealcheck advise', () => {
  it('ranks the setups and prints the recommended role ready to paste', async () => {
    const r = await sealcheck('advise', VULN, '--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/securityVulnerabilityCount');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\* role-with-seal/);
    expect(r.stdout).toContain('"FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState"');
  });

  it('prints the --json shape of the issue', async () => {
    const r = await sealcheck('advise', VULN, '--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/securityVulnerabilityCount', '--runs-per-year', '12', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.options).toHaveLength(7);
    for (const o of out.options) {
      for (const key of ['setup', 'allowed', 'denied', 'sealBreaksPerRun', 'eventsPerRun', 'notificationsPerRun', 'extraCapabilities', 'silenced', 'permissions', 'recommended', 'note']) expect(o).toHaveProperty(key);
    }
    expect(out.options.find((o: { setup: string }) => o.setup === 'exempt').silenced.length).toBeGreaterThan(0);
    const role = out.options.find((o: { setup: string }) => o.setup === 'role');
    expect(role.notificationsPerYear).toBe(role.notificationsPerRun * 12);
    expect(out.options.filter((o: { recommended: boolean }) => o.recommended)).toHaveLength(1);
  });

  it('--write-scenarios appends the role, a user holding it and passing scenarios', async () => {
    const file = write('advise-me.json', readFileSync(VULN, 'utf8'));
    const r = await sealcheck('advise', file, '--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/securityVulnerabilityCount', '--write-scenarios');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote role VULN_SYNC_RESTRICTED_SEALCHECK, user vuln-sync-restricted-advised');
    const t = await sealcheck('test', file);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('advised role-with-seal: vuln-sync-restricted-advised writes /securityVulnerabilityCount on app-crm');
    expect(t.stdout).toContain('advised role-with-seal: vuln-sync-restricted-advised reads app-crm');
  });

  it('names an unknown actor or path instead of guessing', async () => {
    const r = await sealcheck('advise', VULN, '--actor', 'nobody', '--type', 'Application', '--paths', '/x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown user `nobody`');
    const p = await sealcheck('advise', VULN, '--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/nope');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('`/nope` names no field');
  });

  it('advises a Qualytics service user on role and team level', async () => {
    const r = await sealcheck('advise', QUALYTICS, '--actor', 'sync', '--actions', 'check.activate', '--datastores', 'orders', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ role: 'Member', level: 'Author', team: { name: 'Quality', create: false } });
  });
});

describe('sealcheck diff', () => {
  it('exits 0 when the new file grants no new access, 1 when it does, with the --json shape', async () => {
    const same = await sealcheck('diff', LEANIX, LEANIX);
    expect(same.code).toBe(0);
    const wider = write('wider.json', mutated((p) => p.roles[0].permissions.push('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState')));
    const r = await sealcheck('diff', LEANIX, wider, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.added).toEqual([{ user: 'cve-feed', resource: 'FACT_SHEET_BASE_FIELDS', action: 'UPDATE', type: 'Application', qualifier: 'lxState', cause: 'grant' }]);
    expect(out.removed).toEqual([]);
    expect(out.scenarioChanges.map((s: { name: string }) => s.name)).toEqual(['feed with a narrow role breaks the seal']);
    expect(out.sealChanges).toEqual([{ user: 'cve-feed', factSheet: 'app-shop', old: 'breaks', new: 'keeps' }]);
    const back = await sealcheck('diff', wider, LEANIX);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('Access removed (1)');
  });

  it('exits 2 on an invalid file', async () => {
    const r = await sealcheck('diff', LEANIX, write('bad-diff.json', '{'));
    expect(r.code).toBe(2);
  });
});

describe('the real bin', () => {
  beforeAll(ensureBundle, 60_000);

  it('exits 0 with the result on stdout and nothing on stderr', async () => {
    const r = await spawned(['test', LEANIX, QUALYTICS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^17 passed, 0 failed$/m);
    expect(r.stderr).toBe('');
    const json = await spawned(['test', LEANIX, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).passed).toBe(9);
    expect(json.stderr).toBe('');
  });

  it('exits 1 when a scenario fails, the failure on stdout', async () => {
    const file = write('failing-bin.json', mutated((p) => {
      p.scenarios[0].expect.sealBroken = false;
    }));
    const r = await spawned(['test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sealBroken: expected false, actual true');
    expect(r.stderr).toBe('');
  });

  it('exits 2 with located errors on stderr only, and no stack trace', async () => {
    const file = write('broken-bin.json', mutated((p) => {
      p.roles[0].permissions[0] = 'FACT_SHEET_FIELDS:UPDAT:Application:cveCount';
    }));
    const r = await spawned(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('roles[0].permissions[0]: `UPDAT` at 19: expected READ, CREATE, UPDATE, DELETE');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const unknown = await spawned(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('usage:');
  });

  it('reports an internal error in one line on stderr, exit 2, without a stack trace', async () => {
    // A disk that refuses the write of --write-scenarios: node:fs/promises' writeFile throws.
    const failingDisk = [
      "import fs from 'node:fs/promises';",
      "import { syncBuiltinESMExports } from 'node:module';",
      "fs.writeFile = async () => { throw new Error('ENOSPC: no space left on device'); };",
      'syncBuiltinESMExports();',
    ].join(' ');
    const file = write('advise-bin.json', readFileSync(VULN, 'utf8'));
    const args = ['advise', file, '--actor', 'vuln-sync-restricted', '--type', 'Application', '--paths', '/securityVulnerabilityCount', '--write-scenarios'];
    const r = await spawned(args, [`--import=data:text/javascript,${encodeURIComponent(failingDisk)}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sealcheck: internal error: ENOSPC: no space left on device\n');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
