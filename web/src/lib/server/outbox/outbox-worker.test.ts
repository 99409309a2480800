import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueNotice } from '../registry/notices.repo.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { createMailer } from './mailer.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { plateSupplierClient } from './plate-supplier.client.js';

/** An idle interval far longer than the test: only a wake can send in time. */
const IDLE_MS = 10 * 60_000;

describe('the outbox worker, idle', () => {
  let server: TestServer;
  let worker: OutboxWorker;

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    worker = startOutboxWorker(
      server.ctx,
      {
        supplier: plateSupplierClient('http://127.0.0.1:9', 'unused', () => new Date()),
        mailer: createMailer({
          smtpUrl: undefined,
          from: 'avis@test.example',
          dataDir: server.dataDir,
        }),
      },
      IDLE_MS,
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.dispose();
  });

  async function emlCount(): Promise<number> {
    const names = await readdir(join(server.dataDir, 'mail')).catch(() => []);
    return names.filter((name) => name.endsWith('.eml')).length;
  }

  it('is woken by a row queued in this process, without waiting for its idle interval', async () => {
    const before = await emlCount();
    await server.ctx.storage.writeTransaction((tx) =>
      enqueueNotice(
        tx,
        {
          to: { email: 'client@example.com', language: 'fr' },
          notice: {
            kind: 'plate_shipped',
            plateNumber: 'A12 BCD',
            trackingNumber: 'RR473124829CA',
          },
        },
        server.clock.now(),
      ),
    );
    await expect.poll(emlCount, { timeout: 5000, interval: 50 }).toBe(before + 1);
  });
});
