// The reverse question, which the platform does not answer: for one fact sheet and every
// user, would an edit keep its seal, break it, or be denied; who may approve it; who is
// notified when it breaks; who cannot touch it. Pure: every answer comes from the
// decision core (planUpdate/judge for the outcome, sealHolderOn for how a user keeps the
// seal, notifiedOn for who hears of a break, evaluateLeanix for the words of a denial),
// so the CLI and the playground say what `explain` says.
import type { FactSheet, Patch } from '../../model/schema';
import { BASE_FIELDS, SECTIONS } from '../../model/vocabulary';
import type { LxState } from '../../model/vocabulary';
import { verdictOf } from '../verdict';
import { advisedPatches } from './advise';
import type { CompiledLeanix, CompiledType, CompiledUser } from './compile';
import { SHEET_ALLOWED, SHEET_BROKEN, judge, notifiedOn, planUpdate, sealHolderOn, stateAfter, stateAfterClock, stateBefore } from './decide';
import type { SealHolder } from './decide';
import { evaluateLeanix } from './evaluate';

/** What an edit by the user does: keeps an approved seal, breaks it, is allowed with no approved seal to keep, or is denied. */
export type EditAnswer = 'keeps' | 'breaks' | 'allowed' | 'denied';

export interface WhoUser {
  readonly user: string;
  /** The paths of the edit judged: the ones asked for, or every seal-relevant one the user may write. */
  readonly paths: readonly string[];
  readonly edit: EditAnswer;
  /** How the user holds the seal permission on the fact sheet; null: it does not. */
  readonly sealHolder: SealHolder | null;
  /** For an edit that breaks the seal: who is notified. */
  readonly notified: readonly string[];
  /** It may set `/lxState` to APPROVED (mandatory values included). */
  readonly approve: boolean;
  /** For a denied edit: the verdict's words, as `explain` gives them. */
  readonly editDetail: string | null;
  /** For a denied approval: the verdict's words. */
  readonly approveDetail: string | null;
}

export interface WhoQuestion {
  readonly factSheet: string;
  /** The paths the edit replaces; default: per user, every seal-relevant path it may write. */
  readonly paths?: readonly string[];
  /** The decision's time (ms). */
  readonly at: number;
}

export interface WhoAnswer {
  readonly factSheet: { readonly id: string; readonly name: string; readonly type: string };
  readonly at: number;
  /** The seal state now, after the renewal clock. */
  readonly lxState: LxState;
  readonly sealEnabled: boolean;
  /** The paths asked for; null: per user. */
  readonly paths: readonly string[] | null;
  /** Every user, in file order. */
  readonly users: readonly WhoUser[];
  readonly keeps: readonly string[];
  readonly breaks: readonly string[];
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  readonly approvers: readonly string[];
  /** Who a break notifies (the one who breaks it only where `settings.notifyActor`). */
  readonly notified: readonly string[];
  /** Users whose edit is denied and who may not approve. */
  readonly untouchable: readonly string[];
}

/** Every path whose `replace` a user could write on the type: base fields (not the seal), attributes, relations, sections. */
function candidatePaths(type: CompiledType): string[] {
  const t = type.type;
  return [...BASE_FIELDS.filter((f) => f !== 'lxState'), ...t.fields, ...t.relations, ...SECTIONS].map((name) => `/${name}`);
}

const APPROVE: readonly Patch[] = [{ op: 'replace', path: '/lxState', value: 'APPROVED' }];

/**
 * For every user of the workspace: the edit's answer and whether it may approve. Throws on
 * an unknown fact sheet (check the question first: `checkQuestion`).
 */
export function whoAnswers(ws: CompiledLeanix, q: WhoQuestion): WhoAnswer {
  const sheet = ws.factSheets.get(q.factSheet);
  if (!sheet) throw new Error(`unknown fact sheet \`${q.factSheet}\``);
  const type = ws.types.get(sheet.type)!;
  const at = q.at;
  const candidates = advisedPatches(candidatePaths(type));
  const asked = q.paths ? advisedPatches(q.paths) : null;
  const users: WhoUser[] = [];
  for (const user of ws.users.values()) users.push(answerFor(ws, user, sheet, type, asked, candidates, at));
  const ids = (pred: (u: WhoUser) => boolean) => users.filter(pred).map((u) => u.user);
  return {
    factSheet: { id: sheet.id, name: sheet.name, type: sheet.type },
    at,
    lxState: stateAfterClock(sheet, type, at).state,
    sealEnabled: type.type.qualitySeal.enabled,
    paths: q.paths ? [...q.paths] : null,
    users,
    keeps: ids((u) => u.edit === 'keeps'),
    breaks: ids((u) => u.edit === 'breaks'),
    allowed: ids((u) => u.edit === 'allowed'),
    denied: ids((u) => u.edit === 'denied'),
    approvers: ids((u) => u.approve),
    // no user has the empty id: everyone a break by anyone notifies
    notified: notifiedOn(sheet, '', ws.settings.notifyActor),
    untouchable: ids((u) => u.edit === 'denied' && !u.approve),
  };
}

function answerFor(ws: CompiledLeanix, user: CompiledUser, sheet: FactSheet, type: CompiledType, asked: readonly Patch[] | null, candidates: readonly Patch[], at: number): WhoUser {
  let patches = asked;
  if (!patches) {
    // every path whose edit can break the seal (seal-relevant, not exempt) and whose grant the user holds
    const plan = planUpdate(ws, user, candidates, type, at);
    patches = plan.patches.filter((p) => p.sealRelevant && p.granted).map((p) => p.patch);
  }
  const id = user.user.id;
  const words = (ps: readonly Patch[]) => verdictOf(evaluateLeanix(ws, id, { op: 'update', factSheet: sheet.id, patches: [...ps] }, at)).detail;
  let edit: EditAnswer;
  let editDetail: string | null = null;
  let notified: string[] = [];
  if (!patches.length) {
    // it may write nothing that touches the seal: the words for the writes it lacks
    const relevant = planUpdate(ws, user, candidates, type, at).patches.filter((p) => p.sealRelevant).map((p) => p.patch);
    edit = 'denied';
    editDetail = relevant.length ? words(relevant) : `every field, relation and section of ${type.type.name} is exempt from its seal`;
  } else {
    const code = judge(planUpdate(ws, user, patches, type, at), sheet);
    if (!(code & SHEET_ALLOWED)) {
      edit = 'denied';
      editDetail = words(patches);
    } else if (code & SHEET_BROKEN) {
      edit = 'breaks';
      notified = notifiedOn(sheet, id, ws.settings.notifyActor);
    } else edit = type.type.qualitySeal.enabled && stateBefore(code) === 'APPROVED' && stateAfter(code) === 'APPROVED' ? 'keeps' : 'allowed';
  }
  const approve = (judge(planUpdate(ws, user, APPROVE, type, at), sheet) & SHEET_ALLOWED) !== 0;
  return {
    user: id,
    paths: patches.map((p) => p.path),
    edit,
    sealHolder: sealHolderOn(ws, user, sheet, type),
    notified,
    approve,
    editDetail,
    approveDetail: approve ? null : words(APPROVE),
  };
}
