// Loads the interface language for extension pages: the person's choice (settings), else the browser's.
import { browser } from './browser';
import { createTranslator, DEFAULT_LOCALE, resolveLocale, type Locale, type LocaleMessages, type Translate } from '../../src/i18n/i18n';

async function loadMessages(locale: Locale): Promise<LocaleMessages> {
  const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
  return (await response.json()) as LocaleMessages;
}

export async function loadTranslator(): Promise<{ t: Translate; locale: Locale }> {
  const { language } = (await browser.storage.local.get('language')) as { language?: string };
  const locale = resolveLocale(language, browser.i18n.getUILanguage());
  const [messages, fallback] = await Promise.all([
    loadMessages(locale),
    locale === DEFAULT_LOCALE ? Promise.resolve({}) : loadMessages(DEFAULT_LOCALE),
  ]);
  document.documentElement.lang = locale === 'zh_CN' ? 'zh-CN' : 'en';
  return { t: createTranslator(messages, fallback), locale };
}
