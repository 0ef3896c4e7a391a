// The playground's Quick check tab: the popup's quick check, wide. Starts from a question
// that the popup's "Open in playground" put in the URL hash, and keeps the question it
// shows there, so the address is a link to it.
import { useEffect, useState } from 'preact/hooks';
import type { TabProps } from './App';
import type { Outline } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { failureOf } from '../components/failure-of';
import { FailureText } from '../components/FailureText';
import { questionToHash } from '../question-link';
import type { QuestionLink } from '../question-link';
import { questionFromHash } from '../question-link-read';
import { QuickCheck } from '../quick-check/QuickCheck';
import { startOfLink } from '../quick-check/start';
import type { QuickCheckSurface } from '../quick-check/surface';

export function QuickCheckTab({ client, workspace, refresh }: TabProps) {
  const id = workspace?.id ?? null;
  const [outline, setOutline] = useState<Outline | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [link, setLink] = useState<QuestionLink | null>(() => questionFromHash(location.hash));
  // A question arriving from outside (a new hash) starts the check afresh.
  const [visit, setVisit] = useState(0);

  useEffect(() => {
    let live = true;
    setOutline(null);
    setFailure(null);
    if (!id) return;
    void (async () => {
      try {
        const r = await client.engine().outline(id);
        if (!live) return;
        if (r.ok) setOutline(r.value);
        else setFailure(r.error);
      } catch (error) {
        if (live) setFailure(failureOf(error));
      }
    })();
    const onHash = () => {
      const q = questionFromHash(location.hash);
      if (!q) return;
      setLink(q);
      setVisit((v) => v + 1);
    };
    addEventListener('hashchange', onHash);
    return () => {
      live = false;
      removeEventListener('hashchange', onHash);
    };
  }, [id]);

  if (!workspace || !id) return <p class="muted">No workspace yet: import a policy file or start from a template on the Workspaces tab, then ask a quick question here.</p>;
  if (failure) return <FailureText failure={failure} prefix="The workspace could not be read:" />;
  if (!outline || outline.id !== id) return <p class="muted">Reading the workspace…</p>;

  const surface: QuickCheckSurface = {
    // replaceState fires no hashchange: the check is not started afresh by its own link.
    onLink: (l) => history.replaceState(null, '', questionToHash(l)),
    // The check says where it was saved; the header's workspace list counts it.
    onSaved: () => void refresh(),
  };
  return (
    <div>
      <h2>Quick check</h2>
      <QuickCheck
        key={`${id}:${visit}`}
        client={client}
        outline={outline}
        start={link && link.workspace === id ? startOfLink(link) : undefined}
        surface={surface}
        layout="wide"
      />
    </div>
  );
}
