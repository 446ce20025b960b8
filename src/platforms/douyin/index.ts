// Douyin web (www.douyin.com): video pages, the recommendation feed, comments, user pages.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replica in test/fixtures/sites/www.douyin.com mirrors it):
//   video   https://www.douyin.com/video/<aweme id>
//   feed    https://www.douyin.com/  ·  https://www.douyin.com/jingxuan   ([data-e2e="feed-active-video"][data-e2e-vid])
//   user    https://www.douyin.com/user/<sec_uid>
// Class names are hashed per release; Douyin's own test hooks (data-e2e) are the stable anchors.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://www.douyin.com/video/<aweme id>', 'https://www.douyin.com/', 'https://www.douyin.com/user/<sec_uid>'],
  note: 'PC web 2023–2025; data-e2e attributes.',
} as const;

const USER = /\/user\/([A-Za-z0-9_-]{6,})/;

const douyin: PlatformAdapter = {
  id: 'douyin',
  items: [
    {
      id: 'user-header',
      kind: 'user',
      find: ['[data-e2e="user-detail"]', '[data-e2e="user-info"]:has(h1)'],
      permalinkFromPage: true,
      ids: [
        { key: 'secUid', from: 'page', pattern: USER },
        { key: 'douyinId', from: 'attr', sel: ['[data-e2e="user-info-uid"]', '.TVGQz3SI'], attr: 'data-uid' },
      ],
      author: { link: ['a[href*="/user/"]'], name: ['h1', '[data-e2e="user-info-nickname"]'], idPattern: USER },
      text: ['[data-e2e="user-info-desc"]', '[data-e2e="user-desc"]'],
      engagement: {
        following: ['[data-e2e="user-info-follow"] > div:last-child', '[data-e2e="user-info-follow"]'],
        followers: ['[data-e2e="user-info-fans"] > div:last-child', '[data-e2e="user-info-fans"]'],
        likes: ['[data-e2e="user-info-like"] > div:last-child', '[data-e2e="user-info-like"]'],
      },
    },
    {
      id: 'comment',
      kind: 'comment',
      find: ['[data-e2e="comment-item"]'],
      slot: ['.comment-item-info-wrap', '[data-e2e="comment-item"] > div > div:last-child'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'data-cid', pattern: /^(\d+)$/ }],
      author: { link: ['a[href*="/user/"]:not(:has(img))', 'a[href*="/user/"]'], idPattern: USER },
      text: ['[data-e2e="comment-text"]', '.comment-item-text', 'span.VD5Aa1A1'],
      time: { shown: ['[data-e2e="comment-time"]', '.comment-item-info-wrap > span:first-child'] },
      engagement: { likes: ['[data-e2e="comment-digg"]', '.comment-item-stats-container span'] },
      parent: ['video'],
      around: true,
    },
    {
      id: 'video',
      kind: 'video',
      find: ['[data-e2e="video-detail"]', '[data-e2e="feed-active-video"]', '[data-e2e="feed-item"]', '[data-e2e="detail-video-info"]'],
      slot: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]', '[data-e2e="detail-video-info"]'],
      permalink: ['a[href*="/video/"][data-e2e="video-link"]', 'a[href*="/video/"]:not([href*="/user/"])'],
      permalinkFromPage: true,
      ids: [
        { key: 'awemeId', from: 'attr', attr: 'data-e2e-vid', pattern: /^(\d+)$/ },
        { key: 'awemeId', from: 'permalink', pattern: /\/video\/(\d{10,25})/ },
        { key: 'awemeId', from: 'page', pattern: /\/video\/(\d{10,25})/ },
        { key: 'awemeId', from: 'page', pattern: /[?&]modal_id=(\d{10,25})/ },
      ],
      author: {
        link: ['[data-e2e="video-author-info"] a[href*="/user/"]:not(:has(img))', '[data-e2e="feed-video-nickname"]', '[data-e2e="user-info"] a[href*="/user/"]:not(:has(img))', 'a[href*="/user/"]:not(:has(img))'],
        idPattern: USER,
      },
      title: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]'],
      text: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]'],
      time: { shown: ['[data-e2e="detail-video-publish-time"]', '[data-e2e="video-create-time"]', '.video-create-time'] },
      media: ['xg-video-container video', '[data-e2e="video-player"] video', 'video'],
      engagement: {
        likes: ['[data-e2e="video-player-digg"]', '[data-e2e="digg-count"]'],
        comments: ['[data-e2e="feed-comment-icon"]', '[data-e2e="comment-count"]'],
        favorites: ['[data-e2e="video-player-collect"]'],
        shares: ['[data-e2e="video-player-share"]'],
      },
    },
  ],
};

export default douyin;
