// Douban's legacy report URL (domain.md, unverified).
import type { ReportEntry } from '../types';

export const DOUBAN_REPORT_ENTRIES: readonly ReportEntry[] = [
  { kind: 'post', url: 'https://www.douban.com/misc/report?type=T&uid={topicId}', params: ['topicId'], note: 'legacy; group topics' },
];
