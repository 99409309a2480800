import {
  newId,
  vinCheckDigit,
  type AtacCreate,
  type Party,
  type TransitIssue,
  type Vehicle,
} from '@comptoir/shared';

/**
 * A valid VIN for vehicle number `index`: distinct indexes give distinct vehicles, so the
 * server's per-vehicle limits never refuse a fixture by accident.
 */
export function vinFor(index: number): string {
  const serial = String(index % 1_000_000).padStart(6, '0');
  const withoutCheck = `2HGFC2F5_KH${serial}`;
  const check = vinCheckDigit(withoutCheck.replace('_', '0')) ?? '0';
  return withoutCheck.replace('_', check);
}

/** A used automobile, valid for every service. */
export function makeVehicle(index: number, overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    vin: vinFor(index),
    make: 'Honda',
    model: 'Civic',
    year: 2019,
    type: 'automobile',
    netMassKg: 1300,
    condition: 'used',
    odometerKm: 42_000,
    ...overrides,
  };
}

/** A Québec buyer with a driving licence derived from `index`. */
export function makePerson(index: number): Party {
  return {
    kind: 'person',
    firstName: 'Marie',
    lastName: `Tremblay${index}`,
    driverLicence: `T${String(index).padStart(12, '0')}`,
    address: {
      line1: '123, rue Principale',
      city: 'Québec',
      province: 'QC',
      postalCode: 'G1R 4P5',
      country: 'CA',
    },
  };
}

/** An ATAC for vehicle `index`, one buyer who is the holder. */
export function makeAtacPayload(index: number): AtacCreate {
  return {
    transaction: 'sale',
    // Before the test clock's start (2026-03-10) and today: inside the delivery window for both.
    deliveryDate: '2026-03-05',
    vehicle: makeVehicle(index),
    buyers: [makePerson(index)],
    holderIndex: 0,
    salePriceCents: 2_500_000,
    tradeInCents: 0,
    gstCents: 125_000,
    qstBaseCents: 2_500_000,
  };
}

/** A 10-day transit for vehicle `index`. */
export function makeTransitPayload(index: number): TransitIssue {
  return {
    vehicle: makeVehicle(index),
    holder: makePerson(index),
    days: 10,
    reason: 'register_at_service_point',
  };
}

/** Who queues the fixtures. */
export interface FixtureActor {
  accountId: string;
  licence: string;
  kioskId: string;
}

/** A full `atac.create` envelope, as the kiosk queues it. */
export function makeAtacCommand(actor: FixtureActor, index: number, id: string = newId()) {
  return {
    id,
    v: 1 as const,
    type: 'atac.create' as const,
    licence: actor.licence,
    kioskId: actor.kioskId,
    actor: { accountId: actor.accountId },
    createdAt: new Date().toISOString(),
    payload: makeAtacPayload(index),
  };
}

/** A full `transit.issue` envelope. */
export function makeTransitCommand(actor: FixtureActor, index: number, id: string = newId()) {
  return {
    id,
    v: 1 as const,
    type: 'transit.issue' as const,
    licence: actor.licence,
    kioskId: actor.kioskId,
    actor: { accountId: actor.accountId },
    createdAt: new Date().toISOString(),
    payload: makeTransitPayload(index),
  };
}
