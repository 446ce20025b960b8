// The service worker. Every listener is registered at the top level, synchronously, so a worker that the
// browser killed and restarts for an event still has its handler. Nothing here keeps state that matters:
// captures go straight to IndexedDB, and every handler re-reads what it needs.
//
// Each feature lives in its own module that exports (a) a table of message handlers and (b) a
// `register…Listeners()` function for its other events (alarms, menus, commands), called below at the top level.
import { browser, extensionOrigin, type Runtime } from '../lib/browser';
import { acceptMessage, type Message } from '../../src/messaging/protocol';
import type { Handler, HandlerTable } from './handlers';
import { captureHandlers, registerCaptureListeners } from './capture';
import { formHandlers, registerFormListeners } from './form';
import { submissionHandlers, registerQueueListeners } from './queue';
import { registerEverywhereListeners } from './everywhere';
import { trackingHandlers, registerTrackingListeners } from './tracking';
import { retakeHandlers, registerRetakeListeners } from './retake';
import { registerWelcomeListeners } from './welcome';
import { siteLayoutHandlers, registerSiteLayoutListeners } from './site-layout';

const HANDLERS: HandlerTable = {
  ...captureHandlers,
  ...formHandlers,
  ...submissionHandlers,
  ...trackingHandlers,
  ...retakeHandlers,
  ...siteLayoutHandlers,
};

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
  return dispatch(accepted.message, sender).catch((err: unknown) => {
    console.error('[report-assistant] handler failed', err);
    return { ok: false, error: 'errorInternal', detail: String(err) };
  });
});

function dispatch(message: Message, sender: Runtime.MessageSender): Promise<unknown> {
  const handler = HANDLERS[message.type] as Handler<Message['type']> | undefined;
  if (!handler) return Promise.resolve({ ok: false, error: 'errorRejected', detail: `no handler for ${message.type}` });
  return handler(message.payload as never, sender);
}

registerEverywhereListeners();
registerTrackingListeners();
registerFormListeners();
registerQueueListeners();
registerCaptureListeners();
registerRetakeListeners();
registerWelcomeListeners();
registerSiteLayoutListeners();
