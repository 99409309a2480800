import { documentEnvelopeSchema, pushResponseSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedDocuments } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { VERIFIER_MAX_LOOKUPS } from '../accounts/signin-throttle.js';
import { verifyPublic } from './verification.service.js';

describe.each(ENGINES)('public verification on %s', (engine) => {
  let server: TestServer;
  let number: string;
  let vin: string;
  let qrToken: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const login = await client.login('demo-agree');
    const accountId = sessionInfoSchema.parse(await login.json()).account.id;
    const command = transitCommand({ accountId, vehicle: vehicle(1) });
    vin = command.payload.vehicle.vin;
    const pushed = await client.request('POST', '/api/sync/push', { json: { ops: [command] } });
    const [result] = pushResponseSchema.parse(await pushed.json()).results;
    number = appliedDocuments(result)[0]?.number ?? '';
    const envelope = documentEnvelopeSchema.parse(
      await (await client.request('GET', `/api/documents/${number}`)).json(),
    );
    qrToken = envelope.qrToken;
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('without the QR token, reveals nothing but asks for the VIN', async () => {
    const answer = await verifyPublic(server.ctx, number, null, { clientAddress: '192.0.2.1' });
    expect(answer.verdict).toBe('ask_vin');
    expect(answer.document).toBeUndefined();
    expect(answer.status).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain(vin);
  });

  it('with the VIN or its last 6 characters, says only valid, expired or voided', async () => {
    for (const typed of [vin, vin.slice(-6).toLowerCase()]) {
      const answer = await verifyPublic(server.ctx, number, null, {
        clientAddress: '192.0.2.2',
        vin: typed,
      });
      expect(answer).toEqual({ number, verdict: 'status', status: 'valid' });
    }
    const wrong = await verifyPublic(server.ctx, number, null, {
      clientAddress: '192.0.2.2',
      vin: '000000',
    });
    expect(wrong).toEqual({ number, verdict: 'no_match' });
  });

  it('throttles lookups per address (enumeration)', async () => {
    const verdicts: string[] = [];
    for (let index = 0; index < VERIFIER_MAX_LOOKUPS + 5; index += 1) {
      const other = number.replace(/\d{6}$/, String(index + 1).padStart(6, '0'));
      const answer = await verifyPublic(server.ctx, other, null, {
        clientAddress: '192.0.2.3',
        vin: '123456',
      });
      verdicts.push(answer.verdict);
    }
    expect(verdicts.filter((verdict) => verdict === 'throttled')).toHaveLength(5);
    // Another address is not affected.
    const elsewhere = await verifyPublic(server.ctx, number, null, {
      clientAddress: '192.0.2.4',
      vin,
    });
    expect(elsewhere.verdict).toBe('status');
  });

  it('with the token, shows the paper; a tampered token headlines forged, nothing else', async () => {
    const authentic = await verifyPublic(server.ctx, number, qrToken, {
      clientAddress: '192.0.2.5',
    });
    expect(authentic).toMatchObject({ verdict: 'authentic', status: 'valid', token: 'authentic' });
    expect(authentic.document?.vehicle.vin).toBe(vin);
    const [head, payload, signature] = qrToken.split('.');
    const forged = await verifyPublic(
      server.ctx,
      number,
      `${head ?? ''}.${payload ?? ''}x.${signature ?? ''}`,
      { clientAddress: '192.0.2.5' },
    );
    expect(forged.verdict).toBe('forged');
    expect(forged.status).toBeUndefined();
    expect(forged.document).toBeUndefined();
  });
});
