// `npx tsx bench/text-write.ts`
//
// A playground write (a scenario added) edited into the stored text in place
// (src/policy/edit-text.ts: validate the wanted model, edit the text, validate the text as
// written and compare) against what the write did before (validate the model, print it
// again with JSON.stringify), measured in the same run, on the example file and on files
// of 2,000 and 20,000 fact sheets; and a write that changes nothing. Median of 7 runs
// (interleaved, so a busy machine slows both alike).
import { readFileSync } from 'node:fs';
import { editPolicyText } from '../src/policy/edit-text';
import { loadPolicyText, validatePolicy } from '../src/policy/validate';
import type { Policy } from '../src/model/schema';

function withSheets(n: number): string {
  const file = JSON.parse(readFileSync(new URL('../examples/leanix-vuln-sync.json', import.meta.url), 'utf8'));
  const sheet = file.factSheets[0];
  file.factSheets = [...file.factSheets, ...Array.from({ length: n - file.factSheets.length }, (_, i) => ({ ...sheet, id: `bench-${i}`, name: `Bench ${i}` }))];
  return `${JSON.stringify(file, null, 2)}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cases: [string, string][] = [
  ['example', readFileSync(new URL('../examples/leanix-vuln-sync.json', import.meta.url), 'utf8')],
  ['2,000 fact sheets', withSheets(2_000)],
  ['20,000 fact sheets', withSheets(20_000)],
];
for (const [label, text] of cases) {
  const loaded = loadPolicyText(text);
  if (!loaded.ok) throw new Error(`${label}: ${loaded.errors[0]?.message}`);
  const p = loaded.policy;
  if (p.platform !== 'leanix') throw new Error('a LeanIX file');
  const wanted: Policy = { ...p, scenarios: [...p.scenarios, { name: 'bench reads', actor: p.users[0]!.id, operation: { op: 'read', factSheet: p.factSheets[0]!.id }, expect: { allowed: true } }] };
  const before = () => {
    const c = validatePolicy(wanted);
    if (!c.ok) throw new Error('invalid');
    return `${JSON.stringify(c.policy, null, 2)}\n`;
  };
  const inPlace = () => {
    const r = editPolicyText(text, p, wanted);
    if (!r.ok || !r.changed) throw new Error('not written');
    return r.text;
  };
  const unchanged = () => editPolicyText(text, p, p);
  const times: Record<string, number[]> = { before: [], inPlace: [], unchanged: [] };
  for (let i = 0; i < 8; i++) {
    for (const [k, f] of [['before', before], ['inPlace', inPlace], ['unchanged', unchanged]] as const) {
      const t = performance.now();
      f();
      if (i > 0) times[k]!.push(performance.now() - t);
    }
  }
  const b = median(times.before!);
  const n = median(times.inPlace!);
  console.log(`${label} (${(text.length / 1024).toFixed(0)} kB): before ${b.toFixed(1)} ms, in place ${n.toFixed(1)} ms (${(n / b).toFixed(2)}x), a write that changes nothing ${median(times.unchanged!).toFixed(1)} ms`);
}
