// State of the Workspaces tab that outlives the tab: kept for as long as the page lives,
// above the tab switch, so that switching to another tab and back finds an import's
// located errors (and a running import's progress and Cancel) where they were.
import { useEffect, useState } from 'preact/hooks';

const values = new Map<string, unknown>();
const listeners = new Map<string, Set<() => void>>();
const setters = new Map<string, (next: unknown) => void>();

function setPageState(key: string, initial: unknown, next: unknown): void {
  const prev = values.has(key) ? values.get(key) : initial;
  values.set(key, typeof next === 'function' ? (next as (p: unknown) => unknown)(prev) : next);
  for (const listener of listeners.get(key) ?? []) listener();
}

/** The value under `key` now (outside components). */
export function pageState<T>(key: string, initial: T): T {
  return values.has(key) ? (values.get(key) as T) : initial;
}

/**
 * Like `useState`, but the value belongs to the page, not to the component: it is still
 * there when the component is mounted again, and its setter works while it is not.
 */
export function usePageState<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    let set = listeners.get(key);
    if (!set) listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, [key]);
  let setter = setters.get(key);
  if (!setter) setters.set(key, (setter = (next: unknown) => setPageState(key, initial, next)));
  return [pageState(key, initial), setter as (next: T | ((prev: T) => T)) => void];
}
