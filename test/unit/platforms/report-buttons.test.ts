// The content script's button layer in a DOM (happy-dom): one button per item, new items before the first
// scroll (the observer) and after it (placed where the pointer or the focus goes), teardown on abort, the
// generic fallback stepping back when the adapter finds its items, and the message a click sends (valid
// against the schema the worker checks, with the configured context count).
// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attachReportButtons, ITEM_ATTR } from '../../../extension/content/report-buttons';
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
    doneNoScreenshotLabel: '✓ (no screenshot)',
    doneNoScreenshotHint: 'no screenshot',
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

  /** A pointer moving over `el`, as the browser reports a real move (composed, so it leaves shadow roots), each to a new place unless `at` is given. */
  let moves = 0;
  const pointerMove = (el: Element, at = ++moves) => el.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, composed: true, clientX: at, clientY: at }));
  const newPost = () => {
    const post = document.querySelector('[data-fixture="wb-post-plain"]')!.parentElement!.cloneNode(true) as Element;
    post.querySelector('[data-report-assistant]')?.remove();
    post.querySelector('article')?.removeAttribute(ITEM_ATTR);
    return post;
  };

  it('once the person has scrolled, leaves what the page adds alone until it is pointed at; then it gets one button', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons()).toHaveLength(3);
    const list = document.querySelector('.vue-recycle-scroller__item-wrapper')!;
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    document.dispatchEvent(new Event('scroll'));
    // An endless feed's next pages while (and after) the person scrolls: nothing runs for them.
    const pages = Array.from({ length: 3 }, () => {
      const fragment = document.createDocumentFragment();
      const posts = Array.from({ length: 5 }, () => newPost());
      fragment.append(...posts);
      list.append(fragment);
      return posts;
    });
    await settle();
    expect(buttons()).toHaveLength(3);
    // The pointer moves onto a post's text: that post gets its button, marked as the item it shows on.
    const post = pages[1]![2]!;
    const article = post.querySelector('article')!;
    pointerMove(post.querySelector('[class*="detail_wbtext"]') ?? article);
    expect(buttons()).toHaveLength(4);
    expect(post.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(1);
    expect(post.querySelector('[data-report-assistant="report"]')!.getAttribute('data-item')).toBe('weibo:post');
    expect(article.hasAttribute(ITEM_ATTR)).toBe(true);
    // Moving on within it, or back onto it, or onto the button itself adds nothing.
    for (const el of Array.from(article.querySelectorAll('*'))) pointerMove(el);
    pointerMove(article);
    expect(post.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(1);
    // A move reported at the pointer's same place is the page moving under it, not the person: nothing.
    const still = pages[0]![0]!.querySelector('article')!;
    pointerMove(still, moves);
    expect(pages[0]![0]!.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(0);
    // Keyboard focus entering another post places its button too.
    const other = pages[2]![0]!.querySelector('article')!;
    other.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(pages[2]![0]!.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(1);
    expect(buttons()).toHaveLength(5);
    // No layout was read for any of it.
    expect(rect).not.toHaveBeenCalled();
    rect.mockRestore();
  });

  it('before any scroll, decorates what the page renders (a feed arriving after the load), and leaves the rest to the pointer after it', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    attach(weibo);
    expect(buttons()).toHaveLength(0);
    document.getElementById('app')!.innerHTML = page('weibo.com/index.html');
    await settle();
    expect(buttons()).toHaveLength(3);
    document.dispatchEvent(new Event('scroll'));
    const list = document.querySelector('.vue-recycle-scroller__item-wrapper')!;
    const post = newPost();
    list.append(post);
    await settle();
    expect(buttons()).toHaveLength(3);
    pointerMove(post.querySelector('article')!);
    expect(buttons()).toHaveLength(4);
  });

  it('gives a pointed-at item a new button when the page took its button away (a list that re-renders its items)', () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    const article = document.querySelector('[data-fixture="wb-post-scam"]')!;
    const item = article.closest(`[${ITEM_ATTR}]`) ?? article;
    item.querySelector('[data-report-assistant="report"]')!.remove();
    expect(buttons()).toHaveLength(2);
    pointerMove(article);
    expect(item.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(1);
    expect(buttons()).toHaveLength(3);
  });

  it('points through a reposted original (which has no button of its own) to the post around it', () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    const post = document.querySelector('[data-fixture="wb-post-repost"]')!;
    const original = document.querySelector('[class*="Feed_retweet_"]')!;
    post.querySelector('[data-report-assistant="report"]')!.remove();
    pointerMove(original.querySelector('*') ?? original);
    expect(original.querySelector('[data-report-assistant]')).toBeNull();
    expect(post.querySelectorAll('[data-report-assistant="report"]')).toHaveLength(1);
  });

  it('removes everything on abort and stops watching', async () => {
    document.body.innerHTML = page('weibo.com/index.html');
    attach(weibo);
    expect(buttons()).toHaveLength(3);
    expect(document.querySelectorAll(`[${ITEM_ATTR}]`)).toHaveLength(3);
    controller.abort();
    expect(buttons()).toHaveLength(0);
    expect(document.querySelectorAll(`[${ITEM_ATTR}]`)).toHaveLength(0);
    expect(document.querySelector('style[data-report-assistant]')).toBeNull();
    document.body.insertAdjacentHTML('beforeend', page('weibo.com/index.html'));
    await settle();
    expect(buttons()).toHaveLength(0);
    // Nor does the pointer place anything any more.
    document.querySelector('article')!.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, composed: true }));
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

  it('uses the generic finder alone where no adapter runs, ahead of time and where the pointer goes', () => {
    document.body.innerHTML = page('feed/index.html');
    attach(undefined);
    expect(buttons()).toHaveLength(3);
    document.dispatchEvent(new Event('scroll'));
    const post = document.querySelector('article')!.cloneNode(true) as Element;
    post.querySelector('[data-report-assistant]')?.remove();
    post.removeAttribute(ITEM_ATTR);
    document.querySelector('article')!.parentElement!.append(post);
    pointerMove(post.querySelector('.body') ?? post);
    expect(buttons()).toHaveLength(4);
    expect(post.querySelector('[data-report-assistant="report"]')!.getAttribute('data-item')).toBe('generic');
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
