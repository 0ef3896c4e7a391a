// Layout checks the screen tests share: nothing visible overlaps, nothing overflows sideways.
import type { Locator, Page } from '@playwright/test';

/** Elements whose boxes must not overlap one another (unless one holds the other). */
const CHECKED = [
  'button',
  'select',
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio])',
  'textarea',
  'h1',
  'h2',
  'h3',
  'p',
  'li',
  'label',
  'progress',
  '[role=status]',
  '[data-testid=verdict]',
  '.qc-bar',
].join(', ');

export interface Overlap {
  readonly a: string;
  readonly b: string;
  /** The shared area's width and height, in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

/**
 * Pairs of visible elements in `root` (the page by default) whose boxes, as far as they
 * are visible through scrolling ancestors, overlap by more than `tolerance` pixels both ways.
 */
export async function overlaps(page: Page, root = 'body', tolerance = 2): Promise<Overlap[]> {
  return page.evaluate(
    ({ selector, root, tolerance }) => {
      type Box = { left: number; top: number; right: number; bottom: number };
      const clip = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
      const name = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const test = el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : '';
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${el.tagName.toLowerCase()}${id}${test} “${text}”`;
      };
      /** The part of the element one can see: its box cut by every ancestor that clips. */
      const visible = (el: Element): Box | null => {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') return null;
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return null;
        let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        for (let p = el.parentElement; p; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.clip !== 'auto') {
            const pr = p.getBoundingClientRect();
            box = clip(box, { left: pr.left, top: pr.top, right: pr.right, bottom: pr.bottom });
          }
        }
        return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : null;
      };
      const scope = document.querySelector(root) ?? document.body;
      const items = [...scope.querySelectorAll(selector)]
        .filter((el) => !el.closest('.sr-only') && !(el.matches('[role=status]') && !el.textContent?.trim()))
        .map((el) => ({ el, box: visible(el) }))
        .filter((x): x is { el: Element; box: Box } => x.box !== null);
      const found: { a: string; b: string; width: number; height: number }[] = [];
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i]!;
          const b = items[j]!;
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          // A label and the control it names may touch; the control inside a label is its child.
          const shared = clip(a.box, b.box);
          const width = shared.right - shared.left;
          const height = shared.bottom - shared.top;
          if (width > tolerance && height > tolerance) found.push({ a: name(a.el), b: name(b.el), width: Math.round(width), height: Math.round(height) });
        }
      }
      return found;
    },
    { selector: CHECKED, root, tolerance },
  );
}

/** The page's horizontal overflow in CSS pixels (0: no horizontal scrollbar). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth;
  });
}

/** True when the two elements' boxes intersect. */
export async function intersects(a: Locator, b: Locator): Promise<boolean> {
  const [ra, rb] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!ra || !rb) return false;
  return ra.x < rb.x + rb.width && rb.x < ra.x + ra.width && ra.y < rb.y + rb.height && rb.y < ra.y + ra.height;
}
