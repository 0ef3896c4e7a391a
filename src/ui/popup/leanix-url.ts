// Reads a LeanIX fact-sheet page address: `https://<host>.leanix.net/<workspace>/factsheet/<Type>/<id>`,
// or the same path on the origin a workspace was pulled from (a LeanIX host elsewhere; a local
// test server): a pull made in this browser vouches for it, so no test hook is needed.
// Pure: the popup passes the active tab's URL (granted by activeTab) and preselects the fact sheet by id.

export interface LeanixPage {
  /** The page's origin, e.g. `https://acme.leanix.net`. */
  readonly origin: string;
  /** The host, e.g. `acme.leanix.net`. */
  readonly host: string;
  /** The LeanIX workspace name as it appears in the path. */
  readonly workspace: string;
  /** The fact sheet type, e.g. `Application`. */
  readonly type: string;
  /** The fact sheet id, decoded. */
  readonly id: string;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The fact sheet a LeanIX page shows, or null for any other address. `pulledOrigins`: the
 * origins LeanIX workspaces were pulled from, accepted besides `https://*.leanix.net`.
 */
export function parseLeanixUrl(url: string | null | undefined, pulledOrigins: readonly string[] = []): LeanixPage | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  // At least one label before `.leanix.net`: `leanix.net` itself and `evilleanix.net` are not LeanIX workspaces.
  const cloud = parsed.protocol === 'https:' && /^([a-z0-9-]+\.)+leanix\.net$/.test(host);
  if (!cloud && !pulledOrigins.includes(parsed.origin)) return null;
  // `/<workspace>/factsheet/<Type>/<id>`, optionally followed by a sub-page (`/<id>/history`).
  const segments = parsed.pathname.split('/').slice(1);
  if (segments.length < 4 || segments[1] !== 'factsheet') return null;
  const [workspace, , type, id] = segments.map(decode);
  if (!workspace || !type || !id) return null;
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(type)) return null;
  return { origin: parsed.origin, host, workspace, type, id };
}
