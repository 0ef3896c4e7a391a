// Cedar sliced per role set, run in its own node process started with
// `--no-turbo-inlining`: on node 20.20 (V8 11.3) TurboFan's inlining of cedar-wasm's
// bindings with one prepared set per role set ends in a fatal deoptimizer error ("unreachable
// code") after a few thousand requests. Cedar's work is in WebAssembly, which the flag
// does not touch. Reads the workload options and the request count as JSON on argv[2];
// writes its answers and times as JSON on stdout.
import { CedarSlicedEngine } from './engines/cedar';
import { generateWorkload } from './workload';
import type { WorkloadOptions } from './workload';
import { now, since } from './clock';

const { options, count } = JSON.parse(process.argv[2]!) as { options: WorkloadOptions; count: number };
const workload = generateWorkload(options);
const engine = new CedarSlicedEngine();
const t0 = performance.now();
engine.prepare(workload);
const prepareMs = performance.now() - t0;
const m = Math.min(count, workload.requests.length);
const out = new Uint8Array(m);
engine.decideRange(workload.requests, 0, Math.min(50, m), out);
const start = now();
const allowed = engine.decideRange(workload.requests, 0, m, out);
const t = since(start);
process.stdout.write(JSON.stringify({ prepareMs, count: m, allowed, cpuMs: t.cpu, wallMs: t.wall, out: Buffer.from(out).toString('base64'), sets: engine.sets, largest: engine.largest }));
