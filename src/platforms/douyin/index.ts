// Douyin web (www.douyin.com): video pages, the recommendation feed, comments and their replies, user pages.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replicas in test/fixtures/sites/www.douyin.com mirror it, each fact with its source):
//   video   https://www.douyin.com/video/<aweme id>        ([data-e2e="video-detail"]; the related-videos
//           panel [data-e2e="related-video"] sits inside it, with the author's card [data-e2e="user-info"]
//           followed by other videos with their own ids and authors)
//   modal   https://www.douyin.com/jingxuan?modal_id=<aweme id>, /user/<sec_uid>?modal_id=…, /search/…?modal_id=…
//   feed    https://www.douyin.com/  ·  /jingxuan   ([data-e2e="feed-active-video"][data-e2e-vid], slides
//           [data-e2e="feed-item"]; the comment panel #videoSideCard and #relatedVideoCard inside the slide)
//   user    https://www.douyin.com/user/<sec_uid>
// Comments are [data-e2e="comment-item"]; a reply is a comment-item inside its parent's comment-item (in its
// .replyContainer, shown by "展开 N 条回复", button.comment-reply-expand-btn). The comment's text has no stable
// class (hashed), so it is found by structure: the block after .comment-item-info-wrap. Comment ids are not in
// the DOM (React props only): a comment record says its id is missing.
// Class names are hashed per release; Douyin's own test hooks (data-e2e) are the stable anchors.
import type { ItemSpec, PlatformAdapter } from '../types';

export const SOURCES = {
  pages: [
    'https://www.douyin.com/video/<aweme id>',
    'https://www.douyin.com/jingxuan?modal_id=<aweme id>',
    'https://www.douyin.com/',
    'https://www.douyin.com/user/<sec_uid>',
  ],
  note:
    'PC web 2023–2025; data-e2e attributes. Facts from public scripts that read these pages (cited in the replicas): ' +
    'related-video inside video-detail, feed-active-video[data-e2e-vid], modal_id, nested comment-item replies.',
} as const;

const USER = /\/user\/([A-Za-z0-9_-]{6,})/;
const AWEME_ID = /^(\d{10,25})$/;
const PERMALINK = 'https://www.douyin.com/video/{awemeId}';

/** Other videos shown beside the one being reported: nothing of the video is read from them. */
const NOT_THE_VIDEO = [
  '[data-e2e="related-video"] li',
  '[data-e2e="related-video-card"]',
  '[data-e2e="video-detail-recommend"]',
  '[data-e2e="recommend-list"]',
  '[data-e2e="aweme-mix"]',
  '#relatedVideoCard',
];

/** A comment and a reply are read the same way; a reply is a comment-item inside another. */
const COMMENT_FIELDS = {
  kind: 'comment',
  slot: ['.comment-item-info-wrap'],
  ids: [{ key: 'commentId', from: 'attr', attr: 'data-cid', pattern: /^(\d+)$/ }],
  author: {
    link: ['.comment-item-info-wrap a[href*="/user/"]', 'a[href*="/user/"]:not(:has(img))'],
    // "作者" (the video's author) is a badge inside the name's link.
    nameNoise: ['.comment-item-tag', '[data-e2e="comment-author-tag"]'],
    idPattern: USER,
  },
  // The text sits in a span whose class is a hash: the block right after the author line.
  text: ['[data-e2e="comment-text"]', '.comment-item-info-wrap + div'],
  time: { shown: ['[data-e2e="comment-time"]', '.comment-item-info-wrap + div + div > span:first-child'] },
  engagement: { likes: ['[data-e2e="comment-digg"]', '.comment-item-stats-container p span'] },
  around: true,
} as const satisfies Omit<ItemSpec, 'id' | 'find'>;

const douyin: PlatformAdapter = {
  id: 'douyin',
  items: [
    {
      id: 'user-header',
      kind: 'user',
      find: ['[data-e2e="user-detail"]', '[data-e2e="user-info"]:has(h1)'],
      permalinkFromPage: true,
      // The profile's address without what the page adds to it (?modal_id=… when a video is open).
      permalinkTemplate: 'https://www.douyin.com/user/{secUid}',
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
      // Before 'comment': a reply matches both, and an element matched by two specs is the first one's.
      id: 'reply',
      find: ['[data-e2e="comment-item"] [data-e2e="comment-item"]'],
      ...COMMENT_FIELDS,
      parent: ['comment'],
    },
    {
      id: 'comment',
      find: ['[data-e2e="comment-item"]'],
      ...COMMENT_FIELDS,
      parent: ['video', 'feed-video'],
    },
    {
      // The video a page (or a modal) is about: its id is in the page's URL, /video/<id> or ?modal_id=<id>.
      id: 'video',
      kind: 'video',
      find: ['[data-e2e="video-detail"]', '[data-e2e="detail-video-info"]'],
      exclude: NOT_THE_VIDEO,
      slot: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]', '[data-e2e="detail-video-info"]'],
      permalinkFromPage: true,
      permalinkTemplate: PERMALINK,
      ids: [
        { key: 'awemeId', from: 'attr', attr: 'data-e2e-vid', pattern: AWEME_ID },
        { key: 'awemeId', from: 'page', pattern: /\/video\/(\d{10,25})/ },
        { key: 'awemeId', from: 'page', pattern: /[?&]modal_id=(\d{10,25})/ },
      ],
      author: {
        // The author's card: in [data-e2e="related-video"] on the video page, before the related videos.
        link: [
          '[data-e2e="user-info"] a[href*="/user/"]:not(:has(img))',
          '[data-e2e="video-author-info"] a[href*="/user/"]:not(:has(img))',
          '[data-e2e="user-info"] a[href*="/user/"]',
          '[data-e2e="video-author-info"] a[href*="/user/"]',
        ],
        idPattern: USER,
      },
      title: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]'],
      text: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]'],
      time: { shown: ['[data-e2e="detail-video-publish-time"]', '[data-e2e="video-create-time"]', '.video-create-time'] },
      media: ['xg-video-container video', '[data-e2e="video-player"] video'],
      engagement: {
        likes: ['[data-e2e="video-player-digg"]', '[data-e2e="digg-count"]'],
        comments: ['[data-e2e="feed-comment-icon"]', '[data-e2e="comment-count"]'],
        favorites: ['[data-e2e="video-player-collect"]'],
        shares: ['[data-e2e="video-player-share"]'],
      },
    },
    {
      // A slide of the feed: its id is its own (data-e2e-vid on the playing slide), never the page's.
      id: 'feed-video',
      kind: 'video',
      find: ['[data-e2e="feed-active-video"]', '[data-e2e="feed-item"]'],
      exclude: NOT_THE_VIDEO,
      slot: ['[data-e2e="video-desc"]'],
      permalink: ['a[href*="/video/"][data-e2e="video-link"]'],
      permalinkTemplate: PERMALINK,
      ids: [
        { key: 'awemeId', from: 'attr', attr: 'data-e2e-vid', pattern: AWEME_ID },
        { key: 'awemeId', from: 'attr', sel: ['[data-e2e-vid]'], attr: 'data-e2e-vid', pattern: AWEME_ID },
        { key: 'awemeId', from: 'permalink', pattern: /\/video\/(\d{10,25})/ },
      ],
      author: {
        link: [
          '[data-e2e="feed-video-nickname"] a[href*="/user/"]',
          'a[data-e2e="feed-video-nickname"]',
          '[data-e2e="feed-video-nickname"]',
          '[data-e2e="video-author-info"] a[href*="/user/"]:not(:has(img))',
        ],
        idPattern: USER,
      },
      title: ['[data-e2e="video-desc"]'],
      text: ['[data-e2e="video-desc"]'],
      time: { shown: ['[data-e2e="video-create-time"]', '.video-create-time'] },
      media: ['xg-video-container video', '[data-e2e="video-player"] video'],
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
