import { printJobStates } from '@comptoir/shared';
import { t } from '$lib/i18n/locale.svelte';

/** A print job's state as people read it (the catalogue's `print.status.*`), in the current language. */
export function printStatusLabel(state: string): string {
  const known = printJobStates.find((candidate) => candidate === state);
  return known ? t(`print.status.${known}`) : state;
}
