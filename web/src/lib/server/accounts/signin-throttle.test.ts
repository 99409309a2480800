import { KIOSK_CREDENTIAL_HEADER, kioskEnrolResponseSchema, newId } from '@comptoir/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { ACCESS_CODE_MAX_FAILURES, ACCOUNT_FREE_FAILURES } from './signin-throttle.js';

/*
 * Bursts: the limits are reserved in the database BEFORE the password (or the access code) is
 * checked, so no burst of simultaneous attempts gets more checks than the policy allows.
 */

function statusCounts(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe.each(ENGINES)('sign-in limits under bursts on %s', (engine) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('checks exactly the free failures of an account out of 30 simultaneous attempts', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => (await client.login('demo-admin', 'wrong')).status),
    );
    expect(statusCounts(statuses)).toEqual({ 401: ACCOUNT_FREE_FAILURES, 429: 30 - 5 });
  }, 60_000);

  it('refuses the right password sent after the limit in the same burst', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const wrong = Array.from({ length: 29 }, () => client.login('demo-agree', 'wrong'));
    const right = client.login('demo-agree');
    const statuses = await Promise.all([...wrong, right].map(async (r) => (await r).status));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status !== 429)).toHaveLength(ACCOUNT_FREE_FAILURES);
  }, 60_000);

  it('checks at most the address limit out of 160 simultaneous attempts on many accounts', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const statuses = await Promise.all(
      Array.from({ length: 160 }, async (_, index) => {
        const response = await client.request('POST', '/api/auth/login', {
          json: { username: `nobody-${String(index)}`, password: 'wrong' },
          clientAddress: '24.48.0.9',
        });
        return response.status;
      }),
    );
    expect(statusCounts(statuses)).toEqual({ 401: 100, 429: 60 });
  }, 120_000);

  it('never locks an enrolled kiosk out because of failures from other addresses', async () => {
    server = await createTestServer(engine);
    const admin = createHarnessClient(server);
    expect((await admin.login('demo-admin')).status).toBe(200);
    const enrolled = await admin.request('POST', '/api/kiosks', {
      json: { kioskId: newId(), name: 'Salle', location: 'showroom', licence: 'L-100001' },
    });
    expect(enrolled.status).toBe(201);
    const { credential } = kioskEnrolResponseSchema.parse(await enrolled.json());
    const attacker = createHarnessClient(server);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await attacker.request('POST', '/api/auth/login', {
        json: { username: 'demo-agree', password: 'wrong' },
        clientAddress: '203.0.113.7',
      });
    }
    expect((await attacker.login('demo-agree')).status).toBe(429);
    const kiosk = createHarnessClient(server);
    const signIn = await kiosk.request('POST', '/api/auth/login', {
      json: { username: 'demo-agree', password: 'demo-password' },
      headers: { [KIOSK_CREDENTIAL_HEADER]: credential },
      clientAddress: '24.48.0.20',
    });
    expect(signIn.status).toBe(200);
  }, 60_000);

  it('checks a bounded number of access codes out of 25 wrong guesses', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, async (_, index) => {
        const response = await client.request('POST', '/api/signup/employee', {
          json: {
            accessCode: `ABCDEFG${String((index % 9) + 1)}`.replace('1', 'Z'),
            firstName: 'Luc',
            lastName: 'Paré',
            driverLicence: 'P123456789012',
            username: `guess.${String(index)}`,
            password: 'correct-horse-42',
          },
          clientAddress: '24.48.0.30',
        });
        return response.status;
      }),
    );
    expect(statusCounts(statuses)).toEqual({
      422: ACCESS_CODE_MAX_FAILURES,
      429: 25 - ACCESS_CODE_MAX_FAILURES,
    });
  }, 120_000);

  it('checks exactly the free failures out of 30 simultaneous re-authentications', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    expect((await client.login('demo-admin')).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const response = await client.request('POST', '/api/auth/reauthenticate', {
          json: { password: 'wrong' },
        });
        return response.status;
      }),
    );
    expect(statusCounts(statuses)).toEqual({ 403: ACCOUNT_FREE_FAILURES, 429: 25 });
  }, 60_000);
});
