// Which workspaces the popup looks in for the fact sheet of the LeanIX page it was opened
// over, best first: those pulled from the page's origin, then those named as the page's
// LeanIX workspace (a pull names the workspace so), then the one last used, then the
// other LeanIX workspaces. The first that has the fact sheet's id wins: since a pull, the
// ids are the platform's own. Pure.
import type { WorkspaceSummary } from '../../storage/store';
import type { LeanixPage } from './leanix-url';

/** The origins LeanIX workspaces were pulled from: their pages are LeanIX pages too. */
export function pulledOrigins(workspaces: readonly WorkspaceSummary[]): string[] {
  const out = new Set<string>();
  for (const w of workspaces) if (w.platform === 'leanix' && w.pulledFrom?.platform === 'leanix') out.add(w.pulledFrom.origin);
  return [...out];
}

/** The LeanIX workspaces in the order to look for the page's fact sheet. */
export function candidatesFor(workspaces: readonly WorkspaceSummary[], page: Pick<LeanixPage, 'origin' | 'workspace'>, current: string | null): WorkspaceSummary[] {
  const wanted = page.workspace.toLowerCase();
  const rank = (w: WorkspaceSummary) =>
    (w.pulledFrom?.platform === 'leanix' && w.pulledFrom.origin === page.origin ? 4 : 0) + (w.name.toLowerCase() === wanted ? 2 : 0) + (w.id === current ? 1 : 0);
  return workspaces
    .filter((w) => w.platform === 'leanix')
    .map((w, i) => ({ w, i, r: rank(w) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((x) => x.w);
}

/** Where the popup may re-read the fact sheet live: the origin a workspace was pulled from, or null. */
export function liveOriginOf(workspace: WorkspaceSummary | null | undefined): string | null {
  return workspace?.platform === 'leanix' && workspace.pulledFrom?.platform === 'leanix' ? workspace.pulledFrom.origin : null;
}
