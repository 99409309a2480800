import { codeLabel, TIME_ZONE } from '@comptoir/shared';
import { i18n } from './locale.svelte';

/** The current language's formatting locale: Québec French or Canadian English. */
function formatLocale(): 'fr-CA' | 'en-CA' {
  return i18n.locale === 'fr' ? 'fr-CA' : 'en-CA';
}

/** A date-time for people, in Québec time, in the current language. */
export function formatDateTime(value: string | number | Date): string {
  return new Intl.DateTimeFormat(formatLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** A date for people: `2 déc. 2026` / `Dec 2, 2026` (a calendar date stays that day). */
export function formatDate(value: string): string {
  const isCalendarDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(formatLocale(), {
    dateStyle: 'medium',
    timeZone: isCalendarDate ? 'UTC' : TIME_ZONE,
  }).format(new Date(isCalendarDate ? `${value}T00:00:00Z` : value));
}

/** A number with the language's decimal sign: `1,4` / `1.4`. */
export function formatNumber(value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(formatLocale(), { maximumFractionDigits }).format(value);
}

/** A size in megabytes: `5,3 Mo` / `5.3 MB`. */
export function formatMegabytes(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  const unit = i18n.locale === 'fr' ? 'Mo' : 'MB';
  return `${new Intl.NumberFormat(formatLocale(), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1_048_576)} ${unit}`;
}

/**
 * A registry code (status, role, printer role, paper size...) in the current language, from
 * the shared label catalogue the papers print from; an unknown code shows as is.
 */
export function label(code: string): string {
  return codeLabel(code)?.[i18n.locale] ?? code;
}
