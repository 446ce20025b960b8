// Toutiao has no public web report form with URL parameters (domain.md): link to the regional centre / 12377.
import type { ReportEntry } from '../types';

export const TOUTIAO_REPORT_ENTRIES: readonly ReportEntry[] = [];
