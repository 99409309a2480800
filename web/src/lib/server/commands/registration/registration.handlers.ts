import {
  cancellationDeadline,
  isCancellable,
  localDate,
  newId,
  onlineRegistrationRefusal,
  onlineRegistrationRefusalPaths,
  partyName,
  provisionalPlateExpiry,
  registrationRequestSchema,
  vehicleTypes,
  type Party,
  type RegistrationRequest,
  type Vehicle,
} from '@comptoir/shared';
import type { Tx } from '../../db/engine.js';
import type { RegistrationTable } from '../../db/registrations.tables.js';
import { capRefusalFor } from '../caps.js';
import { reject, type AppliedResult, type CommandContext } from '../command-context.js';
import { issueDocument } from '../issue-document.js';
import { allocatePlateNumbers } from '../../registry/plates.repo.js';
import {
  drawTransactionNumber,
  employeeSignature,
  printedVehicle,
  registryChangeSchema,
  transferOwnership,
  undoOwnershipTransfer,
  type AnyCommandContext,
} from '../registry-records.js';

/*
 * The registration lifecycle (DOMAIN.md, Transaction lifecycle): saved on hold (queueable,
 * editable by superseding the last save), confirmed online with the client present (plate,
 * certificate, proof of service, fee debit, registry updated at once), cancellable the same
 * day before 23:00 if nothing later touched the vehicle (proof of cancellation).
 */

/**
 * Takes the vehicle's lock (PostgreSQL; SQLite's write lock already covers it), the one a
 * transit of the same VIN under another licence takes: "nothing later touched the vehicle"
 * cannot be judged while such a transit commits beside us. Direct commands come one per
 * transaction, after the licence lock, so the lock order stays licences then vehicles.
 */
async function lockVehicle(c: AnyCommandContext, vin: string): Promise<void> {
  await c.server.storage.lockKeys(c.tx, [`vin:${vin}`]);
}

/** The transaction part of a registration command's result. */
function transactionOf(number: string, status: 'on_hold' | 'confirmed' | 'cancelled') {
  return { number, type: 'registration', status };
}

/**
 * `registration.hold` (queued): saves a registration on hold under a new server number, or,
 * when the envelope `supersedes` an earlier save of a registration still on hold, replaces its
 * content under the same number (an edit). Superseding a save that the server refused starts a
 * new registration (the refused save created nothing); superseding an unknown save is refused.
 * Idempotent through the pipeline: a replayed command returns its stored result.
 */
export async function holdRegistration(
  c: CommandContext<'registration.hold'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const at = now.toISOString();
  const requestJson = JSON.stringify(command.payload);
  if (command.supersedes !== undefined) {
    const held = await tx
      .selectFrom('registration_holds as h')
      .innerJoin('registrations as r', 'r.number', 'h.registration_number')
      .select(['r.number', 'r.licence', 'r.status'])
      .where('h.command_id', '=', command.supersedes)
      .executeTakeFirst();
    if (held && held.licence === licence.number) {
      if (held.status !== 'on_hold') reject('registration_not_on_hold', ['supersedes']);
      await tx
        .updateTable('registrations')
        .set({
          request_json: requestJson,
          vin: command.payload.vehicle.vin,
          hold_command_id: command.id,
          updated_at: at,
        })
        .where('number', '=', held.number)
        .execute();
      await recordHold(c, held.number, 'registration.edited');
      return { documents: [], transaction: transactionOf(held.number, 'on_hold') };
    }
    const superseded = await tx
      .selectFrom('idempotency')
      .select('status')
      .where('command_id', '=', command.supersedes)
      .where('account_id', '=', actor.id)
      .executeTakeFirst();
    if (superseded?.status !== 'rejected') reject('registration_hold_unknown', ['supersedes']);
  }
  const number = await drawTransactionNumber(c, 'R');
  await tx
    .insertInto('registrations')
    .values({
      number,
      licence: licence.number,
      dealer_id: licence.dealer.id,
      vin: command.payload.vehicle.vin,
      status: 'on_hold',
      request_json: requestJson,
      hold_command_id: command.id,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
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
  await recordHold(c, number, 'registration.held');
  return { documents: [], transaction: transactionOf(number, 'on_hold') };
}

async function recordHold(
  c: CommandContext<'registration.hold'>,
  number: string,
  event: string,
): Promise<void> {
  await c.tx
    .insertInto('registration_holds')
    .values({ command_id: c.command.id, registration_number: number })
    .execute();
  await c.batch.audit.append(c.tx, {
    event,
    actor: c.actor.id,
    licence: c.licence.number,
    subject: number,
    detail: {
      commandId: c.command.id,
      vin: c.command.payload.vehicle.vin,
      ...(c.command.supersedes !== undefined && { supersedes: c.command.supersedes }),
    },
  });
}

/** A registration of the command's licence by number, or a rejection (other licences' numbers included). */
async function registrationOf(
  c: AnyCommandContext,
  number: string,
): Promise<{ row: RegistrationTable; request: RegistrationRequest }> {
  const row = await c.tx
    .selectFrom('registrations')
    .selectAll()
    .where('number', '=', number.toUpperCase())
    .where('licence', '=', c.licence.number)
    .executeTakeFirst();
  if (!row) reject('registration_not_found', ['payload.registrationNumber']);
  const stored: unknown = JSON.parse(row.request_json);
  return { row, request: registrationRequestSchema.parse(stored) };
}

/**
 * Why this request may not be registered online, with the request fields at fault: the
 * shared eligibility rule on the declared vehicle and on what the registry knows of it (a
 * 4,200 kg truck cannot be declared 3,900 kg), then the right to register of every buyer and
 * of the seller (Highway Safety Code s.194: unpaid fines block registration and transfer).
 */
async function eligibilityRefusal(tx: Tx, request: RegistrationRequest): Promise<void> {
  const { vehicle, buyers } = request;
  const known = await tx
    .selectFrom('registry_vehicles')
    .select(['type', 'net_mass_kg'])
    .where('vin', '=', vehicle.vin)
    .executeTakeFirst();
  const registryType = vehicleTypes.find((type) => type === known?.type);
  const refusal =
    onlineRegistrationRefusal(vehicle, buyers.length) ??
    (known && registryType
      ? onlineRegistrationRefusal({ type: registryType, netMassKg: known.net_mass_kg }, 1)
      : null);
  if (refusal) reject(refusal, [`request.${onlineRegistrationRefusalPaths[refusal]}`]);

  const people = [
    ...buyers.map((party, index) => ({ party, path: `request.buyers.${String(index)}` })),
    ...(request.seller ? [{ party: request.seller, path: 'request.seller' }] : []),
  ].flatMap(({ party, path }) =>
    party.kind === 'person' ? [{ licence: party.driverLicence, path }] : [],
  );
  if (people.length === 0) return;
  const blocked = await tx
    .selectFrom('registry_people')
    .select('driver_licence')
    .where(
      'driver_licence',
      'in',
      people.map((person) => person.licence),
    )
    .where('is_registration_blocked', '=', 1)
    .execute();
  const blockedLicences = new Set(blocked.map((row) => row.driver_licence));
  const paths = people
    .filter((person) => blockedLicences.has(person.licence))
    .map((person) => `${person.path}.driverLicence`);
  if (paths.length > 0) reject('right_to_register_blocked', paths);
}

/** The registration fee of the year (local) for the vehicle type, or a rejection. */
async function feeFor(c: AnyCommandContext, vehicle: Vehicle): Promise<number> {
  const year = Number(localDate(c.now).slice(0, 4));
  const row = await c.tx
    .selectFrom('fee_schedule')
    .select('amount_cents')
    .where('year', '=', year)
    .where('vehicle_type', '=', vehicle.type)
    .executeTakeFirst();
  if (!row) reject('registration_no_fee', ['request.vehicle.type']);
  return Number(row.amount_cents);
}

/** The holder as the certificate prints them: name and address. */
function printedHolder(holder: Party) {
  return { name: partyName(holder), address: holder.address };
}

/**
 * `registration.confirm` (online only): checks the held registration against DOMAIN.md's
 * rules (type, mass, single owner, right to register of buyers and seller, bank account on
 * file, fee in the schedule, the licence's weekly cap on provisional plates), then allocates
 * the plate, updates the registry, issues the provisional plate (45 days), the registration
 * certificate and the proof of service, and debits the year's fee from the dealer's account.
 */
export async function confirmRegistration(
  c: CommandContext<'registration.confirm'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const { row, request } = await registrationOf(c, command.payload.registrationNumber);
  if (row.status !== 'on_hold') reject('registration_not_on_hold', ['payload.registrationNumber']);
  await lockVehicle(c, row.vin);
  await eligibilityRefusal(tx, request);
  const bankAccount = await tx
    .selectFrom('bank_accounts')
    .select('dealer_id')
    .where('dealer_id', '=', licence.dealer.id)
    .executeTakeFirst();
  if (!bankAccount) reject('registration_no_bank_account');
  const feesCents = await feeFor(c, request.vehicle);
  const capped = await capRefusalFor(c, 'provisional_plate');
  if (capped) reject(capped);

  const [plateNumber] = await allocatePlateNumbers(tx, 'passenger', 1);
  if (plateNumber === undefined) throw new Error('no plate number allocated');
  // The race test holds a confirmation here, plate drawn and not yet committed.
  await c.server.faults.at('registration.after_plate_allocation');

  const holder = request.buyers[request.holderIndex];
  if (!holder) throw new Error('holder index outside the buyers (the schema refines it)');
  const registryChange = await transferOwnership(c, request.vehicle, {
    name: partyName(holder),
    driverLicence: holder.kind === 'person' ? holder.driverLicence : null,
  });
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
        transactionNumber: row.number,
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
        transactionNumber: row.number,
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
        transactionNumber: row.number,
        transactionType: 'registration',
        feesCents,
        plateNumber,
        employeeSignature: employeeSignature(c),
      }),
    }),
  ];
  await tx
    .insertInto('bank_debits')
    .values({
      id: newId(),
      dealer_id: licence.dealer.id,
      licence: licence.number,
      transaction_number: row.number,
      direction: 'debit',
      amount_cents: feesCents,
      status: 'pending',
      at: now.toISOString(),
    })
    .execute();
  await tx
    .updateTable('registrations')
    .set({
      status: 'confirmed',
      confirm_command_id: command.id,
      confirmed_by: actor.id,
      confirmed_at: now.toISOString(),
      plate_number: plateNumber,
      fees_cents: feesCents,
      registry_change_json: JSON.stringify(registryChange),
      updated_at: now.toISOString(),
    })
    .where('number', '=', row.number)
    .execute();
  await c.batch.audit.append(tx, {
    event: 'registration.confirmed',
    actor: actor.id,
    licence: licence.number,
    subject: row.number,
    detail: { commandId: command.id, vin: vehicle.vin, plateNumber, feesCents },
  });
  return {
    documents,
    transaction: transactionOf(row.number, 'confirmed'),
    plateNumbers: [plateNumber],
  };
}

/**
 * True when a transaction after the confirmation touched the vehicle: a document of another
 * command (ATAC, transit, inventory record, another registration's papers), under any
 * licence, or another registration of the VIN saved since.
 */
async function isTouchedSince(tx: Tx, row: RegistrationTable, since: string): Promise<boolean> {
  const found = await tx
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('documents')
            .select('number')
            .where('vin', '=', row.vin)
            .where('issued_at', '>=', since)
            .where('command_id', '!=', row.confirm_command_id ?? ''),
        )
        .as('document'),
      eb
        .exists(
          eb
            .selectFrom('registrations')
            .select('number')
            .where('vin', '=', row.vin)
            .where('number', '!=', row.number)
            .where('updated_at', '>=', since),
        )
        .as('registration'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(found.document) || Boolean(found.registration);
}

/** The papers a cancellation voids: the plate and the certificate (the proof of service stays as the record). */
const voidedByCancellation = ['provisional_plate', 'registration_certificate'];

/**
 * `registration.cancel` (online only): a confirmed registration of this licence, the same
 * local day before 23:00, if no later transaction touched the vehicle. Voids the plate and
 * certificate (their change counters move so kiosks pull the new status), credits the fee
 * back, undoes the registry transfer and issues the proof of cancellation.
 */
export async function cancelRegistration(
  c: CommandContext<'registration.cancel'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const { payload } = command;
  const { row, request } = await registrationOf(c, payload.registrationNumber);
  if (row.status === 'cancelled') {
    reject('registration_already_cancelled', ['payload.registrationNumber']);
  }
  if (row.status !== 'confirmed' || row.confirmed_at === null) {
    reject('registration_not_confirmed', ['payload.registrationNumber']);
  }
  if (!isCancellable(new Date(row.confirmed_at), now)) {
    reject('cancellation_too_late', ['payload.registrationNumber']);
  }
  await lockVehicle(c, row.vin);
  if (await isTouchedSince(tx, row, row.confirmed_at)) {
    reject('cancellation_superseded', ['payload.registrationNumber']);
  }

  const voided = await tx
    .selectFrom('documents')
    .select('number')
    .where('command_id', '=', row.confirm_command_id ?? '')
    .where('kind', 'in', voidedByCancellation)
    .where('status', '!=', 'voided')
    .orderBy('number')
    .execute();
  for (const document of voided) {
    await tx
      .updateTable('documents')
      .set({ status: 'voided', change_seq: await c.batch.nextChangeSeq(tx, licence.number) })
      .where('number', '=', document.number)
      .execute();
    await c.batch.audit.append(tx, {
      event: 'document.voided',
      actor: actor.id,
      licence: licence.number,
      subject: document.number,
      detail: { commandId: command.id, reason: 'registration.cancelled', registration: row.number },
    });
  }
  if (row.fees_cents !== null) {
    await tx
      .insertInto('bank_debits')
      .values({
        id: newId(),
        dealer_id: licence.dealer.id,
        licence: licence.number,
        transaction_number: row.number,
        direction: 'credit',
        amount_cents: row.fees_cents,
        status: 'pending',
        at: now.toISOString(),
      })
      .execute();
  }
  if (row.registry_change_json !== null) {
    const stored: unknown = JSON.parse(row.registry_change_json);
    await undoOwnershipTransfer(tx, registryChangeSchema.parse(stored));
  }
  const vehicle = printedVehicle(request.vehicle);
  const proof = await issueDocument(c, {
    kind: 'proof_of_cancellation',
    vin: vehicle.vin,
    customerKey: null,
    build: (common) => ({
      ...common,
      kind: 'proof_of_cancellation',
      vehicle,
      cancelledNumber: row.number,
      reasonCode: payload.reasonCode,
      ...(payload.reasonText !== undefined && { reasonText: payload.reasonText }),
      ...(row.plate_number !== null && { plateNumber: row.plate_number }),
      voidedNumbers: voided.map((document) => document.number),
      employeeSignature: employeeSignature(c),
    }),
  });
  await tx
    .updateTable('registrations')
    .set({
      status: 'cancelled',
      cancel_command_id: command.id,
      cancelled_by: actor.id,
      cancelled_at: now.toISOString(),
      cancel_reason_code: payload.reasonCode,
      cancel_reason_text: payload.reasonText ?? null,
      updated_at: now.toISOString(),
    })
    .where('number', '=', row.number)
    .execute();
  await c.batch.audit.append(tx, {
    event: 'registration.cancelled',
    actor: actor.id,
    licence: licence.number,
    subject: row.number,
    detail: {
      commandId: command.id,
      reasonCode: payload.reasonCode,
      voided: voided.map((document) => document.number),
    },
  });
  return { documents: [proof], transaction: transactionOf(row.number, 'cancelled') };
}

/** 23:00 local on the day of confirmation, for the kiosk's "cancellable until". */
export function cancellableUntil(row: Pick<RegistrationTable, 'status' | 'confirmed_at'>) {
  return row.status === 'confirmed' && row.confirmed_at !== null
    ? cancellationDeadline(new Date(row.confirmed_at)).toISOString()
    : undefined;
}
