// Reading untrusted text: syntax errors with line and column, prototype keys,
// deep nesting and the size limit. Nothing here may throw.
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, locateSyntaxError, parseJsonText, sizeText, tooLarge, utf8Length } from '../../src/policy/json';
import { loadPolicyText, validatePolicy } from '../../src/policy/validate';
import { exampleText, leanixFile } from './helpers';

function syntax(text: string): unknown {
  const result = loadPolicyText(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.errors;
}

function expectSyntax(text: string, line: number, column: number, message: string): void {
  expect(syntax(text)).toEqual([{ path: '', line, column, message: `not valid JSON: ${message}` }]);
}

describe('JSON syntax errors give line and column', () => {
  it('a missing comma between keys, on the line where the next key starts', () => {
    const text = '{\n  "format": "sealcheck-policy",\n  "version": 1\n  "platform": "leanix"\n}';
    expectSyntax(text, 4, 3, 'expected `,` or `}`, found `"platform"`; is a `,` missing before it?');
  });

  it('a trailing comma in an object and in a list', () => {
    expectSyntax('{\n  "a": 1,\n}', 3, 1, '`}` after `,`: JSON allows no comma after the last key');
    expectSyntax('{"a": [1, 2, ]}', 1, 14, '`]` after `,`: JSON allows no comma after the last item');
  });

  it('a key without quotes or in single quotes', () => {
    expectSyntax('{format: 1}', 1, 2, 'expected a key in double quotes, found `format`');
    expectSyntax("{'format': 1}", 1, 2, "expected a key in double quotes, found `'`");
  });

  it('a bare word, a capitalised literal and a missing colon', () => {
    expectSyntax('{"a": leanix}', 1, 7, 'expected a value, found `leanix` (text is written in double quotes; `true`, `false` and `null` in lowercase)');
    expectSyntax('{"a":\n\tTrue}', 2, 2, 'expected a value, found `True` (text is written in double quotes; `true`, `false` and `null` in lowercase)');
    expectSyntax('{"a" 1}', 1, 6, 'expected `:` after the key, found `1`');
  });

  it('numbers JSON does not know', () => {
    expectSyntax('{"a": 01}', 1, 7, '`01` is not a number JSON knows');
    expectSyntax('{"a": 1.}', 1, 7, '`1.` is not a number JSON knows');
    expectSyntax('{"a": -}', 1, 7, '`-` is not a number JSON knows');
  });

  it('text with a raw line break, a bad escape, or never closed', () => {
    expectSyntax('{"a": "x\ny"}', 1, 9, 'a line break inside text; write `\\n` or close the text with `"`');
    expectSyntax('{"a": "C:\\dir"}', 1, 10, '`\\d` is not an escape JSON knows; write `\\\\` for a backslash');
    expectSyntax('{"a": "\\u12"}', 1, 8, '`\\u` must be followed by four hexadecimal digits');
    expectSyntax('{\n"a": "open}', 2, 6, 'the text starting here is never closed with `"`');
  });

  it('a file that ends early, is empty, or goes on after the value', () => {
    expectSyntax('{"a": [1, 2', 1, 12, 'the file ends inside a list: expected `,` or `]`');
    expectSyntax('', 1, 1, 'the file ends where a value is expected');
    expectSyntax('  \n', 2, 1, 'the file ends where a value is expected');
    expectSyntax('{}\n{}', 2, 1, 'unexpected `{` after the end of the JSON value');
  });

  it('counts columns after Windows line ends too', () => {
    expectSyntax('{\r\n  "a": 1,\r\n  }', 3, 3, '`}` after `,`: JSON allows no comma after the last key');
  });

  it('finds nothing wrong in valid JSON', () => {
    for (const text of [exampleText('leanix'), exampleText('qualytics'), '[]', '"x"', '-1.5e+3', '{"a":[{},[],null,true,false,"\\u00e9\\n"]}']) {
      expect(locateSyntaxError(text)).toBeNull();
    }
  });

  it('accepts a byte order mark', () => {
    expect(loadPolicyText(`\uFEFF${exampleText('leanix')}`).ok).toBe(true);
  });
});

describe('prototype keys', () => {
  it('refuses `__proto__` and `constructor` with their paths, and still reports the rest', () => {
    const text = JSON.stringify(leanixFile())
      .replace('"roles":', '"__proto__": {"polluted": true}, "roles":')
      .replace('"description":"d"', '"description":"d","constructor":{"prototype":1}')
      .replace('"kind":"human","role":"VIEWER"', '"kind":"robot","role":"VIEWER"');
    const result = loadPolicyText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: '__proto__', message: 'the key `__proto__` is not allowed in a policy file' },
      { path: 'factSheets[0].values.constructor', message: 'the key `constructor` is not allowed in a policy file' },
      { path: 'users[1].kind', message: 'expected `human` or `technical`, found `robot`' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not change the value it validates', () => {
    const value = JSON.parse('{"__proto__": 1, "format": "sealcheck-policy"}');
    validatePolicy(value);
    expect(Object.keys(value)).toEqual(['__proto__', 'format']);
  });
});

describe('deep nesting', () => {
  const deepList = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('a 10,000-deep array as the whole file gives a clear error', () => {
    const result = loadPolicyText(deepList(10_000));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toBe('nested deeper than 64 levels');
    expect(result.errors[0]!.path).toBe('[0]'.repeat(64));
  });

  it('a 10,000-deep array inside a valid file is located', () => {
    const text = JSON.stringify(leanixFile()).replace('"lifecycle":"active"', `"lifecycle":${deepList(10_000)}`);
    const result = loadPolicyText(text);
    expect(result.ok ? [] : result.errors.map((e) => [e.path.slice(0, 36), e.message])).toEqual([
      ['factSheets[0].values.lifecycle[0][0]', 'nested deeper than 64 levels'],
    ]);
  });

  it('a 10,000-deep value built in memory', () => {
    let value: unknown = 1;
    for (let i = 0; i < 10_000; i++) value = { a: value };
    const result = validatePolicy(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toBe('nested deeper than 64 levels');
  });

  it('the syntax scanner refuses deep nesting itself, at the 65th opening bracket', () => {
    expect(locateSyntaxError(`{"a":\n${deepList(100)}`)).toEqual({ offset: 6 + 63, message: 'not valid JSON: nested deeper than 64 levels' });
  });
});

describe('the size limit', () => {
  it('is 150 MB: tooLarge accepts the limit and refuses one byte more, naming both sizes', () => {
    expect(MAX_FILE_BYTES).toBe(150 * 1024 * 1024);
    expect(tooLarge(MAX_FILE_BYTES)).toBeNull();
    expect(tooLarge(MAX_FILE_BYTES + 1)).toEqual({ path: '', message: 'the file is 150.1 MB; policy files are limited to 150 MB' });
    expect(tooLarge(200 * 1024 * 1024 + 123)).toEqual({ path: '', message: 'the file is 200.1 MB; policy files are limited to 150 MB' });
    expect(tooLarge(400 * 1024 * 1024)).toEqual({ path: '', message: 'the file is 400 MB; policy files are limited to 150 MB' });
  });

  it('sizes read in MB with one decimal rounded up, whole MB without, kB below 1 MB', () => {
    expect(sizeText(150 * 1024 * 1024)).toBe('150 MB');
    expect(sizeText(62.31 * 1024 * 1024)).toBe('62.4 MB');
    expect(sizeText(2048)).toBe('2 kB');
    expect(sizeText(1025)).toBe('1.1 kB');
  });

  it('text over the limit is refused before it is parsed (the limit given, as every reader passes it)', () => {
    const limit = 4096;
    expect(parseJsonText(`[${' '.repeat(limit - 2)}]`, limit).ok).toBe(true);
    expect(parseJsonText(`[${' '.repeat(limit - 1)}]`, limit)).toEqual({ ok: false, errors: [{ path: '', message: 'the file is 4.1 kB; policy files are limited to 4 kB' }] });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    const limit = 3 * 1024;
    const text = `"${'€'.repeat(1025)}"`; // 1,027 characters, 3,077 bytes
    const result = parseJsonText(text, limit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toBe('the file is 3.1 kB; policy files are limited to 3 kB');
  });
});
