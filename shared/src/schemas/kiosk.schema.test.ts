import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import { newId } from '../ids.js';
import {
  kioskEnrolRequestSchema,
  operatorCreateSchema,
  operatorUpdateSchema,
} from './kiosk.schema.js';

describe('kiosk enrolment and operator schemas', () => {
  it('normalizes an enrolment and reports every bad field at once', () => {
    const kioskId = newId();
    expect(
      kioskEnrolRequestSchema.parse({
        kioskId,
        name: '  Salle 1 ',
        location: 'delivery_bay',
        licence: 'l-100001',
      }),
    ).toEqual({ kioskId, name: 'Salle 1', location: 'delivery_bay', licence: 'L-100001' });
    const bad = kioskEnrolRequestSchema.safeParse({
      kioskId: 'not-a-uuid',
      name: '',
      location: 'garage',
      licence: 'L-100001',
      extra: 1,
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const paths = fromZodError(bad.error).fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['kioskId', 'name', 'location']));
  });

  it('takes a PIN of 4 to 6 digits only, with its own code', () => {
    const base = { licence: 'L-200001', displayName: 'Sophie' };
    for (const pin of ['1234', '123456', ' 0007 ']) {
      expect(operatorCreateSchema.safeParse({ ...base, pin }).success).toBe(true);
    }
    for (const pin of ['123', '1234567', '12a4', '']) {
      const parsed = operatorCreateSchema.safeParse({ ...base, pin });
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      expect(fromZodError(parsed.error).fields).toMatchObject([
        { path: 'pin', code: 'invalid_operator_pin' },
      ]);
    }
    expect(operatorUpdateSchema.safeParse({}).success).toBe(false);
    expect(operatorUpdateSchema.safeParse({ disabled: true }).success).toBe(true);
  });
});
