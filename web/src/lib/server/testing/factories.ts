import {
  newId,
  vehicleTypes,
  type CommandInput,
  type VehicleCategory,
  type VehicleType,
} from '@comptoir/shared';
import { DEMO_VEHICLES } from '../demo/demo-seed.js';

/** A valid person party. */
export function person(overrides: { driverLicence?: string; firstName?: string } = {}) {
  return {
    kind: 'person' as const,
    firstName: overrides.firstName ?? 'Marie',
    lastName: 'Tremblay',
    driverLicence: overrides.driverLicence ?? 'T123456789012',
    address: {
      line1: '12 rue Principale',
      city: 'Saint-Jérôme',
      province: 'QC',
      postalCode: 'J7Z 1A1',
    },
  };
}

/** A valid vehicle payload from a demo registry vehicle (index into DEMO_VEHICLES). */
export function vehicle(
  index = 0,
  overrides: { vin?: string; type?: VehicleType; category?: VehicleCategory } = {},
) {
  const demo = DEMO_VEHICLES[index] ?? DEMO_VEHICLES[0];
  return {
    vin: overrides.vin ?? demo.vin,
    make: demo.make,
    model: demo.model,
    year: demo.year,
    type: overrides.type ?? vehicleTypes.find((type) => type === demo.type) ?? 'automobile',
    netMassKg: demo.net_mass_kg,
    condition: 'used' as const,
    odometerKm: 42_000,
    ...(overrides.category !== undefined && { category: overrides.category }),
  };
}

/** Who sends a test command, under which licence, with which id (new by default). */
export interface EnvelopeOptions {
  accountId: string;
  licence?: string;
  id?: string;
}

/** The envelope of a test command (fixed kiosk and kiosk clock). */
export function envelope(options: EnvelopeOptions) {
  return {
    id: options.id ?? newId(),
    v: 1 as const,
    licence: options.licence ?? 'L-100001',
    kioskId: 'kiosk-test-1',
    actor: { accountId: options.accountId },
    createdAt: '2026-03-10T14:59:00.000Z',
  };
}

/** A transit.issue command. */
export function transitCommand(
  options: EnvelopeOptions & {
    vehicle?: ReturnType<typeof vehicle>;
    holder?: ReturnType<typeof person>;
    days?: 4 | 10;
  },
) {
  return {
    ...envelope(options),
    type: 'transit.issue' as const,
    payload: {
      vehicle: options.vehicle ?? vehicle(0),
      holder: options.holder ?? person(),
      days: options.days ?? 10,
      reason: 'register_at_service_point' as const,
    },
  } satisfies CommandInput;
}

/** An atac.create command with two co-owners, the second designated holder. */
export function atacCommand(options: EnvelopeOptions & { vehicle?: ReturnType<typeof vehicle> }) {
  return {
    ...envelope(options),
    type: 'atac.create' as const,
    payload: {
      transaction: 'sale' as const,
      deliveryDate: '2026-03-10',
      vehicle: options.vehicle ?? vehicle(1),
      buyers: [person(), person({ driverLicence: 'G234567890123', firstName: 'Jean' })],
      holderIndex: 1,
      salePriceCents: 2_500_000,
      tradeInCents: 500_000,
      gstCents: 100_000,
      qstBaseCents: 2_000_000,
    },
  } satisfies CommandInput;
}

/** A print.outcome command for a document. */
export function printOutcomeCommand(
  options: EnvelopeOptions & {
    documentNumber: string;
    documentKind?: string;
    status?: string;
    copy?: boolean;
  },
) {
  return {
    ...envelope(options),
    type: 'print.outcome' as const,
    payload: {
      documentNumber: options.documentNumber,
      documentKind: options.documentKind ?? 'transit',
      printer: 'PDF',
      copy: options.copy ?? false,
      status: options.status ?? 'printed',
      jobId: crypto.randomUUID(),
    },
  };
}
