// The one message protocol between the extension's contexts.
// Every message is `{ type, payload }`; each type names who may send it and what it answers.
// Receivers validate with these schemas on arrival: a message is data from an untrusted context
// until it has passed here.
import * as v from 'valibot';
import { CapturedPostSchema, RectSchema } from '../model/captured-post';

/** Who sent a message, as the browser (not the message) says. */
export type SenderTier =
  /** A content script in a web page tab. */
  | 'content'
  /** One of the extension's own pages: popup, dashboard, form tab. */
  | 'extension-page';

const CapturePost = v.object({
  type: v.literal('capture-post'),
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
});

const OpenForm = v.object({
  type: v.literal('open-form'),
  payload: v.object({
    reportId: v.pipe(v.string(), v.uuid()),
    where: v.picklist(['tab', 'window']),
  }),
});

const ReportSaved = v.object({
  type: v.literal('report-saved'),
  payload: v.object({ reportId: v.pipe(v.string(), v.uuid()) }),
});

export const MessageSchema = v.variant('type', [CapturePost, OpenForm, ReportSaved]);
export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Which tier may send each message. Anything else is rejected before it is handled. */
export const ALLOWED_SENDERS: { readonly [T in MessageType]: readonly SenderTier[] } = {
  'capture-post': ['content'],
  'open-form': ['extension-page'],
  'report-saved': ['extension-page'],
};

/** What each message answers. */
export interface Responses {
  'capture-post': { ok: true; reportId: string } | ErrorResponse;
  'open-form': { ok: true } | ErrorResponse;
  'report-saved': { ok: true } | ErrorResponse;
}

export interface ErrorResponse {
  ok: false;
  /** A message key in `_locales`, so the receiver can show it in the person's language. */
  error: string;
  detail?: string;
}

export type ParseResult = { ok: true; message: Message } | { ok: false; reason: string };

export function parseMessage(raw: unknown): ParseResult {
  const result = v.safeParse(MessageSchema, raw);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, reason: `malformed message${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}` };
}

/** The browser-filled facts about a sender, which a page cannot forge. */
export interface SenderFacts {
  /** The sending extension's id. */
  id?: string;
  /** The sending document's URL. */
  url?: string;
  /** Present when the sender is a content script in a tab. */
  tabId?: number;
  frameId?: number;
}

/**
 * Decides the sender's tier from the browser's own sender fields.
 * `extensionOrigin` is e.g. `chrome-extension://<id>/`.
 */
export function classifySender(
  sender: SenderFacts,
  ownId: string,
  extensionOrigin: string,
): { ok: true; tier: SenderTier } | { ok: false; reason: string } {
  if (sender.id !== ownId) return { ok: false, reason: `sender is another extension (${sender.id ?? 'none'})` };
  if (sender.tabId !== undefined && sender.url && !sender.url.startsWith(extensionOrigin)) {
    if (sender.frameId !== 0) return { ok: false, reason: 'content script in a sub-frame' };
    return { ok: true, tier: 'content' };
  }
  if (sender.url?.startsWith(extensionOrigin)) return { ok: true, tier: 'extension-page' };
  return { ok: false, reason: `unknown sender ${sender.url ?? ''}` };
}

/** Validates and authorises a raw message in one step. */
export function acceptMessage(
  raw: unknown,
  sender: SenderFacts,
  ownId: string,
  extensionOrigin: string,
): { ok: true; message: Message; tier: SenderTier } | { ok: false; reason: string } {
  const who = classifySender(sender, ownId, extensionOrigin);
  if (!who.ok) return who;
  const parsed = parseMessage(raw);
  if (!parsed.ok) return parsed;
  if (!ALLOWED_SENDERS[parsed.message.type].includes(who.tier)) {
    return { ok: false, reason: `${parsed.message.type} not allowed from ${who.tier}` };
  }
  return { ok: true, message: parsed.message, tier: who.tier };
}
