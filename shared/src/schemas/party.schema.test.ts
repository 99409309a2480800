import fc from 'fast-check';
import type { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import { aBusiness, anAddress, aPerson } from '../testing/factories.js';
import { addressSchema } from './address.schema.js';
import { partyKey, partyName, partySchema } from './party.schema.js';

function codes(result: { success: boolean; error?: ZodError }): string[] {
  return result.error
    ? fromZodError(result.error).fields.map((field) => `${field.path}:${field.code}`)
    : [];
}

describe('addressSchema', () => {
  it('normalizes Canadian postal codes to "H2X 1Y4"', () => {
    for (const typed of ['h2x1y4', 'H2X 1Y4', ' h2x 1y4 ']) {
      expect(addressSchema.parse(anAddress({ postalCode: typed })).postalCode).toBe('H2X 1Y4');
    }
  });

  it('refuses a bad Canadian postal code or province, accepts a US ZIP for a non-resident', () => {
    expect(
      codes(addressSchema.safeParse(anAddress({ postalCode: 'D2X 1Y4', province: 'ZZ' }))),
    ).toEqual(['province:invalid_province', 'postalCode:invalid_postal_code']);
    const us = addressSchema.parse(
      anAddress({ country: 'us', province: 'vt', postalCode: '05401-1234' }),
    );
    expect(us).toMatchObject({ country: 'US', province: 'VT', postalCode: '05401-1234' });
    expect(
      codes(
        addressSchema.safeParse(
          anAddress({ country: 'US', province: 'VT', postalCode: 'H2X 1Y4' }),
        ),
      ),
    ).toEqual(['postalCode:invalid_zip_code']);
  });

  it('refuses a Québec postal code without a Québec first letter, a US state or country not on the lists', () => {
    expect(codes(addressSchema.safeParse(anAddress({ postalCode: '12345' })))).toEqual([
      'postalCode:invalid_postal_code',
    ]);
    const ontarioCode = addressSchema.safeParse(anAddress({ postalCode: 'K1A 0B1' }));
    expect(codes(ontarioCode)).toEqual(['postalCode:postal_code_province_mismatch']);
    expect(ontarioCode.error ? fromZodError(ontarioCode.error).fields[0]?.message.fr : '').toBe(
      'Un code postal de la province Québec commence par G, H, J.',
    );
    expect(
      addressSchema.parse(anAddress({ province: 'ON', postalCode: 'k1a0b1' })).postalCode,
    ).toBe('K1A 0B1');
    expect(codes(addressSchema.safeParse(anAddress({ country: 'ZZ' })))).toEqual([
      'country:invalid_country',
    ]);
    expect(
      codes(
        addressSchema.safeParse(anAddress({ country: 'US', province: 'QC', postalCode: '05401' })),
      ),
    ).toEqual(['province:invalid_us_state']);
    expect(
      addressSchema.parse(anAddress({ country: 'fr', province: 'IDF', postalCode: '75001' })),
    ).toMatchObject({ country: 'FR', postalCode: '75001' });
  });

  it('normalizes any way of typing a valid postal code, idempotently', () => {
    const letter = fc.constantFrom(...'ABCEGHJKLMNPRSTVWXYZ'.split(''));
    // Québec's first letters: the address factory is in Québec.
    const first = fc.constantFrom('G', 'H', 'J');
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    fc.assert(
      fc.property(
        first,
        digit,
        letter,
        digit,
        letter,
        digit,
        fc.boolean(),
        fc.boolean(),
        (a, b, c, d, e, f, space, lower) => {
          const typed = `${a}${b}${c}${space ? ' ' : ''}${d}${e}${f}`;
          const parsed = addressSchema.parse(
            anAddress({ postalCode: lower ? typed.toLowerCase() : typed }),
          );
          expect(parsed.postalCode).toBe(`${a}${b}${c} ${d}${e}${f}`);
          expect(addressSchema.parse(parsed)).toEqual(parsed);
        },
      ),
    );
  });
});

describe('partySchema', () => {
  it('normalizes a Québec driving licence (case, spaces, dashes)', () => {
    const person = partySchema.parse(aPerson({ driverLicence: ' t6543-210987 65 ' }));
    expect(person).toMatchObject({ kind: 'person', driverLicence: 'T654321098765' });
    expect(partyName(person)).toBe('Marie Tremblay');
    expect(partyKey(person)).toBe('DL:CA-QC:T654321098765');
  });

  it('checks a licence against its jurisdiction: Ontario, Alberta, a US state, another country', () => {
    const ontario = aPerson({ driverLicence: 'a1234-56789-01234', licenceJurisdiction: 'ca-on' });
    expect(partySchema.parse(ontario)).toMatchObject({
      driverLicence: 'A12345678901234',
      licenceJurisdiction: 'CA-ON',
    });
    const refused = partySchema.safeParse({ ...ontario, driverLicence: 'T654321098765' });
    expect(codes(refused)).toEqual(['driverLicence:invalid_driver_licence']);
    expect(refused.error ? fromZodError(refused.error).fields[0]?.message : undefined).toEqual({
      fr: 'Numéro de permis invalide (Ontario) : 1 lettre suivie de 14 chiffres.',
      en: 'Invalid licence number (Ontario): 1 letter followed by 14 digits.',
    });
    expect(() =>
      partySchema.parse(aPerson({ driverLicence: '123456-789', licenceJurisdiction: 'CA-AB' })),
    ).not.toThrow();
    expect(() =>
      partySchema.parse(aPerson({ driverLicence: 'S123 4567 8901', licenceJurisdiction: 'US-VT' })),
    ).not.toThrow();
    expect(() =>
      partySchema.parse(aPerson({ driverLicence: '12AB34567', licenceJurisdiction: 'FR' })),
    ).not.toThrow();
    for (const jurisdiction of ['CA-XX', 'US-ON', 'ZZ', 'CA', 'US', 'CA-ON-1']) {
      expect(codes(partySchema.safeParse(aPerson({ licenceJurisdiction: jurisdiction })))).toEqual([
        'licenceJurisdiction:invalid_jurisdiction',
      ]);
    }
  });

  it('keys the same digits in two jurisdictions as two people', () => {
    // Québec's and Ontario's formats never share a number; the territories and US states
    // (generic format) do.
    const quebec = partySchema.parse(aPerson({ driverLicence: 'A123456789012' }));
    const territories = partySchema.parse(
      aPerson({ driverLicence: 'A123456789012', licenceJurisdiction: 'CA-NT' }),
    );
    const vermont = partySchema.parse(
      aPerson({ driverLicence: 'A123456789012', licenceJurisdiction: 'US-VT' }),
    );
    expect(partyKey(quebec)).toBe('DL:CA-QC:A123456789012');
    expect(partyKey(territories)).toBe('DL:CA-NT:A123456789012');
    expect(partyKey(vermont)).toBe('DL:US-VT:A123456789012');
  });

  it('identifies a person by a passport where no licence applies, never by both', () => {
    const traveller = aPerson({
      driverLicence: undefined,
      passport: { country: 'fr', number: '12ab34567' },
    });
    expect(partySchema.parse(traveller)).toMatchObject({
      passport: { country: 'FR', number: '12AB34567' },
    });
    expect(partyKey(partySchema.parse(traveller))).toBe('PP:FR:12AB34567');
    expect(
      codes(partySchema.safeParse(aPerson({ passport: { country: 'FR', number: '12AB34567' } }))),
    ).toEqual(['driverLicence:identity_document_one']);
    expect(codes(partySchema.safeParse(aPerson({ driverLicence: undefined })))).toEqual([
      'driverLicence:identity_document_one',
    ]);
    expect(
      codes(partySchema.safeParse({ ...traveller, passport: { country: 'ZZ', number: '1' } })),
    ).toEqual(['passport.country:invalid_country', 'passport.number:invalid_passport_number']);
  });

  it('refuses a malformed licence or NEQ', () => {
    expect(codes(partySchema.safeParse(aPerson({ driverLicence: '123456789012' })))).toEqual([
      'driverLicence:invalid_driver_licence',
    ]);
    expect(codes(partySchema.safeParse(aBusiness({ neq: '12345' })))).toEqual(['neq:invalid_neq']);
  });

  it('parses a business with its NEQ without spaces', () => {
    const business = partySchema.parse(aBusiness());
    expect(business).toMatchObject({ kind: 'business', neq: '1145236789' });
    expect(business.address.postalCode).toBe('H7L 4R9');
  });

  it('refuses an unknown kind and unknown fields', () => {
    expect(codes(partySchema.safeParse(aPerson({ kind: 'robot' })))).toEqual([
      'kind:invalid_choice',
    ]);
    expect(codes(partySchema.safeParse(aPerson({ sin: '123' })))).toEqual(['sin:unknown_field']);
  });
});
