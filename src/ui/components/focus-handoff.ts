// Focus that follows an inline step (a confirm, a small form): into the step when it
// opens, back to the button that opened it when it closes, before the next keystroke.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';

export function useFocusHandoff(open: boolean, inside: RefObject<HTMLElement | null>, opener: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (open) inside.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
}
