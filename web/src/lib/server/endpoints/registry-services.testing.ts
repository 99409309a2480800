import {
  apiErrorSchema,
  errorCatalogue,
  sessionInfoSchema,
  vinCheckDigit,
  type ErrorCode,
} from '@comptoir/shared';
import { expect } from 'vitest';
import { seedRegistryDemo } from '../demo/demo-seed-registry.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import type { TestServer } from '../testing/test-server.js';

/*
 * Fixtures of the registry services' tests (checks, history, bank account, plate X, caps,
 * staff): signed-in clients, fresh re-authentication, and the refusal assertion.
 */

/** A client signed in as a demo account, with its account id. */
export interface SignedIn {
  client: HarnessClient;
  accountId: string;
}

/** Signs a new client in as `username` (demo password). */
export async function signIn(server: TestServer, username: string): Promise<SignedIn> {
  const client = createHarnessClient(server);
  const response = await client.login(username);
  expect(response.status).toBe(200);
  return { client, accountId: sessionInfoSchema.parse(await response.json()).account.id };
}

/** Re-authenticates the client's session (the password again), for sensitive actions. */
export async function reauthenticate(client: HarnessClient): Promise<void> {
  const response = await client.request('POST', '/api/auth/reauthenticate', {
    json: { password: 'demo-password' },
  });
  expect(response.status).toBe(200);
}

/** Makes sure the registry's demo additions are there (idempotent). */
export async function seedRegistry(server: TestServer): Promise<void> {
  const now = server.clock.now().toISOString();
  await server.ctx.storage.writeTransaction((tx) => seedRegistryDemo(tx, now));
}

/**
 * Expects a refusal: its HTTP status, its stable code, and the catalogue's French and English
 * message for it.
 */
export async function expectRefusal(
  response: Response,
  status: number,
  code: ErrorCode,
): Promise<void> {
  const body: unknown = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status, body: { code } });
  const error = apiErrorSchema.parse(body);
  expect(error.message).toEqual(errorCatalogue[code]);
  expect(error.message.fr).not.toBe(error.message.en);
}

/** Counts the audit rows of an event (optionally of one actor). */
export async function auditCount(
  server: TestServer,
  event: string,
  actor?: string,
): Promise<number> {
  let select = server.ctx.storage.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event', '=', event);
  if (actor) select = select.where('actor', '=', actor);
  const row = await select.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A valid VIN outside the demo registry, distinct per `index` (so limits never collide). */
export function freshVin(index: number): string {
  const draft = `1HGCM8260PA${String(100000 + index).slice(1)}0`;
  const digit = vinCheckDigit(draft) ?? '0';
  return `${draft.slice(0, 8)}${digit}${draft.slice(9)}`;
}
