// The module Web Worker that runs the engine over the IndexedDB workspaces. Every call's
// arguments are parsed at this boundary (src/worker/messages.ts) before the API sees them.
// Imports are checked on a helper thread (src/worker/validator.ts); what the engine is busy
// with is posted on the status channel for every page, and what it changed on the changes
// channel for the other tabs' engines (src/worker/status.ts).
import { expose } from 'comlink';
import { openDexieStore } from '../storage/dexie';
import { createEngineApi } from './api';
import { withCheckedMessages } from './messages';
import { broadcastChanges, ENGINE_STATUS_CHANNEL } from './status';
import type { StatusSink } from './status';
import { validateOffThread } from './validator';

function statusSink(): StatusSink | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(ENGINE_STATUS_CHANNEL);
  return (status) => channel.postMessage(status);
}

function start(): void {
  expose(withCheckedMessages(createEngineApi(openDexieStore(), { validate: validateOffThread(), status: statusSink(), changes: broadcastChanges() })));
}

start();
