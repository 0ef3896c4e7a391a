// A scenario said in one line each: its actor, its operation, what it expects, and a
// value as the expected-vs-actual tables show it.
import type { Scenario } from '../../model/schema';
import type { Outline } from '../../worker/api';
import { actorLabel, tokenLabel } from '../components/actor-label';
import { valueText } from '../components/leanix-paths';

/** A value as JSON, or `—` for none. */
export const shown = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

/** The actor's one label (actor-label.ts) when the workspace has it, else its id. */
export function actorText(actor: Scenario['actor'], outline: Outline | null): string {
  if (typeof actor === 'string') {
    const user = outline?.users.find((u) => u.id === actor);
    return user ? actorLabel(user) : actor;
  }
  const token = outline?.platform === 'qualytics' ? outline.tokens.find((t) => t.id === actor.token) : undefined;
  return token ? tokenLabel(token) : `token ${actor.token}`;
}

/** One line for a scenario's operation. */
export function operationText(s: Scenario): string {
  const op = s.operation as Record<string, unknown>;
  if (typeof op.op === 'string') {
    if (op.op === 'create') return `create ${String(op.type)}`;
    if (op.op !== 'update') return `${op.op} ${String(op.factSheet)}`;
    const patches = (op.patches as { op: string; path: string; value?: unknown }[]).map((p) => (p.op === 'remove' ? `remove ${p.path}` : `${p.op} ${p.path} = ${valueText(p.value)}`));
    return `update ${String(op.factSheet)}: ${patches.join('; ')}`;
  }
  if (op.request) {
    const r = op.request as { method: string; path: string };
    return `${r.method} ${r.path}`;
  }
  return op.datastore ? `${String(op.action)} on ${String(op.datastore)}` : String(op.action);
}

export function expectText(s: Scenario): string {
  const parts = Object.entries(s.expect as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && k !== '$schema' && k !== 'description')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? (v.length ? v.join(', ') : '[]') : String(v)}`);
  return parts.length ? parts.join(' · ') : 'nothing checked';
}
