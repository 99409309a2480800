import { resolve } from '$app/paths';
import { findAtacSale } from '$lib/offline/atac-sources';
import { kioskDb } from '$lib/offline/kiosk-db';
import { saleOf, type AtacSale } from '$lib/forms/from-atac';
import { currentAccountId } from '$lib/session/session.svelte';
import { fetchDocument } from './documents.service';

/** An ATAC as the follow-up links name it: its number, or its command id while it waits offline. */
export type AtacRef = { number: string } | { commandId: string };

/** The query parameters of the follow-up links (kept short: they show in the address). */
const NUMBER_PARAM = 'atac';
const COMMAND_PARAM = 'atacCommande';

/** The ATAC a form was opened from, read from its address; undefined for a blank form. */
export function atacRefOf(url: URL): AtacRef | undefined {
  const number = url.searchParams.get(NUMBER_PARAM);
  if (number) return { number };
  const commandId = url.searchParams.get(COMMAND_PARAM);
  return commandId ? { commandId } : undefined;
}

function query(ref: AtacRef): string {
  const params = new URLSearchParams(
    'number' in ref ? { [NUMBER_PARAM]: ref.number } : { [COMMAND_PARAM]: ref.commandId },
  );
  return `?${params.toString()}`;
}

/** The transit form, prefilled from the ATAC. */
export function transitFromAtacHref(ref: AtacRef): string {
  return `${resolve('/(kiosk)/transit/nouveau')}${query(ref)}`;
}

/** The registration form, prefilled from the ATAC. */
export function registrationFromAtacHref(ref: AtacRef): string {
  return `${resolve('/(kiosk)/immatriculation/nouvelle')}${query(ref)}`;
}

/**
 * The sale of an ATAC, to prefill the form that follows it: from the person's own command on
 * this kiosk (offline too, before the server answered), else from the ATAC document (kept
 * here, or fetched when online). Undefined when the kiosk cannot find it.
 */
export async function loadAtacSale(ref: AtacRef): Promise<AtacSale | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  const db = kioskDb();
  let source = await findAtacSale(db, accountId, ref);
  if (!source && 'number' in ref) {
    await fetchDocument(ref.number);
    source = await findAtacSale(db, accountId, ref);
  }
  return source && saleOf(source);
}
