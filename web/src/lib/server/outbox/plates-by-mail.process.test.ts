import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushResponseSchema, registrationViewSchema, type PlateDelivery } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import {
  appliedOf,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../commands/registration/registration-testing.js';
import { spawnSupplier, type SupplierProcess } from '../plate-supplier/supplier-process.testing.js';
import { parseJson } from '../testing/bodies.js';
import { vehicle } from '../testing/factories.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import {
  apiClient,
  freePort,
  spawnBuiltServer,
  type ApiClient,
  type SpawnedServer,
} from '../testing/spawn-server.js';
import { ENGINES, createTestDatabase } from '../testing/test-env.js';

const SECRET = 'process-test-secret';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function metalPlateOf(kiosk: ApiClient, number: string): Promise<PlateDelivery | undefined> {
  const answer = await kiosk.get(`/api/registrations/${number}`);
  return registrationViewSchema.parse(parseJson(answer.text)).metalPlate;
}

describe.each(ENGINES)('plates by mail between processes on %s', (engine) => {
  it(
    'orders one plate although the supplier was down and the server restarted, then follows it to delivery and mails the client',
    { timeout: 240_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-plates-mail-'));
      const database = engine === 'postgres' ? await createTestDatabase() : undefined;
      const smtp = await startSmtpSink();
      const [port, supplierPort] = [await freePort(), await freePort()];
      const options = {
        dataDir,
        databaseUrl: database?.url,
        port,
        env: {
          PLATE_SUPPLIER_URL: `http://127.0.0.1:${String(supplierPort)}`,
          PLATE_SUPPLIER_SECRET: SECRET,
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Comptoir <avis@test.example>',
          COMPTOIR_OUTBOX_RETRY_MAX_MS: '1000',
        },
      };
      let server: SpawnedServer | undefined;
      let supplier: SupplierProcess | undefined;
      try {
        server = await spawnBuiltServer(options);
        let kiosk = apiClient(server.origin);
        const accountId = await kiosk.login('demo-agree');
        const [vin] = freshVins('8', 1);
        const hold = holdCommand({ accountId, vehicle: vehicle(0, { vin }) });
        const saved = await kiosk.post('/api/sync/push', {
          ops: [
            {
              ...hold,
              payload: {
                ...hold.payload,
                clientNotice: { email: 'client@example.com', language: 'en' },
              },
            },
          ],
        });
        const [held] = pushResponseSchema.parse(parseJson(saved.text)).results;
        const number = appliedOf(held).transaction?.number ?? '';
        const confirmed = await kiosk.post(
          '/api/commands',
          confirmCommand({ accountId, registrationNumber: number }),
        );
        expect(confirmed.status, confirmed.text).toBe(200);

        // The supplier is down: the order waits in the outbox, attempt after attempt.
        await new Promise((resolve) => setTimeout(resolve, 2500));
        expect((await metalPlateOf(kiosk, number))?.state).toBe('ordered');

        // The server restarts; the supplier comes back afterwards.
        await server.stop();
        server = await spawnBuiltServer(options);
        kiosk = apiClient(server.origin);
        await kiosk.login('demo-agree');
        supplier = await spawnSupplier({
          port: supplierPort,
          webhookUrl: `${server.origin}/api/plate-supplier/events`,
          secret: SECRET,
          timings: 'made=1,shipped=2,delivered=3',
        });

        const orders = await until('the order at the supplier', async () => {
          const held = await supplier?.orders();
          return held && held.length > 0 ? held : undefined;
        });
        const delivered = await until('the delivery', async () => {
          const plate = await metalPlateOf(kiosk, number);
          return plate?.state === 'delivered' ? plate : undefined;
        });
        // Exactly one order, the one recorded at confirmation.
        expect(await supplier.orders()).toHaveLength(1);
        expect(orders[0]?.orderId).toBe(delivered.orderId);
        expect(delivered.trackingNumber).toMatch(/^[A-Z]{2}\d{9}CA$/);

        const [mail] = await smtp.waitFor(1, 30_000);
        expect(mail).toMatchObject({ to: 'client@example.com', language: 'en' });
        expect(mail?.text).toContain(delivered.trackingNumber ?? '-');
      } finally {
        await supplier?.stop();
        await server?.stop();
        await smtp.stop();
        await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
