// "Import from LeanIX / Qualytics" in the engine worker: the same pull as `sealcheck pull`
// (src/pull), with the browser's fetch, then the same all-or-nothing store as a file
// import (the text checked, then one putWorkspace). A refresh pulls again from where the
// workspace was pulled, keeping its scenarios, settings, name and description (the
// `--keep` splice of src/pull/file.ts); the store keeps its drafts and runs, as it does
// for any replacement. The token lives in this call only: it is never stored, and no
// result, failure or progress report carries it.
import { describeFailure, pullLeanix, pullQualytics } from '../pull';
import type { Clock, FetchLike, PullNote, PullProgress, PullResult } from '../pull';
import { errorCountText } from '../policy/errors';
import type { PulledFrom } from '../storage/records';
import type { WorkspaceStore, WorkspaceSummary } from '../storage/store';
import type { Progress, ValidateText } from './api';
import type { PullRequest } from './messages';
import { nameApart, withName } from './playground';
import { fail, ok, storageFailure } from './result';
import type { Result } from './result';

/** How far a pull is (src/pull's PullProgress), told to the page. */
export type PullProgressCallback = (progress: PullProgress) => unknown;

/** What a pull stored, and what the page says about it. */
export interface PulledWorkspace {
  readonly summary: WorkspaceSummary;
  /** The origin it was read from. */
  readonly origin: string;
  /** True when it replaced a pulled workspace (a refresh). */
  readonly refreshed: boolean;
  /** The role drafts the workspace still has (a refresh keeps them). */
  readonly drafts: number;
  /** How many items each list of the file has. */
  readonly counts: Readonly<Record<string, number>>;
  /** What the pull dropped, changed or assumed. */
  readonly notes: readonly PullNote[];
}

export interface PullDeps {
  readonly store: WorkspaceStore;
  readonly validate: ValidateText;
  readonly signal: AbortSignal;
  /** The network; default the global fetch (in an extension page or worker it may reach the origins the user granted). */
  readonly fetch?: FetchLike;
  readonly clock?: Clock;
  readonly onProgress?: (progress: PullProgress) => void;
  /** Rows written, as an import reports them. */
  readonly onStoreProgress?: Progress;
  /** Forgets the engine's cached model of a replaced workspace. */
  readonly invalidate: (id: string) => void;
}

const cancelled = () => fail({ kind: 'cancelled', message: 'pull cancelled; nothing was stored' });

/** The global fetch, called as a plain function (a worker's fetch must not be called on another `this`). */
const globalFetch: FetchLike = (url, init) => globalThis.fetch(url, init);

/** Pulls a workspace and stores it, all or nothing. Never throws. */
export async function pullIntoStore(request: PullRequest, deps: PullDeps): Promise<Result<PulledWorkspace>> {
  const { store, signal } = deps;
  const secret = request.token;
  /** Every text that leaves this call passes here: the token never does. */
  const clean = (text: string) => (secret.length >= 4 ? text.split(secret).join('***') : text);

  // where from, and what to keep
  let platform: 'leanix' | 'qualytics';
  let url: string;
  let types: readonly string[] | undefined;
  let target: WorkspaceSummary | null = null;
  let keep: string | undefined;
  if (request.kind === 'refresh') {
    const listed = await store.listWorkspaces();
    if (!listed.ok) return fail(storageFailure(listed.error));
    target = listed.value.find((w) => w.id === request.id) ?? null;
    if (!target) return fail({ kind: 'not-found', message: `no workspace \`${request.id}\` to refresh; nothing was pulled` });
    if (!target.pulledFrom) {
      return fail({ kind: 'invalid', message: `“${target.name}” was not pulled from a platform, so it cannot be refreshed: import a file over it instead`, errors: [] });
    }
    ({ platform, origin: url, types } = target.pulledFrom);
    const source = await store.getSource(target.id);
    if (!source.ok) return fail(storageFailure(source.error));
    if (!source.value) return fail({ kind: 'not-found', message: `no workspace \`${request.id}\` to refresh; nothing was pulled` });
    keep = source.value.source;
  } else {
    platform = request.platform;
    url = request.url;
    types = platform === 'leanix' && request.types?.length ? request.types : undefined;
  }
  if (signal.aborted) return cancelled();

  // the pull: the file's text, validated as written, or the one-line cause
  const options = {
    source: { kind: 'network' as const, url, token: request.token, fetch: deps.fetch ?? globalFetch },
    signal,
    onProgress: (progress: PullProgress) => deps.onProgress?.(progress),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(types ? { types } : {}),
    ...(keep !== undefined ? { keep } : {}),
  };
  let pulled: PullResult;
  try {
    pulled = platform === 'leanix' ? await pullLeanix(options) : await pullQualytics(options);
  } catch (error) {
    // a pull never throws; should it, the store is still untouched
    return fail({ kind: 'internal', message: clean(error instanceof Error ? error.message : String(error)) });
  }
  if (!pulled.ok) {
    if (pulled.failure.kind === 'cancelled' || signal.aborted) return cancelled();
    return fail({ kind: 'pull', message: `${clean(describeFailure(pulled.failure))}; nothing was stored`, cause: pulled.failure.kind });
  }

  // the store path of a file import: the text checked, then one putWorkspace
  const checked = await deps.validate(pulled.text, signal);
  if (!checked || signal.aborted) return cancelled();
  if (!checked.ok) {
    return fail({ kind: 'invalid', message: `the pulled file has ${errorCountText(checked.errors)}; nothing was stored`, errors: checked.errors });
  }
  let policy = checked.policy;
  let source = pulled.text;
  if (!target) {
    // a new workspace never takes another's name: `Acme (2)` (a refresh replaces instead)
    const listed = await store.listWorkspaces();
    if (!listed.ok) return fail(storageFailure(listed.error));
    const taken = listed.value.map((w) => w.name);
    if (taken.includes(policy.name)) {
      const name = nameApart(policy.name, taken);
      source = withName(source, name);
      policy = { ...policy, name };
    }
  }
  const origin = new URL(url).origin;
  const pulledFrom: PulledFrom = { platform, origin, at: policy.asOf, ...(types ? { types: [...types] } : {}) };
  const put = await store.putWorkspace(
    { ...(target ? { id: target.id } : {}), name: policy.name, policy, source, signal, validated: true, pulledFrom },
    deps.onStoreProgress,
  );
  if (target) deps.invalidate(target.id);
  if (!put.ok) return signal.aborted ? cancelled() : fail(storageFailure(put.error));
  const drafts = await store.listDrafts(put.value.id);
  return ok({
    summary: put.value,
    origin,
    refreshed: target !== null,
    drafts: drafts.ok ? drafts.value.length : 0,
    counts: pulled.counts,
    notes: pulled.report.notes.map((n) => ({ topic: clean(n.topic), count: n.count, examples: n.examples.map(clean) })),
  });
}
