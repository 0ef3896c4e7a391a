// Valid but hostile input (issue 13, "Input"): names that are properties of every object,
// files with tens of thousands of errors, long cloneFrom chains, wide models, duplicate keys
// and invalid UTF-8. No timing is asserted here; bench-like measurements are in the report.
import { describe, expect, it } from 'vitest';
import type { LeanixPolicy } from '../../src/model/schema';
import { compileLeanix, holds } from '../../src/engine/leanix/compile';
import { roleMatrix } from '../../src/engine/leanix/matrix';
import { checkAdviceQuestion } from '../../src/engine/question';
import { compile, runScenario } from '../../src/engine/scenarios';
import { MAX_QUALIFIERS_PER_TYPE, MAX_REPORTED_ERRORS, MAX_TYPES } from '../../src/policy/json';
import { loadPolicyBytes, loadPolicyText, validatePolicy } from '../../src/policy/validate';
import type { Json } from './helpers';
import { errorsOf, expectValid, leanixFile, leanixFileV2, policyOf, qualyticsFile, withPatches } from './helpers';

const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('names that every object has name nothing', () => {
  it.each(PROTOTYPE_NAMES)('a patch path `/%s` names nothing of the type, in both versions', (name) => {
    for (const file of [withPatches(leanixFile(), [{ op: 'replace', path: `/${name}`, value: 1 }]), withPatches(leanixFileV2(), [{ op: 'replace', path: `/${name}`, value: 1 }])]) {
      const errors = errorsOf(file);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ path: 'scenarios[0].operation.patches[0].path' });
      expect(errors[0]!.message).toMatch(new RegExp(`^\`/${name}\` names nothing of \`Application\`: expected a base field, attribute, relation or section`));
    }
  });

  it.each(PROTOTYPE_NAMES)('`%s` is no role, user, type, field, relation or subscription role of a file that does not declare it', (name) => {
    const file = leanixFileV2();
    file.users[0].customerRoles = [name];
    file.roles[0].cloneFrom = name;
    file.scenarios[0].actor = name;
    file.factSheets[1].type = name;
    file.factSheets[0].relations = { relToITComponent: ['itc-1'], [name]: ['x'] };
    file.factSheets[0].subscriptions[0].roles = [name];
    file.factSheetTypes[0].mandatory.fields = [name];
    const paths = errorsOf(JSON.parse(JSON.stringify(file))).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'factSheetTypes[0].mandatory.fields[0]',
        'roles[0].cloneFrom',
        'users[0].customerRoles[0]',
        'factSheets[0].subscriptions[0].roles[0]',
        'factSheets[1].type',
        'scenarios[0].actor',
      ]),
    );
    if (name !== '__proto__' && name !== 'constructor') expect(paths).toContain(`factSheets[0].relations.${name}`);
  });

  it.each(PROTOTYPE_NAMES)('a value keyed `%s` is not a field of a type that does not declare it', (name) => {
    if (name === '__proto__' || name === 'constructor') return; // refused as keys of any object
    const file = leanixFile();
    file.factSheets[0].values[name] = 1;
    expect(errorsOf(file).map((e) => e.path)).toEqual([`factSheets[0].values.${name}`]);
  });

  it.each(PROTOTYPE_NAMES)('an advise path `/%s` names no field of the type', (name) => {
    const policy = policyOf(leanixFileV2());
    const check = checkAdviceQuestion(policy, { platform: 'leanix', actor: 'feed', type: 'Application', paths: [`/${name}`] });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]!.message).toMatch(new RegExp(`^\`/${name}\` names no field, relation or section of \`Application\``));
  });

  it.each(PROTOTYPE_NAMES)('a Qualytics request for user or token `%s` is answered 404, and 400 with it as a team', (name) => {
    const file = qualyticsFile();
    file.scenarios = [
      { name: 'put user', actor: 'admin', operation: { request: { method: 'PUT', path: `/users/${name}`, body: { role: 'Member' } } } },
      { name: 'revoke token', actor: 'admin', operation: { request: { method: 'PUT', path: `/user-tokens/${name}`, body: { revoke: true } } } },
      { name: 'teams', actor: 'admin', operation: { request: { method: 'POST', path: '/users', body: { name: 'new', role: 'Member', teams: [name] } } } },
    ];
    const policy = policyOf(file);
    const compiled = compile(policy);
    expect(policy.scenarios.map((s: Json) => runScenario(compiled, s).actual.status)).toEqual([404, 404, 400]);
  });

  it.each(PROTOTYPE_NAMES)('a declared field `%s` without a value is empty: mandatory, it keeps an approval from passing', (name) => {
    const file = leanixFileV2();
    file.factSheetTypes[1].fields = [name];
    file.factSheetTypes[1].mandatory = { fields: [name] };
    file.factSheetTypes[1].qualitySeal = { enabled: true };
    file.users[0].role = 'ADMIN';
    file.scenarios = [
      { name: 'approve', actor: 'alice', operation: { op: 'update', factSheet: 'itc-1', patches: [{ op: 'replace', path: '/lxState', value: 'APPROVED' }] } },
      {
        name: 'fill and approve',
        actor: 'alice',
        operation: { op: 'update', factSheet: 'itc-1', patches: [{ op: 'replace', path: `/${name}`, value: 'x' }, { op: 'replace', path: '/lxState', value: 'APPROVED' }] },
      },
    ];
    const policy = policyOf(file);
    const compiled = compile(policy);
    expect(policy.scenarios.map((s: Json) => runScenario(compiled, s).actual.allowed)).toEqual([false, true]);
  });

  it('a type named `__proto__` has its row in a role matrix like any other', () => {
    const file = leanixFileV2();
    file.factSheetTypes[1].name = '__proto__';
    file.factSheets[1].type = '__proto__';
    const ws = compileLeanix(policyOf(file) as LeanixPolicy);
    const matrix = roleMatrix(ws, { name: 'EVERYTHING', permissions: ['*:*'] });
    expect(Object.keys(matrix.cells)).toEqual(['Application', '__proto__']);
    expect(Object.getPrototypeOf(matrix.cells)).toBe(Object.prototype);
    expect(matrix.cells['__proto__']?.attributes?.actions.UPDATE).toBe('all');
  });
});

describe('many errors', () => {
  it(`reports the first ${MAX_REPORTED_ERRORS.toLocaleString('en-US')} errors in document order and counts the rest`, () => {
    const file = leanixFileV2();
    for (let i = 0; i < 20_000; i++) file.users[1][`unknownKey${i}`] = i;
    const result = loadPolicyText(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(result.errors.slice(0, 2)).toEqual([
      { path: 'users[1].unknownKey0', message: 'unknown key `unknownKey0`' },
      { path: 'users[1].unknownKey1', message: 'unknown key `unknownKey1`' },
    ]);
    expect(result.errors[MAX_REPORTED_ERRORS - 1]).toEqual({ path: 'users[1].unknownKey999', message: 'unknown key `unknownKey999`' });
    expect(result.errors[MAX_REPORTED_ERRORS]).toEqual({ path: '', message: '… and 19,000 more errors', omitted: 19_000 });
  });

  it('counts errors of every kind, with the errors before them in the file first', () => {
    const file = leanixFileV2();
    for (let i = 0; i < 3_000; i++) file.scenarios.push({ name: `s${i}`, actor: `nobody-${i}`, operation: { op: 'read', factSheet: 'app-1' } });
    file.name = 7;
    const errors = errorsOf(file);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]).toEqual({ path: 'name', message: 'expected text, found number `7`' });
    expect(errors[1]!.path).toBe('scenarios[1].actor');
    expect(errors[MAX_REPORTED_ERRORS]).toEqual({ path: '', message: '… and 2,001 more errors', omitted: 2_001 });
  });

  it('a file with exactly the limit reports every error and no count', () => {
    const file = leanixFileV2();
    for (let i = 0; i < MAX_REPORTED_ERRORS; i++) file.users[1][`k${i}`] = i;
    const errors = errorsOf(file);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors.every((e) => e.message.startsWith('unknown key'))).toBe(true);
  });
});

describe('a cloneFrom chain of 6,000 roles', () => {
  const chain = (n: number): Json => {
    const file = leanixFileV2();
    file.factSheetTypes[0].fields = Array.from({ length: 50 }, (_, i) => `f${i}`);
    file.factSheetTypes[0].mandatory = {};
    file.factSheetTypes[0].qualitySeal = { enabled: true };
    file.factSheetTypes[0].relations = [];
    file.factSheets[0].relations = {};
    file.factSheets[0].naFields = [];
    file.factSheets[0].subscriptions[0].roles = [];
    file.subscriptionRoles = [];
    file.factSheets[0].values = { description: 'd' };
    file.roles = Array.from({ length: n }, (_, i) => ({ name: `R${i}`, cloneFrom: i === 0 ? 'VIEWER' : `R${i - 1}`, permissions: [`FACT_SHEET_FIELDS:UPDATE:Application:f${i % 50}`] }));
    file.users[2].customerRoles = ['R0'];
    file.users.push({ id: 'last', kind: 'technical', role: 'MEMBER', customerRoles: [`R${n - 1}`] });
    file.users.push({ id: 'first', kind: 'technical', role: 'MEMBER', customerRoles: ['R0'] });
    file.scenarios = [{ name: 'last writes f49', actor: 'last', operation: { op: 'update', factSheet: 'app-1', patches: [{ op: 'replace', path: '/f49', value: 1 }] } }];
    return file;
  };

  it('is valid, compiles, and the last role holds the grants of every role above it', () => {
    const policy = policyOf(chain(6_000)) as LeanixPolicy;
    const ws = compileLeanix(policy);
    const type = ws.types.get('Application')!;
    const last = ws.users.get('last')!;
    const first = ws.users.get('first')!;
    for (let f = 0; f < 50; f++) expect(holds(ws, last, 'FACT_SHEET_FIELDS', 'UPDATE', type, `f${f}`)).toBe(true);
    expect(holds(ws, last, 'FACT_SHEET', 'READ', type, '*')).toBe(true); // VIEWER, at the top of the chain
    expect(holds(ws, last, 'FACT_SHEET', 'CREATE', type, '*')).toBe(false);
    expect(holds(ws, first, 'FACT_SHEET_FIELDS', 'UPDATE', type, 'f0')).toBe(true);
    expect(holds(ws, first, 'FACT_SHEET_FIELDS', 'UPDATE', type, 'f1')).toBe(false);
    // every grant of the chain, listed for the explanation: VIEWER's then each role's, top first
    const grants = last.sources[0]!.grants;
    expect(grants.length).toBe(14 + 6_000);
    expect(grants[grants.length - 1]!.source).toBe('FACT_SHEET_FIELDS:UPDATE:Application:f49');
    expect(runScenario(compile(policy), policy.scenarios[0]!).actual.allowed).toBe(true);
  });

  it('a cycle through all of them is reported at each role, each with its cycle', () => {
    const file = chain(6_000);
    file.roles[0].cloneFrom = 'R5999';
    const errors = errorsOf(file);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]!.path).toBe('roles[0].cloneFrom');
    expect(errors[0]!.message.startsWith('`R0` clones from itself: R0 → R5999 → R5998 → ')).toBe(true);
    expect(errors[0]!.message.endsWith(' → R1 → R0')).toBe(true);
    expect(errors[1]!.message.startsWith('`R1` clones from itself: R1 → R0 → R5999 → ')).toBe(true);
    expect(errors[MAX_REPORTED_ERRORS]).toEqual({ path: '', message: '… and 5,000 more errors', omitted: 5_000 });
  });

  it('a role that leads into a cycle is fine; the roles on it report it', () => {
    const file = leanixFileV2();
    file.roles = [
      { name: 'FEED', permissions: [] },
      { name: 'A', cloneFrom: 'B', permissions: [] },
      { name: 'B', cloneFrom: 'C', permissions: [] },
      { name: 'C', cloneFrom: 'B', permissions: [] },
    ];
    expect(errorsOf(file)).toEqual([
      { path: 'roles[2].cloneFrom', message: '`B` clones from itself: B → C → B' },
      { path: 'roles[3].cloneFrom', message: '`C` clones from itself: C → B → C' },
    ]);
  });
});

describe('wide models', () => {
  /** 300 types × 300 fields, 50 roles (every fifth cloning MEMBER), 600 users holding 1 to 3 of them. */
  const wide = (): Json => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const types = Array.from({ length: 300 }, (_, t) => ({ name: `Type${t}`, fields: Array.from({ length: 300 }, (_, f) => `f${f}`), relations: [`rel${t}`] }));
    const roles = Array.from({ length: 50 }, (_, i) => ({
      name: `ROLE_${i}`,
      ...(i % 5 === 0 ? { cloneFrom: 'MEMBER' } : {}),
      permissions: [`FACT_SHEET_FIELDS:UPDATE:Type${i}:f${i}`, `FACT_SHEET_FIELDS:READ:*:f${i + 100}`, `FACT_SHEET_FIELDS:CREATE:Type${i + 1}:*`, `FACT_SHEET_BASE_FIELDS:UPDATE:Type${i}:lxState`],
    }));
    const users = Array.from({ length: 600 }, (_, i) => ({ id: `u${i}`, kind: 'human', role: 'VIEWER', customerRoles: [...new Set(Array.from({ length: 1 + next(3) }, () => `ROLE_${next(50)}`))] }));
    users.push({ id: 'holds-1', kind: 'human', role: 'VIEWER', customerRoles: ['ROLE_1'] });
    return { format: 'sealcheck-policy', version: 2, platform: 'leanix', name: 'wide', asOf: '2026-11-24T00:00:00Z', factSheetTypes: types, roles, users, factSheets: [], scenarios: [] };
  };

  it('300 types × 300 fields with 50 roles compiles, and answers every cell as the grants say', () => {
    const ws = compileLeanix(policyOf(wide()) as LeanixPolicy);
    const user = ws.users.get('holds-1')!;
    const t1 = ws.types.get('Type1')!;
    const t2 = ws.types.get('Type2')!;
    const t7 = ws.types.get('Type7')!;
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'UPDATE', t1, 'f1')).toBe(true);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'UPDATE', t1, 'f2')).toBe(false);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'UPDATE', t2, 'f1')).toBe(false);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'READ', t7, 'f101')).toBe(true);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'READ', t7, 'f102')).toBe(false);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'CREATE', t2, 'f299')).toBe(true);
    expect(holds(ws, user, 'FACT_SHEET_FIELDS', 'CREATE', t2, 'rel2')).toBe(false); // a relation, not a field
    expect(holds(ws, user, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', t1, 'lxState')).toBe(true);
    expect(holds(ws, user, 'FACT_SHEET', 'READ', t7, '*')).toBe(false); // a customer role replaces VIEWER's grants
    // a role cloning MEMBER holds every field of every type
    const member = [...ws.users.values()].find((u) => u.user.customerRoles.includes('ROLE_0'))!;
    expect(holds(ws, member, 'FACT_SHEET_FIELDS', 'DELETE', ws.types.get('Type299')!, 'f299')).toBe(true);
    expect(holds(ws, member, 'FACT_SHEET_BASE_FIELDS', 'UPDATE', ws.types.get('Type299')!, 'lxState')).toBe(false);
  });

  it(`refuses more than ${MAX_TYPES.toLocaleString('en-US')} types, or more than ${MAX_QUALIFIERS_PER_TYPE.toLocaleString('en-US')} fields and relations in a type, with a clear message`, () => {
    const many = leanixFileV2();
    many.factSheetTypes.push(...Array.from({ length: MAX_TYPES - 2 }, (_, i) => ({ name: `T${i}` })));
    expectValid(many);
    many.factSheetTypes.push({ name: 'OneTooMany' });
    expect(errorsOf(many)).toEqual([{ path: 'factSheetTypes', message: 'the file declares 10,001 fact sheet types; Sealcheck reads at most 10,000' }]);
    const wideType = leanixFileV2();
    wideType.factSheetTypes[1].fields = Array.from({ length: MAX_QUALIFIERS_PER_TYPE }, (_, i) => `f${i}`);
    expectValid(wideType);
    wideType.factSheetTypes[1].relations = ['oneTooMany'];
    expect(errorsOf(wideType)).toEqual([{ path: 'factSheetTypes[1]', message: '`ITComponent` declares 10,001 fields and relations; Sealcheck reads at most 10,000 per type' }]);
  });

  it('the engine refuses such a model with the same words, not an internal error', () => {
    const policy = policyOf(leanixFileV2()) as LeanixPolicy;
    const model = { ...policy, factSheetTypes: [...policy.factSheetTypes, { ...policy.factSheetTypes[1]!, name: 'Wide', fields: Array.from({ length: MAX_QUALIFIERS_PER_TYPE + 1 }, (_, i) => `f${i}`) }] };
    expect(() => compileLeanix(model)).toThrow("the model is beyond Sealcheck's limits: `Wide` has 10,001 fields and relations; Sealcheck reads at most 10,000 per type");
  });
});

describe('duplicate keys', () => {
  it('`format` twice at the top is refused at the second, with the path and where the first is', () => {
    const text = '{\n  "format": "sealcheck-policy",\n  "version": 2,\n  "format": "something-else"\n}';
    expect(loadPolicyText(text)).toEqual({
      ok: false,
      errors: [
        {
          path: 'format',
          line: 4,
          column: 3,
          message: 'duplicate key `format`: already at line 2, column 3; a reader sees the first value and Sealcheck would use the last, keep one',
        },
      ],
    });
  });

  it('`users` twice, and a key twice in a nested object, each at its own place', () => {
    const file = leanixFileV2();
    const text = JSON.stringify(file, null, 2)
      .replace('"users": [', '"users": [{ "id": "ghost", "kind": "human", "role": "ADMIN" }],\n  "users": [')
      .replace('"role": "VIEWER"', '"role": "VIEWER", "role": "ADMIN"');
    const result = loadPolicyText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['users', 'users[1].role']);
    const lines = text.split('\n');
    const second = lines.findIndex((l) => l.includes('"users": [') && !l.includes('ghost'));
    expect(result.errors[0]).toMatchObject({ line: second + 1, column: 3 });
    expect(result.errors[1]!.message).toMatch(/^duplicate key `role` in `users\[1\]`: already at line \d+, column \d+; a reader sees the first value/);
  });

  it('keys written with escapes are the same key; equal values in other objects are not duplicates', () => {
    expect(loadPolicyText('{"format": 1, "\\u0066ormat": 2}')).toMatchObject({ ok: false, errors: [{ path: 'format', line: 1, column: 15 }] });
    expectValid(JSON.parse(JSON.stringify(leanixFileV2())));
    expect(loadPolicyText(JSON.stringify(leanixFileV2())).ok).toBe(true);
  });

  it(`at most ${MAX_REPORTED_ERRORS.toLocaleString('en-US')} duplicates are listed, the rest counted`, () => {
    const inner = Array.from({ length: 1_500 }, () => '"a": 1').join(', ');
    const result = loadPolicyText(`{"x": {${inner}}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(result.errors[0]).toMatchObject({ path: 'x.a', line: 1, column: 16 });
    expect(result.errors[MAX_REPORTED_ERRORS]).toEqual({ path: '', message: '… and 499 more errors', omitted: 499 });
  });
});

describe('bytes: UTF-8', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('reads valid UTF-8, with or without a byte order mark', () => {
    const text = JSON.stringify({ ...leanixFileV2(), name: 'Café ☕ 😀' });
    expect(loadPolicyBytes(encode(text))).toEqual(loadPolicyText(text));
    expect(loadPolicyBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(text)])).ok).toBe(true);
  });

  it('refuses invalid UTF-8 with the byte offset of the first bad byte, and its line and column', () => {
    const before = encode('{\n  "name": "Caf');
    const bytes = Uint8Array.from([...before, 0xe9, ...encode('"\n}')]); // a Latin-1 é
    expect(loadPolicyBytes(bytes)).toEqual({
      ok: false,
      errors: [{ path: '', line: 2, column: 15, message: `not valid UTF-8: 0xE9 at byte offset ${before.length} starts no valid character; policy files are JSON in UTF-8` }],
    });
  });

  it.each([
    ['an overlong form', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a lone continuation byte', [0x80]],
    ['a sequence cut short by the end', [0xe2, 0x82]],
  ])('refuses %s', (_, bad) => {
    const bytes = Uint8Array.from([...encode('{"name": "'), ...bad]);
    const result = loadPolicyBytes(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toContain('at byte offset 10 ');
  });

  it('refuses more than 150 MB before decoding', () => {
    // Zeroed and never read: the pages are not touched.
    const result = loadPolicyBytes(new Uint8Array(150 * 1024 * 1024 + 1));
    expect(result).toEqual({ ok: false, errors: [{ path: '', message: 'the file is 150.1 MB; policy files are limited to 150 MB' }] });
  });
});

describe('validatePolicy of parsed values', () => {
  it('never reads a prototype name as a declared list', () => {
    const file = leanixFile();
    file.users[0].customerRoles = ['hasOwnProperty'];
    expect(validatePolicy(file).ok).toBe(false);
  });
});
