import { ownershipHistorySchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VEHICLES } from '../demo/demo-seed.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import {
  auditCount,
  expectRefusal,
  freshVin,
  signIn,
  type SignedIn,
} from './registry-services.testing.js';

describe.each(ENGINES)('ownership history over HTTP on %s', (engine) => {
  let server: TestServer;
  let accredited: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    accredited = await signIn(server, 'demo-agree');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('shows the vehicle, its number of owners and their years, never a name', async () => {
    const vin = DEMO_VEHICLES[0].vin;
    const response = await accredited.client.request(
      'GET',
      `/api/history/${vin.toLowerCase()}?licence=L-100001`,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const history = ownershipHistorySchema.parse(JSON.parse(text));
    expect(history).toEqual({
      vin,
      vehicle: {
        make: 'Honda',
        model: 'Civic',
        year: 2023,
        type: 'automobile',
        netMassKg: 1300,
        category: 'normal',
        colour: 'Bleu',
      },
      ownerCount: 2,
      ownerships: [
        { fromYear: 2023, toYear: 2025, years: 2.3 },
        { fromYear: 2025, toYear: null, years: 0.7 },
      ],
      flags: [],
    });
    expect(text).not.toMatch(/Gagnon|Laurentides|G234567890123/);
    expect(await auditCount(server, 'history.viewed', accredited.accountId)).toBe(1);
  });

  it('flags a total loss', async () => {
    const response = await accredited.client.request(
      'GET',
      `/api/history/${DEMO_VEHICLES[3].vin}?licence=L-100001`,
    );
    const history = ownershipHistorySchema.parse(await response.json());
    expect(history.flags).toEqual(['total_loss']);
    expect(history.ownerCount).toBe(1);
  });

  it('answers 404 vehicle_unknown for a VIN the registry does not hold, 400 for a bad VIN', async () => {
    await expectRefusal(
      await accredited.client.request('GET', `/api/history/${freshVin(1)}?licence=L-100001`),
      404,
      'vehicle_unknown',
    );
    await expectRefusal(
      await accredited.client.request('GET', '/api/history/NOT-A-VIN?licence=L-100001'),
      400,
      'invalid_input',
    );
  });

  it('is for accredited employees only: a generic employee or an administrator is refused', async () => {
    for (const [username, licence] of [
      ['demo-generic', 'L-200001'],
      ['demo-admin', 'L-100001'],
    ] as const) {
      const other = await signIn(server, username);
      await expectRefusal(
        await other.client.request(
          'GET',
          `/api/history/${DEMO_VEHICLES[0].vin}?licence=${licence}`,
        ),
        403,
        'forbidden',
      );
      expect(await auditCount(server, 'request.refused', other.accountId)).toBe(1);
    }
  });
});
