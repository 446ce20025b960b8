// What a capture produces: one piece of offending content with its context, as data.
// Everything here arrives from a page, so it has a schema and is validated on every hop.
import * as v from 'valibot';
import { LIMITS } from './limits';

export const PLATFORM_IDS = [
  'weibo',
  'bilibili',
  'zhihu',
  'douyin',
  'tieba',
  'xiaohongshu',
  'douban',
  'toutiao',
  'wechat',
  'generic',
] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export const CONTENT_KINDS = [
  'post',
  'comment',
  'user',
  'article',
  'video',
  'group',
  'page',
  'link',
  'selection',
] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

// The limits live in their own module so the content script can use them without the schemas (valibot).
export { LIMITS };

/** Only web URLs: a `javascript:` or `data:` link from a page must never become a clickable link. */
export const WebUrlSchema = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url),
  v.url(),
  v.check((u) => /^https?:\/\//i.test(u), 'not an http(s) URL'),
);
const Url = WebUrlSchema;
const ShortText = v.pipe(v.string(), v.maxLength(LIMITS.shortText));
const IsoUtc = v.pipe(v.string(), v.isoTimestamp());

export const AuthorSchema = v.object({
  name: ShortText,
  id: v.optional(ShortText),
  profileUrl: v.optional(Url),
});
export type Author = v.InferOutput<typeof AuthorSchema>;

export const MediaSchema = v.object({
  type: v.picklist(['image', 'video']),
  url: Url,
  posterUrl: v.optional(Url),
});
export type Media = v.InferOutput<typeof MediaSchema>;

/** Visible counts by name (reposts, comments, likes, views, …), as numbers ("1.2万" → 12000). */
const EngagementSchema = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(32)), v.pipe(v.number(), v.finite(), v.minValue(0))),
  v.check((e) => Object.keys(e).length <= LIMITS.ids, 'too many counts'),
);

const IdsSchema = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(64)), ShortText),
  v.check((ids) => Object.keys(ids).length <= LIMITS.ids, 'too many ids'),
);

export const SCREENSHOT_MISSING_REASONS = ['no-permission', 'tab-hidden', 'restricted-page', 'failed'] as const;
export type ScreenshotMissing = (typeof SCREENSHOT_MISSING_REASONS)[number];

/** A neighbour of the captured item: its parent post, the quoted original, a comment around it. */
export const ContextItemSchema = v.object({
  role: v.picklist(['parent', 'quoted', 'around']),
  kind: v.picklist(CONTENT_KINDS),
  ids: IdsSchema,
  permalink: v.optional(Url),
  author: v.optional(AuthorSchema),
  text: v.pipe(v.string(), v.maxLength(LIMITS.text)),
  publishedAtText: v.optional(ShortText),
  /** Added with the platform adapters (issue 3); optional so earlier records stay valid. */
  publishedAt: v.optional(IsoUtc),
  title: v.optional(ShortText),
  media: v.optional(v.pipe(v.array(MediaSchema), v.maxLength(LIMITS.media))),
  engagement: v.optional(EngagementSchema),
});
export type ContextItem = v.InferOutput<typeof ContextItemSchema>;

export const CapturedPostSchema = v.object({
  platform: v.picklist(PLATFORM_IDS),
  kind: v.picklist(CONTENT_KINDS),
  /** Platform ids: postId, mid, bvid, answerId, authorUid… */
  ids: IdsSchema,
  permalink: v.optional(Url),
  pageUrl: Url,
  pageTitle: ShortText,
  author: v.optional(AuthorSchema),
  text: v.pipe(v.string(), v.maxLength(LIMITS.text)),
  /** The publish time exactly as the page shows it. */
  publishedAtText: v.optional(ShortText),
  /** The same time normalised to UTC, when it could be parsed. */
  publishedAt: v.optional(IsoUtc),
  engagement: v.optional(EngagementSchema),
  /** The headline of an article or video, when the item has one (issue 3). */
  title: v.optional(ShortText),
  /**
   * True when the page showed only part of the text and the rest was not in the page (it would have needed
   * a network request, which capture never triggers). Absent means the text is complete as far as we know.
   */
  truncated: v.optional(v.boolean()),
  /** Which extractor produced the record: a platform adapter's item type (e.g. "weibo:comment") or "generic". */
  extractor: v.optional(v.pipe(v.string(), v.maxLength(64))),
  media: v.pipe(v.array(MediaSchema), v.maxLength(LIMITS.media)),
  context: v.pipe(v.array(ContextItemSchema), v.maxLength(LIMITS.context)),
  /** When the extension captured it, UTC. */
  capturedAt: IsoUtc,
  /**
   * Set by the worker (never taken from a page) when the capture has no screenshot, with why: the browser
   * refused it for want of access to the page (`no-permission`: an in-page button on a fresh install), the
   * tab was not the one shown in its window (`tab-hidden`), the browser allows no screenshot of such a page
   * (`restricted-page`), or anything else (`failed`). Removed from the report's item once one is added.
   */
  screenshotMissing: v.optional(v.picklist(SCREENSHOT_MISSING_REASONS)),
  /**
   * Fields the platform adapter looks for on this kind of item but could not read on the page ("permalink",
   * "author", "text", "ids.commentId"…). They are left out of the record rather than borrowed from a
   * neighbouring item; this says so, for the person and for whoever maintains the adapter (issue 23).
   */
  missingFields: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(LIMITS.ids))),
});
export type CapturedPost = v.InferOutput<typeof CapturedPostSchema>;

/** The post's box in CSS pixels relative to the viewport, measured after scrolling it into view. */
export const RectSchema = v.object({
  x: v.pipe(v.number(), v.finite()),
  y: v.pipe(v.number(), v.finite()),
  width: v.pipe(v.number(), v.finite(), v.minValue(0)),
  height: v.pipe(v.number(), v.finite(), v.minValue(0)),
});
export type Rect = v.InferOutput<typeof RectSchema>;
