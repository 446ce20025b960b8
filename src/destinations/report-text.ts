// The words a report is sent with: a description for a destination's form, a clipboard text, an e-mail.
// Destinations are Chinese authorities and platforms, so what is sent is in Chinese whatever the
// interface language; the law's wording of the category is quoted verbatim.
import type { SubmittableReport } from './adapters/destination-adapter';
import { legalItemOf, taxonomyItem } from '../taxonomy/taxonomy';
import { reasonFor } from './reasons/taxonomy-to-reason';

const PLATFORM_NAMES: Record<string, string> = {
  weibo: '新浪微博',
  bilibili: '哔哩哔哩',
  zhihu: '知乎',
  douyin: '抖音',
  tieba: '百度贴吧',
  xiaohongshu: '小红书',
  douban: '豆瓣',
  toutiao: '今日头条',
  wechat: '微信公众号',
};

/** The reported site's name: the platform's Chinese name, else the page's host. */
export function siteNameOf(report: SubmittableReport): string {
  const item = report.items[0];
  if (!item) return '';
  return PLATFORM_NAMES[item.platform] ?? hostOf(item.pageUrl);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The exact URL of the first reported item (its permalink when known). */
export function reportedUrl(report: SubmittableReport): string {
  const item = report.items[0];
  return item ? (item.permalink ?? item.pageUrl) : '';
}

function article(categoryId: string | null): string {
  const item = taxonomyItem(categoryId);
  const legal = legalItemOf(categoryId);
  if (!item || !legal) return '';
  const article = legal.group === 'illegal' ? '第六条' : '第七条';
  return `《网络信息内容生态治理规定》${article}第${legal.number}项：${legal.legalText}`;
}

const clip = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, Math.max(0, max - 1)).join('')}…` : s);

/** The description to put in a destination's form, within its length limit. */
export function formDescription(report: SubmittableReport, max: number | null = null): string {
  const text = report.description.trim();
  if (max !== null) return clip(text, max);
  return text;
}

/** A complete plain-text report: for the clipboard, an e-mail body and the evidence pack's summary. */
export function fullReportText(report: SubmittableReport, destinationId: string): string {
  const lines: string[] = [];
  const reason = report.categoryId ? reasonFor(report.categoryId, destinationId) : undefined;
  lines.push(`举报类别：${reason?.siteLabel ?? ''}${report.categoryId ? `（${article(report.categoryId)}）` : ''}`);
  lines.push(`举报说明：${report.description.trim()}`);
  lines.push('');
  report.items.forEach((item, i) => {
    lines.push(`被举报内容 ${i + 1}：`);
    lines.push(`  网址：${item.permalink ?? item.pageUrl}`);
    lines.push(`  平台：${PLATFORM_NAMES[item.platform] ?? hostOf(item.pageUrl)}`);
    if (item.author?.name) lines.push(`  发布者：${item.author.name}${item.author.id ? `（${item.author.id}）` : ''}`);
    if (item.publishedAtText) lines.push(`  发布时间：${item.publishedAtText}`);
    if (item.title) lines.push(`  标题：${item.title}`);
    if (item.text) lines.push(`  内容摘录：${clip(item.text.replace(/\s+/g, ' '), 300)}`);
    // What the item is about (marked as context, not the reported content): its post, the quoted original.
    for (const c of item.context.filter((x) => x.role !== 'around')) {
      const what = c.role === 'quoted' ? '转发的原文' : c.kind === 'comment' ? '所回复的评论' : '所属内容';
      const parts = [c.title, c.author?.name ? `发布者 ${c.author.name}` : '', c.text ? clip(c.text.replace(/\s+/g, ' '), 150) : '', c.permalink ?? ''].filter(Boolean);
      lines.push(`  ${what}（上下文）：${parts.join('；')}`);
    }
    lines.push(`  取证时间（UTC）：${item.capturedAt}`);
  });
  const sent = report.evidence.filter((a) => !a.excluded);
  if (sent.length) {
    lines.push('');
    lines.push(`证据文件（SHA-256）：`);
    for (const a of sent) lines.push(`  ${a.kind} ${a.sha256}`);
  }
  if (report.goodFaith?.at) {
    lines.push('');
    lines.push(`举报人声明：以上内容真实、准确，系善意举报（${report.goodFaith.at}）。`);
  }
  if (!report.anonymous && report.reporter) {
    const r = report.reporter;
    const who = [r.name, r.phone, r.email].filter(Boolean).join('，');
    if (who) lines.push(`举报人：${who}`);
  }
  return lines.join('\n');
}

export function emailSubject(report: SubmittableReport, destinationId: string): string {
  const reason = report.categoryId ? reasonFor(report.categoryId, destinationId) : undefined;
  return clip(`举报：${siteNameOf(report)}${reason ? ` ${reason.siteLabel}` : ''} ${reportedUrl(report)}`, 200);
}

/**
 * A `mailto:` URL. Mail clients limit URL length (about 2,000 characters is safe), so a long body is cut
 * there with a pointer to the attached evidence pack, which holds the whole text.
 */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const LIMIT = 1900;
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '%20');
  let b = body;
  let url = `mailto:${to}?subject=${enc(subject)}&body=${enc(b)}`;
  while (url.length > LIMIT && b.length > 0) {
    b = b.slice(0, Math.floor(b.length * 0.8));
    url = `mailto:${to}?subject=${enc(subject)}&body=${enc(`${b}…\n\n（全文见附件证据包 summary.txt）`)}`;
  }
  return url;
}
