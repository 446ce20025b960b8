// The one message protocol between the extension's contexts.
// Every message is `{ type, payload }`. Each feature declares its messages (who may send each one, and the
// payload's schema) in `messages/<feature>.ts`, and what each answers; this file composes them.
// Receivers validate on arrival: a message is data from an untrusted context until it has passed here.
import * as v from 'valibot';
import type { MessageDefinitions, SenderTier } from './define';
import { captureMessages, type CaptureResponses } from './messages/capture';
import { formMessages, type FormResponses } from './messages/form';
import { submissionMessages, type SubmissionResponses } from './messages/submission';
import { trackingMessages, type TrackingResponses } from './messages/tracking';

export type { ErrorResponse, SenderTier } from './define';

const DEFINITIONS = {
  ...captureMessages,
  ...formMessages,
  ...submissionMessages,
  ...trackingMessages,
} as const satisfies MessageDefinitions;

/** What each message answers. */
export interface Responses extends CaptureResponses, FormResponses, SubmissionResponses, TrackingResponses {}

type Definitions = typeof DEFINITIONS;
export type MessageType = keyof Definitions & string;
export type Message = {
  [T in MessageType]: { type: T; payload: v.InferOutput<Definitions[T]['payload']> };
}[MessageType];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

const MessageSchema = v.variant(
  'type',
  Object.entries(DEFINITIONS).map(([type, def]) => v.object({ type: v.literal(type), payload: def.payload })) as unknown as [
    v.ObjectSchema<{ type: v.LiteralSchema<string, undefined>; payload: v.GenericSchema }, undefined>,
  ],
);

export const ALLOWED_SENDERS: { readonly [T in MessageType]: readonly SenderTier[] } = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([type, def]) => [type, def.from]),
) as unknown as { readonly [T in MessageType]: readonly SenderTier[] };

export type ParseResult = { ok: true; message: Message } | { ok: false; reason: string };

export function parseMessage(raw: unknown): ParseResult {
  const result = v.safeParse(MessageSchema, raw);
  if (result.success) return { ok: true, message: result.output as Message };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, reason: `malformed message${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}` };
}

/** The browser-filled facts about a sender, which a page cannot forge. */
export interface SenderFacts {
  /** The sending extension's id. */
  id?: string | undefined;
  /** The sending document's URL. */
  url?: string | undefined;
  /** Present when the sender is in a tab. */
  tabId?: number | undefined;
  frameId?: number | undefined;
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
  if (sender.url?.startsWith(extensionOrigin)) return { ok: true, tier: 'extension-page' };
  if (sender.tabId !== undefined && sender.url) {
    if (sender.frameId !== 0) return { ok: false, reason: 'content script in a sub-frame' };
    return { ok: true, tier: 'content' };
  }
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
