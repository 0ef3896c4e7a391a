// The module Web Worker that runs the engine over the IndexedDB workspaces. Every call's
// arguments are parsed at this boundary (src/worker/messages.ts) before the API sees them.
import { expose } from 'comlink';
import { openDexieStore } from '../storage/dexie';
import { createEngineApi } from './api';
import { withCheckedMessages } from './messages';

function start(): void {
  expose(withCheckedMessages(createEngineApi(openDexieStore())));
}

start();
