import type { TabProps } from './App';

export function RoleDesigner({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'RoleDesigner: coming next' : 'Import or create a workspace first.'}</p>;
}
