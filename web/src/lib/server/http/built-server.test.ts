import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorSchema, documentEnvelopeSchema, pushResponseSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { apiClient, spawnBuiltServer, type SpawnedServer } from '../testing/spawn-server.js';
import { ENGINES, createTestDatabase, type TestDatabase } from '../testing/test-env.js';

/** The production build (`node build`), as the kiosk and the print agent meet it. */
describe.each(ENGINES)('the built server on %s', (engine) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let server: SpawnedServer | undefined;

  const start = async (faults?: string) =>
    spawnBuiltServer({ dataDir, databaseUrl: database?.url, ...(faults && { faults }) });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-built-'));
    if (engine === 'postgres') database = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('serves the public verifier page: valid, tampered, unknown', { timeout: 90_000 }, async () => {
    server = await start();
    const kiosk = apiClient(server.origin);
    const accountId = await kiosk.login('demo-generic');
    const pushed = await kiosk.post('/api/sync/push', {
      ops: [
        transitCommand({
          accountId,
          licence: 'L-200001',
          vehicle: vehicle(6),
        }),
      ],
    });
    const number =
      appliedDocuments(pushResponseSchema.parse(parseJson(pushed.text)).results[0])[0]?.number ??
      '';
    const envelope = documentEnvelopeSchema.parse(
      parseJson((await kiosk.get(`/api/documents/${number}`)).text),
    );

    const page = await fetch(`${server.origin}/verifier/${number}?t=${envelope.qrToken}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-status="valid"');
    expect(html).toContain('data-token="authentic"');
    expect(html).toContain('Subaru');
    expect(html).not.toContain('T123456789012');

    const forged = envelope.qrToken.slice(0, -4) + 'AAAA';
    const tampered = await (await fetch(`${server.origin}/verifier/${number}?t=${forged}`)).text();
    expect(tampered).toContain('data-token="tampered"');
    // Without the token: only the VIN form, whether the number exists or not.
    const unknown = await (await fetch(`${server.origin}/verifier/T-1999-000001`)).text();
    expect(unknown).toContain('name="vin"');
    expect(unknown).not.toContain('data-status');

    // The prerendered kiosk shell and a rendered page: scripts may reach this server and the
    // kiosk's own agent only (the build's own policy allows any https: host).
    for (const path of ['/', `/verifier/${number}`]) {
      const policies = (await fetch(`${server.origin}${path}`)).headers.get(
        'content-security-policy',
      );
      expect(policies, path).toContain("connect-src 'self' http://127.0.0.1:*");
    }
  });

  it('answers unknown API routes and oversized bodies in JSON', { timeout: 30_000 }, async () => {
    if (!server) throw new Error('server not started');
    const missing = await fetch(`${server.origin}/api/no/such/route`);
    expect(missing.status).toBe(404);
    expect(apiErrorSchema.parse(await missing.json()).code).toBe('not_found');
    const huge = await fetch(`${server.origin}/api/sync/push`, {
      method: 'POST',
      headers: { origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ ops: ['x'.repeat(1_100_000)] }),
    });
    expect(huge.status).toBe(413);
    expect(apiErrorSchema.parse(await huge.json()).code).toBe('payload_too_large');
    await server.stop();
    server = undefined;
  });

  it(
    'keeps a batch committed before a crash, and replays its stored result after restart',
    { timeout: 120_000 },
    async () => {
      const crashing = await start('push.after_commit=crash');
      const kiosk = apiClient(crashing.origin);
      const accountId = await kiosk.login('demo-agree');
      const command = transitCommand({ accountId, vehicle: vehicle(6) });
      await expect(kiosk.post('/api/sync/push', { ops: [command] })).rejects.toThrow();
      await crashing.stop();

      server = await start();
      const again = apiClient(server.origin);
      await again.login('demo-agree');
      const replay = pushResponseSchema.parse(
        parseJson((await again.post('/api/sync/push', { ops: [command] })).text),
      );
      expect(replay.results[0]?.status).toBe('applied');
      const number = appliedDocuments(replay.results[0])[0]?.number ?? '';
      // Exactly one document for that command: the one committed before the crash.
      const listing = await again.get('/api/transit?licence=L-100001');
      expect(listing.text.split(number).length - 1).toBeGreaterThan(0);
      expect(listing.text.split('"number":"T-').length - 1).toBe(1);
      await server.stop();
      server = undefined;
    },
  );

  it('applies nothing when it crashes before the commit', { timeout: 120_000 }, async () => {
    const crashing = await start('push.before_commit=crash');
    const kiosk = apiClient(crashing.origin);
    const accountId = await kiosk.login('demo-agree');
    const command = transitCommand({ accountId, vehicle: vehicle(9) });
    await expect(kiosk.post('/api/sync/push', { ops: [command] })).rejects.toThrow();
    await crashing.stop();
    server = await start();
    const again = apiClient(server.origin);
    await again.login('demo-agree');
    const listing = await again.get('/api/transit?licence=L-100001');
    expect(listing.text).not.toContain(command.payload.vehicle.vin);
    const retried = pushResponseSchema.parse(
      parseJson((await again.post('/api/sync/push', { ops: [command] })).text),
    );
    expect(retried.results[0]?.status).toBe('applied');
  });
});
