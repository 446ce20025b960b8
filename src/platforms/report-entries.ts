// Every platform's report entries in one place (domain.md), for the submission side: URL templates with
// {placeholders} filled from a captured record's ids ({permalink} is the record's permalink).
import type { CapturedPost, PlatformId } from '../model/captured-post';
import type { ReportEntry } from './types';
import { BILIBILI_REPORT_ENTRIES } from './bilibili/report-entries';
import { DOUBAN_REPORT_ENTRIES } from './douban/report-entries';
import { DOUYIN_REPORT_ENTRIES } from './douyin/report-entries';
import { TIEBA_REPORT_ENTRIES } from './tieba/report-entries';
import { TOUTIAO_REPORT_ENTRIES } from './toutiao/report-entries';
import { WECHAT_REPORT_ENTRIES } from './wechat/report-entries';
import { WEIBO_REPORT_ENTRIES } from './weibo/report-entries';
import { XIAOHONGSHU_REPORT_ENTRIES } from './xiaohongshu/report-entries';
import { ZHIHU_REPORT_ENTRIES } from './zhihu/report-entries';

export const REPORT_ENTRIES: Readonly<Record<Exclude<PlatformId, 'generic'>, readonly ReportEntry[]>> = {
  weibo: WEIBO_REPORT_ENTRIES,
  bilibili: BILIBILI_REPORT_ENTRIES,
  zhihu: ZHIHU_REPORT_ENTRIES,
  douyin: DOUYIN_REPORT_ENTRIES,
  tieba: TIEBA_REPORT_ENTRIES,
  xiaohongshu: XIAOHONGSHU_REPORT_ENTRIES,
  douban: DOUBAN_REPORT_ENTRIES,
  toutiao: TOUTIAO_REPORT_ENTRIES,
  wechat: WECHAT_REPORT_ENTRIES,
};

/** The entry's URL for a record, or undefined when the record lacks an id the entry needs. */
export function fillReportEntry(entry: ReportEntry, record: Pick<CapturedPost, 'ids' | 'permalink'>): string | undefined {
  let missing = false;
  const url = entry.url.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = key === 'permalink' ? record.permalink : record.ids[key];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : url;
}

/** The report entries that fit a record (same platform and kind, every id present), filled in. */
export function reportEntriesFor(record: Pick<CapturedPost, 'platform' | 'kind' | 'ids' | 'permalink'>): string[] {
  if (record.platform === 'generic') return [];
  return REPORT_ENTRIES[record.platform]
    .filter((e) => e.kind === record.kind)
    .map((e) => fillReportEntry(e, record))
    .filter((u): u is string => Boolean(u));
}
