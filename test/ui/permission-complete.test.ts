import { describe, expect, it } from 'vitest';
import { acceptSuggestion, completePermission, lineAt, worthShowing } from '../../src/ui/options/PermissionEditor-complete';
import type { CompletionTypes } from '../../src/ui/options/PermissionEditor-complete';
import { PART_NAMES, parsePermission, tokenizePermission } from '../../src/model/permission';
import { checkLines, grammarContext } from '../../src/ui/options/RoleDesigner-model';

const ws: CompletionTypes = {
  types: [
    { name: 'Application', fields: ['lifecycle', 'cveCount'], relations: ['relApplicationToBusinessCapability'] },
    { name: 'BusinessCapability', fields: ['maturity', 'lifecycle'], relations: [] },
  ],
};

const context = grammarContext(ws.types);

/** Completion with the caret where `|` is written. */
function at(marked: string) {
  const caret = marked.indexOf('|');
  const text = marked.slice(0, caret) + marked.slice(caret + 1);
  return { text, caret, completion: completePermission(text, caret, ws) };
}

const labels = (marked: string) => at(marked).completion.suggestions.map((s) => s.label);

describe('completePermission', () => {
  it('offers every resource and `*` on an empty line', () => {
    const { completion } = at('|');
    expect(completion.segment).toBe('resource');
    expect(completion.suggestions.map((s) => s.label)).toContain('FACT_SHEET_BASE_FIELDS');
    expect(completion.suggestions).toHaveLength(14);
    expect(completion.suggestions.at(-1)).toEqual({ label: '*', insert: '*', detail: 'every resource' });
    expect(completion.from).toBe(0);
    expect(completion.to).toBe(0);
  });

  it('filters resources by what is typed, prefix matches first, case-insensitively', () => {
    expect(labels('FACT_SHEET_F|')).toEqual(['FACT_SHEET_FIELDS']);
    expect(labels('fact_sheet_b|')).toEqual(['FACT_SHEET_BASE_FIELDS']);
    expect(labels('Fact_Sheet_R|')).toEqual(['FACT_SHEET_RELATIONS']);
    const tags = labels('TAG|');
    expect(tags).toEqual(['FACT_SHEET_TAGS']);
    const some = labels('IM|');
    expect(some[0]).toBe('IMPORT');
    const fact = labels('fact|');
    expect(fact).toHaveLength(10);
    expect(fact.every((l) => l.startsWith('FACT_SHEET'))).toBe(true);
  });

  it('replaces the whole resource token, also text after the caret', () => {
    const { completion } = at('FACT_|SHEET:READ:*:*');
    expect(completion.from).toBe(0);
    expect(completion.to).toBe('FACT_SHEET'.length);
    expect(completion.typed).toBe('FACT_');
  });

  it('completes a comma list of resources, leaving out those listed (in any letter case)', () => {
    const listed = labels('fact_sheet_fields,|');
    expect(listed).not.toContain('FACT_SHEET_FIELDS');
    expect(listed).toHaveLength(13);
    expect(labels('FACT_SHEET_FIELDS,FACT_SHEET_R|')).toEqual(['FACT_SHEET_RELATIONS']);
    expect(labels('FACT_SHEET_FIELDS,FACT_SHEET_F|')).toEqual([]);
    const { completion } = at('FACT_SHEET_FIELDS,FACT_SHEET_R|EL:READ');
    expect(completion.segment).toBe('resource');
    expect(completion.from).toBe('FACT_SHEET_FIELDS,'.length);
    expect(completion.to).toBe('FACT_SHEET_FIELDS,FACT_SHEET_REL'.length);
  });

  it('offers all eight actions and `*`, leaving out those already listed', () => {
    expect(labels('FACT_SHEET:|')).toEqual(['READ', 'CREATE', 'UPDATE', 'DELETE', 'ARCHIVE', 'INLINE_EDIT', 'IMPORT', 'EXPORT', '*']);
    expect(labels('FACT_SHEET:READ,|')).toEqual(['CREATE', 'UPDATE', 'DELETE', 'ARCHIVE', 'INLINE_EDIT', 'IMPORT', 'EXPORT', '*']);
    expect(labels('FACT_SHEET:read,archive,|')).toEqual(['CREATE', 'UPDATE', 'DELETE', 'INLINE_EDIT', 'IMPORT', 'EXPORT', '*']);
    expect(labels('FACT_SHEET:READ,U|')).toEqual(['UPDATE']);
    expect(labels('FACT_SHEET:READ,u|')).toEqual(['UPDATE']);
    expect(labels('FACT_SHEET:i|')).toEqual(['INLINE_EDIT', 'IMPORT', 'ARCHIVE']); // prefix matches first, then inside the word
    expect(labels('FACT_SHEET:READ,*,|')).not.toContain('*');
    const { completion } = at('FACT_SHEET:READ,U|PD:*:*');
    expect(completion.segment).toBe('actions');
    expect(completion.from).toBe('FACT_SHEET:READ,'.length);
    expect(completion.to).toBe('FACT_SHEET:READ,UPD'.length);
  });

  it('reads the line with the model grammar: the item it replaces is where the grammar points', () => {
    const line = 'FACT_SHEET_FIELDS:READ,UPDTE:Application:*';
    const parsed = parsePermission(line);
    expect(parsed.ok).toBe(false);
    const position = parsed.ok ? 0 : parsed.error.position;
    const caret = line.indexOf('UPDTE') + 3;
    const completion = completePermission(line, caret, ws);
    expect(completion.from).toBe(position - 1);
    expect(line.slice(completion.from, completion.to)).toBe('UPDTE');
    const items = tokenizePermission(line)[1]!.items;
    expect(items.map((i) => i.text)).toEqual(['READ', 'UPDTE']);
    expect(items[1]!.at).toBe(position);
  });

  it('offers the declared types and `*`, in a comma list too, matched without case', () => {
    expect(labels('FACT_SHEET_FIELDS:UPDATE:|')).toEqual(['Application', 'BusinessCapability', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Bus|')).toEqual(['BusinessCapability']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:bus|')).toEqual(['BusinessCapability']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:application,|')).toEqual(['BusinessCapability', '*']);
    expect(at('FACT_SHEET_FIELDS:UPDATE:|').completion.segment).toBe('type');
  });

  it('offers the attributes of the chosen type', () => {
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:|')).toEqual(['lifecycle', 'cveCount', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:application:|')).toEqual(['lifecycle', 'cveCount', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:BusinessCapability:|')).toEqual(['maturity', 'lifecycle', '*']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:cve|')).toEqual(['cveCount']);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:CVE|')).toEqual(['cveCount']);
  });

  it('offers every type’s attributes once for `*`', () => {
    const got = at('FACT_SHEET_FIELDS:UPDATE:*:|').completion.suggestions;
    expect(got.map((s) => s.label)).toEqual(['lifecycle', 'cveCount', 'maturity', '*']);
    expect(got[0]!.detail).toBe('attribute of Application, BusinessCapability');
  });

  it('offers the qualifiers of every listed type and resource, and leaves out those listed', () => {
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application,BusinessCapability:|')).toEqual(['lifecycle', 'cveCount', 'maturity', '*']);
    const both = at('FACT_SHEET_FIELDS,FACT_SHEET_RELATIONS:UPDATE:Application:|').completion.suggestions;
    expect(both.map((s) => s.label)).toEqual(['lifecycle', 'cveCount', 'relApplicationToBusinessCapability', '*']);
    expect(both[2]!.detail).toBe('relation of Application');
    expect(both[3]!.detail).toBe('every attribute, relation');
    expect(labels('FACT_SHEET_BASE_FIELDS,FACT_SHEET_FIELDS:UPDATE:BusinessCapability:|')).toEqual([
      'name',
      'description',
      'alias',
      'release',
      'externalId',
      'lxState',
      'maturity',
      'lifecycle',
      '*',
    ]);
    expect(labels('FACT_SHEET_FIELDS:UPDATE:Application:LIFECYCLE,|')).toEqual(['cveCount', '*']);
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

  it('offers only `*` as qualifier where a listed resource takes none, or the resource is `*`', () => {
    const got = at('FACT_SHEET_TAGS:UPDATE:Application:|').completion.suggestions;
    expect(got.map((s) => s.label)).toEqual(['*']);
    expect(got[0]!.detail).toBe('FACT_SHEET_TAGS takes no qualifier');
    expect(labels('FACT_SHEET_FIELDS,FACT_SHEET_TAGS:UPDATE:*:|')).toEqual(['*']);
    expect(labels('*:READ:*:|')).toEqual(['*']);
  });

  it('takes the short forms (one to three parts) without error', () => {
    for (const line of ['EXPORT', '*', 'FACT_SHEET_BASE_FIELDS:UPDATE', 'FACT_SHEET:READ:Application', 'fact_sheet:read,archive:application']) {
      expect(checkLines(line, context)).toEqual([{ index: 0, text: line, error: null }]);
      const { completion } = at(`${line}|`);
      expect(completion.segment).toBe(PART_NAMES[line.split(':').length - 1]);
    }
    expect(labels('FACT_SHEET:READ:App|')).toEqual(['Application']);
    expect(labels('FACT_SHEET_BASE_FIELDS:UPD|')).toEqual(['UPDATE']);
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
  const take = (marked: string, label?: string) => {
    const { text, completion } = at(marked);
    const s = label === undefined ? completion.suggestions[0]! : completion.suggestions.find((x) => x.label === label)!;
    return acceptSuggestion(text, completion, s);
  };

  it('inserts a resource with its colon and moves the caret past it', () => {
    const next = take('FACT_SHEET_F|');
    expect(next.text).toBe('FACT_SHEET_FIELDS:');
    expect(next.caret).toBe(next.text.length);
  });

  it('inserts resources and actions in their canonical upper case', () => {
    expect(take('fact_sheet_f|').text).toBe('FACT_SHEET_FIELDS:');
    expect(take('FACT_SHEET:upd|').text).toBe('FACT_SHEET:UPDATE');
    expect(take('FACT_SHEET:read,inl|:*').text).toBe('FACT_SHEET:read,INLINE_EDIT:*');
  });

  it('inserts types and qualifiers as declared', () => {
    expect(take('FACT_SHEET_FIELDS:UPDATE:appl|').text).toBe('FACT_SHEET_FIELDS:UPDATE:Application:');
    expect(take('FACT_SHEET_FIELDS:UPDATE:Application:CVE|').text).toBe('FACT_SHEET_FIELDS:UPDATE:Application:cveCount');
  });

  it('does not double an existing colon, and steps over it', () => {
    const next = take('FACT_SHEET_F|:UPDATE:*:*');
    expect(next.text).toBe('FACT_SHEET_FIELDS:UPDATE:*:*');
    expect(next.caret).toBe('FACT_SHEET_FIELDS:'.length);
  });

  it('adds no colon inside a comma list', () => {
    const next = take('FACT_SHEET_F|,FACT_SHEET_RELATIONS:UPDATE');
    expect(next.text).toBe('FACT_SHEET_FIELDS,FACT_SHEET_RELATIONS:UPDATE');
    expect(next.caret).toBe('FACT_SHEET_FIELDS'.length);
    expect(take('FACT_SHEET_FIELDS:UPDATE:App|,BusinessCapability:*').text).toBe('FACT_SHEET_FIELDS:UPDATE:Application,BusinessCapability:*');
  });

  it('inserts `*` where it is offered', () => {
    expect(take('|', '*').text).toBe('*:');
    expect(take('FACT_SHEET:|', '*').text).toBe('FACT_SHEET:*');
    expect(take('FACT_SHEET_FIELDS:UPDATE:|', '*').text).toBe('FACT_SHEET_FIELDS:UPDATE:*:');
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
