import { describe, expect, it } from 'vitest';
import {
  checkLines,
  draftNameProblem,
  errorSpan,
  grammarContext,
  impactSentence,
  permissionsOf,
  startOptions,
} from '../../src/ui/options/RoleDesigner-model';

const context = grammarContext([
  { name: 'Application', fields: ['lifecycle', 'cveCount'], relations: ['relApplicationToBusinessCapability'] },
  { name: 'BusinessCapability', fields: ['maturity'], relations: [] },
]);

describe('checkLines', () => {
  it('checks every non-blank line with the grammar and keeps its line index', () => {
    const lines = checkLines('FACT_SHEET_FIELDS:UPDATE:Application:cveCount\n\nFACT_SHEET_FIELDS:UPDTE:Application:*\n  \nEXPORT:READ:*:*', context);
    expect(lines.map((l) => l.index)).toEqual([0, 2, 4]);
    expect(lines[0]!.error).toBeNull();
    expect(lines[1]!.error).toEqual({ position: 19, message: expect.stringContaining('expected READ, CREATE, UPDATE, DELETE, ARCHIVE, INLINE_EDIT, IMPORT, EXPORT or `*`; did you mean `UPDATE`?') });
    expect(lines[2]!.error).toBeNull();
  });

  it('uses the workspace: an undeclared type or field is an error at its column', () => {
    const [type] = checkLines('FACT_SHEET:READ:Process:*', context);
    expect(type!.error!.position).toBe(17);
    const [field] = checkLines('FACT_SHEET_FIELDS:UPDATE:BusinessCapability:cveCount', context);
    expect(field!.error!.position).toBe(45);
    expect(field!.error!.message).toContain('expected a field of');
  });

  it('reports spaces: a permission has none', () => {
    const [line] = checkLines('FACT_SHEET:READ :*:*', context);
    expect(line!.error!.position).toBe(16);
  });
});

describe('helpers', () => {
  it('permissionsOf keeps non-blank lines as written', () => {
    expect(permissionsOf('A\n\n B\n')).toEqual(['A', ' B']);
  });

  it('errorSpan underlines the offending segment or comma item', () => {
    const line = 'FACT_SHEET_FIELDS:READ,UPDTE:Application:*';
    expect(errorSpan(line, 24)).toEqual({ start: 23, end: 28 });
    expect(line.slice(23, 28)).toBe('UPDTE');
    expect(errorSpan('FACT_SHEET:READ', 16)).toEqual({ start: 15, end: 15 });
    expect(errorSpan('A::', 3)).toEqual({ start: 2, end: 3 });
  });

  it('draftNameProblem refuses empty, spaced, built-in and taken names', () => {
    expect(draftNameProblem('', [])).toMatch(/name/);
    expect(draftNameProblem('MY ROLE', [])).toMatch(/spaces/);
    expect(draftNameProblem('MEMBER', [])).toMatch(/built-in/);
    expect(draftNameProblem('SYNC', ['SYNC'])).toMatch(/already a draft/);
    expect(draftNameProblem('SYNC', ['OTHER'])).toBeNull();
  });

  it('startOptions offers MEMBER first, then VIEWER, empty, clones and revisions of customer roles', () => {
    const options = startOptions(['CVE_FEED']);
    expect(options.map((o) => o.label)).toEqual([
      'Clone from MEMBER',
      'Clone from VIEWER',
      'Empty role (no grants)',
      'Clone from CVE_FEED',
      'Revise CVE_FEED (same name)',
    ]);
    expect(options[3]!.start).toEqual({ kind: 'clone', from: 'CVE_FEED' });
    expect(options[4]!.start).toEqual({ kind: 'revise', role: 'CVE_FEED' });
  });

  it('impactSentence formats numbers and plurals', () => {
    expect(impactSentence({ sealsBroken: 212, ownersNotified: 37, approved: 1500 })).toBe(
      'A holder of this role writing what it may would break 212 seals, notify 37 owners (of 1,500 approved fact sheets).',
    );
    expect(impactSentence({ sealsBroken: 1, ownersNotified: 1, approved: 1 })).toBe(
      'A holder of this role writing what it may would break 1 seal, notify 1 owner (of 1 approved fact sheet).',
    );
    expect(impactSentence({ sealsBroken: 0, ownersNotified: 0, approved: 3 })).toContain('would break no seals');
    expect(impactSentence({ sealsBroken: 0, ownersNotified: 0, approved: 0 })).toContain('no approved seal');
  });
});
