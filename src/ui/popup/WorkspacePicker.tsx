// The popup's workspace select: each workspace by name, platform and size, shortened
// where a word ends when the header is too narrow for it, the full text as its title.
import { useRef } from 'preact/hooks';
import type { WorkspaceSummary } from '../../storage/store';
import { plural } from '../components/format';
import { fitLabel, useTextFit } from '../components/text-fit';

export interface WorkspacePickerProps {
  readonly workspaces: readonly WorkspaceSummary[];
  readonly value: string;
  readonly onChange: (id: string) => void;
}

function workspaceLabel(w: WorkspaceSummary): string {
  return `${w.name || 'unnamed'} · ${w.platform === 'leanix' ? `LeanIX, ${plural(w.factSheetCount, 'fact sheet')}` : `Qualytics, ${plural(w.userCount, 'user')}`}`;
}

export function WorkspacePicker({ workspaces, value, onChange }: WorkspacePickerProps) {
  const select = useRef<HTMLSelectElement>(null);
  const fits = useTextFit(select);
  const labels = workspaces.map(workspaceLabel);
  return (
    <>
      <label for="workspace" class="sr-only">
        Workspace
      </label>
      <select ref={select} id="workspace" value={value} title={labels[workspaces.findIndex((w) => w.id === value)]} onChange={(e) => onChange(e.currentTarget.value)}>
        {workspaces.map((w, i) => {
          const label = labels[i]!;
          const text = fits ? fitLabel(label, fits) : label;
          return (
            <option key={w.id} value={w.id} title={text === label ? undefined : label}>
              {text}
            </option>
          );
        })}
      </select>
    </>
  );
}
