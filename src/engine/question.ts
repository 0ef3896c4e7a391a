// Is a question fit to be asked of a workspace? The checks a validated file makes of a
// scenario's actor and operation, for questions that come from elsewhere (the popup,
// the playground, the command line's flags): asked before evaluation, so that the
// evaluators only ever see what a valid file could contain. Every problem is located
// where in the question it is (`actor`, `operation.patches[0].path`, ...), worded as
// the validator words the same problem. Pure TypeScript over the model's types.
import type {
  FactSheet,
  FactSheetType,
  LeanixOperation,
  LeanixPolicy,
  LeanixUser,
  Patch,
  Policy,
  QualyticsActor,
  QualyticsOperation,
  QualyticsPolicy,
  Token,
} from '../model/schema';
import { namesPartOf, targetOf } from '../model/patch-path';
import { firstSegment, isSingleSegment } from '../model/paths';
import { BASE_FIELDS, LX_STATES, Q_ACTIONS, Q_ROLE_ONLY_ACTIONS, SECTIONS, matchEndpoint } from '../model/vocabulary';
import type { Platform, QAction } from '../model/vocabulary';
import { describeValue, formatPath, literalList, suggestion } from '../model/words';
import type { PathSegment } from '../model/words';

/** One problem of a question: where in the question, and what. */
export interface QuestionError {
  readonly path: string;
  readonly message: string;
}

export type QuestionCheck = { readonly ok: true } | { readonly ok: false; readonly errors: readonly QuestionError[] };

export interface LeanixQuestion {
  readonly platform: 'leanix';
  readonly actor: string;
  readonly operation: LeanixOperation;
}

export interface QualyticsQuestion {
  readonly platform: 'qualytics';
  readonly actor: QualyticsActor;
  readonly operation: QualyticsOperation;
}

export type PlatformQuestion = LeanixQuestion | QualyticsQuestion;

/** The advisor's question: which setup should `actor` have to do this? */
export type AdviceQuestion =
  | { readonly platform: 'leanix'; readonly actor: string; readonly type: string; readonly paths: readonly string[]; readonly factSheets?: readonly string[] }
  | { readonly platform: 'qualytics'; readonly actor: string; readonly actions: readonly string[]; readonly datastores: readonly string[] };

/**
 * Checks a question against a workspace's (validated) policy before it is evaluated:
 * ok, or every problem with its place in the question. Never throws.
 */
export function checkQuestion(policy: Policy, question: PlatformQuestion): QuestionCheck {
  const out = new Problems();
  if (question.platform !== policy.platform) platformMismatch(out, policy.platform, question.platform);
  else if (policy.platform === 'leanix' && question.platform === 'leanix') checkLeanix(out, policy, question.actor, question.operation);
  else if (policy.platform === 'qualytics' && question.platform === 'qualytics') checkQualytics(out, policy, question.actor, question.operation);
  return out.result();
}

/** Checks the advisor's question: the actor, the type and its paths, the fact sheets; or the actions and datastores. */
export function checkAdviceQuestion(policy: Policy, question: AdviceQuestion): QuestionCheck {
  const out = new Problems();
  if (question.platform !== policy.platform) {
    platformMismatch(out, policy.platform, question.platform);
    return out.result();
  }
  if (policy.platform === 'leanix' && question.platform === 'leanix') {
    checkUser(out, policy, question.actor, ['actor']);
    const type = checkTypeName(out, policy, question.type, ['type']);
    if (!question.paths.length) out.add(['paths'], 'choose at least one path the integration writes');
    question.paths.forEach((path, i) => {
      const problem = writePathProblem(type, path);
      if (problem) out.add(['paths', i], problem);
    });
    question.factSheets?.forEach((id, i) => {
      const sheet = factSheetsOf(policy).get(id);
      if (!sheet) out.add(['factSheets', i], `unknown fact sheet \`${id}\`${sheetSuggestion(policy, id)}`);
      else if (type && sheet.type !== type.name) out.add(['factSheets', i], `\`${id}\` is a fact sheet of \`${sheet.type}\`, not of \`${type.name}\``);
    });
  } else if (policy.platform === 'qualytics' && question.platform === 'qualytics') {
    checkUser(out, policy, question.actor, ['actor']);
    if (!question.actions.length) out.add(['actions'], 'choose at least one action');
    question.actions.forEach((action, i) => {
      if (!isQualyticsAction(action)) unknownAction(out, action, ['actions', i]);
    });
    const datastores = datastoreIds(policy);
    question.datastores.forEach((id, i) => {
      if (!datastores.has(id)) out.add(['datastores', i], `unknown datastore \`${id}\`${suggestion(id, datastores)}`);
    });
  }
  return out.result();
}

// ---------------------------------------------------------------- the parts

class Problems {
  readonly errors: QuestionError[] = [];
  add(path: readonly PathSegment[], message: string): void {
    this.errors.push({ path: formatPath(path), message });
  }
  result(): QuestionCheck {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true };
  }
}

function platformMismatch(out: Problems, workspace: Platform, asked: string): void {
  out.add(['platform'], `the workspace is a \`${workspace}\` workspace; the question is for \`${asked}\``);
}

const own = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** A lookup by key (items without one left out), built once per list (a workspace's lists are not changed once checked). */
function cachedIndex<T>(key: (item: T) => string | undefined): (list: readonly T[]) => ReadonlyMap<string, T> {
  const cache = new WeakMap<readonly T[], ReadonlyMap<string, T>>();
  return (list) => {
    let index = cache.get(list);
    if (!index) {
      const built = new Map<string, T>();
      for (const item of list) {
        const k = key(item);
        if (k !== undefined && !built.has(k)) built.set(k, item);
      }
      cache.set(list, (index = built));
    }
    return index;
  };
}

const usersById = cachedIndex<{ readonly id: string }>((u) => u.id);
const usersByEmail = cachedIndex<LeanixUser>((u) => u.email);
const tokensById = cachedIndex<Token>((t) => t.id);
const sheetsById = cachedIndex<FactSheet>((f) => f.id);
const typesByName = cachedIndex<FactSheetType>((t) => t.name);
const factSheetsOf = (policy: LeanixPolicy) => sheetsById(policy.factSheets);
const typesOf = (policy: LeanixPolicy) => typesByName(policy.factSheetTypes);
const datastoreIds = (policy: QualyticsPolicy): ReadonlySet<string> => new Set(policy.datastores.map((d) => d.id));

/** Suggestions among fact sheets only where there are few enough to compare cheaply. */
const SUGGEST_AMONG_AT_MOST = 5_000;

function sheetSuggestion(policy: LeanixPolicy, id: string): string {
  return policy.factSheets.length <= SUGGEST_AMONG_AT_MOST ? suggestion(id, factSheetsOf(policy).keys()) : '';
}

/** A user by id; where `byEmail`, a LeanIX scenario's actor, also by the user's email. */
function checkUser(out: Problems, policy: Policy, id: string, at: PathSegment[], byEmail = false): void {
  const users = usersById(policy.users);
  if (users.has(id) || (byEmail && policy.platform === 'leanix' && usersByEmail(policy.users).has(id))) return;
  out.add(at, `unknown user \`${id}\`${suggestion(id, users.keys())}`);
}

function checkTypeName(out: Problems, policy: LeanixPolicy, name: string, at: PathSegment[]): FactSheetType | undefined {
  const type = typesOf(policy).get(name);
  if (!type) out.add(at, `unknown fact sheet type \`${name}\`${suggestion(name, typesOf(policy).keys())}`);
  return type;
}

const BASE = new Set<string>(BASE_FIELDS);

function isFieldOf(type: FactSheetType, key: string): boolean {
  return BASE.has(key) || type.fields.includes(key) || type.relations.includes(key);
}

const partNames = (type: FactSheetType) => [...BASE_FIELDS, ...type.fields, ...type.relations, ...SECTIONS];

/** Why the advisor cannot take `path` as a path the integration writes on `type`; null when it can. */
function writePathProblem(type: FactSheetType | undefined, path: string): string | null {
  if (!path.startsWith('/')) return `\`${path}\`: expected a path starting with \`/\`, like \`/lifecycle\``;
  if (firstSegment(path) === 'lxState') return '`/lxState` is the quality seal: the advisor weighs who may set it, choose the fields the integration writes';
  if (!isSingleSegment(path)) return `\`${path}\`: expected one segment, like \`/lifecycle\``;
  if (type ? targetOf(type, path).kind === 'subscriptions' : firstSegment(path) === 'subscriptions') return '`/subscriptions` is not replaced by a write (only `add /subscriptions` and `remove /subscriptions/<user id>` exist): the advisor weighs fields, relations and sections an integration replaces';
  if (type && !namesPartOf(type, path)) return `\`${path}\` names no field, relation or section of \`${type.name}\`${suggestion(firstSegment(path), partNames(type))}`;
  return null;
}

// ---------------------------------------------------------------- LeanIX

function checkLeanix(out: Problems, policy: LeanixPolicy, actor: string, operation: LeanixOperation): void {
  checkUser(out, policy, actor, ['actor'], true);
  const at: PathSegment[] = ['operation'];
  if (operation.op === 'create') {
    const type = checkTypeName(out, policy, operation.type, [...at, 'type']);
    for (const key of Object.keys(operation.values)) {
      if (key === 'lxState') out.add([...at, 'values', key], 'a new fact sheet starts in the state its type fixes; `lxState` cannot be set on create');
      else if (key === 'approvedAt') out.add([...at, 'values', key], '`approvedAt` cannot be set on create');
      else if (type && !isFieldOf(type, key)) {
        out.add([...at, 'values', key], `\`${key}\` is not a field of \`${type.name}\`${suggestion(key, [...BASE_FIELDS, ...type.fields, ...type.relations])}`);
      }
    }
    return;
  }
  const sheet = factSheetsOf(policy).get(operation.factSheet);
  if (!sheet) out.add([...at, 'factSheet'], `unknown fact sheet \`${operation.factSheet}\`${sheetSuggestion(policy, operation.factSheet)}`);
  if (operation.op !== 'update') return;
  if (!operation.patches.length) out.add([...at, 'patches'], 'an update has at least one patch');
  const type = sheet && typesOf(policy).get(sheet.type);
  let sealPatches = 0;
  operation.patches.forEach((patch, j) => {
    const pAt: PathSegment[] = [...at, 'patches', j];
    if (!patch.path.startsWith('/')) {
      out.add([...pAt, 'path'], `\`${patch.path}\`: expected a patch path starting with \`/\``);
      return;
    }
    if (firstSegment(patch.path) === 'lxState') {
      if (++sealPatches > 1) out.add([...pAt, 'path'], 'an update has at most one `/lxState` patch');
      if (patch.path !== '/lxState') out.add([...pAt, 'path'], `\`${patch.path}\`: \`/lxState\` takes no further path segments`);
      checkStateValue(out, patch, pAt);
      return;
    }
    if (type && !namesPartOf(type, patch.path)) {
      const hint = suggestion(firstSegment(patch.path), partNames(type));
      out.add([...pAt, 'path'], `\`${patch.path}\` names nothing of \`${type.name}\`: expected a base field, attribute, relation or section${hint}`);
    }
  });
}

function checkStateValue(out: Problems, patch: Patch, at: PathSegment[]): void {
  if (patch.op === 'remove') return; // a valid question, denied by the evaluation
  const states: readonly unknown[] = LX_STATES;
  if (patch.value === undefined) out.add([...at, 'value'], `missing required key \`value\`: expected ${literalList(LX_STATES)}`);
  else if (!states.includes(patch.value)) out.add([...at, 'value'], `expected ${literalList(LX_STATES)}, found ${describeValue(patch.value)}`);
}

// ---------------------------------------------------------------- Qualytics

const API = 'POST /users, PUT /users/{id}, DELETE /users/{id}, POST /user-tokens, GET /user-tokens/service, PUT /user-tokens/{id}, DELETE /user-tokens/{id}';

function checkQualytics(out: Problems, policy: QualyticsPolicy, actor: QualyticsActor, operation: QualyticsOperation): void {
  if (typeof actor === 'string') checkUser(out, policy, actor, ['actor']);
  else {
    const tokens = tokensById(policy.tokens);
    if (!tokens.has(actor.token)) out.add(['actor', 'token'], `unknown token \`${actor.token}\`${suggestion(actor.token, tokens.keys())}`);
  }
  if ('action' in operation) {
    const action: string = operation.action;
    if (!isQualyticsAction(action)) {
      unknownAction(out, action, ['operation', 'action']);
      return;
    }
    const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(action);
    const at: PathSegment[] = ['operation', 'datastore'];
    if (roleOnly && operation.datastore !== undefined) out.add(at, `\`${operation.action}\` names no datastore; remove \`datastore\``);
    else if (!roleOnly && operation.datastore === undefined) out.add(at, `missing required key \`datastore\`: \`${operation.action}\` acts on a datastore`);
    else if (operation.datastore !== undefined) {
      const datastores = datastoreIds(policy);
      if (!datastores.has(operation.datastore)) out.add(at, `unknown datastore \`${operation.datastore}\`${suggestion(operation.datastore, datastores)}`);
    }
    return;
  }
  const { method, path } = operation.request;
  if (!matchEndpoint(method, path)) {
    out.add(['operation', 'request'], `\`${method} ${path}\` is not part of the service-user and token API (${API})`);
  }
}

/** Whether `action` is one of the Qualytics datastore actions (own keys only: `toString` is not). */
export function isQualyticsAction(action: string): action is QAction {
  return own(Q_ACTIONS, action);
}

function unknownAction(out: Problems, action: string, at: PathSegment[]): void {
  out.add(at, `unknown action \`${action}\`${suggestion(action, Object.keys(Q_ACTIONS))}`);
}
