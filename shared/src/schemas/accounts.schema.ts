import { z } from 'zod';
import { codedIssue, codedRefinement } from '../errors.js';
import {
  isoDateTimeSchema,
  licenceNumberSchema,
  neqSchema,
  driverLicenceSchema,
  textSchema,
} from './primitives.schema.js';

/*
 * Bodies of sign-up, access codes, generic accounts, sessions and re-authentication
 * (docs/domain.md#accounts-and-sign-in). Requests are strict; responses are parsed loosely by
 * the kiosk so that a newer server may add fields.
 */

/**
 * A username: trimmed and lower-cased (one person cannot hold `Marie` and `marie`), 3 to 64
 * letters, digits, dots, dashes or underscores.
 */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => /^[a-z0-9._-]{3,64}$/.test(value), codedIssue('invalid_username'));

/**
 * A new password (PCI DSS 8.3.6, ASVS 6.2): at least 12 characters with a letter and a digit,
 * taken as typed (spaces count) and capped so hashing cannot be abused.
 */
export const newPasswordSchema = z
  .string()
  .max(256)
  .refine((value) => value.length >= 12, codedIssue('password_too_short'))
  .refine(
    (value) => /\p{L}/u.test(value) && /\p{N}/u.test(value),
    codedIssue('password_needs_letter_and_digit'),
  );

/** An authority access code: 8 letters and digits, e.g. `PES12345` (spaces and dashes removed, upper case). */
export const accessCodeSchema = z
  .string()
  .overwrite((value) => value.replace(/[\s-]+/g, '').toUpperCase())
  .refine((value) => /^[A-Z0-9]{8}$/.test(value), codedIssue('invalid_access_code'));

const passwordAvoidsUsername = codedRefinement(
  'password_contains_username',
  ['password'],
  ['username', 'password'],
);

function avoidsUsername(value: { username?: string | undefined; password?: string | undefined }) {
  if (!value.username || !value.password) return true;
  return !value.password.toLowerCase().includes(value.username);
}

/** The person who signs up: names as at the registry, and their Québec driving licence. */
const personFields = {
  firstName: textSchema(80),
  lastName: textSchema(80),
  driverLicence: driverLicenceSchema,
};

/** `POST /api/signup/administrator`: the dealer's administrator signs up first (rule 1). */
export const administratorSignupSchema = z
  .object({
    neq: neqSchema,
    ...personFields,
    username: usernameSchema,
    password: newPasswordSchema,
  })
  .strict()
  .refine(avoidsUsername, passwordAvoidsUsername);
/** An administrator sign-up. */
export type AdministratorSignup = z.infer<typeof administratorSignupSchema>;

/** `POST /api/signup/employee`: an accredited dealer's employee signs up with an access code (rule 3). */
export const employeeSignupSchema = z
  .object({
    accessCode: accessCodeSchema,
    ...personFields,
    username: usernameSchema,
    password: newPasswordSchema,
  })
  .strict()
  .refine(avoidsUsername, passwordAvoidsUsername);
/** An employee sign-up. */
export type EmployeeSignup = z.infer<typeof employeeSignupSchema>;

/** What a sign-up answers: the account exists; its first sign-in activates it. */
export const signupResponseSchema = z
  .object({ accountId: z.string(), username: z.string(), licences: z.array(z.string()) })
  .loose();
/** A sign-up's answer. */
export type SignupResponse = z.infer<typeof signupResponseSchema>;

/** `POST /api/staff/access-codes`: the authority issues an employee's personal access code. */
export const accessCodeIssueSchema = z.object({ neq: neqSchema, ...personFields }).strict();
/** An access code request. */
export type AccessCodeIssue = z.infer<typeof accessCodeIssueSchema>;

/** The issued code, shown ONCE (only its hash is kept). */
export const issuedAccessCodeSchema = z
  .object({
    code: z.string(),
    neq: z.string(),
    dealerName: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    expiresAt: isoDateTimeSchema,
  })
  .loose();
/** An issued access code. */
export type IssuedAccessCode = z.infer<typeof issuedAccessCodeSchema>;

/** `POST /api/accounts/generic`: a non-accredited dealer's administrator creates a shared account (rule 2). */
export const genericAccountCreateSchema = z
  .object({
    licence: licenceNumberSchema,
    username: usernameSchema,
    displayName: textSchema(80),
    password: newPasswordSchema,
  })
  .strict()
  .refine(avoidsUsername, passwordAvoidsUsername);
/** A generic account to create. */
export type GenericAccountCreate = z.infer<typeof genericAccountCreateSchema>;

/** `PATCH /api/accounts/generic/[id]`: rename, disable or enable, reset the password. */
export const genericAccountUpdateSchema = z
  .object({
    licence: licenceNumberSchema,
    username: usernameSchema.optional(),
    displayName: textSchema(80).optional(),
    isDisabled: z.boolean().optional(),
    password: newPasswordSchema.optional(),
  })
  .strict()
  .refine(
    (value) =>
      value.username !== undefined ||
      value.displayName !== undefined ||
      value.isDisabled !== undefined ||
      value.password !== undefined,
    codedIssue('required'),
  );
/** A change to a generic account. */
export type GenericAccountUpdate = z.infer<typeof genericAccountUpdateSchema>;

/** A generic account as the administrator sees it. */
export const genericAccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    isDisabled: z.boolean(),
    licences: z.array(z.string()),
    createdAt: isoDateTimeSchema,
  })
  .loose();
/** A generic account. */
export type GenericAccount = z.infer<typeof genericAccountSchema>;

/** `GET /api/accounts/generic?licence=`. */
export const genericAccountListSchema = z
  .object({ accounts: z.array(genericAccountSchema) })
  .loose();

/** One open session, as an administrator sees it (`GET /api/sessions?licence=`). */
export const sessionSummarySchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    username: z.string(),
    displayName: z.string(),
    createdAt: isoDateTimeSchema,
    lastActivityAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
    clientAddress: z.string(),
    isCurrent: z.boolean(),
  })
  .loose();
/** An open session. */
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** `GET /api/sessions?licence=`. */
export const sessionListSchema = z.object({ sessions: z.array(sessionSummarySchema) }).loose();

/** `POST /api/auth/reauthenticate` for password accounts. */
export const reauthenticateRequestSchema = z
  .object({ password: z.string().min(1).max(256) })
  .strict();

/** A fresh re-authentication and how long it lasts. */
export const reauthenticationSchema = z
  .object({ reauthenticatedAt: isoDateTimeSchema, validUntil: isoDateTimeSchema })
  .loose();
/** A re-authentication. */
export type Reauthentication = z.infer<typeof reauthenticationSchema>;

/** The answer when a password account is not the way to re-authenticate (OIDC accounts): go to the provider. */
export const reauthenticationRedirectSchema = z.object({ redirectTo: z.string() }).loose();
