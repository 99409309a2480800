import {
  bankAccountAnswerSchema,
  fromZodError,
  licenceCheckQuerySchema,
  licenceCheckResultSchema,
  ownershipHistorySchema,
  registrationListSchema,
  registrationViewSchema,
  driverLicenceSchema,
  neqSchema,
  rightToRegisterResultSchema,
  vinSchema,
  type BankAccountAnswer,
  type LicenceCheckResult,
  type OwnershipHistory,
  type RegistrationList,
  type RegistrationView,
  type RightToRegisterResult,
} from '@comptoir/shared';
import { z } from 'zod';
import { storeDocumentEnvelope } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { session } from '$lib/session/session.svelte';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/** `?licence=` of the licence the person works under (the server authorizes on it). */
function licenceQuery(extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  if (session.licence) query.set('licence', session.licence);
  for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
  return query.toString();
}

/** The licence's registrations in a window of local days (the last 7 by default). */
export function fetchRegistrations(
  window: { from?: string; to?: string } = {},
): Promise<ActionResult<RegistrationList>> {
  return requestJson('GET', `/api/registrations?${licenceQuery(window)}`, registrationListSchema);
}

/**
 * One registration with its documents. The documents are kept on the kiosk at once, so they
 * print (the agent needs their signatures) and reprint offline.
 */
export async function fetchRegistration(number: string): Promise<ActionResult<RegistrationView>> {
  const result = await requestJson(
    'GET',
    `/api/registrations/${encodeURIComponent(number)}?${licenceQuery()}`,
    registrationViewSchema,
  );
  if (result.ok) {
    const db = kioskDb();
    for (const envelope of result.value.documents) await storeDocumentEnvelope(db, envelope);
  }
  return result;
}

/** Whether a driving licence is valid (free check, online only). */
export function checkDriverLicence(
  driverLicence: string,
): Promise<ActionResult<LicenceCheckResult>> {
  const query = licenceCheckQuerySchema.safeParse({ driverLicence });
  if (!query.success) return Promise.resolve({ ok: false, error: fromZodError(query.error) });
  return requestJson(
    'POST',
    `/api/checks/driver-licence?${licenceQuery()}`,
    licenceCheckResultSchema,
    query.data,
  );
}

/** Whether a person (driving licence) or a business (NEQ) may register a vehicle. */
export function checkRightToRegister(
  subject: { driverLicence: string } | { neq: string },
): Promise<ActionResult<RightToRegisterResult>> {
  // Parsed by the branch the person chose, so an error names that field (a union would not).
  const query =
    'neq' in subject
      ? z.object({ neq: neqSchema }).strict().safeParse(subject)
      : z.object({ driverLicence: driverLicenceSchema }).strict().safeParse(subject);
  if (!query.success) return Promise.resolve({ ok: false, error: fromZodError(query.error) });
  return requestJson(
    'POST',
    `/api/checks/right-to-register?${licenceQuery()}`,
    rightToRegisterResultSchema,
    query.data,
  );
}

/** A vehicle's ownership history by VIN (accredited employees). */
export function fetchHistory(vin: string): Promise<ActionResult<OwnershipHistory>> {
  const parsed = z.object({ vin: vinSchema }).safeParse({ vin });
  if (!parsed.success) {
    return Promise.resolve({ ok: false, error: fromZodError(parsed.error) });
  }
  return requestJson(
    'GET',
    `/api/history/${encodeURIComponent(parsed.data.vin)}?${licenceQuery()}`,
    ownershipHistorySchema,
  );
}

/** The dealer's bank account, masked (administrators). */
export function fetchBankAccount(): Promise<ActionResult<BankAccountAnswer>> {
  return requestJson('GET', `/api/bank-account?${licenceQuery()}`, bankAccountAnswerSchema);
}
