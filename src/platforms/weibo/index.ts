// Weibo: weibo.com (the 2020+ Vue web app and the legacy V6 pages still served on some paths) and m.weibo.cn.
// Written from the public markup of these page types, 2024–2025 (not re-checked from this machine, which has
// no internet; the replicas in test/fixtures/sites/weibo.com and m.weibo.cn mirror what is described here):
//   feed      https://weibo.com/  ·  https://weibo.com/hot/weibo/102803
//   detail    https://weibo.com/<uid>/<bid>            (e.g. weibo.com/1642634100/z0JH2lOMb)
//   profile   https://weibo.com/u/<uid>
//   mobile    https://m.weibo.cn/  ·  https://m.weibo.cn/status/<mid>  ·  https://m.weibo.cn/profile/<uid>
//   legacy    https://weibo.com/<uid>?is_all=1 (V6: div[action-type=feed_list_item][mid])
// Class names carry CSS-module hashes (Feed_wrap_3v9LH): selectors match the stable prefix with [class*=].
import type { PlatformAdapter } from '../types';
import { bidToMid, midToBid } from './mid';

export const SOURCES = {
  pages: [
    'https://weibo.com/',
    'https://weibo.com/<uid>/<bid>',
    'https://weibo.com/u/<uid>',
    'https://m.weibo.cn/',
    'https://m.weibo.cn/status/<mid>',
  ],
  note: 'Vue web app (woo design system) and m.weibo.cn; legacy V6 selectors kept as fallbacks.',
} as const;

const PROFILE_ID = /\/(?:u|profile)\/(\d{5,12})(?:[/?#]|$)/;

const weibo: PlatformAdapter = {
  id: 'weibo',
  items: [
    {
      // weibo.com/u/<uid>: the account's header card.
      id: 'user-header',
      kind: 'user',
      find: ['[class*="ProfileHeader_box1"]', '.profile-cover + .mod-fil-n', '.PCD_header'],
      permalinkFromPage: true,
      ids: [
        { key: 'uid', from: 'page', pattern: PROFILE_ID },
        { key: 'uid', from: 'attr', sel: ['[usercard]'], attr: 'usercard', pattern: /(\d{5,12})/ },
      ],
      author: {
        link: ['a[href*="/u/"]', 'a[href*="/profile/"]'],
        name: ['[class*="ProfileHeader_name"]', '.username', 'h1'],
        idPattern: PROFILE_ID,
      },
      text: ['[class*="ProfileHeader_desc"]', '.pf_intro'],
      engagement: {
        followers: ['a[href*="relate=fans"] [class*="ProfileHeader_h4"] span', 'a[href*="relate=fans"] span', '[class*="ProfileHeader_h4"]:nth-of-type(1) span'],
        following: ['a[href*="tabtype=follow"] span', 'a[href*="follow"] span'],
      },
    },
    {
      id: 'post',
      kind: 'post',
      find: [
        'article[class*="Feed_wrap"]',
        'article[class*="Detail_feed"]',
        'article.woo-panel-main',
        'div[action-type="feed_list_item"][mid]',
        'div.card.m-panel.card9',
        'div.weibo-detail',
      ],
      slot: ['header [class*="head-info_info"]', 'header', '.WB_from', 'header.weibo-top', '.weibo-top'],
      permalink: [
        'a[class*="head-info_time"]',
        'header a[href*="weibo.com/"][title]',
        'a[node-type="feed_list_item_date"]',
        '.weibo-text a[href^="/status/"]',
        'a[href*="/status/"]',
      ],
      ids: [
        { key: 'bid', from: 'permalink', pattern: /weibo\.com\/\d{5,12}\/([0-9a-zA-Z]{8,10})(?:[/?#]|$)/ },
        { key: 'mid', from: 'permalink', pattern: /\/(?:status|detail)\/(\d{15,17})(?:[/?#]|$)/ },
        { key: 'mid', from: 'attr', attr: 'mid', pattern: /^(\d{15,17})$/ },
        { key: 'mid', from: 'page', pattern: /m\.weibo\.cn\/(?:status|detail)\/(\d{15,17})/ },
      ],
      author: {
        link: [
          'a[class*="head_name"]',
          'header a[href*="/u/"][usercard]',
          'a[node-type="feed_list_originNick"]',
          '.weibo-top a[href*="/profile/"]',
          'header a[href*="/u/"]',
        ],
        name: ['a[class*="head_name"] span[title]', 'a[class*="head_name"]', '.weibo-top h3.m-text-cut', 'a[node-type="feed_list_originNick"]'],
        nameAttr: ['title', 'nick-name'],
        idPattern: PROFILE_ID,
        idAttr: ['usercard'],
      },
      text: ['[class*="detail_wbtext"]', '[node-type="feed_list_content"]', '.weibo-og > .weibo-text', '.weibo-text'],
      // Legacy pages keep the unfolded text in the DOM, hidden until "展开全文".
      fullText: ['[node-type="feed_list_content_full"]'],
      // The Vue app fetches the long text when "展开" is clicked; m.weibo.cn links "全文" to the detail page.
      foldMarker: ['[class*="detail_wbtext"] span.expand', '.weibo-text a[href^="/status/"]', 'a[action-type="fl_unfold"]'],
      noise: ['span.expand', 'a[action-type="fl_unfold"]', 'a[action-type="fl_fold"]', '.weibo-text a[href^="/status/"]'],
      time: {
        shown: ['a[class*="head-info_time"]', 'a[node-type="feed_list_item_date"]', '.weibo-top .time', 'span.time'],
        machine: ['a[class*="head-info_time"][title]', 'a[node-type="feed_list_item_date"][date]'],
      },
      media: [
        '[class*="picture"] img',
        'img.woo-picture-img',
        '.weibo-media img',
        '.weibo-media-wraps img',
        '.media_box img',
        'video',
        '[class*="card-video"]',
      ],
      engagement: {
        reposts: [
          '[class*="toolbar_item"]:has(.woo-font--retweet) [class*="toolbar_num"]',
          '.m-diy-btn:has(.m-font-forward) h4',
          'a[action-type="fl_forward"] em:last-child',
        ],
        comments: [
          '[class*="toolbar_item"]:has(.woo-font--comment) [class*="toolbar_num"]',
          '.m-diy-btn:has(.m-font-comment) h4',
          'a[action-type="fl_comment"] em:last-child',
        ],
        likes: [
          '[class*="toolbar_item"] .woo-like-count',
          '.m-diy-btn:has(.m-icon-like) h4',
          'a[action-type="fl_like"] em:last-child',
        ],
      },
      quoted: 'reposted',
    },
    {
      // The original inside a repost: context of the repost, no button of its own (report the original on its page).
      id: 'reposted',
      kind: 'post',
      noButton: true,
      find: ['[class*="Feed_retweet_"]', 'div.weibo-rp', '[node-type="feed_list_forwardContent"]'],
      permalink: ['a[class*="head-info_time"]', 'a[href*="weibo.com/"][title]', 'a[node-type="feed_list_item_date"]', 'a[href*="/status/"]'],
      ids: [
        { key: 'bid', from: 'permalink', pattern: /weibo\.com\/\d{5,12}\/([0-9a-zA-Z]{8,10})(?:[/?#]|$)/ },
        { key: 'mid', from: 'permalink', pattern: /\/(?:status|detail)\/(\d{15,17})(?:[/?#]|$)/ },
      ],
      author: {
        link: ['a[href*="/u/"]', 'a[href*="/n/"]', 'a[node-type="feed_list_originNick"]'],
        nameAttr: ['title', 'nick-name'],
        idPattern: PROFILE_ID,
        idAttr: ['usercard'],
      },
      text: ['[class*="detail_wbtext"]', '.weibo-text', '[node-type="feed_list_reason"]'],
      noise: ['span.expand', 'a[href^="/status/"]'],
      time: { shown: ['a[class*="head-info_time"]', 'span.time'], machine: ['a[class*="head-info_time"][title]'] },
      media: ['[class*="picture"] img', '.weibo-media img'],
    },
    {
      // Detail page comments (weibo.com/<uid>/<bid>): first-level comments of the comment list.
      id: 'comment',
      kind: 'comment',
      find: ['.wbpro-list .item1', 'div[comment_id]', '.comment-content .card'],
      slot: ['.con1 > .info', '.info', '.WB_func'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'comment_id', pattern: /^(\d+)$/ }],
      author: {
        link: ['.con1 > .text > a[href*="/u/"]', '.text > a[href*="/u/"]', '.WB_text > a[usercard]', 'a[href*="/profile/"]'],
        idPattern: PROFILE_ID,
        idAttr: ['usercard'],
      },
      text: ['.con1 > .text > span', '.text > span', '.WB_text', 'h3'],
      time: { shown: ['.con1 > .info > div:first-child', '.info > div:first-child', '.WB_from', '.time'] },
      engagement: { likes: ['.con1 > .info .woo-like-count', '.info .woo-like-count', '.lite-btn-like em'] },
      parent: ['post'],
      around: true,
    },
    {
      // Replies under a comment (楼中楼 of Weibo): its own button; the comment it is under is its parent.
      id: 'reply',
      kind: 'comment',
      find: ['.wbpro-list .item2', '.list_li_v2'],
      slot: ['.info'],
      author: { link: ['.text > a[href*="/u/"]', 'a[usercard]'], idPattern: PROFILE_ID, idAttr: ['usercard'] },
      text: ['.text > span', '.WB_text'],
      time: { shown: ['.info > div:first-child', '.WB_from'] },
      parent: ['comment', 'post'],
      around: true,
    },
  ],
  refine(record) {
    if (record.ids.bid && !record.ids.mid) {
      const mid = bidToMid(record.ids.bid);
      if (mid) record.ids.mid = mid;
    } else if (record.ids.mid && !record.ids.bid) {
      const bid = midToBid(record.ids.mid);
      if (bid) record.ids.bid = bid;
    }
  },
};

export default weibo;
