// The adapter of every destination in the catalog. Behaviour follows the catalog's data: a platform with
// a per-item report page opens it; an authority with a known form opens and fills it; a destination with
// only an address gets an e-mail; the configured endpoint is sent by the queue.
import type { Channel, Submission } from '../../model/submission';
import { DESTINATIONS, destination as catalogEntry, type Destination, type DestinationId } from '../catalog';
import { reasonFor } from '../reasons/taxonomy-to-reason';
import { emailSubject, formDescription, fullReportText, mailtoUrl, reportedUrl, siteNameOf } from '../report-text';
import type { DestinationAction, DestinationAdapter, DialogTargetRef, EmailDraft, FillPlan, SubmittableReport } from './destination-adapter';
import { NOTES_SLUG_12377, matchPage, siteProfile } from './site-profiles';

/** Where a destination without its own web channel sends people (the catalog's notes say which). */
const REFER_TO: Partial<Record<DestinationId, DestinationId>> = {
  xiaohongshu: 'provincial-shanghai',
  toutiao: '12377',
};

function email(dest: Destination, report: SubmittableReport): EmailDraft | undefined {
  const to = dest.emails[0];
  if (!to) return undefined;
  const subject = emailSubject(report, dest.id);
  const body = fullReportText(report, dest.id);
  return { to, subject, body, mailto: mailtoUrl(to, subject, body) };
}

function fillTemplate(template: string, values: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return encodeURIComponent(v ?? '');
  });
  return missing ? undefined : url;
}

/** The per-item report page of a platform for the first reported item, when its ids allow it. */
function platformEntryUrl(dest: Destination, report: SubmittableReport): string | undefined {
  const item = report.items[0];
  if (!item) return undefined;
  const ids = item.ids as Record<string, string | undefined>;
  const values: Record<string, string | undefined> = {
    ...ids,
    mid: ids.mid ?? ids.postId,
    aid: ids.aid ?? ids.avid,
    uid: ids.uid ?? ids.authorUid ?? ids.authorId,
    topicId: ids.topicId ?? ids.postId,
    articleUrl: item.permalink ?? item.pageUrl,
  };
  const order = ['post', 'video', 'article', 'user', 'form'] as const;
  for (const purpose of order) {
    for (const entry of dest.entries.filter((e) => e.purpose === purpose)) {
      const url = fillTemplate(entry.url, values);
      if (url) return url;
    }
  }
  return undefined;
}

/** Ids that can go into a selector as they are. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

function isHttpsUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The item's own page and the profile that opens its report dialog there (Bilibili's comments and dynamics,
 * Zhihu), from the catalog's `dialog` entries for the item's kind.
 */
export function dialogEntry(dest: Destination, report: SubmittableReport): { url: string; profileId: string; target: DialogTargetRef } | undefined {
  const item = report.items[0];
  if (!item) return undefined;
  const ids: Record<string, string> = {};
  for (const [key, value] of Object.entries(item.ids as Record<string, string | undefined>)) {
    if (typeof value === 'string' && PLAIN_ID.test(value)) ids[key] = value;
  }
  for (const entry of dest.entries) {
    if (entry.purpose !== 'dialog' || !entry.dialog || !entry.kinds?.includes(item.kind)) continue;
    const profile = siteProfile(entry.dialog);
    if (!profile?.dialog) continue;
    let url: string | undefined;
    if (entry.url === '{pageUrl}' || entry.url === '{permalink}') {
      const own = entry.url === '{permalink}' ? (item.permalink ?? item.pageUrl) : item.pageUrl;
      // Only the platform's own pages, over https: the item's address comes from a captured page.
      if (isHttpsUrl(own) && profile.hosts.includes(new URL(own).hostname)) url = own;
    } else {
      url = fillTemplate(entry.url, ids);
    }
    if (!url) continue;
    // The page must be one the profile opens dialogs on, or nothing there would fill it.
    const page = matchPage(url);
    if (page?.profile.id !== profile.id || page.role !== 'dialog') continue;
    return { url, profileId: profile.id, target: { kind: item.kind, ids } };
  }
  return undefined;
}

function fillPlan(profileId: string, dest: Destination, report: SubmittableReport, extra: FillPlan['values'] = {}): FillPlan | null {
  const profile = siteProfile(profileId);
  if (!profile) return null;
  const reason = report.categoryId ? reasonFor(report.categoryId, dest.id) : undefined;
  const realName = report.anonymous === false && report.reporter;
  const values: FillPlan['values'] = {
    url: reportedUrl(report),
    siteName: siteNameOf(report),
    platformName: siteNameOf(report),
    description: formDescription(report, dest.description.max),
    ...(reason ? { reason: profile.fields.reason?.match === 'value' ? reason.code : reason.siteLabel } : {}),
    ...(reason?.parent && profile.fields.reason?.match === 'value' ? { reasonParent: reason.parent } : {}),
    ...(realName && report.reporter?.name ? { reporterName: report.reporter.name } : {}),
    ...(realName && report.reporter?.phone ? { reporterPhone: report.reporter.phone } : {}),
    ...(realName && report.reporter?.email ? { reporterEmail: report.reporter.email } : {}),
    ...extra,
  };
  const uploads = profile.fileInput
    ? report.evidence.filter((a) => !a.excluded && (a.kind === 'screenshot' || a.kind === 'screenshot-full')).map((a) => a.id)
    : [];
  return { profileId, values, uploads };
}

/**
 * Where an item's context (its post, the quoted original) travels for this destination: in the report data
 * (API), in the e-mail's body, or only in the copied full text and the evidence pack (form fields carry the
 * person's description alone).
 */
export function contextCarriage(destinationId: string): 'data' | 'email' | 'copy-and-pack' {
  const dest = catalogEntry(destinationId);
  if (!dest) return 'copy-and-pack';
  const channel = channelOf(dest);
  return channel === 'api' ? 'data' : channel === 'email' ? 'email' : 'copy-and-pack';
}

function channelOf(dest: Destination): Channel {
  if (dest.kind === 'api') return 'api';
  if (dest.id === 'zhihu') return 'platform-dialog';
  if (dest.id === '12377' || dest.id === '12377-enterprise') return 'web-form';
  if (dest.kind === 'platform') {
    if (dest.entries.some((e) => e.purpose !== 'home')) return 'web-form';
    if (dest.emails.length) return 'email';
    return 'deep-link';
  }
  if (siteProfile(dest.id)) return 'web-form';
  if (dest.emails.length) return 'email';
  return 'deep-link';
}

function adapterFor(dest: Destination): DestinationAdapter {
  const channel = channelOf(dest);
  return {
    id: dest.id,
    channel,
    prepare(report: SubmittableReport, _submission: Submission): DestinationAction {
      const clipboardText = fullReportText(report, dest.id);
      const mail = email(dest, report);
      if (channel === 'api') return { kind: 'api' };
      if (channel === 'email' && mail) return { kind: 'email', email: mail, clipboardText };
      if (dest.id === '12377' || dest.id === '12377-enterprise') {
        const code = report.categoryId ? reasonFor(report.categoryId, dest.id)?.code : undefined;
        // The catalog holds the pages: 12377's notes page per report type, the enterprise zone's own form.
        const notes = dest.entries.find((e) => e.purpose === 'notes');
        const form = dest.entries.find((e) => e.purpose === 'form');
        const url = notes ? notes.url.replace('{type}', NOTES_SLUG_12377[code ?? 'other'] ?? 'qt') : (form?.url ?? '');
        return { kind: 'open-page', url, fill: fillPlan('12377', dest, report), clipboardText, ...(mail ? { email: mail } : {}) };
      }
      if (dest.kind === 'platform') {
        const dialog = dialogEntry(dest, report);
        if (dialog) {
          const plan = fillPlan(dialog.profileId, dest, report);
          return { kind: 'open-page', url: dialog.url, fill: plan && { ...plan, target: dialog.target }, clipboardText };
        }
        const entry = platformEntryUrl(dest, report);
        if (entry) return { kind: 'open-page', url: entry, fill: fillPlan(dest.id, dest, report), clipboardText };
        // The dialog lives on the item's own page (Zhihu): open it; the person opens the dialog.
        if (channel === 'platform-dialog') return { kind: 'open-page', url: reportedUrl(report), fill: null, clipboardText };
        const referTo = REFER_TO[dest.id] ? catalogEntry(REFER_TO[dest.id]) : undefined;
        return {
          kind: 'elsewhere',
          clipboardText,
          url: referTo?.entries[0]?.url ?? dest.entries[0]?.url ?? null,
          phones: dest.phones,
        };
      }
      const home = dest.entries.find((e) => e.purpose === 'form' || e.purpose === 'anonymous-form') ?? dest.entries[0];
      const extra = dest.id === 'piyao' ? { title: formDescription(report, 30) } : {};
      return {
        kind: 'open-page',
        url: home?.url ?? '',
        fill: fillPlan(dest.id, dest, report, extra),
        clipboardText,
        ...(mail ? { email: mail } : {}),
      };
    },
  };
}

const ADAPTERS = new Map<string, DestinationAdapter>(DESTINATIONS.map((d) => [d.id, adapterFor(d)]));

export function destinationAdapter(id: string): DestinationAdapter | undefined {
  return ADAPTERS.get(id);
}

export function allAdapters(): DestinationAdapter[] {
  return [...ADAPTERS.values()];
}
