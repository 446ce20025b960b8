// Finding a captured item again, for the screenshot it was stored without (extension/background/retake.ts
// calls it through scripting.executeScript in this isolated world). Loaded only then: every page pays for
// the content script's entry, and this is needed once in a while.
import { panelClip } from '../../src/capture/panel-clip';
import { genericFinder, type CaptureContext, type ItemFinder } from './item-finder';
import { CAPTURING_ATTR, capturedItems, hideOwnControls, nextFrame } from './report-buttons';

export interface LocateRequest {
  type: 'ra-locate';
  key: string;
  permalink: string | null;
  ids: Record<string, string>;
  kind: string;
}

/**
 * Finds a captured item again for a screenshot taken after the capture, scrolls it into view and answers
 * its box. The element kept at capture when it is still in the page; else (the page was loaded again) the
 * item on the page with the same permalink, or the same ids and kind. Its report button is hidden until
 * `releaseItem` (or a few seconds).
 */
export async function locateItem(request: LocateRequest, finder: ItemFinder | undefined, ctx: () => CaptureContext): Promise<unknown> {
  let el = capturedItems.get(request.key)?.deref();
  if (!el?.isConnected) {
    el = undefined;
    for (const candidate of [finder, genericFinder]) {
      if (!candidate) continue;
      const match = candidate.find(document).find((f) => {
        const post = candidate.extract(f, ctx());
        if (request.permalink) return post.permalink === request.permalink;
        const ids = Object.entries(request.ids);
        return post.kind === request.kind && ids.length > 0 && ids.every(([k, v]) => post.ids[k] === v);
      });
      if (match) {
        el = match.el;
        break;
      }
    }
  }
  if (!el) return { found: false };
  releaseItem();
  const restore = hideOwnControls(el);
  el.setAttribute(CAPTURING_ATTR, '');
  const timer = setTimeout(releaseItem, 10_000);
  held = () => {
    clearTimeout(timer);
    el!.removeAttribute(CAPTURING_ATTR);
    restore();
  };
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  await nextFrame();
  const r = el.getBoundingClientRect();
  const clip = panelClip(el);
  return {
    found: true,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: window.innerWidth, height: window.innerHeight },
    scroll: { x: window.scrollX, y: window.scrollY },
    ...(clip ? { clip } : {}),
  };
}

let held: (() => void) | undefined;
export function releaseItem(): void {
  held?.();
  held = undefined;
}

