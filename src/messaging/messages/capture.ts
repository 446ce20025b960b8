// Messages of the capture feature.
import * as v from 'valibot';
import { CapturedPostSchema, RectSchema } from '../../model/captured-post';
import type { ErrorResponse, MessageDefinitions } from '../define';

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
    }),
  },
} as const satisfies MessageDefinitions;

export interface CaptureResponses {
  'capture-post': { ok: true; reportId: string } | ErrorResponse;
}
