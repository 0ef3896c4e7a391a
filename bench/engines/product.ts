// The product's own decision path, as the worker and the CLI ask it.
//   product    `holds(ws, user, resource, action, type, qualifier)` of the decision core
//              (src/engine/leanix/compile.ts; what planUpdate, grantHolder, the matrix, the
//              advisor and the diff call per grant question): the user and type as compiled
//              objects (the worker resolves them once per question), resource, action and
//              qualifier as the strings a permission or a patch names. No reasons.
//   explained  `evaluateLeanix(ws, actorId, operation, at)` (src/engine/leanix/evaluate.ts),
//              what CLI `explain`, the worker's quick check and the popup call: the decision,
//              its trace and its reasons in words. Asked only of the requests an operation can
//              express (see `operationOf`); the rest are not part of its figure.
import { compileLeanix, holds } from '../../src/engine/leanix/compile';
import type { CompiledLeanix, CompiledType, CompiledUser } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import type { FactSheet, LeanixOperation, LeanixPolicy } from '../../src/model/schema';
import { ACTIONS, RESOURCES, SECTION_RESOURCES } from '../../src/model/vocabulary';
import type { Resource, ShiroAction } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import type { Engine } from './types';

export class ProductEngine implements Engine {
  readonly name = 'product';
  ws: CompiledLeanix | null = null;
  private users: CompiledUser[] = [];
  private types: CompiledType[] = [];
  private qualifiers: (readonly string[])[] = [];

  prepare(workload: Workload): void {
    const ws = compileLeanix(workload.policy);
    this.ws = ws;
    this.users = workload.userIds.map((id) => ws.users.get(id)!);
    this.types = workload.typeNames.map((name) => ws.types.get(name)!);
    this.qualifiers = workload.qualifiers.map((q) => q);
  }

  decide(request: Request): boolean {
    const resource = RESOURCES[request.resource]!;
    const qualifier = QUALIFIED[request.resource] ? this.qualifiers[request.type]![request.qualifier]! : '*';
    return holds(this.ws!, this.users[request.user]!, resource, ACTIONS[request.action]!, this.types[request.type]!, qualifier);
  }

  decideRange(requests: readonly Request[], from: number, to: number, out: Uint8Array): number {
    let allowed = 0;
    for (let i = from; i < to; i++) {
      const ok = this.decide(requests[i]!);
      out[i] = ok ? 1 : 0;
      if (ok) allowed++;
    }
    return allowed;
  }
}

const SECTION_OF = new Map<Resource, string>(Object.entries(SECTION_RESOURCES).map(([section, resource]) => [resource, section]));
const OP_OF: Partial<Record<ShiroAction, 'add' | 'replace' | 'remove'>> = { CREATE: 'add', UPDATE: 'replace', DELETE: 'remove' };

/**
 * The operation whose decision is exactly the grant question, or null when no operation
 * asks it alone: READ and CREATE of FACT_SHEET (read, create); UPDATE of a base field
 * (but `lxState`, which needs the seal permission) or an attribute (a replace with a
 * value); CREATE, UPDATE, DELETE of a relation or a section (add, replace, remove). The
 * fact sheet is one per type with no ACL, and no user in the workload expires.
 */
export function operationOf(workload: Workload, request: Request, sheetOf: (type: number) => string): LeanixOperation | null {
  const resource = RESOURCES[request.resource]!;
  const action = ACTIONS[request.action]!;
  const typeName = workload.typeNames[request.type]!;
  if (resource === 'FACT_SHEET') {
    if (action === 'READ') return { op: 'read', factSheet: sheetOf(request.type) };
    if (action === 'CREATE') return { op: 'create', type: typeName, values: { name: 'New' } };
    return null;
  }
  const qualifier = QUALIFIED[request.resource] ? workload.qualifiers[request.type]![request.qualifier]! : '*';
  const patch = (path: string, op: 'add' | 'replace' | 'remove'): LeanixOperation => ({
    op: 'update',
    factSheet: sheetOf(request.type),
    patches: [op === 'remove' ? { op, path } : { op, path, value: op === 'add' && resource === 'FACT_SHEET_RELATIONS' ? 'fs-target' : 'sealcheck' }],
  });
  if (resource === 'FACT_SHEET_BASE_FIELDS' || resource === 'FACT_SHEET_FIELDS') {
    if (action !== 'UPDATE' || qualifier === 'lxState') return null;
    return patch(`/${qualifier}`, 'replace');
  }
  const op = OP_OF[action];
  if (!op) return null;
  if (resource === 'FACT_SHEET_RELATIONS') return patch(`/${qualifier}`, op);
  const section = SECTION_OF.get(resource);
  return section ? patch(`/${section}`, op) : null;
}

/** The workload's file with one fact sheet per type: no ACL, approved, mandatory values filled. */
export function withSheets(policy: LeanixPolicy): { policy: LeanixPolicy; sheetOf: (type: number) => string } {
  const factSheets: FactSheet[] = policy.factSheetTypes.map((t, i) => ({
    id: `bench-${i}`,
    type: t.name,
    name: `Bench ${t.name}`,
    lxState: 'APPROVED',
    approvedAt: policy.asOf,
    subscriptions: [],
    permittedReadACL: [],
    permittedWriteACL: [],
    values: Object.fromEntries([...t.mandatory.fields, 'description'].map((f) => [f, 'filled'])) as FactSheet['values'],
    relations: Object.fromEntries(t.relations.map((r) => [r, ['fs-x', 'fs-y']])),
    naFields: [],
  }));
  return { policy: { ...policy, factSheets }, sheetOf: (type) => `bench-${type}` };
}

/** evaluateLeanix over the requests an operation expresses (`indices`), as the CLI asks one question. */
export class ExplainedEngine {
  readonly name = 'explained';
  ws: CompiledLeanix | null = null;
  /** Indices of the requests an operation expresses, and those operations. */
  indices: number[] = [];
  private operations: LeanixOperation[] = [];
  private actors: string[] = [];
  private at = 0;

  prepare(workload: Workload): void {
    const { policy, sheetOf } = withSheets(workload.policy);
    this.ws = compileLeanix(policy);
    this.at = Date.parse(policy.asOf);
    this.actors = [...workload.userIds];
    this.indices = [];
    this.operations = [];
    workload.requests.forEach((r, i) => {
      const op = operationOf(workload, r, sheetOf);
      if (op) {
        this.indices.push(i);
        this.operations.push(op);
      }
    });
  }

  /** Decides the k-th expressible request, reasons and all. */
  decideAt(requests: readonly Request[], k: number): boolean {
    const outcome = evaluateLeanix(this.ws!, this.actors[requests[this.indices[k]!]!.user]!, this.operations[k]!, this.at);
    return outcome.allowed && outcome.reasons.length >= 0;
  }

  /** Decides the expressible requests among the first `count` of them into `out` (by request index); the number decided. */
  decideFirst(requests: readonly Request[], count: number, out: Uint8Array): { decided: number; allowed: number } {
    let allowed = 0;
    let k = 0;
    for (; k < this.indices.length && k < count; k++) {
      const ok = this.decideAt(requests, k);
      out[this.indices[k]!] = ok ? 1 : 0;
      if (ok) allowed++;
    }
    return { decided: k, allowed };
  }
}
