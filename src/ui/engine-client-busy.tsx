// What the engines are busy with (engine-client.ts hears it on the status channel), for
// the pages: a hook, and the line the playground shows above its tabs while an engine (this
// page's or another tab's) works, so that a tab waiting for it says what it waits for
// ("Importing acme.json… 40%") instead of only "Reading…".
import { useEffect, useState } from 'preact/hooks';
import { describeBusy } from './engine-client';
import type { BusyJob, EngineClient } from './engine-client';

export function useEngineBusy(client: EngineClient): readonly BusyJob[] {
  const [jobs, setJobs] = useState<readonly BusyJob[]>(() => client.busy());
  useEffect(() => {
    setJobs(client.busy());
    return client.onBusy(setJobs);
  }, [client]);
  return jobs;
}

/** "Waiting for the engine: Importing acme.json… 40% (in another tab)", or `idle` when none works. */
export function busyLine(jobs: readonly BusyJob[], idle: string): string {
  return jobs.length ? `Waiting for the engine: ${describeBusy(jobs)}` : idle;
}

export interface EngineBusyProps {
  readonly client: EngineClient;
  /** Jobs not to mention (the tab that runs them shows their progress itself). */
  readonly except?: (job: BusyJob) => boolean;
}

export function EngineBusy({ client, except }: EngineBusyProps) {
  const jobs = useEngineBusy(client).filter((j) => !except?.(j));
  if (!jobs.length) return null;
  return (
    <p class="muted" data-testid="engine-busy" aria-live="polite" style={{ margin: '0 0 8px' }}>
      The engine is busy: {describeBusy(jobs)}
    </p>
  );
}
