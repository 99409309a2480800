import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../endpoints/registry-services.testing.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { openApiDocument } from './openapi.document.js';

/**
 * Refusals the OpenAPI document names that no other test asked for: bad queries and bodies,
 * unknown numbers, a stale epoch. Each is answered in the shared error shape with its code.
 * They are refused before any engine-specific query, so one engine suffices here.
 */
describe('the documented refusals, each answered', () => {
  let server: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
    admin = await signIn(server, 'demo-admin');
  });
  afterAll(() => server.dispose());

  const cases: [method: string, path: string, json: unknown, status: number, code: string][] = [
    ['GET', '/api/sessions?licence=L-100001&extra=1', undefined, 400, 'invalid_input'],
    ['DELETE', '/api/sessions/x?licence=L-100001&extra=1', undefined, 400, 'invalid_input'],
    ['GET', '/api/accounts/generic?licence=L-100001&extra=1', undefined, 400, 'invalid_input'],
    ['POST', '/api/accounts/generic', {}, 400, 'invalid_input'],
    ['PATCH', '/api/accounts/generic/x', {}, 400, 'invalid_input'],
    ['GET', '/api/transit?licence=L-100001&from=nope', undefined, 400, 'invalid_input'],
    ['GET', '/api/kiosks?licence=L-100001&extra=1', undefined, 400, 'invalid_input'],
    ['DELETE', '/api/kiosks/%20', undefined, 400, 'invalid_input'],
    ['GET', '/api/operators?licence=L-100001&extra=1', undefined, 400, 'invalid_input'],
    ['PATCH', '/api/operators/x', {}, 400, 'invalid_input'],
    ['GET', '/api/operators/verifiers?licence=bad', undefined, 400, 'invalid_input'],
    ['POST', '/api/checks/right-to-register?licence=L-100001', {}, 400, 'invalid_input'],
    ['POST', '/api/auth/reauthenticate', {}, 400, 'invalid_input'],
    ['GET', '/api/auth/oidc/start?purpose=nonsense', undefined, 400, 'invalid_input'],
    ['POST', '/api/sync/recover', {}, 400, 'invalid_input'],
    ['GET', '/api/atac/A-1999-000001', undefined, 404, 'not_found'],
    ['GET', '/api/transit/T-1999-000001', undefined, 404, 'not_found'],
    ['GET', '/api/documents/T-1999-000001', undefined, 404, 'not_found'],
    ['GET', '/api/plates/late?licence=L-1%2F', undefined, 400, 'invalid_licence_number'],
  ];

  it.each(cases)('%s %s -> %d', async (method, path, json, status, code) => {
    const response = await admin.client.request(method, path, json === undefined ? {} : { json });
    expect({ status: response.status, body: await response.json() }).toMatchObject({
      status,
      body: { code, message: { fr: expect.any(String), en: expect.any(String) } },
    });
  });

  it('POST /api/staff/access-codes -> 400 for staff (a sign-in is a fresh re-authentication)', async () => {
    const staff = await signIn(server, 'demo-staff');
    const response = await staff.client.request('POST', '/api/staff/access-codes', { json: {} });
    expect({ status: response.status, body: await response.json() }).toMatchObject({
      status: 400,
      body: { code: 'invalid_input' },
    });
  });

  it('serves its OpenAPI document to anyone', async () => {
    const response = await createHarnessClient(server).request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(openApiDocument());
  });
});
