// What the report buttons attach to: a platform adapter's items (loaded lazily, with the extraction
// engine, only on the platform's pages) or, where no adapter runs or it finds nothing, the generic finder.
import { extractGenericPost, findGenericPosts, GENERIC_POST_SELECTOR } from '../../src/capture/generic-post';
import type { CapturedPost } from '../../src/model/captured-post';
import type { PlatformAdapter } from '../../src/platforms/types';
import type { PlatformRegistration } from '../../src/platforms/registry';

export interface Found {
  el: Element;
  /** Where the button goes. */
  slot: Element;
  /** "weibo:comment", or "generic". */
  key: string;
  kind: string;
}

export interface CaptureContext {
  pageUrl: string;
  pageTitle: string;
  now: Date;
  contextCount: number;
}

export interface ItemFinder {
  readonly platform: string;
  /** Hosts of open shadow roots that hold items (one selector list), if the platform has any. */
  readonly shadowHosts?: string;
  /** Items in `root` (itself included). No layout reads. */
  find(root: ParentNode): Found[];
  /** The item an element sits in, if it is one this finder knows. */
  enclosing(el: Element): Found | undefined;
  extract(found: Found, ctx: CaptureContext): CapturedPost;
}

export const genericFinder: ItemFinder = {
  platform: 'generic',
  find(root) {
    const posts = findGenericPosts(root);
    if (root instanceof Element && root.matches(GENERIC_POST_SELECTOR) && !root.parentElement?.closest(GENERIC_POST_SELECTOR)) {
      posts.unshift(root);
    }
    return posts.map((el) => ({ el, slot: el, key: 'generic', kind: 'post' }));
  },
  enclosing(el) {
    let outer: Element | null = el.closest(GENERIC_POST_SELECTOR);
    while (outer?.parentElement?.closest(GENERIC_POST_SELECTOR)) outer = outer.parentElement.closest(GENERIC_POST_SELECTOR);
    return outer ? { el: outer, slot: outer, key: 'generic', kind: 'post' } : undefined;
  },
  extract(found, ctx) {
    return extractGenericPost(found.el, ctx);
  },
};

/** Loads the adapter and the engine (two lazy chunks) for a platform page. */
export async function loadPlatformFinder(registration: PlatformRegistration): Promise<ItemFinder> {
  const [{ default: adapter }, engine] = await Promise.all([registration.load(), import('../../src/platforms/extract')]);
  return platformFinder(adapter, engine);
}

type Engine = typeof import('../../src/platforms/extract');

function platformFinder(adapter: PlatformAdapter, engine: Engine): ItemFinder {
  const toFound = (el: Element, spec: PlatformAdapter['items'][number]): Found => ({
    el,
    slot: engine.findSlot(adapter, el, spec),
    key: `${adapter.id}:${spec.id}`,
    kind: spec.kind,
  });
  const shadowHosts = adapter.shadowHosts ? engine.joined(adapter.shadowHosts) : '';
  return {
    platform: adapter.id,
    ...(shadowHosts ? { shadowHosts } : {}),
    find(root) {
      return engine.findItems(adapter, root).map(({ el, spec }) => toFound(el, spec));
    },
    enclosing(el) {
      const hit = engine.enclosingItem(adapter, el);
      return hit ? toFound(hit.el, hit.spec) : undefined;
    },
    extract(found, ctx) {
      const spec = adapter.items.find((s) => `${adapter.id}:${s.id}` === found.key);
      const result = engine.extractItem(adapter, found.el, spec, ctx);
      if (result.ok) return result.post;
      // The adapter could not read this item (the site changed): the generic extractor still keeps the text.
      console.warn('[report-assistant]', result.detail, '- using the generic extractor');
      return { ...extractGenericPost(found.el, ctx), kind: spec?.kind ?? 'post' } as CapturedPost;
    },
  };
}
