import type { TabProps } from './App';

export function Workspaces({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'Workspaces: coming next' : 'Import or create a workspace first.'}</p>;
}
