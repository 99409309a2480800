import { partySchema } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { emptyParty, partyValuesOf, partyValuesSchema, toPartyInput } from './form-values';
import { countryOptions, jurisdictionOptions, provinceOptions } from './place-options';

const address = {
  line1: '80 Wellington St',
  city: 'Ottawa',
  province: 'ON',
  postalCode: 'K1A 0A2',
};

describe('a person identity as typed', () => {
  it('sends a Québec licence in the shape kiosks always sent (no jurisdiction field)', () => {
    const input = toPartyInput({ ...emptyParty(), driverLicence: 'T123456789012' });
    expect(input).toMatchObject({ driverLicence: 'T123456789012' });
    expect(input).not.toHaveProperty('licenceJurisdiction');
  });

  it('sends an Ontario licence with its jurisdiction and reads it back', () => {
    const values = {
      ...emptyParty(),
      ...address,
      firstName: 'Emily',
      lastName: 'Walsh',
      driverLicence: 'A1234-56789-01234',
      licenceJurisdiction: 'CA-ON',
    };
    const party = partySchema.parse(toPartyInput(values));
    expect(party).toMatchObject({ licenceJurisdiction: 'CA-ON', driverLicence: 'A12345678901234' });
    expect(partyValuesOf(party)).toMatchObject({
      identityDocument: 'driver_licence',
      licenceJurisdiction: 'CA-ON',
    });
  });

  it('sends a passport instead of a licence', () => {
    const values = {
      ...emptyParty(),
      identityDocument: 'passport' as const,
      passportCountry: 'FR',
      passportNumber: '12AB34567',
    };
    expect(toPartyInput(values)).toMatchObject({
      passport: { country: 'FR', number: '12AB34567' },
    });
    expect(toPartyInput(values)).not.toHaveProperty('driverLicence');
  });

  it('reads a draft kept before jurisdictions as a Québec licence', () => {
    const { identityDocument, licenceJurisdiction, passportCountry, passportNumber, ...old } =
      emptyParty();
    expect([identityDocument, passportCountry, passportNumber]).toEqual(['driver_licence', '', '']);
    expect(partyValuesSchema.parse(old)).toMatchObject({ licenceJurisdiction });
  });

  it('lists Québec first, every ISO country, Canada and the US first among countries', () => {
    expect(provinceOptions[0]?.value).toBe('QC');
    expect(jurisdictionOptions[0]?.value).toBe('CA-QC');
    expect(jurisdictionOptions.some((option) => option.value === 'US-VT')).toBe(true);
    expect(countryOptions.slice(0, 2).map((option) => option.value)).toEqual(['CA', 'US']);
    expect(countryOptions).toHaveLength(249);
  });
});
