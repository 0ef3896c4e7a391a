// Words for a LeanIX decision: turns a trace from `decide.ts` into the reasons people
// read and the fixes that would flip it. The only place where a LeanIX decision
// becomes prose; the CLI, the popup and the playground all show these sentences.
import { day, list } from '../reasons';
import type { Fix, Reason } from '../reasons';
import { need } from './decide';
import type { Emptying, GrantHolder, LeanixTrace, Missing, Need, PatchTrace, SealHolder, SealPatchProblem } from './decide';
import type { MandatorySubscription, Renewal } from '../../model/schema';

type Actor = LeanixTrace['actor'];

function holderText(actor: Actor, holder: GrantHolder, n: Need, label: string): string {
  if (holder.by === 'admin') return `${actor.id} is ADMIN: it may ${n.action} ${label}`;
  if (holder.by === 'unnamed') return `${actor.id} may ${n.action} ${label}`;
  const who = holder.builtin ? `${holder.role} (standard role)` : holder.role;
  return `${who} grants ${n.action} on ${label} (${holder.source})`;
}

/** `vuln-sync's customer role VULN_SYNC grants no`, `a's customer roles X and Y grant no`. */
function grantsNo(actor: Actor): string {
  const roles = actor.customerRoles;
  if (!roles.length) return `${actor.id}'s standard role ${actor.role} grants no`;
  return `${actor.id}'s customer role${roles.length === 1 ? ' ' : 's '}${list(roles)} ${roles.length === 1 ? 'grants' : 'grant'} no`;
}

function sealHolderText(actor: Actor, sheetName: string, holder: SealHolder): string {
  const prefix = `${actor.id} holds the seal permission on ${sheetName}`;
  if (holder.by === 'admin') return `${prefix}: ADMIN`;
  if (holder.by === 'subscription') return `${prefix}: its ${holder.type} subscriber with standard role ${holder.role}`;
  const by = holder.holder.by === 'grant' ? `${holder.holder.role} grants ${holder.holder.source}` : 'a grant of UPDATE on lxState';
  return `${prefix}: ${by}`;
}

function noSealText(trace: LeanixTrace, sheetName: string): string {
  const sub = trace.seal.subscription;
  const subscriber = sub ? `its ${sub} subscriber but with standard role VIEWER` : 'not its responsible or accountable subscriber';
  return `${trace.actor.id} holds no seal permission on ${sheetName}: not ADMIN, ${subscriber}, no grant on lxState`;
}

// ---------------------------------------------------------------- fixes

/** The grant to add: to the actor's first customer role, or a new one cloned from its standard role. */
function grantFix(actor: Actor, permission: string, consequence = ''): Fix {
  const first = actor.customerRoles[0] ?? null;
  const text = first
    ? `add ${permission} to ${first}, a customer role of ${actor.id}${consequence}`
    : `give ${actor.id} a customer role cloned from ${actor.role} with ${permission}${consequence}`;
  return { kind: 'grant', text, permission, role: first };
}

function gateFixes(trace: LeanixTrace): Fix[] {
  const fixes: Fix[] = [];
  const { acl, expired } = trace.gate;
  if (acl) fixes.push({ kind: 'ace', text: `give ${trace.actor.id} one of the access control entities ${list(acl.entities, 'or')}`, aces: [...acl.entities] });
  if (expired) fixes.push({ kind: 'expiry', text: `extend the expiry of the technical user ${expired.user} beyond ${day(trace.at)}`, user: expired.user });
  return fixes;
}

/** Exempt what the update touches from the type's seal: its edits then never break it, whoever makes them. */
function exemptFix(trace: LeanixTrace): Fix | null {
  const fields: string[] = [];
  const relations: string[] = [];
  for (const p of trace.patches) {
    if (!p.sealRelevant) continue;
    const into = p.target.kind === 'relation' ? relations : p.target.kind === 'base field' || p.target.kind === 'attribute' ? fields : null;
    if (!into) return null; // documents and tags cannot be exempted
    if (!into.includes(p.target.qualifier)) into.push(p.target.qualifier);
  }
  const what = list([...fields, ...relations]);
  return {
    kind: 'exempt',
    text: `exempt ${what} from the seal of ${trace.type} (its ignoreUpdatesFor${relations.length && !fields.length ? 'Relations' : 'Fields'}); edits of ${fields.length + relations.length === 1 ? 'it' : 'them'} by anyone then keep the seal`,
    type: trace.type,
    fields,
    relations,
  };
}

function sealGrant(trace: LeanixTrace): string {
  return need('FACT_SHEET_BASE_FIELDS', 'UPDATE', trace.type, 'lxState').permission;
}

// ---------------------------------------------------------------- reasons

const UNIT_WORD: Record<Renewal['unit'], string> = { SECONDS: 'second', MINUTES: 'minute', HOURS: 'hour', DAYS: 'day' };

/** `365 days`, `1 hour`. */
function renewalText(r: Renewal): string {
  return `${r.value} ${UNIT_WORD[r.unit]}${r.value === 1 ? '' : 's'}`;
}

/** The day, or the minute for renewals shorter than days. */
function when(ms: number, r: Renewal): string {
  return r.unit === 'DAYS' ? day(ms) : new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function subscriptionText(m: MandatorySubscription): string {
  const article = m.type === 'RESPONSIBLE' ? 'a' : 'an';
  return m.role === undefined ? `${article} ${m.type} subscriber` : `${article} ${m.type} subscriber with role ${m.role}`;
}

/** What an approval still lacks, as sentences after `/lxState: `. */
function missingTexts(m: Missing): string[] {
  const out: string[] = [];
  if (m.fields.length) out.push(`approval needs every mandatory field filled; ${list(m.fields)} ${m.fields.length === 1 ? 'is' : 'are'} empty`);
  for (const r of m.relations) out.push(`approval needs a target for the mandatory relation ${r} (or mark it "leave empty")`);
  for (const s of m.subscriptions) out.push(`approval needs ${subscriptionText(s)}`);
  return out;
}

/** What the platform asks for before a mandatory value may be emptied. */
function sealFirst(trace: LeanixTrace): string {
  const seal = trace.seal;
  if (seal.draftEnabled) return 'set the seal to DRAFT first';
  const ways = [...(seal.lockWhenBroken ? [] : ['break the seal (BROKEN_QUALITY_SEAL)']), ...(seal.rejectedEnabled ? ['reject it'] : [])];
  return ways.length ? `${list(ways, 'or')} first` : `no seal state of ${trace.type} allows emptying it`;
}

function emptyingText(trace: LeanixTrace, p: PatchTrace, e: Emptying): string {
  const state = trace.lxStateBefore === 'APPROVED' ? 'approved' : 'broken and mandatory values stay locked';
  const name = trace.factSheet!.name;
  const what =
    e.kind === 'field'
      ? `${p.target.label} is mandatory`
      : e.kind === 'relation'
        ? `it leaves the mandatory relation ${e.relation} without a target`
        : `it removes the last ${subscriptionText(e.mandatory).replace(/^an? /, '')}, which is mandatory`;
  return `${p.path}: ${what} and ${name} is ${state}: it may be edited but not emptied, by anyone (ADMIN included); ${sealFirst(trace)}`;
}

function gateReasons(trace: LeanixTrace): Reason[] {
  const out: Reason[] = [];
  const { acl, expired } = trace.gate;
  if (expired) out.push({ kind: 'expiry', text: `the technical user ${expired.user} expired on ${day(expired.expiresAt)}: it is denied everything` });
  if (acl) {
    const held = acl.held.length ? `holds only ${list(acl.held)}` : 'holds no access control entity';
    const name = trace.factSheet!.name;
    out.push({ kind: 'acl', text: `${name} may be ${acl.mode === 'read' ? 'read' : 'written'} only by holders of ${list(acl.entities, 'or')}; ${trace.actor.id} ${held}` });
  }
  return out;
}

function clockReasons(trace: LeanixTrace): Reason[] {
  const clock = trace.seal.clock;
  if (!clock) return [];
  return [
    {
      kind: 'clock',
      text: `the seal of ${trace.factSheet!.name} was approved on ${day(clock.approvedAt)} and expires after ${renewalText(clock.renewal)} (${when(clock.expiredAt, clock.renewal)}): it is already broken`,
    },
  ];
}

const SEAL_PROBLEM: Record<Exclude<SealPatchProblem, 'mandatory-missing'>, (type: string) => string> = {
  disabled: (type) => `${type} has no quality seal to set`,
  remove: () => 'the seal state cannot be removed',
  'draft-not-enabled': (type) => `the DRAFT state is not enabled for ${type}`,
  'rejected-not-enabled': (type) => `the REJECTED state is not enabled for ${type}`,
};

/** The reasons and fixes of one patch, judged on its own. */
function patchWords(trace: LeanixTrace, p: PatchTrace, reasons: Reason[], fixes: Fix[]): void {
  const name = trace.factSheet!.name;
  if (p.seal) {
    const problem = p.seal.problem;
    if (problem === 'mandatory-missing') {
      for (const text of missingTexts(p.seal.missing!)) reasons.push({ kind: 'rule', text: `/lxState: ${text}` });
    } else if (problem) reasons.push({ kind: 'rule', text: `/lxState: ${SEAL_PROBLEM[problem](trace.type)}` });
    const holder = trace.seal.holder;
    if (holder) reasons.push({ kind: 'seal-permission', text: `/lxState: ${sealHolderText(trace.actor, name, holder)}` });
    else {
      reasons.push({ kind: 'no-seal-permission', text: `/lxState: ${noSealText(trace, name)}` });
      fixes.push(grantFix(trace.actor, sealGrant(trace)));
    }
    return;
  }
  if (p.empties) reasons.push({ kind: 'rule', text: emptyingText(trace, p, p.empties) });
  const n = p.need!;
  if (p.holder) reasons.push({ kind: 'grant', text: `${p.path}: ${holderText(trace.actor, p.holder, n, p.target.label)}` });
  else {
    reasons.push({ kind: 'missing-grant', text: `${p.path}: ${grantsNo(trace.actor)} ${n.action} on ${p.target.label} (needs ${n.permission})` });
    fixes.push(grantFix(trace.actor, n.permission));
  }
  if (p.exempt && trace.seal.enabled) reasons.push({ kind: 'seal', text: `${p.path}: ${p.target.qualifier} is exempt from the seal of ${trace.type}: editing it never breaks the seal` });
}

function wholeWords(trace: LeanixTrace): { reasons: Reason[]; fixes: Fix[] } {
  const n = trace.need!;
  const label = `${trace.type} fact sheets`;
  const reasons = clockReasons(trace);
  const gate = gateReasons(trace);
  if (gate.length) return { reasons: [...reasons, ...gate], fixes: gateFixes(trace) };
  if (!trace.holder) {
    reasons.push({ kind: 'missing-grant', text: `${grantsNo(trace.actor)} ${n.action} on ${label}` });
    return { reasons, fixes: [grantFix(trace.actor, n.permission)] };
  }
  reasons.push({ kind: 'grant', text: holderText(trace.actor, trace.holder, n, label) });
  if (trace.operation === 'create' && trace.allowed) {
    const seal = trace.seal;
    reasons.push({
      kind: 'seal',
      text: `a new ${trace.type} starts as ${trace.lxStateAfter}: its seal is ${seal.enabled ? 'enabled' : 'disabled'} and the draft state ${seal.draftEnabled ? 'enabled' : 'not enabled'}`,
    });
  }
  return { reasons, fixes: [] };
}

function updateWords(trace: LeanixTrace): { reasons: Reason[]; fixes: Fix[] } {
  const reasons = clockReasons(trace);
  const patchReasons: Reason[] = [];
  const fixes: Fix[] = [];
  // the patches are judged even behind a closed gate, so that the fixes name every grant still missing
  for (const p of trace.patches) patchWords(trace, p, patchReasons, fixes);
  const gate = gateReasons(trace);
  if (gate.length) return { reasons: [...reasons, ...gate], fixes: [...gateFixes(trace), ...fixes] };
  reasons.push(...patchReasons);
  if (!trace.allowed) {
    reasons.push({ kind: 'rule', text: 'an update is atomic: one denied patch denies it all, nothing changes' });
    return { reasons, fixes };
  }
  const name = trace.factSheet!.name;
  const seal = trace.seal;
  if (!seal.enabled) {
    reasons.push({ kind: 'seal', text: `${trace.type} has no quality seal: the state is kept as stored, nothing breaks` });
    return { reasons, fixes };
  }
  if (seal.broken) {
    if (seal.broken === 'edit') {
      reasons.push({ kind: 'no-seal-permission', text: noSealText(trace, name) });
      reasons.push({ kind: 'seal', text: `the update touches ${list(seal.relevant)} of approved ${name} without the seal permission: the seal breaks` });
      fixes.push(grantFix(trace.actor, sealGrant(trace), ` (it may then also set seals of ${trace.type})`));
      if (trace.actor.role !== 'VIEWER') fixes.push({ kind: 'subscription', text: `subscribe ${trace.actor.id} to ${name} as RESPONSIBLE`, factSheet: trace.factSheet!.id });
      const exempt = exemptFix(trace);
      if (exempt) fixes.push(exempt);
    } else {
      reasons.push({ kind: 'seal', text: `${trace.actor.id} sets the seal of approved ${name} to BROKEN_QUALITY_SEAL` });
    }
    const notified = trace.notified;
    reasons.push({
      kind: 'seal',
      text: notified.length
        ? `${list(notified)} ${notified.length === 1 ? 'is' : 'are'} notified as responsible or accountable subscriber${notified.length === 1 ? '' : 's'}`
        : `${name} has no responsible or accountable subscriber to notify`,
    });
    return { reasons, fixes };
  }
  const approved = trace.lxStateBefore === 'APPROVED';
  if (approved && seal.relevant.length > 0 && seal.holder) {
    reasons.push({ kind: 'seal-permission', text: sealHolderText(trace.actor, name, seal.holder) });
    reasons.push({ kind: 'seal', text: `an edit by a holder of the seal permission keeps the seal of ${name}` });
  } else if (approved && !seal.sets) {
    reasons.push({
      kind: 'seal',
      text: `the update touches no seal-relevant path (subscriptions, comments, metrics and surveys never break a seal${seal.tagsBreakSeal ? '' : '; tags do not on ' + trace.type}): the seal is kept`,
    });
  } else if (!approved && !seal.sets) {
    reasons.push({ kind: 'seal', text: `${name} is ${trace.lxStateBefore}, not approved: there is no seal to break` });
  }
  return { reasons, fixes };
}

/** The reasons and fixes of a decision, in the order people read them. */
export function renderLeanix(trace: LeanixTrace): { reasons: Reason[]; fixes: Fix[] } {
  return trace.operation === 'update' ? updateWords(trace) : wholeWords(trace);
}
