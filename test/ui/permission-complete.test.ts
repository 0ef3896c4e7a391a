import { describe, expect, it } from 'vitest';
import { acceptSuggestion, completePermission, lineAt, worthShowing } from '../../src/ui/options/PermissionEditor-complete';
import type { CompletionTypes } from '../../src/ui/options/PermissionEditor-complete';

const ws: CompletionTypes = {
  types: [
    { name: 'Application', fields: ['lifecycle', 'cveCount'], relations: ['relApplicationToBusinessCapability'] },
    { name: 'BusinessCapability', fields: ['maturity', 'lifecycle'], relations: [] },
  ],
};

/** Completion with the caret where `|` is written. */
function at(marked: string) {
  const caret = marked.indexOf('|');
  const text = marked.slice(0, caret) + marked.slice(caret + 1);
  return { text, caret, completion: completePermission(text, caret, ws) };
}

const labels = (marked: string) => at(marked).completion.suggestions.map((s) => s.label);

describe('completePermission', () => {
  it('offers every resource on an empty line', () => {
    const { completion } = at('|');
    expect(completion.segment).toBe('resource');
    expect(completion.suggestions.map((s) => s.label)).toContain('FACT_SHEET_BASE_FIELDS');
    expect(completion.suggestions).toHaveLength(13);
    expect(completion.from).toBe(0);
    expect(completion.to).toBe(0);
  });

  it('filters resources by what is typed, prefix matches first, case-insensitively', () => {
    expect(labels('FACT_SHEET_F|')).toEqual(['FACT_SHEET_FIELDS']);
    expect(labels('fact_sheet_b|')).toEqual(['FACT_SHEET_BASE_FIELDS']);
    const tags = labels('TAG|');
    expect(tags).toEqual(['FACT_SHEET_TAGS']);
    const some = labels('IM|');
    expect(some[0]).toBe('IMPORT');
  });

  it('replaces the whole resource token, also text after the caret', () => {
    const { completion } = at('FACT_|SHEET:READ:*:*');
    expect(completion.from).toBe(0);
    expect(completion.to).toBe('FACT_SHEET'.length);
    expect(completion.typed).toBe('FACT_');
  });

  it('offers actions in the comma list, leaving out those already listed', () => {
    expect(labels('FACT_SHEET:|')).toEqual(['READ', 'CREATE', 'UPDATE', 'DELETE', 'READ,CREATE,UPDATE,DELETE']);
    expect(labels('FACT_SHEET:READ,|')).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(labels('FACT_SHEET:READ,U|')).toEqual(['UPDATE']);
    const { completion } = at('FACT_SHEET:READ,U|PD:*:*');
    expect(completion.segment).toBe('actions');
    expect(completion.from).toBe('FACT_SHEET:READ,'.length);
    expect(completion.to).toBe('FACT_SHEET:READ,UPD'.length);
  });

  it('offers the declared types and `*`', () => {
    expect(labels('FACT_SHEET_FIELDS:UPDATE:|')).toEqual(['Application', 'BusinessCapability', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Bus|')).toEqual(['BusinessCapability']);
    expect(at('FACT_SHEET_FIELDS:UPDATE:|').completion.segment).toBe('type');
  });

  it('offers the attributes of the chosen type', () => {
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:|')).toEqual(['lifecycle', 'cveCount', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:BusinessCapability:|')).toEqual(['maturity', 'lifecycle', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:cve|')).toEqual(['cveCount']);
  });

  it('offers every type’s attributes once for `*`', () => {
    const got = at('FACT_SHEET_FIELDS:UPDATE:*:|').completion.suggestions;
    expect(got.map((s) => s.label)).toEqual(['lifecycle', 'cveCount', 'maturity', '*']);
    expect(got[0]!.detail).toBe('attribute of Application, BusinessCapability');
  });

  it('offers the base fields, lxState included, for FACT_SHEET_BASE_FIELDS', () => {
    const got = labels('FACT_SHEET_BASE_FIELDS:UPDATE:Application:|');
    expect(got).toEqual(['name', 'description', 'alias', 'release', 'externalId', 'lxState', '*']);
    expect(labels('FACT_SHEET_BASE_FIELDS:UPDATE:Application:lx|')).toEqual(['lxState']);
  });

  it('offers relations for FACT_SHEET_RELATIONS', () => {
    expect(labels('FACT_SHEET_RELATIONS:CREATE:Application:|')).toEqual(['relApplicationToBusinessCapability', '*']);
    expect(labels('FACT_SHEET_RELATIONS:CREATE:BusinessCapability:|')).toEqual(['*']);
  });

  it('offers only `*` as qualifier of an unqualified resource', () => {
    const got = at('FACT_SHEET_TAGS:UPDATE:Application:|').completion.suggestions;
    expect(got.map((s) => s.label)).toEqual(['*']);
  });

  it('completes the line under the caret in a multi-line text', () => {
    const { completion, text } = at('FACT_SHEET:READ:*:*\nFACT_SHEET_FIELDS:UPDATE:App|\nEXPORT:READ:*:*');
    expect(completion.segment).toBe('type');
    expect(completion.suggestions.map((s) => s.label)).toEqual(['Application']);
    expect(text.slice(completion.from, completion.to)).toBe('App');
  });

  it('offers nothing past the fourth segment', () => {
    const { completion } = at('FACT_SHEET:READ:*:*:|');
    expect(completion.segment).toBeNull();
    expect(completion.suggestions).toEqual([]);
  });
});

describe('acceptSuggestion', () => {
  it('inserts a resource with its colon and moves the caret past it', () => {
    const { text, completion } = at('FACT_SHEET_F|');
    const next = acceptSuggestion(text, completion, completion.suggestions[0]!);
    expect(next.text).toBe('FACT_SHEET_FIELDS:');
    expect(next.caret).toBe(next.text.length);
  });

  it('does not double an existing colon, and steps over it', () => {
    const { text, completion } = at('FACT_SHEET_F|:UPDATE:*:*');
    const next = acceptSuggestion(text, completion, completion.suggestions[0]!);
    expect(next.text).toBe('FACT_SHEET_FIELDS:UPDATE:*:*');
    expect(next.caret).toBe('FACT_SHEET_FIELDS:'.length);
  });

  it('replaces one action of the list', () => {
    const { text, completion } = at('FACT_SHEET:READ,U|:*:*');
    const next = acceptSuggestion(text, completion, completion.suggestions[0]!);
    expect(next.text).toBe('FACT_SHEET:READ,UPDATE:*:*');
    expect(next.caret).toBe('FACT_SHEET:READ,UPDATE'.length);
  });

  it('inserts a qualifier on the right line only', () => {
    const { text, completion } = at('EXPORT:READ:*:*\nFACT_SHEET_BASE_FIELDS:UPDATE:Application:lx|\nIMPORT:READ:*:*');
    const next = acceptSuggestion(text, completion, completion.suggestions[0]!);
    expect(next.text).toBe('EXPORT:READ:*:*\nFACT_SHEET_BASE_FIELDS:UPDATE:Application:lxState\nIMPORT:READ:*:*');
  });
});

describe('helpers', () => {
  it('finds the line under the caret', () => {
    expect(lineAt('ab\ncd\nef', 4)).toEqual({ start: 3, end: 5, text: 'cd', index: 1 });
    expect(lineAt('ab\n', 3)).toEqual({ start: 3, end: 3, text: '', index: 1 });
  });

  it('hides a list that only repeats the token', () => {
    const done = at('FACT_SHEET_FIELDS:UPDATE:Application:cveCount|');
    expect(worthShowing(done.completion, done.text)).toBe(false);
    const open = at('FACT_SHEET_FIELDS:UPDATE:Application:|');
    expect(worthShowing(open.completion, open.text)).toBe(true);
  });
});
