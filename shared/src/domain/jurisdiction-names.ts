import type { BilingualText } from '../bilingual.js';
import {
  isProvince,
  isUsState,
  type LicenceJurisdiction,
  type Province,
  type UsState,
} from './jurisdictions.js';

/** Names of Canada's provinces and territories, French and English. */
export const provinceNames: Readonly<Record<Province, BilingualText>> = {
  AB: { fr: 'Alberta', en: 'Alberta' },
  BC: { fr: 'Colombie-Britannique', en: 'British Columbia' },
  MB: { fr: 'Manitoba', en: 'Manitoba' },
  NB: { fr: 'Nouveau-Brunswick', en: 'New Brunswick' },
  NL: { fr: 'Terre-Neuve-et-Labrador', en: 'Newfoundland and Labrador' },
  NS: { fr: 'Nouvelle-Écosse', en: 'Nova Scotia' },
  NT: { fr: 'Territoires du Nord-Ouest', en: 'Northwest Territories' },
  NU: { fr: 'Nunavut', en: 'Nunavut' },
  ON: { fr: 'Ontario', en: 'Ontario' },
  PE: { fr: 'Île-du-Prince-Édouard', en: 'Prince Edward Island' },
  QC: { fr: 'Québec', en: 'Québec' },
  SK: { fr: 'Saskatchewan', en: 'Saskatchewan' },
  YT: { fr: 'Yukon', en: 'Yukon' },
};

const same = (name: string): BilingualText => ({ fr: name, en: name });

/** Names of the US states, DC and territories, French and English. */
export const usStateNames: Readonly<Record<UsState, BilingualText>> = {
  AL: same('Alabama'),
  AK: same('Alaska'),
  AZ: same('Arizona'),
  AR: same('Arkansas'),
  CA: { fr: 'Californie', en: 'California' },
  CO: same('Colorado'),
  CT: same('Connecticut'),
  DE: same('Delaware'),
  DC: { fr: 'District de Columbia', en: 'District of Columbia' },
  FL: { fr: 'Floride', en: 'Florida' },
  GA: { fr: 'Géorgie', en: 'Georgia' },
  HI: { fr: 'Hawaï', en: 'Hawaii' },
  ID: same('Idaho'),
  IL: same('Illinois'),
  IN: same('Indiana'),
  IA: same('Iowa'),
  KS: same('Kansas'),
  KY: same('Kentucky'),
  LA: { fr: 'Louisiane', en: 'Louisiana' },
  ME: same('Maine'),
  MD: same('Maryland'),
  MA: same('Massachusetts'),
  MI: same('Michigan'),
  MN: same('Minnesota'),
  MS: same('Mississippi'),
  MO: same('Missouri'),
  MT: same('Montana'),
  NE: same('Nebraska'),
  NV: same('Nevada'),
  NH: same('New Hampshire'),
  NJ: same('New Jersey'),
  NM: { fr: 'Nouveau-Mexique', en: 'New Mexico' },
  NY: { fr: 'État de New York', en: 'New York' },
  NC: { fr: 'Caroline du Nord', en: 'North Carolina' },
  ND: { fr: 'Dakota du Nord', en: 'North Dakota' },
  OH: same('Ohio'),
  OK: same('Oklahoma'),
  OR: same('Oregon'),
  PA: { fr: 'Pennsylvanie', en: 'Pennsylvania' },
  RI: same('Rhode Island'),
  SC: { fr: 'Caroline du Sud', en: 'South Carolina' },
  SD: { fr: 'Dakota du Sud', en: 'South Dakota' },
  TN: same('Tennessee'),
  TX: same('Texas'),
  UT: same('Utah'),
  VT: same('Vermont'),
  VA: { fr: 'Virginie', en: 'Virginia' },
  WA: { fr: 'État de Washington', en: 'Washington' },
  WV: { fr: 'Virginie-Occidentale', en: 'West Virginia' },
  WI: same('Wisconsin'),
  WY: same('Wyoming'),
  AS: { fr: 'Samoa américaines', en: 'American Samoa' },
  GU: same('Guam'),
  MP: { fr: 'Îles Mariannes du Nord', en: 'Northern Mariana Islands' },
  PR: { fr: 'Porto Rico', en: 'Puerto Rico' },
  VI: { fr: 'Îles Vierges des États-Unis', en: 'U.S. Virgin Islands' },
};

/**
 * A country's name in French and English, from the platform's CLDR data (`Intl.DisplayNames`,
 * in Node and every browser the kiosk supports); the code itself when the platform has none.
 */
export function countryName(code: string): BilingualText {
  const nameIn = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { fr: nameIn('fr-CA'), en: nameIn('en-CA') };
}

/** A licence jurisdiction's name: `Ontario`, `Vermont (É.-U.)`, `France`. */
export function jurisdictionName(jurisdiction: LicenceJurisdiction): BilingualText {
  const [country, region] = jurisdiction.split('-');
  if (country === 'CA' && region !== undefined && isProvince(region)) {
    return provinceNames[region];
  }
  if (country === 'US' && region !== undefined && isUsState(region)) {
    const name = usStateNames[region];
    return { fr: `${name.fr} (É.-U.)`, en: `${name.en} (U.S.)` };
  }
  return countryName(jurisdiction);
}
