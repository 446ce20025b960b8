// Capture in the worker: screenshots (cropped, or stitched for long posts), hashes, a signed manifest, and
// the record stored — as a new draft (then the form opens) or appended to the report being gathered.
import { openReportForm, type Runtime } from '../lib/browser';
import { IdbReportStore } from '../../src/storage/report-store';
import { recordEvent } from '../../src/lifecycle/event-log';
import type { HandlerTable } from './handlers';
import type { MessageOf, Responses } from '../../src/messaging/protocol';
import type { CapturedPost, Rect, ScreenshotMissing } from '../../src/model/captured-post';
import { rememberRetakeTarget } from './retake';
import { buildEvidence } from '../../src/capture/build-evidence';
import { cropImage } from '../../src/capture/crop';
import type { ReportStore } from '../../src/storage/report-store';
import { recordCapture, type RecordedCapture } from '../../src/evidence/record-capture';
import { addElementShot } from '../../src/evidence/add-crop';
import { fetchReportMedia, MediaRefusedError } from '../../src/evidence/media';
import { sanitizeRecordUrls } from '../../src/evidence/privacy';
import { getSigningKey } from '../../src/evidence/signing-key';
import { takeScreenshots } from './capture-screenshot';
import { gatheringTarget, registerCollectListeners, showGatheredCount, startGathering, stopGathering } from './capture-collect';
import { registerContextMenuListeners, reportActivePage } from './context-menu';

export interface CaptureRequest {
  post: CapturedPost;
  tabId: number | undefined;
  windowId: number | undefined;
  /** The element's box in the viewport; a zero-size box means "no element: keep the visible tab only". */
  rect: Rect;
  viewport: { width: number; height: number };
  scroll?: { x: number; y: number } | undefined;
  /** The visible box of the inner panel the element scrolls in, when that is not the window. */
  clip?: Rect | undefined;
  /** Child sexual abuse material: URLs and ids only, never a picture. */
  urlOnly?: boolean;
}

/** A capture stored; `finish` then adds what may follow the record (the element's cropped picture). */
export interface CaptureDone {
  recorded: RecordedCapture;
  /** Why the capture has no screenshot, when it has none (and was meant to have one). */
  screenshotMissing?: ScreenshotMissing;
  finish(): Promise<void>;
}

/**
 * Persist first: the record and its evidence are in IndexedDB before anything is shown. The element's
 * picture, when it is cut from the full screenshot, is made after that first write (`finish`): the
 * full screenshot already holds it, and the page hears "stored" without waiting for the crop.
 */
export async function captureAndRecord(store: ReportStore, request: CaptureRequest): Promise<CaptureDone> {
  // Whether a screenshot is missing is the worker's to say, never the page's.
  const { screenshotMissing: _fromPage, ...given } = request.post;
  let post = sanitizeRecordUrls(given);
  // Read from IndexedDB while the screenshot is taken.
  const key = getSigningKey(store);
  key.catch(() => undefined);
  const gatherInto = await gatheringTarget(store);
  const target = gatherInto ? await store.get(gatherInto) : undefined;
  const urlOnly = request.urlOnly === true || target?.evidencePolicy === 'url-only';
  const shots = urlOnly
    ? {}
    : await takeScreenshots({
        tabId: request.tabId,
        windowId: request.windowId,
        rect: request.rect,
        viewport: request.viewport,
        scroll: request.scroll,
        clip: request.clip,
      });
  if (shots.missing) post = { ...post, screenshotMissing: shots.missing };
  const evidence = await buildEvidence({
    post,
    ...(shots.full && shots.fullSize ? { screenshot: shots.full, screenshotSize: shots.fullSize } : {}),
    ...(shots.fullBytes ? { screenshotBytes: shots.fullBytes } : {}),
    ...(shots.elementShot ? { elementShot: shots.elementShot } : {}),
    rect: request.rect,
    viewport: request.viewport,
    userAgent: navigator.userAgent,
  });
  // The report's history (src/lifecycle) starts with its capture, written in the record's own transaction:
  // both or neither. A gathered item is one more capture.
  const recorded = await recordCapture(
    store,
    { post, metas: evidence.metas, records: evidence.records, urlOnly, pendingCrop: evidence.pendingCrop },
    {
      gatherInto,
      userAgent: navigator.userAgent,
      key,
      alsoWithin: (tx, report) =>
        // What is stored with this entry: the element's picture is cut afterwards and may yet fail, so it is
        // noted as to come, not counted.
        recordEvent(tx, report.id, 'captured', {
          itemCount: report.items.length,
          artifactCount: evidence.metas.length,
          ...(evidence.pendingCrop ? { cropPending: true } : {}),
          appended: report.items.length > 1,
        }),
    },
  );
  const { pendingCrop } = evidence;
  const finish = async () => {
    if (!pendingCrop || !shots.full) return;
    try {
      const signed = await addElementShot(store, recorded.report.id, pendingCrop, shots.full, cropImage, navigator.userAgent);
      if (signed) recorded.report = signed;
    } catch (err) {
      // The record with its full screenshot stands; only the cut-out picture is missing.
      console.warn('[report-assistant] cropping the element failed', err);
    }
  };
  if (post.screenshotMissing && request.tabId !== undefined) {
    await rememberRetakeTarget(recorded.report.id, recorded.report.items.length - 1, request.tabId);
  }
  return { recorded, finish, ...(post.screenshotMissing ? { screenshotMissing: post.screenshotMissing } : {}) };
}

/** After a capture: a new draft opens the form; a gathered one updates the badge and leaves the person on the page. */
export async function afterCapture(recorded: RecordedCapture): Promise<void> {
  if (recorded.appended) {
    await showGatheredCount(recorded.report.id, recorded.report.items.length);
    return;
  }
  await openReportForm(recorded.report.id).catch((e: unknown) => console.warn('[report-assistant] open form failed', e));
}

export async function handleCapturePost(
  store: ReportStore,
  payload: MessageOf<'capture-post'>['payload'],
  sender: Runtime.MessageSender,
): Promise<{ ok: true; reportId: string; gathered?: boolean; itemCount?: number; screenshotMissing?: ScreenshotMissing } & CaptureDone> {
  const { recorded, finish, screenshotMissing } = await captureAndRecord(store, {
    post: payload.post,
    tabId: sender.tab?.id,
    windowId: sender.tab?.windowId,
    rect: payload.rect,
    viewport: payload.viewport,
    scroll: payload.scroll,
    clip: payload.clip,
  });
  return {
    ok: true,
    reportId: recorded.report.id,
    ...(recorded.appended ? { gathered: true, itemCount: recorded.report.items.length } : {}),
    ...(screenshotMissing ? { screenshotMissing } : {}),
    recorded,
    finish,
  };
}

export const captureHandlers: HandlerTable = {
  'capture-post': async (payload, sender): Promise<Responses['capture-post']> => {
    const { recorded, finish, ...response } = await handleCapturePost(new IdbReportStore(), payload, sender);
    // The record is stored: the page hears so first; the crop is added and the form opens right after.
    // Opening a popup or window keeps the browser busy for a while, and the answer to the page would
    // otherwise wait behind it.
    setTimeout(() => void finish().then(() => afterCapture(recorded)), 0);
    return response;
  },
  'report-active-page': () => reportActivePage(),
  'collect-start': ({ reportId }) => startGathering(new IdbReportStore(), reportId),
  'collect-stop': async () => {
    await stopGathering();
    return { ok: true };
  },
  'fetch-media': async ({ reportId }) => {
    try {
      const result = await fetchReportMedia(new IdbReportStore(), reportId, { userAgent: navigator.userAgent });
      return { ok: true, ...result };
    } catch (err) {
      if (err instanceof MediaRefusedError) {
        return { ok: false, error: err.reason === 'url-only' ? 'media_errorUrlOnly' : 'collect_errorNoReport' };
      }
      throw err;
    }
  },
};

/** The capture feature's other events: the context menu and the gathering badge. */
export function registerCaptureListeners(): void {
  registerContextMenuListeners();
  registerCollectListeners(() => new IdbReportStore());
}
