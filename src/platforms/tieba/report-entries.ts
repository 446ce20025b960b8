// Baidu's report centre (domain.md): one entry for all Baidu products, no per-post URL parameters known.
import type { ReportEntry } from '../types';

export const TIEBA_REPORT_ENTRIES: readonly ReportEntry[] = [{ kind: 'post', url: 'https://jubao.baidu.com/', params: [] }];
