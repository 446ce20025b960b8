// What the dashboard needs from its surroundings. The extension page provides the browser parts (the
// message channel, the clock with its test offset, other languages' messages); tests can provide fakes.
import type { IDBPDatabase } from 'idb';
import type { ReportAssistantDB, ReportStore } from '../../storage/report-store';
import type { Locale, Translate } from '../../i18n/i18n';
import type { Message, MessageType, Responses } from '../../messaging/protocol';

export interface DashboardEnv {
  store: ReportStore;
  db(): Promise<IDBPDatabase<ReportAssistantDB>>;
  t: Translate;
  locale: Locale;
  /** "Now", including the test clock offset (see extension/tracking/clock.ts). */
  now(): Promise<Date>;
  send<T extends MessageType>(message: Extract<Message, { type: T }>): Promise<Responses[T]>;
  /** A translator for a language other than the interface's (the evidence pack's summary). */
  translatorFor(locale: Locale): Promise<Translate>;
  /** Whether the extension may run on all these hostnames (to fill destination pages); absent: not checked. */
  canHelpOn?: (hostnames: string[]) => Promise<boolean>;
}

/** Saves bytes as a file through an <a download> (no downloads permission needed on an extension page). */
export function download(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function stamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
