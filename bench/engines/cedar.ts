// Cedar (@cedar-policy/cedar-wasm 4, node entry): one `permit` per grant, scoped to
// `principal in Role::"…"`, its actions, and `resource in Target::"RESOURCE|TYPE|QUALIFIER"`,
// where `*` parts are ancestors of every concrete target. Users are members of their
// roles. The policy set is pre-parsed once (statefulIsAuthorized); each request passes
// its principal and resource entities, built once per user and per target and cached.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { EntityJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import { ACTIONS, RESOURCES } from '../../src/model/vocabulary';
import type { Request, Workload } from '../workload';
import { QUALIFIED } from '../workload';
import { benchUsers, roleGrants } from './grants';
import type { Engine } from './types';

let nextId = 0;

function str(text: string): string {
  return JSON.stringify(text);
}

/** A grant as a Cedar `permit` for `principal` (`principal in Role::"…"`, or just `principal`). */
function permit(principal: string, g: { readonly actions: readonly string[]; readonly resource: string; readonly type: string; readonly qualifier: string }): string {
  const actions = g.actions.map((a) => `Action::${str(a)}`).join(', ');
  return `permit(${principal}, action in [${actions}], resource in Target::${str(`${g.resource}|${g.type}|${g.qualifier}`)});`;
}

type Entity = { uid: { type: string; id: string }; entity: EntityJson };

/**
 * What both Cedar engines share: the principal and resource entities of a request (built
 * once per user and per target, cached) and the call; each engine says which prepared
 * policy set judges a user.
 */
abstract class CedarBase implements Engine {
  abstract readonly name: string;
  protected principals: Entity[] = [];
  private targets = new Map<number, Entity>();
  private readonly actions = ACTIONS.map((id) => ({ type: 'Action', id }));
  private typeNames: readonly string[] = [];
  private qualifiers: readonly (readonly string[])[] = [];
  private width = 1;

  abstract prepare(workload: Workload): void;

  /** The prepared policy set that judges the user numbered `user`. */
  protected abstract policySetOf(user: number): string;

  /** Forgets the targets of an earlier workload and takes this one's types and qualifiers. */
  protected prepareTargets(workload: Workload): void {
    this.typeNames = workload.typeNames;
    this.qualifiers = workload.qualifiers;
    this.width = Math.max(...workload.qualifiers.map((q) => q.length));
    this.targets.clear();
  }

  /** The resource entity `R|T|Q`, a child of `R|T|*`, `R|*|Q` and `R|*|*`. */
  private target(request: Request): Entity {
    const key = (request.resource * this.typeNames.length + request.type) * this.width + request.qualifier;
    let target = this.targets.get(key);
    if (!target) {
      const r = RESOURCES[request.resource]!;
      const t = this.typeNames[request.type]!;
      const q = QUALIFIED[request.resource] ? this.qualifiers[request.type]![request.qualifier]! : '*';
      const uid = { type: 'Target', id: `${r}|${t}|${q}` };
      const ancestors = [...new Set([`${r}|${t}|*`, `${r}|*|${q}`, `${r}|*|*`])].filter((id) => id !== uid.id);
      target = { uid, entity: { uid, attrs: {}, parents: ancestors.map((id) => ({ type: 'Target', id })) } };
      this.targets.set(key, target);
    }
    return target;
  }

  decide(request: Request): boolean {
    const principal = this.principals[request.user]!;
    const resource = this.target(request);
    const call: StatefulAuthorizationCall = {
      principal: principal.uid,
      action: this.actions[request.action]!,
      resource: resource.uid,
      context: {},
      preparsedPolicySetId: this.policySetOf(request.user),
      entities: [principal.entity, resource.entity],
    };
    const answer = cedar.statefulIsAuthorized(call);
    if (answer.type !== 'success') throw new Error(`cedar: ${answer.errors.map((e) => e.message).join('; ')}`);
    return answer.response.decision === 'allow';
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

export class CedarEngine extends CedarBase {
  readonly name = 'cedar';
  private psetId = '';
  /** Number of Cedar policies, for the report. */
  policyCount = 0;

  prepare(workload: Workload): void {
    const policies: string[] = [];
    for (const [name, grants] of roleGrants(workload.policy)) {
      for (const g of grants) policies.push(permit(`principal in Role::${str(name)}`, g));
    }
    policies.push('permit(principal in Role::"ADMIN", action, resource);');
    this.psetId = `bench-${nextId++}`;
    const answer = cedar.preparsePolicySet(this.psetId, { staticPolicies: policies.join('\n') });
    if (answer.type !== 'success') throw new Error(`cedar: ${answer.errors.map((e) => e.message).join('; ')}`);
    this.policyCount = policies.length;
    this.principals = benchUsers(workload.policy).map((u) => {
      const uid = { type: 'User', id: u.id };
      return { uid, entity: { uid, attrs: {}, parents: u.roles.map((id) => ({ type: 'Role', id })) } };
    });
    this.prepareTargets(workload);
  }

  protected policySetOf(): string {
    return this.psetId;
  }
}

/**
 * Cedar sliced per role set, as a fair best use of it: one prepared policy set per
 * distinct role set of the users, holding only the grants of those roles with an
 * unconstrained principal (`permit(principal, action in [...], resource in Target::…)`;
 * ADMIN: `permit(principal, action, resource)`), so a request is judged against a few
 * dozen policies and needs no role membership. Resource entities as in `CedarEngine`.
 */
export class CedarSlicedEngine extends CedarBase {
  readonly name = 'cedar-sliced';
  /** The prepared set of each user's role set. */
  private psetOf: string[] = [];
  /** Prepared sets, and the most policies one of them holds. */
  sets = 0;
  largest = 0;

  prepare(workload: Workload): void {
    const byKey = new Map<string, string>();
    this.psetOf = benchUsers(workload.policy).map((u) => {
      const key = u.admin ? '\u0000ADMIN' : [...u.roles].sort().join('\u0001');
      let id = byKey.get(key);
      if (id === undefined) {
        const policies = u.admin
          ? ['permit(principal, action, resource);']
          : u.grants.map((g) => permit('principal', g));
        // an empty slice denies everything: a policy that matches nothing keeps the set valid
        if (!policies.length) policies.push('forbid(principal, action, resource) when { false };');
        id = `bench-sliced-${nextId++}`;
        const answer = cedar.preparsePolicySet(id, { staticPolicies: policies.join('\n') });
        if (answer.type !== 'success') throw new Error(`cedar: ${answer.errors.map((e) => e.message).join('; ')}`);
        this.largest = Math.max(this.largest, policies.length);
        byKey.set(key, id);
      }
      return id;
    });
    this.sets = byKey.size;
    this.principals = workload.userIds.map((id) => {
      const uid = { type: 'User', id };
      return { uid, entity: { uid, attrs: {}, parents: [] } };
    });
    this.prepareTargets(workload);
  }

  protected policySetOf(user: number): string {
    return this.psetOf[user]!;
  }
}
