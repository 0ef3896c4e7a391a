// What a set of grants lets a user do per fact sheet type × section, and whether its
// writes keep or break an approved seal; plus the impact on a workspace's seals.
import type { CustomerRole } from '../../model/schema';
import { ACTIONS, SECTION_RESOURCES } from '../../model/vocabulary';
import type { Action, Resource } from '../../model/vocabulary';
import { ACTION_BIT, qualifierRange } from './compile';
import type { CompiledLeanix } from './compile';
import { expandRole } from './compile';
import { stateAfterClock } from './evaluate';

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

/** Builds the matrix of a role (its permission strings, with what it clones from). */
export function roleMatrix(ws: CompiledLeanix, role: CustomerRole): RoleMatrix {
  const roles = new Map(ws.policy.roles.map((r) => [r.name, r]));
  const grants = expandRole(role, roles);
  const cells: Record<string, Record<string, MatrixCell>> = {};
  const sealTypes: string[] = [];
  const writable = new Map<string, boolean>(); // type → role may write something seal-relevant
  for (const [name, type] of ws.types) {
    const row: Record<string, MatrixCell> = {};
    const held = (resource: Resource, qualifier: string): number => {
      let bits = 0;
      for (const g of grants) {
        if (g.resource !== resource || (g.type !== '*' && g.type !== name)) continue;
        if (g.qualifier !== '*' && g.qualifier !== qualifier) continue;
        for (const a of g.actions) bits |= ACTION_BIT[a];
      }
      return bits;
    };
    const sealHeld = (held('FACT_SHEET_BASE_FIELDS', 'lxState') & ACTION_BIT.UPDATE) !== 0;
    if (sealHeld) sealTypes.push(name);
    let writesRelevant = false;
    for (const section of MATRIX_SECTIONS) {
      const qualified = section.resource === 'FACT_SHEET_BASE_FIELDS' || section.resource === 'FACT_SHEET_FIELDS' || section.resource === 'FACT_SHEET_RELATIONS';
      const qualifiers = qualified
        ? qualifierRange(section.resource, type).map(([n]) => n).filter((n) => n !== 'lxState')
        : ['*'];
      const counts = qualifiers.map((q) => held(section.resource, q));
      const actions = Object.fromEntries(
        ACTIONS.map((a) => {
          const n = counts.filter((bits) => bits & ACTION_BIT[a]).length;
          return [a, qualifiers.length === 0 || n === 0 ? 'none' : n === qualifiers.length ? 'all' : 'some'];
        }),
      ) as Record<Action, 'all' | 'some' | 'none'>;
      const relevant =
        section.key === 'baseFields' || section.key === 'attributes' || section.key === 'relations' || section.key === 'documents' ||
        (section.key === 'tags' && type.type.qualitySeal.tagsBreakSeal);
      const writes = (['CREATE', 'UPDATE', 'DELETE'] as const).some((a) => actions[a] !== 'none');
      const seal: MatrixCell['seal'] = !relevant || !writes || !type.type.qualitySeal.enabled ? 'n/a' : sealHeld ? 'keep' : 'break';
      if (seal === 'break') writesRelevant = true;
      row[section.key] = { actions, seal };
    }
    writable.set(name, writesRelevant);
    cells[name] = row;
  }
  return {
    types: [...ws.types.keys()],
    sections: MATRIX_SECTIONS.map(({ key, label }) => ({ key, label })),
    cells,
    sealTypes,
    impact: impactOf(ws, writable, Date.parse(ws.policy.asOf)),
  };
}

function impactOf(ws: CompiledLeanix, writable: ReadonlyMap<string, boolean>, at: number): RoleImpact {
  let sealsBroken = 0;
  let approved = 0;
  const owners = new Set<string>();
  for (const sheet of ws.factSheets.values()) {
    const type = ws.types.get(sheet.type)!;
    if (!type.type.qualitySeal.enabled || stateAfterClock(sheet, type, at).state !== 'APPROVED') continue;
    approved++;
    if (!writable.get(sheet.type)) continue;
    sealsBroken++;
    for (const s of sheet.subscriptions) if (s.type === 'RESPONSIBLE' || s.type === 'ACCOUNTABLE') owners.add(s.user);
  }
  return { sealsBroken, ownersNotified: owners.size, approved };
}

