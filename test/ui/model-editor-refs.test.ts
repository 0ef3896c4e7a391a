import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { modelSchemas } from '../../src/model/schema';
import { validatePolicy } from '../../src/policy/validate';
import { template } from '../../src/worker/templates';
import {
  newSheet,
  newSheetProblem,
  newType,
  newTypeProblem,
  renameType,
  renameTypeInPermission,
  sheetReferences,
  sheetTargetedBy,
  typeDeleteProblem,
  typeReferences,
  typeRenameProblem,
  valueFields,
  valueOfText,
  valueText,
  withState,
  withValueText,
} from '../../src/ui/options/ModelEditor-refs';

const policy = (): LeanixPolicy => {
  const p = modelSchemas().LeanixPolicySchema.parse(template('leanix-integration', '2026-11-24T00:00:00Z'));
  return {
    ...p,
    scenarios: [
      ...p.scenarios,
      { name: 'create one', actor: 'architect', operation: { op: 'create', type: 'ITComponent', values: { name: 'x' } }, expect: { allowed: true } },
    ],
  };
};

describe('type references', () => {
  it('finds fact sheets, subscription roles, permission strings and create scenarios, each located', () => {
    const refs = typeReferences(policy(), 'ITComponent');
    expect(refs.map((r) => r.path)).toEqual([
      'factSheets[2].type',
      'factSheets[3].type',
      'roles[0].permissions[0]',
      'roles[0].permissions[1]',
      'scenarios[6].operation.type',
    ]);
    expect(typeReferences(policy(), 'Application').map((r) => r.path)).toContain('subscriptionRoles[0].factSheetTypes[0]');
    expect(typeDeleteProblem(policy(), 'BusinessCapability')).not.toBeNull();
    const p = policy();
    const unused = { ...p, factSheetTypes: [...p.factSheetTypes, newType('Interface')] };
    expect(typeDeleteProblem(unused, 'Interface')).toBeNull();
  });

  it('renames a type in permission strings whatever the letter case, keeping the other items', () => {
    expect(renameTypeInPermission('FACT_SHEET:READ:Application,itcomponent:*', 'ITComponent', 'Component')).toBe('FACT_SHEET:READ:Application,Component:*');
    expect(renameTypeInPermission('FACT_SHEET:READ', 'ITComponent', 'Component')).toBe('FACT_SHEET:READ');
    expect(renameTypeInPermission('FACT_SHEET:*:*:*', 'ITComponent', 'Component')).toBe('FACT_SHEET:*:*:*');
  });

  it('a rename updates every reference and the file stays valid', () => {
    const renamed = renameType(policy(), 'ITComponent', 'Component');
    expect(typeReferences(renamed, 'ITComponent')).toEqual([]);
    expect(typeReferences(renamed, 'Component')).toHaveLength(5);
    const checked = validatePolicy(renamed);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const app = renameType(policy(), 'Application', 'App');
    expect(app.subscriptionRoles[0]!.factSheetTypes).toEqual(['App']);
    expect(validatePolicy(app).ok).toBe(true);
  });

  it('refuses names taken, also in another letter case', () => {
    expect(typeRenameProblem(policy(), 'ITComponent', 'application')).toMatch(/only in letter case/);
    expect(typeRenameProblem(policy(), 'ITComponent', 'itcomponent')).toBeNull();
    expect(newTypeProblem(policy(), 'Application')).toMatch(/already/);
    expect(newTypeProblem(policy(), ' X')).toMatch(/spaces/);
    expect(newTypeProblem(policy(), 'Interface')).toBeNull();
  });
});

describe('fact sheets', () => {
  it('a new fact sheet starts in the state its type fixes and is valid', () => {
    const p = policy();
    expect(newSheetProblem(p, 'app-crm', 'Application')).toMatch(/already/);
    expect(newSheetProblem(p, 'new', 'Nope')).toMatch(/type/);
    const sheet = newSheet(p, 'app-new', 'Application', 'New');
    expect(sheet.lxState).toBe('BROKEN_QUALITY_SEAL');
    expect(newSheet(p, 'bc-new', 'BusinessCapability', 'N').lxState).toBe('APPROVED');
    expect(validatePolicy({ ...p, factSheets: [...p.factSheets, sheet] }).ok).toBe(true);
    // approving on a type with a renewal fills approvedAt with asOf
    const approved = withState(sheet, 'APPROVED', p.factSheetTypes[0], p.asOf);
    expect(approved.approvedAt).toBe(p.asOf);
    expect(withState(sheet, 'APPROVED', p.factSheetTypes[2], p.asOf).approvedAt).toBeNull();
  });

  it('references: scenarios acting on it (refusing a delete), relations pointing to it (said)', () => {
    expect(sheetReferences(policy(), 'app-crm').length).toBeGreaterThan(0);
    expect(sheetReferences(policy(), 'itc-mq')).toEqual([]);
    expect(sheetTargetedBy(policy(), 'itc-db').map((r) => r.path)).toEqual(['factSheets[0].relations.relApplicationToITComponent[0]', 'factSheets[1].relations.relApplicationToITComponent[0]']);
  });

  it('value boxes: text as text, JSON as JSON, quoted text that reads as JSON', () => {
    expect(valueOfText('3')).toEqual({ value: 3 });
    expect(valueOfText('active')).toEqual({ value: 'active' });
    expect(valueOfText('"3"')).toEqual({ value: '3' });
    expect(valueOfText('[1, 2]')).toEqual({ value: [1, 2] });
    expect(valueOfText('  ')).toBeNull();
    for (const v of [3, 'active', '3', 'true', [1], { a: 1 }, null, false, '"quoted"']) expect(valueOfText(valueText(v))).toEqual({ value: v });
    const sheet = newSheet(policy(), 'x', 'Application', 'X');
    const set = withValueText(sheet, 'lifecycle', 'active');
    expect(set.values).toEqual({ lifecycle: 'active' });
    expect(withValueText(set, 'lifecycle', '').values).toEqual({});
    expect(valueFields({ values: { extra: 1 } }, { fields: ['lifecycle'] })).toEqual(['description', 'alias', 'release', 'externalId', 'lifecycle', 'extra']);
  });
});
