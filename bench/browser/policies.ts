// The policy files the browser benchmark imports: the bulk workload of bench/bulk-workload.ts
// (one technical actor `vuln-sync`, owners, N Application fact sheets `fs-0` … with shared
// subscription/ACL/value pools) written as a policy file. Compact JSON: with two-space
// indentation 100,000 fact sheets are 56.8 MB, over the 50 MB a policy file may have.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_ACTOR, BULK_PATCHES, BULK_TYPE, generateBulk } from '../bulk-workload';

export { BULK_ACTOR, BULK_PATCHES, BULK_TYPE };

export interface PolicyFile {
  readonly path: string;
  readonly name: string;
  readonly factSheets: number;
  readonly users: number;
  readonly bytes: number;
  /** Rows the store writes: one per fact sheet and per user, plus the workspace. */
  readonly rows: number;
  readonly text: string;
}

export function writePolicyFile(dir: string, factSheets: number): PolicyFile {
  mkdirSync(dir, { recursive: true });
  const { policy } = generateBulk(factSheets);
  const name = `browser bench, ${factSheets.toLocaleString('en-US')} fact sheets`;
  // A user holds at most one subscription per fact sheet (the validator refuses a second):
  // the workload's shared subscription lists can name an owner twice, and the first one is kept.
  const sheets = policy.factSheets.map((f) => {
    const seen = new Set<string>();
    const subscriptions = f.subscriptions.filter((s) => !seen.has(s.user) && seen.add(s.user) !== undefined);
    return subscriptions.length === f.subscriptions.length ? f : { ...f, subscriptions };
  });
  const text = `${JSON.stringify({ ...policy, name, factSheets: sheets })}\n`;
  const path = join(dir, `bench-${factSheets}.json`);
  writeFileSync(path, text);
  return { path, name, factSheets, users: policy.users.length, bytes: Buffer.byteLength(text), rows: factSheets + policy.users.length + 1, text };
}
