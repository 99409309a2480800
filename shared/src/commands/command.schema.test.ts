import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCommandJson, canonicalJson } from '../canonical-json.js';
import { fromZodError } from '../errors.js';
import { newId } from '../ids.js';
import {
  aCommand,
  anAtacPayload,
  aRegistrationPayload,
  aTransitPayload,
  aVehicle,
  sampleVin,
} from '../testing/factories.js';
import { typedAtacPayload } from '../testing/arbitraries.js';
import {
  allCommandTypes,
  commandEnvelopeSchema,
  commandSchema,
  isOfflineCommandType,
  offlineCommandTypes,
  type CommandType,
} from './index.js';

/** One valid raw payload per command type. */
const payloads: Record<CommandType, Record<string, unknown>> = {
  'atac.create': anAtacPayload(),
  'transit.issue': aTransitPayload(),
  'registration.hold': aRegistrationPayload(),
  'inventory.record': {
    vehicle: aVehicle(),
    acquiredOn: '2026-11-20',
    purchasePriceCents: 1_200_000,
  },
  'platex.order': { quantity: 2 },
  'print.outcome': {
    documentNumber: 'T-2026-000042',
    documentKind: 'transit',
    printer: 'Laser comptoir',
    copy: false,
    status: 'printed',
    jobId: crypto.randomUUID(),
  },
  'registration.confirm': { registrationNumber: 'R-2026-000007' },
  'registration.cancel': { registrationNumber: 'R-2026-000007', reasonCode: 'entry_error' },
  'bankaccount.set': {
    institution: '815',
    transit: '30123',
    account: '1234567',
    holderName: 'Autos Laval inc.',
  },
};

function codes(input: unknown): string[] {
  const result = commandSchema.safeParse(input);
  return result.success
    ? []
    : fromZodError(result.error).fields.map((field) => `${field.path}:${field.code}`);
}

/** The same value with object keys in a random order at every depth. */
function shuffledKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, random));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(() => random() - 0.5);
    return Object.fromEntries(entries.map(([key, item]) => [key, shuffledKeys(item, random)]));
  }
  return value;
}

describe('command types', () => {
  it('lists the queueable types and the online-only ones', () => {
    expect(offlineCommandTypes).toEqual([
      'atac.create',
      'transit.issue',
      'registration.hold',
      'inventory.record',
      'platex.order',
      'print.outcome',
    ]);
    expect(allCommandTypes.filter((type) => !isOfflineCommandType(type))).toEqual([
      'registration.confirm',
      'registration.cancel',
      'bankaccount.set',
    ]);
  });
});

describe('commandSchema', () => {
  for (const type of allCommandTypes) {
    it(`parses a ${type} command and round-trips through JSON`, () => {
      const command = commandSchema.parse(aCommand(type, payloads[type]));
      expect(command.type).toBe(type);
      expect(commandSchema.parse(JSON.parse(JSON.stringify(command)))).toEqual(command);
    });
  }

  it('normalizes the payload (VIN, licence, postal code)', () => {
    const command = commandSchema.parse(
      aCommand('atac.create', anAtacPayload({ vehicle: aVehicle({ vin: ' 1hgcm8 2633a004352' }) })),
    );
    expect(command.type === 'atac.create' && command.payload.vehicle.vin).toBe(sampleVin);
  });

  it('refuses unknown fields in the envelope and in the payload', () => {
    expect(
      codes({ ...aCommand('platex.order', { quantity: 1, colour: 'red' }), extra: 1 }),
    ).toEqual(['payload.colour:unknown_field', 'extra:unknown_field']);
  });

  it('refuses a version other than 1, a non-v7 id, an unknown type', () => {
    expect(
      codes(aCommand('platex.order', { quantity: 1 }, { v: 2, id: crypto.randomUUID() })),
    ).toEqual(['id:invalid_id', 'v:invalid_choice']);
    expect(codes(aCommand('platex.order', { quantity: 1 }, { type: 'plate.steal' }))).toEqual([
      'type:invalid_choice',
    ]);
  });

  it('reports every failing field of a bad ATAC at once', () => {
    const payload = anAtacPayload({
      vehicle: aVehicle({ vin: '1HGCM82643A004352', make: '' }),
      holderIndex: 5,
      salePriceCents: 10.5,
      gstCents: -1,
      deliveryDate: '26/11/2026',
    });
    expect(codes(aCommand('atac.create', payload))).toEqual([
      'payload.deliveryDate:invalid_date',
      'payload.vehicle.vin:vin_check_digit',
      'payload.vehicle.make:required',
      'payload.salePriceCents:not_integer',
      'payload.gstCents:too_small',
      'payload.holderIndex:invalid_holder_index',
    ]);
  });

  it('answers a payload that is not an object with field errors, never a TypeError', () => {
    for (const type of ['atac.create', 'registration.hold'] as const) {
      const listPayload = { ...aCommand(type, {}), payload: [] };
      expect(() => codes(listPayload)).not.toThrow();
      expect(codes(listPayload)).toContain('payload:invalid_type');
      expect(codes(aCommand(type, { buyers: 'Marie', holderIndex: 0 }))).toContain(
        'payload.buyers:invalid_type',
      );
    }
  });

  it('refuses a holder who is not among the buyers, and the same buyer twice', () => {
    const buyers = anAtacPayload().buyers;
    expect(codes(aCommand('atac.create', anAtacPayload({ holderIndex: 2 })))).toEqual([
      'payload.holderIndex:invalid_holder_index',
    ]);
    const twice = Array.isArray(buyers) ? [buyers[0], buyers[0]] : [];
    expect(codes(aCommand('registration.hold', aRegistrationPayload({ buyers: twice })))).toEqual([
      'payload.buyers.1:duplicate_buyer',
    ]);
  });

  it('needs a reason text for a transit issued for another reason', () => {
    expect(codes(aCommand('transit.issue', aTransitPayload({ reason: 'other', days: 5 })))).toEqual(
      ['payload.days:invalid_choice', 'payload.reasonText:reason_text_required'],
    );
  });

  it('limits plate-X orders to 1..10 and checks bank account digits', () => {
    expect(codes(aCommand('platex.order', { quantity: 11 }))).toEqual([
      'payload.quantity:too_large',
    ]);
    expect(
      codes(
        aCommand('bankaccount.set', {
          institution: '81',
          transit: '3012a',
          account: '123456',
          holderName: 'X',
        }),
      ),
    ).toEqual([
      'payload.institution:invalid_bank_institution',
      'payload.transit:invalid_bank_transit',
      'payload.account:invalid_bank_account',
    ]);
  });
});

describe('commandEnvelopeSchema', () => {
  it('accepts a sound envelope whatever its payload, so the server can answer under its id', () => {
    const raw = aCommand('atac.create', { nonsense: true });
    expect(commandSchema.safeParse(raw).success).toBe(false);
    expect(commandEnvelopeSchema.parse(raw).id).toBe(raw.id);
  });
});

describe('canonicalCommandJson', () => {
  it('is the same whatever the key order, and differs when the content differs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allCommandTypes), fc.integer(), (type, seed) => {
        const raw = aCommand(type, payloads[type]);
        let state = seed;
        const random = (): number => {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          return Math.abs(state) / 2_147_483_648;
        };
        const command = commandSchema.parse(raw);
        const shuffled = commandSchema.parse(shuffledKeys(raw, random));
        expect(canonicalCommandJson(shuffled)).toBe(canonicalCommandJson(command));
        const other = commandSchema.parse({ ...raw, id: newId() });
        expect(canonicalCommandJson(other)).not.toBe(canonicalCommandJson(command));
      }),
      { numRuns: 50 },
    );
  });

  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"e":2,"f":1}]},"b":1}',
    );
  });
});

describe('commandSchema properties', () => {
  it('normalizes any typed ATAC once: parsing the parsed command changes nothing, through JSON too', () => {
    fc.assert(
      fc.property(typedAtacPayload, (payload) => {
        const command = commandSchema.parse(aCommand('atac.create', payload));
        const again = commandSchema.parse(JSON.parse(JSON.stringify(command)));
        expect(again).toEqual(command);
        expect(canonicalCommandJson(again)).toBe(canonicalCommandJson(command));
        if (command.type !== 'atac.create') return;
        expect(command.payload.vehicle.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
        for (const buyer of command.payload.buyers) {
          if (buyer.kind === 'person') expect(buyer.driverLicence).toMatch(/^[A-Z]\d{12}$/);
          expect(buyer.address.postalCode).toMatch(/^[A-Z]\d[A-Z] \d[A-Z]\d$/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an unknown field in the payload of every command type', () => {
    for (const type of allCommandTypes) {
      expect({ type, codes: codes(aCommand(type, { ...payloads[type], surprise: 1 })) }).toEqual({
        type,
        codes: ['payload.surprise:unknown_field'],
      });
    }
  });
});
