import { i18n } from '$lib/i18n/locale.svelte';

/** Cents as dollars for people, in the current language (`1 234,50 $` / `$1,234.50`). */
export function formatMoney(cents: number): string {
  return new Intl.NumberFormat(i18n.locale === 'fr' ? 'fr-CA' : 'en-CA', {
    style: 'currency',
    currency: 'CAD',
  }).format(cents / 100);
}

/** How a party is named on screen: a person's full name, or a business's name. */
export function partyName(
  party:
    { kind: 'person'; firstName: string; lastName: string } | { kind: 'business'; name: string },
): string {
  return party.kind === 'person' ? `${party.firstName} ${party.lastName}` : party.name;
}
