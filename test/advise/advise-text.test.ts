// The advice written into a policy file's text: only what must change changes (items
// appended to their lists as the file writes its items, lists created where missing,
// the type's seal exemptions extended), whatever the file's indentation and line ends.
import { describe, expect, it } from 'vitest';
import { addToPolicyText } from '../../src/engine/leanix/advise-text';
import type { Additions } from '../../src/engine/leanix/advise-text';

const none: Additions = { roles: [], users: [], scenarios: [], exempt: null };
const role = { name: 'R', permissions: ['FACT_SHEET:READ:A:*'] };

describe('addToPolicyText', () => {
  it('appends to a list one item per line, indented as its items are, and adds nothing else', () => {
    const text = '{\n    "roles": [\n        { "name": "X", "permissions": [] }\n    ],\n    "users": []\n}\n';
    const out = addToPolicyText(text, { ...none, roles: [role] });
    expect(out).toBe('{\n    "roles": [\n        { "name": "X", "permissions": [] },\n        {\n            "name": "R",\n            "permissions": ["FACT_SHEET:READ:A:*"]\n        }\n    ],\n    "users": []\n}\n');
  });

  it('an empty list opens; a missing list is added at the end of the object; CRLF and tabs are kept', () => {
    const text = '{\r\n\t"users": [],\r\n\t"name": "n"\r\n}';
    const out = addToPolicyText(text, { ...none, users: [{ id: 'u' } as never], scenarios: [{ name: 's' } as never] });
    expect(out).toBe('{\r\n\t"users": [\r\n\t\t{\r\n\t\t\t"id": "u"\r\n\t\t}\r\n\t],\r\n\t"name": "n",\r\n\t"scenarios": [\r\n\t\t{\r\n\t\t\t"name": "s"\r\n\t\t}\r\n\t]\r\n}');
    expect(JSON.parse(out)).toEqual({ users: [{ id: 'u' }], name: 'n', scenarios: [{ name: 's' }] });
  });

  it('seal exemptions: appended to a list written on one line, added to a qualitySeal without them, or a qualitySeal added', () => {
    const types = (seal: string) => `{\n  "factSheetTypes": [\n    { "name": "B" },\n    {\n      "name": "A"${seal}\n    }\n  ]\n}\n`;
    const exempt = { type: 'A', fields: ['f'], relations: ['r'] };
    expect(addToPolicyText(types(',\n      "qualitySeal": { "enabled": true, "ignoreUpdatesForFields": ["e"] }'), { ...none, exempt })).toBe(
      types(',\n      "qualitySeal": { "enabled": true, "ignoreUpdatesForFields": ["e", "f"], "ignoreUpdatesForRelations": ["r"] }'),
    );
    expect(addToPolicyText(types(',\n      "qualitySeal": {}'), { ...none, exempt })).toBe(
      types(',\n      "qualitySeal": {\n        "ignoreUpdatesForFields": ["f"],\n        "ignoreUpdatesForRelations": ["r"]\n      }'),
    );
    expect(addToPolicyText(types(''), { ...none, exempt: { type: 'A', fields: ['f'], relations: [] } })).toBe(
      types(',\n      "qualitySeal": {\n        "ignoreUpdatesForFields": ["f"]\n      }'),
    );
  });

  it('keeps a byte order mark and refuses what is not a JSON object', () => {
    expect(addToPolicyText('\uFEFF{"roles": []}', { ...none, roles: [role] }).startsWith('\uFEFF{"roles": [')).toBe(true);
    expect(() => addToPolicyText('[]', none)).toThrow('not a JSON object');
  });
});
