// Zhihu reports go through the in-page dialog on each answer, question, article, comment and member
// (domain.md); there is no report URL to fill.
import type { ReportEntry } from '../types';

export const ZHIHU_REPORT_ENTRIES: readonly ReportEntry[] = [];
