// Sealcheck's own compiled capability index: compileLeanix once, then one numeric
// lookup on the user's `caps` at `offset(resource, type, qualifier)`. The hot path
// allocates nothing and builds no reasons.
import { ACTION_BIT, RESOURCE_INDEX, compileLeanix, offset } from '../../src/engine/leanix/compile';
import type { CompiledLeanix } from '../../src/engine/leanix/compile';
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import type { Engine } from './types';

export class SealcheckEngine implements Engine {
  readonly name = 'sealcheck';
  private ws!: CompiledLeanix;
  /** By the workload's user index. */
  private caps: Uint8Array[] = [];
  private readonly bits = Uint8Array.from(ACTIONS.map((a) => ACTION_BIT[a]));

  prepare(workload: Workload): void {
    const ws = compileLeanix(workload.policy);
    // The workload interns in declaration order, as the compiled index lays itself out:
    // check that once here, so that a request's numbers are the index's numbers.
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
    this.ws = ws;
    this.caps = workload.userIds.map((id) => ws.users.get(id)!.caps);
    // Unqualified resources are interned with qualifier 0, where the index keeps them.
    if (QUALIFIED.length !== RESOURCES.length) throw new Error('resource tables differ');
  }

  decide(request: Request): boolean {
    return (this.caps[request.user]![offset(this.ws, request.resource, request.type, request.qualifier)]! & this.bits[request.action]!) !== 0;
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
