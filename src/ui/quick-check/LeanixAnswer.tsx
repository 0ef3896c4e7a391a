// A LeanIX quick check's answer: the verdict with its reasons and fixes, then who is
// notified, the events, and the role drafts it was evaluated with.
import type { Answer } from '../../worker/api';
import { VerdictCard } from '../components/VerdictCard';

export interface LeanixAnswerProps {
  readonly answer: Extract<Answer, { platform: 'leanix' }>;
}

export function LeanixAnswer({ answer }: LeanixAnswerProps) {
  const outcome = answer.outcome;
  return (
    <div>
      <VerdictCard
        verdict={answer.verdict}
        reasons={outcome.reasons}
        fixes={outcome.fixes}
        stateLine={`Seal: ${outcome.lxStateBefore ?? 'none'} → ${outcome.lxStateAfter ?? 'none'}`}
      />
      <dl class="facts" data-testid="facts">
        <dt>Notified</dt>
        <dd data-testid="notified">{outcome.notified.length ? outcome.notified.join(', ') : 'no one'}</dd>
        <dt>Events</dt>
        <dd data-testid="events">{outcome.events.length ? outcome.events.join(', ') : 'none'}</dd>
        {answer.draftsApplied.length ? (
          <>
            <dt>Drafts</dt>
            <dd>evaluated with the role drafts {answer.draftsApplied.join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
