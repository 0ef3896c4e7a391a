// Says where the engine runs when it is not the module worker (a browser without module
// workers in extension pages, or without workers): see engine-worker.ts.
import { engineHome, engineHomeNote } from '../engine-worker';

export function EngineHomeNote({ class: className = 'muted', short = false }: { readonly class?: string; readonly short?: boolean }) {
  const note = engineHomeNote(engineHome(), short);
  return note ? (
    <p class={className} data-testid="engine-home" data-home={engineHome() ?? undefined}>
      {note}
    </p>
  ) : null;
}
