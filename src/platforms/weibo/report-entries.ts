// Weibo's web report entries (domain.md; the 社区管理中心 at service.account.weibo.com). Unverified
// third-party details: keep them data, so a change is a data change.
import type { ReportEntry } from '../types';

export const WEIBO_REPORT_ENTRIES: readonly ReportEntry[] = [
  { kind: 'post', url: 'https://service.account.weibo.com/reportspam?rid={mid}&type=1', params: ['mid'] },
  { kind: 'comment', url: 'https://service.account.weibo.com/reportspam?rid={commentId}&type=2', params: ['commentId'], note: 'type=2 for comments is inferred from the post/user pattern (unverified)' },
  { kind: 'user', url: 'https://service.account.weibo.com/reportspam?url=/u/{uid}&type=3', params: ['uid'] },
];

/** Weibo's report categories (domain.md). */
export const WEIBO_REPORT_CATEGORIES = {
  1: '垃圾营销',
  2: '涉黄',
  5: '不实信息',
  6: '人身攻击',
  7: '泄露隐私',
  8: '有害信息',
  801: '暴恐血腥',
  802: '宗教民族',
  803: '侮辱英烈',
  804: '其他',
  9: '抄袭',
  10: '冒充',
  15: '违法信息',
  22: '诈骗',
} as const;
