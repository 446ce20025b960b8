// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractGenericPost, findGenericPosts } from '../../../src/capture/generic-post';

const ctx = { pageUrl: 'https://forum.example/feed?utm_source=x', pageTitle: 'Forum', now: new Date('2026-11-22T03:00:00Z') };

describe('generic post finder', () => {
  it('finds outer articles only and reads author, time, permalink and text', () => {
    document.body.innerHTML = `
      <article id="p1" data-post-id="p1">
        <a rel="author" href="/u/7" data-user-id="7">张三</a>
        <a rel="bookmark" href="/t/1?spm=2"><time datetime="2026-11-20T08:00:00+08:00">昨天 08:00</time></a>
        <div itemprop="articleBody">正文 <b>加粗</b>
          第二行</div>
        <article><p>引用的帖子</p></article>
        <button data-report-assistant="report">举报</button>
      </article>
      <div role="article" id="p2"><p>第二条</p></div>`;
    const posts = findGenericPosts(document);
    expect(posts.map((p) => p.id)).toEqual(['p1', 'p2']);
    const record = extractGenericPost(posts[0]!, ctx);
    expect(record).toMatchObject({
      platform: 'generic',
      kind: 'post',
      ids: { postId: 'p1', authorId: '7' },
      author: { name: '张三', id: '7', profileUrl: 'https://forum.example/u/7' },
      permalink: 'https://forum.example/t/1',
      pageUrl: 'https://forum.example/feed',
      publishedAtText: '昨天 08:00',
      publishedAt: '2026-11-20T00:00:00.000Z',
      text: '正文 加粗\n第二行',
      capturedAt: '2026-11-22T03:00:00.000Z',
    });
    const bare = extractGenericPost(posts[1]!, ctx);
    expect(bare.text).toBe('第二条');
    expect(bare.author).toBeUndefined();
  });

  it('never makes links from javascript: hrefs', () => {
    document.body.innerHTML = `<article><a rel="bookmark" href="javascript:alert(1)">x</a><img src="javascript:1"><p>t</p></article>`;
    const record = extractGenericPost(findGenericPosts(document)[0]!, ctx);
    expect(record.permalink).toBeUndefined();
    expect(record.media).toEqual([]);
  });
});

describe('findPostAround (repeated sibling structures)', () => {
  it('finds the repeating block around an element on a page without articles', async () => {
    const { findPostAround } = await import('../../../src/capture/generic-post');
    document.body.innerHTML = `
      <div class="list">
        <div class="row x_1a"><span class="name">甲</span><p class="body"><b id="deep">第一条</b></p></div>
        <div class="row x_1a"><span class="name">乙</span><p class="body">第二条</p></div>
        <div class="row x_1a"><span class="name">丙</span><p class="body">第三条</p></div>
        <div class="ad">广告</div>
      </div>`;
    const found = findPostAround(document.getElementById('deep')!);
    expect(found?.textContent).toContain('第一条');
    expect(found?.className).toBe('row x_1a');
    // Something that does not repeat has no post around it.
    expect(findPostAround(document.querySelector('.ad')!)).toBeUndefined();
  });

  it('prefers the outermost article', async () => {
    const { findPostAround } = await import('../../../src/capture/generic-post');
    document.body.innerHTML = `<article id="outer"><p>x</p><article id="inner"><span id="s">引用</span></article></article>`;
    expect(findPostAround(document.getElementById('s')!)?.id).toBe('outer');
  });
});
