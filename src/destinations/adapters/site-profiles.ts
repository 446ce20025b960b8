// What the extension knows about each destination's own pages, as data: which path is which step, where
// each field is, what a confirmation or a refusal says. A change on a real site is a change here.
// The content script (extension/destinations/) reads a profile and never hard-codes a selector.
//
// Every profile names the real pages it was written from. None of these sites could be checked from the
// build machine (no internet): the selectors follow domain.md's notes (marked unverified there) and
// public descriptions of the pages; the replicas under test/fixtures/sites/<host>/ follow the same notes.
import type { FieldName } from './destination-adapter';

export interface FieldRule {
  /** Tried in order; the first that matches an element is used. */
  selectors: readonly string[];
  /**
   * text: input/textarea; select: an option by value or visible label; radio: an input of a group by value
   * or by its label's text (`parent` first when the reason has one).
   */
  kind: 'text' | 'select' | 'radio';
  match?: 'value' | 'label';
}

export interface AnswerRule {
  kind: 'confirmed' | 'too-frequent' | 'already-reported';
  /** Where the answer appears (a dialog, a toast, a result panel). */
  selectors: readonly string[];
  /** A regular expression (source) the element's text must match. */
  text: string;
  /** For 'confirmed': captures the receipt code (查询码, ticket number) in group 1. */
  code?: string;
}

/**
 * Where one kind of captured item is on its page, for a platform whose report form is a dialog opened from
 * the item itself (Bilibili's comments and dynamics, Zhihu). Selectors may pierce open shadow roots (`>>>`).
 */
export interface DialogTarget {
  /** The captured item kinds (`CapturedItem.kind`) this target is for. */
  kinds: readonly string[];
  /**
   * The item on the page: selector templates over the item's ids (`[data-id="{commentId}"]`), tried in order.
   * A template naming an id the item does not have is skipped; ids are used only when they are plain
   * (letters, digits, `_`, `-`).
   */
  item: readonly string[];
  /** The item is the nearest ancestor (or self) of the match that matches this; else the match itself. */
  closest?: string;
  /** Inside the item: the control that opens its menu (hovered first, then clicked). None: the entry is on the item. */
  more?: readonly string[];
  /** This target's own report entry, when it is not the profile's usual one. */
  entry?: { selectors: readonly string[]; text: string };
}

export interface DialogSpec {
  targets: readonly DialogTarget[];
  /**
   * The menu's report entry: looked for in the item first, then in the whole page (menus are often appended
   * to body). `text` is a regular expression (source) the entry's text must match.
   */
  entry: { selectors: readonly string[]; text: string };
  /** The report dialog, once open; the profile's fields and submit are looked for inside it. */
  root: readonly string[];
}

/**
 * notes: read-and-agree page (12377); form: a report page of its own; result: its answer page; dialog: the
 * reported item's own page, where the report form is a dialog opened from the item's menu.
 */
export type PageRole = 'notes' | 'form' | 'result' | 'dialog';

export interface SiteProfile {
  id: string;
  hosts: readonly string[];
  /** The real pages this profile was written from. */
  sources: readonly string[];
  /** Path patterns (regular expression sources) of each step. */
  pages: ReadonlyArray<{ role: PageRole; path: string }>;
  /** For `dialog` pages: how to open the item's own report dialog. */
  dialog?: DialogSpec;
  /** A notes page the person must read and agree to before the form (12377). */
  notes?: {
    checkbox: string;
    agree: string;
    /** The choice of a real-name report, picked for the person when the report is not anonymous. */
    realName?: string;
  };
  fields: Partial<Record<FieldName, FieldRule>>;
  /** File input for evidence screenshots. */
  fileInput?: readonly string[];
  /** Left to the person, who gets the focus there. */
  captcha?: readonly string[];
  /** The destination's own submit button: never clicked by the extension, only pointed at. */
  submit: readonly string[];
  answers: readonly AnswerRule[];
}

export const SITE_PROFILES = {
  '12377': {
    id: '12377',
    hosts: ['www.12377.cn'],
    sources: [
      'https://www.12377.cn/',
      'https://www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html',
      'https://www.12377.cn/jbxzxq/zpl_web.html',
    ],
    pages: [
      { role: 'notes', path: '^/jbxzxq/[a-z]+_web\\.html$' },
      { role: 'form', path: '^/jbxzxq/jbxx/(nmjb|smjb)/[a-z]+\\.html$' },
    ],
    notes: { checkbox: '#isee', agree: '#agree', realName: 'input[name="jbfs"][value="sm"]' },
    fields: {
      reason: { selectors: ['#report_type', 'select[name="jblx"]'], kind: 'select', match: 'label' },
      url: { selectors: ['#website_address', 'input[name="wzdz"]'], kind: 'text' },
      siteName: { selectors: ['#website_name', 'input[name="wzmc"]'], kind: 'text' },
      description: { selectors: ['#report_content', 'textarea[name="jbnr"]'], kind: 'text' },
      reporterName: { selectors: ['#reporter_name'], kind: 'text' },
      reporterPhone: { selectors: ['#reporter_phone'], kind: 'text' },
      reporterEmail: { selectors: ['#reporter_email'], kind: 'text' },
    },
    fileInput: ['#evidence_files', 'input[type="file"]'],
    captcha: ['#captcha', 'input[name="yzm"]'],
    submit: ['#submit_report', 'button[type="submit"]'],
    answers: [
      { kind: 'confirmed', selectors: ['#report_result', '.jb-result'], text: '举报成功', code: '查询码[为：:\\s]*([A-Za-z0-9]{6,32})' },
      { kind: 'too-frequent', selectors: ['#report_error', '.jb-error'], text: '(超过|已达).{0,12}(上限|50)|过于频繁' },
      { kind: 'already-reported', selectors: ['#report_error', '.jb-error'], text: '已(被)?举报过|重复举报' },
    ],
  },
  weibo: {
    id: 'weibo',
    hosts: ['service.account.weibo.com'],
    sources: ['https://service.account.weibo.com/reportspam?rid=0&type=1'],
    pages: [{ role: 'form', path: '^/reportspam' }],
    fields: {
      reason: { selectors: ['input[name="category"]'], kind: 'radio', match: 'value' },
      description: { selectors: ['textarea[name="reason_text"]', '#reason_text'], kind: 'text' },
    },
    submit: ['#report_submit', 'a.W_btn_a'],
    answers: [
      { kind: 'confirmed', selectors: ['#report_tip', '.W_layer'], text: '举报成功|已收到你的举报', code: '举报编号[：:\\s]*([A-Za-z0-9-]{4,40})' },
      { kind: 'too-frequent', selectors: ['#report_tip', '.W_layer'], text: '过于频繁|稍后再试' },
      { kind: 'already-reported', selectors: ['#report_tip', '.W_layer'], text: '已经举报过|已举报' },
    ],
  },
  bilibili: {
    id: 'bilibili',
    hosts: ['www.bilibili.com'],
    sources: ['https://www.bilibili.com/appeal/?avid=0'],
    pages: [{ role: 'form', path: '^/appeal/?$' }],
    fields: {
      reason: { selectors: ['input[name="tid"]'], kind: 'radio', match: 'label' },
      description: { selectors: ['textarea.appeal-desc', '#appeal_desc'], kind: 'text' },
    },
    fileInput: ['input[type="file"].appeal-upload'],
    submit: ['button.appeal-submit'],
    answers: [
      { kind: 'confirmed', selectors: ['.appeal-toast', '.appeal-result'], text: '举报成功|提交成功' },
      { kind: 'too-frequent', selectors: ['.appeal-toast'], text: '过于频繁|太频繁' },
      { kind: 'already-reported', selectors: ['.appeal-toast'], text: '已经举报过|重复举报|已举报' },
    ],
  },
  // In-page report dialogs. None of these could be checked from the build machine: the markup follows the
  // public descriptions of the pages (2023–2025) and the reasons and answers of the comment report API
  // (api.bilibili.com/x/v2/reply/report: reason 0–17; 12008 已经举报过了, 12019 举报过于频繁, -509 请求过于频繁,
  // as documented by the bilibili-API-collect project). Replicas: test/fixtures/sites/www.bilibili.com/video/,
  // t.bilibili.com/, www.zhihu.com/question/.
  'bilibili-comment': {
    id: 'bilibili-comment',
    hosts: ['www.bilibili.com'],
    sources: ['https://www.bilibili.com/video/BV1xx411c7mD/', 'https://api.bilibili.com/x/v2/reply/report'],
    // The video page with its comment list of 2023–2024 (.reply-item; each comment's ⋮ menu has 举报).
    pages: [{ role: 'dialog', path: '^/video/(BV1[0-9A-Za-z]{9}|av\\d+)/?$' }],
    dialog: {
      targets: [
        {
          kinds: ['comment'],
          item: ['[data-root-reply-id="{rpid}"]', '[data-id="{rpid}"]'],
          closest: '.sub-reply-item, .reply-item',
          more: ['.reply-operation-warp .reply-operation-client', '.reply-operation-warp', '.sub-reply-operation-warp'],
        },
      ],
      entry: { selectors: ['.operation-list .operation-option', '.reply-operation-warp li'], text: '^举报$' },
      root: ['.reply-report-dialog', '.bili-report-dialog'],
    },
    fields: {
      reason: { selectors: ['input[name="report-reason"]', 'input[type="radio"]'], kind: 'radio', match: 'label' },
      description: { selectors: ['textarea.report-desc', 'textarea'], kind: 'text' },
    },
    submit: ['.report-submit', 'button.submit'],
    answers: [
      { kind: 'confirmed', selectors: ['.reply-toast', '.bili-toast'], text: '举报成功' },
      { kind: 'too-frequent', selectors: ['.reply-toast', '.bili-toast'], text: '过于频繁' },
      { kind: 'already-reported', selectors: ['.reply-toast', '.bili-toast'], text: '已经举报过|已举报过' },
    ],
  },
  'bilibili-dynamic': {
    id: 'bilibili-dynamic',
    hosts: ['t.bilibili.com', 'www.bilibili.com'],
    sources: ['https://t.bilibili.com/912345678901234567', 'https://www.bilibili.com/opus/912345678901234567'],
    // A dynamic's own page; its ⋯ menu (opens on hover) has 举报, which opens the site's report popup.
    pages: [{ role: 'dialog', path: '^/(opus/)?\\d{6,20}/?$' }],
    dialog: {
      targets: [
        {
          kinds: ['post'],
          item: ['.bili-dyn-item[data-dyn-id="{dynamicId}"]', 'a.bili-dyn-time[href$="/{dynamicId}"]', '.opus-detail[data-id="{dynamicId}"]'],
          closest: '.bili-dyn-item, .opus-detail',
          more: ['.bili-dyn-item__more .bili-dyn-more__btn', '.bili-dyn-more__btn', '.opus-more'],
        },
      ],
      entry: { selectors: ['.bili-dyn-more__menu .bili-cascader-options__item', '.bili-cascader-options__item'], text: '^举报$' },
      root: ['.bili-dyn-report', '.bili-report-dialog'],
    },
    fields: {
      reason: { selectors: ['input[name="dyn-report-reason"]', 'input[type="radio"]'], kind: 'radio', match: 'label' },
      description: { selectors: ['textarea.bili-dyn-report__desc', 'textarea'], kind: 'text' },
    },
    submit: ['.bili-dyn-report__submit', 'button.submit'],
    answers: [
      { kind: 'confirmed', selectors: ['.bili-toast', '.bili-dyn-toast'], text: '举报成功' },
      { kind: 'too-frequent', selectors: ['.bili-toast', '.bili-dyn-toast'], text: '过于频繁' },
      { kind: 'already-reported', selectors: ['.bili-toast', '.bili-dyn-toast'], text: '已经举报过|已举报过' },
    ],
  },
  zhihu: {
    id: 'zhihu',
    hosts: ['www.zhihu.com', 'zhuanlan.zhihu.com'],
    sources: ['https://www.zhihu.com/question/600000001/answer/3000000001', 'https://www.zhihu.com/'],
    // An answer's 更多 (⋯) menu has 举报; a comment shows 举报 among its own actions. The dialog fetches its
    // reasons from the site after it opens (the catalog's Zhihu reasons are matched by their wording).
    pages: [{ role: 'dialog', path: '^/(question/\\d+(/answer/\\d+)?|p/\\d+|pin/\\d+)/?$' }],
    dialog: {
      targets: [
        {
          kinds: ['comment'],
          item: ['[data-id="{commentId}"]'],
          entry: { selectors: ['button.CommentItem-report', '.CommentItem-actions button', '[class*="css-"] > button'], text: '^举报$' },
        },
        {
          kinds: ['post'],
          item: ['.ContentItem.AnswerItem[name="{answerId}"]', '.ContentItem[name="{answerId}"]'],
          more: ['.ContentItem-actions button[aria-label="更多"]', '.ContentItem-actions .OptionsButton'],
        },
      ],
      entry: { selectors: ['.Popover-content .Menu-item', '.Menu-item'], text: '^举报$' },
      root: ['.Modal.ReportModal', '.Modal-wrapper .Modal'],
    },
    fields: {
      reason: { selectors: ['input[name="report-reason"]', 'input[type="radio"]'], kind: 'radio', match: 'label' },
      description: { selectors: ['textarea.ReportModal-textarea', 'textarea'], kind: 'text' },
    },
    submit: ['.ReportModal-submit', 'button[type="submit"]'],
    answers: [
      { kind: 'confirmed', selectors: ['.Toast', '.Notification'], text: '举报成功|感谢你的举报' },
      { kind: 'too-frequent', selectors: ['.Toast', '.Notification'], text: '过于频繁|太频繁' },
      { kind: 'already-reported', selectors: ['.Toast', '.Notification'], text: '已经举报过|已举报过|重复举报' },
    ],
  },
  wechat: {
    id: 'wechat',
    hosts: ['mp.weixin.qq.com'],
    sources: ['https://mp.weixin.qq.com/mp/infringement?url=&#wechat_redirect'],
    pages: [{ role: 'form', path: '^/mp/infringement' }],
    fields: {
      reason: { selectors: ['input[name="reason"]'], kind: 'radio', match: 'label' },
      description: { selectors: ['textarea#desc', 'textarea[name="desc"]'], kind: 'text' },
    },
    submit: ['#js_submit'],
    answers: [
      { kind: 'confirmed', selectors: ['#js_result', '.weui-msg'], text: '投诉已提交|提交成功' },
      { kind: 'too-frequent', selectors: ['#js_toast', '.weui-toast'], text: '操作频繁|过于频繁' },
      { kind: 'already-reported', selectors: ['#js_toast', '.weui-toast'], text: '已投诉|已经投诉过' },
    ],
  },
  douban: {
    id: 'douban',
    hosts: ['www.douban.com'],
    // The reasons on this page are not in our sources: the person picks one; the description is filled.
    sources: ['https://www.douban.com/misc/report?type=T&uid=0'],
    pages: [{ role: 'form', path: '^/misc/report' }],
    fields: {
      description: { selectors: ['#report-desc', 'textarea[name="desc"]'], kind: 'text' },
    },
    submit: ['#report-submit'],
    answers: [
      { kind: 'confirmed', selectors: ['#report-msg'], text: '举报已提交|举报成功' },
      { kind: 'too-frequent', selectors: ['#report-msg'], text: '过于频繁' },
      { kind: 'already-reported', selectors: ['#report-msg'], text: '已经举报|已举报过' },
    ],
  },
  tieba: {
    id: 'tieba',
    hosts: ['jubao.baidu.com'],
    sources: ['https://jubao.baidu.com/'],
    pages: [{ role: 'form', path: '^/(jubao/?|index\\.html)?$' }],
    fields: {
      url: { selectors: ['#jubao_url', 'input[name="url"]'], kind: 'text' },
      reason: { selectors: ['#jubao_type', 'select[name="type"]'], kind: 'select', match: 'label' },
      description: { selectors: ['#jubao_desc', 'textarea[name="content"]'], kind: 'text' },
    },
    fileInput: ['#jubao_pic', 'input[type="file"]'],
    captcha: ['#jubao_vcode'],
    submit: ['#jubao_submit'],
    answers: [
      { kind: 'confirmed', selectors: ['#jubao_result'], text: '举报成功|提交成功', code: '(?:单号|编号)[：:\\s]*([A-Za-z0-9-]{4,40})' },
      { kind: 'too-frequent', selectors: ['#jubao_error'], text: '过于频繁' },
      { kind: 'already-reported', selectors: ['#jubao_error'], text: '已经举报|重复' },
    ],
  },
  piyao: {
    id: 'piyao',
    hosts: ['www.piyao.org.cn'],
    // The 举报 form of 中国互联网联合辟谣平台: title, province, category, content (≥ 20 characters), link,
    // platform, phone (domain.md).
    sources: ['https://www.piyao.org.cn/jubao/'],
    pages: [{ role: 'form', path: '^/jubao/' }],
    fields: {
      title: { selectors: ['#jb_title', 'input[name="title"]'], kind: 'text' },
      province: { selectors: ['#jb_province', 'select[name="province"]'], kind: 'select', match: 'label' },
      reason: { selectors: ['#jb_category', 'select[name="category"]'], kind: 'select', match: 'label' },
      description: { selectors: ['#jb_content', 'textarea[name="content"]'], kind: 'text' },
      url: { selectors: ['#jb_link', 'input[name="link"]'], kind: 'text' },
      platformName: { selectors: ['#jb_platform', 'input[name="platform"]'], kind: 'text' },
      reporterPhone: { selectors: ['#jb_phone', 'input[name="phone"]'], kind: 'text' },
    },
    captcha: ['#jb_vcode'],
    submit: ['#jb_submit'],
    answers: [
      { kind: 'confirmed', selectors: ['#jb_result'], text: '提交成功|感谢您的举报' },
      { kind: 'too-frequent', selectors: ['#jb_error'], text: '过于频繁' },
      { kind: 'already-reported', selectors: ['#jb_error'], text: '已举报|重复' },
    ],
  },
} as const satisfies Record<string, SiteProfile>;

export type SiteProfileId = keyof typeof SITE_PROFILES;

export function siteProfile(id: string): SiteProfile | undefined {
  return (SITE_PROFILES as Record<string, SiteProfile>)[id];
}

/**
 * storage.local key: until when (epoch ms) a tab the extension opened on an item's own page may be waiting
 * for its report dialog. Item pages (every Bilibili video, every Zhihu question) are ordinary browsing, so
 * their content script asks the worker (and wakes it) only before this time.
 */
export const DIALOG_PENDING_KEY = 'destinationDialogPendingUntil';

/**
 * Which profile covers a page URL, and which step the page is. Only `https://<host>` exactly, for a host
 * of the profile: the form gets the reporter's name and phone, so a page on plain http (anyone on the
 * network can write it), on another port, or with credentials in its URL is no destination page, even on
 * the right hostname. The worker asks this of the URL the browser gives (`sender.url`), never of the page's word.
 */
export function matchPage(url: string): { profile: SiteProfile; role: PageRole } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) return undefined;
  for (const profile of Object.values(SITE_PROFILES) as SiteProfile[]) {
    if (!profile.hosts.some((host) => parsed.origin === `https://${host}`)) continue;
    const page = profile.pages.find((p) => new RegExp(p.path).test(parsed.pathname));
    if (page) return { profile, role: page.role };
  }
  return undefined;
}

/** 12377's notes page for each of its report types: `/jbxzxq/{slug}_web.html` (unverified slugs). */
export const NOTES_SLUG_12377: Readonly<Record<string, string>> = {
  political: 'zz',
  terror: 'bk',
  fraud: 'zp',
  porn: 'sq',
  vulgar: 'ds',
  gambling: 'db',
  infringement: 'qq',
  rumour: 'yy',
  other: 'qt',
  history: 'lsxwzy',
};
