// The LeanIX advice: every setup evaluated over the workspace, then for one setup (the
// recommended one unless another is chosen) the change to ask for as a ticket's text,
// with "open as draft" (a role draft for the role designer) and "add these scenarios"
// (the role, a user holding it and scenarios the engine computed, into the workspace).
import { useEffect, useState } from 'preact/hooks';
import type { AdviseAnswer, AdviseRequest } from '../../worker/api';
import { freeName } from '../../engine/leanix/free-name';
import type { EngineClient } from '../engine-client';
import { formatCount, plural } from '../components/format';

type LeanixAdviceAnswer = Extract<AdviseAnswer, { platform: 'leanix' }>;
type Option = LeanixAdviceAnswer['advice']['options'][number];
type SetupName = Option['setup'];

const NUM = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
const PRE = { overflowX: 'auto', margin: '8px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** Setups whose role, user and scenarios can be added to the workspace, and why the others cannot. */
const NOT_WRITABLE: Partial<Record<SetupName, string>> = {
  current: 'The current setup changes nothing: there is no advised role to prove.',
  admin: 'ADMIN needs no customer role: there is no advised role to prove.',
  subscription: 'Subscribing a copy of the user to every fact sheet would change whom other scenarios notify: ask for the subscriptions instead.',
};

export interface LeanixAdviceProps {
  readonly answer: LeanixAdviceAnswer;
  readonly client: EngineClient;
  readonly workspaceId: string;
  /** The question the answer is for, to ask again with `write`. */
  readonly question: Extract<AdviseRequest, { platform: 'leanix' }>;
  readonly notify: (message: string) => void;
  /** The workspace changed (scenarios added): refresh what shows it. */
  readonly changed: () => Promise<void>;
}

export function LeanixAdvice({ answer, client, workspaceId, question, notify, changed }: LeanixAdviceProps) {
  const a = answer.advice;
  const [chosen, setChosen] = useState<SetupName>(a.recommended);
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<string[] | null>(null);
  // another question: its recommended setup; the same one asked again (after an edit) keeps the choice and what was written
  useEffect(() => {
    setChosen(a.recommended);
    setWritten(null);
  }, [a.actor, a.type, a.paths.join(',')]);

  const role = a.role ? JSON.stringify(a.role, null, 2) : '';
  const recommended = a.options.find((o) => o.recommended);
  const option = a.options.find((o) => o.setup === chosen) ?? recommended!;
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify(`Copied ${what} to the clipboard.`);
    } catch {
      notify('The clipboard is not available: select the text and copy it.');
    }
  };

  const openDraft = async () => {
    const advised = option.change.role;
    if (!advised || busy) return;
    setBusy(true);
    try {
      const [outline, drafts] = await Promise.all([client.engine().outline(workspaceId), client.engine().listDrafts(workspaceId)]);
      if (!outline.ok) return notify(`No draft: ${outline.error.message}`);
      if (!drafts.ok) return notify(`No draft: ${drafts.error.message}`);
      const roles = outline.value.platform === 'leanix' ? outline.value.roles : [];
      const same = (xs: readonly string[], ys: readonly string[]) => xs.length === ys.length && xs.every((x) => ys.includes(x));
      // never overwrite a role or another draft: the first free name, or the same draft again
      const { name, exists } = freeName(advised.name, (n) => {
        const draft = drafts.value.find((d) => d.name.toLowerCase() === n.toLowerCase());
        if (draft) return draft.name === n && same(draft.permissions, advised.permissions) && (draft.users ?? []).includes(a.actor) ? 'same' : 'taken';
        return roles.some((r) => r.name.toLowerCase() === n.toLowerCase()) ? 'taken' : 'free';
      });
      if (exists) return notify(`The role draft ${name} for ${a.actor} is open already: see the Role designer tab.`);
      const saved = await client.engine().saveDraft({ workspaceId, name, permissions: [...advised.permissions], users: [a.actor], updatedAt: new Date().toISOString() });
      if (!saved.ok) return notify(`No draft: ${saved.error.message}`);
      notify(`Opened the role draft ${name} for ${a.actor}${name === advised.name ? '' : ` (${advised.name} is taken)`}: see the Role designer tab.`);
    } finally {
      setBusy(false);
    }
  };

  const addScenarios = async () => {
    if (busy || NOT_WRITABLE[option.setup]) return;
    setBusy(true);
    try {
      const r = await client.engine().advise(workspaceId, { ...question, write: option.setup });
      if (!r.ok) {
        setWritten([`Nothing added: ${r.error.message}`]);
        return;
      }
      const lines = r.value.platform === 'leanix' ? r.value.written?.lines ?? [] : [];
      setWritten(lines);
      notify(lines[lines.length - 1] ?? 'Nothing added.');
      if (r.value.platform === 'leanix' && r.value.written?.changed) await changed();
    } finally {
      setBusy(false);
    }
  };

  if (a.factSheets === 0) {
    return (
      <p data-testid="advice" class="muted" style={{ marginTop: '12px' }}>
        {`This workspace has no ${a.type} fact sheets, so there is nothing to weigh: add some on the Model tab, or choose another type.`}
      </p>
    );
  }
  const notWritable = NOT_WRITABLE[option.setup];
  return (
    <div data-testid="advice" style={{ marginTop: '12px' }}>
      <p>{`${a.actor} writing ${a.paths.join(', ')} on ${plural(a.factSheets, `${a.type} fact sheet`)}, ${plural(a.runsPerYear, 'run')} a year`}</p>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="advice-table">
          <caption class="sr-only">Each setup of the integration user, evaluated over the workspace</caption>
          <thead>
            <tr>
              <th scope="col">Setup</th>
              <th scope="col" style={NUM}>Allowed</th>
              <th scope="col" style={NUM}>Seal breaks / run</th>
              <th scope="col" style={NUM}>Events / run</th>
              <th scope="col" style={NUM}>Notifications / year</th>
              <th scope="col">Extra capabilities</th>
              <th scope="col">Silenced users</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {a.options.map((o) => (
              <tr key={o.setup} data-testid={`advice-${o.setup}`} data-recommended={o.recommended ? 'true' : undefined} style={o.recommended ? { fontWeight: 600, background: 'var(--kept-bg)' } : undefined}>
                <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  <code>{o.setup}</code>
                  {o.recommended ? (
                    <span data-testid="recommended" class="pass" style={{ display: 'block', fontSize: '0.8rem' }}>
                      recommended
                    </span>
                  ) : null}
                </th>
                <td style={NUM} data-testid="allowed">{`${formatCount(o.allowed)} / ${formatCount(o.allowed + o.denied)}`}</td>
                <td style={NUM} data-testid="seal-breaks">{formatCount(o.sealBreaksPerRun)}</td>
                <td style={NUM}>{formatCount(o.eventsPerRun)}</td>
                <td style={NUM}>{formatCount(o.notificationsPerYear)}</td>
                <td>
                  <Listed items={o.extraCapabilities} code />
                </td>
                <td data-testid="silenced">
                  <Listed items={o.silenced} />
                </td>
                <td>{o.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.role ? (
        <>
          <div class="row" style={{ justifyContent: 'space-between', marginTop: '12px' }}>
            <p style={{ margin: 0 }}>{`The recommended customer role (${recommended?.setup ?? a.recommended}), ready to paste:`}</p>
            <button type="button" data-testid="copy-role" onClick={() => void copy(role, `the customer role ${a.role?.name ?? ''}`)}>
              Copy role
            </button>
          </div>
          <pre class="panel" data-testid="advised-role" tabIndex={0} aria-label="Recommended customer role as JSON" style={{ overflowX: 'auto', margin: '8px 0 0' }}>
            {role}
          </pre>
        </>
      ) : (
        <p class="muted" data-testid="advised-role-none">{`The recommended setup (${a.recommended}) needs no new customer role.`}</p>
      )}

      <section aria-labelledby="adv-request-head" data-testid="advice-setup" style={{ marginTop: '16px' }}>
        <h3 id="adv-request-head" style={{ margin: '0 0 8px' }}>The change to ask for</h3>
        <div class="row">
          <label for="adv-setup" style={{ margin: 0 }}>Setup</label>
          <select id="adv-setup" value={option.setup} onChange={(e) => {
            setChosen((e.target as HTMLSelectElement).value as SetupName);
            setWritten(null);
          }}>
            {a.options.map((o) => (
              <option key={o.setup} value={o.setup}>{o.recommended ? `${o.setup} (recommended)` : o.setup}</option>
            ))}
          </select>
        </div>
        {option.permissions.length ? (
          <div style={{ marginTop: '8px' }}>
            <p style={{ margin: 0 }}>{`Permissions of ${option.change.role?.name ?? 'the role'}:`}</p>
            <ul data-testid="advice-permissions" style={{ margin: '4px 0 0', paddingLeft: '18px' }}>
              {option.permissions.map((p) => (
                <li key={p}><code style={{ overflowWrap: 'anywhere' }}>{p}</code></li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="muted" data-testid="advice-permissions-none" style={{ margin: '8px 0 0' }}>{`The setup ${option.setup} gives no customer role.`}</p>
        )}
        {option.silenced.length ? (
          <p data-testid="advice-silenced" style={{ margin: '8px 0 0' }}>
            {`Silenced by the exemption (their edits no longer break the seal): ${option.silenced.join(', ')}`}
          </p>
        ) : null}
        <pre class="panel" data-testid="advice-request" tabIndex={0} aria-label={`The change setup ${option.setup} needs, as text for a ticket`} style={PRE}>
          {option.request}
        </pre>
        <div class="row" style={{ marginTop: '8px' }}>
          <button type="button" data-testid="copy-request" onClick={() => void copy(option.request, 'the request')}>
            Copy request
          </button>
          <button
            type="button"
            data-testid="open-draft"
            disabled={!option.change.role || busy}
            title={option.change.role ? `A role draft ${option.change.role.name} held by ${a.actor}, in the Role designer` : 'This setup gives no customer role'}
            onClick={() => void openDraft()}
          >
            Open as draft
          </button>
          <button
            type="button"
            data-testid="add-scenarios"
            disabled={!!notWritable || busy}
            aria-describedby={notWritable ? 'adv-not-writable' : undefined}
            onClick={() => void addScenarios()}
          >
            Add these scenarios
          </button>
          {notWritable ? (
            <span id="adv-not-writable" class="muted">{notWritable}</span>
          ) : null}
        </div>
        {written ? (
          <ul data-testid="advice-written" style={{ margin: '8px 0 0', paddingLeft: '18px' }}>
            {written.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

/** A count that opens into the list, or `none`. */
function Listed({ items, code = false }: { items: readonly string[]; code?: boolean }) {
  if (!items.length) return <>none</>;
  return (
    <details>
      <summary>{formatCount(items.length)}</summary>
      <ul style={{ margin: '4px 0 0', paddingLeft: '18px', fontWeight: 400 }}>
        {items.map((x) => (
          <li key={x}>{code ? <code style={{ overflowWrap: 'anywhere' }}>{x}</code> : x}</li>
        ))}
      </ul>
    </details>
  );
}
