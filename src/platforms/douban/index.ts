// Douban: group topics and their replies, statuses (广播), groups, people.
// Written from the public markup of these page types (not re-checked from this machine, which has no
// internet; the replica in test/fixtures/sites/www.douban.com mirrors it):
//   topic    https://www.douban.com/group/topic/<topic id>/   (#comments > li.comment-item[data-cid])
//   status   https://www.douban.com/people/<uid>/status/<sid>/  ·  https://www.douban.com/  (div.status-item[data-sid])
//   group    https://www.douban.com/group/<group id>/
//   people   https://www.douban.com/people/<uid>/
// Server-rendered, unhashed markup; ids sit in data-* attributes and hrefs.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: [
    'https://www.douban.com/group/topic/<topic id>/',
    'https://www.douban.com/people/<uid>/status/<sid>/',
    'https://www.douban.com/group/<group id>/',
    'https://www.douban.com/people/<uid>/',
  ],
} as const;

const PEOPLE = /\/people\/([^/?#]+)/;

const douban: PlatformAdapter = {
  id: 'douban',
  items: [
    {
      id: 'group-header',
      kind: 'group',
      find: ['#group-info', '.group-board:has(.group-intro)'],
      permalinkFromPage: true,
      ids: [{ key: 'groupId', from: 'page', pattern: /\/group\/([^/?#]+)\/?$/ }],
      title: ['h1'],
      text: ['.group-intro', '.group-board p'],
      author: { link: ['.group-board a[href*="/people/"]', 'a[href*="/people/"]'], idPattern: PEOPLE },
    },
    {
      id: 'user-header',
      kind: 'user',
      find: ['#profile .infobox', '.user-info:has(.pl)'],
      permalinkFromPage: true,
      ids: [{ key: 'uid', from: 'page', pattern: PEOPLE }],
      author: { link: ['a[href*="/people/"]'], name: ['.info h1', 'h1'], idPattern: PEOPLE },
      text: ['#intro_display', '.user-intro'],
    },
    {
      id: 'topic',
      kind: 'post',
      // The title (h1) sits above the article column, so the item is the whole #content.
      find: ['#content:has(.topic-doc)', '.article:has(.topic-doc)', '#topic-content'],
      slot: ['.topic-doc h3', '.topic-doc'],
      permalinkFromPage: true,
      ids: [
        { key: 'topicId', from: 'page', pattern: /\/group\/topic\/(\d+)/ },
        { key: 'groupId', from: 'attr', sel: ['.group-item a[href*="/group/"]', 'a[href*="/group/"]:not([href*="/topic/"])'], attr: 'href', pattern: /\/group\/([^/?#]+)\/?$/ },
      ],
      title: ['h1', '.topic-doc .tablecc'],
      author: { link: ['.topic-doc .from a[href*="/people/"]', '.topic-doc a[href*="/people/"]'], idPattern: PEOPLE },
      text: ['.topic-richtext', '.topic-content .rich-content', '#link-report'],
      time: { shown: ['.topic-doc .create-time', '.create-time'] },
      media: ['.topic-richtext img', '.image-container img'],
      engagement: { likes: ['.action-react .react-num', '.sns-bar-fav .fav-num a'], reposts: ['.action-rec .rec-num'] },
    },
    {
      id: 'reply',
      kind: 'comment',
      find: ['#comments > li.comment-item', 'ul.topic-reply > li[data-cid]', 'li.comment-item[data-cid]'],
      slot: ['.reply-doc h4', '.bg-img-green'],
      ids: [
        { key: 'commentId', from: 'attr', attr: 'data-cid', pattern: /^(\d+)$/ },
        { key: 'commentId', from: 'attr', attr: 'id', pattern: /^(\d+)$/ },
      ],
      author: { link: ['.reply-doc h4 a[href*="/people/"]', 'h4 a[href*="/people/"]'], idPattern: PEOPLE },
      text: ['p.reply-content', '.reply-content'],
      time: { shown: ['.pubtime'] },
      media: ['.cmt-img img', '.comment-photos img'],
      engagement: { likes: ['.comment-vote', '.lnk-fav'] },
      quoted: 'reply-quote',
      parent: ['topic'],
      around: true,
    },
    {
      // The reply a reply quotes (回应 with 引用).
      id: 'reply-quote',
      kind: 'comment',
      noButton: true,
      find: ['.reply-quote-content', '.reply-quote'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'data-ref_cid', pattern: /^(\d+)$/ }],
      author: { link: ['.pubdate a[href*="/people/"]', 'a[href*="/people/"]'], idPattern: PEOPLE },
      text: ['.all', '.short', '.reply-quote-text'],
    },
    {
      id: 'status',
      kind: 'post',
      find: ['div.status-item[data-sid]', '.new-status[data-sid]'],
      slot: ['.actions', '.hd'],
      permalink: ['.actions .created_at a[href*="/status/"]', 'a[href*="/status/"]'],
      ids: [
        { key: 'statusId', from: 'attr', attr: 'data-sid', pattern: /^(\d+)$/ },
        { key: 'statusId', from: 'permalink', pattern: /\/status\/(\d+)/ },
        { key: 'uid', from: 'attr', attr: 'data-uid' },
      ],
      author: { link: ['.hd .text a[href*="/people/"]', '.lnk-people', 'a[href*="/people/"]:not(:has(img))'], idPattern: PEOPLE },
      text: ['.status-saying blockquote', '.status-saying', '.bd .content'],
      fullText: ['.status-saying .full', '.status-saying .all'],
      noise: ['.toggle-full', 'a.more'],
      time: { shown: ['.created_at span[title]', '.created_at'], machine: ['.created_at span[title]', '.created_at[title]'] },
      media: ['.pics-wrapper img', '.attachments-saying img', '.status-images img'],
      engagement: { likes: ['.actions .like-count', '.btn-like .count'], comments: ['.actions .comment-count', '.btn-comment .count'], reposts: ['.actions .reshare-count'] },
    },
  ],
};

export default douban;
