import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  commandResultSchema,
  newId,
  latePlateListSchema,
  registrationViewSchema,
  s10CheckDigit,
  signSupplierEvent,
  supplierSignatureHeaders,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appliedOf,
  cancelCommand,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../commands/registration/registration-testing.js';
import { verifyPublic } from '../endpoints/verification.service.js';
import {
  auditCount,
  expectRefusal,
  reauthenticate,
  signIn,
  type SignedIn,
} from '../endpoints/registry-services.testing.js';
import {
  startEmbeddedSupplier,
  type EmbeddedSupplier,
} from '../plate-supplier/embedded-supplier.js';
import { outboxRowsOf } from '../registry/server-outbox.repo.js';
import { parseJson } from '../testing/bodies.js';
import { person, vehicle } from '../testing/factories.js';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { createMailer } from './mailer.js';
import { readOutboxConfig } from './outbox-settings.js';
import { drainOutbox, type OutboxSenders } from './outbox-worker.js';
import { plateSupplierClient } from './plate-supplier.client.js';

const SECRET = 'test-supplier-secret';
/** Timings so long that the stand-in never moves an order by itself: the test reports. */
const FROZEN = { madeMs: 3_600_000, shippedMs: 3_600_000, deliveredMs: 3_600_000 };
const vins = freshVins('7', 40);

describe.each(ENGINES)('plates by mail over HTTP on %s', (engine) => {
  let server: TestServer;
  let employee: SignedIn;
  let supplier: EmbeddedSupplier;
  let smtp: SmtpSink;
  let senders: OutboxSenders;
  let nextVin = 0;

  beforeAll(async () => {
    server = await createTestServer(engine);
    // The webhook checks this process's configured secret (a test server has no environment).
    server.ctx.config.outbox = { ...readOutboxConfig({}), plateSupplierSecret: SECRET };
    employee = await signIn(server, 'demo-agree');
    supplier = await startEmbeddedSupplier({
      webhookUrl: 'http://127.0.0.1:9/unused',
      secret: SECRET,
      timings: FROZEN,
    });
    smtp = await startSmtpSink();
    senders = {
      supplier: plateSupplierClient(supplier.url, SECRET, () => new Date()),
      mailer: createMailer({
        smtpUrl: smtp.url,
        from: 'Comptoir <avis@test.example>',
        dataDir: server.dataDir,
      }),
    };
    nextVin = 0;
  });
  afterAll(async () => {
    senders?.mailer.close();
    await supplier?.stop();
    await smtp?.stop();
    await server?.dispose();
  });

  async function direct(command: unknown) {
    const response = await employee.client.request('POST', '/api/commands', { json: command });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return commandResultSchema.parse(parseJson(text));
  }

  /** Holds and confirms a registration; answers its number and plate. */
  async function confirmed(options: { postalCode?: string; clientNotice?: unknown } = {}) {
    server.clock.set('2026-03-10T14:00:00.000Z');
    const vin = vins[nextVin++] ?? '';
    const buyer = person();
    const hold = holdCommand({
      accountId: employee.accountId,
      vehicle: { ...vehicle(0), vin },
      buyers: [
        { ...buyer, address: { ...buyer.address, postalCode: options.postalCode ?? 'J7Z 1A1' } },
      ],
    });
    const held = await direct({
      ...hold,
      payload: {
        ...hold.payload,
        ...(options.clientNotice !== undefined && { clientNotice: options.clientNotice }),
      },
    });
    const number = appliedOf(held).transaction?.number ?? '';
    server.clock.advance(60_000);
    await direct(confirmCommand({ accountId: employee.accountId, registrationNumber: number }));
    return number;
  }

  async function view(number: string) {
    const response = await employee.client.request('GET', `/api/registrations/${number}`);
    expect(response.status).toBe(200);
    return registrationViewSchema.parse(await response.json());
  }

  /** Posts a supplier event signed with `secret` at `timestamp` (now by default). */
  async function report(
    event: Record<string, unknown>,
    options: { secret?: string; timestamp?: number; unsigned?: boolean } = {},
  ) {
    const body = JSON.stringify(event);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = options.unsigned
      ? {}
      : {
          [supplierSignatureHeaders.timestamp]: String(timestamp),
          [supplierSignatureHeaders.signature]: await signSupplierEvent(
            options.secret ?? SECRET,
            timestamp,
            body,
          ),
        };
    // A server-to-server call: no Origin, no session.
    return employee.client.request('POST', '/api/plate-supplier/events', { body, headers });
  }

  function trackingNumber(serial: string) {
    return `EE${serial}${String(s10CheckDigit(serial))}CA`;
  }

  it('orders the plate with the confirmation and delivers it once, even when sent again', async () => {
    const number = await confirmed();
    const ordered = await view(number);
    expect(ordered.metalPlate).toMatchObject({ state: 'ordered', isCancelledAfterMade: false });
    const orderId = ordered.metalPlate?.orderId ?? '';
    expect(await outboxRowsOf(server.ctx.storage.db, 'plate.order', orderId)).toHaveLength(1);

    await drainOutbox(server.ctx, senders);
    expect((await view(number)).metalPlate?.state).toBe('accepted');
    const atSupplier = supplier.orders().filter((entry) => entry.order.orderId === orderId);
    expect(atSupplier).toHaveLength(1);
    expect(atSupplier[0]?.order.recipient).toMatchObject({
      name: 'Marie Tremblay',
      address: { postalCode: 'J7Z 1A1' },
    });
    // The same order again (a lost answer): the supplier answers the same, makes one plate.
    const again = await senders.supplier.order(atSupplier[0]?.order ?? ({} as never));
    expect(again).toEqual({ kind: 'accepted' });
    expect(supplier.orders().filter((entry) => entry.order.orderId === orderId)).toHaveLength(1);
  });

  it('retries with backoff while the supplier is down, then delivers', async () => {
    const number = await confirmed();
    const orderId = (await view(number)).metalPlate?.orderId ?? '';
    const down: OutboxSenders = {
      ...senders,
      supplier: plateSupplierClient('http://127.0.0.1:9', SECRET, () => new Date()),
    };
    await drainOutbox(server.ctx, down);
    let [row] = await outboxRowsOf(server.ctx.storage.db, 'plate.order', orderId);
    expect(row).toMatchObject({ attempts: 1, done_at: null });
    // Not due again before its backoff (1 s, then 2 s, …).
    expect(await drainOutbox(server.ctx, down)).toBe(0);
    server.clock.advance(1000);
    await drainOutbox(server.ctx, down);
    [row] = await outboxRowsOf(server.ctx.storage.db, 'plate.order', orderId);
    expect(row?.attempts).toBe(2);
    expect(new Date(row?.next_attempt_at ?? '').getTime() - server.clock.now().getTime()).toBe(
      2000,
    );

    server.clock.advance(2000);
    await drainOutbox(server.ctx, senders);
    expect((await view(number)).metalPlate?.state).toBe('accepted');
    expect(supplier.orders().filter((entry) => entry.order.orderId === orderId)).toHaveLength(1);
  });

  it("brings the supplier's refusal back to the dealer with its reason", async () => {
    const number = await confirmed({ postalCode: 'H0H 0H0' });
    await drainOutbox(server.ctx, senders);
    expect((await view(number)).metalPlate).toMatchObject({
      state: 'refused',
      refusalReason: 'address_undeliverable',
    });
    expect(await auditCount(server, 'plate_order.refused')).toBeGreaterThan(0);
  });

  it('follows the signed reports to delivery and tells the client in their language', async () => {
    const number = await confirmed({
      clientNotice: { email: 'Client@Example.com', language: 'en' },
    });
    await drainOutbox(server.ctx, senders);
    const orderId = (await view(number)).metalPlate?.orderId ?? '';
    const tracking = trackingNumber('12345678');
    const made = { eventId: randomUUID(), orderId, type: 'made', at: new Date().toISOString() };
    expect((await report(made)).status).toBe(200);
    expect((await view(number)).metalPlate?.state).toBe('made');
    const shipped = {
      eventId: randomUUID(),
      orderId,
      type: 'shipped',
      at: new Date().toISOString(),
      trackingNumber: tracking,
    };
    expect((await report(shipped)).status).toBe(200);
    expect((await view(number)).metalPlate).toMatchObject({
      state: 'shipped',
      trackingNumber: tracking,
    });

    const before = smtp.mails.length;
    await drainOutbox(server.ctx, senders);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail).toMatchObject({ to: 'client@example.com', language: 'en' });
    expect(mail?.subject).toContain('has shipped');
    expect(mail?.text).toContain(tracking);
    // No personal data beyond the notice: no name, no address.
    expect(mail?.text).not.toContain('Tremblay');
    expect(mail?.text).not.toContain('Principale');

    // The provisional plate's verifier says whether the metal plate arrived.
    const plate = (await view(number)).documents.find(
      (document) => document.document.kind === 'provisional_plate',
    );
    const plateNumber = plate?.document.number ?? '';
    // Without the QR token, the public page answers whoever types the vehicle's VIN.
    const visitor = { clientAddress: '192.0.2.7', vin: plate?.document.vehicle.vin ?? '' };
    expect((await verifyPublic(server.ctx, plateNumber, null, visitor)).metalPlate).toBe(
      'not_delivered',
    );
    const delivered = {
      eventId: randomUUID(),
      orderId,
      type: 'delivered',
      at: new Date().toISOString(),
    };
    expect((await report(delivered)).status).toBe(200);
    expect((await view(number)).metalPlate?.state).toBe('delivered');
    expect((await verifyPublic(server.ctx, plateNumber, null, visitor)).metalPlate).toBe(
      'delivered',
    );
  });

  it('refuses an unsigned, wrongly signed, stale or replayed report, and audits each', async () => {
    const number = await confirmed();
    await drainOutbox(server.ctx, senders);
    const orderId = (await view(number)).metalPlate?.orderId ?? '';
    const event = { eventId: randomUUID(), orderId, type: 'made', at: new Date().toISOString() };
    const refusedBefore = await auditCount(server, 'plate_supplier.event_refused');

    await expectRefusal(await report(event, { unsigned: true }), 401, 'webhook_unsigned');
    await expectRefusal(
      await report(event, { secret: 'another' }),
      401,
      'webhook_signature_invalid',
    );
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    await expectRefusal(await report(event, { timestamp: stale }), 401, 'webhook_timestamp_stale');
    expect((await view(number)).metalPlate?.state).toBe('accepted');

    expect((await report(event)).status).toBe(200);
    await expectRefusal(await report(event), 409, 'webhook_replayed');
    expect(await auditCount(server, 'plate_supplier.event_refused')).toBe(refusedBefore + 4);
  });

  it('cancels the order with a same-day cancellation, or says the plate is already made', async () => {
    // Not sent yet: withdrawn from the outbox, never reaches the supplier.
    const unsent = await confirmed();
    const unsentOrder = (await view(unsent)).metalPlate?.orderId ?? '';
    const first = await direct(
      cancelCommand({ accountId: employee.accountId, registrationNumber: unsent }),
    );
    expect(appliedOf(first).transaction).toMatchObject({ metalPlate: 'cancelled' });
    await drainOutbox(server.ctx, senders);
    expect(supplier.orders().some((entry) => entry.order.orderId === unsentOrder)).toBe(false);
    expect((await view(unsent)).metalPlate?.state).toBe('cancelled');

    // Accepted, not made: the supplier is asked, and cancels.
    const accepted = await confirmed();
    await drainOutbox(server.ctx, senders);
    const second = await direct(
      cancelCommand({ accountId: employee.accountId, registrationNumber: accepted }),
    );
    expect(appliedOf(second).transaction).toMatchObject({ metalPlate: 'cancellation_requested' });
    await drainOutbox(server.ctx, senders);
    const acceptedOrder = (await view(accepted)).metalPlate;
    expect(acceptedOrder?.state).toBe('cancelled');
    expect(
      supplier.orders().find((entry) => entry.order.orderId === acceptedOrder?.orderId)?.stage,
    ).toBe('cancelled');

    // Made: the cancellation goes through, and says the plate was made.
    const made = await confirmed();
    await drainOutbox(server.ctx, senders);
    const madeOrder = (await view(made)).metalPlate?.orderId ?? '';
    await report({
      eventId: randomUUID(),
      orderId: madeOrder,
      type: 'made',
      at: new Date().toISOString(),
    });
    const third = await direct(
      cancelCommand({ accountId: employee.accountId, registrationNumber: made }),
    );
    expect(appliedOf(third).transaction).toMatchObject({ metalPlate: 'already_made' });
    expect((await view(made)).metalPlate).toMatchObject({
      state: 'made',
      isCancelledAfterMade: true,
    });
  });

  it("lists late plates on the dealer's and on staff's home", async () => {
    const number = await confirmed();
    await drainOutbox(server.ctx, senders);
    const late = async (client: SignedIn['client'], query: string) => {
      const response = await client.request('GET', `/api/plates/late${query}`);
      expect(response.status).toBe(200);
      return latePlateListSchema.parse(await response.json()).items;
    };
    expect(
      (await late(employee.client, '?licence=L-100001')).map((item) => item.registrationNumber),
    ).not.toContain(number);
    server.clock.advance(21 * 24 * 3600_000);
    // Sessions end after 12 hours: sign in again on the later day.
    employee = await signIn(server, 'demo-agree');
    const dealerView = await late(employee.client, '?licence=L-100001');
    expect(dealerView.find((item) => item.registrationNumber === number)?.reasons).toEqual([
      'not_delivered_20_days',
    ]);
    // Staff only without a licence; another dealer's licence is refused.
    await expectRefusal(await employee.client.request('GET', '/api/plates/late'), 403, 'forbidden');
    await expectRefusal(
      await employee.client.request('GET', '/api/plates/late?licence=L-200001'),
      403,
      'licence_not_permitted',
    );
    server.clock.advance(18 * 24 * 3600_000);
    const staff = await signIn(server, 'demo-staff');
    const staffView = await late(staff.client, '');
    expect(staffView.find((item) => item.registrationNumber === number)?.reasons).toEqual([
      'not_delivered_20_days',
      'provisional_expiring',
    ]);
  });

  it("tells the dealer's administrators by e-mail when the bank account changes", async () => {
    server.clock.set('2026-03-10T14:00:00.000Z');
    const admin = await signIn(server, 'demo-admin');
    await reauthenticate(admin.client);
    const response = await admin.client.request('POST', '/api/commands', {
      json: {
        id: newId(),
        v: 1,
        type: 'bankaccount.set',
        licence: 'L-100001',
        kioskId: 'kiosk-test-1',
        actor: { accountId: admin.accountId },
        createdAt: server.clock.now().toISOString(),
        payload: {
          institution: '006',
          transit: '10 001',
          account: '0012-345678',
          holderName: 'Automobiles Laurentides inc.',
        },
      },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    // Never inside the request: queued, nothing sent yet.
    const before = smtp.mails.length;
    expect((await outboxRowsOf(server.ctx.storage.db, 'mail', 'bank_account_changed')).length).toBe(
      1,
    );
    await drainOutbox(server.ctx, senders);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail).toMatchObject({
      to: 'administration@automobiles-laurentides.example',
      language: 'fr',
    });
    expect(mail?.subject).toBe('Compte bancaire modifié : Automobiles Laurentides inc.');
    expect(mail?.text).not.toContain('345678');
  });

  it('tells the administrators, each in their language, when a kiosk is enrolled', async () => {
    server.clock.set('2026-03-10T14:00:00.000Z');
    const admin = await signIn(server, 'demo-admin2');
    const response = await admin.client.request('POST', '/api/kiosks', {
      json: { kioskId: newId(), name: 'Comptoir 2', location: 'showroom', licence: 'L-200001' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const before = smtp.mails.length;
    await drainOutbox(server.ctx, senders);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    // Demo-admin2 chose English.
    expect(mail).toMatchObject({ to: 'office@garage-beauce.example', language: 'en' });
    expect(mail?.subject).toBe('Kiosk enrolled: Comptoir 2');
  });

  it('writes each e-mail as an .eml file in the data dir when no SMTP server is set', async () => {
    const files = createMailer({
      smtpUrl: undefined,
      from: 'Comptoir <avis@test.example>',
      dataDir: server.dataDir,
    });
    await files.send(
      {
        to: { email: 'client@example.com', language: 'fr' },
        notice: { kind: 'plate_shipped', plateNumber: 'A12 BCD', trackingNumber: 'RR473124829CA' },
      },
      'eml-test',
    );
    const eml = await readFile(join(server.dataDir, 'mail', 'eml-test.eml'), 'utf8');
    expect(eml).toContain('To: client@example.com');
    expect(eml).toContain('Content-Language: fr');
    expect(eml).toContain('RR473124829CA');
  });
});
