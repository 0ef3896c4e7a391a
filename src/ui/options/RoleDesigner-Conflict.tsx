// Shown when a save was refused because another tab changed the draft meanwhile (saved,
// renamed or deleted it, or took its name): what differs between the two versions, and
// the choice of keeping either. Nothing was saved and the editor still holds mine.
import type { DraftConflict, DraftForm } from './RoleDesigner-form';
import { conflictDiff } from './RoleDesigner-form';
import { plural, shortTime } from './RoleDesigner-model';

export interface ConflictPanelProps {
  readonly conflict: DraftConflict;
  /** The editor's form: my version. */
  readonly mine: DraftForm;
  readonly busy: boolean;
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
}

const HEADINGS = {
  changed: 'Changed in another tab',
  renamed: 'Renamed in another tab',
  deleted: 'Deleted in another tab',
  taken: 'The name is taken',
} as const;

export function ConflictPanel({ conflict, mine, busy, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const { theirs, reason } = conflict;
  const diff = theirs ? conflictDiff(mine, theirs) : null;
  const keepLabel = reason === 'deleted' ? 'Keep mine (save it again)' : reason === 'taken' ? `Keep mine (replace their ${theirs?.name})` : 'Keep mine';
  const takeLabel = reason === 'deleted' ? 'Take theirs (discard mine)' : reason === 'renamed' ? `Take theirs (open ${theirs?.name})` : 'Take theirs';
  return (
    <section class="panel rd-conflict" role="alert" aria-labelledby="rd-conflict-h" data-testid="draft-conflict" data-reason={reason}>
      <h3 id="rd-conflict-h" style={{ marginTop: 0 }}>
        {HEADINGS[reason]}: not saved
      </h3>
      <p data-testid="draft-conflict-message">{conflict.message.charAt(0).toUpperCase() + conflict.message.slice(1)}.</p>
      {theirs && diff ? (
        <div class="rd-conflict-sides">
          <p class="muted rd-note">
            Theirs: {theirs.name}, {plural(theirs.permissions.length, 'permission')}
            {theirs.cloneFrom ? `, starts from ${theirs.cloneFrom}` : ''}, saved {shortTime(theirs.updatedAt)} (revision {theirs.revision}). Mine:{' '}
            {mine.name}, {plural(mine.text.split('\n').filter((l) => l.trim() !== '').length, 'permission')}
            {mine.cloneFrom ? `, starts from ${mine.cloneFrom}` : ''}.
          </p>
          {diff.onlyTheirs.length || diff.onlyMine.length || diff.users.onlyTheirs.length || diff.users.onlyMine.length ? (
            <ul class="rd-conflict-diff" data-testid="draft-conflict-diff">
              {diff.onlyTheirs.map((l) => (
                <li key={`t-${l}`}>
                  <span class="muted">only theirs: </span>
                  <code>{l}</code>
                </li>
              ))}
              {diff.onlyMine.map((l) => (
                <li key={`m-${l}`}>
                  <span class="muted">only mine: </span>
                  <code>{l}</code>
                </li>
              ))}
              {diff.users.onlyTheirs.length ? <li>held only in theirs by {diff.users.onlyTheirs.join(', ')}</li> : null}
              {diff.users.onlyMine.length ? <li>held only in mine by {diff.users.onlyMine.join(', ')}</li> : null}
            </ul>
          ) : (
            <p class="muted rd-note">The permissions and users are the same in both.</p>
          )}
        </div>
      ) : null}
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={onKeepMine} data-testid="conflict-keep-mine">
          {keepLabel}
        </button>
        <button type="button" disabled={busy} onClick={onTakeTheirs} data-testid="conflict-take-theirs">
          {takeLabel}
        </button>
      </div>
    </section>
  );
}
