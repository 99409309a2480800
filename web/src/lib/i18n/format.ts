import { TIME_ZONE } from '@comptoir/shared';
import { i18n } from './locale.svelte';

/** A date-time for people, in Québec time, in the current language. */
export function formatDateTime(value: string | number | Date): string {
  return new Intl.DateTimeFormat(i18n.locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}
