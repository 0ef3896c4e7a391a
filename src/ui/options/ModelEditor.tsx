import type { TabProps } from './App';

export function ModelEditor({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'ModelEditor: coming next' : 'Import or create a workspace first.'}</p>;
}
