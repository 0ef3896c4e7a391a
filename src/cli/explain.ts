// `sealcheck explain FILE --scenario NAME`: the whole reasoning behind one scenario.
import type { Scenario } from '../model/schema';
import { suggestion } from '../model/words';
import { compile, runScenario } from '../engine/scenarios';
import { explainLines } from '../engine/verdict';
import type { Io } from './io';
import { fileLabel, loadFile, printErrors } from './io';
import { count, safe, showValue } from './text';

export type Found =
  | { readonly ok: true; readonly name: string }
  /** `names`: the ones to list; `more`: how many more there are. */
  | { readonly ok: false; readonly message: string; readonly names: readonly string[]; readonly more: number };

const MAX_LISTED = 10;

/**
 * The scenario `asked` names: its exact name; else the one name that holds `asked` (any
 * letter case). Otherwise the names that hold it, or the closest names.
 */
export function findScenario(names: readonly string[], asked: string): Found {
  if (names.includes(asked)) return { ok: true, name: asked };
  const lower = asked.toLowerCase();
  const same = names.filter((n) => n.toLowerCase() === lower);
  if (same.length === 1) return { ok: true, name: same[0]! };
  const holding = names.filter((n) => n.toLowerCase().includes(lower));
  if (holding.length === 1) return { ok: true, name: holding[0]! };
  if (holding.length > 1) return { ok: false, message: `\`${safe(asked)}\` is part of ${holding.length} scenario names; give more of the one you mean`, names: holding.slice(0, MAX_LISTED), more: Math.max(0, holding.length - MAX_LISTED) };
  // the closest names, nearest first, by the same measure as "did you mean"
  const closest: string[] = [];
  let rest = [...new Set(names)];
  while (closest.length < 5) {
    const hint = /^; did you mean `([\s\S]*)`\?$/.exec(suggestion(asked, rest))?.[1];
    if (hint === undefined) break;
    closest.push(hint);
    rest = rest.filter((n) => n !== hint);
  }
  if (!closest.length) {
    // nothing within a few letters: the names sharing the most words with the question
    const words = new Set(lower.split(/\W+/).filter((w) => w.length > 1));
    const shared = (n: string) => n.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length;
    const ranked = rest.map((n) => ({ n, k: shared(n) })).filter((x) => x.k > 0);
    ranked.sort((a, b) => b.k - a.k);
    closest.push(...ranked.slice(0, 5).map((x) => x.n));
  }
  if (closest.length) return { ok: false, message: `no scenario named \`${safe(asked)}\`; the closest names`, names: closest, more: 0 };
  return { ok: false, message: `no scenario named \`${safe(asked)}\`${names.length ? '; its scenarios' : ''}`, names: names.slice(0, MAX_LISTED), more: Math.max(0, names.length - MAX_LISTED) };
}

export async function explainCommand(io: Io, file: string, asked: string): Promise<number> {
  const loaded = await loadFile(file, io);
  if (!loaded.ok) {
    printErrors(io, file, loaded.errors);
    return 2;
  }
  const scenarios: readonly Scenario[] = loaded.policy.scenarios;
  const found = findScenario(
    scenarios.map((x) => x.name),
    asked,
  );
  if (!found.ok) {
    io.err(`${fileLabel(file)}: ${found.message}${found.names.length ? ':' : ''}`);
    for (const name of found.names) io.err(`  ${safe(name)}`);
    if (found.more) io.err(`  … ${count(found.more)} more`);
    if (!scenarios.length) io.err(`${fileLabel(file)} has no scenarios`);
    return 2;
  }
  const scenario = scenarios.find((x) => x.name === found.name)!;
  const r = runScenario(compile(loaded.policy), scenario);
  io.out(`${safe(r.name)}: ${r.passed ? 'pass' : 'FAIL'}`);
  for (const line of explainLines(r.verdict, r.reasons, r.fixes)) io.out(safe(line));
  io.out('');
  io.out('Actual:');
  for (const [key, value] of Object.entries(r.actual)) {
    const expected = key in r.expected ? `   (expected ${showValue(r.expected[key])})` : '';
    io.out(`  ${safe(key)}: ${showValue(value)}${expected}`);
  }
  return r.passed ? 0 : 1;
}
