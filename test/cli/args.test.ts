// --version, help for each command, and errors that say what was meant.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { LEANIX, QUALYTICS, sealcheck } from './helpers';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('--version and help', () => {
  it('--version prints the package version', async () => {
    const r = await sealcheck(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('help, --help and -h print the overview with every command on stdout, exit 0', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const r = await sealcheck(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of [...COMMANDS.map((x) => x.name), 'pull']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });

  it('no command prints the overview on stderr and exits 2', async () => {
    const r = await sealcheck([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage:');
  });

  it.each(COMMANDS.map((c) => c.name))('`help %s` and `%s --help` print the same help: usage, every option, exits', async (name) => {
    const a = await sealcheck(['help', name]);
    const b = await sealcheck([name, '--help']);
    const c = await sealcheck([name, '-h']);
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const spec = COMMANDS.find((x) => x.name === name)!;
    expect(a.stdout).toContain(`sealcheck ${spec.usage[0]}`);
    for (const option of Object.keys(spec.options)) expect(a.stdout).toContain(`--${option}`);
    expect(a.stdout).toMatch(/^exit: 0 /m);
  });

  it('help for pull, in both forms', async () => {
    const a = await sealcheck(['help', 'pull']);
    const b = await sealcheck(['pull', '--help']);
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
    expect(a.stdout).toContain('sealcheck pull leanix|qualytics --url URL');
  });

  it('help on a file after other arguments still helps', async () => {
    const r = await sealcheck(['test', LEANIX, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--reporter');
  });
});

describe('errors that say what was meant', () => {
  it('an unknown option names the closest one, and exits 2 with the usage', async () => {
    const r = await sealcheck(['test', LEANIX, '--reportr', 'junit']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sealcheck test: unknown option `--reportr`; did you mean `--reporter`?');
    expect(r.stderr).toContain('usage:\n  sealcheck test FILE...');
  });

  it('an option of another command says which command has it', async () => {
    const r = await sealcheck(['test', LEANIX, '--scenario', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option `--scenario`; `--scenario` is an option of `explain`');
  });

  it('an unknown command names the closest one', async () => {
    const r = await sealcheck(['tset', LEANIX]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sealcheck: unknown command `tset`; did you mean `test`?');
    const v = await sealcheck(['--verison']);
    expect(v.stderr).toContain('did you mean `--version`?');
  });

  it('an unknown reporter names the closest one', async () => {
    const r = await sealcheck(['test', LEANIX, '--reporter', 'junt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown reporter `junt`; did you mean `junit`?; expected `text`, `json`, `junit` or `github`');
  });

  it('a missing value, a value for a flag, a flag given twice, a missing or extra file', async () => {
    expect((await sealcheck(['test', LEANIX, '--reporter'])).stderr).toContain('`--reporter` needs a value: NAME');
    expect((await sealcheck(['test', LEANIX, '--json=yes'])).stderr).toContain('`--json` takes no value');
    expect((await sealcheck(['explain', LEANIX, '--scenario', 'a', '--scenario', 'b'])).stderr).toContain('`--scenario` is given more than once');
    expect((await sealcheck(['validate'])).stderr).toContain('sealcheck validate: name the files');
    expect((await sealcheck(['explain', LEANIX, QUALYTICS, '--scenario', 'a'])).stderr).toContain('unexpected argument');
    expect((await sealcheck(['diff', LEANIX])).stderr).toContain('expected 2 files, found 1');
  });

  it('--json with another reporter is refused; --json alone is --reporter json', async () => {
    const both = await sealcheck(['test', LEANIX, '--json', '--reporter', 'junit']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('`--json` is `--reporter json`');
    const a = await sealcheck(['test', LEANIX, '--json']);
    const b = await sealcheck(['test', LEANIX, '--reporter', 'json']);
    expect(JSON.parse(a.stdout).passed).toBe(JSON.parse(b.stdout).passed);
  });

  it('standard input is read once', async () => {
    const r = await sealcheck(['test', '-', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input (`-`) can be read once');
  });
});
