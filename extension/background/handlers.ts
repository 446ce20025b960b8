// The type of a message handler in the worker. Each feature exports a table of its handlers;
// index.ts merges the tables, so adding a feature is one import there.
import type { Runtime } from '../lib/browser';
import type { MessageOf, MessageType, Responses } from '../../src/messaging/protocol';

export type Handler<T extends MessageType> = (
  payload: MessageOf<T>['payload'],
  sender: Runtime.MessageSender,
) => Promise<Responses[T]>;

export type HandlerTable = { [T in MessageType]?: Handler<T> };
