// The shape of a feature's message definitions: for each message type, who may send it and the schema
// of its payload. Features declare theirs in `messages/<feature>.ts`; `protocol.ts` composes them.
import type * as v from 'valibot';

/** Who sent a message, as the browser (not the message) says. */
export type SenderTier =
  /** A content script in a web page tab (top frame). */
  | 'content'
  /** One of the extension's own pages: popup, dashboard, form tab. */
  | 'extension-page';

export interface MessageDefinition {
  readonly from: readonly SenderTier[];
  readonly payload: v.GenericSchema;
}
export type MessageDefinitions = Record<string, MessageDefinition>;

export interface ErrorResponse {
  ok: false;
  /** A message key in `_locales`, so the receiver can show it in the person's language. */
  error: string;
  detail?: string;
}
