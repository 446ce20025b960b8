// The content script on destinations' own report pages (12377, platforms' report pages, known forms), and
// on platforms' item pages whose report form is a dialog opened from the item (Bilibili's comments and
// dynamics, Zhihu). It does nothing unless the worker says this tab is submitting one of the person's
// reports. Then it guides the person through the notes page, fills the form (or opens the item's report
// dialog and fills that), attaches the evidence, points at the captcha and the submit button (which stay
// the person's), and reports what the page answers.
import { browser } from '../lib/browser';
import { DIALOG_PENDING_KEY, matchPage, siteProfile, type SiteProfile } from '../../src/destinations/adapters/site-profiles';
import { attachFiles, fillForm, focusCaptcha, notesState, readAnswer, reasonAvailable } from '../../src/destinations/page-filler';
import { dialogRoot, openReportDialog, waitFor } from '../../src/destinations/dialog-opener';
import type { DestinationTask } from '../../src/messaging/messages/submission';
import { showBanner, type Banner } from './banner';

// The worker sends the banner's words in the person's chosen language with the task; the browser's own
// translation (its UI language) is the fallback.
let words: Record<string, string> = {};
const msg = (key: string, ...subs: string[]) =>
  words[key] ? words[key]!.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? '') : browser.i18n.getMessage(key, subs) || key;

async function send<T>(message: { type: string; payload: unknown }): Promise<T | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as T;
  } catch {
    return undefined;
  }
}

function base64ToFile(base64: string, name: string, mime: string): File {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new File([bytes], name, { type: mime });
}

function guideNotes(task: DestinationTask, profile: SiteProfile, banner: Banner): void {
  // A report with the reporter's details goes to the real-name form (12377 侵权类 requires it).
  if (task.values.reporterName && profile.notes?.realName) {
    document.querySelector<HTMLInputElement>(profile.notes.realName)?.click();
  }
  const tick = () => {
    const state = notesState(document, profile);
    if (!state.found) return;
    if (state.locked) {
      banner.set(state.secondsLeft !== null ? msg('submitBannerCountdown', String(state.secondsLeft)) : msg('submitBannerNotes'), 'wait');
    } else {
      banner.set(state.read ? msg('submitBannerAgreeNow') : msg('submitBannerTickRead'), 'act');
    }
  };
  tick();
  // The countdown is the page's own; we only read it, several times a second, until the page moves on.
  window.setInterval(tick, 250);
}

async function fill(task: DestinationTask, profile: SiteProfile, banner: Banner): Promise<void> {
  const result = fillForm(document, profile, task.values);
  let attached = 0;
  if (task.uploadCount > 0 && profile.fileInput) {
    const answer = await send<{ ok: boolean; files?: Array<{ name: string; mime: string; base64: string }> }>({
      type: 'destination-uploads',
      payload: { submissionId: task.submissionId },
    });
    const files = (answer?.ok && answer.files ? answer.files : []).map((f) => base64ToFile(f.base64, f.name, f.mime));
    if (attachFiles(document, profile, files)) attached = files.length;
  }
  const hasCaptcha = focusCaptcha(document, profile);
  const parts = [msg('submitBannerFilled', String(result.filled.length))];
  if (attached) parts.push(msg('submitBannerAttached', String(attached)));
  if (result.missing.length) parts.push(msg('submitBannerMissing', result.missing.join(', ')));
  parts.push(hasCaptcha ? msg('submitBannerCaptcha') : msg('submitBannerSubmit'));
  banner.set(parts.join(' '), 'act');
  document.documentElement.dataset.reportAssistantFilled = result.filled.join(',');
}

/** Set once the page's answer is recorded: a dialog opened after that is the person's own business. */
let answered = false;

/**
 * On an item's own page: open the item's report dialog, and fill every report dialog that opens (also one
 * the person opens when the item could not be found), waiting for reasons the site serves late.
 */
function dialogFlow(task: DestinationTask, profile: SiteProfile, banner: Banner): void {
  const spec = profile.dialog;
  if (!spec) return;
  const seen = new WeakSet<Element>();
  const fillRoot = async (root: Element) => {
    seen.add(root);
    const reason = task.values.reason;
    if (reason) await waitFor(document, () => reasonAvailable(root, profile, reason) || !root.isConnected, 10_000);
    if (!root.isConnected || answered) return;
    const result = fillForm(root, profile, task.values);
    const parts = [msg('submitBannerFilled', String(result.filled.length))];
    if (result.missing.length) parts.push(msg('submitBannerMissing', result.missing.join(', ')));
    parts.push(msg('submitBannerDialogSubmit'));
    banner.set(parts.join(' '), 'act');
    document.documentElement.dataset.reportAssistantFilled = result.filled.join(',');
  };
  const check = () => {
    if (answered) return;
    const root = dialogRoot(document, spec);
    if (root && !seen.has(root)) void fillRoot(root);
  };
  new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  banner.set(msg('submitBannerFindingItem'), 'wait');
  void (async () => {
    const opened = task.target ? await openReportDialog(document, spec, task.target) : ({ status: 'no-item' } as const);
    if (opened.status === 'opened') check();
    else if (!answered && !dialogRoot(document, spec)) banner.set(msg('submitBannerOpenDialogYourself'), 'act');
  })();
}

function watchAnswers(task: DestinationTask, profile: SiteProfile, banner: Banner): void {
  const reported = new Set<string>();
  const check = async () => {
    const answer = readAnswer(document, profile);
    if (!answer) return;
    const key = `${answer.kind}:${answer.detail}`;
    if (reported.has(key)) return;
    reported.add(key);
    const response = await send<{ ok: boolean; state?: string }>({
      type: 'destination-answer',
      payload: { submissionId: task.submissionId, url: location.href, kind: answer.kind, detail: answer.detail, ...(answer.code ? { code: answer.code } : {}) },
    });
    if (!response?.ok) return;
    answered = true;
    if (answer.kind === 'confirmed') banner.set(answer.code ? msg('submitBannerRecordedCode', answer.code) : msg('submitBannerRecorded'), 'done');
    else if (answer.kind === 'too-frequent') banner.set(msg('submitBannerTooFrequent'), 'wait');
    else banner.set(msg('submitBannerAlready'), 'done');
  };
  const observer = new MutationObserver(() => void check());
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  void check();
}

async function start(): Promise<void> {
  // Only a page some profile knows can have a task (the worker would answer null for any other): https and
  // the profile's exact origin (the manifest also runs this script on http:// pages of the same hosts).
  const known = matchPage(location.href);
  if (!known) return;
  // An item's own page is ordinary browsing: ask the worker only while it may have opened one for a report.
  if (known.role === 'dialog') {
    const stored = (await browser.storage.local.get(DIALOG_PENDING_KEY).catch(() => ({}))) as Record<string, unknown>;
    const until = stored[DIALOG_PENDING_KEY];
    if (typeof until !== 'number' || until < Date.now()) return;
  }
  const answer = await send<{ ok: boolean; task?: DestinationTask | null }>({ type: 'destination-page', payload: { url: location.href } });
  const task = answer?.ok ? answer.task : null;
  if (!task) return;
  const profile = siteProfile(task.profileId);
  if (!profile) return;
  words = task.messages ?? {};
  const banner = showBanner(msg('submitBannerTitle'));
  if (task.role === 'notes') guideNotes(task, profile, banner);
  else if (task.role === 'form') await fill(task, profile, banner);
  else if (task.role === 'dialog') dialogFlow(task, profile, banner);
  watchAnswers(task, profile, banner);
}

void start();
