// Whether a text fits a select as its closed box shows it: measured in the select's own
// font against its inner width, and again whenever the select is resized.
import { useLayoutEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

/** Room the closed select keeps for its arrow, in px. */
const ARROW_PX = 24;

/** A test for texts, or null while the element is not measured (then show texts whole). */
export function useTextFit(ref: RefObject<HTMLElement | null>): ((text: string) => boolean) | null {
  const [fits, setFits] = useState<((text: string) => boolean) | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const context = el ? document.createElement('canvas').getContext('2d') : null;
    if (!el || !context) return;
    let measured = '';
    const measure = () => {
      const style = getComputedStyle(el);
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW_PX;
      const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      if (`${room} ${font}` === measured) return;
      measured = `${room} ${font}`;
      if (room <= 0) return setFits(null);
      context.font = font;
      setFits(() => (text: string) => context.measureText(text).width <= room);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return fits;
}
