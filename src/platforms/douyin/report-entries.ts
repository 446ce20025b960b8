// Douyin has no web report form (domain.md): e-mail and hotline only. Kept as data for the submission team.
import type { ReportEntry } from '../types';

export const DOUYIN_REPORT_ENTRIES: readonly ReportEntry[] = [];
export const DOUYIN_REPORT_CONTACTS = { email: 'jubao@douyin.com', phone: '400-140-2108' } as const;
