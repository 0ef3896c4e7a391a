// `src/pull`: reading a real workspace from the platform's API (or from saved
// responses) into a version 2 policy file. Pure TypeScript: fetch, clock, progress
// and cancellation are given, so the CLI and the extension's worker share it.
export { pullLeanix, LEANIX_PATHS, jwtPayload } from './leanix';
export { factSheetQuery } from './leanix-sheets';
export { pullQualytics, QUALYTICS_PATHS } from './qualytics';
export { describeFailure } from './failure';
export { noteLine } from './notes';
export { isLoopback, MAX_CONCURRENCY, MAX_RETRIES } from './http';
export { pullTarget } from './origin';
export type { PullTarget } from './origin';
export { systemClock } from './types';
export type {
  Clock,
  FetchLike,
  PullFailure,
  PullNote,
  PullOptions,
  PullProgress,
  PullReport,
  PullResult,
  PullSource,
  PullStats,
  RequestInitLike,
  ResponseLike,
} from './types';
