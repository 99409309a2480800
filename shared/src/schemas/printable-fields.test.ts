import { describe, expect, it } from 'vitest';
import { allCommandTypes, commandSchema, type CommandType } from '../commands/index.js';
import { realNames } from '../testing/real-names.js';
import { fromZodError, type ApiFieldError } from '../errors.js';
import {
  aBusiness,
  aCommand,
  anAtacPayload,
  aPerson,
  aRegistrationPayload,
  aTransitPayload,
  aVehicle,
} from '../testing/factories.js';
import { pairRequestSchema } from './print-job.schema.js';

// The paper is what was signed: every string a command carries to a document is refused when
// it holds a character the paper cannot print faithfully, with a message naming it.

/** One valid payload per command type, every optional free-text field filled in. */
const payloads: Record<CommandType, Record<string, unknown>> = {
  'atac.create': anAtacPayload(),
  'transit.issue': aTransitPayload({ reason: 'other', reasonText: 'Démonstration au client' }),
  'registration.hold': aRegistrationPayload(),
  'inventory.record': { vehicle: aVehicle(), acquiredOn: '2026-11-20', purchasePriceCents: 1 },
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
  'registration.cancel': {
    registrationNumber: 'R-2026-000007',
    reasonCode: 'other',
    reasonText: 'Erreur de saisie',
  },
  'bankaccount.set': {
    institution: '815',
    transit: '30123',
    account: '1234567',
    holderName: 'Autos Laval inc.',
  },
};

/** Every string of a value, as [path, value], the path joined with '.' like the API's fields. */
function stringLeaves(value: unknown, path: string[] = []): [string[], string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value))
    return value.flatMap((item, i) => stringLeaves(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  }
  return [];
}

function withLeaf(
  payload: Record<string, unknown>,
  path: readonly string[],
  leaf: string,
): Record<string, unknown> {
  return replaced(payload, path, leaf) as Record<string, unknown>;
}

function replaced(value: unknown, path: readonly string[], leaf: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value))
    return value.map((item, i) => (String(i) === head ? replaced(item, rest, leaf) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaced(record[head], rest, leaf) };
}

function fieldsOf(input: unknown): ApiFieldError[] {
  const result = commandSchema.safeParse(input);
  return result.success ? [] : fromZodError(result.error).fields;
}

const hostile = ['\u0000', '\u202e', '\ud800', '🚗', '李', '\u0085', '\u2066'];

describe('every string of every command', () => {
  for (const type of allCommandTypes) {
    it(`${type}: refuses NUL, RLO, a lone surrogate, an emoji, CJK, C1 and isolates in each field`, () => {
      const payload = payloads[type];
      expect(fieldsOf(aCommand(type, payload))).toEqual([]);
      for (const [path, value] of stringLeaves(payload)) {
        for (const character of hostile) {
          const fields = fieldsOf(aCommand(type, withLeaf(payload, path, `${value}${character}`)));
          const where = `payload.${path.join('.')}`;
          expect(
            fields.map((field) => field.path),
            `${type} ${where} + U+${character.codePointAt(0)?.toString(16)}`,
          ).toContain(where);
        }
      }
    });
  }
});

describe('names, addresses and free text', () => {
  const freeText = (type: CommandType) =>
    stringLeaves(payloads[type]).filter(([path]) =>
      /(^|\.)(firstName|lastName|name|line1|line2|city|make|model|colour|reasonText|holderName|printer)$/.test(
        path.join('.'),
      ),
    );

  it('covers the fields that reach the paper', () => {
    const covered = allCommandTypes.flatMap((type) => freeText(type).map(([path]) => path.at(-1)));
    expect(new Set(covered)).toEqual(
      new Set([
        'firstName',
        'lastName',
        'name',
        'line1',
        'line2',
        'city',
        'make',
        'model',
        'colour',
        'reasonText',
        'holderName',
        'printer',
      ]),
    );
  });

  it('refuse with the stable code and a message naming the character, in French and English', () => {
    for (const type of allCommandTypes) {
      for (const [path, value] of freeText(type)) {
        const where = `payload.${path.join('.')}`;
        const [field] = fieldsOf(aCommand(type, withLeaf(payloads[type], path, `${value} 李`)));
        expect(field, where).toMatchObject({ path: where, code: 'unprintable_character' });
        expect(field?.message.fr).toContain('« 李 » (U+674E)');
        expect(field?.message.en).toContain('« 李 » (U+674E)');
        const [rlo] = fieldsOf(aCommand(type, withLeaf(payloads[type], path, `${value}\u202e`)));
        expect(rlo?.message.en, where).toContain('U+202E');
        expect(rlo?.message.en).not.toContain('\u202e');
      }
    }
  });

  it('accept a corpus of real names in every name and address field, stored NFC-normalized', () => {
    for (const name of realNames) {
      const typed = name.normalize('NFD');
      const buyer = aPerson({
        firstName: typed.slice(0, 60),
        lastName: typed.slice(0, 60),
        address: { line1: typed, city: typed.slice(0, 60), province: 'QC', postalCode: 'H2X 1Y4' },
      });
      const command = commandSchema.parse(
        aCommand(
          'registration.hold',
          aRegistrationPayload({ buyers: [buyer], seller: aBusiness({ name: typed }) }),
        ),
      );
      if (command.type !== 'registration.hold') throw new Error('parsed as another type');
      expect(command.payload.seller?.kind === 'business' && command.payload.seller.name).toBe(
        name.normalize('NFC'),
      );
      const [parsed] = command.payload.buyers;
      expect(parsed?.kind === 'person' && parsed.lastName, name).toBe(
        typed.slice(0, 60).normalize('NFC'),
      );
      expect(parsed?.address.line1).toBe(name.normalize('NFC'));
      expect(parsed?.address.line1.normalize('NFC')).toBe(parsed?.address.line1);
    }
  });

  it('also refuse on the kiosk label a pairing gives the agent', () => {
    expect(pairRequestSchema.safeParse({ code: '12345678', label: 'Borne\u202e' }).success).toBe(
      false,
    );
    expect(pairRequestSchema.parse({ code: '12345678', label: 'Borne Île-Perrot' }).label).toBe(
      'Borne Île-Perrot',
    );
  });
});
