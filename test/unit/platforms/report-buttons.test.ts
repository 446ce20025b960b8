// The content script's button layer in a DOM (happy-dom): one button per item, new items from infinite
// scroll, teardown on abort, the generic fallback stepping back when the adapter finds its items, and the
// message a click sends (valid against the schema the worker checks, with the configured context count).
// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attachReportButtons } from '../../../extension/content/report-buttons';
import { loadPlatformFinder, type ItemFinder } from '../../../extension/content/item-finder';
import { platformForUrl } from '../../../src/platforms/registry';
import { CapturedPostSchema } from '../../../src/model/captured-post';
import type { Message } from '../../../src/messaging/protocol';

const SITES = path.join(process.cwd(), 'test/fixtures/sites');
const page = (file: string) =>
  readFileSync(path.join(SITES, file), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<link[^>]*>/g, '')
    .replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '');

let weibo: ItemFinder;
beforeAll(async () => {
  weibo = await loadPlatformFinder(platformForUrl('https://weibo.com/')!);
  Element.prototype.scrollIntoView ??= () => undefined;
});

let controller: AbortController;
afterEach(() => controller?.abort());

function attach(finder: ItemFinder | undefined, send: (m: Message) => Promise<unknown> = async () => ({ ok: true, reportId: 'r' }), contextCount = 3) {
  controller = new AbortController();
  attachReportButtons(document, {
    signal: controller.signal,
    ...(finder ? { finder } : {}),
    label: '举报',
    busyLabel: '…',
    doneLabel: '✓',
    failedLabel: '!',
    send,
    contextCount: async () => contextCount,
  });
}

/** A click as the browser reports a person's: happy-dom cannot make trusted events, so the flag is set. */
function trustedClick(el: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
}

/** A person's press (pointerdown) or release (pointerup), trusted like trustedClick. */
function trustedPointer(el: Element, type: 'pointerdown' | 'pointerup'): void {
  const event = new MouseEvent(type, { bubbles: true, composed: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
}

const buttons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[data-report-assistant="report"]'));
const settle = () => new Promise((r) => setTimeout(r, 700));

describe('report buttons', () => {
  it('puts one button on each post, none on the reposted original, and follows infinite scroll', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons().map((b) => b.getAttribute('data-item'))).toEqual(['weibo:post', 'weibo:post', 'weibo:post']);
    expect(document.querySelector('[class*="Feed_retweet_"] [data-report-assistant]')).toBeNull();
    expect(buttons().every((b) => b.getAttribute('aria-label') === '举报' && b.type === 'button')).toBe(true);

    const more = document.querySelector('[data-fixture="wb-post-plain"]')!.parentElement!.cloneNode(true) as Element;
    more.querySelector('[data-report-assistant]')?.remove();
    document.querySelector('.vue-recycle-scroller__item-wrapper')!.append(more);
    await settle();
    expect(buttons()).toHaveLength(4);
    // A re-scan of the same nodes adds nothing.
    document.querySelector('.vue-recycle-scroller__item-wrapper')!.append(document.createElement('div'));
    await settle();
    expect(buttons()).toHaveLength(4);
  });

  // Some sites scroll their feed in a box of their own rather than the window.
  it.each(['the window', 'a scrolling box'])('while %s scrolls, waits for it to stop, then decorates what is near the window; the rest when scrolled to', async (scroller) => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons()).toHaveLength(3);
    const list = document.querySelector('.vue-recycle-scroller__item-wrapper')!;
    const template = document.querySelector('[data-fixture="wb-post-plain"]')!.parentElement!;
    // Where each new post is laid out: the first batch in the window, the second far below it.
    const top = new WeakMap<Element, number>();
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const y = top.get(this) ?? 0;
      return { x: 0, y, top: y, left: 0, right: 600, bottom: y + 200, width: 600, height: 200, toJSON: () => ({}) } as DOMRect;
    });
    const addBatch = (y: number) => {
      for (let i = 0; i < 4; i++) {
        const post = template.cloneNode(true) as Element;
        post.querySelector('[data-report-assistant]')?.remove();
        top.set(post, y + i * 200);
        list.append(post);
      }
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // The page is known to be still at most 450 ms after its last scroll (sampled, see report-buttons.ts).
    const STILL_MS = 470;
    const box = scroller === 'a scrolling box' ? list : undefined;
    /** The window (or the box) moves and says so, as a browser does. */
    const scroll = () => {
      if (box) {
        box.scrollTop += 40;
        box.dispatchEvent(new Event('scroll'));
      } else {
        window.scrollTo(0, window.scrollY + 40);
        document.dispatchEvent(new Event('scroll'));
      }
    };
    try {
      scroll();
      addBatch(100);
      addBatch(10_000);
      // A scroll that goes on for a while, a frame at a time: nothing is placed while it lasts.
      for (let t = 0; t < 500; t += 16) {
        await sleep(16);
        scroll();
      }
      expect(buttons()).toHaveLength(3);
      await sleep(STILL_MS);
      // At rest: the batch in the window has its buttons; the far one waits.
      expect(buttons()).toHaveLength(7);
      // The person scrolls down to it.
      for (const post of Array.from(list.children).slice(-4)) top.set(post, (top.get(post) ?? 0) - 9_900);
      scroll();
      await sleep(STILL_MS);
      expect(buttons()).toHaveLength(11);
      expect(Array.from(list.children).every((post) => post.querySelectorAll('[data-report-assistant="report"]').length === 1)).toBe(true);
    } finally {
      rect.mockRestore();
    }
  });

  // (happy-dom reports each added node in a record of its own, so here every page is read node by node; the
  // browser tests run the pages as browsers report them, one record per change.)
  it('at the stop, gives buttons to the posts added while scrolling that are in view, also of a page partly gone or spanning the window', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons()).toHaveLength(3);
    const list = document.querySelector('.vue-recycle-scroller__item-wrapper')!;
    const template = document.querySelector('[data-fixture="wb-post-plain"]')!.parentElement!;
    const top = new WeakMap<Element, number>();
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const y = top.get(this) ?? 0;
      return { x: 0, y, top: y, left: 0, right: 600, bottom: y + 200, width: 600, height: 200, toJSON: () => ({}) } as DOMRect;
    });
    /** One change adding `ys.length` posts laid out at those heights, with text between them as pages have. */
    const addBatch = (ys: number[]) => {
      const fragment = document.createDocumentFragment();
      const posts = ys.map((y) => {
        const post = template.cloneNode(true) as Element;
        post.querySelector('[data-report-assistant]')?.remove();
        top.set(post, y);
        fragment.append('\n', post);
        return post;
      });
      fragment.append('\n');
      list.append(fragment);
      return posts;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const scroll = () => {
      window.scrollTo(0, window.scrollY + 40);
      document.dispatchEvent(new Event('scroll'));
    };
    try {
      scroll();
      // A recycling list: the first and last posts of this page (laid out far below) are gone by the stop, the
      // middle two are in view.
      const recycled = addBatch([9_000, 100, 300, 9_200]);
      // A page whose first post is far above and last far below: the posts between are in view.
      const across = addBatch([-9_000, 200, 400, 9_000]);
      await sleep(50);
      scroll();
      recycled[0]!.remove();
      recycled[3]!.remove();
      await sleep(470);
      const has = (post: Element) => post.querySelectorAll('[data-report-assistant="report"]').length === 1;
      expect(recycled.slice(1, 3).every(has)).toBe(true);
      expect(across.slice(1, 3).every(has)).toBe(true);
      expect(has(across[0]!) || has(across[3]!)).toBe(false);
      expect(buttons()).toHaveLength(7);
    } finally {
      rect.mockRestore();
    }
  });

  it('at the stop, looks at a feed\'s pages as one stretch: far as a whole costs two reads, across the window it is halved down to the pages in view', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    const list = document.querySelector('.vue-recycle-scroller__item-wrapper')!;
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    const template = document.querySelector('[data-fixture="wb-post-plain"]')!.parentElement!;
    const top = new WeakMap<Element, number>();
    let reads = 0;
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      reads++;
      const y = top.get(this) ?? 0;
      return { x: 0, y, top: y, left: 0, right: 600, bottom: y + 200, width: 600, height: 200, toJSON: () => ({}) } as DOMRect;
    });
    const post = () => {
      const el = template.cloneNode(true) as Element;
      el.querySelector('[data-report-assistant]')?.remove();
      return el;
    };
    /** A page of a feed: `count` posts in one change, text between them as real pages have. */
    const addPage = (parent: Element, count: number) => {
      const fragment = document.createDocumentFragment();
      const posts = Array.from({ length: count }, () => post());
      for (const el of posts) fragment.append('\n', el);
      parent.append(fragment);
      return posts;
    };
    /** Lays the feed's pages out one under the other, `offset` px from the window's top to the first post. */
    const layOut = (pages: Element[][], offset: number) => {
      let y = offset;
      for (const p of pages) for (const el of p) (top.set(el, y), (y += 200));
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const scroll = () => document.dispatchEvent(new Event('scroll'));
    const has = (el: Element) => el.querySelectorAll('[data-report-assistant="report"]').length === 1;
    try {
      // Forty pages of five posts come while the page scrolls, and a reply list opens elsewhere, in view,
      // between two of them: it is not part of the feed's stretch.
      scroll();
      const pages: Element[][] = [];
      for (let k = 0; k < 20; k++) pages.push(addPage(list, 5));
      const reply = addPage(elsewhere, 1)[0]!;
      top.set(reply, 100);
      for (let k = 0; k < 20; k++) pages.push(addPage(list, 5));
      await sleep(20);
      // The person stops at post 140 (page 28): posts 136–147 are near the window (one window above it, two
      // below), everything else far above or below.
      layOut(pages, -140 * 200);
      reads = 0;
      await sleep(500);
      expect(has(reply)).toBe(true);
      const near = pages.flat().slice(136, 148);
      expect(near.every(has)).toBe(true);
      expect(pages.flat().filter(has)).toHaveLength(near.length);
      // Page by page it took 202 reads; halving the stretch takes about 50.
      expect(reads).toBeLessThan(80);
      // Scrolled on until all of it is far above: the pages that waited are two stretches (the posts left over
      // on both sides of the ones that got buttons), two reads each.
      scroll();
      await sleep(20);
      layOut(pages, -400 * 200);
      reads = 0;
      await sleep(500);
      expect(reads).toBeLessThanOrEqual(4);
      expect(pages.flat().filter(has)).toHaveLength(near.length);
      // Scrolled back to page 2: posts 6–17 get their buttons, the rest of the stretch keeps waiting, and no
      // post has two.
      scroll();
      await sleep(20);
      layOut(pages, -10 * 200);
      await sleep(500);
      expect(pages.flat().slice(6, 18).every(has)).toBe(true);
      expect(pages.flat().slice(18, 136).some(has)).toBe(false);
      expect(pages.flat().slice(0, 6).some(has)).toBe(false);
      for (const el of pages.flat()) expect(el.querySelectorAll('[data-report-assistant="report"]').length).toBeLessThanOrEqual(1);
    } finally {
      rect.mockRestore();
    }
  });

  it('removes everything on abort and stops watching', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons()).toHaveLength(3);
    const removed = vi.spyOn(document, 'removeEventListener');
    controller.abort();
    expect(buttons()).toHaveLength(0);
    expect(document.querySelector('style[data-report-assistant]')).toBeNull();
    // The scroll listener, set again each period without the signal, is taken off by hand.
    expect(removed.mock.calls.some(([type]) => type === 'scroll')).toBe(true);
    removed.mockRestore();
    document.body.insertAdjacentHTML('beforeend', page('weibo.com/index.html'));
    await settle();
    expect(buttons()).toHaveLength(0);
  });

  it('falls back to the generic finder, and steps back once the adapter finds its items', async () => {
    document.body.innerHTML = page('weibo.com/redesign/index.html');
    attach(weibo);
    expect(buttons().map((b) => b.getAttribute('data-item'))).toEqual(['generic', 'generic']);
    document.body.insertAdjacentHTML('beforeend', page('weibo.com/u/1850000001/index.html'));
    await settle();
    expect(buttons().map((b) => b.getAttribute('data-item')).sort()).toEqual(['weibo:post', 'weibo:user-header']);
  });

  it('uses the generic finder alone where no adapter runs', () => {
    document.body.innerHTML = page('feed/index.html');
    attach(undefined);
    expect(buttons()).toHaveLength(3);
  });

  it('ignores clicks that a page script makes', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    const send = vi.fn(async () => ({ ok: true, reportId: 'r' }));
    attach(weibo, send);
    buttons()[0]!.click();
    buttons()[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    expect(send).not.toHaveBeenCalled();
    expect(buttons()[0]!.dataset.state).toBeUndefined();
  });

  it('sends a schema-valid capture with the configured number of neighbours', async () => {
    document.body.innerHTML = page('weibo.com/1850000001/PcQx7aB3k/index.html');
    const send = vi.fn(async (_m: Message) => ({ ok: true, reportId: '00000000-0000-4000-8000-000000000000' }));
    attach(weibo, send, 1);
    const button = document.querySelector<HTMLButtonElement>('[data-fixture="wb-c3"] [data-report-assistant="report"]')!;
    trustedClick(button);
    await vi.waitFor(() => expect(button.dataset.state).toBe('done'));
    expect(button.dataset.reportId).toBe('00000000-0000-4000-8000-000000000000');
    const message = send.mock.calls[0]![0] as Extract<Message, { type: 'capture-post' }>;
    expect(message.type).toBe('capture-post');
    expect(v.safeParse(CapturedPostSchema, message.payload.post).success).toBe(true);
    expect(message.payload.post.text).toBe('已举报。投资理财请认准正规渠道。');
    expect(message.payload.post.context.filter((c) => c.role === 'around').map((c) => c.text)).toEqual(['老师真的厉害，我上周刚赚了五万，私信老师！', '围观']);
  });

  it('shows a failure on the button when the worker refuses', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo, async () => ({ ok: false, error: 'errorRejected' }));
    const button = buttons()[0]!;
    trustedClick(button);
    await vi.waitFor(() => expect(button.dataset.state).toBe('failed'));
  });

  it('hides the item\'s controls on a press, keeps them hidden until the worker answers, and puts them back', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    let answer: (value: unknown) => void = () => undefined;
    const send = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    attach(weibo, send);
    const button = buttons()[0]!;
    trustedPointer(button, 'pointerdown');
    expect(button.style.getPropertyValue('opacity')).toBe('0');
    trustedPointer(button, 'pointerup');
    trustedClick(button);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    // Still capturing: the release's timer must not have put the button back into the picture.
    expect(button.style.getPropertyValue('opacity')).toBe('0');
    answer({ ok: true, reportId: 'r' });
    await vi.waitFor(() => expect(button.dataset.state).toBe('done'));
    expect(button.style.getPropertyValue('opacity')).toBe('');
  });

  it('puts the controls back when a press ends without a click, or the click lands on another button', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    const send = vi.fn(async () => ({ ok: true, reportId: 'r' }));
    attach(weibo, send);
    const [first, second] = buttons();
    trustedPointer(first!, 'pointerdown');
    trustedPointer(document.body, 'pointerup');
    await new Promise((r) => setTimeout(r, 10));
    expect(first!.style.getPropertyValue('opacity')).toBe('');
    expect(send).not.toHaveBeenCalled();

    trustedPointer(first!, 'pointerdown');
    trustedClick(second!);
    expect(first!.style.getPropertyValue('opacity')).toBe('');
    await vi.waitFor(() => expect(second!.dataset.state).toBe('done'));
    expect(send).toHaveBeenCalledTimes(1);
  });
});
