// The popup's opt-in live re-read (issue 11): on a LeanIX page whose fact sheet is in a
// workspace pulled from LeanIX, "Re-read this fact sheet from LeanIX" (off by default)
// reads that one fact sheet again from where the workspace was pulled, and the verdict
// is then computed with it in place of the stored one, in memory for this check only.
// The host permission for that origin is asked at the click; the API token lives in this
// popup's memory, or in `storage.session` when the user asks to remember it for this
// browser session (never storage.local or sync), and is never shown again.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { FactSheetRow } from '../../storage/store';
import type { LiveFactSheet } from '../../worker/live';
import { failureOf } from '../components/failure-of';
import type { EngineClient } from '../engine-client';

export interface LiveRereadProps {
  readonly client: EngineClient;
  readonly workspaceId: string;
  /** Where the workspace was pulled from, e.g. `https://acme.leanix.net`. */
  readonly origin: string;
  readonly factSheet: FactSheetRow;
  /** Told the fact sheet read live, or null: the verdict is from the stored model. */
  readonly onLive: (live: LiveFactSheet | null) => void;
}

type State = { readonly kind: 'idle' } | { readonly kind: 'reading' } | { readonly kind: 'failed'; readonly message: string };

/** The `storage.session` key of the token remembered for an origin. */
export function sessionKey(origin: string): string {
  return `sealcheck.liveToken ${origin}`;
}

/** The host permission pattern of an origin (a match pattern has no port). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

async function rememberedToken(origin: string): Promise<string | null> {
  try {
    const got = await browser.storage.session.get(sessionKey(origin));
    const value = got[sessionKey(origin)];
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

/** `14:32:05` in the user's time zone. */
function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function LiveReread({ client, workspaceId, origin, factSheet, onLive }: LiveRereadProps) {
  const [on, setOn] = useState(false);
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [remembered, setRemembered] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  /** The last fact sheet read live; the verdict uses it. */
  const [read, setRead] = useState<LiveFactSheet | null>(null);
  /** Whether the token form shows (after a read it folds to "Read again"). */
  const [asking, setAsking] = useState(true);
  const host = new URL(origin).host;

  useEffect(() => {
    void rememberedToken(origin).then((t) => setRemembered(t !== null));
  }, [origin]);

  const toggle = (checked: boolean) => {
    setOn(checked);
    if (!checked) {
      setState({ kind: 'idle' });
      setRead(null);
      setAsking(true);
      onLive(null);
    }
  };

  const failed = (message: string) => {
    setState({ kind: 'failed', message });
    setRead(null);
    onLive(null);
  };

  const reread = async (event: Event) => {
    event.preventDefault();
    if (state.kind === 'reading') return;
    const typed = token.trim();
    if (!typed && !remembered) return failed('give an API token of the workspace');
    // The permission first, while the click still counts as the user's own gesture.
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [originPattern(origin)] });
    } catch (error) {
      return failed(`the permission to reach ${host} could not be asked for: ${failureOf(error).message}`);
    }
    if (!granted) return failed(`the permission to reach ${host} was not given`);
    const secret = typed || (await rememberedToken(origin));
    if (!secret) {
      setRemembered(false);
      return failed('the remembered token is gone: give the API token again');
    }
    if (typed && remember) {
      try {
        await browser.storage.session.set({ [sessionKey(origin)]: typed });
        setRemembered(true);
        setToken('');
      } catch {
        // not remembered: it still serves this re-read
      }
    }
    setState({ kind: 'reading' });
    try {
      const r = await client.engine().readLiveFactSheet(workspaceId, factSheet.id, secret);
      if (!r.ok) return failed(r.error.message);
      setState({ kind: 'idle' });
      setRead(r.value);
      setAsking(false);
      onLive(r.value);
    } catch (error) {
      failed(failureOf(error).message);
    }
  };

  const forget = async () => {
    try {
      await browser.storage.session.remove(sessionKey(origin));
    } finally {
      setRemembered(false);
    }
  };

  return (
    <section class="live" data-testid="live">
      <label class="live-opt">
        <input type="checkbox" id="live-opt" checked={on} onChange={(e) => toggle(e.currentTarget.checked)} />
        Re-read this fact sheet from LeanIX
      </label>
      {on && asking ? (
        <form class="live-form" onSubmit={(e) => void reread(e)}>
          <p class="hint">
            Reads {factSheet.name || factSheet.id} again from {host} for this check only; nothing is stored.
          </p>
          {remembered ? (
            <p class="hint" data-testid="live-remembered">
              Using the API token remembered for this browser session.{' '}
              <button type="button" class="link" onClick={() => void forget()}>
                Forget it
              </button>
            </p>
          ) : null}
          <div class="live-row">
            {remembered ? null : (
              <>
                <label for="live-token" class="sr-only">
                  API token
                </label>
                <input
                  type="password"
                  id="live-token"
                  placeholder="API token"
                  autocomplete="off"
                  spellcheck={false}
                  value={token}
                  onInput={(e) => setToken(e.currentTarget.value)}
                />
              </>
            )}
            <button type="submit" disabled={state.kind === 'reading'}>
              {state.kind === 'reading' ? 'Reading…' : 'Re-read'}
            </button>
          </div>
          {remembered ? null : (
            <label class="live-remember">
              <input type="checkbox" id="live-remember" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
              remember the token for this browser session
            </label>
          )}
        </form>
      ) : null}
      {on && read ? (
        <p class="hint live-result" data-testid="live-result" title={read.notes.join('\n') || undefined}>
          Re-read live from LeanIX at <time dateTime={read.readAt}>{clock(read.readAt)}</time>
          {read.changes.length ? `: differs from the stored model in ${read.changes.join('; ')}.` : ': the same as the stored model.'} The verdict uses
          it.
          {asking ? null : (
            <>
              {' '}
              <button type="button" class="link" onClick={() => setAsking(true)}>
                Read again
              </button>
            </>
          )}
        </p>
      ) : null}
      {on && state.kind === 'failed' ? (
        <p class="live-failure" role="alert" data-testid="live-failure">
          Not re-read: {state.message}. The verdict is from the stored model.
        </p>
      ) : null}
    </section>
  );
}
