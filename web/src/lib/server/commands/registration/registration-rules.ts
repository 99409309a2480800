import {
  cancellationDeadline,
  quebecLicenceOf,
  reject,
  type RegistrationRequest,
} from '@comptoir/shared';
import type { Tx } from '../../db/engine.js';
import type { RegistrationTable } from '../../db/registrations.tables.js';
import { findRegistration, type RegistrationRecord } from '../../registry/registrations.repo.js';
import { registrationBlockedAmong } from '../../registry/vehicles.repo.js';
import type { AnyCommandContext } from '../registry-records.js';

/*
 * What the three registration commands share. The lifecycle
 * (docs/domain.md#transaction-lifecycle): saved on hold (queueable, editable by superseding
 * the last save), confirmed online with the client present (plate, certificate, proof of
 * service, fee debit, registry updated at once), cancellable the same day before 23:00 if
 * nothing later touched the vehicle (proof of cancellation).
 */

/**
 * Takes the vehicle's lock (PostgreSQL; SQLite's write lock already covers it), the one a
 * transit of the same VIN under another licence takes: "nothing later touched the vehicle"
 * cannot be judged while such a transit commits beside us. Direct commands come one per
 * transaction, after the licence lock, so the lock order stays licences then vehicles.
 */
export async function lockVehicle(c: AnyCommandContext, vin: string): Promise<void> {
  await c.server.storage.lockKeys(c.tx, [`vin:${vin}`]);
}

/** The transaction part of a registration command's result. */
export function transactionOf(number: string, status: 'on_hold' | 'confirmed' | 'cancelled') {
  return { number, type: 'registration', status };
}

/**
 * A registration of the command's licence by number (typed in any case), or a rejection:
 * another licence's number answers like an unknown one.
 */
export async function registrationOf(
  c: AnyCommandContext,
  number: string,
): Promise<RegistrationRecord> {
  const registration = await findRegistration(c.tx, c.licence.number, number.toUpperCase());
  if (!registration) reject('registration_not_found', ['payload.registrationNumber']);
  return registration;
}

/** 23:00 local on the day of confirmation, for the kiosk's "cancellable until". */
export function cancellableUntil(row: Pick<RegistrationTable, 'status' | 'confirmed_at'>) {
  return row.status === 'confirmed' && row.confirmed_at !== null
    ? cancellationDeadline(new Date(row.confirmed_at)).toISOString()
    : undefined;
}

/**
 * Refuses (`right_to_register_blocked`, every party at fault) a request whose buyers or seller
 * the registry blocks from registering (Highway Safety Code s.194: unpaid fines block
 * registration and transfer). Checked when the registration is saved on hold, so that the
 * customer hears it at the desk rather than at confirmation, and again at confirmation.
 * `at` is the request's path in the command (`payload` on hold, `request` at confirmation).
 */
export async function rejectBlockedRightToRegister(
  tx: Tx,
  request: Pick<RegistrationRequest, 'buyers' | 'seller'>,
  at: string,
): Promise<void> {
  const people = [
    ...request.buyers.map((party, index) => ({ party, path: `${at}.buyers.${String(index)}` })),
    ...(request.seller ? [{ party: request.seller, path: `${at}.seller` }] : []),
  ].flatMap(({ party, path }) => {
    // The registry knows Québec licences (every buyer has one; a seller may be from elsewhere).
    const licence = party.kind === 'person' ? quebecLicenceOf(party) : undefined;
    return licence === undefined ? [] : [{ licence, path }];
  });
  if (people.length === 0) return;
  const blocked = await registrationBlockedAmong(
    tx,
    people.map((person) => person.licence),
  );
  const paths = people
    .filter((person) => blocked.has(person.licence))
    .map((person) => `${person.path}.driverLicence`);
  if (paths.length > 0) reject('right_to_register_blocked', paths);
}
