import { registrationRequestSchema, type RegistrationRequest } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import type { RegistrationTable } from '../db/registrations.tables.js';
import type { RegistryChange } from './vehicles.repo.js';

/*
 * Registrations (immatriculation) from their first save on hold to their confirmation or
 * cancellation, the saves that name them, the year's fees, and the papers a cancellation
 * voids. See docs/domain.md#transaction-lifecycle.
 */

/** The registration an earlier `registration.hold` saved, as an edit finds it. */
export interface HeldRegistration {
  number: string;
  licence: string;
  /** 'on_hold' | 'confirmed' | 'cancelled'. */
  status: string;
}

/**
 * The registration that the `registration.hold` command `holdCommandId` saved (any save of it,
 * not only the last: an edit of an edit still finds its registration), or undefined.
 */
export async function findRegistrationBySave(
  tx: Tx,
  holdCommandId: string,
): Promise<HeldRegistration | undefined> {
  return tx
    .selectFrom('registration_holds as h')
    .innerJoin('registrations as r', 'r.number', 'h.registration_number')
    .select(['r.number', 'r.licence', 'r.status'])
    .where('h.command_id', '=', holdCommandId)
    .executeTakeFirst();
}

/** A new save of a registration on hold. */
export interface HoldSave {
  request: RegistrationRequest;
  /** The `registration.hold` command that saves it. */
  holdCommandId: string;
  /** ISO instant. */
  at: string;
}

/** Replaces the request of a registration on hold (an edit: same number, new content). */
export async function updateHeldRequest(tx: Tx, number: string, save: HoldSave): Promise<void> {
  await tx
    .updateTable('registrations')
    .set({
      request_json: JSON.stringify(save.request),
      vin: save.request.vehicle.vin,
      hold_command_id: save.holdCommandId,
      updated_at: save.at,
    })
    .where('number', '=', number)
    .execute();
}

/** A registration saved on hold for the first time. */
export interface NewHeldRegistration extends HoldSave {
  number: string;
  licence: string;
  dealerId: string;
  createdBy: string;
}

/** Inserts a registration on hold: nothing confirmed or cancelled yet. */
export async function insertHeldRegistration(tx: Tx, entry: NewHeldRegistration): Promise<void> {
  await tx
    .insertInto('registrations')
    .values({
      number: entry.number,
      licence: entry.licence,
      dealer_id: entry.dealerId,
      vin: entry.request.vehicle.vin,
      status: 'on_hold',
      request_json: JSON.stringify(entry.request),
      hold_command_id: entry.holdCommandId,
      created_by: entry.createdBy,
      created_at: entry.at,
      updated_at: entry.at,
      confirm_command_id: null,
      confirmed_by: null,
      confirmed_at: null,
      plate_number: null,
      fees_cents: null,
      registry_change_json: null,
      cancel_command_id: null,
      cancelled_by: null,
      cancelled_at: null,
      cancel_reason_code: null,
      cancel_reason_text: null,
    })
    .execute();
}

/** Records that a hold command saved this registration (for {@link findRegistrationBySave}). */
export async function recordHoldSave(
  tx: Tx,
  holdCommandId: string,
  registrationNumber: string,
): Promise<void> {
  await tx
    .insertInto('registration_holds')
    .values({ command_id: holdCommandId, registration_number: registrationNumber })
    .execute();
}

/** A registration as its confirmation and cancellation check it. */
export interface RegistrationRecord {
  number: string;
  licence: string;
  vin: string;
  /** 'on_hold' | 'confirmed' | 'cancelled' (shared `registrationStatuses`). */
  status: string;
  /** The request as last saved on hold. */
  request: RegistrationRequest;
  confirmCommandId: string | null;
  /** ISO instant. */
  confirmedAt: string | null;
  plateNumber: string | null;
  feesCents: number | null;
  /** The stored {@link RegistryChange} of the confirmation (`parseRegistryChange`), if any. */
  registryChangeJson: string | null;
}

/**
 * A registration of this licence by its exact number, or undefined (another licence's number
 * included). Its stored request is parsed: a row its schema refuses is a bug, and throws.
 */
export async function findRegistration(
  tx: Tx,
  licence: string,
  number: string,
): Promise<RegistrationRecord | undefined> {
  const row = await tx
    .selectFrom('registrations')
    .selectAll()
    .where('number', '=', number)
    .where('licence', '=', licence)
    .executeTakeFirst();
  return row && registrationRecordOf(row);
}

function registrationRecordOf(row: RegistrationTable): RegistrationRecord {
  const stored: unknown = JSON.parse(row.request_json);
  return {
    number: row.number,
    licence: row.licence,
    vin: row.vin,
    status: row.status,
    request: registrationRequestSchema.parse(stored),
    confirmCommandId: row.confirm_command_id,
    confirmedAt: row.confirmed_at,
    plateNumber: row.plate_number,
    feesCents: row.fees_cents,
    registryChangeJson: row.registry_change_json,
  };
}

/** What a confirmation stores on the registration. */
export interface Confirmation {
  commandId: string;
  confirmedBy: string;
  /** ISO instant. */
  at: string;
  plateNumber: string;
  feesCents: number;
  registryChange: RegistryChange;
}

/** Marks a registration confirmed, with its plate, fee and the registry change to undo. */
export async function markConfirmed(
  tx: Tx,
  number: string,
  confirmation: Confirmation,
): Promise<void> {
  await tx
    .updateTable('registrations')
    .set({
      status: 'confirmed',
      confirm_command_id: confirmation.commandId,
      confirmed_by: confirmation.confirmedBy,
      confirmed_at: confirmation.at,
      plate_number: confirmation.plateNumber,
      fees_cents: confirmation.feesCents,
      registry_change_json: JSON.stringify(confirmation.registryChange),
      updated_at: confirmation.at,
    })
    .where('number', '=', number)
    .execute();
}

/** What a cancellation stores on the registration. */
export interface Cancellation {
  commandId: string;
  cancelledBy: string;
  /** ISO instant. */
  at: string;
  reasonCode: string;
  reasonText: string | null;
}

/** Marks a registration cancelled, with who cancelled it and why. */
export async function markCancelled(
  tx: Tx,
  number: string,
  cancellation: Cancellation,
): Promise<void> {
  await tx
    .updateTable('registrations')
    .set({
      status: 'cancelled',
      cancel_command_id: cancellation.commandId,
      cancelled_by: cancellation.cancelledBy,
      cancelled_at: cancellation.at,
      cancel_reason_code: cancellation.reasonCode,
      cancel_reason_text: cancellation.reasonText,
      updated_at: cancellation.at,
    })
    .where('number', '=', number)
    .execute();
}

/** The registration fee of a year for a vehicle type, in cents, or undefined when none is set. */
export async function findRegistrationFee(
  tx: Tx,
  year: number,
  vehicleType: string,
): Promise<number | undefined> {
  const row = await tx
    .selectFrom('fee_schedule')
    .select('amount_cents')
    .where('year', '=', year)
    .where('vehicle_type', '=', vehicleType)
    .executeTakeFirst();
  return row && Number(row.amount_cents);
}

/** What "a later transaction touched the vehicle" is judged on, for one registration. */
export interface TouchQuery {
  vin: string;
  /** The registration itself: its own later saves do not count. */
  registrationNumber: string;
  /** The command that issued the registration's own papers: they do not count. */
  exceptCommandId: string;
  /** ISO instant: changes at or after it count. */
  since: string;
}

/**
 * True when, since an instant, a document of another command (any kind, any licence) was
 * issued for the vehicle, or another registration of the VIN was saved: one round trip.
 */
export async function isVehicleTouchedSince(tx: Tx, query: TouchQuery): Promise<boolean> {
  const found = await tx
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('documents')
            .select('number')
            .where('vin', '=', query.vin)
            .where('issued_at', '>=', query.since)
            .where('command_id', '!=', query.exceptCommandId),
        )
        .as('document'),
      eb
        .exists(
          eb
            .selectFrom('registrations')
            .select('number')
            .where('vin', '=', query.vin)
            .where('number', '!=', query.registrationNumber)
            .where('updated_at', '>=', query.since),
        )
        .as('registration'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(found.document) || Boolean(found.registration);
}

/*
 * Reads of the kiosk's registration screens: stored rows whole, which the endpoint turns into
 * the shared summaries (with the rules' `cancellableUntil`, which reads the row).
 */

/** A registration by its exact number (any licence), as stored, or undefined. */
export async function findStoredRegistration(
  tx: Tx,
  number: string,
): Promise<RegistrationTable | undefined> {
  return tx.selectFrom('registrations').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Which registrations a listing covers: one licence, created in `[from, to)`. */
export interface CreatedWindow {
  licence: string;
  /** ISO instant, included. */
  from: string;
  /** ISO instant, excluded. */
  to: string;
}

/**
 * A licence's registrations created in a window, newest first (ties: highest number first,
 * so a page reads the same twice), at most 1,000.
 */
export async function registrationsCreatedIn(
  tx: Tx,
  window: CreatedWindow,
): Promise<RegistrationTable[]> {
  return tx
    .selectFrom('registrations')
    .selectAll()
    .where('licence', '=', window.licence)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1000)
    .execute();
}
