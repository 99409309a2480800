import {
  accessCodeIssueSchema,
  administratorSignupSchema,
  employeeSignupSchema,
  fromZodError,
  genericAccountCreateSchema,
  genericAccountListSchema,
  genericAccountSchema,
  genericAccountUpdateSchema,
  issuedAccessCodeSchema,
  reauthenticateRequestSchema,
  reauthenticationSchema,
  sessionListSchema,
  signupResponseSchema,
  type GenericAccount,
  type IssuedAccessCode,
  type Reauthentication,
  type SessionSummary,
  type SignupResponse,
} from '@comptoir/shared';
import { z } from 'zod';
import { session } from '$lib/session/session.svelte';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/*
 * UI actions of sign-up, accounts, sessions, access codes and re-authentication: validate with
 * the shared schema (every failing field at once, before any send), call the server (these are
 * online-only: never queued), and hand back its answer or its bilingual refusal.
 */

const noContentSchema = z.null();

/** Every call here is online only (`requestJson`). */
const call = requestJson;

function validated<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; value: z.output<S> } | { ok: false; error: ReturnType<typeof fromZodError> } {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: fromZodError(parsed.error) };
}

function licenceQuery(): string {
  return new URLSearchParams({ licence: session.licence ?? '' }).toString();
}

/** A dealer's administrator signs up (rule 1). */
export async function signUpAdministrator(values: unknown): Promise<ActionResult<SignupResponse>> {
  const body = validated(administratorSignupSchema, values);
  if (!body.ok) return body;
  return call('POST', '/api/signup/administrator', signupResponseSchema, body.value);
}

/** An accredited dealer's employee signs up with their access code (rule 3). */
export async function signUpEmployee(values: unknown): Promise<ActionResult<SignupResponse>> {
  const body = validated(employeeSignupSchema, values);
  if (!body.ok) return body;
  return call('POST', '/api/signup/employee', signupResponseSchema, body.value);
}

/** Authority staff issue an employee's access code (shown once). */
export async function issueAccessCode(values: unknown): Promise<ActionResult<IssuedAccessCode>> {
  const body = validated(accessCodeIssueSchema, values);
  if (!body.ok) return body;
  return call('POST', '/api/staff/access-codes', issuedAccessCodeSchema, body.value);
}

/** The generic accounts of the dealer of the current licence. */
export async function fetchGenericAccounts(): Promise<ActionResult<GenericAccount[]>> {
  const result = await call(
    'GET',
    `/api/accounts/generic?${licenceQuery()}`,
    genericAccountListSchema,
  );
  return result.ok ? { ok: true, value: result.value.accounts } : result;
}

/** Creates a generic account under the current licence. */
export async function createGenericAccount(values: {
  username: string;
  displayName: string;
  password: string;
}): Promise<ActionResult<GenericAccount>> {
  const body = validated(genericAccountCreateSchema, { licence: session.licence, ...values });
  if (!body.ok) return body;
  return call('POST', '/api/accounts/generic', genericAccountSchema, body.value);
}

/** Renames, disables or enables, or resets the password of a generic account. */
export async function updateGenericAccount(
  id: string,
  changes: { displayName?: string; isDisabled?: boolean; password?: string },
): Promise<ActionResult<GenericAccount>> {
  const body = validated(genericAccountUpdateSchema, { licence: session.licence, ...changes });
  if (!body.ok) return body;
  return call(
    'PATCH',
    `/api/accounts/generic/${encodeURIComponent(id)}`,
    genericAccountSchema,
    body.value,
  );
}

/** Open sessions of the current licence's accounts. */
export async function fetchSessions(): Promise<ActionResult<SessionSummary[]>> {
  const result = await call('GET', `/api/sessions?${licenceQuery()}`, sessionListSchema);
  return result.ok ? { ok: true, value: result.value.sessions } : result;
}

/** Ends a session at once. */
export async function endSession(id: string): Promise<ActionResult<null>> {
  return call(
    'DELETE',
    `/api/sessions/${encodeURIComponent(id)}?${licenceQuery()}`,
    noContentSchema,
  );
}

/** The password again, for a sensitive action (valid 5 minutes). */
export async function reauthenticate(password: string): Promise<ActionResult<Reauthentication>> {
  const body = validated(reauthenticateRequestSchema, { password });
  if (!body.ok) return body;
  return call('POST', '/api/auth/reauthenticate', reauthenticationSchema, body.value);
}

/** Where to send the browser for a fresh sign-in at the provider (accounts signed in through it). */
export function providerReauthenticationUrl(returnTo: string): string {
  return `/api/auth/oidc/start?${new URLSearchParams({ purpose: 'reauth', returnTo }).toString()}`;
}

const providersSchema = z
  .object({ oidc: z.object({ name: z.string() }).loose().nullable() })
  .loose();

/** The OpenID Connect provider offered for sign-in, if any. */
export async function fetchSignInProvider(): Promise<{ name: string } | null> {
  const result = await call('GET', '/api/auth/providers', providersSchema);
  return result.ok ? result.value.oidc : null;
}
