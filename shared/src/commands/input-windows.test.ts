import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import {
  aCommand,
  anAddress,
  anAtacPayload,
  aPerson,
  aRegistrationPayload,
  aTransitPayload,
  aVehicle,
} from '../testing/factories.js';
import { commandSchema, type Command } from './command.schema.js';
import { addDays, firstDeliveryDate, payloadWindowProblems } from './input-windows.js';

const today = '2026-12-03';

function parsed(type: Command['type'], payload: Record<string, unknown>): Command {
  return commandSchema.parse(aCommand(type, payload));
}

function problems(type: Command['type'], payload: Record<string, unknown>): string[] {
  return payloadWindowProblems(parsed(type, payload), today).map(
    (field) => `${field.path}:${field.code}`,
  );
}

function refusals(type: Command['type'], payload: Record<string, unknown>): string[] {
  const result = commandSchema.safeParse(aCommand(type, payload));
  return result.error
    ? fromZodError(result.error).fields.map((field) => `${field.path}:${field.code}`)
    : [];
}

describe('date windows', () => {
  it('moves dates on the calendar, across months and leap days', () => {
    expect(addDays('2026-12-03', 30)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(firstDeliveryDate(2027)).toBe('2026-01-01');
  });

  it('accepts a delivery from the year before the model year up to 30 days ahead', () => {
    const vehicle = aVehicle({ year: 2027 });
    for (const deliveryDate of ['2026-01-01', today, '2027-01-02']) {
      expect(problems('atac.create', anAtacPayload({ deliveryDate, vehicle }))).toEqual([]);
    }
  });

  it('refuses a delivery in 2099 or before the model year, naming the allowed range', () => {
    const late = payloadWindowProblems(
      parsed('atac.create', anAtacPayload({ deliveryDate: '2099-01-01' })),
      today,
    );
    expect(late).toEqual([
      {
        path: 'deliveryDate',
        code: 'date_too_far_ahead',
        message: {
          fr: 'Date trop éloignée : au plus tard le 2027-01-02 (30 jours après aujourd’hui).',
          en: 'Date too far ahead: 2027-01-02 at the latest (30 days after today).',
        },
      },
    ]);
    const early = aVehicle({ year: 2026 });
    expect(
      problems('atac.create', anAtacPayload({ deliveryDate: '2024-12-31', vehicle: early })),
    ).toEqual(['deliveryDate:date_before_model_year']);
  });

  it('refuses an acquisition in the future, accepts one today', () => {
    const record = { vehicle: aVehicle(), acquiredOn: '2030-01-01' };
    expect(problems('inventory.record', record)).toEqual(['acquiredOn:date_in_future']);
    expect(problems('inventory.record', { ...record, acquiredOn: today })).toEqual([]);
  });

  it('refuses a licence holder under 16, accepts one 16 today', () => {
    expect(
      problems(
        'transit.issue',
        aTransitPayload({ holder: aPerson({ dateOfBirth: '2010-12-04' }) }),
      ),
    ).toEqual(['holder.dateOfBirth:person_too_young']);
    expect(
      problems(
        'transit.issue',
        aTransitPayload({ holder: aPerson({ dateOfBirth: '2010-12-03' }) }),
      ),
    ).toEqual([]);
    expect(
      problems(
        'registration.hold',
        aRegistrationPayload({ buyers: [aPerson({ dateOfBirth: '2020-01-01' })] }),
      ),
    ).toEqual(['buyers.0.dateOfBirth:person_too_young']);
  });
});

describe('non-resident customers', () => {
  const ontarian = aPerson({
    driverLicence: 'A1234-56789-01234',
    licenceJurisdiction: 'CA-ON',
    address: anAddress({ city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1' }),
  });
  const nonResident = { days: 4, reason: 'non_resident_driving_home' };

  it('issues the 4-day non-resident transit to an Ontario holder, or a passport holder from abroad', () => {
    expect(
      refusals('transit.issue', aTransitPayload({ ...nonResident, holder: ontarian })),
    ).toEqual([]);
    const traveller = aPerson({
      driverLicence: undefined,
      passport: { country: 'FR', number: '12AB34567' },
      address: anAddress({ country: 'FR', province: 'IDF', postalCode: '75001', city: 'Paris' }),
    });
    expect(
      refusals('transit.issue', aTransitPayload({ ...nonResident, holder: traveller })),
    ).toEqual([]);
  });

  it('refuses it to a Québec holder, or to an Ontario licence with a Québec address', () => {
    expect(refusals('transit.issue', aTransitPayload(nonResident))).toEqual([
      'payload.holder:non_resident_required',
    ]);
    expect(
      refusals(
        'transit.issue',
        aTransitPayload({ ...nonResident, holder: { ...ontarian, address: anAddress() } }),
      ),
    ).toEqual(['payload.holder:non_resident_required']);
  });

  it('keeps requiring a Québec licence of every buyer of a registration', () => {
    expect(refusals('registration.hold', aRegistrationPayload({ buyers: [ontarian] }))).toEqual([
      'payload.buyers.0.driverLicence:quebec_licence_required',
    ]);
  });

  it('accepts the shape kiosks queued before jurisdictions, unchanged (same fingerprint)', () => {
    const old = aCommand('transit.issue', aTransitPayload());
    const command = commandSchema.parse(old);
    expect(command.type === 'transit.issue' && command.payload.holder).not.toHaveProperty(
      'licenceJurisdiction',
    );
  });
});
