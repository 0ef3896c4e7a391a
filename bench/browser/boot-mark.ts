// The first module of bench/browser/boot.ts: runs before the engine's modules are evaluated.
(globalThis as { __bootStart?: number }).__bootStart = performance.now();
