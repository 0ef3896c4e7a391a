// The scenario form's state and its two-way mapping to policy-file scenarios:
// no JSON typed by hand except a patch value (parsed as JSON when it parses).
import type { LeanixScenario, QualyticsScenario, Scenario } from '../../model/schema';
import type { Answer } from '../../worker/api';
import { LX_STATES, Q_ROLE_ONLY_ACTIONS } from '../../model/vocabulary';
import type { QAction } from '../../model/vocabulary';
import { parseValue, valueText } from '../components/leanix-paths';
import { typedPath } from '../components/patch-path';

export type Tri = '' | 'true' | 'false';
export interface ListExpect {
  readonly on: boolean;
  readonly text: string;
}
export interface PatchRow {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value: string;
}
export interface ValueRow {
  readonly key: string;
  readonly value: string;
}

export interface LeanixDraft {
  readonly platform: 'leanix';
  readonly name: string;
  readonly description?: string;
  readonly actor: string;
  readonly at: string;
  readonly kind: 'update' | 'create' | 'archive' | 'read';
  readonly factSheet: string;
  readonly type: string;
  readonly values: readonly ValueRow[];
  readonly patches: readonly PatchRow[];
  readonly expect: {
    readonly allowed: Tri;
    readonly sealBroken: Tri;
    /** '' not checked, 'null', or a state. */
    readonly lxStateBefore: string;
    readonly lxStateAfter: string;
    readonly deniedPaths: ListExpect;
    readonly notified: ListExpect;
    readonly events: ListExpect;
  };
}

export interface QualyticsDraft {
  readonly platform: 'qualytics';
  readonly name: string;
  readonly description?: string;
  readonly actorKind: 'user' | 'token';
  readonly actor: string;
  readonly at: string;
  readonly kind: 'action' | 'request';
  readonly action: string;
  readonly datastore: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body: string;
  readonly expect: { readonly allowed: Tri; readonly status: string };
}

export type Draft = LeanixDraft | QualyticsDraft;

const offList: ListExpect = { on: false, text: '' };

export function emptyLeanixDraft(actor = ''): LeanixDraft {
  return {
    platform: 'leanix',
    name: '',
    actor,
    at: '',
    kind: 'update',
    factSheet: '',
    type: '',
    values: [{ key: 'name', value: '' }],
    patches: [{ op: 'replace', path: '', value: '' }],
    expect: { allowed: '', sealBroken: '', lxStateBefore: '', lxStateAfter: '', deniedPaths: offList, notified: offList, events: offList },
  };
}

export function emptyQualyticsDraft(actor = ''): QualyticsDraft {
  return {
    platform: 'qualytics',
    name: '',
    actorKind: 'user',
    actor,
    at: '',
    kind: 'action',
    action: 'datastore.view',
    datastore: '',
    method: 'POST',
    path: '/users',
    body: '',
    expect: { allowed: '', status: '' },
  };
}

const tri = (v: boolean | undefined): Tri => (v === undefined ? '' : v ? 'true' : 'false');
const list = (v: readonly string[] | undefined): ListExpect => (v === undefined ? offList : { on: true, text: v.join(', ') });

export function draftOf(s: Scenario, platform: 'leanix' | 'qualytics'): Draft {
  if (platform === 'leanix') {
    const l = s as LeanixScenario;
    const op = l.operation;
    const e = l.expect;
    return {
      ...emptyLeanixDraft(l.actor),
      name: l.name,
      description: l.description,
      at: l.at ?? '',
      kind: op.op,
      factSheet: op.op === 'create' ? '' : op.factSheet,
      type: op.op === 'create' ? op.type : '',
      values: op.op === 'create' ? Object.entries(op.values).map(([key, value]) => ({ key, value: valueText(value) })) : [{ key: 'name', value: '' }],
      patches: op.op === 'update' ? op.patches.map((p) => ({ op: p.op, path: p.path, value: valueText(p.value) })) : [{ op: 'replace', path: '', value: '' }],
      expect: {
        allowed: tri(e.allowed),
        sealBroken: tri(e.sealBroken),
        lxStateBefore: e.lxStateBefore === undefined ? '' : String(e.lxStateBefore),
        lxStateAfter: e.lxStateAfter === undefined ? '' : String(e.lxStateAfter),
        deniedPaths: list(e.deniedPaths),
        notified: list(e.notified),
        events: list(e.events),
      },
    };
  }
  const q = s as QualyticsScenario;
  const op = q.operation;
  const base = emptyQualyticsDraft();
  return {
    ...base,
    name: q.name,
    description: q.description,
    actorKind: typeof q.actor === 'string' ? 'user' : 'token',
    actor: typeof q.actor === 'string' ? q.actor : q.actor.token,
    at: q.at ?? '',
    ...('request' in op
      ? { kind: 'request' as const, method: op.request.method, path: op.request.path, body: op.request.body === undefined ? '' : JSON.stringify(op.request.body, null, 2) }
      : { kind: 'action' as const, action: op.action, datastore: op.datastore ?? '' }),
    expect: { allowed: tri(q.expect.allowed), status: q.expect.status === undefined ? '' : String(q.expect.status) },
  };
}

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The scenario for a draft, or the form's own problems (before the file's validator sees it). */
export function scenarioOf(d: Draft): { ok: true; scenario: Record<string, unknown> } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!d.name.trim()) problems.push('Give the scenario a name.');
  if (!d.actor) problems.push('Choose an actor.');
  const head: Record<string, unknown> = { name: d.name.trim() };
  if (d.description) head.description = d.description;
  if (d.at.trim()) head.at = d.at.trim();
  if (d.platform === 'leanix') {
    head.actor = d.actor;
    let operation: Record<string, unknown>;
    if (d.kind === 'create') {
      if (!d.type) problems.push('Choose the type to create.');
      const values: Record<string, unknown> = {};
      for (const row of d.values) if (row.key.trim()) values[row.key.trim()] = parseValue(row.value);
      operation = { op: 'create', type: d.type, values };
    } else {
      if (!d.factSheet) problems.push('Choose a fact sheet.');
      if (d.kind === 'update') {
        const patches = d.patches.filter((p) => p.path.trim());
        if (!patches.length) problems.push('Add at least one change (a patch with a path).');
        operation = {
          op: 'update',
          factSheet: d.factSheet,
          patches: patches.map((p) => {
            const path = typedPath(p.path);
            return p.op === 'remove' ? { op: p.op, path } : { op: p.op, path, value: parseValue(p.value) };
          }),
        };
      } else operation = { op: d.kind, factSheet: d.factSheet };
    }
    const expect: Record<string, unknown> = {};
    const e = d.expect;
    if (e.allowed) expect.allowed = e.allowed === 'true';
    if (e.deniedPaths.on) expect.deniedPaths = splitList(e.deniedPaths.text);
    if (e.lxStateBefore) expect.lxStateBefore = e.lxStateBefore === 'null' ? null : e.lxStateBefore;
    if (e.lxStateAfter) expect.lxStateAfter = e.lxStateAfter === 'null' ? null : e.lxStateAfter;
    if (e.sealBroken) expect.sealBroken = e.sealBroken === 'true';
    if (e.notified.on) expect.notified = splitList(e.notified.text);
    if (e.events.on) expect.events = splitList(e.events.text);
    return problems.length ? { ok: false, problems } : { ok: true, scenario: { ...head, operation, expect } };
  }
  head.actor = d.actorKind === 'token' ? { token: d.actor } : d.actor;
  let operation: Record<string, unknown>;
  if (d.kind === 'action') {
    const roleOnly = Q_ROLE_ONLY_ACTIONS.includes(d.action as QAction);
    operation = d.datastore && !roleOnly ? { action: d.action, datastore: d.datastore } : { action: d.action };
  } else {
    const request: Record<string, unknown> = { method: d.method, path: d.path.trim() };
    if (d.body.trim()) {
      try {
        request.body = JSON.parse(d.body);
      } catch (error) {
        problems.push(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    operation = { request };
  }
  const expect: Record<string, unknown> = {};
  if (d.expect.allowed) expect.allowed = d.expect.allowed === 'true';
  if (d.expect.status) expect.status = Number(d.expect.status);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: { ...head, operation, expect } };
}

export const LX_STATE_OPTIONS = LX_STATES;

/** The draft with every expectation set to what `answer` says happens; null when it answers for the other platform. */
export function expectFromAnswer(d: Draft, answer: Answer): Draft | null {
  if (answer.platform === 'leanix' && d.platform === 'leanix') {
    const o = answer.outcome;
    return {
      ...d,
      expect: {
        allowed: o.allowed ? 'true' : 'false',
        sealBroken: o.sealBroken ? 'true' : 'false',
        lxStateBefore: o.lxStateBefore ?? 'null',
        lxStateAfter: o.lxStateAfter ?? 'null',
        deniedPaths: { on: true, text: o.deniedPaths.join(', ') },
        notified: { on: true, text: o.notified.join(', ') },
        events: { on: true, text: o.events.join(', ') },
      },
    };
  }
  if (answer.platform === 'qualytics' && d.platform === 'qualytics') {
    return { ...d, expect: { allowed: answer.outcome.allowed ? 'true' : 'false', status: String(answer.outcome.status) } };
  }
  return null;
}
