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
    ).toEqual(['postalCode:invalid_postal_code', 'province:invalid_choice']);
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
    ).toEqual(['postalCode:invalid_postal_code']);
  });

  it('normalizes any way of typing a valid postal code, idempotently', () => {
    const letter = fc.constantFrom(...'ABCEGHJKLMNPRSTVWXYZ'.split(''));
    const first = fc.constantFrom(...'ABCEGHJKLMNPRSTVXY'.split(''));
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
    expect(partyKey(person)).toBe('DL:T654321098765');
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
