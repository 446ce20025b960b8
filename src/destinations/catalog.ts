// Every place a report can be sent, as data: its entry URLs, e-mail addresses, its own list of reasons,
// its limits and identity rules, and the pages each fact was taken from. A change on a real site is a
// change here (and in its adapter), never a rewrite of the form or the queue.
//
// Facts that come from third-party copies rather than the destination's own pages are listed in
// `unverified` (see ../shared/guide/domain.md, which marks them). Ids are stable: stored in reports
// (`Report.destinations`) and submissions, so never rename one; append.
import type { PlatformId } from '../model/captured-post';
import { TAXONOMY, categoryLabelKey } from '../taxonomy/taxonomy';

export const DESTINATION_IDS = [
  'weibo',
  'bilibili',
  'zhihu',
  'wechat',
  'douban',
  'tieba',
  'douyin',
  'xiaohongshu',
  'toutiao',
  '12377',
  '12377-enterprise',
  '12321',
  'cyberpolice',
  'shdf',
  'piyao',
  '12339',
  '12315',
  'provincial-beijing',
  'provincial-shanghai',
  'provincial-guangdong',
  'provincial-hubei',
  'https-api',
] as const;
export type DestinationId = (typeof DESTINATION_IDS)[number];

export type DestinationKind =
  /** A platform's own report entry: the law's first line (《网络信息内容生态治理规定》第十六条). */
  | 'platform'
  /** 中央网信办违法和不良信息举报中心 (12377) and its zones. */
  | 'national'
  /** A channel for one kind of harm: fraud, pornography, rumours, spam, security, consumers. */
  | 'specialised'
  /** A provincial 互联网举报中心. */
  | 'provincial'
  /** A JSON endpoint the person configures (an organisation's own intake, a trusted flagger's tool). */
  | 'api';

export interface DestinationReason {
  /** The destination's own code where it has one (Weibo `801`, Bilibili `12`), else a stable slug. */
  code: string;
  /** Locale key of the reason's name; zh_CN holds the destination's own wording. */
  labelKey: string;
  /** The wording on the destination's page, verbatim: what an adapter looks for on the real form. */
  siteLabel: string;
  /** A second-level reason's parent code (Weibo 8 有害信息 → 801–804). */
  parent?: string;
  /** The destination refuses anonymous reports of this kind (12377 侵权类). */
  requiresRealName?: true;
}

export interface DestinationEntry {
  /** What the URL opens: a home page, a form, or a per-item report page with `{placeholders}`. */
  purpose: 'home' | 'form' | 'anonymous-form' | 'post' | 'user' | 'video' | 'article' | 'status-query' | 'notes' | 'dialog';
  /**
   * The page to open. `{id}` placeholders take the reported item's ids (URL-encoded); a URL that is only
   * `{permalink}` or `{pageUrl}` is the item's own address, used when it is on one of the dialog profile's hosts.
   */
  url: string;
  /** `dialog` entries: the captured item kinds this entry reports (`CapturedItem.kind`). */
  kinds?: readonly string[];
  /** `dialog` entries: the site profile (adapters/site-profiles.ts) that opens and fills the item's report dialog. */
  dialog?: string;
}

export interface Destination {
  id: DestinationId;
  kind: DestinationKind;
  /** Locale key of the destination's name. */
  nameKey: string;
  entries: readonly DestinationEntry[];
  emails: readonly string[];
  phones: readonly string[];
  /** The destination's own list of reasons, in its order. */
  reasons: readonly DestinationReason[];
  /** Description length limits in characters (code points); `max: null` when none is published. */
  description: { max: number | null; min?: number };
  /**
   * Who the destination needs the reporter to be: `anonymous-allowed` (real name optional),
   * `real-name` (always), or `account` (the platform knows the person by their logged-in account).
   */
  identity: 'anonymous-allowed' | 'real-name' | 'account';
  /** A cap on reports per person, if the destination publishes one. */
  dailyLimit?: { count: number; hours: number };
  /** Captured platforms whose content this destination is the platform's own entry for. */
  platforms?: readonly PlatformId[];
  /** Pages the facts above were taken from. */
  sources: readonly string[];
  /** Which facts are from third-party copies and not checked against the destination's own page. */
  unverified: ReadonlyArray<'entries' | 'emails' | 'phones' | 'reasons' | 'description' | 'identity' | 'dailyLimit'>;
}

/** Locale key helpers: ids contain `-`, locale keys may not. */
const k = (id: string) => id.replace(/-/g, '_');
export const destinationNameKey = (id: string): string => `dest_${k(id)}`;
export const reasonLabelKey = (destinationId: string, code: string): string => `reason_${k(destinationId)}_${k(code)}`;

function reasons(id: DestinationId, list: ReadonlyArray<[code: string, siteLabel: string, extra?: Partial<DestinationReason>]>): DestinationReason[] {
  return list.map(([code, siteLabel, extra]) => ({ code, siteLabel, labelKey: reasonLabelKey(id, code), ...extra }));
}

/** 12377's report types (the provincial centres use the same set: they belong to the same system). */
const TYPES_12377 = [
  ['political', '政治类'],
  ['terror', '暴恐类'],
  ['fraud', '诈骗类'],
  ['porn', '色情类'],
  ['vulgar', '低俗类'],
  ['gambling', '赌博类'],
  ['infringement', '侵权类', { requiresRealName: true }],
  ['rumour', '谣言类'],
  ['other', '其他类'],
] as const satisfies ReadonlyArray<[string, string, Partial<DestinationReason>?]>;

function provincial(id: DestinationId, home: string): Destination {
  return {
    id,
    kind: 'provincial',
    nameKey: destinationNameKey(id),
    entries: [{ purpose: 'home', url: home }],
    emails: [],
    phones: [],
    reasons: reasons(id, TYPES_12377),
    description: { max: null },
    identity: 'anonymous-allowed',
    sources: [home, 'https://www.12377.cn/'],
    unverified: ['reasons', 'identity', 'description'],
  };
}

export const DESTINATIONS: readonly Destination[] = [
  {
    id: 'weibo',
    kind: 'platform',
    nameKey: destinationNameKey('weibo'),
    entries: [
      { purpose: 'post', url: 'https://service.account.weibo.com/reportspam?rid={mid}&type=1' },
      { purpose: 'user', url: 'https://service.account.weibo.com/reportspam?rid={uid}&type=3&url=/u/{uid}' },
      { purpose: 'home', url: 'https://service.account.weibo.com/' },
    ],
    emails: [],
    phones: [],
    reasons: reasons('weibo', [
      ['1', '垃圾营销'],
      ['2', '涉黄'],
      ['5', '不实信息'],
      ['6', '人身攻击'],
      ['7', '泄露隐私'],
      ['8', '有害信息'],
      ['801', '暴恐血腥', { parent: '8' }],
      ['802', '宗教民族', { parent: '8' }],
      ['803', '侮辱英烈', { parent: '8' }],
      ['804', '其他', { parent: '8' }],
      ['9', '抄袭'],
      ['10', '冒充'],
      ['15', '违法信息'],
      ['22', '诈骗'],
    ]),
    description: { max: null },
    identity: 'account',
    platforms: ['weibo'],
    sources: ['https://service.account.weibo.com/reportspam?rid=0&type=1', 'https://service.account.weibo.com/'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'bilibili',
    kind: 'platform',
    nameKey: destinationNameKey('bilibili'),
    entries: [
      { purpose: 'video', url: 'https://www.bilibili.com/appeal/?avid={aid}' },
      { purpose: 'home', url: 'https://www.bilibili.com/blackboard/help.html' },
      // Comments and dynamics have no report page: the report dialog opens from the item's own menu.
      { purpose: 'dialog', url: '{pageUrl}', kinds: ['comment'], dialog: 'bilibili-comment' },
      { purpose: 'dialog', url: 'https://t.bilibili.com/{dynamicId}', kinds: ['post'], dialog: 'bilibili-dynamic' },
    ],
    emails: [],
    phones: [],
    // The comment report dialog's reasons (the reply/report API's reason codes); the dynamic report dialog is
    // filled from the same list by wording; a video appeal has its own list on the page.
    reasons: reasons('bilibili', [
      ['1', '垃圾广告'],
      ['2', '色情'],
      ['3', '刷屏'],
      ['4', '引战'],
      ['5', '剧透'],
      ['6', '政治'],
      ['7', '人身攻击'],
      ['8', '内容不相关'],
      ['9', '违法违规'],
      ['10', '低俗'],
      ['11', '非法网站'],
      ['12', '赌博诈骗'],
      ['13', '传播不实信息'],
      ['14', '怂恿教唆信息'],
      ['15', '侵犯隐私'],
      ['16', '抢楼'],
      ['17', '青少年不良信息'],
      ['0', '其他'],
    ]),
    description: { max: null },
    identity: 'account',
    platforms: ['bilibili'],
    sources: ['https://www.bilibili.com/appeal/?avid=0', 'https://api.bilibili.com/x/v2/reply/report', 'https://t.bilibili.com/'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'zhihu',
    kind: 'platform',
    nameKey: destinationNameKey('zhihu'),
    entries: [
      { purpose: 'home', url: 'https://www.zhihu.com/' },
      // Every report is a dialog on the item's own page: an answer's 更多 menu, a comment's 举报.
      { purpose: 'dialog', url: 'https://www.zhihu.com/question/{questionId}/answer/{answerId}', kinds: ['post'], dialog: 'zhihu' },
      { purpose: 'dialog', url: '{pageUrl}', kinds: ['comment'], dialog: 'zhihu' },
    ],
    emails: [],
    phones: [],
    // Zhihu serves its reasons to the in-page dialog; these are the top-level ones it showed. The
    // adapter matches them by `siteLabel` against what the dialog lists at the time.
    reasons: reasons('zhihu', [
      ['spam', '垃圾广告信息'],
      ['unfriendly', '不友善内容'],
      ['illegal', '违法违规'],
      ['porn', '色情低俗'],
      ['political', '政治敏感'],
      ['rumour', '不实信息'],
      ['infringement', '涉嫌侵权'],
      ['minors', '未成年人有害'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'account',
    platforms: ['zhihu'],
    sources: ['https://www.zhihu.com/'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'wechat',
    kind: 'platform',
    nameKey: destinationNameKey('wechat'),
    entries: [{ purpose: 'article', url: 'https://mp.weixin.qq.com/mp/infringement?url={articleUrl}#wechat_redirect' }],
    emails: [],
    phones: [],
    reasons: reasons('wechat', [
      ['fraud', '欺诈'],
      ['porn', '色情'],
      ['political-rumour', '政治谣言'],
      ['common-rumour', '常识性谣言'],
      ['induced-sharing', '诱导分享'],
      ['malicious-marketing', '恶意营销'],
      ['privacy-collection', '隐私信息收集'],
      ['plagiarism', '抄袭公众号文章'],
      ['other-infringement', '其他侵权类'],
      ['false-original', '违规声明原创'],
      // Not in the copy domain.md took its list from; the in-app report list has both.
      ['illegal', '违法犯罪'],
      ['other', '其他'],
    ]),
    description: { max: 50 },
    identity: 'account',
    platforms: ['wechat'],
    sources: ['https://mp.weixin.qq.com/mp/infringement'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'douban',
    kind: 'platform',
    nameKey: destinationNameKey('douban'),
    entries: [{ purpose: 'post', url: 'https://www.douban.com/misc/report?type=T&uid={topicId}' }],
    emails: [],
    phones: [],
    // The legacy report page's reasons are not recorded in our sources; the person picks on the page.
    reasons: reasons('douban', [['other', '其他']]),
    description: { max: null },
    identity: 'account',
    platforms: ['douban'],
    sources: ['https://www.douban.com/misc/report'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'tieba',
    kind: 'platform',
    nameKey: destinationNameKey('tieba'),
    entries: [{ purpose: 'form', url: 'https://jubao.baidu.com/' }],
    emails: [],
    phones: [],
    reasons: reasons('tieba', [['other', '其他']]),
    description: { max: null },
    identity: 'account',
    platforms: ['tieba'],
    sources: ['https://jubao.baidu.com/'],
    unverified: ['entries', 'reasons', 'description'],
  },
  {
    id: 'douyin',
    kind: 'platform',
    nameKey: destinationNameKey('douyin'),
    // No web report form was found: e-mail and the hotline are the published routes.
    entries: [],
    emails: ['jubao@douyin.com'],
    phones: ['400-140-2108'],
    reasons: reasons('douyin', [['other', '其他']]),
    description: { max: null },
    identity: 'anonymous-allowed',
    platforms: ['douyin'],
    sources: ['https://www.douyin.com/'],
    unverified: ['emails', 'phones', 'reasons', 'identity'],
  },
  {
    id: 'xiaohongshu',
    kind: 'platform',
    nameKey: destinationNameKey('xiaohongshu'),
    // Reports are made in the app; the web site links to 上海市互联网举报中心 and 12377.
    entries: [],
    emails: [],
    phones: [],
    reasons: reasons('xiaohongshu', [['other', '其他']]),
    description: { max: null },
    identity: 'account',
    platforms: ['xiaohongshu'],
    sources: ['https://www.xiaohongshu.com/'],
    unverified: ['entries', 'reasons'],
  },
  {
    id: 'toutiao',
    kind: 'platform',
    nameKey: destinationNameKey('toutiao'),
    entries: [],
    emails: [],
    phones: [],
    reasons: reasons('toutiao', [['other', '其他']]),
    description: { max: null },
    identity: 'account',
    platforms: ['toutiao'],
    sources: ['https://www.toutiao.com/'],
    unverified: ['entries', 'reasons'],
  },
  {
    id: '12377',
    kind: 'national',
    nameKey: destinationNameKey('12377'),
    entries: [
      { purpose: 'home', url: 'https://www.12377.cn/' },
      { purpose: 'anonymous-form', url: 'https://www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html' },
      { purpose: 'notes', url: 'https://www.12377.cn/jbxzxq/{type}_web.html' },
      { purpose: 'status-query', url: 'https://www.12377.cn/jbcx.html?tab=6' },
    ],
    emails: ['jubao@12377.cn'],
    phones: ['12377'],
    reasons: reasons('12377', [
      ...TYPES_12377,
      // A separate zone on the site, for 侮辱英烈 and historical nihilism.
      ['history', '涉历史虚无主义'],
    ]),
    description: { max: null },
    identity: 'anonymous-allowed',
    dailyLimit: { count: 50, hours: 24 },
    sources: ['https://www.12377.cn/', 'https://www.12377.cn/jbxzxq/jbxx/nmjb/nmjb.html', 'https://www.12377.cn/jbcx.html?tab=6'],
    unverified: ['entries', 'description'],
  },
  {
    id: '12377-enterprise',
    kind: 'national',
    nameKey: destinationNameKey('12377-enterprise'),
    entries: [{ purpose: 'form', url: 'https://www.12377.cn/jbxzxq/qyqq_web.html' }],
    emails: [],
    phones: [],
    // The 涉企侵权 zone takes one kind of report; anything else belongs on the main form.
    reasons: reasons('12377-enterprise', [
      ['enterprise-infringement', '涉企侵权'],
      ['other', '其他'],
    ]),
    description: { max: 500 },
    identity: 'real-name',
    dailyLimit: { count: 50, hours: 24 },
    sources: ['https://www.12377.cn/'],
    unverified: ['entries', 'reasons', 'description', 'identity'],
  },
  {
    id: '12321',
    kind: 'specialised',
    nameKey: destinationNameKey('12321'),
    entries: [{ purpose: 'home', url: 'https://www.12321.cn/' }],
    emails: ['abuse@12321.cn'],
    phones: ['12321'],
    reasons: reasons('12321', [
      ['spam-sms', '垃圾短信'],
      ['harassing-call', '骚扰电话'],
      ['fraud-call-sms', '诈骗电话/短信'],
      ['spam-email', '垃圾邮件'],
      ['bad-app', '不良APP'],
      ['bad-website', '不良网站'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'anonymous-allowed',
    sources: ['https://www.12321.cn/'],
    unverified: ['reasons', 'identity', 'description'],
  },
  {
    id: 'cyberpolice',
    kind: 'specialised',
    nameKey: destinationNameKey('cyberpolice'),
    entries: [{ purpose: 'form', url: 'https://cyberpolice.mps.gov.cn/wfjb/' }],
    emails: [],
    // 110 for a crime in progress or money just lost; the 国家反诈中心 app for fraud.
    phones: ['110'],
    reasons: reasons('cyberpolice', [
      ['fraud', '网络诈骗'],
      ['porn', '淫秽色情'],
      ['gambling', '网络赌博'],
      ['personal-data', '侵犯公民个人信息'],
      ['hacking', '黑客攻击'],
      ['contraband', '违禁品交易'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'real-name',
    sources: ['https://cyberpolice.mps.gov.cn/wfjb/'],
    unverified: ['reasons', 'identity', 'description'],
  },
  {
    id: 'shdf',
    kind: 'specialised',
    nameKey: destinationNameKey('shdf'),
    entries: [{ purpose: 'home', url: 'https://www.shdf.gov.cn/' }],
    emails: [],
    phones: ['12390'],
    reasons: reasons('shdf', [
      ['porn', '淫秽色情'],
      ['piracy', '侵权盗版'],
      ['illegal-publication', '非法出版物'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'anonymous-allowed',
    sources: ['https://www.shdf.gov.cn/'],
    unverified: ['reasons', 'identity', 'description'],
  },
  {
    id: 'piyao',
    kind: 'specialised',
    nameKey: destinationNameKey('piyao'),
    entries: [
      { purpose: 'form', url: 'https://www.piyao.org.cn/jubao/' },
      { purpose: 'home', url: 'https://www.piyao.org.cn/' },
    ],
    emails: [],
    phones: [],
    // The form asks for a title, province, category, content (≥ 20 characters), link, platform, phone.
    reasons: reasons('piyao', [
      ['politics', '时政'],
      ['society', '社会'],
      ['economy', '经济'],
      ['health', '健康'],
      ['disaster', '灾害事故'],
      ['other', '其他'],
    ]),
    description: { max: null, min: 20 },
    identity: 'real-name',
    sources: ['https://www.piyao.org.cn/'],
    unverified: ['reasons', 'identity'],
  },
  {
    id: '12339',
    kind: 'specialised',
    nameKey: destinationNameKey('12339'),
    entries: [{ purpose: 'home', url: 'https://www.12339.gov.cn/' }],
    emails: [],
    phones: ['12339'],
    reasons: reasons('12339', [
      ['national-security', '危害国家安全'],
      ['secrets', '泄露国家秘密'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'anonymous-allowed',
    sources: ['https://www.12339.gov.cn/'],
    unverified: ['reasons', 'identity', 'description'],
  },
  {
    id: '12315',
    kind: 'specialised',
    nameKey: destinationNameKey('12315'),
    entries: [{ purpose: 'home', url: 'https://www.12315.cn/' }],
    emails: [],
    phones: ['12315'],
    reasons: reasons('12315', [
      ['false-advertising', '虚假宣传'],
      ['counterfeit', '假冒伪劣'],
      ['price-fraud', '价格欺诈'],
      ['other', '其他'],
    ]),
    description: { max: null },
    identity: 'real-name',
    sources: ['https://www.12315.cn/'],
    unverified: ['reasons', 'identity', 'description'],
  },
  provincial('provincial-beijing', 'https://www.bjjubao.org.cn/'),
  provincial('provincial-shanghai', 'https://www.shjbzx.cn/'),
  provincial('provincial-guangdong', 'https://rp.gdjubao.cn/'),
  provincial('provincial-hubei', 'https://jubao.py.cnhubei.com/'),
  {
    id: 'https-api',
    kind: 'api',
    nameKey: destinationNameKey('https-api'),
    // The person enters the endpoint in the settings; nothing is sent anywhere until they do.
    entries: [],
    emails: [],
    phones: [],
    // The endpoint receives our own taxonomy ids as its reasons.
    reasons: TAXONOMY.map((item) => ({ code: item.id, labelKey: categoryLabelKey(item), siteLabel: item.id })),
    description: { max: null },
    identity: 'anonymous-allowed',
    sources: [],
    unverified: [],
  },
];

const BY_ID = new Map<string, Destination>(DESTINATIONS.map((d) => [d.id, d]));

export function destination(id: string | null | undefined): Destination | undefined {
  return id ? BY_ID.get(id) : undefined;
}

export function isDestinationId(id: unknown): id is DestinationId {
  return typeof id === 'string' && BY_ID.has(id);
}

/** The platform's own report entry for content captured on `platform`, if it has one in the catalog. */
export function platformDestination(platform: PlatformId): Destination | undefined {
  return DESTINATIONS.find((d) => d.kind === 'platform' && d.platforms?.includes(platform));
}

export function destinationReason(destinationId: string, code: string): DestinationReason | undefined {
  return destination(destinationId)?.reasons.find((r) => r.code === code);
}
