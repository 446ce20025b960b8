// The one mapping table: for each taxonomy item, the reason it is filed under at each destination.
// The form shows it ("12377 will call this 诈骗类") and the adapters pick it on the destination's form.
// A wrong type at 12377 "可能无效", so each cell is the destination's closest own reason, not a guess at
// what gets a post removed fastest.
//
// Every row names the platforms' and 12377's reasons explicitly. Columns whose destination has a short
// list, where most content falls under one reason, declare that reason as the column's default and rows
// name only the exceptions. Provincial centres use 12377's types (其他类 for 12377's own zones); the configured JSON endpoint receives
// our taxonomy ids as they are. test/unit/taxonomy/taxonomy-to-reason.test.ts checks that every item
// resolves to a real reason at every destination.
import { DESTINATIONS, destination, type DestinationId } from '../catalog';
import { TAXONOMY } from '../../taxonomy/taxonomy';

type Explicit = 'weibo' | 'bilibili' | 'zhihu' | 'wechat' | '12377';
type Row = Record<Explicit, string> & Partial<Record<DestinationId, string>>;

/** Columns with a default; everything in the catalog not here and not in `Explicit` is derived below. */
export const COLUMN_DEFAULTS: Partial<Record<DestinationId, string>> = {
  douban: 'other',
  tieba: 'other',
  douyin: 'other',
  xiaohongshu: 'other',
  toutiao: 'other',
  '12377-enterprise': 'other',
  '12321': 'other',
  cyberpolice: 'other',
  shdf: 'other',
  piyao: 'other',
  '12339': 'other',
  '12315': 'other',
};

// prettier-ignore
export const TAXONOMY_TO_REASON: Readonly<Record<string, Row>> = {
  // 第六条 违法信息
  'illegal-1':  { weibo: '15',  bilibili: '6',  zhihu: 'political',  wechat: 'illegal',             '12377': 'political', piyao: 'politics' },
  'illegal-2':  { weibo: '15',  bilibili: '6',  zhihu: 'political',  wechat: 'illegal',             '12377': 'political', piyao: 'politics', '12339': 'national-security' },
  'illegal-3':  { weibo: '15',  bilibili: '6',  zhihu: 'political',  wechat: 'illegal',             '12377': 'political', piyao: 'politics' },
  'illegal-4':  { weibo: '803', bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'history' },
  'illegal-5':  { weibo: '801', bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'terror' },
  'illegal-6':  { weibo: '802', bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'political' },
  'illegal-7':  { weibo: '802', bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'political' },
  'illegal-8':  { weibo: '5',   bilibili: '13', zhihu: 'rumour',     wechat: 'common-rumour',       '12377': 'rumour', piyao: 'society' },
  'illegal-9':  { weibo: '15',  bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'other' },
  'illegal-9-porn':     { weibo: '2',   bilibili: '2',  zhihu: 'porn',    wechat: 'porn',    '12377': 'porn', cyberpolice: 'porn', shdf: 'porn' },
  'illegal-9-csam':     { weibo: '2',   bilibili: '2',  zhihu: 'porn',    wechat: 'porn',    '12377': 'porn', cyberpolice: 'porn', shdf: 'porn' },
  'illegal-9-gambling': { weibo: '15',  bilibili: '12', zhihu: 'illegal', wechat: 'illegal', '12377': 'gambling', cyberpolice: 'gambling' },
  'illegal-9-violence': { weibo: '801', bilibili: '9',  zhihu: 'illegal', wechat: 'illegal', '12377': 'terror' },
  'illegal-9-crime':    { weibo: '15',  bilibili: '14', zhihu: 'illegal', wechat: 'illegal', '12377': 'other' },
  'illegal-10': { weibo: '6',   bilibili: '7',  zhihu: 'infringement', wechat: 'other-infringement', '12377': 'infringement' },
  'illegal-10-insult':     { weibo: '6', bilibili: '7',  zhihu: 'unfriendly',   wechat: 'other-infringement', '12377': 'infringement' },
  'illegal-10-privacy':    { weibo: '7', bilibili: '15', zhihu: 'infringement', wechat: 'other-infringement', '12377': 'infringement', cyberpolice: 'personal-data' },
  'illegal-10-enterprise': { weibo: '5', bilibili: '13', zhihu: 'infringement', wechat: 'other-infringement', '12377': 'infringement', '12377-enterprise': 'enterprise-infringement' },
  'illegal-10-piracy':     { weibo: '9', bilibili: '9',  zhihu: 'infringement', wechat: 'plagiarism',         '12377': 'infringement', shdf: 'piracy' },
  'illegal-11': { weibo: '15',  bilibili: '9',  zhihu: 'illegal',    wechat: 'illegal',             '12377': 'other' },
  'illegal-11-fraud':      { weibo: '22', bilibili: '12', zhihu: 'illegal', wechat: 'fraud',               '12377': 'fraud', cyberpolice: 'fraud', '12321': 'fraud-call-sms' },
  'illegal-11-spam-calls': { weibo: '1',  bilibili: '1',  zhihu: 'spam',    wechat: 'malicious-marketing', '12377': 'other', '12321': 'harassing-call' },
  'illegal-11-consumer':   { weibo: '1',  bilibili: '1',  zhihu: 'spam',    wechat: 'malicious-marketing', '12377': 'other', '12315': 'false-advertising' },
  'illegal-11-contraband': { weibo: '15', bilibili: '9',  zhihu: 'illegal', wechat: 'illegal',             '12377': 'other', cyberpolice: 'contraband' },
  // 第七条 不良信息
  'harmful-1':  { weibo: '5',   bilibili: '8',  zhihu: 'other',      wechat: 'induced-sharing',     '12377': 'other' },
  'harmful-2':  { weibo: '804', bilibili: '4',  zhihu: 'other',      wechat: 'malicious-marketing', '12377': 'vulgar' },
  'harmful-3':  { weibo: '804', bilibili: '0',  zhihu: 'unfriendly', wechat: 'other',               '12377': 'other', piyao: 'disaster' },
  'harmful-4':  { weibo: '2',   bilibili: '10', zhihu: 'porn',       wechat: 'porn',                '12377': 'vulgar' },
  'harmful-5':  { weibo: '801', bilibili: '9',  zhihu: 'other',      wechat: 'other',               '12377': 'terror' },
  'harmful-6':  { weibo: '6',   bilibili: '4',  zhihu: 'unfriendly', wechat: 'other',               '12377': 'other' },
  'harmful-7':  { weibo: '804', bilibili: '10', zhihu: 'porn',       wechat: 'other',               '12377': 'vulgar' },
  'harmful-8':  { weibo: '804', bilibili: '17', zhihu: 'minors',     wechat: 'other',               '12377': 'other' },
  'harmful-9':  { weibo: '804', bilibili: '0',  zhihu: 'other',      wechat: 'other',               '12377': 'other' },
};

/** The reason code `categoryId` is filed under at `destinationId`, or undefined for an unknown pair. */
export function reasonCodeFor(categoryId: string, destinationId: string): string | undefined {
  const dest = destination(destinationId);
  const row = TAXONOMY_TO_REASON[categoryId];
  if (!dest || !row) return undefined;
  if (dest.kind === 'api') return categoryId;
  // 12377's zones (涉历史虚无主义) are its own; a provincial centre files those under 其他类.
  if (dest.kind === 'provincial') return dest.reasons.some((r) => r.code === row['12377']) ? row['12377'] : 'other';
  return row[dest.id] ?? COLUMN_DEFAULTS[dest.id];
}

/** The destination's reason for a category, with its label key and site wording. */
export function reasonFor(categoryId: string, destinationId: string) {
  const code = reasonCodeFor(categoryId, destinationId);
  return code === undefined ? undefined : destination(destinationId)?.reasons.find((r) => r.code === code);
}

/** Every (category, destination) pair, for tests and for the dashboard's table view. */
export function mappingPairs(): Array<{ categoryId: string; destinationId: DestinationId; code: string | undefined }> {
  return TAXONOMY.flatMap((item) =>
    DESTINATIONS.map((d) => ({ categoryId: item.id, destinationId: d.id, code: reasonCodeFor(item.id, d.id) })),
  );
}
