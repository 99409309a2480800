/**
 * fast-check arbitraries of valid raw input, typed the way people type it (odd case, spaces,
 * dashes), for property tests of normalization and round-trips.
 */
import fc from 'fast-check';
import { PRINTABLE_RANGES, isPrintableText } from '../domain/printable-text.js';
import { vehicleTypes } from '../schemas/vehicle.schema.js';
import { withCheckDigit } from './factories.js';

const vinCharacters = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split('');
const yearCodes = vinCharacters.filter((character) => !['U', 'Z', '0'].includes(character));

/** A valid VIN, maybe lower-cased and with spaces, as typed. */
export const typedVin = fc
  .tuple(
    fc.array(fc.constantFrom(...vinCharacters), { minLength: 9, maxLength: 9 }),
    fc.constantFrom(...yearCodes),
    fc.array(fc.constantFrom(...vinCharacters), { minLength: 7, maxLength: 7 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([head, year, tail, lower, spaced]) => {
    const vin = withCheckDigit([...head, year, ...tail].join(''));
    const cased = lower ? vin.toLowerCase() : vin;
    return spaced ? `${cased.slice(0, 6)} ${cased.slice(6, 11)} ${cased.slice(11)}` : cased;
  });

/** One character of the printable set, any block equally likely. */
const printableCharacter = fc.oneof(
  ...PRINTABLE_RANGES.map(([first, last]) =>
    fc.integer({ min: first, max: last }).map((codePoint) => String.fromCodePoint(codePoint)),
  ),
);

/**
 * Text a person types: 1 to `max` characters of the printable set (composed or not: the
 * schema stores NFC), not blank, maybe padded with spaces.
 */
export function typedText(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ minLength: 1, maxLength: max, unit: printableCharacter }), fc.boolean())
    .filter(([text]) => {
      const stored = text.trim().normalize('NFC');
      // NFC may compose two printable characters into one outside the set (¨ + ◌̀ = ῭).
      return (
        stored.length > 0 && stored.length <= max && text.length <= max && isPrintableText(stored)
      );
    })
    .map(([text, padded]) => (padded && text.length + 2 <= max ? ` ${text} ` : text));
}

/** A Québec driving-licence number, typed with any case, spaces or dashes. */
export const typedDriverLicence = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
    fc.constantFrom('', ' ', '-'),
    fc.boolean(),
  )
  .map(([letter, digits, separator, lower]) => {
    const text = digits.join('');
    const typed = `${letter}${text.slice(0, 4)}${separator}${text.slice(4, 10)}${separator}${text.slice(10)}`;
    return lower ? typed.toLowerCase() : typed;
  });

/** A valid Québec postal code (first letter G, H or J), typed with or without the space. */
export const typedPostalCode = fc
  .tuple(
    fc.constantFrom(...'GHJ'.split('')),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...'ABCEGHJKLMNPRSTVWXYZ'.split('')),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...'ABCEGHJKLMNPRSTVWXYZ'.split('')),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom('', ' '),
  )
  .map(([a, b, c, d, e, f, space]) => `${a}${String(b)}${c}${space}${String(d)}${e}${String(f)}`);

/** A raw address in Québec. */
export const typedAddress = fc.record({
  line1: typedText(100),
  city: typedText(60),
  province: fc.constantFrom('QC', 'qc', ' Qc '),
  postalCode: typedPostalCode,
});

/** A raw person. */
export const typedPerson = fc.record({
  kind: fc.constant('person'),
  firstName: typedText(60),
  lastName: typedText(60),
  driverLicence: typedDriverLicence,
  address: typedAddress,
});

/** A raw vehicle. */
export const typedVehicle = fc.record(
  {
    vin: typedVin,
    make: typedText(40),
    model: typedText(60),
    year: fc.integer({ min: 1981, max: 2027 }),
    type: fc.constantFrom(...vehicleTypes),
    netMassKg: fc.integer({ min: 1, max: 100_000 }),
    condition: fc.constantFrom('new', 'used'),
    odometerKm: fc.integer({ min: 0, max: 5_000_000 }),
    colour: typedText(30),
  },
  {
    requiredKeys: ['vin', 'make', 'model', 'year', 'type', 'netMassKg', 'condition', 'odometerKm'],
  },
);

const cents = fc.integer({ min: 0, max: 100_000_000_000 });

/** A raw ATAC payload with 1 to 3 co-owners (distinct licences) and a holder among them. */
export const typedAtacPayload = fc
  .uniqueArray(typedPerson, {
    minLength: 1,
    maxLength: 3,
    selector: (person) => person.driverLicence.replace(/[\s-]/g, '').toUpperCase(),
  })
  .chain((buyers) =>
    fc.record({
      transaction: fc.constantFrom('sale', 'lease'),
      deliveryDate: fc.constantFrom('2026-01-31', '2026-11-26', '2027-02-28'),
      vehicle: typedVehicle,
      buyers: fc.constant(buyers),
      holderIndex: fc.integer({ min: 0, max: buyers.length - 1 }),
      salePriceCents: cents,
      tradeInCents: cents,
      gstCents: cents,
      qstBaseCents: cents,
    }),
  );
