// Where an element can be seen when it scrolls inside an inner panel (an `overflow: auto` container of an SPA
// layout) rather than the window: the worker stitches a post that panel cuts off, though it fits the window.
// Used by the report buttons and the element picker, after the person's click (it reads layout).
import type { Rect } from '../model/captured-post';

/**
 * The visible box of the element's nearest scrollable ancestor (an `overflow: auto` panel of an SPA layout),
 * within the viewport; undefined when the window is what scrolls. Layout reads: only after a click.
 */
export function panelClip(el: Element): Rect | undefined {
  const view = el.ownerDocument.defaultView;
  if (!view) return undefined;
  const pageScroller = el.ownerDocument.scrollingElement;
  for (let n = el.parentElement; n && n !== el.ownerDocument.documentElement && n !== pageScroller; n = n.parentElement) {
    const overflowY = view.getComputedStyle(n).overflowY;
    if (overflowY !== 'auto' && overflowY !== 'scroll' && overflowY !== 'overlay') continue;
    if (n.scrollHeight <= n.clientHeight + 1) continue;
    const box = n.getBoundingClientRect();
    const top = Math.max(0, box.top + n.clientTop);
    const bottom = Math.min(view.innerHeight, box.top + n.clientTop + n.clientHeight);
    const left = Math.max(0, box.left + n.clientLeft);
    const right = Math.min(view.innerWidth, box.left + n.clientLeft + n.clientWidth);
    if (bottom <= top || right <= left) return undefined;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }
  return undefined;
}

