// A model change written into a file's text (src/policy/edit-text.ts): only what differs
// changes, written as the file writes its neighbours (indentation, line ends, one line
// or one item a line), whatever the file's style; a second identical write changes
// nothing; what the text reads as is exactly the wanted value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editJsonText, editPolicyText, toVersion1 } from '../../src/policy/edit-text';
import { loadPolicyText } from '../../src/policy/validate';
import { exampleText } from './helpers';

const edit = (text: string, wanted: unknown) => editJsonText(text, JSON.parse(text.replace(/^\uFEFF/, '')), wanted);

describe('editJsonText', () => {
  it('appends to a list one item per line, indented as its items are, and adds nothing else', () => {
    const text = '{\n    "roles": [\n        {\n            "name": "X",\n            "permissions": []\n        }\n    ],\n    "users": []\n}\n';
    const out = edit(text, { roles: [{ name: 'X', permissions: [] }, { name: 'R', permissions: ['a', 'b'] }], users: [] });
    expect(out).toBe('{\n    "roles": [\n        {\n            "name": "X",\n            "permissions": []\n        },\n        {\n            "name": "R",\n            "permissions": ["a", "b"]\n        }\n    ],\n    "users": []\n}\n');
  });

  it('a new item next to an item written on one line is written on one line', () => {
    const text = '{\n  "users": [\n    { "id": "a", "kind": "human" }\n  ]\n}';
    expect(edit(text, { users: [{ id: 'a', kind: 'human' }, { id: 'b', kind: 'human', aces: ['x'] }] })).toBe('{\n  "users": [\n    { "id": "a", "kind": "human" },\n    { "id": "b", "kind": "human", "aces": ["x"] }\n  ]\n}');
  });

  it('lists written one item a line get new lists and items that way; lists on one line stay on one line', () => {
    const multi = '{\n  "a": [\n    "x",\n    "y"\n  ]\n}';
    expect(edit(multi, { a: ['x', 'y', 'z'], b: ['p', 'q'] })).toBe('{\n  "a": [\n    "x",\n    "y",\n    "z"\n  ],\n  "b": [\n    "p",\n    "q"\n  ]\n}');
    const inline = '{\n  "a": ["x","y"]\n}';
    expect(edit(inline, { a: ['x', 'y', 'z'], b: ['p', 'q'] })).toBe('{\n  "a": ["x","y","z"],\n  "b": ["p", "q"]\n}');
  });

  it('an empty list opens; a missing list is added at the end of the object; CRLF and tabs are kept', () => {
    const text = '{\r\n\t"users": [],\r\n\t"name": "n"\r\n}';
    const out = edit(text, { users: [{ id: 'u' }], name: 'n', scenarios: [{ name: 's' }] });
    expect(out).toBe('{\r\n\t"users": [\r\n\t\t{\r\n\t\t\t"id": "u"\r\n\t\t}\r\n\t],\r\n\t"name": "n",\r\n\t"scenarios": [\r\n\t\t{\r\n\t\t\t"name": "s"\r\n\t\t}\r\n\t]\r\n}');
  });

  it('removes the first, a middle and the last item with their commas, and edits a renamed item where it stands', () => {
    const text = '[\n  { "name": "a", "n": 1 },\n  { "name": "b", "n": 2 },\n  { "name": "c", "n": 3 },\n  { "name": "d", "n": 4 },\n  { "name": "e", "n": 5 }\n]';
    const wanted = [
      { name: 'b', n: 2 },
      { name: 'D', n: 4 },
    ];
    expect(edit(text, wanted)).toBe('[\n  { "name": "b", "n": 2 },\n  { "name": "D", "n": 4 }\n]');
    // the rename kept the item's other text: only the name changed in it
    expect(edit(text, [{ name: 'a', n: 1 }, { name: 'B', n: 2 }, { name: 'c', n: 3 }, { name: 'd', n: 4 }, { name: 'e', n: 5 }])).toBe(text.replace('"b"', '"B"'));
  });

  it('keeps a byte order mark, and a value changed in a key order of its own keeps that order', () => {
    const text = '\uFEFF{"z": 1, "a": {"y": true, "b": 2}}';
    expect(edit(text, { a: { b: 3, y: true }, z: 1 })).toBe('\uFEFF{"z": 1, "a": {"y": true, "b": 3}}');
  });

  it('strings holding quotes, backslashes and brackets do not mislead where a value ends', () => {
    const text = '{"a\\"{": "}\\\\", "b": [1, "]"], "c": {"d": "{["}}';
    const was = JSON.parse(text);
    expect(editJsonText(text, was, { ...was, b: [1, ']', 2] })).toBe('{"a\\"{": "}\\\\", "b": [1, "]", 2], "c": {"d": "{["}}');
    expect(editJsonText(text, was, { ...was, c: { d: '{[', e: true } })).toBe('{"a\\"{": "}\\\\", "b": [1, "]"], "c": {"d": "{[", "e": true}}');
  });

  it('a key the text lacks is written with only what differs from the default the model filled in', () => {
    const text = '{\n  "name": "x"\n}\n';
    const was = { name: 'x', settings: { notifyActor: false, lockMandatoryWhenBroken: false } };
    expect(editJsonText(text, was, { name: 'x', settings: { notifyActor: true, lockMandatoryWhenBroken: false } })).toBe('{\n  "name": "x",\n  "settings": {\n    "notifyActor": true\n  }\n}\n');
    // the default itself is no change
    expect(editJsonText(text, was, was)).toBe(text);
  });

  it('any change, twice: the text reads as the wanted value, and the second write is the same bytes', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 }), tie('list'), tie('object')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'name'), tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(json.object, json.object, fc.constantFrom('  ', '    ', '\t'), (was, wanted, unit) => {
        const text = JSON.stringify(was, null, unit);
        const out = editJsonText(text, was, wanted);
        expect(JSON.parse(out)).toEqual(wanted);
        expect(editJsonText(out, wanted, wanted)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });
});

/** The lines of `b` between the lines it shares with `a` at the start and at the end. */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  return y.slice(start, y.length - end);
}

describe('editPolicyText', () => {
  it('on the example file (version 1): a user changed touches only its lines', () => {
    const text = exampleText('leanix');
    const loaded = loadPolicyText(text);
    if (!loaded.ok || loaded.policy.platform !== 'leanix') throw new Error('example');
    const p = loaded.policy;
    const wanted = { ...p, users: p.users.map((u, i) => (i === 0 ? { ...u, aces: [...u.aces, 'EU'] } : u)) };
    const r = editPolicyText(text, p, wanted);
    expect(r.ok && r.changed).toBe(true);
    if (!r.ok) return;
    expect(changedLines(text, r.text).join('\n')).toMatch(/"aces": \[\s*"EU"\s*\]/);
    // the version 1 file stays version 1; one list of access control entities: at most its lines changed
    expect(r.migrated).toBe(false);
    expect(changedLines(text, r.text).length).toBeLessThanOrEqual(4);
    expect(r.policy).toEqual(wanted);
    const again = editPolicyText(r.text, r.policy, wanted);
    expect(again.ok && !again.changed && again.text === r.text).toBe(true);
  });

  it('refuses an invalid model with located errors', () => {
    const text = exampleText('leanix');
    const loaded = loadPolicyText(text);
    if (!loaded.ok) throw new Error('example');
    const r = editPolicyText(text, loaded.policy, { ...loaded.policy, name: 7 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['name']);
  });

  it('a version 1 model reads back as version 1 only when it holds nothing of version 2', () => {
    const v1 = loadPolicyText(exampleText('leanix'));
    if (!v1.ok || v1.policy.platform !== 'leanix') throw new Error('example');
    expect(toVersion1(v1.policy)).not.toBeNull();
    expect(toVersion1({ ...v1.policy, settings: { notifyActor: true, lockMandatoryWhenBroken: false } })).toBeNull();
    expect(toVersion1({ ...v1.policy, subscriptionRoles: [{ name: 'Owner', type: 'RESPONSIBLE', factSheetTypes: [] }] })).toBeNull();
  });
});
