// Content script on pages where answers to reports appear: 12377's status query (fills in the 查询码
// the person's submission got, then reads the result back once the person has typed the captcha and
// pressed 查询) and platforms' notification pages (offers to record answers that concern tracked reports).
// What to look for on each page is data in src/lifecycle/feedback-sites.ts.
import { browser } from '../lib/browser';
import { feedbackSiteFor, firstMatch, parseNotices, parseQueryResults, QUERY_12377, type FeedbackSite } from '../../src/lifecycle/feedback-sites';

const msg = (key: string, ...subs: Array<string | number>) => browser.i18n.getMessage(key, subs.map(String)) || key;
const outcomeLabel = (outcome: string | null) => (outcome ? msg(`outcome_${outcome.replace(/-/g, '_')}`) : '—');

function banner(text: string): void {
  let el = document.querySelector<HTMLElement>('[data-report-assistant="tracking-banner"]');
  if (!el) {
    el = document.createElement('div');
    el.dataset.reportAssistant = 'tracking-banner';
    el.setAttribute('role', 'status');
    el.style.cssText =
      'position:fixed;right:12px;bottom:12px;z-index:2147483647;max-width:360px;padding:10px 14px;border-radius:8px;' +
      'background:#1d1d1f;color:#fff;font:14px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)';
    document.body.append(el);
  }
  el.textContent = text;
}

/** Sets a field the way typing would, so the page's own listeners see it. */
function fill(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter ? setter.call(input, value) : (input.value = value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function observe(onChange: () => void, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 150);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect());
  onChange();
}

async function queryPage(signal: AbortSignal): Promise<void> {
  const answer = (await browser.runtime.sendMessage({ type: 'track-query-page', payload: { url: location.href } })) as { ok: boolean; code?: string | null };
  if (answer?.ok && answer.code) {
    const codeInput = firstMatch<HTMLInputElement>(document, QUERY_12377.codeInput);
    if (codeInput) {
      fill(codeInput, answer.code);
      firstMatch<HTMLInputElement>(document, QUERY_12377.captchaInput)?.focus();
      banner(msg('track_queryFilled'));
    }
  }
  let lastSent = '';
  observe(() => {
    const records = parseQueryResults(document);
    const key = JSON.stringify(records);
    if (records.length === 0 || key === lastSent) return;
    lastSent = key;
    void browser.runtime
      .sendMessage({ type: 'track-query-result', payload: { url: location.href, records } })
      .then((reply: unknown) => {
        const r = reply as { ok: boolean; recorded?: Array<{ outcome: string | null; result: string }> };
        const first = r?.ok ? r.recorded?.[0] : undefined;
        if (!first) return;
        banner(first.outcome ? msg('track_queryRecorded', outcomeLabel(first.outcome)) : msg('track_queryPending', first.result));
      });
  }, signal);
}

function feedbackPage(site: FeedbackSite, signal: AbortSignal): void {
  let lastSent = '';
  observe(() => {
    const notices = parseNotices(document, site);
    const key = JSON.stringify(notices);
    if (notices.length === 0 || key === lastSent) return;
    lastSent = key;
    void browser.runtime.sendMessage({ type: 'track-feedback-page', payload: { url: location.href, notices } }).then((reply: unknown) => {
      const r = reply as { ok: boolean; matches?: Array<{ index: number; reportId: string; outcome: string | null }> };
      if (!r?.ok || !r.matches?.length) return;
      banner(msg('track_pageFound', r.matches.length));
      let nodes: Element[] = [];
      for (const s of site.notice) {
        nodes = [...document.querySelectorAll(s)];
        if (nodes.length) break;
      }
      const about = nodes.filter((n) => site.aboutReport.test(n.textContent ?? ''));
      for (const match of r.matches) {
        const node = about[match.index];
        const notice = notices.find((n) => n.index === match.index);
        if (!node || !notice || node.querySelector('[data-report-assistant="record-feedback"]')) continue;
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.reportAssistant = 'record-feedback';
        button.dataset.reportId = match.reportId;
        button.textContent = msg('track_pageRecord', outcomeLabel(match.outcome));
        button.style.cssText = 'margin:6px 0;padding:4px 10px;border-radius:6px;border:1px solid #c62828;background:#fff;color:#c62828;cursor:pointer;font:inherit';
        button.addEventListener('click', async () => {
          button.disabled = true;
          const done = (await browser.runtime.sendMessage({
            type: 'track-record-notice',
            payload: { url: location.href, notice, reportId: match.reportId },
          })) as { ok: boolean };
          button.textContent = done?.ok ? msg('track_pageRecorded') : msg('errorInternal');
          button.dataset.state = done?.ok ? 'done' : 'failed';
        });
        node.append(button);
      }
    });
  }, signal);
}

function main(): void {
  const controller = new AbortController();
  addEventListener('pagehide', () => controller.abort(), { once: true });
  if (location.hostname === 'www.12377.cn' && QUERY_12377.pathPattern.test(location.pathname)) {
    void queryPage(controller.signal);
    return;
  }
  const site = feedbackSiteFor(location.href);
  if (site) feedbackPage(site, controller.signal);
}

main();
