import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatPath } from '../../src/model/words';
import { loadPolicyText } from '../../src/policy/validate';
import { completionsAt, parsePath, rangeOfError } from '../../src/ui/options/ModelEditor-json';
import type { JsonSchema } from '../../src/ui/options/ModelEditor-json';
import { template } from '../../src/worker/templates';

const schema = JSON.parse(readFileSync(new URL('../../sealcheck-policy.schema.json', import.meta.url), 'utf8')) as JsonSchema;
const text = JSON.stringify(template('leanix-integration', '2026-11-24T00:00:00Z'), null, 2);

const errorsOf = (t: string) => {
  const r = loadPolicyText(t);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};

describe('paths read back', () => {
  it('inverts formatPath', () => {
    for (const p of [['factSheets', 3, 'values', 'my key'], ['a'], ['roles', 0, 'permissions', 12], ['values', 'x"y\\z'], ['values', '']]) {
      expect(parsePath(formatPath(p))).toEqual(p);
    }
    expect(parsePath('')).toEqual([]);
    expect(parsePath('a[x]')).toBeNull();
  });
});

describe('errors as text ranges', () => {
  it('marks a wrong value where it is written', () => {
    const t = text.replace('"role": "VIEWER"', '"role": "VIEWR"');
    const [e] = errorsOf(t);
    expect(e!.path).toBe('users[2].role');
    const r = rangeOfError(t, e!);
    expect(t.slice(r.from, r.to)).toBe('"VIEWR"');
  });

  it('marks the character of a permission string and the rest of its part', () => {
    const t = text.replace('FACT_SHEET:READ:Application,ITComponent:*', 'FACT_SHEET:REED:Application,ITComponent:*');
    const e = errorsOf(t).find((x) => x.position !== undefined)!;
    const r = rangeOfError(t, e);
    expect(t.slice(r.from, r.to)).toBe('REED');
  });

  it('marks a missing key at its object\u2019s key, an unknown key at the key, a syntax error at its line and column', () => {
    const missing = text.replace('"lxState": "BROKEN_QUALITY_SEAL",', '');
    const e = errorsOf(missing).find((x) => x.path === 'factSheets[1].lxState')!;
    const r = rangeOfError(missing, e);
    expect(missing.slice(r.from, r.to)).toBe('{');
    const unknown = text.replace('"vendor": "PostgreSQL"', '"vendr": "PostgreSQL"');
    const u = errorsOf(unknown)[0]!;
    const ru = rangeOfError(unknown, u);
    expect(unknown.slice(ru.from, ru.to)).toBe('"vendr"');
    const syntax = '{\n  "a": 1,,\n}';
    const s = errorsOf(syntax)[0]!;
    const rs = rangeOfError(syntax, s);
    expect(rs.from).toBeGreaterThan(syntax.indexOf('1'));
    expect(rs.from).toBeLessThan(syntax.length);
  });
});

describe('completion from the JSON Schema', () => {
  it('offers the keys an object does not have yet, with their descriptions', () => {
    const t = '{\n  "format": "sealcheck-policy",\n  "version": 2,\n  "platform": "leanix",\n  \n}';
    const pos = t.indexOf('\n  \n') + 3;
    const c = completionsAt(schema, t, pos)!;
    const labels = c.options.map((o) => o.label);
    expect(labels).toContain('factSheetTypes');
    expect(labels).toContain('settings');
    expect(labels).not.toContain('version');
    expect(labels).not.toContain('datastores');
    expect(c.options.find((o) => o.label === 'factSheetTypes')!.apply).toBe('"factSheetTypes": ');
    expect(c.options.find((o) => o.label === 'asOf')!.info).toMatch(/clock/);
  });

  it('inside a fact sheet, completes a partly typed key in place', () => {
    const t = '{"version": 2, "platform": "leanix", "factSheets": [{"id": "a", "lxSt": "APPROVED"}]}';
    const pos = t.indexOf('lxSt') + 4;
    const c = completionsAt(schema, t, pos)!;
    expect(c.options.map((o) => o.label)).toContain('lxState');
    expect(c.options.map((o) => o.label)).not.toContain('id');
    expect(t.slice(c.from, c.to)).toBe('"lxSt"');
    expect(c.options.find((o) => o.label === 'lxState')!.apply).toBe('"lxState"');
  });

  it('offers the values an enum allows', () => {
    const t = '{"version": 2, "platform": "leanix", "factSheets": [{"lxState": ""}]}';
    const pos = t.indexOf('""') + 1;
    const c = completionsAt(schema, t, pos)!;
    expect(c.options.map((o) => o.label)).toEqual(['"APPROVED"', '"BROKEN_QUALITY_SEAL"', '"DRAFT"', '"REJECTED"']);
    const b = '{"version": 2, "platform": "leanix", "settings": {"notifyActor": }}';
    expect(completionsAt(schema, b, b.indexOf(': }') + 2)!.options.map((o) => o.label)).toEqual(['true', 'false']);
  });
});
