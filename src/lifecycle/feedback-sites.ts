// Where answers to reports show up, as data: 12377's status-query page and the platforms' notification /
// report-feedback pages. Each site lists the real page it was written from; the replicas under
// test/fixtures/sites/<host>/ follow these selectors. A site change is a change here.
//
// The parsing is pure (DOM in, data out) so it runs in the content script and in unit tests alike.
import type { Outcome } from './lifecycle';

/** How a destination's result wording maps to an outcome. First match wins; `null`: still in progress. */
export const RESULT_RULES: ReadonlyArray<{ pattern: RegExp; outcome: Outcome | null }> = [
  { pattern: /处理中|受理中|待处理|已转交|已转办|正在核查|审核中/, outcome: null },
  { pattern: /未发现|不违规|未违反|不构成|无违规/, outcome: 'no-violation' },
  { pattern: /不予受理|无效举报|驳回|不属于.{0,8}受理范围|信息不全|无法核实/, outcome: 'rejected' },
  { pattern: /限制|禁言|封禁|限流|冻结/, outcome: 'restricted' },
  { pattern: /删除|清理|下架|关闭|屏蔽|已处理|已处置|处理完毕|办结/, outcome: 'removed' },
];

export function outcomeOfText(text: string): Outcome | null {
  for (const rule of RESULT_RULES) if (rule.pattern.test(text)) return rule.outcome;
  return null;
}

/** 12377's 举报查询 page. */
export const QUERY_12377 = {
  /** The page as the catalog links it (src/destinations/catalog.ts, 12377 'status-query'). */
  source: 'https://www.12377.cn/jbcx.html?tab=6',
  /** (unverified) from third-party descriptions of the page; the replica follows them. */
  unverified: true,
  matches: ['*://www.12377.cn/jbcx*'],
  pathPattern: /^\/jbcx(\.html)?$/,
  codeInput: ['#cxm', 'input[name="cxm"]', 'input[placeholder*="查询码"]'],
  captchaInput: ['#yzm', 'input[name="yzm"]', 'input[placeholder*="验证码"]'],
  resultTable: ['#cxjg table', 'table.cxjg'],
  /** Column headers, as the page words them. */
  columns: { harmType: '危害类型', code: '查询码', reportedAt: '举报时间', reportedUrl: '举报网址', result: '处理结果' },
} as const;

export interface QueryRecord {
  code: string;
  result: string;
  harmType?: string;
  reportedAt?: string;
  reportedUrl?: string;
}

export function firstMatch<T extends Element = HTMLElement>(root: ParentNode, selectors: readonly string[]): T | null {
  for (const s of selectors) {
    const el = root.querySelector<T & Element>(s);
    if (el) return el as T;
  }
  return null;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);

/** Reads the result table of the 12377 query page: one record per row, columns found by their header. */
export function parseQueryResults(root: ParentNode): QueryRecord[] {
  const table = firstMatch<HTMLTableElement>(root, QUERY_12377.resultTable);
  if (!table) return [];
  const headers = [...table.querySelectorAll('thead th, tr:first-child th')].map((th) => clean(th.textContent));
  const col = (name: string) => headers.findIndex((h) => h.includes(name));
  const c = QUERY_12377.columns;
  const idx = { code: col(c.code), result: col(c.result), harmType: col(c.harmType), reportedAt: col(c.reportedAt), reportedUrl: col(c.reportedUrl) };
  if (idx.code < 0 || idx.result < 0) return [];
  const out: QueryRecord[] = [];
  for (const row of table.querySelectorAll('tbody tr')) {
    const cells = [...row.querySelectorAll('td')].map((td) => clean(td.textContent));
    const code = cells[idx.code];
    const result = cells[idx.result];
    if (!code || !result || !/^[A-Za-z0-9-]{1,64}$/.test(code)) continue;
    out.push({
      code,
      result,
      ...(idx.harmType >= 0 && cells[idx.harmType] ? { harmType: cells[idx.harmType] } : {}),
      ...(idx.reportedAt >= 0 && cells[idx.reportedAt] ? { reportedAt: cells[idx.reportedAt] } : {}),
      ...(idx.reportedUrl >= 0 && cells[idx.reportedUrl] ? { reportedUrl: cells[idx.reportedUrl] } : {}),
    });
  }
  return out;
}

/** A platform page that lists answers to the person's reports. */
export interface FeedbackSite {
  id: string;
  /** The catalog destination whose answers these are. */
  destinationId: string;
  /** Match patterns for the content script (kept in step with manifest.json by a unit test). */
  matches: readonly string[];
  /** Which URLs of the host are the feedback pages. */
  pathPattern: RegExp;
  /** The real pages these selectors were written from. */
  sources: readonly string[];
  unverified: boolean;
  /** One element per notification. */
  notice: readonly string[];
  /** The notification's text inside it (else its whole text). */
  text: readonly string[];
  /** Only notifications about a report are considered. */
  aboutReport: RegExp;
}

export const FEEDBACK_SITES: readonly FeedbackSite[] = [
  {
    id: 'bilibili-system',
    destinationId: 'bilibili',
    matches: ['*://message.bilibili.com/*'],
    pathPattern: /^\/(system|notifications)?/,
    sources: ['https://message.bilibili.com/#/system'],
    unverified: true,
    notice: ['.system-item', '[data-notice]'],
    text: ['.system-item-content', '.notice-text'],
    aboutReport: /举报/,
  },
  {
    id: 'weibo-service',
    destinationId: 'weibo',
    matches: ['*://service.account.weibo.com/notifications*', '*://service.account.weibo.com/myreport*'],
    pathPattern: /^\/(notifications|myreport)/,
    sources: ['https://service.account.weibo.com/'],
    unverified: true,
    notice: ['.report-result', '[data-notice]'],
    text: ['.report-result-text', '.notice-text'],
    aboutReport: /举报/,
  },
];

export function feedbackSiteFor(url: string): FeedbackSite | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return FEEDBACK_SITES.find((site) =>
    site.matches.some((m) => {
      const host = /^\*:\/\/([^/]+)\//.exec(m)?.[1];
      return host === u.hostname && site.pathPattern.test(u.pathname);
    }),
  );
}

export interface Notice {
  index: number;
  text: string;
  links: string[];
}

/** The notifications about reports on a feedback page, with their text and links. */
export function parseNotices(root: ParentNode, site: FeedbackSite): Notice[] {
  let nodes: Element[] = [];
  for (const s of site.notice) {
    nodes = [...root.querySelectorAll(s)];
    if (nodes.length) break;
  }
  return nodes
    .map((node, index) => ({
      index,
      text: clean((firstMatch(node, site.text) ?? node).textContent),
      links: [...node.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href).filter((h) => /^https?:/i.test(h)).slice(0, 10),
    }))
    .filter((n) => site.aboutReport.test(n.text));
}

/** Whether a notice speaks of this report's content: one of its ids or permalinks appears in it. */
export function noticeMentions(
  notice: Pick<Notice, 'text' | 'links'>,
  items: ReadonlyArray<{ ids: Record<string, string>; permalink?: string | undefined }>,
): boolean {
  const haystack = `${notice.text} ${notice.links.join(' ')}`;
  for (const item of items) {
    for (const id of Object.values(item.ids)) if (id && id.length >= 4 && haystack.includes(id)) return true;
    if (item.permalink && notice.links.some((l) => l.split('#')[0] === item.permalink!.split('#')[0])) return true;
  }
  return false;
}
