// Bilibili's report entries (domain.md, unverified details): videos through the appeal page by aid;
// comments only through the in-page report dialog (no URL).
import type { ReportEntry } from '../types';

export const BILIBILI_REPORT_ENTRIES: readonly ReportEntry[] = [
  { kind: 'video', url: 'https://www.bilibili.com/appeal/?avid={aid}', params: ['aid'] },
];

/** Comment report reasons of the in-page dialog (domain.md). */
export const BILIBILI_COMMENT_REASONS = {
  1: '垃圾广告', 2: '色情', 3: '刷屏', 4: '引战', 5: '剧透', 6: '政治', 7: '人身攻击', 8: '内容不相关', 9: '违法违规',
  10: '低俗', 11: '非法网站', 12: '赌博诈骗', 13: '传播不实信息', 14: '怂恿教唆信息', 15: '侵犯隐私', 16: '抢楼',
  17: '青少年不良信息', 0: '其他',
} as const;
