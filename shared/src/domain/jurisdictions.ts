import type { BilingualText } from '../bilingual.js';

/**
 * Canada's provinces and territories (postal abbreviations, which are also the second half of
 * their ISO 3166-2 codes: `CA-QC`).
 */
export const provinces = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;
/** A Canadian province or territory. */
export type Province = (typeof provinces)[number];

/**
 * The United States' states, the District of Columbia and the inhabited territories that
 * issue driving licences (USPS abbreviations = ISO 3166-2 `US-` suffixes).
 */
export const usStates = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN',
  'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH',
  'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT',
  'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI',
] as const; // prettier-ignore
/** A US state, DC or territory. */
export type UsState = (typeof usStates)[number];

/**
 * ISO 3166-1 alpha-2 country codes in force (249). A table rather than a library: the list is
 * small and changes a few times a decade, and a library would bring names in dozens of
 * languages that `Intl.DisplayNames` already gives the kiosk.
 */
export const countries = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX',
  'AZ', 'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ',
  'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK',
  'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM',
  'DO', 'DZ', 'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS',
  'GT', 'GU', 'GW', 'GY', 'HK', 'HM', 'HN', 'HR', 'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN',
  'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM', 'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN',
  'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV',
  'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ',
  'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA', 'NC', 'NE', 'NF', 'NG', 'NI',
  'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM',
  'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW', 'SA', 'SB', 'SC',
  'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV',
  'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR',
  'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI',
  'VN', 'VU', 'WF', 'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
] as const; // prettier-ignore
/** An ISO 3166-1 alpha-2 country code. */
export type Country = (typeof countries)[number];

const provinceSet: ReadonlySet<string> = new Set(provinces);
const usStateSet: ReadonlySet<string> = new Set(usStates);
const countrySet: ReadonlySet<string> = new Set(countries);

/** Whether `code` is an ISO 3166-1 alpha-2 country code in force. */
export function isCountry(code: string): code is Country {
  return countrySet.has(code);
}

/** Whether `code` is a Canadian province or territory. */
export function isProvince(code: string): code is Province {
  return provinceSet.has(code);
}

/** Whether `code` is a US state, DC or territory. */
export function isUsState(code: string): code is UsState {
  return usStateSet.has(code);
}

/**
 * The first letters of the postal codes of each province (Canada Post's forward sortation
 * areas): Québec's begin with G, H or J, so `K1A 0B1` is not a Québec address.
 */
export const postalCodeFirstLetters: Readonly<Record<Province, string>> = {
  NL: 'A',
  NS: 'B',
  PE: 'C',
  NB: 'E',
  QC: 'GHJ',
  ON: 'KLMNP',
  MB: 'R',
  SK: 'S',
  AB: 'T',
  BC: 'V',
  NT: 'X',
  NU: 'X',
  YT: 'Y',
};

/**
 * Where a driving licence was issued: `CA-QC`, `CA-ON` (ISO 3166-2 for Canada's provinces and
 * territories and the US states), or an ISO 3166-1 country code for any other country (`FR`).
 */
export type LicenceJurisdiction = `CA-${Province}` | `US-${UsState}` | Country;

/** Québec: the jurisdiction a licence has when a command names none (the shape before 2026-12). */
export const QUEBEC: LicenceJurisdiction = 'CA-QC';

/** Whether `code` names a licence jurisdiction (see {@link LicenceJurisdiction}). */
export function isLicenceJurisdiction(code: string): code is LicenceJurisdiction {
  const [country, region, ...rest] = code.split('-');
  if (rest.length > 0 || country === undefined) return false;
  if (region === undefined) return isCountry(country) && country !== 'CA' && country !== 'US';
  if (country === 'CA') return isProvince(region);
  if (country === 'US') return isUsState(region);
  return false;
}

/** A licence number format: the pattern of the normalized number and what it says in words. */
interface LicenceFormat {
  pattern: RegExp;
  text: BilingualText;
}

/**
 * Driving-licence number formats of Canada's provinces, after normalization (upper case,
 * spaces and dashes removed), as published for data-loss-prevention classifiers (Microsoft
 * Purview "Canada driver's license number", Trellix DLP province patterns). The territories
 * (NT, NU, YT) publish none: they get {@link genericLicenceFormat}.
 */
const provinceLicenceFormats: Partial<Record<Province, LicenceFormat>> = {
  QC: {
    pattern: /^[A-Z]\d{12}$/,
    text: { fr: '1 lettre suivie de 12 chiffres', en: '1 letter followed by 12 digits' },
  },
  ON: {
    pattern: /^[A-Z]\d{14}$/,
    text: { fr: '1 lettre suivie de 14 chiffres', en: '1 letter followed by 14 digits' },
  },
  AB: { pattern: /^\d{5,9}$/, text: { fr: '5 à 9 chiffres', en: '5 to 9 digits' } },
  BC: { pattern: /^\d{7}$/, text: { fr: '7 chiffres', en: '7 digits' } },
  MB: {
    pattern: /^(?:[A-Z]{7}\d{3}[A-Z]{2}|\d{9})$/,
    text: {
      fr: '7 lettres, 3 chiffres et 2 lettres, ou 9 chiffres',
      en: '7 letters, 3 digits and 2 letters, or 9 digits',
    },
  },
  NB: { pattern: /^\d{5,7}$/, text: { fr: '5 à 7 chiffres', en: '5 to 7 digits' } },
  NL: {
    pattern: /^[A-Z]\d{9}$/,
    text: { fr: '1 lettre suivie de 9 chiffres', en: '1 letter followed by 9 digits' },
  },
  NS: {
    pattern: /^[A-Z]{5}[0-3]\d[01]\d{6}$/,
    text: { fr: '5 lettres suivies de 9 chiffres', en: '5 letters followed by 9 digits' },
  },
  PE: { pattern: /^\d{5,6}$/, text: { fr: '5 ou 6 chiffres', en: '5 or 6 digits' } },
  SK: { pattern: /^\d{8}$/, text: { fr: '8 chiffres', en: '8 digits' } },
};

/**
 * Every other jurisdiction (US states, other countries, the territories): 4 to 20 letters and
 * digits. US formats vary by state and change with each card design; a per-state table would
 * refuse real licences sooner than it would catch typing errors.
 */
const genericLicenceFormat: LicenceFormat = {
  pattern: /^[A-Z0-9]{4,20}$/,
  text: { fr: '4 à 20 lettres ou chiffres', en: '4 to 20 letters or digits' },
};

/** The format a licence number of `jurisdiction` must have. */
export function licenceFormatOf(jurisdiction: LicenceJurisdiction): LicenceFormat {
  const [country, region] = jurisdiction.split('-');
  if (country === 'CA' && region !== undefined && isProvince(region)) {
    return provinceLicenceFormats[region] ?? genericLicenceFormat;
  }
  return genericLicenceFormat;
}

/** A licence or passport number as typed: upper case, spaces and dashes removed. */
export function normalizeDocumentNumber(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}
