import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import {
  capRequestCreateSchema,
  licenceCheckResultSchema,
  vinPathSchema,
} from './registry-queries.schema.js';

describe('registry query schemas', () => {
  it('normalizes the VIN of a history path', () => {
    expect(vinPathSchema.parse({ vin: ' 2hgfc2f55ph000101 ' }).vin).toBe('2HGFC2F55PH000101');
    expect(vinPathSchema.safeParse({ vin: '2HGFC2F56PH000101' }).success).toBe(false);
  });

  it('asks for 1 to 1000 extra units of a capped kind, with a reason and a UUIDv7', () => {
    const request = {
      id: newId(),
      licence: 'L-100001',
      kind: 'transit',
      extraUnits: 20,
      reason: 'Vente',
    };
    expect(capRequestCreateSchema.safeParse(request).success).toBe(true);
    expect(capRequestCreateSchema.safeParse({ ...request, extraUnits: 0 }).success).toBe(false);
    expect(capRequestCreateSchema.safeParse({ ...request, kind: 'atac' }).success).toBe(false);
    expect(capRequestCreateSchema.safeParse({ ...request, id: 'x' }).success).toBe(false);
  });

  it('answers a licence check with no more than validity and category', () => {
    expect(
      licenceCheckResultSchema.safeParse({ valid: false, category: 'expired', name: 'X' }).success,
    ).toBe(false);
  });
});
