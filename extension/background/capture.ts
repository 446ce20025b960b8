// Capture in the worker: screenshot the visible tab, crop the post, hash everything, store a draft.
import { browser, openReportForm, type Runtime } from '../lib/browser';
import { IdbReportStore } from '../../src/storage/report-store';
import type { HandlerTable } from './handlers';
import type { MessageOf, Responses } from '../../src/messaging/protocol';
import { buildEvidence } from '../../src/capture/build-evidence';
import { cropImage, imageSize } from '../../src/capture/crop';
import { CAPTURE_INTERVAL_MS, spacedCalls } from '../../src/capture/throttle';
import { newDraft } from '../../src/model/report';
import { getSigningKey } from '../../src/evidence/signing-key';
import { signReportObject } from '../../src/evidence/sign-report';
import type { ReportStore } from '../../src/storage/report-store';

const captureSlot = spacedCalls(CAPTURE_INTERVAL_MS);

export async function handleCapturePost(
  store: ReportStore,
  payload: MessageOf<'capture-post'>['payload'],
  sender: Runtime.MessageSender,
): Promise<Responses['capture-post']> {
  const windowId = sender.tab?.windowId;
  let screenshot: Blob | undefined;
  let screenshotSize: { width: number; height: number } | undefined;
  try {
    const dataUrl = await captureSlot(() => browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' }));
    screenshot = await (await fetch(dataUrl)).blob();
    screenshotSize = await imageSize(screenshot);
  } catch (err) {
    // The record is still worth keeping without a picture (e.g. the tab was hidden); say so in the log.
    console.warn('[report-assistant] screenshot failed', err);
  }
  const evidence = await buildEvidence(
    {
      post: payload.post,
      ...(screenshot && screenshotSize ? { screenshot, screenshotSize } : {}),
      rect: payload.rect,
      viewport: payload.viewport,
      userAgent: navigator.userAgent,
    },
    cropImage,
  );
  const report = newDraft([payload.post], evidence.metas);
  report.signed = await signReportObject(report, await getSigningKey(store), navigator.userAgent);
  await store.create(
    report,
    evidence.records.map((r) => ({ ...r, reportId: report.id })),
  );
  return { ok: true, reportId: report.id };
}

export const captureHandlers: HandlerTable = {
  'capture-post': async (payload, sender) => {
    const result = await handleCapturePost(new IdbReportStore(), payload, sender);
    if (result.ok) await openReportForm(result.reportId).catch((e: unknown) => console.warn('[report-assistant] open form failed', e));
    return result;
  },
};
