// The dashboard's data: reports read from IndexedDB once, each turned into a row with what the filters
// and the search need precomputed (stage, platforms, lower-cased text), so filtering 10,000 reports is a
// pass over an array, not a database query per keystroke.
import type { IDBPDatabase } from 'idb';
import type { Report } from '../../model/report';
import type { ReportAssistantDB } from '../../storage/report-store';
import { stageOf, type Outcome, type Stage } from '../../lifecycle/lifecycle';
import { legalItemOf } from '../../taxonomy/taxonomy';

export interface Row {
  report: Report;
  stage: Stage;
  platforms: string[];
  /** The law's item the category belongs to (sub-categories filter under their item). */
  legalCategory: string | null;
  destinations: string[];
  /** Local calendar day of creation, YYYY-MM-DD, for the date filter. */
  day: string;
  /** Lower-cased text, authors and description, for the search. */
  haystack: string;
}

function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function toRow(report: Report): Row {
  return {
    report,
    stage: stageOf(report),
    platforms: [...new Set(report.items.map((i) => i.platform))],
    legalCategory: legalItemOf(report.categoryId)?.id ?? null,
    destinations: [...new Set([...(report.lifecycle?.destinations ?? []), ...(report.destinations ?? [])])],
    day: localDay(report.createdAt),
    haystack: [...report.items.flatMap((i) => [i.text, i.author?.name ?? '', i.author?.id ?? '']), report.description].join('\n').toLowerCase(),
  };
}

/** The newest `limit` reports, through the by-updated index: what the first screen needs, quickly. */
export async function loadFirstReports(db: IDBPDatabase<ReportAssistantDB>, limit: number): Promise<Report[]> {
  const out: Report[] = [];
  let cursor = await db.transaction('reports').store.index('by-updated').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function loadAllReports(db: IDBPDatabase<ReportAssistantDB>): Promise<Report[]> {
  const all = await db.getAll('reports');
  return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

export interface Filters {
  query: string;
  stage: Stage | '';
  platform: string;
  category: string;
  destination: string;
  /** YYYY-MM-DD, inclusive; '' for open. */
  from: string;
  to: string;
}

export const NO_FILTERS: Filters = { query: '', stage: '', platform: '', category: '', destination: '', from: '', to: '' };

export function applyFilters(rows: readonly Row[], f: Filters): Row[] {
  const terms = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (r) =>
      (!f.stage || r.stage === f.stage) &&
      (!f.platform || r.platforms.includes(f.platform)) &&
      (!f.category || r.legalCategory === f.category || r.report.categoryId === f.category) &&
      (!f.destination || r.destinations.includes(f.destination)) &&
      (!f.from || r.day >= f.from) &&
      (!f.to || r.day <= f.to) &&
      terms.every((t) => r.haystack.includes(t)),
  );
}

export function countByStage(rows: readonly Row[]): Map<Stage, number> {
  const out = new Map<Stage, number>();
  for (const r of rows) out.set(r.stage, (out.get(r.stage) ?? 0) + 1);
  return out;
}

/** Outcomes per month (local time), oldest first, for the last `months` months that have any. */
export function outcomesByMonth(rows: readonly Row[], months = 12): Array<{ month: string; counts: Partial<Record<Outcome, number>> }> {
  const by = new Map<string, Partial<Record<Outcome, number>>>();
  for (const r of rows) {
    const life = r.report.lifecycle;
    if (!life?.outcome || !life.outcomeAt) continue;
    const month = localDay(life.outcomeAt).slice(0, 7);
    const counts = by.get(month) ?? {};
    counts[life.outcome] = (counts[life.outcome] ?? 0) + 1;
    by.set(month, counts);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(-months)
    .map(([month, counts]) => ({ month, counts }));
}
