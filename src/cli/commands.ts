// Every command's options and help (the pull command parses its own: src/cli/pull.ts).
import type { CommandSpec } from './args';

const json = { type: 'boolean', help: 'print one JSON document on standard output instead of text' } as const;
const FILE_NOTE = 'FILE is a policy file, or `-` for standard input.';

export const VALIDATE: CommandSpec = {
  name: 'validate',
  summary: 'checks files and lists every error of each',
  usage: ['validate FILE...'],
  about: ['Reads each file as the extension would import it and checks everything the format requires. Prints one line per valid file on standard output and every located error of an invalid one on standard error.', FILE_NOTE],
  options: {},
  positionals: [1, Infinity],
  exits: '0 every file is valid, 2 a file is invalid or cannot be read',
};

export const REPORTERS = ['text', 'json', 'junit', 'github'] as const;
export type Reporter = (typeof REPORTERS)[number];

export const TEST: CommandSpec = {
  name: 'test',
  summary: 'runs every scenario and compares it with its expectations',
  usage: ['test FILE... [--reporter text|json|junit|github] [--failures-only]'],
  about: [
    'Runs every scenario of every file and compares the outcome with each key its `expect` gives. An invalid file is reported and none of its scenarios run; the other files still run.',
    'Reporters: `text` for people (failures first); `json`, one document; `junit`, JUnit XML (a <testsuite> per file, a <testcase> per scenario) for CI test reports; `github`, GitHub Actions annotations (`::error file=...::`) for each failing scenario and invalid file.',
    FILE_NOTE,
  ],
  options: {
    reporter: { type: 'string', value: 'NAME', help: 'text (default), json, junit or github' },
    json: { type: 'boolean', help: 'the same as --reporter json' },
    'failures-only': { type: 'boolean', help: 'list only the failing scenarios (text and json; counts stay complete)' },
  },
  positionals: [1, Infinity],
  exits: '0 every scenario passes, 1 a scenario fails, 2 a file is invalid',
};

export const EXPLAIN: CommandSpec = {
  name: 'explain',
  summary: 'shows the whole reasoning behind one scenario',
  usage: ['explain FILE --scenario NAME'],
  about: ['Runs one scenario and prints the verdict, why, what would change it, and every actual value beside the expected one. NAME is the exact name, or a part of one name (any letter case); when it matches none or several, the closest names are listed.', FILE_NOTE],
  options: { scenario: { type: 'string', value: 'NAME', help: 'the scenario: its name or a part of it that only it has (required)' } },
  positionals: [1, 1],
  exits: '0 the scenario passes, 1 it fails, 2 an invalid file or no such scenario',
};

export const CHECK: CommandSpec = {
  name: 'check',
  summary: 'asks one question without writing a scenario: allowed? the seal?',
  usage: [
    'check FILE --actor ID --fact-sheet ID --set /path=VALUE... [--add /path=VALUE...] [--remove /path...] [--at TIME] [--json]',
    'check FILE --actor ID --fact-sheet ID --op read|archive',
    'check FILE --actor ID --op create --type TYPE [--set /field=VALUE...]',
    'check FILE --actor ID|--token ID --action ACTION [--datastore ID]          (Qualytics)',
    "check FILE --actor ID|--token ID --request 'METHOD /path' [--body JSON]   (Qualytics)",
  ],
  about: [
    'The ad-hoc question: what happens if this actor does this now? Prints the verdict in the words `explain` uses (Allowed · seal kept, Allowed · seal breaks, Denied), why, what would change it, and the outcome.',
    'LeanIX: `--set`, `--add` and `--remove` make an update, one patch each, in the order given (replace, add, remove). A VALUE is read as JSON when it is JSON (`3`, `true`, `["a","b"]`, `"3"`), else as text. `--op` defaults to update when patches are given.',
    FILE_NOTE,
  ],
  options: {
    actor: { type: 'string', value: 'ID', help: 'the user who acts (LeanIX: its id or email)' },
    token: { type: 'string', value: 'ID', help: 'Qualytics: act through this token instead of a user' },
    'fact-sheet': { type: 'string', value: 'ID', help: 'the fact sheet (update, read, archive)' },
    set: { type: 'string', multiple: true, value: '/path=VALUE', help: 'a replace patch (update), or a value of the new fact sheet (create)' },
    add: { type: 'string', multiple: true, value: '/path=VALUE', help: 'an add patch, for relations and subscriptions' },
    remove: { type: 'string', multiple: true, value: '/path', help: 'a remove patch' },
    op: { type: 'string', value: 'OP', help: 'update (default with patches), create, archive or read' },
    type: { type: 'string', value: 'TYPE', help: 'the type of the fact sheet to create' },
    action: { type: 'string', value: 'ACTION', help: 'Qualytics: a datastore action, like check.activate' },
    datastore: { type: 'string', value: 'ID', help: 'Qualytics: the datastore the action acts on' },
    request: { type: 'string', value: "'METHOD /path'", help: 'Qualytics: a call of the service-user and token API' },
    body: { type: 'string', value: 'JSON', help: "Qualytics: the request's JSON body" },
    at: { type: 'string', value: 'TIME', help: "when it happens (ISO 8601); default: the file's asOf" },
    json,
  },
  positionals: [1, 1],
  exits: '0 answered (allowed or not), 2 an invalid file or question',
};

export const WHO: CommandSpec = {
  name: 'who',
  summary: 'who may edit a fact sheet without breaking its seal, who breaks it, who approves',
  usage: ['who FILE --fact-sheet ID [--paths /a,/b] [--at TIME] [--json]'],
  about: [
    'The reverse question, for every user of a LeanIX file: would an edit of the fact sheet keep its seal, break it, or be denied; who may approve it (set /lxState to APPROVED, mandatory values included); who is notified when it breaks; and who cannot touch it (the edit denied and no approval).',
    'The edit replaces the paths of --paths; without it, every field, relation and section whose edit can break the seal (not exempt) that the user may write.',
    FILE_NOTE,
  ],
  options: {
    'fact-sheet': { type: 'string', value: 'ID', help: 'the fact sheet (required)' },
    paths: { type: 'string', value: '/a,/b', help: 'the paths each edit replaces; default: per user, every seal-relevant one it may write' },
    at: { type: 'string', value: 'TIME', help: "when (ISO 8601); default: the file's asOf" },
    json,
  },
  positionals: [1, 1],
  exits: '0 answered, 2 an invalid file or question',
};

export const ADVISE: CommandSpec = {
  name: 'advise',
  summary: 'ranks the setups an admin can give an integration user',
  usage: [
    'advise FILE --actor ID --type T --paths /a,/b [--fact-sheets ID,...] [--runs-per-year N] [--json] [--write-scenarios] [--request] [--setup NAME]',
    'advise FILE --actor ID --actions a,b --datastores d1,d2 [--json]   (Qualytics)',
  ],
  about: ['What should an integration user be? Evaluates every setup an admin weighs over the workspace\'s real fact sheets, ranks them and prints the recommended customer role; `--request` prints the change to ask for as text for a ticket.', FILE_NOTE + ' `--write-scenarios` needs a file.'],
  options: {
    actor: { type: 'string', value: 'ID', help: 'the user the integration runs as (required)' },
    type: { type: 'string', value: 'TYPE', help: 'LeanIX: the fact sheet type it writes' },
    paths: { type: 'string', value: '/a,/b', help: 'LeanIX: the paths each run replaces' },
    'fact-sheets': { type: 'string', value: 'ID,...', help: 'LeanIX: the fact sheets it writes; default: all of the type' },
    'runs-per-year': { type: 'string', value: 'N', help: 'LeanIX: how often it runs, a whole number from 1 to 1,000,000; default 52' },
    actions: { type: 'string', value: 'a,b', help: 'Qualytics: the actions it must perform' },
    datastores: { type: 'string', value: 'd1,d2', help: 'Qualytics: the datastores it acts on' },
    json,
    'write-scenarios': { type: 'boolean', help: "LeanIX: add the setup's role, a user holding it and scenarios that prove it to FILE" },
    request: { type: 'boolean', help: 'LeanIX: print only the change the setup needs, as text for a ticket' },
    setup: { type: 'string', value: 'NAME', help: 'LeanIX: the setup --request and --write-scenarios are about; default: the recommended one' },
  },
  positionals: [1, 1],
  exits: '0 advice printed, 2 an invalid file or question',
};

export const DIFF: CommandSpec = {
  name: 'diff',
  summary: 'the access, scenarios and seals that change between two files',
  usage: ['diff OLD NEW [--json]'],
  about: ['Compares two policy files of one platform as a CI gate in the spirit of "no new access": the access added and removed per user, role and team, the scenarios whose outcome changes (only the keys that change), and for LeanIX the seals an edit keeps or breaks, each with its cause where the comparison gives one.', 'OLD or NEW may be `-` for standard input (not both).'],
  options: { json },
  positionals: [2, 2],
  exits: '0 NEW grants no access OLD did not, 1 it does, 2 an invalid file or two platforms',
};

export const MIGRATE: CommandSpec = {
  name: 'migrate',
  summary: 'writes a policy file as format version 2, changing only what must change',
  usage: ['migrate FILE [--out FILE]'],
  about: ['Writes FILE as format version 2: to standard output without --out, else to the --out file (which may be FILE itself), through a temporary file and a rename. Everything but the version-2 changes stays byte for byte.', FILE_NOTE],
  options: { out: { type: 'string', value: 'FILE', help: 'where to write; default: standard output' } },
  positionals: [1, 1],
  exits: '0 written, 2 an invalid or unreadable file, or a target that cannot be written',
};

export const COMMANDS: readonly CommandSpec[] = [VALIDATE, TEST, EXPLAIN, CHECK, WHO, ADVISE, DIFF, MIGRATE];
