// Labels that fit a select as its closed box shows them: a text is measured in the
// select's own font against its inner width (again whenever the select is resized), and
// a label too long is cut where a word ends, never inside one.
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

/**
 * `label` as it fits: whole when `fits` it, else cut only where a word ends (before a
 * space, `·`, `+` or `,`) with `…` after the last whole word, the longest such that
 * fits. The first word (the id) is kept whole even when it alone does not fit. Show the
 * full label in `title` beside it.
 */
export function fitLabel(label: string, fits: (text: string) => boolean): string {
  if (fits(label)) return label;
  const ends = [...label.matchAll(/[\s·+,]+/g)].map((m) => m.index).filter((i) => i > 0);
  for (let k = ends.length - 1; k >= 0; k--) {
    const short = `${label.slice(0, ends[k])}…`;
    if (fits(short) || k === 0) return short;
  }
  return label; // one word: never cut inside it
}

/** `label` in at most `max` characters, cut where a word ends (fitLabel). */
export function shortLabel(label: string, max: number): string {
  return fitLabel(label, (text) => text.length <= max);
}
