/**
 * Small factories of valid inputs for tests and benchmarks: realistic values, overridable,
 * built through the real rules (a VIN gets its real check digit).
 */
import { newId } from '../ids.js';
import { vinCheckDigit } from '../domain/vin.js';
import type { CommandInput } from '../commands/command.schema.js';

/** A valid VIN from a 17-character body whose 9th character is replaced by the right check digit. */
export function withCheckDigit(body: string): string {
  const digit = vinCheckDigit(body) ?? '0';
  return `${body.slice(0, 8)}${digit}${body.slice(9)}`;
}

/** A valid VIN (a 2003 Honda Accord's, a classic worked example). */
export const sampleVin = '1HGCM82633A004352';

/** Raw vehicle input, as a kiosk form sends it. */
export function aVehicle(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vin: sampleVin,
    make: 'Honda',
    model: 'Accord',
    year: 2003,
    type: 'automobile',
    netMassKg: 1450,
    condition: 'used',
    odometerKm: 182_000,
    colour: 'Gris',
    ...overrides,
  };
}

/** Raw address input in Montréal. */
export function anAddress(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    line1: '1234, rue Saint-Denis',
    line2: 'app. 5',
    city: 'Montréal',
    province: 'QC',
    postalCode: 'H2X 1Y4',
    ...overrides,
  };
}

/** Raw person input with a Québec driving licence. */
export function aPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'person',
    firstName: 'Marie',
    lastName: 'Tremblay',
    driverLicence: 'T6543-210987-65',
    dateOfBirth: '1985-04-12',
    address: anAddress(),
    ...overrides,
  };
}

/** Raw business input. */
export function aBusiness(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'business',
    name: 'Transports Gagnon inc.',
    neq: '1 1 4 5 2 3 6 7 8 9',
    address: anAddress({
      line1: '500, boul. Industriel',
      line2: undefined,
      city: 'Laval',
      postalCode: 'h7l 4r9',
    }),
    ...overrides,
  };
}

/** Raw ATAC creation payload: a sale to two co-owners, the first one holder. */
export function anAtacPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transaction: 'sale',
    deliveryDate: '2026-11-26',
    vehicle: aVehicle(),
    buyers: [aPerson(), aPerson({ firstName: 'Jean', driverLicence: 'G1234-567890-12' })],
    holderIndex: 0,
    salePriceCents: 2_499_500,
    tradeInCents: 500_000,
    gstCents: 99_975,
    qstBaseCents: 1_999_500,
    status: 'final',
    ...overrides,
  };
}

/** Raw registration-on-hold payload: one buyer, a seller, a trade-in. */
export function aRegistrationPayload(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    vehicle: aVehicle({
      condition: 'new',
      odometerKm: 12,
      year: 2026,
      vin: withCheckDigit('2T1BURHE0TC123456'),
    }),
    buyers: [aPerson()],
    holderIndex: 0,
    seller: aBusiness(),
    tradeIn: { vin: sampleVin, allowanceCents: 500_000 },
    atacNumber: 'ATAC-2026-000123',
    ...overrides,
  };
}

/** Raw transit payload: 10 days to register at a service point. */
export function aTransitPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vehicle: aVehicle(),
    holder: aPerson(),
    days: 10,
    reason: 'register_at_service_point',
    ...overrides,
  };
}

/** A raw command envelope around `payload`, as the kiosk's outbox holds it. */
export function aCommand(
  type: CommandInput['type'],
  payload: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: newId(),
    v: 1,
    type,
    licence: 'L-100001',
    kioskId: 'kiosk-showroom-1',
    actor: { accountId: newId(), operatorId: 'op-17' },
    createdAt: '2026-11-26T15:04:05.123-05:00',
    payload,
    ...overrides,
  };
}
