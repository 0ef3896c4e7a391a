// One verdict language for popup, playground and CLI:
// Allowed · seal kept (green), Allowed · seal breaks (amber), Denied (red).
import type { Fix, Reason } from './reasons';
import { list } from './reasons';

export type Tone = 'kept' | 'breaks' | 'denied' | 'allowed';

export interface Verdict {
  readonly tone: Tone;
  /** `Allowed · seal kept`, `Allowed · seal breaks`, `Denied`, `Allowed`. */
  readonly headline: string;
  /** One short line under the headline: who is notified, what is missing, the status. */
  readonly detail: string;
}

export interface VerdictInput {
  readonly allowed: boolean;
  readonly sealBroken?: boolean;
  readonly notified?: readonly string[];
  readonly events?: readonly string[];
  readonly lxStateBefore?: string | null;
  readonly lxStateAfter?: string | null;
  readonly deniedPaths?: readonly string[];
  readonly status?: number;
  /** False for a type without a quality seal: nothing to keep or break. */
  readonly sealEnabled?: boolean;
  readonly reasons: readonly Reason[];
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

export function verdictOf(outcome: VerdictInput): Verdict {
  if (!outcome.allowed) {
    const missing = outcome.reasons.find((r) => r.kind === 'missing-grant' || r.kind === 'acl' || r.kind === 'expiry' || r.kind === 'rule' || r.kind === 'role' || r.kind === 'team' || r.kind === 'token' || r.kind === 'no-seal-permission' || r.kind === 'request');
    const status = outcome.status !== undefined ? `${outcome.status}: ` : '';
    return { tone: 'denied', headline: 'Denied', detail: status + (missing?.text ?? 'no grant allows it') };
  }
  if (outcome.status !== undefined) return { tone: 'allowed', headline: 'Allowed', detail: `status ${outcome.status}` };
  const events = outcome.events ?? [];
  if (outcome.sealBroken) {
    const notified = outcome.notified ?? [];
    const who = notified.length ? `notifies ${list([...notified])}` : 'notifies no one';
    return { tone: 'breaks', headline: 'Allowed · seal breaks', detail: `${who}; ${plural(events.length, 'event')}` };
  }
  if (outcome.lxStateBefore === null || outcome.lxStateBefore === undefined) {
    return { tone: 'allowed', headline: 'Allowed', detail: outcome.lxStateAfter ? `starts as ${outcome.lxStateAfter}; ${plural(events.length, 'event')}` : plural(events.length, 'event') };
  }
  const state = outcome.lxStateBefore === outcome.lxStateAfter ? `${outcome.lxStateAfter}` : `${outcome.lxStateBefore} → ${outcome.lxStateAfter}`;
  if (outcome.sealEnabled === false) return { tone: 'allowed', headline: 'Allowed', detail: `no quality seal on this type; ${plural(events.length, 'event')}` };
  if (outcome.lxStateBefore === 'APPROVED' && outcome.lxStateAfter === 'APPROVED') {
    return { tone: 'kept', headline: 'Allowed · seal kept', detail: `${state}; ${plural(events.length, 'event')}` };
  }
  return { tone: 'allowed', headline: 'Allowed', detail: `${state}; ${plural(events.length, 'event')}` };
}

/** The whole explanation as lines of text: verdict, reasons, what would change it. */
export function explainLines(v: Verdict, reasons: readonly Reason[], fixes: readonly Fix[] = []): string[] {
  const lines = [`${v.headline} — ${v.detail}`, '', 'Why:'];
  for (const r of reasons) lines.push(`  - ${r.text}`);
  if (fixes.length) {
    lines.push('', 'What would change it:');
    for (const f of fixes) lines.push(`  - ${f.text}`);
  }
  return lines;
}
