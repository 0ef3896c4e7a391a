import type { TabProps } from './App';

export function QuickCheck({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'QuickCheck: coming next' : 'Import or create a workspace first.'}</p>;
}
