import { describe, expect, it } from 'vitest';
import { aRegistrationPayload } from '../testing/factories.js';
import { registrationListSchema, registrationViewSchema } from './registration-view.schema.js';

function aView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: 'R-2026-000001',
    licence: 'L-100001',
    status: 'confirmed',
    request: aRegistrationPayload(),
    holdCommandId: '01900000-0000-7000-8000-0000000000a1',
    createdAt: '2026-03-10T14:00:00.000Z',
    updatedAt: '2026-03-10T14:02:00.000Z',
    confirmedAt: '2026-03-10T14:02:00.000Z',
    plateNumber: 'A01 AAA',
    feesCents: 22_500,
    cancellableUntil: '2026-03-11T03:00:00.000Z',
    documents: [],
    ...overrides,
  };
}

describe('registration views', () => {
  it('parses a confirmed registration and keeps fields a newer server adds', () => {
    const parsed = registrationViewSchema.parse(aView({ newerField: 1 }));
    expect(parsed.plateNumber).toBe('A01 AAA');
    expect(parsed).toHaveProperty('newerField', 1);
  });

  it('refuses an unknown status or cancellation reason', () => {
    expect(registrationViewSchema.safeParse(aView({ status: 'draft' })).success).toBe(false);
    expect(
      registrationViewSchema.safeParse(aView({ status: 'cancelled', cancelReasonCode: 'whim' }))
        .success,
    ).toBe(false);
  });

  it('lists summaries without documents', () => {
    const { documents: _documents, ...summary } = aView({ status: 'on_hold' });
    const list = registrationListSchema.parse({
      from: '2026-03-04',
      to: '2026-03-10',
      items: [summary],
    });
    expect(list.items[0]?.status).toBe('on_hold');
  });
});
