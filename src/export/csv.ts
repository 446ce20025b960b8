// CSV of the report list, for spreadsheets and legal claims. UTF-8 with a byte-order mark so Excel reads
// Chinese correctly; RFC 4180 quoting; CRLF line ends. A cell that starts with = + - @ (or a tab or
// carriage return) is prefixed with ' so a spreadsheet never runs captured text as a formula.
import type { Report } from '../model/report';
import { stageOf } from '../lifecycle/lifecycle';
import { outcomeKey, stageKey } from '../lifecycle/labels';
import type { Translate } from '../i18n/i18n';
import { categoryLabelKey, taxonomyItem } from '../taxonomy/taxonomy';
import { destinationNameKey } from '../destinations/catalog';

export const BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function reportsToCsv(reports: readonly Report[], t: Translate): string {
  const header = [
    'id', t('csv_created'), t('track_stage'), t('csv_outcome'), t('categoryLabel'), t('csv_platform'), t('csv_author'),
    t('csv_text'), t('csv_link'), t('pack_description'), t('track_destinations'), t('csv_receipts'), t('csv_lastEvent'), t('csv_evidence'),
  ];
  const rows = reports.map((r) => {
    const first = r.items[0];
    const category = taxonomyItem(r.categoryId);
    const life = r.lifecycle;
    return [
      r.id,
      r.createdAt,
      t(stageKey(stageOf(r))),
      life?.outcome ? t(outcomeKey(life.outcome)) : '',
      category ? t(categoryLabelKey(category)) : '',
      r.items.map((i) => i.platform).join(' '),
      r.items.map((i) => i.author?.name ?? '').join(' | '),
      r.items.map((i) => i.text).join('\n---\n'),
      first?.permalink ?? first?.pageUrl ?? '',
      r.description,
      (life?.destinations ?? r.destinations ?? []).map((d) => t(destinationNameKey(d))).join('、'),
      Object.values(life?.receipts ?? {}).join(' '),
      life?.lastEventAt ?? '',
      r.evidence.map((e) => `${e.kind}:${e.sha256}`).join(' '),
    ];
  });
  return toCsv([header, ...rows]);
}

/** Parses CSV written by toCsv (for tests and for checking an export). */
export function parseCsv(csv: string): string[][] {
  const input = csv.startsWith(BOM) ? csv.slice(1) : csv;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && input[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
