// Messages of the capture feature.
import * as v from 'valibot';
import { CapturedPostSchema, PLATFORM_IDS, RectSchema, type ScreenshotMissing } from '../../model/captured-post';
import type { PageStructure } from '../../capture/page-structure';

/**
 * What became of a retake: `added` (the screenshot is in the report), `waiting` (for the person's grant),
 * `no-permission` (not granted), `tab-gone` (no open tab shows the item's page), `item-gone` (the page no
 * longer shows the item), `not-needed` (the item has a screenshot, or the report is sent or url-only),
 * `failed` (the browser refused the screenshot).
 */
export type RetakeOutcome = 'added' | 'waiting' | 'no-permission' | 'tab-gone' | 'item-gone' | 'not-needed' | 'failed';
import type { ErrorResponse, MessageDefinitions } from '../define';

const ReportId = v.pipe(v.string(), v.uuid());
const Finite = v.pipe(v.number(), v.finite());

export const captureMessages = {
  'capture-post': {
    from: ['content'],
    payload: v.object({
      post: CapturedPostSchema,
      /** The element's box in CSS pixels within the viewport, after scrolling it into view. */
      rect: RectSchema,
      devicePixelRatio: v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(16)),
      viewport: v.object({
        width: v.pipe(v.number(), v.finite(), v.minValue(1)),
        height: v.pipe(v.number(), v.finite(), v.minValue(1)),
      }),
      /**
       * The page's scroll offsets (`scrollX`/`scrollY`) when `rect` was measured: with `rect` they give the
       * element's page-level box, which a post taller than the viewport needs to be stitched. Optional: when
       * absent the worker reads them from the page itself (scripting.executeScript).
       */
      scroll: v.optional(v.object({ x: Finite, y: Finite })),
      /**
       * The visible box (viewport CSS px) of the inner panel the element scrolls in (its nearest scrollable
       * ancestor, when that is not the window): an element cut off by the panel is stitched like a long one.
       */
      clip: v.optional(RectSchema),
    }),
  },
  /** Start gathering further captures into this report (收集模式) instead of new drafts. */
  'collect-start': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId }),
  },
  /** Stop gathering: captures make new drafts again. */
  'collect-stop': {
    from: ['extension-page'],
    payload: v.object({}),
  },
  /**
   * Take the screenshot an item was stored without (see `CapturedPost.screenshotMissing`), once the person
   * has granted access to pages: the worker finds the item's tab, scrolls the item into view, pictures it
   * and adds it to the signed evidence. Registered at once, carried out as soon as the grant is there
   * (the popup that asked may be gone by then).
   */
  'retake-screenshot': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId, itemIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)) }),
  },
  /**
   * The content script's adapter found none of its items on a page where posts are seen: the site's layout
   * may have changed. The worker keeps it for the sender's tab (URL and tab from the browser, not from here).
   */
  'site-layout-unknown': {
    from: ['content'],
    payload: v.object({ platform: v.picklist(PLATFORM_IDS) }),
  },
  /** 导出页面结构诊断: the structure (no text, no URLs) of the page in this tab, for a maintainer. */
  'export-page-structure': {
    from: ['extension-page'],
    payload: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  },
  /** The element picker on the page in this tab (from the popup's site-change notice). */
  'pick-element-in-tab': {
    from: ['extension-page'],
    payload: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  },
  /** 举报此页面 from the toolbar popup: the page of the tab the popup was opened over (its activeTab grant). */
  'report-active-page': {
    from: ['extension-page'],
    payload: v.object({}),
  },
  /** Fetch the images of the report's items and store them as signed 'media' artifacts (the person allowed it). */
  'fetch-media': {
    from: ['extension-page'],
    payload: v.object({ reportId: ReportId }),
  },
} as const satisfies MessageDefinitions;

export interface CaptureResponses {
  /** `gathered`: the capture was added to the report being gathered (its id is `reportId`) as item `itemCount`. */
  'capture-post': { ok: true; reportId: string; gathered?: boolean; itemCount?: number; screenshotMissing?: ScreenshotMissing } | ErrorResponse;
  'retake-screenshot': { ok: true; outcome: RetakeOutcome } | ErrorResponse;
  'report-active-page': { ok: true; reportId: string } | ErrorResponse;
  'site-layout-unknown': { ok: true } | ErrorResponse;
  'export-page-structure': { ok: true; structure: PageStructure } | ErrorResponse;
  'pick-element-in-tab': { ok: true } | ErrorResponse;
  'collect-start': { ok: true; reportId: string; itemCount: number } | ErrorResponse;
  'collect-stop': { ok: true } | ErrorResponse;
  /** `stored`: images stored; `failed`: could not be fetched or were not images; `skipped`: videos and already stored. */
  'fetch-media': { ok: true; stored: number; failed: number; skipped: number } | ErrorResponse;
}
