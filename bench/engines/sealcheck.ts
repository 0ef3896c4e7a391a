// Sealcheck's own compiled capability index: compileLeanix once, then one numeric
// lookup at `offset(resource, type, qualifier)`. The hot path allocates nothing and
// builds no reasons.
//   sealcheck        the engine's packed fast path (packCaps / packedAllows): 4 bits a cell
//   sealcheck-bytes  the user's caps as one byte a cell (denseCaps)
import { ACTION_BIT, RESOURCE_INDEX, compileLeanix, denseCaps, offset, packCaps, packedAllows } from '../../src/engine/leanix/compile';
import type { CompiledLeanix } from '../../src/engine/leanix/compile';
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import type { Engine } from './types';

/** Compiles the workload and checks that its interned numbers are the index's numbers. */
function compile(workload: Workload): CompiledLeanix {
  const ws = compileLeanix(workload.policy);
  // The workload interns in declaration order, as the compiled index lays itself out.
  RESOURCES.forEach((r, i) => {
    if (RESOURCE_INDEX[r] !== i) throw new Error(`resource index of ${r} is not ${i}`);
  });
  workload.typeNames.forEach((name, t) => {
    const type = ws.types.get(name);
    if (!type || type.index !== t) throw new Error(`type ${name} is not compiled at ${t}`);
    workload.qualifiers[t]!.forEach((q, i) => {
      if (type.qualifiers.get(q) !== i) throw new Error(`qualifier ${name}.${q} is not compiled at ${i}`);
    });
  });
  // The workload's action index a is the engine's action bit 1 << a.
  ACTIONS.forEach((a, i) => {
    if (ACTION_BIT[a] !== 1 << i) throw new Error(`action bit of ${a} is not ${1 << i}`);
  });
  // Unqualified resources are interned with qualifier 0, where the index keeps them.
  if (QUALIFIED.length !== RESOURCES.length) throw new Error('resource tables differ');
  return ws;
}

/** What both engines keep of the compiled workspace: the workspace, and the index's shape that `offset(engine, …)` reads. */
interface IndexShape {
  ws: CompiledLeanix | null;
  typeCount: number;
  qualifierCount: number;
}

/** Compiles the workload into `engine`'s own fields, and returns the compiled workspace. */
function compileInto(engine: IndexShape, workload: Workload): CompiledLeanix {
  const ws = compile(workload);
  engine.ws = ws;
  engine.typeCount = ws.typeCount;
  engine.qualifierCount = ws.qualifierCount;
  return ws;
}

export class SealcheckEngine implements Engine {
  readonly name = 'sealcheck';
  /** The compiled workspace, kept for reference; the hot path reads only the fields below. */
  ws: CompiledLeanix | null = null;
  /** The index's shape, copied from the compiled workspace so that `offset(this, …)` reads own fields. */
  typeCount = 1;
  qualifierCount = 1;
  /** Each user's packed caps, by the workload's user index (users with the same roles share one). */
  private packed: Uint8Array[] = [];

  prepare(workload: Workload): void {
    const ws = compileInto(this, workload);
    const shared = new Map<Uint8Array, Uint8Array>();
    this.packed = workload.userIds.map((id) => {
      const caps = denseCaps(ws, ws.users.get(id)!);
      let packed = shared.get(caps);
      if (!packed) shared.set(caps, (packed = packCaps(caps)));
      return packed;
    });
  }

  decide(request: Request): boolean {
    return packedAllows(this.packed[request.user]!, offset(this, request.resource, request.type, request.qualifier), 1 << request.action);
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

export class SealcheckBytesEngine implements Engine {
  readonly name = 'sealcheck-bytes';
  ws: CompiledLeanix | null = null;
  typeCount = 1;
  qualifierCount = 1;
  /** Each user's dense caps, by the workload's user index. */
  private caps: Uint8Array[] = [];

  prepare(workload: Workload): void {
    const ws = compileInto(this, workload);
    this.caps = workload.userIds.map((id) => denseCaps(ws, ws.users.get(id)!));
  }

  decide(request: Request): boolean {
    return (this.caps[request.user]![offset(this, request.resource, request.type, request.qualifier)]! & (1 << request.action)) !== 0;
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
