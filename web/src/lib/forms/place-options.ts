import {
  countries,
  countryName,
  jurisdictionName,
  provinceNames,
  provinces,
  usStateNames,
  usStates,
  isLicenceJurisdiction,
  type BilingualText,
} from '@comptoir/shared';

/** One choice of a place list: its code and its name in both languages. */
export interface PlaceOption {
  value: string;
  name: BilingualText;
}

const byFrenchName = (a: PlaceOption, b: PlaceOption) => a.name.fr.localeCompare(b.name.fr, 'fr');

/** Canada's provinces and territories by name (Québec first: most customers). */
export const provinceOptions: readonly PlaceOption[] = [
  { value: 'QC', name: provinceNames.QC },
  ...provinces
    .filter((province) => province !== 'QC')
    .map((province) => ({ value: province, name: provinceNames[province] }))
    .sort(byFrenchName),
];

/** The US states, DC and territories by name. */
export const usStateOptions: readonly PlaceOption[] = usStates
  .map((state) => ({ value: state, name: usStateNames[state] }))
  .sort(byFrenchName);

/** Every ISO 3166 country, Canada and the United States first, then by name. */
export const countryOptions: readonly PlaceOption[] = [
  { value: 'CA', name: countryName('CA') },
  { value: 'US', name: countryName('US') },
  ...countries
    .filter((country) => country !== 'CA' && country !== 'US')
    .map((country) => ({ value: country, name: countryName(country) }))
    .sort(byFrenchName),
];

/**
 * Where a licence may come from: Québec first, the other provinces and territories, the US
 * states, then every other country (codes as `licenceJurisdiction` takes them).
 */
export const jurisdictionOptions: readonly PlaceOption[] = [
  ...provinceOptions.map((option) => jurisdictionOption(`CA-${option.value}`)),
  ...usStateOptions.map((option) => jurisdictionOption(`US-${option.value}`)),
  ...countryOptions
    .filter((option) => option.value !== 'CA' && option.value !== 'US')
    .map((option) => ({ value: option.value, name: option.name })),
];

function jurisdictionOption(code: string): PlaceOption {
  return {
    value: code,
    name: isLicenceJurisdiction(code) ? jurisdictionName(code) : countryName(code),
  };
}
