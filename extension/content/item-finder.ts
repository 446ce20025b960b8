// What the report buttons attach to: a platform adapter's items (its finder loaded lazily, only on the
// platform's pages) or, where no adapter runs or it finds nothing, the generic finder.
import { extractGenericPost, findGenericPosts, GENERIC_POST_SELECTOR } from '../../src/capture/generic-post';
import type { CapturedPost } from '../../src/model/captured-post';
import type { PlatformAdapter } from '../../src/platforms/types';
import { finderFile, type PlatformRegistration } from '../../src/platforms/registry';

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

/**
 * A platform's finder: its adapter and the extraction engine, built as one module per platform
 * (vite.config.ts, `platformFinders`) and imported from the extension by URL. The content script itself is one
 * classic script, so what only the platforms' pages need is not compiled on every page.
 */
export async function loadPlatformFinder(id: PlatformRegistration['id'], urlOf: (path: string) => string): Promise<ItemFinder> {
  const url = urlOf(finderFile(id));
  const module = (await import(/* @vite-ignore */ url)) as { default?: Partial<ItemFinder> };
  const finder = module.default;
  if (finder?.platform !== id || typeof finder.find !== 'function' || typeof finder.enclosing !== 'function' || typeof finder.extract !== 'function') {
    throw new Error(`${url} is not the ${id} finder`);
  }
  return finder as ItemFinder;
}

/** What a finder uses of the extraction engine. */
type Engine = Pick<typeof import('../../src/platforms/extract'), 'enclosingItem' | 'extractItem' | 'findItems' | 'findSlot' | 'joined'>;

/** A platform's finder, from its adapter and the engine (the default export of each finder module). */
export function platformFinder(adapter: PlatformAdapter, engine: Engine): ItemFinder {
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
