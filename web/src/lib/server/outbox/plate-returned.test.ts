import { randomUUID } from 'node:crypto';
import {
  commandResultSchema,
  latePlateListSchema,
  registrationListSchema,
  registrationViewSchema,
  s10CheckDigit,
  signSupplierEvent,
  supplierSignatureHeaders,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appliedOf,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../commands/registration/registration-testing.js';
import { verifyPublic } from '../endpoints/verification.service.js';
import { auditCount, signIn, type SignedIn } from '../endpoints/registry-services.testing.js';
import {
  startEmbeddedSupplier,
  type EmbeddedSupplier,
} from '../plate-supplier/embedded-supplier.js';
import { outboxRowsOf } from '../registry/server-outbox.repo.js';
import { parseJson } from '../testing/bodies.js';
import { person, vehicle } from '../testing/factories.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { createMailer } from './mailer.js';
import { readOutboxConfig } from './outbox-settings.js';
import { drainOutbox, type OutboxSenders } from './outbox-worker.js';
import { plateSupplierClient } from './plate-supplier.client.js';

const SECRET = 'test-supplier-secret';
/** The stand-in never moves an order by itself here: the test reports as the supplier. */
const FROZEN = { madeMs: 3_600_000, shippedMs: 3_600_000, deliveredMs: 3_600_000 };
const [vin = ''] = freshVins('8', 1);

describe.each(ENGINES)('a plate returned to sender, end to end over HTTP on %s', (engine) => {
  let server: TestServer;
  let employee: SignedIn;
  let supplier: EmbeddedSupplier;
  let senders: OutboxSenders;

  beforeAll(async () => {
    server = await createTestServer(engine);
    server.ctx.config.outbox = { ...readOutboxConfig({}), plateSupplierSecret: SECRET };
    employee = await signIn(server, 'demo-agree');
    supplier = await startEmbeddedSupplier({
      webhookUrl: 'http://127.0.0.1:9/unused',
      secret: SECRET,
      timings: FROZEN,
    });
    senders = {
      supplier: plateSupplierClient(supplier.url, SECRET, () => new Date()),
      // Files, not SMTP: this test only counts what is queued.
      mailer: createMailer({
        smtpUrl: undefined,
        from: 'avis@test.example',
        dataDir: server.dataDir,
      }),
    };
  });
  afterAll(async () => {
    senders?.mailer.close();
    await supplier?.stop();
    await server?.dispose();
  });

  async function direct(command: unknown) {
    const response = await employee.client.request('POST', '/api/commands', { json: command });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return commandResultSchema.parse(parseJson(text));
  }

  async function view(number: string) {
    const response = await employee.client.request('GET', `/api/registrations/${number}`);
    expect(response.status).toBe(200);
    return registrationViewSchema.parse(await response.json());
  }

  async function report(event: Record<string, unknown>) {
    return reportRaw(JSON.stringify(event));
  }

  /** A body as the supplier would sign it, whatever it holds. */
  async function reportRaw(body: string) {
    const timestamp = Math.floor(Date.now() / 1000);
    return employee.client.request('POST', '/api/plate-supplier/events', {
      body,
      headers: {
        [supplierSignatureHeaders.timestamp]: String(timestamp),
        [supplierSignatureHeaders.signature]: await signSupplierEvent(SECRET, timestamp, body),
      },
    });
  }

  async function late() {
    const response = await employee.client.request('GET', '/api/plates/late?licence=L-100001');
    expect(response.status).toBe(200);
    return latePlateListSchema.parse(await response.json()).items;
  }

  it('refuses a correctly signed body that is not an event: 400, audited, nothing moved', async () => {
    const before = await auditCount(server, 'plate_supplier.event_refused');
    const bodies = [
      'not json',
      '{}',
      JSON.stringify({ eventId: randomUUID(), orderId: randomUUID(), type: 'teleported' }),
      JSON.stringify([{ type: 'delivered' }]),
    ];
    for (const body of bodies) {
      const response = await reportRaw(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toMatchObject({ code: 'invalid_input' });
    }
    expect(await auditCount(server, 'plate_supplier.event_refused')).toBe(before + bodies.length);
  });

  it('shows the return to the dealer at once, keeps it late, and moves no further', async () => {
    server.clock.set('2026-03-10T14:00:00.000Z');
    const hold = holdCommand({
      accountId: employee.accountId,
      vehicle: { ...vehicle(0), vin },
      buyers: [person()],
    });
    const held = await direct({
      ...hold,
      payload: { ...hold.payload, clientNotice: { email: 'client@example.com', language: 'fr' } },
    });
    const number = appliedOf(held).transaction?.number ?? '';
    server.clock.advance(60_000);
    await direct(confirmCommand({ accountId: employee.accountId, registrationNumber: number }));
    await drainOutbox(server.ctx, senders);
    const orderId = (await view(number)).metalPlate?.orderId ?? '';
    const serial = '87654321';
    const tracking = `RR${serial}${String(s10CheckDigit(serial))}CA`;
    const at = () => new Date().toISOString();
    for (const event of [
      { type: 'made' },
      { type: 'shipped', trackingNumber: tracking },
      { type: 'returned' },
    ]) {
      const response = await report({ eventId: randomUUID(), orderId, at: at(), ...event });
      expect(response.status, await response.clone().text()).toBe(200);
    }

    // The registration and the dealer's list say it came back, with the tracking number.
    expect((await view(number)).metalPlate).toMatchObject({
      state: 'returned',
      trackingNumber: tracking,
      isCancelledAfterMade: false,
    });
    const listed = await employee.client.request(
      'GET',
      '/api/registrations?licence=L-100001&from=2026-03-10&to=2026-03-10',
    );
    expect(listed.status).toBe(200);
    const summary = registrationListSchema
      .parse(await listed.json())
      .items.find((item) => item.number === number);
    expect(summary?.metalPlate?.state).toBe('returned');
    expect(await auditCount(server, 'plate_order.returned')).toBe(1);

    // Late on the home screen the same day, not on day 20: the dealer has to act.
    expect((await late()).find((item) => item.registrationNumber === number)?.reasons).toEqual([
      'returned_to_sender',
    ]);

    // The holder has no metal plate: the provisional plate's verifier says so.
    const plate = (await view(number)).documents.find(
      (document) => document.document.kind === 'provisional_plate',
    );
    const visitor = { clientAddress: '192.0.2.8', vin: plate?.document.vehicle.vin ?? '' };
    expect(
      (await verifyPublic(server.ctx, plate?.document.number ?? '', null, visitor)).metalPlate,
    ).toBe('not_delivered');

    // A later "delivered" for the same order does not undo the return (the journey only goes
    // forward; a new mailing is a new order at the supplier), and no e-mail is queued for it.
    const mailsBefore = (await outboxRowsOf(server.ctx.storage.db, 'mail')).length;
    expect(
      (await report({ eventId: randomUUID(), orderId, type: 'delivered', at: at() })).status,
    ).toBe(200);
    expect((await view(number)).metalPlate?.state).toBe('returned');
    expect((await outboxRowsOf(server.ctx.storage.db, 'mail')).length).toBe(mailsBefore);

    // Still listed on day 21, with both reasons.
    server.clock.advance(21 * 24 * 3600_000);
    employee = await signIn(server, 'demo-agree');
    expect((await late()).find((item) => item.registrationNumber === number)?.reasons).toEqual([
      'returned_to_sender',
      'not_delivered_20_days',
    ]);
    // A whole journey over HTTP: slower than one step on this shared machine.
  }, 30_000);
});
