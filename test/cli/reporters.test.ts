// `sealcheck test --reporter junit|github|json|text` and `--failures-only`, each checked
// against its format: the JUnit XML is parsed (a strict little XML 1.0 reader below), the
// GitHub workflow commands are unescaped as GitHub reads them.
import { describe, expect, it } from 'vitest';
import { LEANIX, QUALYTICS, mutated, sealcheck, write } from './helpers';

// ---------------------------------------------------------------- a strict XML reader

interface Element {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Element[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) throw new Error(`a character XML 1.0 does not allow: ${JSON.stringify(text)}`);
  return text.replace(/&([^;]*);|&/g, (all, name: string | undefined) => {
    if (name === undefined) throw new Error(`a bare & in ${JSON.stringify(text)}`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    if (!(name in ENTITIES)) throw new Error(`unknown entity ${all}`);
    return ENTITIES[name]!;
  });
}

/** Parses an XML document (declaration, elements, attributes in double quotes, text); throws on anything malformed. */
function parseXml(xml: string): Element {
  let at = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  at = decl[0].length;
  const stack: Element[] = [];
  let root: Element | null = null;
  while (at < xml.length) {
    if (xml.startsWith('</', at)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(at));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`unexpected closing tag at ${at}`);
      at += m[0].length;
      continue;
    }
    if (xml[at] === '<') {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(at));
      if (!m) throw new Error(`malformed tag at ${at}: ${xml.slice(at, at + 60)}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"<]*)"/g)) {
        if (a[1]! in attrs) throw new Error(`attribute ${a[1]} twice`);
        attrs[a[1]!] = decode(a[2]!);
      }
      const el: Element = { name: m[1]!, attrs, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('a second root element');
      else root = el;
      if (!m[3]) stack.push(el);
      at += m[0].length;
      continue;
    }
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next < 0 ? undefined : next);
    if (stack.length) stack[stack.length - 1]!.text += decode(text);
    else if (text.trim()) throw new Error('text outside the root element');
    at = next < 0 ? xml.length : next;
  }
  if (stack.length || !root) throw new Error('unclosed elements');
  return root;
}

// ---------------------------------------------------------------- files

const HOSTILE = 'feed <b>&"quoted"\' 100% sure: a, b \u001b[32mgreen\u001b[0m\nnext line';

/** The fixture with its first scenario failing (sealBroken expected false) and named with characters every format escapes. */
const FAILING = write(
  'report-failing.json',
  mutated((p) => {
    p.scenarios[0].expect.sealBroken = false;
    p.scenarios[0].name = HOSTILE;
  }),
);
const INVALID = write('report-invalid.json', mutated((p) => (p.version = 3)));

describe('--reporter junit', () => {
  it('is one <testsuites> root with the totals, a <testsuite> per file, a <testcase> per scenario', async () => {
    const r = await sealcheck(['test', FAILING, QUALYTICS, INVALID, '--reporter', 'junit']);
    expect(r.code).toBe(2);
    const root = parseXml(r.stdout);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '18', failures: '1', errors: '1' });
    expect(root.children.map((c) => c.name)).toEqual(['testsuite', 'testsuite', 'testsuite']);
    const [failing, passing, invalid] = root.children as [Element, Element, Element];
    expect(failing.attrs).toMatchObject({ name: FAILING, tests: '9', failures: '1', errors: '0' });
    expect(passing.attrs).toMatchObject({ name: QUALYTICS, tests: '8', failures: '0' });
    expect(failing.children).toHaveLength(9);
    expect(passing.children).toHaveLength(8);
    for (const c of [...failing.children, ...passing.children]) expect(c.name).toBe('testcase');
    expect(root.children.reduce((n, s) => n + Number(s.attrs.tests), 0)).toBe(Number(root.attrs.tests));
    // the failing scenario: its name escaped, never raw control characters; key, expected and actual
    const bad = failing.children.find((c) => c.children.length)!;
    expect(bad.attrs.name).toBe(HOSTILE.replace(/\u001b/g, '\\u001b').replace(/\n/g, '\\n'));
    const failure = bad.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attrs.message).toBe('sealBroken: expected false, actual true');
    expect(failure.text).toContain('sealBroken: expected false, actual true');
    expect(failure.text).toContain('Allowed · seal breaks — notifies owner; 2 events');
    expect(failure.text).toContain('Why:');
    expect(Number(bad.attrs.line)).toBeGreaterThan(1);
    // the invalid file: a suite with one erroring case listing its errors
    expect(invalid.attrs).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    expect(invalid.children[0]!.children[0]!.name).toBe('error');
    expect(invalid.children[0]!.children[0]!.text).toContain('version');
  });

  it('every passing scenario is a test case without children, with a time', async () => {
    const r = await sealcheck(['test', LEANIX, '--reporter', 'junit']);
    expect(r.code).toBe(0);
    const root = parseXml(r.stdout);
    expect(root.attrs).toMatchObject({ tests: '9', failures: '0', errors: '0' });
    for (const c of root.children[0]!.children) {
      expect(c.children).toEqual([]);
      expect(Number(c.attrs.time)).toBeGreaterThanOrEqual(0);
    }
  });
});

/** A workflow command's message or property as GitHub reads it. */
function unescapeGithub(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('--reporter github', () => {
  it('prints an ::error annotation per failing scenario and per error of an invalid file, escaped as GitHub reads them', async () => {
    const r = await sealcheck(['test', FAILING, QUALYTICS, INVALID, '--reporter', 'github']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('16 passed, 1 failed, 1 invalid file');
    const annotations = lines.slice(0, -1);
    expect(annotations).toHaveLength(2);
    for (const a of annotations) expect(a).toMatch(/^::error [^:]+::/);
    const m = /^::error file=([^,]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$/.exec(annotations[0]!)!;
    expect(m).not.toBeNull();
    expect(unescapeGithub(m[1]!)).toBe(FAILING);
    // the title property escapes `:` and `,`, so the name cannot end the properties early
    expect(unescapeGithub(m[4]!)).toBe(`sealcheck: ${HOSTILE.replace(/\u001b/g, '\\u001b').replace(/\n/g, '\\n')}`);
    const message = unescapeGithub(m[5]!).split('\n');
    expect(message[1]).toBe('sealBroken: expected false, actual true');
    expect(message[2]).toBe('Allowed · seal breaks — notifies owner; 2 events');
    // the line of the scenario in the file
    const text = mutated((p) => {
      p.scenarios[0].expect.sealBroken = false;
      p.scenarios[0].name = HOSTILE;
    });
    const nameLine = text.split('\n').findIndex((l) => l.includes('"feed <b>'));
    expect(Number(m[2])).toBe(nameLine); // the `{` before the name, 1-based
    // an error of an invalid file at the line of what it names
    expect(annotations[1]).toMatch(/^::error file=[^,]+,line=3,col=3,title=sealcheck%3A invalid policy file::version: /);
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it('prints only the summary when everything passes', async () => {
    const r = await sealcheck(['test', LEANIX, QUALYTICS, '--reporter', 'github']);
    expect(r).toEqual({ code: 0, stdout: '17 passed, 0 failed\n', stderr: '' });
  });
});

describe('--failures-only', () => {
  it('text: lists only failing scenarios and the files that have them; the counts stay complete', async () => {
    const r = await sealcheck(['test', FAILING, QUALYTICS, '--failures-only']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('pass ');
    expect(r.stdout).not.toContain(QUALYTICS);
    expect(r.stdout).toContain('FAIL feed <b>');
    expect(r.stdout).toMatch(/^16 passed, 1 failed$/m);
  });

  it('json: only failing scenarios, counts complete', async () => {
    const r = await sealcheck(['test', FAILING, QUALYTICS, '--reporter', 'json', '--failures-only']);
    const out = JSON.parse(r.stdout);
    expect(out.passed).toBe(16);
    expect(out.failed).toBe(1);
    expect(out.files[0].scenarios).toHaveLength(1);
    expect(out.files[0].scenarios[0].name).toBe(HOSTILE);
    expect(out.files[1].scenarios).toEqual([]);
  });
});
