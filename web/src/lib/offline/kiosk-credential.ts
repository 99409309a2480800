import {
  BACKGROUND_REQUEST_HEADER,
  KIOSK_CREDENTIAL_HEADER,
  kioskEnrolResponseSchema,
  type KioskEnrolResponse,
} from '@comptoir/shared';
import type { ComptoirDb } from './db';
import { clearKioskState, readKioskState, writeKioskState } from './kiosk-state';

const CREDENTIAL_KEY = 'kioskCredential';

/** The enrolment this kiosk keeps: its name, location and device credential. */
export type KioskEnrolment = KioskEnrolResponse;

/** This kiosk's enrolment, or undefined when it is not enrolled (or was told it is revoked). */
export async function readKioskEnrolment(db: ComptoirDb): Promise<KioskEnrolment | undefined> {
  return readKioskState(db, CREDENTIAL_KEY, kioskEnrolResponseSchema);
}

/** Keeps the enrolment the server answered (the credential is shown only this once). */
export async function saveKioskEnrolment(db: ComptoirDb, enrolment: KioskEnrolment): Promise<void> {
  await writeKioskState(db, CREDENTIAL_KEY, enrolment);
}

/** Forgets the credential: the server said it proves nothing (revoked). */
export async function forgetKioskEnrolment(db: ComptoirDb): Promise<void> {
  await clearKioskState(db, CREDENTIAL_KEY);
}

/** The device credential header, when enrolled (sign-in, push, pull). */
export async function kioskCredentialHeaders(db: ComptoirDb): Promise<Record<string, string>> {
  const enrolment = await readKioskEnrolment(db);
  return enrolment ? { [KIOSK_CREDENTIAL_HEADER]: enrolment.credential } : {};
}

/**
 * Headers of the background sync's requests: the device credential when enrolled, and the
 * mark that says no person is acting (the server never counts them as activity).
 */
export async function syncRequestHeaders(db: ComptoirDb): Promise<Record<string, string>> {
  return { ...(await kioskCredentialHeaders(db)), [BACKGROUND_REQUEST_HEADER]: '1' };
}
