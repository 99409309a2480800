import { documentEnvelopeSchema, pushResponseSchema, type CommandResult } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedDocuments } from '../testing/bodies.js';
import { atacCommand, person, transitCommand, vehicle } from '../testing/factories.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import {
  auditCount,
  expectRefusal,
  freshVin,
  signIn,
  type SignedIn,
} from './registry-services.testing.js';

/**
 * A paper read back by its number: its own dealer gets it, signed; another dealer's person gets
 * the same answer as for a number that does not exist (a number says nothing of who holds it),
 * and the attempt is audited.
 */
describe.each(ENGINES)('a document read back by its number on %s', (engine) => {
  let server: TestServer;
  let employee: SignedIn;
  let stranger: SignedIn;
  let atacNumber: string;
  let transitNumber: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    employee = await signIn(server, 'demo-agree');
    stranger = await signIn(server, 'demo-admin2');
    const response = await employee.client.request('POST', '/api/sync/push', {
      json: {
        ops: [
          atacCommand({ accountId: employee.accountId }),
          transitCommand({
            accountId: employee.accountId,
            vehicle: vehicle(0, { vin: freshVin(1) }),
            holder: person({ driverLicence: 'T100000000001' }),
          }),
        ],
      },
    });
    expect(response.status).toBe(200);
    const results: CommandResult[] = pushResponseSchema.parse(await response.json()).results;
    const numbers = results.map((result) => appliedDocuments(result)[0]?.number);
    [atacNumber = '', transitNumber = ''] = numbers;
    expect(atacNumber).toMatch(/^ATAC-/);
    expect(transitNumber).toMatch(/^T-/);
  });
  afterAll(() => server?.dispose());

  it('answers its own dealer with the signed document, by kind and by number', async () => {
    for (const [path, number] of [
      [`/api/atac/${atacNumber}`, atacNumber],
      [`/api/transit/${transitNumber}`, transitNumber],
      [`/api/documents/${transitNumber}`, transitNumber],
      // Numbers are matched as printed, whatever the case typed.
      [`/api/documents/${atacNumber.toLowerCase()}`, atacNumber],
    ] as const) {
      const response = await employee.client.request('GET', path);
      expect(response.status, path).toBe(200);
      const envelope = documentEnvelopeSchema.parse(await response.json());
      expect(envelope.document.number).toBe(number);
    }
    // An ATAC asked for as a transit is not found.
    await expectRefusal(
      await employee.client.request('GET', `/api/transit/${atacNumber}`),
      404,
      'not_found',
    );
  });

  it('answers another dealer as if the number did not exist, and audits the attempt', async () => {
    const before = await auditCount(server, 'request.refused', stranger.accountId);
    for (const path of [
      `/api/atac/${atacNumber}`,
      `/api/transit/${transitNumber}`,
      `/api/documents/${atacNumber}`,
    ]) {
      await expectRefusal(await stranger.client.request('GET', path), 404, 'not_found');
    }
    expect(await auditCount(server, 'request.refused', stranger.accountId)).toBe(before + 3);
  });
});
