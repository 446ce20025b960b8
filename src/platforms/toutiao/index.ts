// Toutiao (今日头条) web: articles, 微头条 posts, comments, user pages.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replica in test/fixtures/sites/www.toutiao.com mirrors it):
//   article  https://www.toutiao.com/article/<group id>/     (.article-content > h1, .article-meta, article.syl-article-base)
//   微头条    https://www.toutiao.com/w/<id>/                  (.wtt-content / .weitoutiao-html)
//   user     https://www.toutiao.com/c/user/token/<token>/
// Anchors: the /c/user/token/ profile links, the article element, the URL ids.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://www.toutiao.com/article/<group id>/', 'https://www.toutiao.com/w/<id>/', 'https://www.toutiao.com/c/user/token/<token>/'],
} as const;

const USER = /\/c\/user\/token\/([A-Za-z0-9_-]+)/;

const toutiao: PlatformAdapter = {
  id: 'toutiao',
  items: [
    {
      id: 'comment',
      kind: 'comment',
      find: ['.ttp-comment-wrapper li.comment-item', '.comment-list > li', '[data-comment-id]'],
      slot: ['.comment-action', '.action'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'data-comment-id', pattern: /^(\d+)$/ }],
      author: { link: ['a.user-name[href*="/c/user/token/"]', 'a[href*="/c/user/token/"]:not(:has(img))'], idPattern: USER },
      text: ['p.content', '.comment-content', '.content'],
      time: { shown: ['.comment-info .time', '.time'] },
      engagement: { likes: ['.comment-action .digg', '.digg'] },
      parent: ['article', 'weitoutiao'],
      around: true,
    },
    {
      id: 'article',
      kind: 'article',
      find: ['.main-content:has(article)', '.article-content'],
      slot: ['.article-meta', 'h1'],
      permalinkFromPage: true,
      ids: [{ key: 'groupId', from: 'page', pattern: /\/(?:article|group|a)\/?(\d{10,25})/ }],
      title: ['.article-content h1', 'h1'],
      author: { link: ['.article-meta .name a[href*="/c/user/token/"]', '.article-meta a[href*="/c/user/token/"]', '.author-info a[href*="/c/user/token/"].name', 'a[href*="/c/user/token/"]:not(:has(img))'], idPattern: USER },
      text: ['article.syl-article-base', 'article.tt-article-content', 'article'],
      time: { shown: ['.article-meta > span:not(.original-tag):not(.name)', '.article-meta .time'] },
      media: ['article .pgc-img img', 'article img', 'article video'],
      engagement: { likes: ['.detail-like .count', '.detail-interaction-like span'], comments: ['.detail-interaction-comment span'] },
    },
    {
      id: 'weitoutiao',
      kind: 'post',
      find: ['.wtt-detail-container', '.weitoutiao-detail', '.feed-card-wtt'],
      slot: ['.wtt-header', '.wtt-info'],
      permalink: ['a[href*="/w/"]'],
      permalinkFromPage: true,
      ids: [
        { key: 'postId', from: 'permalink', pattern: /\/w\/(\d{10,25})/ },
        { key: 'postId', from: 'page', pattern: /\/w\/(\d{10,25})/ },
      ],
      author: { link: ['.wtt-header a[href*="/c/user/token/"]:not(:has(img))', 'a[href*="/c/user/token/"]:not(:has(img))'], idPattern: USER },
      text: ['.weitoutiao-html', '.wtt-content'],
      time: { shown: ['.wtt-header .time', '.time'] },
      media: ['.wtt-images img', '.image-list img'],
    },
  ],
};

export default toutiao;
