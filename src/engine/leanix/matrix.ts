// What a role lets its holder do per fact sheet type × section, and whether those
// writes keep or break an approved seal; plus the impact on a workspace's seals. Every
// answer comes from the decision core: a stand-in user holding only the role is
// compiled, and its writes are planned and judged like anyone's.
import type { CustomerRole, LeanixPolicy, LeanixUser, Patch } from '../../model/schema';
import { targetOf } from '../../model/patch-path';
import type { TargetKind } from '../../model/patch-path';
import { ACTIONS, PATCH_OPS, SECTION_RESOURCES } from '../../model/vocabulary';
import type { Action, PatchOp, Resource } from '../../model/vocabulary';
import { compileLeanix, holds, qualifierRange } from './compile';
import type { CompiledLeanix, CompiledType, CompiledUser } from './compile';
import { SHEET_ALLOWED, SHEET_BROKEN, actionFor, breaksSealOf, clockThreshold, clockedState, editBreaksSeal, isSealRelevant, judge, notifiedOn, planUpdate, sealByGrant } from './decide';

export const MATRIX_SECTIONS = [
  { key: 'factSheet', label: 'Fact sheet', resource: 'FACT_SHEET' },
  { key: 'baseFields', label: 'Base fields', resource: 'FACT_SHEET_BASE_FIELDS' },
  { key: 'attributes', label: 'Attributes', resource: 'FACT_SHEET_FIELDS' },
  { key: 'relations', label: 'Relations', resource: 'FACT_SHEET_RELATIONS' },
  ...Object.entries(SECTION_RESOURCES).map(([key, resource]) => ({ key, label: key[0]!.toUpperCase() + key.slice(1), resource })),
] as const satisfies readonly { key: string; label: string; resource: Resource }[];

export interface MatrixCell {
  /** Per action: `all` qualifiers, `some`, or `none`. */
  readonly actions: Record<Action, 'all' | 'some' | 'none'>;
  /** Whether writes here keep an approved seal (`keep`), break it (`break`), or cannot happen / never matter (`n/a`). */
  readonly seal: 'keep' | 'break' | 'n/a';
}

export interface RoleMatrix {
  readonly types: string[];
  readonly sections: { key: string; label: string }[];
  /** cells[type][section] */
  readonly cells: Record<string, Record<string, MatrixCell>>;
  /** Types on which the role holds the seal permission (UPDATE on lxState). */
  readonly sealTypes: string[];
  readonly impact: RoleImpact;
}

export interface RoleImpact {
  /** Approved fact sheets whose seal a holder of the role breaks by writing what it may write. */
  readonly sealsBroken: number;
  /** Distinct responsible or accountable owners notified. */
  readonly ownersNotified: number;
  readonly approved: number;
}

const HOLDER = '\u0000role-holder';

/** The workspace with one more user, holding exactly `role` and every access control entity in use (the role's reach, not its holder's). */
function withHolder(policy: LeanixPolicy, role: CustomerRole): LeanixPolicy {
  const aces = new Set<string>();
  for (const f of policy.factSheets) for (const e of f.permittedWriteACL) aces.add(e);
  const holder: LeanixUser = { id: HOLDER, kind: 'human', role: 'MEMBER', customerRoles: [role.name], aces: [...aces], expiresAt: null };
  return { ...policy, roles: [...policy.roles.filter((r) => r.name !== role.name), role], users: [holder] };
}

function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

const KIND_OF_SECTION: Record<string, TargetKind | null> = {
  factSheet: null,
  baseFields: 'base field',
  attributes: 'attribute',
  relations: 'relation',
  ...Object.fromEntries(Object.keys(SECTION_RESOURCES).map((k) => [k, k as TargetKind])),
};

/** A patch of the cell the holder may make, one that can break the seal (not exempt) first; null: none. */
function writablePatch(ws: CompiledLeanix, user: CompiledUser, type: CompiledType, section: string, qualifiers: readonly string[]): { patch: Patch; breaks: boolean } | null {
  if (KIND_OF_SECTION[section] === null) return null;
  let found: { patch: Patch; breaks: boolean } | null = null;
  for (const q of qualifiers) {
    const path = `/${escapeSegment(q === '*' ? section : q)}`;
    const target = targetOf(type.type, path);
    for (const op of PATCH_OPS as readonly PatchOp[]) {
      if (!holds(ws, user, target.resource!, actionFor(target, op), type, target.qualifier)) continue;
      const patch = { op, path, value: op === 'remove' ? undefined : 'sealcheck' };
      if (breaksSealOf(type, target)) return { patch, breaks: true };
      found ??= { patch, breaks: false };
    }
  }
  return found;
}

/** Builds the matrix of a role (its permission strings, with what it clones from). */
export function roleMatrix(ws: CompiledLeanix, role: CustomerRole): RoleMatrix {
  const own = compileLeanix(withHolder(ws.policy, role));
  const user = own.users.get(HOLDER)!;
  const cells: Record<string, Record<string, MatrixCell>> = {};
  const sealTypes: string[] = [];
  const breaking = new Map<string, Patch>(); // type → a write of the role that breaks an approved seal
  for (const [name, type] of own.types) {
    const row: Record<string, MatrixCell> = {};
    const holdsSeal = sealByGrant(own, user, type);
    if (holdsSeal) sealTypes.push(name);
    for (const section of MATRIX_SECTIONS) {
      const qualified = section.resource === 'FACT_SHEET_BASE_FIELDS' || section.resource === 'FACT_SHEET_FIELDS' || section.resource === 'FACT_SHEET_RELATIONS';
      const qualifiers = qualified ? qualifierRange(section.resource, type).map(([n]) => n).filter((n) => n !== 'lxState') : ['*'];
      const actions = Object.fromEntries(
        ACTIONS.map((a) => {
          const n = qualifiers.filter((q) => holds(own, user, section.resource, a, type, q)).length;
          return [a, qualifiers.length === 0 || n === 0 ? 'none' : n === qualifiers.length ? 'all' : 'some'];
        }),
      ) as Record<Action, 'all' | 'some' | 'none'>;
      const kind = KIND_OF_SECTION[section.key];
      const relevant = kind != null && isSealRelevant(kind, type.type.qualitySeal.tagsBreakSeal);
      const write = relevant ? writablePatch(own, user, type, section.key, qualifiers) : null;
      let seal: MatrixCell['seal'] = 'n/a';
      if (write && type.type.qualitySeal.enabled) {
        seal = editBreaksSeal(true, 'APPROVED', write.breaks, holdsSeal) ? 'break' : 'keep';
        if (seal === 'break' && !breaking.has(name)) breaking.set(name, write.patch);
      }
      row[section.key] = { actions, seal };
    }
    // defined, not assigned: a type named `__proto__` is a cell like any other
    Object.defineProperty(cells, name, { value: row, enumerable: true, writable: true, configurable: true });
  }
  return {
    types: [...own.types.keys()],
    sections: MATRIX_SECTIONS.map(({ key, label }) => ({ key, label })),
    cells,
    sealTypes,
    impact: impactOf(own, user, breaking, Date.parse(ws.policy.asOf)),
  };
}

/** The role holder's breaking write, planned per type and judged on every approved fact sheet. */
function impactOf(ws: CompiledLeanix, user: CompiledUser, breaking: ReadonlyMap<string, Patch>, at: number): RoleImpact {
  let sealsBroken = 0;
  let approved = 0;
  const owners = new Set<string>();
  const plans = new Map([...breaking].map(([name, patch]) => [name, planUpdate(ws, user, [patch], ws.types.get(name)!, at)]));
  for (const sheet of ws.factSheets.values()) {
    const type = ws.types.get(sheet.type)!;
    if (!type.type.qualitySeal.enabled || clockedState(sheet, clockThreshold(type, at)) !== 'APPROVED') continue;
    approved++;
    const plan = plans.get(sheet.type);
    if (!plan) continue;
    const code = judge(plan, sheet);
    if ((code & SHEET_ALLOWED) === 0 || (code & SHEET_BROKEN) === 0) continue;
    sealsBroken++;
    for (const u of notifiedOn(sheet, HOLDER)) owners.add(u);
  }
  return { sealsBroken, ownersNotified: owners.size, approved };
}
