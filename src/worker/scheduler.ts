// Long work on the engine's thread, in slices: a loop asks `slice.due()` as it goes and,
// once its time budget is spent, `await slice.pause()` lets everything queued run first
// (a cancel, another tab's question, a status report) before it goes on.
//
// The pause is a MessageChannel message, not `setTimeout(0)`: timers are clamped to 4 ms
// after a few nested ones and to a second or more in a background tab, a message is not.

/** Milliseconds a slice of long work runs before it lets queued messages through. */
export const SLICE_MS = 16;

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

/** Resolves in a task of its own, after the messages already queued (a cancel among them). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (!channel) {
      const port = (channel = new MessageChannel()).port1 as MessagePort & { ref?: () => void; unref?: () => void };
      port.onmessage = () => {
        const next = waiting.shift();
        // Node (CLI, tests): an idle channel must not keep the process alive
        if (!waiting.length) port.unref?.();
        next?.();
      };
      (channel.port2 as { unref?: () => void }).unref?.();
    }
    // Node: while a pause waits, the channel keeps the process alive (unref'd, the process
    // could end with the pause's promise never settled)
    (channel.port1 as { ref?: () => void }).ref?.();
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

export interface Slice {
  /** Whether this slice has run its budget: time to `pause()`. */
  due(): boolean;
  /** Lets queued messages run, then starts a new slice. */
  pause(): Promise<void>;
}

export function timeSlice(budgetMs = SLICE_MS, now: () => number = () => performance.now()): Slice {
  let started = now();
  return {
    due: () => now() - started >= budgetMs,
    async pause() {
      await nextTask();
      started = now();
    },
  };
}
