// The workspace's role drafts, one button each; the one in the editor is marked current.
import type { RoleDraft } from '../../storage/store';
import { plural, shortTime } from './RoleDesigner-model';

export interface DraftListProps {
  readonly drafts: readonly RoleDraft[];
  /** The stored name of the draft in the editor. */
  readonly current: string | null;
  readonly onOpen: (name: string) => void;
}

export function DraftList({ drafts, current, onOpen }: DraftListProps) {
  if (drafts.length === 0) {
    return (
      <p class="muted" data-testid="no-drafts">
        No drafts yet. Start one below: a replica of MEMBER is where integrations usually begin.
      </p>
    );
  }
  return (
    <ul class="rd-list" data-testid="draft-list">
      {drafts.map((d) => (
        <li key={d.name}>
          <button type="button" class="rd-draft" aria-current={current === d.name ? 'true' : undefined} data-testid={`draft-${d.name}`} onClick={() => onOpen(d.name)}>
            <span class="rd-draft-name">{d.name}</span>
            <span class="muted rd-draft-meta">
              {plural(d.permissions.length, 'permission')}
              {d.users?.length ? ` · ${plural(d.users.length, 'user')}` : ''} · {shortTime(d.updatedAt)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
