// The service worker. Every listener is registered at the top level, synchronously, so a worker that the
// browser killed and restarts for an event still has its handler. Nothing here keeps state that matters:
// captures go straight to IndexedDB, and every handler re-reads what it needs.
import { browser, extensionOrigin, openReportForm, type Runtime } from '../lib/browser';
import { acceptMessage, type Message, type Responses } from '../../src/messaging/protocol';
import { IdbReportStore } from '../../src/storage/report-store';
import { handleCapturePost } from './capture';
import { syncEverywhereScripts } from './everywhere';

const store = new IdbReportStore();

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const accepted = acceptMessage(
    raw,
    { id: sender.id, url: sender.url, tabId: sender.tab?.id, frameId: sender.frameId },
    browser.runtime.id,
    extensionOrigin(),
  );
  if (!accepted.ok) {
    console.warn('[report-assistant] rejected message:', accepted.reason);
    return Promise.resolve({ ok: false, error: 'errorRejected', detail: accepted.reason });
  }
  return handle(accepted.message, sender).catch((err: unknown) => {
    console.error('[report-assistant] handler failed', err);
    return { ok: false, error: 'errorInternal', detail: String(err) };
  });
});

async function handle(message: Message, sender: Runtime.MessageSender): Promise<Responses[Message['type']]> {
  switch (message.type) {
    case 'capture-post': {
      const result = await handleCapturePost(store, message.payload, sender);
      if (result.ok) await openReportForm(result.reportId).catch((e: unknown) => console.warn('open form failed', e));
      return result;
    }
    case 'open-form':
      if (message.payload.where === 'tab') {
        await browser.tabs.create({
          url: browser.runtime.getURL(`extension/popup/index.html?report=${message.payload.reportId}&tab=1`),
        });
      } else {
        await openReportForm(message.payload.reportId);
      }
      return { ok: true };
    case 'report-saved':
      return { ok: true };
  }
}

browser.runtime.onInstalled.addListener(() => {
  void syncEverywhereScripts();
});
browser.runtime.onStartup.addListener(() => {
  void syncEverywhereScripts();
});
browser.permissions.onAdded.addListener(() => {
  void syncEverywhereScripts();
});
browser.permissions.onRemoved.addListener(() => {
  void syncEverywhereScripts();
});
