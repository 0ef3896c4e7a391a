// The module Web Worker that runs the engine over the IndexedDB workspaces.
import { expose } from 'comlink';
import { openDexieStore } from '../storage/dexie';
import { createEngineApi } from './api';

function start(): void {
  expose(createEngineApi(openDexieStore()));
}

start();
