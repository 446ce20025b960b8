// Small state the worker keeps per tab or per report in storage.session (trusted contexts only: the worker and
// the extension's pages, never content scripts), read by the worker and the form alike.
import { browser } from './browser';

/** The object stored under `key`, or an empty one. */
export async function readSessionMap<T extends object>(key: string): Promise<T> {
  const got = (await browser.storage.session.get(key).catch(() => ({}))) as Record<string, unknown>;
  const value = got[key];
  return (value && typeof value === 'object' ? value : {}) as T;
}

/** A page, for our purposes: its URL without the fragment (an anchor jump is not another page). */
export const pageKey = (url: string | undefined): string => (url ?? '').replace(/#.*$/, '');
