import { messages, type MessageKey } from './messages';

/** The kiosk's two languages, French first. */
export type Locale = 'fr' | 'en';

const STORAGE_KEY = 'comptoir.locale';

function initialLocale(): Locale {
  if (typeof localStorage === 'undefined') return 'fr';
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
}

/** The current language (rune state: every component reading it updates on toggle). */
export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

/** Switches language, remembers it on this kiosk and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Toggles between French and English. */
export function toggleLocale(): void {
  setLocale(i18n.locale === 'fr' ? 'en' : 'fr');
}

/** A catalogue message in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = messages[key][i18n.locale];
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Picks the current language from a bilingual message (server errors carry their own). */
export function localized(message: { fr: string; en: string }): string {
  return message[i18n.locale];
}
