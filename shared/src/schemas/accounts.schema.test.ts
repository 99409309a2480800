import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fromZodError } from '../errors.js';
import {
  accessCodeSchema,
  administratorSignupSchema,
  genericAccountUpdateSchema,
  newPasswordSchema,
  usernameSchema,
} from './accounts.schema.js';

const codes = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : fromZodError(result.error).fields.map((field) => field.code);

describe('account schemas', () => {
  it('asks for 12 characters with a letter and a digit', () => {
    expect(newPasswordSchema.safeParse('correct-horse-42').success).toBe(true);
    expect(codes(newPasswordSchema.safeParse('short-1'))).toEqual(['password_too_short']);
    expect(codes(newPasswordSchema.safeParse('no-digits-at-all'))).toEqual([
      'password_needs_letter_and_digit',
    ]);
  });

  it('normalizes usernames and access codes', () => {
    expect(usernameSchema.parse('  Marie.Tremblay ')).toBe('marie.tremblay');
    expect(codes(usernameSchema.safeParse('a b'))).toEqual(['invalid_username']);
    expect(accessCodeSchema.parse('pes-123 45')).toBe('PES12345');
    expect(codes(accessCodeSchema.safeParse('PES1234'))).toEqual(['invalid_access_code']);
  });

  it('reports every failing field of a sign-up at once, and a password holding the username', () => {
    const bad = administratorSignupSchema.safeParse({
      neq: '12',
      firstName: '',
      lastName: 'Lavoie',
      driverLicence: 'X1',
      username: 'paul',
      password: 'short',
    });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const paths = new Set(fromZodError(bad.error).fields.map((field) => field.path));
      expect([...paths].sort()).toEqual(['driverLicence', 'firstName', 'neq', 'password']);
    }
    const echo = administratorSignupSchema.safeParse({
      neq: '4460000004',
      firstName: 'Paul',
      lastName: 'Lavoie',
      driverLicence: 'L456789012345',
      username: 'paul',
      password: 'Paul-is-my-name-1',
    });
    expect(echo.success).toBe(false);
    if (!echo.success) {
      expect(fromZodError(echo.error).fields).toEqual([
        expect.objectContaining({ path: 'password', code: 'password_contains_username' }),
      ]);
    }
  });

  it('needs at least one change to a generic account', () => {
    expect(genericAccountUpdateSchema.safeParse({ licence: 'L-200001' }).success).toBe(false);
    expect(
      genericAccountUpdateSchema.safeParse({ licence: 'L-200001', isDisabled: true }).success,
    ).toBe(true);
  });
});
