// Re-reading one LeanIX fact sheet live (the popup's opt-in before a verdict): the
// token exchange, the data model (for the kinds of the attributes the query selects
// and what the data model still has), one GraphQL query for that fact sheet, and its
// approval time when the stored type has a renewal. The requests and the mapping are
// the pull's own (http.ts, leanix-sheets.ts); the fact sheet is mapped for the stored
// model: only the fields and relations the stored type declares are kept. Pure: the
// fetch and the clock are given; never throws; the token never appears in the result.
import type { FactSheet, LeanixPolicy } from '../model/schema';
import { describeFailure, fail, failureOf, redactFailure } from './failure';
import { baseOrigin, createRequester } from './http';
import type { ApiRequest, Authorizer, Counters } from './http';
import { LEANIX_PATHS, tokenRequest } from './leanix';
import { graphqlErrors, mapDataModel } from './leanix-model';
import type { RoleDraft, SubRoles, TypeDraft } from './leanix-model';
import { PENDING, factSheetSelection, mapSheet } from './leanix-sheets';
import { Notes } from './notes';
import { asObject, at, isObject, obj, optObj, optTime, isoSeconds, str, top } from './read';
import { systemClock } from './types';
import type { Clock, FetchLike, PullFailure, PullNote } from './types';

/** What of the stored workspace the re-read needs: the fact sheet's type, the users and the subscription roles. */
export type StoredModel = Pick<LeanixPolicy, 'factSheetTypes' | 'users' | 'subscriptionRoles'>;

export interface ReadOneOptions {
  /** The workspace's base URL (its origin), e.g. `https://acme.leanix.net`: `https`, or `http` on a loopback host. */
  readonly url: string;
  /** The API token: sent in the token exchange only, never in a result. */
  readonly token: string;
  readonly fetch: FetchLike;
  /** The fact sheet's id. */
  readonly id: string;
  /** Its type in the stored model. */
  readonly type: string;
  readonly model: StoredModel;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
}

/** Why a re-read failed: a pull's failure, or what only a single fact sheet can run into. */
export type ReadOneFailure =
  | PullFailure
  | { readonly kind: 'not-found'; readonly id: string }
  | { readonly kind: 'other-type'; readonly id: string; readonly live: string; readonly stored: string }
  | { readonly kind: 'no-type'; readonly type: string };

export type ReadOneResult =
  | {
      readonly ok: true;
      /** The fact sheet as the platform has it now, shaped for the stored model. */
      readonly factSheet: FactSheet;
      /** When it was read (whole seconds, UTC). */
      readonly readAt: string;
      /** What the mapping dropped or assumed. */
      readonly notes: readonly PullNote[];
    }
  | { readonly ok: false; readonly failure: ReadOneFailure };

export const READ_ONE_QUERY_NAME = 'SealcheckReadOne';

/** The GraphQL query for one fact sheet by id, selecting what the pull selects. */
export function oneFactSheetQuery(types: readonly Pick<TypeDraft, 'name' | 'selectFields' | 'selectRelations' | 'fieldKinds'>[]): string {
  return `query ${READ_ONE_QUERY_NAME}($id: ID!) { factSheet(id: $id) { ${factSheetSelection(types)} } }`;
}

/** One line naming why a re-read failed. */
export function describeReadFailure(failure: ReadOneFailure): string {
  switch (failure.kind) {
    case 'not-found':
      return `LeanIX has no fact sheet \`${failure.id}\` (deleted, or not visible to the token)`;
    case 'other-type':
      return `the fact sheet \`${failure.id}\` is of type \`${failure.live}\` on LeanIX but of type \`${failure.stored}\` in the workspace: pull the workspace again`;
    case 'no-type':
      return `the LeanIX data model has no type \`${failure.type}\` any more: pull the workspace again`;
    default:
      return describeFailure(failure);
  }
}

/** A failure thrown inside the re-read: the pull's carrier, or one of ours. */
class ReadOneStop {
  constructor(readonly failure: ReadOneFailure) {}
}

function stop(failure: ReadOneFailure): never {
  throw new ReadOneStop(failure);
}

/** Re-reads one LeanIX fact sheet. Never throws. */
export async function readOneFactSheet(options: ReadOneOptions): Promise<ReadOneResult> {
  const clock = options.clock ?? systemClock;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let auth: Exchange | null = null;
  try {
    if (options.signal?.aborted) fail({ kind: 'cancelled' });
    const origin = baseOrigin(options.url);
    const stored = options.model.factSheetTypes.find((t) => t.name === options.type);
    if (!stored) return fail({ kind: 'internal', message: `no type \`${options.type}\` in the stored model` });
    auth = new Exchange(options.token, () => requester);
    const counters: Counters = { requests: 0, responses: 0, retries: 0 };
    const requester = createRequester({ kind: 'network', url: origin, token: options.token, fetch: options.fetch }, origin, clock, controller.signal, 1, auth, counters);
    const notes = new Notes();

    // The data model: the attributes' kinds (object values need a sub-selection) and what it still has.
    const dataModelName = `GET ${LEANIX_PATHS.dataModel} (dataModel.json)`;
    const dataModel = await requester({ method: 'GET', path: LEANIX_PATHS.dataModel, file: 'dataModel.json', auth: 'bearer' });
    const live = mapDataModel(dataModel, top(dataModelName), undefined, notes).find((t) => t.name === stored.name);
    if (!live) stop({ kind: 'no-type', type: stored.name });
    const type = forStoredType(live, stored, notes);

    const query = oneFactSheetQuery([type]);
    const request: ApiRequest = {
      method: 'POST',
      path: LEANIX_PATHS.graphql,
      file: 'factSheet.json',
      body: JSON.stringify({ query, variables: { id: options.id } }),
      contentType: 'application/json',
      auth: 'bearer',
    };
    const requestName = `POST ${LEANIX_PATHS.graphql} (factSheet.json)`;
    const answer = await requester(request);
    const readAtMs = Math.floor(clock.now() / 1000) * 1000;
    const where = top(requestName);
    const root = asObject(answer, where);
    const data = isObject(root.data) ? root.data : undefined;
    const node = data ? data.factSheet : undefined;
    if (data && node === null) {
      // LeanIX answers an unknown id with `factSheet: null` (and an error saying so); a refused read is a GraphQL error.
      const messages = Array.isArray(root.errors) ? root.errors.map((e) => (isObject(e) && typeof e.message === 'string' ? e.message : '')) : [];
      if (messages.length === 0 || messages.some((m) => /not\s*(be\s*)?found|does not exist|no fact ?sheet/i.test(m))) stop({ kind: 'not-found', id: options.id });
    }
    graphqlErrors(root, where);
    const dataWhere = at(where, 'data');
    const sheetNode = obj(obj(root, 'data', where), 'factSheet', dataWhere);
    const nodeWhere = at(dataWhere, 'factSheet');
    const liveType = str(sheetNode, 'type', nodeWhere);
    if (liveType !== stored.name) stop({ kind: 'other-type', id: options.id, live: liveType, stored: stored.name });
    const users = new Set(options.model.users.map((u) => u.id));
    const sheet = mapSheet(sheetNode, nodeWhere, new Map([[type.name, type]]), users, subRolesOf(options.model), notes);
    if (!sheet) return fail({ kind: 'internal', message: 'the fact sheet was left out by the mapping' });
    if (sheet.id !== options.id) return fail({ kind: 'misfit', request: requestName, path: 'data.factSheet.id', message: `expected \`${options.id}\`, found \`${sheet.id}\`` });

    let approvedAt: string | null = null;
    if (sheet.approvedAt === PENDING) {
      const path = LEANIX_PATHS.factSheet(options.id);
      const file = `factSheet-${options.id}.json`;
      const approval = await requester({ method: 'GET', path, file, auth: 'bearer', optional: true });
      if (approval !== undefined) {
        const approvalWhere = top(`GET ${path} (${file})`);
        const approvalData = optObj(asObject(approval, approvalWhere), 'data', approvalWhere);
        approvedAt = approvalData ? optTime(approvalData, 'approvedAt', at(approvalWhere, 'data')) : null;
      }
      if (approvedAt === null) {
        notes.add('approved fact sheets without an approval time, read as approved at the time of the re-read', options.id);
        approvedAt = isoSeconds(readAtMs);
      }
    }
    const factSheet: FactSheet = {
      id: sheet.id,
      type: sheet.type,
      name: sheet.name,
      lxState: sheet.lxState,
      approvedAt,
      subscriptions: (sheet.subscriptions ?? []).map((s) => ({ user: s.user, type: s.type, roles: s.roles ?? [] })),
      permittedReadACL: sheet.permittedReadACL ?? [],
      permittedWriteACL: sheet.permittedWriteACL ?? [],
      values: (sheet.values ?? {}) as FactSheet['values'],
      relations: sheet.relations ?? {},
      naFields: sheet.naFields ?? [],
    };
    return { ok: true, factSheet, readAt: isoSeconds(readAtMs), notes: notes.list() };
  } catch (thrown) {
    const failure: ReadOneFailure = options.signal?.aborted ? { kind: 'cancelled' } : thrown instanceof ReadOneStop ? thrown.failure : failureOf(thrown);
    return { ok: false, failure: redactFailure(failure as PullFailure, [options.token, ...(auth?.secrets ?? [])]) as ReadOneFailure };
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The live type, narrowed to what the stored type declares; the seal settings are the stored ones. */
function forStoredType(live: TypeDraft, stored: StoredModel['factSheetTypes'][number], notes: Notes): TypeDraft {
  const storedFields = new Set(stored.fields);
  const storedRelations = new Set(stored.relations);
  for (const f of stored.fields) if (!live.fieldSet.has(f)) notes.add('fields of the stored type the data model no longer has, read as empty', `${stored.name}.${f}`);
  for (const r of stored.relations) if (!live.relationSet.has(r)) notes.add('relations of the stored type the data model no longer has, read as empty', `${stored.name}.${r}`);
  for (const f of live.fields) if (!storedFields.has(f)) notes.add('fields the stored type lacks, not read (pull the workspace again to have them)', `${stored.name}.${f}`);
  for (const r of live.relations) if (!storedRelations.has(r)) notes.add('relations the stored type lacks, not read (pull the workspace again to have them)', `${stored.name}.${r}`);
  return {
    ...live,
    fields: live.fields.filter((f) => storedFields.has(f)),
    relations: live.relations.filter((r) => storedRelations.has(r)),
    selectFields: live.selectFields.filter((f) => storedFields.has(f)),
    selectRelations: live.selectRelations.filter((r) => storedRelations.has(r)),
    fieldSet: new Set(live.fields.filter((f) => storedFields.has(f))),
    relationSet: storedRelations,
    // copies: the mapping may turn the DRAFT or REJECTED state on for its own bookkeeping
    seal: {
      ...live.seal,
      draft: stored.qualitySeal.draft,
      rejected: stored.qualitySeal.rejected,
      renewal: stored.qualitySeal.renewal,
    },
  };
}

function subRolesOf(model: StoredModel): SubRoles {
  const roles: RoleDraft[] = model.subscriptionRoles.map((r) => ({ name: r.name, type: r.type, factSheetTypes: [...r.factSheetTypes] }));
  return { roles, byName: new Map(roles.map((r) => [r.name, r])), dropped: new Set() };
}

/** The token exchange of a single re-read: once, and once more after a 401 on a bearer request. */
class Exchange implements Authorizer {
  private bearer: Promise<string> | null = null;
  readonly secrets: string[] = [];
  private readonly basic: string;

  constructor(token: string, private readonly requester: () => (request: ApiRequest) => Promise<unknown>) {
    this.basic = `Basic ${base64(`apitoken:${token}`)}`;
    this.secrets.push(this.basic.slice(6));
  }

  header(kind: 'basic' | 'bearer'): Promise<string> {
    if (kind === 'basic') return Promise.resolve(this.basic);
    this.bearer ??= this.exchange();
    return this.bearer;
  }

  async renew(used: string): Promise<boolean> {
    const current = this.bearer ? await this.bearer.catch(() => null) : null;
    if (current !== null && current !== used) return true;
    this.bearer = this.exchange();
    await this.bearer;
    return true;
  }

  private async exchange(): Promise<string> {
    const name = `POST ${LEANIX_PATHS.token}`;
    const answer = await this.requester()(tokenRequest());
    const token = str(asObject(answer, top(name)), 'access_token', top(name));
    this.secrets.push(token);
    return `Bearer ${token}`;
  }
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---------------------------------------------------------------- what changed

/**
 * What differs between the stored fact sheet and the one read live, in words a role
 * designer reads: `seal APPROVED → BROKEN_QUALITY_SEAL`, `description`, `subscriptions`.
 */
export function factSheetChanges(stored: FactSheet, live: FactSheet): string[] {
  const out: string[] = [];
  if (stored.lxState !== live.lxState) out.push(`seal ${stored.lxState} → ${live.lxState}`);
  else if ((stored.approvedAt ?? null) !== (live.approvedAt ?? null)) out.push(`approved at ${live.approvedAt ?? 'no time'} (was ${stored.approvedAt ?? 'no time'})`);
  if (stored.name !== live.name) out.push('name');
  const keys = new Set([...Object.keys(stored.values ?? {}), ...Object.keys(live.values ?? {})]);
  for (const key of keys) if (!same(stored.values?.[key] ?? null, live.values?.[key] ?? null)) out.push(key);
  const relations = new Set([...Object.keys(stored.relations ?? {}), ...Object.keys(live.relations ?? {})]);
  for (const key of relations) if (!same([...(stored.relations?.[key] ?? [])].sort(), [...(live.relations?.[key] ?? [])].sort())) out.push(key);
  if (!same(sortedBy(stored.subscriptions ?? []), sortedBy(live.subscriptions ?? []))) out.push('subscriptions');
  if (!same([...(stored.permittedReadACL ?? [])].sort(), [...(live.permittedReadACL ?? [])].sort())) out.push('read ACL');
  if (!same([...(stored.permittedWriteACL ?? [])].sort(), [...(live.permittedWriteACL ?? [])].sort())) out.push('write ACL');
  if (!same([...(stored.naFields ?? [])].sort(), [...(live.naFields ?? [])].sort())) out.push('"leave empty" marks');
  return out;
}

function sortedBy(subs: readonly FactSheet['subscriptions'][number][]): unknown[] {
  return subs.map((s) => ({ user: s.user, type: s.type, roles: [...(s.roles ?? [])].sort() })).sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

/** Equal as JSON, object keys in any order. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}
