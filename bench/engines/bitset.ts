// The practical JS limit: a precomputed bitset per distinct role set, one bit per
// (resource, type, qualifier, action), written from the bench's own reading of the
// spec (not from the engine's compiler). A decision is a shift and a mask.
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import { benchUsers } from './grants';
import type { BenchGrant } from './grants';
import type { Engine } from './types';

export class BitsetEngine implements Engine {
  readonly name = 'bitset';
  private sets: Uint32Array[] = [];
  private types = 1;
  private width = 1;

  prepare(workload: Workload): void {
    const types = workload.typeNames.length;
    const width = Math.max(...workload.qualifiers.map((q) => q.length));
    const cells = RESOURCES.length * types * width;
    const words = Math.ceil((cells * 4) / 32);
    const typeIndex = new Map(workload.typeNames.map((t, i) => [t, i]));
    const cache = new Map<string, Uint32Array>();
    const set = (bits: Uint32Array, r: number, t: number, q: number, a: number) => {
      const i = ((r * types + t) * width + q) * 4 + a;
      bits[i >>> 5]! |= 1 << (i & 31);
    };
    const apply = (bits: Uint32Array, g: BenchGrant) => {
      const r = RESOURCES.indexOf(g.resource as never);
      const actions = g.actions.map((a) => ACTIONS.indexOf(a as never));
      const targets = g.type === '*' ? workload.typeNames.map((_, t) => t) : [typeIndex.get(g.type)!];
      for (const t of targets) {
        let qs: number[];
        if (!QUALIFIED[r]) qs = [0];
        else {
          const from = g.resource === 'FACT_SHEET_BASE_FIELDS' ? 0 : g.resource === 'FACT_SHEET_FIELDS' ? workload.fieldStart[t]! : workload.relationStart[t]!;
          const to = g.resource === 'FACT_SHEET_BASE_FIELDS' ? workload.fieldStart[t]! : g.resource === 'FACT_SHEET_FIELDS' ? workload.relationStart[t]! : workload.qualifiers[t]!.length;
          const names = workload.qualifiers[t]!;
          qs = [];
          for (let q = from; q < to; q++) if (g.qualifier === '*' || names[q] === g.qualifier) qs.push(q);
        }
        for (const q of qs) for (const a of actions) set(bits, r, t, q, a);
      }
    };
    this.sets = benchUsers(workload.policy).map((user) => {
      const key = user.roles.join('\u0001');
      let bits = cache.get(key);
      if (!bits) {
        bits = new Uint32Array(words);
        if (user.admin) bits.fill(0xffffffff);
        else for (const g of user.grants) apply(bits, g);
        cache.set(key, bits);
      }
      return bits;
    });
    this.types = types;
    this.width = width;
  }

  decide(request: Request): boolean {
    const i = ((request.resource * this.types + request.type) * this.width + request.qualifier) * 4 + request.action;
    return ((this.sets[request.user]![i >>> 5]! >>> (i & 31)) & 1) !== 0;
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
