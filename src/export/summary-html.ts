// The printable summary inside an evidence pack: one self-contained HTML file (no scripts, no remote
// resources) that a person prints to PDF from the browser. Every interpolated value is escaped or coerced,
// not only captured text: a report restored from a backup or a pack can hold anything in any field (a
// `size` or an event `seq` that is a string of markup), so nothing here trusts a field's declared type.
// The page also carries its own CSP (SUMMARY_CSP), so even a value that slipped through could not run
// script or load anything: the file is opened from disk, where no server sets a policy.
import type { Report } from '../model/report';
import type { ReportEvent } from '../lifecycle/event-log';
import { stageOf } from '../lifecycle/lifecycle';
import { eventKey, outcomeKey, stageKey } from '../lifecycle/labels';
import { formatTime, type Locale, type Translate } from '../i18n/i18n';
import { categoryLabelKey, taxonomyItem } from '../taxonomy/taxonomy';
import { destinationNameKey } from '../destinations/catalog';
import { SUBMISSION_STATES } from '../model/submission';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A count or a size, as digits only: anything that is not a finite number is shown as "?". */
export function htmlNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '?';
}

/** The summary's own Content-Security-Policy: no script, no remote anything; inline style and embedded images only. */
export const SUMMARY_CSP = "default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'";

export interface SummaryReport {
  report: Report;
  events: readonly ReportEvent[];
  /** Path of each artifact in the pack, by id. */
  paths: ReadonlyMap<string, string>;
}

/** A one-line, human description of an event's data (the raw data is in events.json). */
export function describeEventData(event: Pick<ReportEvent, 'data'>, t: Translate): string {
  const d = event.data;
  const parts: string[] = [];
  if (typeof d.destinationId === 'string') parts.push(t(destinationNameKey(d.destinationId)));
  if (typeof d.toDestinationId === 'string') parts.push(`→ ${t(destinationNameKey(d.toDestinationId))}`);
  if (typeof d.outcome === 'string') parts.push(t(outcomeKey(d.outcome)));
  if (typeof d.stage === 'string') parts.push(t(stageKey(d.stage)));
  if (typeof d.state === 'string') {
    parts.push((SUBMISSION_STATES as readonly string[]).includes(d.state) ? t(`submissionState_${d.state.replace(/-/g, '_')}`) : d.state);
  }
  const receipt = d.receipt && typeof d.receipt === 'object' && !Array.isArray(d.receipt) ? d.receipt.code : undefined;
  const code = typeof receipt === 'string' ? receipt : typeof d.queryCode === 'string' ? d.queryCode : undefined;
  if (code) parts.push(t('track_receiptCode', code));
  if (typeof d.note === 'string' && d.note) parts.push(`“${d.note}”`);
  if (typeof d.resultText === 'string' && d.resultText) parts.push(`“${d.resultText}”`);
  return parts.join(' · ');
}

export function renderSummaryHtml(input: {
  reports: readonly SummaryReport[];
  t: Translate;
  locale: Locale;
  timeZone?: string;
  createdAt: string;
  keyId: string | null;
}): string {
  const { t, locale } = input;
  const time = (iso: unknown) => escapeHtml(typeof iso === 'string' ? formatTime(iso, locale, input.timeZone) : iso);
  const e = escapeHtml;
  const num = htmlNumber;
  const sections = input.reports.map(({ report, events, paths }, n) => {
    const category = taxonomyItem(report.categoryId);
    const stage = stageOf(report);
    const items = report.items
      .map(
        (item) => `<div class="item">
          <p><strong>${e(item.author?.name ?? t('unknownAuthor'))}</strong> · ${e(item.platform)}${item.publishedAtText ? ` · ${e(item.publishedAtText)}` : ''}</p>
          <p class="text">${e(item.text)}</p>
          <p class="small">${e(item.permalink ?? item.pageUrl)}</p>
          <p class="small">${e(t('pack_capturedAt'))}: ${time(item.capturedAt)} (UTC ${e(item.capturedAt)})</p>
        </div>`,
      )
      .join('');
    const artifacts = report.evidence
      .map(
        (a) => `<tr><td>${e(t(`artifact_${String(a.kind).replace('-', '_')}`))}</td><td>${e(paths.get(a.id) ?? t('pack_notIncluded'))}</td><td>${num(a.size)}</td><td class="hash">${e(a.sha256)}</td></tr>`,
      )
      .join('');
    const timeline = [...events]
      .sort((a, b) => a.seq - b.seq)
      .map((ev) => `<tr><td>${num(ev.seq)}</td><td>${time(ev.at)}</td><td>${e(t(eventKey(ev.type)))}</td><td>${e(describeEventData(ev, t))}</td></tr>`)
      .join('');
    return `<section class="report">
      <h2>${num(n + 1)}. ${e(t('pack_reportHeading'))} <code>${e(report.id)}</code></h2>
      <dl>
        <dt>${e(t('track_stage'))}</dt><dd>${e(t(stageKey(stage)))}${report.lifecycle?.outcome ? ` (${e(t(outcomeKey(report.lifecycle.outcome)))})` : ''}</dd>
        <dt>${e(t('categoryLabel'))}</dt><dd>${e(category ? t(categoryLabelKey(category)) : t('noCategory'))}</dd>
        <dt>${e(t('pack_created'))}</dt><dd>${time(report.createdAt)}</dd>
        <dt>${e(t('track_destinations'))}</dt><dd>${e((report.lifecycle?.destinations ?? report.destinations ?? []).map((d) => t(destinationNameKey(d))).join('、') || '—')}</dd>
      </dl>
      ${report.description ? `<h3>${e(t('pack_description'))}</h3><p class="text">${e(report.description)}</p>` : ''}
      <h3>${e(t('pack_items'))}</h3>${items}
      <h3>${e(t('evidenceHeading'))}</h3>
      <table><thead><tr><th>${e(t('pack_artifact'))}</th><th>${e(t('pack_file'))}</th><th>${e(t('pack_bytes'))}</th><th>SHA-256</th></tr></thead><tbody>${artifacts}</tbody></table>
      <h3>${e(t('track_timeline'))}</h3>
      <table><thead><tr><th>#</th><th>${e(t('pack_time'))}</th><th>${e(t('pack_event'))}</th><th>${e(t('pack_details'))}</th></tr></thead><tbody>${timeline}</tbody></table>
    </section>`;
  });
  return `<!doctype html>
<html lang="${locale === 'zh_CN' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(SUMMARY_CSP)}">
<title>${e(t('pack_title'))}</title>
<style>
body{font:12pt/1.5 system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:2em;color:#111}
h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #999;padding-bottom:4px}h3{font-size:12pt;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;font-size:10pt}td,th{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
.hash,code{font-family:monospace;font-size:8.5pt;overflow-wrap:anywhere}.text{white-space:pre-wrap;overflow-wrap:anywhere}
.small{font-size:9pt;color:#444;overflow-wrap:anywhere}.item{border:1px solid #ddd;padding:4px 8px;margin:4px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}dd{margin:0}
.report{page-break-before:always}.report:first-of-type{page-break-before:auto}
@media print{body{margin:0}}
</style></head><body>
<h1>${e(t('pack_title'))}</h1>
<p>${e(t('pack_generated', formatTime(input.createdAt, locale, input.timeZone)))} · UTC ${e(input.createdAt)}</p>
<p>${e(t('pack_howToVerify'))}</p>
${input.keyId ? `<p class="small">${e(t('pack_keyId'))}: <code>${e(input.keyId)}</code></p>` : ''}
${sections.join('\n')}
</body></html>`;
}
