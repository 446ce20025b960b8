// WeChat official-account articles (公众号文章) on mp.weixin.qq.com.
// Written from the public markup of the article page (not re-checked from this machine, which has no
// internet; the replica in test/fixtures/sites/mp.weixin.qq.com mirrors it):
//   article  https://mp.weixin.qq.com/s/<token>  ·  https://mp.weixin.qq.com/s?__biz=<biz>&mid=<mid>&idx=<n>&sn=<sn>
//            (#activity-name, #js_name, #publish_time, #js_content with lazy img[data-src]; og:url holds the long form)
//   精选留言  the comments the account chose to show, rendered under the article into #js_cmt_area /
//            #js_cmt_list: li.js_comment_item[data-content_id] (.discuss_item), the commenter's .nickname (no
//            profile link: a WeChat user has no public page), .discuss_message_content, the time in
//            .discuss_extra_info_time, the likes in .praise_num, and the account's answer (作者回复) inside the
//            comment as .reply_result. Later renders of the area use comment_item / comment_content /
//            nickname class-name prefixes, kept as fallbacks. Writing a comment needs the WeChat client; the
//            chosen comments are shown on the web page too.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://mp.weixin.qq.com/s/<token>', 'https://mp.weixin.qq.com/s?__biz=<biz>&mid=<mid>&idx=<idx>&sn=<sn>'],
  note: 'article page with its 精选留言 (#js_cmt_area); comments carry data-content_id, replies of the account sit inside them',
} as const;

const wechat: PlatformAdapter = {
  id: 'wechat',
  items: [
    {
      id: 'article',
      kind: 'article',
      find: ['#js_article', '.rich_media:has(#js_content)', '#img-content'],
      slot: ['#meta_content', '.rich_media_meta_list', '#activity-name'],
      permalinkFromPage: true,
      ids: [
        { key: 'biz', from: 'permalink', pattern: /[?&]__biz=([^&#]+)/ },
        { key: 'mid', from: 'permalink', pattern: /[?&]mid=(\d+)/ },
        { key: 'idx', from: 'permalink', pattern: /[?&]idx=(\d+)/ },
        { key: 'sn', from: 'permalink', pattern: /[?&]sn=([0-9a-f]+)/ },
        { key: 'token', from: 'page', pattern: /mp\.weixin\.qq\.com\/s\/([A-Za-z0-9_-]{10,})/ },
      ],
      title: ['#activity-name', 'h1.rich_media_title', 'h1'],
      author: { link: ['#js_name', '.rich_media_meta_nickname a', '#profileBt a'], name: ['#js_name', '.rich_media_meta_nickname'] },
      text: ['#js_content', '.rich_media_content'],
      time: { shown: ['#publish_time', 'em#publish_time', '.rich_media_meta_text#publish_time'] },
      media: ['#js_content img', '#js_content video', '#js_content mpvoice'],
    },
    {
      // 精选留言: a comment under the article; the article is its parent, the comments beside it its context.
      id: 'comment',
      kind: 'comment',
      find: ['li.js_comment_item', 'li.discuss_item', '#js_cmt_area [class*="comment_item"]', '[data-content_id]'],
      slot: ['.discuss_extra_info', '[class*="comment_info"]', '.discuss_item_hd'],
      ids: [
        { key: 'commentId', from: 'attr', attr: 'data-content_id', pattern: /^(\d{1,30})$/ },
        { key: 'commentId', from: 'attr', sel: ['[data-content-id]'], attr: 'data-content-id', pattern: /^(\d{1,30})$/ },
        { key: 'commentId', from: 'attr', attr: 'id', pattern: /^cid(\d{1,30})$/ },
      ],
      // No profile link exists for a commenter: the name is what the page shows.
      author: { link: ['.user_info .nickname', '.nickname', '[class*="nick_name"]'], name: ['.user_info .nickname', '.nickname', '[class*="nick_name"]'] },
      text: ['.discuss_message_content', '.discuss_message', '[class*="comment_content"]'],
      noise: ['.discuss_status'],
      time: { shown: ['.discuss_extra_info_time', '.discuss_extra_info .time', '[class*="comment_time"]'] },
      engagement: { likes: ['.praise_num', '.js_comment_praise .praise_num', '[class*="like_num"]'] },
      parent: ['article'],
      around: true,
    },
    {
      // 作者回复: the account's answer inside a comment; the comment is its parent.
      id: 'reply',
      kind: 'comment',
      find: ['.js_comment_item .reply_result', '.discuss_item .reply_result', '[class*="comment_item"] [class*="reply_item"]'],
      slot: ['.discuss_message', '[class*="reply_content"]'],
      author: { link: ['.nickname', '[class*="nick_name"]'], name: ['.nickname', '[class*="nick_name"]'] },
      text: ['.discuss_message_content', '.discuss_message', '[class*="reply_content"]'],
      time: { shown: ['.discuss_extra_info_time', '[class*="reply_time"]'] },
      parent: ['comment', 'article'],
    },
  ],
  refine(record) {
    // The account's id is its __biz; the named writer (#js_author_name), when shown, is kept in the text.
    if (record.kind === 'article' && record.author && !record.author.id && record.ids.biz) record.author.id = record.ids.biz;
  },
};

export default wechat;
