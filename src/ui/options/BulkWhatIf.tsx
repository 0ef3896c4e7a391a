import type { TabProps } from './App';

export function BulkWhatIf({ workspace }: TabProps) {
  return <p class="muted">{workspace ? 'BulkWhatIf: coming next' : 'Import or create a workspace first.'}</p>;
}
