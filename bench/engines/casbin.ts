// Casbin (node-casbin 5): an RBAC model, users assigned to roles by `g`, one policy
// line per (role, grant, action), `*` types and qualifiers matched by keyMatch. The
// policy is loaded once, in memory, through a small custom adapter.
import { newEnforcer, newModelFromString } from 'casbin';
import type { Adapter, Enforcer, Model } from 'casbin';
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import { benchUsers, roleGrants } from './grants';
import type { Engine } from './types';

const MODEL = `
[request_definition]
r = sub, res, typ, qual, act

[policy_definition]
p = sub, res, typ, qual, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.res == p.res && r.act == p.act && keyMatch(r.typ, p.typ) && keyMatch(r.qual, p.qual)
`;

/** Loads rules from memory; the bench never writes policy back. */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly policies: string[][],
    private readonly groupings: string[][],
  ) {}
  async loadPolicy(model: Model): Promise<void> {
    for (const rule of this.policies) model.addPolicy('p', 'p', rule);
    for (const rule of this.groupings) model.addPolicy('g', 'g', rule);
  }
  async savePolicy(): Promise<boolean> {
    return false;
  }
  async addPolicy(): Promise<void> {}
  async removePolicy(): Promise<void> {}
  async removeFilteredPolicy(): Promise<void> {}
}

export class CasbinEngine implements Engine {
  readonly name = 'casbin';
  private enforcer!: Enforcer;
  private users: readonly string[] = [];
  private typeNames: readonly string[] = [];
  private qualifiers: readonly (readonly string[])[] = [];
  /** Rule counts, for the report. */
  policyLines = 0;

  async prepare(workload: Workload): Promise<void> {
    const policies: string[][] = [];
    const role = (name: string) => `role:${name}`;
    for (const [name, grants] of roleGrants(workload.policy)) {
      for (const g of grants) for (const a of g.actions) policies.push([role(name), g.resource, g.type, g.qualifier, a]);
    }
    for (const resource of RESOURCES) for (const a of ACTIONS) policies.push([role('ADMIN'), resource, '*', '*', a]);
    const groupings = benchUsers(workload.policy).flatMap((u) => u.roles.map((r) => [u.id, role(r)]));
    this.enforcer = await newEnforcer(newModelFromString(MODEL), new MemoryAdapter(policies, groupings));
    this.policyLines = policies.length;
    this.users = workload.userIds;
    this.typeNames = workload.typeNames;
    this.qualifiers = workload.qualifiers;
  }

  decide(request: Request): boolean {
    const qualifier = QUALIFIED[request.resource] ? this.qualifiers[request.type]![request.qualifier]! : '*';
    return this.enforcer.enforceSync(
      this.users[request.user],
      RESOURCES[request.resource],
      this.typeNames[request.type],
      qualifier,
      ACTIONS[request.action],
    );
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
