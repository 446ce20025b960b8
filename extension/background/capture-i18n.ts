// The worker's words (menu titles, notices in pages) in the language the person chose in the settings,
// not only the browser's: the same `_locales` files and rules as the extension's pages.
import { browser } from '../lib/browser';
import { createTranslator, DEFAULT_LOCALE, resolveLocale, type Locale, type LocaleMessages, type Translate } from '../../src/i18n/i18n';

async function messagesOf(locale: Locale): Promise<LocaleMessages> {
  const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
  return (await response.json()) as LocaleMessages;
}

export async function workerTranslator(): Promise<Translate> {
  try {
    const { language } = (await browser.storage.local.get('language')) as { language?: string };
    const locale = resolveLocale(language, browser.i18n.getUILanguage());
    const [messages, fallback] = await Promise.all([messagesOf(locale), locale === DEFAULT_LOCALE ? Promise.resolve({}) : messagesOf(DEFAULT_LOCALE)]);
    return createTranslator(messages, fallback);
  } catch {
    return (key, ...subs) => browser.i18n.getMessage(key, subs.map(String)) || key;
  }
}
