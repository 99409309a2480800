import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  apiError,
  apiErrorSchema,
  errorCatalogue,
  fieldError,
  fromZodError,
  isErrorCode,
  type ErrorCode,
} from './errors.js';
import type { TokenErrorCode } from './tokens/token-error.js';

describe('errorCatalogue', () => {
  it('has a French and an English message for every code, and they differ', () => {
    for (const [code, message] of Object.entries(errorCatalogue)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(message.fr.length).toBeGreaterThan(0);
      expect(message.en.length).toBeGreaterThan(0);
      expect(message.fr).not.toBe(message.en);
    }
  });

  it('holds the codes other packages branch on', () => {
    for (const code of [
      'invalid_input',
      'not_found',
      'unauthenticated',
      'forbidden',
      'online_only',
      'idempotency_conflict',
      'actor_not_session',
      'storage_full',
      'payload_too_large',
      'listing_window_too_long',
      'vin_length',
      'vin_forbidden_letter',
      'vin_check_digit',
      'vin_model_year',
      'transit_forbidden_category',
      'transit_limit_customer',
      'transit_limit_vehicle',
      'transit_cap_reached',
      'registration_co_owned',
      'registration_vehicle_type',
      'registration_too_heavy',
      'right_to_register_blocked',
      'licence_suspended',
      'required',
      'too_long',
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });
});

describe('print agent codes', () => {
  it('holds every code the print agent answers and every TokenError code', () => {
    for (const code of [
      'token_malformed',
      'token_bad_signature',
      'token_unknown_key',
      'token_expired',
      'kiosk_token_required',
      'kiosk_token_invalid',
      'pairing_code_invalid',
      'admin_auth_required',
      'origin_not_allowed',
      'printer_unknown',
      'no_printer_for_role',
      'job_not_to_check',
      'rate_limited',
      'payload_too_large',
      'idempotency_conflict',
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
    expect(apiError('token_expired')).toEqual({
      code: 'token_expired',
      message: { fr: 'Document expiré.', en: 'Document expired.' },
      fields: [],
    });
  });

  it('covers TokenErrorCode exhaustively', () => {
    // A TokenErrorCode that is not an ErrorCode makes this assignment a type error.
    const everyTokenCode: TokenErrorCode extends ErrorCode ? true : false = true;
    expect(everyTokenCode).toBe(true);
  });
});

describe('apiError', () => {
  it('builds a body that parses as an ApiError', () => {
    const error = apiError('invalid_input', [fieldError('vehicle.vin', 'vin_check_digit')]);
    expect(apiErrorSchema.parse(error)).toEqual({
      code: 'invalid_input',
      message: errorCatalogue.invalid_input,
      fields: [
        { path: 'vehicle.vin', code: 'vin_check_digit', message: errorCatalogue.vin_check_digit },
      ],
    });
  });
});

describe('fromZodError', () => {
  const schema = z
    .object({
      name: z.string().trim().min(1).max(5),
      count: z.number().int().min(0).max(3),
      kind: z.enum(['a', 'b']),
      when: z.iso.datetime({ offset: true }),
      list: z.array(z.string()).min(1),
      nested: z.object({ deep: z.string() }).strict(),
    })
    .strict();

  it('reports every failing field at once with a stable code', () => {
    const result = schema.safeParse({
      name: 'toolong',
      count: 1.5,
      kind: 'c',
      when: 'yesterday',
      list: [],
      nested: { extra: true },
      unexpected: 1,
    });
    expect(result.success).toBe(false);
    const error = fromZodError(result.error ?? new z.ZodError([]));
    expect(error.code).toBe('invalid_input');
    expect(error.fields.map((field) => [field.path, field.code])).toEqual([
      ['name', 'too_long'],
      ['count', 'not_integer'],
      ['kind', 'invalid_choice'],
      ['when', 'invalid_datetime'],
      ['list', 'too_few'],
      ['nested.deep', 'required'],
      ['nested.extra', 'unknown_field'],
      ['unexpected', 'unknown_field'],
    ]);
    for (const field of error.fields) {
      expect(isErrorCode(field.code) ? errorCatalogue[field.code] : undefined).toEqual(
        field.message,
      );
    }
  });

  it('calls a blank or missing text required, a wrong type invalid_type', () => {
    const result = schema.safeParse({
      name: '   ',
      count: 'x',
      kind: 'a',
      when: '2026-01-01T00:00:00Z',
      list: ['x'],
      nested: {},
    });
    const fields = fromZodError(result.error ?? new z.ZodError([])).fields;
    expect(fields.map((field) => [field.path, field.code])).toEqual([
      ['name', 'required'],
      ['count', 'invalid_type'],
      ['nested.deep', 'required'],
    ]);
  });

  it('uses the given top-level code', () => {
    const result = z.object({ a: z.string() }).safeParse({});
    expect(fromZodError(result.error ?? new z.ZodError([]), 'payload_too_large').code).toBe(
      'payload_too_large',
    );
  });
});
