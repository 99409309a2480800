import { describe, expect, it } from 'vitest';
import { printRefusalOf } from './printability.js';

const now = new Date('2026-03-10T15:00:00.000Z');

describe('printRefusalOf', () => {
  it('refuses a voided paper before anything else, then an expired one', () => {
    expect(printRefusalOf({ status: 'voided', expiresAt: '2026-01-01T00:00:00.000Z' }, now)).toBe(
      'document_voided',
    );
    expect(printRefusalOf({ status: 'expired' }, now)).toBe('token_expired');
    // A row the kiosk pulled as valid that expired since.
    expect(printRefusalOf({ status: 'valid', expiresAt: '2026-03-10T14:59:59.000Z' }, now)).toBe(
      'token_expired',
    );
  });

  it('lets a valid paper print, with or without expiry', () => {
    expect(printRefusalOf({ status: 'valid', expiresAt: '2026-04-24T03:59:59.000Z' }, now)).toBe(
      undefined,
    );
    expect(printRefusalOf({ status: 'valid', expiresAt: null }, now)).toBeUndefined();
    expect(printRefusalOf({}, now)).toBeUndefined();
  });
});
