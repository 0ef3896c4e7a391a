// The engine on the page itself, for a browser that starts no worker from an extension
// page (engine-worker.ts): the same API the worker exposes, over a MessagePort.
import { expose } from 'comlink';
import { openDexieStore } from '../storage/dexie';
import { createEngineApi } from '../worker/api';
import { withCheckedMessages } from '../worker/messages';

export function exposeEngine(port: MessagePort): void {
  expose(withCheckedMessages(createEngineApi(openDexieStore())), port);
}
