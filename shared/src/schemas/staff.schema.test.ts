import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import { auditQuerySchema, licenceCapsSchema, licenceStatusChangeSchema } from './staff.schema.js';

describe('auditQuerySchema', () => {
  it('reads numbers from the query string and bounds the page', () => {
    expect(auditQuerySchema.parse({ licence: 'l-100001', before: '42', limit: '10' })).toEqual({
      licence: 'L-100001',
      before: 42,
      limit: 10,
    });
    expect(auditQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ before: '-1' }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ event: 'document%' }).success).toBe(false);
  });

  it('refuses dates in the wrong order with its own code', () => {
    const parsed = auditQuerySchema.safeParse({ from: '2026-03-10', to: '2026-03-01' });
    if (parsed.success) throw new Error('accepted a reversed window');
    expect(fromZodError(parsed.error).fields).toEqual([
      expect.objectContaining({ path: 'from', code: 'audit_window_reversed' }),
    ]);
  });
});

describe('staff bodies', () => {
  it('need a reason to suspend and whole caps or null', () => {
    expect(licenceStatusChangeSchema.safeParse({ reason: '  ' }).success).toBe(false);
    expect(licenceCapsSchema.parse({ transitCap: null, plateCap: 12 })).toEqual({
      transitCap: null,
      plateCap: 12,
    });
    expect(licenceCapsSchema.safeParse({ transitCap: 1.5, plateCap: null }).success).toBe(false);
    expect(licenceCapsSchema.safeParse({ transitCap: 1 }).success).toBe(false);
  });
});
