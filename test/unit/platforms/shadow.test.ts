// Shadow-piercing selectors (">>>") and walking up out of shadow roots, for web-component sites.
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { composedClosest, deepAll, isValidSelector, joined } from '../../../src/platforms/extract';

function build(): { thread: Element; reply: Element } {
  document.body.innerHTML = '<div class="page"><bili-comments></bili-comments></div>';
  const feed = document.querySelector('bili-comments')!.attachShadow({ mode: 'open' });
  feed.innerHTML = '<div id="feed"><bili-comment-thread-renderer></bili-comment-thread-renderer></div>';
  const thread = feed.querySelector('bili-comment-thread-renderer')!;
  const threadRoot = thread.attachShadow({ mode: 'open' });
  threadRoot.innerHTML = '<bili-comment-renderer></bili-comment-renderer><bili-comment-replies-renderer></bili-comment-replies-renderer>';
  threadRoot.querySelector('bili-comment-renderer')!.attachShadow({ mode: 'open' }).innerHTML = '<div id="footer"><p id="contents">正文</p></div>';
  const replies = threadRoot.querySelector('bili-comment-replies-renderer')!.attachShadow({ mode: 'open' });
  replies.innerHTML = '<bili-comment-reply-renderer></bili-comment-reply-renderer>';
  const reply = replies.querySelector('bili-comment-reply-renderer')!;
  reply.attachShadow({ mode: 'open' }).innerHTML = '<p id="contents">回复</p>';
  return { thread, reply };
}

describe('shadow-piercing selectors', () => {
  it('reach into nested open shadow roots, from the document or from an item', () => {
    const { thread } = build();
    expect(deepAll(document, 'bili-comments >>> #feed bili-comment-thread-renderer')).toEqual([thread]);
    expect(deepAll(thread, '>>> bili-comment-renderer >>> #contents').map((e) => e.textContent)).toEqual(['正文']);
    expect(deepAll(thread, '>>> bili-comment-replies-renderer >>> bili-comment-reply-renderer >>> #contents').map((e) => e.textContent)).toEqual(['回复']);
    // Plain selectors stay in the light tree.
    expect(deepAll(document, '#contents')).toEqual([]);
    expect(deepAll(thread, 'bili-comment-renderer >>> #contents')).toEqual([]);
    expect(deepAll(thread, 'x >>> >>> y')).toEqual([]);
  });

  it('are valid in data but never joined into a querySelectorAll list', () => {
    expect(isValidSelector('>>> a >>> b')).toBe(true);
    expect(isValidSelector('a >>> [')).toBe(false);
    expect(isValidSelector('a >>> >>> b')).toBe(false);
    expect(joined(['a', '>>> b', 'c'])).toBe('a, c');
  });

  it('walk up from inside shadow roots to the page', () => {
    const { reply, thread } = build();
    expect(composedClosest(reply, 'bili-comment-thread-renderer')).toBe(thread);
    expect(composedClosest(reply, '.page')).toBe(document.querySelector('.page'));
    expect(composedClosest(reply, '.nowhere')).toBeNull();
  });
});
