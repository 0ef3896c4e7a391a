// What every benchmarked engine offers: prepare once (not timed), then decide.
import type { Request, Workload } from '../workload';

export interface Engine {
  readonly name: string;
  /** Compiles or loads the workspace; parsing and indexing are not timed. */
  prepare(workload: Workload): void | Promise<void>;
  decide(request: Request): boolean;
  /**
   * Decides requests[from, to) into out[i] (1 allow, 0 deny) and returns the number
   * allowed. Each engine has its own copy of this loop, so that its call of
   * `decide` stays monomorphic and can be inlined.
   */
  decideRange(requests: readonly Request[], from: number, to: number, out: Uint8Array): number;
}
