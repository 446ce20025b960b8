// Xiaohongshu (小红书) web: notes (笔记), the explore feed, comments and replies, user pages.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replica in test/fixtures/sites/www.xiaohongshu.com mirrors it):
//   note     https://www.xiaohongshu.com/explore/<note id>  (also /discovery/item/<note id>)
//   feed     https://www.xiaohongshu.com/explore            (section.note-item with a[href^="/explore/"])
//   user     https://www.xiaohongshu.com/user/profile/<user id>
// Anchors: note and profile hrefs, element ids (#noteContainer, #detail-desc, comment-<id>).
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://www.xiaohongshu.com/explore/<note id>', 'https://www.xiaohongshu.com/explore', 'https://www.xiaohongshu.com/user/profile/<user id>'],
  note: 'PC web 2023–2025.',
} as const;

const PROFILE = /\/user\/profile\/([0-9a-f]{24})/;
const NOTE = /\/(?:explore|discovery\/item|search_result)\/([0-9a-f]{24})/;

const xiaohongshu: PlatformAdapter = {
  id: 'xiaohongshu',
  items: [
    {
      id: 'user-header',
      kind: 'user',
      find: ['.user-info:has(.user-name)', '.info-part .info'],
      permalinkFromPage: true,
      ids: [{ key: 'userId', from: 'page', pattern: PROFILE }],
      author: { link: ['a[href*="/user/profile/"]'], name: ['.user-name'], idPattern: PROFILE },
      text: ['.user-desc'],
      engagement: { followers: ['.user-interactions > div:nth-child(2) .count'], likes: ['.user-interactions > div:nth-child(3) .count'] },
    },
    {
      id: 'reply',
      kind: 'comment',
      find: ['.comment-item.comment-item-sub', '.reply-container .comment-item'],
      slot: ['.info .interactions', '.info'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'id', pattern: /^comment-([0-9a-f]+)$/ }],
      author: { link: ['.author a.name', 'a[href*="/user/profile/"]:not(:has(img))'], idPattern: PROFILE },
      text: ['.content .note-text', '.content'],
      time: { shown: ['.info .date > span:first-child', '.date'] },
      engagement: { likes: ['.like .count'] },
      parent: ['comment', 'note'],
      around: true,
    },
    {
      id: 'comment',
      kind: 'comment',
      find: ['.parent-comment > .comment-item', '.comments-container .comment-item:not(.comment-item-sub)'],
      slot: ['.info .interactions', '.info'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'id', pattern: /^comment-([0-9a-f]+)$/ }],
      author: { link: ['.author a.name', 'a[href*="/user/profile/"]:not(:has(img))'], idPattern: PROFILE },
      text: ['.content .note-text', '.content'],
      time: { shown: ['.info .date > span:first-child', '.date'] },
      engagement: { likes: ['.like .count'] },
      media: ['.comment-picture img'],
      parent: ['note'],
      around: true,
    },
    {
      id: 'note',
      kind: 'post',
      find: ['#noteContainer', '.note-container', '.note-detail-mask .note-container'],
      slot: ['.author-container .author-wrapper', '.author-container', '.note-content'],
      permalinkFromPage: true,
      ids: [{ key: 'noteId', from: 'page', pattern: NOTE }],
      author: { link: ['.author-container a[href*="/user/profile/"].name', '.author-container a[href*="/user/profile/"]', '.author-wrapper a.name'], name: ['.author-container .username'], idPattern: PROFILE },
      title: ['#detail-title', '.note-content .title'],
      text: ['#detail-desc .note-text', '#detail-desc', '.note-content .desc'],
      noise: ['.note-content-emoji'],
      time: { shown: ['.note-content .date', '.bottom-container .date'] },
      media: ['.media-container .swiper-slide:not(.swiper-slide-duplicate) img', '.media-container video', '.note-slider-img'],
      engagement: {
        likes: ['.engage-bar .like-wrapper .count', '.interact-container .like-wrapper .count'],
        favorites: ['.engage-bar .collect-wrapper .count', '.interact-container .collect-wrapper .count'],
        comments: ['.engage-bar .chat-wrapper .count', '.interact-container .chat-wrapper .count'],
      },
    },
    {
      id: 'feed-card',
      kind: 'post',
      find: ['section.note-item', '.feeds-container .note-item'],
      slot: ['.footer', '.card-bottom-wrapper'],
      permalink: ['a[href^="/explore/"]', 'a.cover[href*="/search_result/"]', 'a[href*="/discovery/item/"]'],
      ids: [{ key: 'noteId', from: 'permalink', pattern: NOTE }],
      author: { link: ['a.author[href*="/user/profile/"]', 'a[href*="/user/profile/"]'], name: ['.name', '.author .name'], idPattern: PROFILE },
      title: ['.footer .title', 'a.title'],
      text: ['.footer .title span', '.footer .title'],
      media: ['a.cover img', '.cover img'],
      engagement: { likes: ['.like-wrapper .count'] },
    },
  ],
};

export default xiaohongshu;
