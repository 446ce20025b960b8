// Xiaohongshu has no public web report form (domain.md): its in-app report, else the Shanghai reporting
// centre (上海市互联网举报中心) or 12377.
import type { ReportEntry } from '../types';

export const XIAOHONGSHU_REPORT_ENTRIES: readonly ReportEntry[] = [
  { kind: 'post', url: 'https://www.shjbzx.cn/', params: [], note: '上海市互联网举报中心' },
];
