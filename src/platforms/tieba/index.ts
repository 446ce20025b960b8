// Baidu Tieba: threads, floors (楼) and replies inside floors (楼中楼).
// Written from the public markup of the PC thread page (not re-checked from this machine, which has no
// internet; the replica in test/fixtures/sites/tieba.baidu.com mirrors it):
//   thread  https://tieba.baidu.com/p/<thread id>   (#j_p_postlist > div.l_post[data-field] — JSON with
//           author.user_id/user_name and content.post_id/post_no; 楼中楼 li.lzl_single_post[data-field] with
//           spid, showname, user_name and portrait, written in single quotes on the page)
// The data-field JSON is the stable anchor; class names are old and unhashed. Names: a floor's author link
// (a.p_author_name) and a 楼中楼 author link (.lzl_cnt > a.at.j_user_card) show the account's nickname; the
// internal user name is in data-field (`un`, `user_name`) and the 楼中楼 link's `username` attribute. The
// record's author is the name the page shows; the internal name is kept as the id `authorName`.
// Sources (public userscripts that read these pages): shitianshiwa/baidu-tieba-userscript 显示贴吧用户名(beta),
// 贴吧贴子屏蔽检测(兼容版); kazemichi/tieba-userscripts display-tieba-username (cited in the replicas).
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: ['https://tieba.baidu.com/p/<thread id>', 'https://tieba.baidu.com/p/<thread id>?pn=2'],
  note: 'PC thread page (pb); data-field JSON on floors and 楼中楼 replies.',
} as const;

const tieba: PlatformAdapter = {
  id: 'tieba',
  items: [
    {
      // The thread's title bar: context for every floor (no button: floor 1 is the thread's own post).
      id: 'thread',
      kind: 'post',
      noButton: true,
      find: ['.core_title_wrap_bright', '.core_title_wrap', '.core_title'],
      permalinkFromPage: true,
      ids: [{ key: 'threadId', from: 'page', pattern: /\/p\/(\d+)/ }],
      title: ['h3.core_title_txt', 'h1.core_title_txt', '.core_title_txt'],
      text: ['h3.core_title_txt', 'h1.core_title_txt', '.core_title_txt'],
    },
    {
      id: 'lzl-reply',
      kind: 'comment',
      find: ['li.lzl_single_post', 'li.j_lzl_s_p'],
      slot: ['.lzl_content_reply'],
      ids: [
        { key: 'postId', from: 'attr', attr: 'data-field', json: 'spid' },
        // The reply's anchor, <a name="<spid>">, when data-field is missing.
        { key: 'postId', from: 'attr', sel: ['a[name]'], attr: 'name', pattern: /^(\d+)$/ },
        // The account's internal user name (not shown): an id, not the author's name.
        { key: 'authorName', from: 'attr', attr: 'data-field', json: 'user_name' },
        { key: 'authorName', from: 'attr', sel: ['.lzl_cnt > a.j_user_card[username]'], attr: 'username' },
      ],
      author: {
        // The shown nickname is the link's text; its `username` attribute is the internal name.
        link: ['.lzl_cnt > a.j_user_card', '.lzl_cnt a.at.j_user_card'],
        idPattern: /[?&]id=([^&#]+)/,
      },
      text: ['.lzl_content_main'],
      time: { shown: ['.lzl_time'] },
      parent: ['floor'],
      around: true,
    },
    {
      id: 'floor',
      kind: 'comment',
      find: ['div.l_post.j_l_post', 'div.l_post[data-field]', '#j_p_postlist > div[data-pid]'],
      slot: ['.post-tail-wrap', '.core_reply_tail', '.d_post_content_main'],
      ids: [
        { key: 'postId', from: 'attr', attr: 'data-field', json: 'content.post_id' },
        { key: 'postId', from: 'attr', attr: 'data-pid', pattern: /^(\d+)$/ },
        { key: 'floor', from: 'attr', attr: 'data-field', json: 'content.post_no' },
        { key: 'floor', from: 'attr', sel: ['.post-tail-wrap .tail-info', '.p_tail li:first-child span'], attr: 'data-floor' },
        { key: 'threadId', from: 'attr', attr: 'data-field', json: 'content.thread_id' },
        // Every floor of the page is in the page's thread.
        { key: 'threadId', from: 'page', pattern: /\/p\/(\d+)/, pageWide: true },
        { key: 'authorUid', from: 'attr', attr: 'data-field', json: 'author.user_id' },
      ],
      author: {
        link: ['a.p_author_name', '.d_name a.j_user_card', '.d_author a[href*="/home/main"]:not(:has(img))'],
        idPattern: /[?&]id=([^&#]+)/,
      },
      text: ['.d_post_content', '.j_d_post_content', '[id^="post_content_"]'],
      time: { shown: ['.post-tail-wrap .tail-info:last-of-type', '.p_tail li:last-child span'] },
      media: ['.d_post_content img.BDE_Image', '.d_post_content video', '.d_post_content img'],
      parent: ['thread'],
      around: true,
    },
  ],
  refine(record, el, spec) {
    if (spec.id !== 'floor') return;
    if (!record.ids.floor) {
      // "3楼" in the tail when data-field lacks post_no.
      const tail = Array.from(el.querySelectorAll('.tail-info, .p_tail span')).map((x) => x.textContent ?? '').find((t) => /^\s*\d+\s*楼\s*$/.test(t));
      if (tail) record.ids.floor = tail.replace(/\D/g, '');
    }
    // Floor 1 is the thread itself.
    if (record.ids.floor === '1') record.kind = 'post';
  },
};

export default tieba;
