// Marks the moment Dexie has been evaluated.
(globalThis as { __bootDexie?: number }).__bootDexie = performance.now();
