import { describe, expect, it } from 'vitest';
import { applyFilters, countByStage, NO_FILTERS, outcomesByMonth, toRow } from '../../../src/ui/dashboard/data';
import { newDraft, type Report } from '../../../src/model/report';
import type { CapturedPost } from '../../../src/model/captured-post';

const post = (platform: CapturedPost['platform'], text: string, author: string): CapturedPost => ({
  platform, kind: 'post', ids: {}, pageUrl: 'https://example.com/', pageTitle: 't', text, author: { name: author }, media: [], context: [],
  capturedAt: '2026-11-01T00:00:00.000Z',
});

function report(over: Partial<Report>, p: CapturedPost): Report {
  return { ...newDraft([p], [], new Date(over.createdAt ?? '2026-11-01T04:00:00Z')), status: 'saved', ...over };
}

const rows = [
  report({ categoryId: 'illegal-11-fraud', description: '冒充导师', destinations: ['weibo'] }, post('weibo', '日赚三千 稳赚不赔', '理财导师')),
  report(
    {
      categoryId: 'illegal-8',
      createdAt: '2026-10-15T04:00:00Z',
      lifecycle: { stage: 'handled', outcome: 'removed', outcomeAt: '2026-10-20T04:00:00Z', destinations: ['12377'], awaiting: [], receipts: {}, lastEventAt: '', eventCount: 4, head: '' },
    },
    post('bilibili', '某地发生地震的谣言', 'UP主'),
  ),
  report(
    {
      categoryId: 'harmful-7',
      createdAt: '2026-09-01T04:00:00Z',
      lifecycle: { stage: 'no-answer', outcome: 'no-answer', outcomeAt: '2026-09-20T04:00:00Z', destinations: ['bilibili'], awaiting: [], receipts: {}, lastEventAt: '', eventCount: 3, head: '' },
    },
    post('bilibili', '低俗标题', 'Someone'),
  ),
].map(toRow);

describe('dashboard data', () => {
  it('filters by status, platform, category (sub-categories under their item), destination and date', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) => applyFilters(rows, { ...NO_FILTERS, ...f }).map((r) => r.report.categoryId);
    expect(ids({})).toHaveLength(3);
    expect(ids({ stage: 'saved' })).toEqual(['illegal-11-fraud']);
    expect(ids({ platform: 'bilibili' })).toEqual(['illegal-8', 'harmful-7']);
    expect(ids({ category: 'illegal-11' })).toEqual(['illegal-11-fraud']);
    expect(ids({ destination: '12377' })).toEqual(['illegal-8']);
    expect(ids({ destination: 'weibo' })).toEqual(['illegal-11-fraud']);
    expect(ids({ from: '2026-10-01', to: '2026-10-31' })).toEqual(['illegal-8']);
  });

  it('searches text, author and description, case-insensitively, every word', () => {
    const q = (query: string) => applyFilters(rows, { ...NO_FILTERS, query }).length;
    expect(q('稳赚')).toBe(1);
    expect(q('理财导师')).toBe(1);
    expect(q('冒充')).toBe(1);
    expect(q('someone')).toBe(1);
    expect(q('地震 UP主')).toBe(1);
    expect(q('地震 理财导师')).toBe(0);
  });

  it('counts by status and outcomes by month', () => {
    expect(Object.fromEntries(countByStage(rows))).toEqual({ saved: 1, handled: 1, 'no-answer': 1 });
    expect(outcomesByMonth(rows)).toEqual([
      { month: '2026-09', counts: { 'no-answer': 1 } },
      { month: '2026-10', counts: { removed: 1 } },
    ]);
  });
});
