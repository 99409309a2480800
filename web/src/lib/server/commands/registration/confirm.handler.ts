import {
  type AppliedResult,
  CommandRejection,
  feeChangedError,
  feeTotal,
  localDate,
  onlineRegistrationRefusal,
  onlineRegistrationRefusalPaths,
  type Party,
  partyName,
  provisionalPlateExpiry,
  quebecLicenceOf,
  type RegistrationRequest,
  reject,
  type Vehicle,
  vehicleTypes,
} from '@comptoir/shared';
import type { Tx } from '../../db/engine.js';
import { hasBankAccount, recordBankMovement } from '../../registry/bank.repo.js';
import { allocatePlateNumbers } from '../../registry/plates.repo.js';
import { markConfirmed } from '../../registry/registrations.repo.js';
import { findRegistryVehicle, transferOwnership } from '../../registry/vehicles.repo.js';
import { capRefusalFor } from '../caps.js';
import type { CommandContext } from '../command-context.js';
import { issueDocument } from '../issue-document.js';
import { employeeSignature, printedVehicle } from '../registry-records.js';
import { orderMetalPlate } from './metal-plate.js';
import { REGISTRATION_PLATE_SERIES, registrationFeeLines } from './registration-fees.js';
import { rejectVehicleMismatch } from '../vehicle-authority.js';
import {
  lockVehicle,
  registrationOf,
  rejectBlockedRightToRegister,
  transactionOf,
} from './registration-rules.js';

/**
 * Why this request may not be registered online, with the request fields at fault: the
 * shared eligibility rule on the declared vehicle and on what the registry knows of it (a
 * 4,200 kg truck cannot be declared 3,900 kg), then the right to register of every buyer and
 * of the seller (Highway Safety Code s.194: unpaid fines block registration and transfer).
 */
async function eligibilityRefusal(tx: Tx, request: RegistrationRequest): Promise<void> {
  const { vehicle, buyers } = request;
  const known = await findRegistryVehicle(tx, vehicle.vin);
  const registryType = vehicleTypes.find((type) => type === known?.type);
  const refusal =
    onlineRegistrationRefusal(vehicle, buyers.length) ??
    (known && registryType
      ? onlineRegistrationRefusal({ type: registryType, netMassKg: known.netMassKg }, 1)
      : null);
  if (refusal) reject(refusal, [`request.${onlineRegistrationRefusalPaths[refusal]}`]);

  // Checked at hold already; checked again: the registry may have blocked someone since.
  await rejectBlockedRightToRegister(tx, request, 'request');
}

/**
 * The registration fee of the year (local) for the vehicle type, or a rejection; refused with
 * `fee_changed` (before anything is debited) when the client was shown another total.
 */
async function feeFor(
  c: CommandContext<'registration.confirm'>,
  vehicle: Vehicle,
): Promise<number> {
  const lines = await registrationFeeLines(c.tx, c.now, vehicle.type);
  if (lines.length === 0) reject('registration_no_fee', ['request.vehicle.type']);
  const feeCents = feeTotal(lines);
  const { expectedFeeCents } = c.command.payload;
  if (expectedFeeCents !== undefined && expectedFeeCents !== feeCents) {
    throw new CommandRejection(feeChangedError(expectedFeeCents, feeCents));
  }
  return feeCents;
}

/** The holder as the certificate prints them: name and address. */
function printedHolder(holder: Party) {
  return { name: partyName(holder), address: holder.address };
}

/**
 * `registration.confirm` (online only): checks the held registration against the rules of
 * docs/domain.md#online-registration-eligibility (type, mass, single owner, right to register
 * of buyers and seller, bank account on file, fee in the schedule and equal to the total the
 * client was shown when the command carries it, `expectedFeeCents`) and the licence's weekly cap
 * on provisional plates (docs/domain.md#anti-fraud-limits-and-caps), then allocates the plate,
 * updates the registry, issues the provisional plate (45 days), the registration certificate
 * and the proof of service, debits the year's fee from the dealer's account and orders the
 * metal plate from the supplier (docs/plates-by-mail.md).
 */
export async function confirmRegistration(
  c: CommandContext<'registration.confirm'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const registration = await registrationOf(c, command.payload.registrationNumber);
  const { request } = registration;
  if (registration.status !== 'on_hold') {
    reject('registration_not_on_hold', ['payload.registrationNumber']);
  }
  await lockVehicle(c, registration.vin);
  // Held before the registry knew the VIN (another dealer's sale since): it is checked again.
  await rejectVehicleMismatch(tx, request.vehicle, 'request.vehicle');
  await eligibilityRefusal(tx, request);
  if (!(await hasBankAccount(tx, licence.dealer.id))) reject('registration_no_bank_account');
  const feesCents = await feeFor(c, request.vehicle);
  const capped = await capRefusalFor(c, 'provisional_plate');
  if (capped) reject(capped);

  const [plateNumber] = await allocatePlateNumbers(tx, REGISTRATION_PLATE_SERIES, 1);
  if (plateNumber === undefined) throw new Error('no plate number allocated');
  // The race test holds a confirmation here, plate drawn and not yet committed.
  await c.server.faults.at('registration.after_plate_allocation');

  const holder = request.buyers[request.holderIndex];
  if (!holder) throw new Error('holder index outside the buyers (the schema refines it)');
  const registryChange = await transferOwnership(
    tx,
    request.vehicle,
    {
      name: partyName(holder),
      driverLicence: holder.kind === 'person' ? (quebecLicenceOf(holder) ?? null) : null,
    },
    localDate(now),
  );
  const vehicle = printedVehicle(request.vehicle);
  const expiresAt = provisionalPlateExpiry(now);
  const documents = [
    await issueDocument(c, {
      kind: 'provisional_plate',
      vin: vehicle.vin,
      customerKey: null,
      expiresAt,
      build: (common) => ({
        ...common,
        kind: 'provisional_plate',
        expiresAt: expiresAt.toISOString(),
        vehicle,
        plateNumber,
        transactionNumber: registration.number,
      }),
    }),
    await issueDocument(c, {
      kind: 'registration_certificate',
      vin: vehicle.vin,
      customerKey: null,
      build: (common) => ({
        ...common,
        kind: 'registration_certificate',
        vehicle,
        plateNumber,
        holder: printedHolder(holder),
        use: 'promenade',
        transactionNumber: registration.number,
        ...(request.atacNumber !== undefined && { atacNumber: request.atacNumber }),
      }),
    }),
    await issueDocument(c, {
      kind: 'proof_of_service',
      vin: vehicle.vin,
      customerKey: null,
      build: (common) => ({
        ...common,
        kind: 'proof_of_service',
        vehicle,
        transactionNumber: registration.number,
        transactionType: 'registration',
        feesCents,
        plateNumber,
        employeeSignature: employeeSignature(c),
      }),
    }),
  ];
  await recordBankMovement(tx, {
    dealerId: licence.dealer.id,
    licence: licence.number,
    transactionNumber: registration.number,
    direction: 'debit',
    amountCents: feesCents,
    at: now.toISOString(),
  });
  await markConfirmed(tx, registration.number, {
    commandId: command.id,
    confirmedBy: actor.id,
    at: now.toISOString(),
    plateNumber,
    feesCents,
    registryChange,
  });
  const plateOrderId = await orderMetalPlate(c, {
    registrationNumber: registration.number,
    plateNumber,
    holder,
    provisionalExpiresAt: expiresAt,
    clientNotice: request.clientNotice,
  });
  await c.batch.audit.append(tx, {
    event: 'registration.confirmed',
    actor: actor.id,
    licence: licence.number,
    subject: registration.number,
    detail: { commandId: command.id, vin: vehicle.vin, plateNumber, feesCents, plateOrderId },
  });
  return {
    documents,
    transaction: transactionOf(registration.number, 'confirmed'),
    plateNumbers: [plateNumber],
  };
}
