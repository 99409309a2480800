/*
 * The manufacturer codes (WMI: the first three characters of a VIN, ISO 3780) of the makes
 * sold in Québec, so that a kiosk offline still names the make of a VIN the registry never
 * answered for. Its own entry point (`@comptoir/shared/wmi`), imported dynamically by the
 * screens that fill a vehicle: the home page's bundle does not carry the table.
 *
 * One code may cover several makes of a group (Stellantis' 1C4 is a Jeep, a Dodge or a
 * Chrysler): the make is filled only when the code names exactly one. A code missing here is
 * no error: the person types the make.
 */

// Make -> its WMI codes (passenger vehicles, light trucks, motorcycles, snowmobiles, heavy
// trucks seen at Québec dealers).
const makesByCode: Readonly<Record<string, readonly string[]>> = {
  Acura: ['19U', 'JH4', '5J8', '19V'],
  'Alfa Romeo': ['ZAR', 'ZAS'],
  Audi: ['WAU', 'WA1', 'WUA'],
  BMW: ['WBA', 'WBS', 'WBX', '5UX', '5YM', 'WB1'],
  Buick: ['1G4', '2G4', '5GA', 'KL4'],
  Cadillac: ['1G6', '1GY'],
  Chevrolet: ['1G1', '1GC', '1GN', '1GB', '2G1', '3G1', '3GN', '3GC', 'KL7', 'KL8'],
  Chrysler: ['1C3', '2C3', '2C4', '1C4', '3C4'],
  Dodge: ['1B3', '2B3', '2C3', '1C4', '2C4', '3C4'],
  Ducati: ['ZDM'],
  Ferrari: ['ZFF'],
  Fiat: ['ZFA', '3C3'],
  Ford: ['1FA', '1FM', '1FT', '1FD', '2FM', '2FT', '3FA', '3FM', '3FT', 'WF0'],
  Freightliner: ['1FU', '1FV', '3AK'],
  Genesis: ['KMT'],
  GMC: ['1GT', '1GK', '2GK', '3GK', '3GT'],
  'Harley-Davidson': ['1HD', '5HD'],
  Honda: ['1HG', '2HG', '2HK', '2HJ', '5FN', '5J6', '19X', 'JHM', 'JH2', 'SHH', 'SHS'],
  Hyundai: ['KMH', 'KM8', '5NP', '5NM', '5XY'],
  Infiniti: ['JNK', 'JNR', '5N3'],
  International: ['1HT', '3HS'],
  Isuzu: ['JAL'],
  Jaguar: ['SAJ'],
  Jeep: ['1J4', '1J8', '1C4', '3C4'],
  Kawasaki: ['JKA', 'JKB'],
  Kenworth: ['1XK', '2NK'],
  Kia: ['KNA', 'KND', 'KNM', '5XX', '5XY', '3KP'],
  'Land Rover': ['SAL'],
  Lexus: ['JTH', 'JTJ', '2T2'],
  Lincoln: ['1LN', '2LM', '5LM'],
  Mack: ['1M1', '1M2'],
  Mazda: ['JM1', 'JM3', '3MZ', '3MV', '7MM'],
  'Mercedes-Benz': ['WDD', 'WDB', 'WDC', 'W1K', 'W1N', '4JG', '55S'],
  Mini: ['WMW'],
  Mitsubishi: ['JA3', 'JA4', 'ML3'],
  Nissan: ['1N4', '1N6', '3N1', '3N6', 'JN1', 'JN8', '5N1'],
  Peterbilt: ['1XP'],
  Polaris: ['4XA', '3NS'],
  Polestar: ['LPS'],
  Porsche: ['WP0', 'WP1'],
  Ram: ['1C6', '3C6', '3C7', '3D7'],
  Rivian: ['7FC'],
  'Ski-Doo': ['2BP'],
  'Can-Am': ['2BP', '3JB'],
  Subaru: ['JF1', 'JF2', '4S3', '4S4', '4S6'],
  Suzuki: ['JS1', 'JS2', 'JS3'],
  Tesla: ['5YJ', '7SA', 'LRW'],
  Toyota: [
    '2T1',
    '2T3',
    '4T1',
    '4T3',
    '4T4',
    '5TD',
    '5TF',
    '5TE',
    '3TM',
    'JTD',
    'JTE',
    'JTK',
    'JTM',
    'JTN',
  ],
  Triumph: ['SMT'],
  Volkswagen: ['1VW', '3VW', '3VV', 'WVW', 'WVG', 'WV1', 'WV2'],
  Volvo: ['YV1', 'YV4', '7JR', '4V4'],
  Yamaha: ['JYA', 'JY4'],
};

const makesByWmi = new Map<string, string[]>();
for (const [make, codes] of Object.entries(makesByCode)) {
  for (const code of codes) makesByWmi.set(code, [...(makesByWmi.get(code) ?? []), make]);
}

/**
 * The makes a VIN's manufacturer code (its first three characters) may stand for, in
 * alphabetical order; empty when the code is not in the table.
 *
 * @example makesOfVin('2HGFC2F55PH000101') // ['Honda']
 * @example makesOfVin('1C4RJFBG4MC001111') // ['Chrysler', 'Dodge', 'Jeep']
 */
export function makesOfVin(vin: string): string[] {
  return [...(makesByWmi.get(vin.slice(0, 3).toUpperCase()) ?? [])].sort((a, b) =>
    a.localeCompare(b),
  );
}

/** How many manufacturer codes the table knows (for its test). */
export const knownWmiCount = makesByWmi.size;
