// Policies for the storage tests: the two example fixtures (test/fixtures), read with the real
// validator, and a generated LeanIX workspace of any size built on the example.
import { readFileSync } from 'node:fs';
import { modelSchemas } from '../../src/model/schema';
import type { LeanixPolicy, Policy, QualyticsPolicy } from '../../src/model/schema';
import { loadPolicyText } from '../../src/policy/validate';

const EXAMPLES = new URL('../fixtures/', import.meta.url);

export interface Fixture<P extends Policy = Policy> {
  readonly text: string;
  readonly policy: P;
}

function load<P extends Policy>(text: string): Fixture<P> {
  const loaded = loadPolicyText(text);
  if (!loaded.ok) throw new Error(`fixture does not validate: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  return { text, policy: loaded.policy as P };
}

export function leanixExample(): Fixture<LeanixPolicy> {
  return load(readFileSync(new URL('leanix-example.json', EXAMPLES), 'utf8'));
}

export function qualyticsExample(): Fixture<QualyticsPolicy> {
  return load(readFileSync(new URL('qualytics-example.json', EXAMPLES), 'utf8'));
}

const WORDS = ['Alpha', 'beta', 'GAMMA', 'Delta', 'épsilon', 'Zeta'];

/**
 * The LeanIX example grown to `factSheets` fact sheets (the example's two first,
 * so its scenarios stay valid) and `extraUsers` more users. Names mix case so
 * that prefix search must ignore it; types alternate.
 */
export function largeLeanix(factSheets: number, options: { extraUsers?: number; name?: string; /** false: check the shape only (fast). */ validate?: boolean } = {}): Fixture<LeanixPolicy> {
  const base = JSON.parse(leanixExample().text) as Record<string, unknown> & { factSheets: unknown[]; users: unknown[] };
  const sheets: unknown[] = base.factSheets.slice(0, Math.min(2, factSheets));
  for (let i = sheets.length; i < factSheets; i++) {
    const word = WORDS[Math.floor(i / 3) % WORDS.length]!;
    const id = `fs-${String(i).padStart(6, '0')}`;
    sheets.push(
      i % 3 === 0
        ? { id, type: 'BusinessCapability', name: `${word} capability ${i}`, lxState: 'APPROVED', values: { maturity: String(i % 5) } }
        : {
            id,
            type: 'Application',
            name: `${word} app ${i}`,
            lxState: i % 7 === 0 ? 'BROKEN_QUALITY_SEAL' : 'APPROVED',
            approvedAt: '2026-06-01T00:00:00Z',
            subscriptions: [{ user: 'owner', type: 'RESPONSIBLE' }],
            values: { description: `Application number ${i}`, lifecycle: 'active', cveCount: i % 11 },
          },
    );
  }
  const users = [...base.users];
  for (let i = 0; i < (options.extraUsers ?? 0); i++) {
    users.push(
      i % 4 === 0
        ? { id: `svc-${String(i).padStart(5, '0')}`, kind: 'technical', role: 'MEMBER' }
        : { id: `user-${String(i).padStart(5, '0')}`, kind: 'human', role: i % 2 ? 'VIEWER' : 'MEMBER' },
    );
  }
  const text = `${JSON.stringify({ ...base, name: options.name ?? `Generated ${factSheets}`, factSheets: sheets, users }, null, 2)}\n`;
  // Without the reference checks (fast, for the big benchmark): the shape only.
  if (options.validate === false) return { text, policy: modelSchemas().LeanixPolicySchema.parse(JSON.parse(text)) };
  return load(text);
}
