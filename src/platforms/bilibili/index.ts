// Bilibili: video pages, dynamics (动态), and their comments.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replicas in test/fixtures/sites/www.bilibili.com and t.bilibili.com mirror it):
//   video     https://www.bilibili.com/video/<BV id>/   (#viewbox_report, #arc_toolbar_report, .up-panel-container)
//   dynamic   https://t.bilibili.com/<dynamic id>  ·  https://www.bilibili.com/opus/<id>  (.bili-dyn-item)
//   comments  the "bili-comment" list of 2023 (.reply-item / .sub-reply-item with data-user-id).
//   comments  (2024–) web components with open shadow roots: <bili-comments> → bili-comment-thread-renderer →
//             bili-comment-renderer (bili-comment-user-info, bili-rich-text, bili-comment-action-buttons-renderer)
//             and bili-comment-replies-renderer → bili-comment-reply-renderer; fields are read with ">>>".
import type { PlatformAdapter } from '../types';
import { aidToBvid, bvidToAid } from './bvid';

export const SOURCES = {
  pages: ['https://www.bilibili.com/video/<BV id>/', 'https://t.bilibili.com/<dynamic id>', 'https://www.bilibili.com/opus/<id>', 'https://space.bilibili.com/<mid>'],
  note: 'PC web 2023–2025; comment list in its pre-web-component markup.',
} as const;

const SPACE_ID = /space\.bilibili\.com\/(\d+)/;
const BVID = /\/video\/(BV1[0-9A-Za-z]{9})/;

/** Inside a comment renderer's shadow root (the thread's bili-comment-renderer, or a reply renderer itself). */
const wc = (inner: string) => [`>>> bili-comment-renderer >>> ${inner}`];
const wcReply = (inner: string) => [`>>> ${inner}`];

const bilibili: PlatformAdapter = {
  id: 'bilibili',
  shadowHosts: ['bili-comments', 'bili-comment-thread-renderer', 'bili-comment-replies-renderer'],
  items: [
    {
      id: 'video',
      kind: 'video',
      // The page's main column and the UP card beside it: the video's whole record.
      find: ['.video-container-v1', '#app .video-container', '#viewbox_report'],
      slot: ['#viewbox_report .video-info-title', '.video-info-title', '#viewbox_report', 'h1'],
      permalinkFromPage: true,
      ids: [
        { key: 'bvid', from: 'page', pattern: BVID },
        { key: 'aid', from: 'page', pattern: /\/video\/av(\d+)/i },
      ],
      title: ['h1.video-title', '#viewbox_report h1', 'h1[title]'],
      author: {
        link: ['.up-panel-container a.up-name', '.up-info-container a[href*="space.bilibili.com"]', 'a.up-name', '.members-info a[href*="space.bilibili.com"]'],
        idPattern: SPACE_ID,
      },
      text: ['#v_desc .desc-info-text', '.basic-desc-info', '#v_desc'],
      foldMarker: ['#v_desc .toggle-btn-text'],
      noise: ['.toggle-btn', '.toggle-btn-text'],
      time: { shown: ['.pubdate-ip-text', '.pubdate-text', '.video-info-detail-list .pubdate'] },
      media: ['#bilibili-player video', '.bpx-player-video-wrap video'],
      engagement: {
        views: ['.video-info-detail-list .view', '.view-text', '.view.item'],
        danmaku: ['.video-info-detail-list .dm', '.dm-text', '.dm.item'],
        likes: ['.video-like-info', '.video-like .video-toolbar-item-text'],
        coins: ['.video-coin-info', '.video-coin .video-toolbar-item-text'],
        favorites: ['.video-fav-info', '.video-fav .video-toolbar-item-text'],
        shares: ['.video-share-info', '.video-share-info-text'],
      },
    },
    {
      id: 'dynamic',
      kind: 'post',
      find: ['.bili-dyn-item', '.opus-detail'],
      slot: ['.bili-dyn-item__header', '.opus-module-author'],
      permalink: ['a.bili-dyn-time[href]', '.bili-dyn-time a[href]', 'a[href*="t.bilibili.com/"][href*="/"]'],
      ids: [
        { key: 'dynamicId', from: 'attr', sel: ['[data-dyn-id]'], attr: 'data-dyn-id', pattern: /^(\d+)$/ },
        { key: 'dynamicId', from: 'permalink', pattern: /(?:t\.bilibili\.com|\/opus)\/(\d{6,20})/ },
        { key: 'dynamicId', from: 'page', pattern: /(?:t\.bilibili\.com|\/opus)\/(\d{6,20})/ },
      ],
      author: {
        link: ['.bili-dyn-item__avatar a[href*="space.bilibili.com"]', '.bili-dyn-title a[href*="space.bilibili.com"]', '.opus-module-author a[href*="space.bilibili.com"]', 'a[href*="space.bilibili.com"]'],
        name: ['.bili-dyn-title__text', '.opus-module-author__name'],
        idPattern: SPACE_ID,
        idAttr: ['data-user-id', 'data-mid'],
      },
      text: ['.bili-dyn-content__orig__desc .bili-rich-text__content', '.bili-dyn-content .bili-rich-text__content', '.opus-module-content', '.bili-rich-text__content'],
      foldMarker: ['.bili-rich-text__action'],
      noise: ['.bili-rich-text__action'],
      time: { shown: ['.bili-dyn-time', '.opus-module-author__pub__text'] },
      media: ['.bili-album img', '.bili-dyn-card-video__cover img', '.opus-module-top img', '.bili-dyn-content__orig__major img'],
      engagement: {
        shares: ['.bili-dyn-action.forward', '.side-toolbar__action.forward'],
        comments: ['.bili-dyn-action.comment', '.side-toolbar__action.comment'],
        likes: ['.bili-dyn-action.like', '.side-toolbar__action.like'],
      },
      quoted: 'dynamic-original',
    },
    {
      // A forwarded dynamic's original, shown inside the forward.
      id: 'dynamic-original',
      kind: 'post',
      noButton: true,
      find: ['.bili-dyn-content__orig.reference', '.reference'],
      permalink: ['a[href*="t.bilibili.com/"]', 'a[href*="/video/BV"]'],
      ids: [
        { key: 'dynamicId', from: 'permalink', pattern: /t\.bilibili\.com\/(\d{6,20})/ },
        { key: 'bvid', from: 'permalink', pattern: BVID },
      ],
      author: { link: ['.dyn-orig-author__name', 'a[href*="space.bilibili.com"]'], idPattern: SPACE_ID, idAttr: ['data-user-id'] },
      title: ['.bili-dyn-card-video__title'],
      text: ['.bili-rich-text__content', '.bili-dyn-card-video__desc'],
      time: { shown: ['.dyn-orig-author__pub'] },
      media: ['.bili-album img', '.bili-dyn-card-video__cover img'],
    },
    {
      id: 'comment',
      kind: 'comment',
      find: ['.reply-item', '.list-item.reply-wrap'],
      slot: ['.root-reply .reply-info', '.reply-info', '.info'],
      ids: [
        { key: 'rpid', from: 'attr', sel: ['[data-root-reply-id]'], attr: 'data-root-reply-id', pattern: /^(\d+)$/ },
        { key: 'rpid', from: 'attr', attr: 'data-id', pattern: /^(\d+)$/ },
      ],
      author: {
        link: ['.root-reply-container .user-name[data-user-id]', '.user-info .user-name', '.user .name'],
        idAttr: ['data-user-id', 'data-usercard-mid'],
      },
      text: ['.root-reply .reply-content', '.root-reply-container .reply-content', '.con > .text'],
      time: { shown: ['.root-reply .reply-time', '.reply-info .reply-time', '.info .time'] },
      engagement: { likes: ['.root-reply .reply-like span', '.reply-info .reply-like span', '.like span'] },
      media: ['.root-reply .image-exhibition img'],
      parent: ['video', 'dynamic'],
      around: true,
    },
    {
      id: 'reply',
      kind: 'comment',
      find: ['.sub-reply-item', '.reply-box .reply-item-sub'],
      slot: ['.sub-reply-info'],
      ids: [{ key: 'rpid', from: 'attr', sel: ['[data-root-reply-id]'], attr: 'data-root-reply-id', pattern: /^(\d+)$/ }],
      author: { link: ['.sub-user-name[data-user-id]', '.sub-user-name'], idAttr: ['data-user-id'] },
      text: ['.sub-reply-content .reply-content', '.reply-content'],
      time: { shown: ['.sub-reply-time'] },
      engagement: { likes: ['.sub-reply-like span'] },
      parent: ['comment', 'video', 'dynamic'],
      around: true,
    },
    {
      // The 2024 comment area: one thread per top-level comment, inside <bili-comments>' shadow root.
      id: 'comment-wc',
      kind: 'comment',
      find: ['bili-comment-thread-renderer'],
      slot: wc('#footer'),
      author: {
        link: wc('bili-comment-user-info >>> #user-name a'),
        idPattern: SPACE_ID,
        idAttr: ['data-user-profile-id'],
      },
      text: wc('bili-rich-text >>> #contents'),
      time: { shown: wc('bili-comment-action-buttons-renderer >>> #pubdate') },
      engagement: { likes: wc('bili-comment-action-buttons-renderer >>> #like #count') },
      media: wc('#main .image-exhibition img'),
      parent: ['video', 'dynamic'],
      around: true,
    },
    {
      id: 'reply-wc',
      kind: 'comment',
      find: ['bili-comment-reply-renderer'],
      slot: wcReply('#footer'),
      author: {
        link: wcReply('bili-comment-user-info >>> #user-name a'),
        idPattern: SPACE_ID,
        idAttr: ['data-user-profile-id'],
      },
      text: wcReply('bili-rich-text >>> #contents'),
      time: { shown: wcReply('bili-comment-action-buttons-renderer >>> #pubdate') },
      engagement: { likes: wcReply('bili-comment-action-buttons-renderer >>> #like #count') },
      parent: ['comment-wc', 'video', 'dynamic'],
      around: true,
    },
  ],
  refine(record) {
    if (record.ids.bvid && !record.ids.aid) {
      const aid = bvidToAid(record.ids.bvid);
      if (aid) record.ids.aid = aid;
    } else if (record.ids.aid && !record.ids.bvid) {
      const bvid = aidToBvid(record.ids.aid);
      if (bvid) record.ids.bvid = bvid;
    }
    // Comment authors are ids without links on the page; their space page is where the account is.
    if (record.author?.id && !record.author.profileUrl && /^\d+$/.test(record.author.id)) {
      record.author.profileUrl = `https://space.bilibili.com/${record.author.id}`;
    }
  },
};

export default bilibili;
