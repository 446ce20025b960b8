// WeChat official-account articles (公众号文章) on mp.weixin.qq.com.
// Written from the public markup of the article page (not re-checked from this machine, which has no
// internet; the replica in test/fixtures/sites/mp.weixin.qq.com mirrors it):
//   article  https://mp.weixin.qq.com/s/<token>  ·  https://mp.weixin.qq.com/s?__biz=<biz>&mid=<mid>&idx=<n>&sn=<sn>
//            (#activity-name, #js_name, #publish_time, #js_content with lazy img[data-src]; og:url holds the long form)
// Comments (精选留言) load in the WeChat client only, so there are none to report on the web page.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://mp.weixin.qq.com/s/<token>', 'https://mp.weixin.qq.com/s?__biz=<biz>&mid=<mid>&idx=<idx>&sn=<sn>'],
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
  ],
  refine(record) {
    // The account's id is its __biz; the named writer (#js_author_name), when shown, is kept in the text.
    if (record.author && !record.author.id && record.ids.biz) record.author.id = record.ids.biz;
  },
};

export default wechat;
