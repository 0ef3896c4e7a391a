import type { TabProps } from './App';

export function Scenarios({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'Scenarios: coming next' : 'Import or create a workspace first.'}</p>;
}
