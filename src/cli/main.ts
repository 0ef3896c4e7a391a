// `sealcheck validate | test | explain | check | who | advise | diff | migrate | pull`:
// exit 0 ok, 1 a scenario fails (or a diff grants new access), 2 invalid input.
import { adviseCommand } from './advise';
import { commandSuggestion, helpText, parseCommand } from './args';
import type { CommandSpec, Parsed } from './args';
import { checkCommand } from './check';
import { COMMANDS, REPORTERS } from './commands';
import type { Reporter } from './commands';
import { diffCommand } from './diff';
import { explainCommand } from './explain';
import { migrateCommand } from './migrate';
import { PULL_USAGE, pullCommand } from './pull';
import type { Io } from './io';
import { STDIN, defaultIo } from './io';
import { testCommand, validateCommand } from './test';
import { safe } from './text';
import { version } from './version';
import { whoCommand } from './who';
import { literalList } from '../model/words';

export type { Io };

const PULL_SUMMARY = 'reads a LeanIX or Qualytics workspace into a policy file';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return [
    'usage:',
    ...COMMANDS.flatMap((c) => c.usage.map((u) => `  sealcheck ${u}`)),
    PULL_USAGE,
    '  sealcheck help [COMMAND]   sealcheck COMMAND --help   sealcheck --version',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'pull'.padEnd(width)}  ${PULL_SUMMARY}`,
    '',
    'FILE may be `-` for standard input. Exit: 0 ok, 1 a scenario fails or a diff grants new access, 2 the input cannot be used.',
  ].join('\n');
}

function pullHelp(): string {
  return ['usage:', PULL_USAGE, '', `${PULL_SUMMARY}: see docs/cli.md (pull) for its options; the token comes from an environment variable, never from the command line.`].join('\n');
}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.err(`sealcheck: internal error: ${safe(error instanceof Error ? error.message : String(error))}`);
    return 2;
  }
}

const NAMES = [...COMMANDS.map((c) => c.name), 'pull', 'help'];

function unknownCommand(io: Io, command: string): number {
  const meant = commandSuggestion(command, NAMES) || commandSuggestion(command.replace(/^-+/, ''), ['help', 'version']).replace(/`(help|version)`/, '`--$1`');
  io.err(`sealcheck: unknown command \`${safe(command)}\`${meant}`);
  io.err(overview());
  return 2;
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(overview());
    return 2;
  }
  if (command === '--version' || command === '-V') {
    io.out(version());
    return 0;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic === undefined) io.out(overview());
    else if (topic === 'pull') io.out(pullHelp());
    else {
      const spec = COMMANDS.find((c) => c.name === topic);
      if (!spec) return unknownCommand(io, topic);
      io.out(helpText(spec));
    }
    return 0;
  }
  if (command === 'pull' && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(pullHelp());
    return 0;
  }
  if (command === 'pull') return pullCommand(io, rest); // its own options (src/cli/pull.ts)
  const spec = COMMANDS.find((c) => c.name === command);
  if (!spec) return unknownCommand(io, command);
  const parsed = parseCommand(spec, rest, COMMANDS);
  if (!parsed.ok) return usageError(io, spec, parsed.message);
  if (parsed.help) {
    io.out(helpText(spec));
    return 0;
  }
  if (parsed.positionals.filter((p) => p === STDIN).length > 1) return usageError(io, spec, 'standard input (`-`) can be read once: name it once');
  return run(io, spec, parsed);
}

function usageError(io: Io, spec: CommandSpec, message: string): number {
  io.err(`sealcheck ${spec.name}: ${message}`);
  io.err(['usage:', ...spec.usage.map((u) => `  sealcheck ${u}`)].join('\n'));
  io.err(`(\`sealcheck help ${spec.name}\` for every option)`);
  return 2;
}

async function run(io: Io, spec: CommandSpec, parsed: Extract<Parsed, { ok: true }>): Promise<number> {
  const { values: v, positionals: args, tokens } = parsed;
  const str = (name: string) => v[name] as string | undefined;
  switch (spec.name) {
    case 'validate':
      return validateCommand(io, args);
    case 'test': {
      const named = str('reporter');
      if (named !== undefined && !(REPORTERS as readonly string[]).includes(named)) {
        const meant = commandSuggestion(named, REPORTERS);
        return usageError(io, spec, `\`--reporter\`: unknown reporter \`${safe(named)}\`${meant}; expected ${literalList(REPORTERS)}`);
      }
      if (v.json && named !== undefined && named !== 'json') return usageError(io, spec, `\`--json\` is \`--reporter json\`; it cannot go with \`--reporter ${named}\``);
      const reporter: Reporter = v.json ? 'json' : ((named as Reporter | undefined) ?? 'text');
      return testCommand(io, args, { reporter, failuresOnly: Boolean(v['failures-only']) });
    }
    case 'explain':
      if (str('scenario') === undefined) return usageError(io, spec, '`--scenario NAME` is required');
      return explainCommand(io, args[0]!, str('scenario')!);
    case 'check':
      return checkCommand(io, args[0]!, v, tokens);
    case 'who':
      return whoCommand(io, { file: args[0]!, factSheet: str('fact-sheet'), paths: str('paths'), at: str('at'), json: Boolean(v.json) });
    case 'advise':
      return adviseCommand(io, {
        file: args[0]!,
        actor: str('actor'),
        type: str('type'),
        paths: str('paths'),
        factSheets: str('fact-sheets'),
        runsPerYear: str('runs-per-year'),
        actions: str('actions'),
        datastores: str('datastores'),
        json: Boolean(v.json),
        writeScenarios: Boolean(v['write-scenarios']),
        request: Boolean(v.request),
        setup: str('setup'),
      });
    case 'diff':
      return diffCommand(io, args[0]!, args[1]!, Boolean(v.json));
    case 'migrate':
      return migrateCommand(io, args[0]!, str('out'));
    default:
      throw new Error(`no handler for \`${spec.name}\``);
  }
}
