// Translation for the extension's pages, from the same `_locales/*/messages.json` files the browser uses.
// The browser's own `i18n.getMessage` follows only the browser's language; pages use this instead so the
// person can choose the interface language in the settings.

export const LOCALES = ['zh_CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh_CN';

export interface LocaleEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type LocaleMessages = Record<string, LocaleEntry>;

export type Translate = (key: string, ...substitutions: Array<string | number>) => string;

/** Picks the interface language: the person's choice, else the browser's, else Chinese. */
export function resolveLocale(choice: string | undefined, browserLanguage: string): Locale {
  if (choice === 'zh_CN' || choice === 'en') return choice;
  return /^en\b/i.test(browserLanguage) ? 'en' : DEFAULT_LOCALE;
}

/**
 * A translator with Chrome's substitution rules: `$1`…`$9` take positional substitutions, named
 * placeholders (`$COUNT$`) resolve through `placeholders`, and `$$` is a literal dollar sign.
 * A missing key falls back to `fallback`, then to the key itself, so a gap is visible rather than blank.
 */
export function createTranslator(messages: LocaleMessages, fallback: LocaleMessages = {}): Translate {
  return (key, ...subs) => {
    const entry = messages[key] ?? fallback[key];
    if (!entry) return key;
    const positional = (text: string) =>
      text.replace(/\$(\d)/g, (_m, d: string) => String(subs[Number(d) - 1] ?? ''));
    let text = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()];
      return ph ? positional(ph.content) : m;
    });
    text = text.replace(/\$\$|\$(\d)/g, (m, d: string | undefined) => (m === '$$' ? '$' : String(subs[Number(d) - 1] ?? '')));
    return text;
  };
}

/** Formats an ISO time in the person's locale and time zone. */
export function formatTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh_CN' ? 'zh-CN' : 'en', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
