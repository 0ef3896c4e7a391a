// The plain-JS baseline: for each request, a loop over the user's parsed grants,
// comparing names.
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import { benchUsers } from './grants';
import type { BenchUser } from './grants';
import type { Engine } from './types';

export class NaiveEngine implements Engine {
  readonly name = 'naive';
  private users: BenchUser[] = [];
  private typeNames: readonly string[] = [];
  private qualifiers: readonly (readonly string[])[] = [];

  prepare(workload: Workload): void {
    this.users = benchUsers(workload.policy);
    this.typeNames = workload.typeNames;
    this.qualifiers = workload.qualifiers;
  }

  decide(request: Request): boolean {
    const user = this.users[request.user]!;
    if (user.admin) return true;
    const resource = RESOURCES[request.resource]!;
    const action = ACTIONS[request.action]!;
    const type = this.typeNames[request.type]!;
    const qualifier = QUALIFIED[request.resource] ? this.qualifiers[request.type]![request.qualifier]! : '*';
    for (const grant of user.grants) {
      if (
        grant.resource === resource &&
        (grant.type === '*' || grant.type === type) &&
        (grant.qualifier === '*' || grant.qualifier === qualifier) &&
        grant.actions.includes(action)
      ) {
        return true;
      }
    }
    return false;
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
