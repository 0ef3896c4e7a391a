// Wall time and this process's CPU time, in ms. On a machine shared with other work,
// wall time counts the time this process waited for a core; CPU time does not (it still
// pays for caches that others evict). On an idle machine the two agree.
export interface Stamp {
  readonly wall: number;
  readonly cpu: number;
}

export function now(): Stamp {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

export function since(start: Stamp): Stamp {
  const end = now();
  return { wall: end.wall - start.wall, cpu: Math.max(end.cpu - start.cpu, 0.001) };
}
