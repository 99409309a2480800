import { accountContactAnswerSchema, newId } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditCount,
  expectRefusal,
  reauthenticate,
  signIn,
  type SignedIn,
} from '../endpoints/registry-services.testing.js';
import { createMailer } from '../outbox/mailer.js';
import { drainOutbox, type OutboxSenders } from '../outbox/outbox-worker.js';
import { plateSupplierClient } from '../outbox/plate-supplier.client.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const PATH = '/api/accounts/me/contact';

describe.each(ENGINES)("each person's own address for notices, over HTTP on %s", (engine) => {
  let server: TestServer;
  let admin: SignedIn;
  let smtp: SmtpSink;
  let senders: OutboxSenders;

  beforeAll(async () => {
    server = await createTestServer(engine);
    server.clock.set('2026-03-10T14:00:00.000Z');
    admin = await signIn(server, 'demo-admin');
    smtp = await startSmtpSink();
    senders = {
      // No plate order is queued here: the supplier is never called.
      supplier: plateSupplierClient('http://127.0.0.1:9', 'unused', () => new Date()),
      mailer: createMailer({
        smtpUrl: smtp.url,
        from: 'Comptoir <avis@test.example>',
        dataDir: server.dataDir,
      }),
    };
  });
  afterAll(async () => {
    senders?.mailer.close();
    await smtp?.stop();
    await server?.dispose();
  });

  async function contactOf(client: SignedIn['client']) {
    const response = await client.request('GET', PATH);
    expect(response.status).toBe(200);
    return accountContactAnswerSchema.parse(await response.json()).contact;
  }

  it('reads and sets its own address and language, idempotently, audited once', async () => {
    expect(await contactOf(admin.client)).toMatchObject({
      email: 'administration@automobiles-laurentides.example',
      language: 'fr',
    });
    const audited = await auditCount(server, 'account.contact_set', admin.accountId);
    const body = { email: ' Direction@Automobiles-Laurentides.example ', language: 'en' };
    const first = await admin.client.request('PUT', PATH, { json: body });
    expect(first.status, await first.clone().text()).toBe(200);
    const set = accountContactAnswerSchema.parse(await first.json());
    expect(set.contact).toMatchObject({
      email: 'direction@automobiles-laurentides.example',
      language: 'en',
    });
    // The same again: the same answer, nothing written, nothing audited twice.
    const again = await admin.client.request('PUT', PATH, { json: body });
    expect(again.status).toBe(200);
    expect(accountContactAnswerSchema.parse(await again.json())).toEqual(set);
    expect(await contactOf(admin.client)).toEqual(set.contact);
    expect(await auditCount(server, 'account.contact_set', admin.accountId)).toBe(audited + 1);

    // Another person's contact is untouched: the route names no account.
    const employee = await signIn(server, 'demo-agree');
    expect((await contactOf(employee.client))?.email).toBe(
      'immatriculation@automobiles-laurentides.example',
    );
  });

  it('refuses a wrong address, an unknown language or another account, and audits each', async () => {
    const refused = await auditCount(server, 'request.refused', admin.accountId);
    const wrong = await admin.client.request('PUT', PATH, {
      json: { email: 'pas une adresse', language: 'de' },
    });
    expect(wrong.status).toBe(400);
    const error: unknown = await wrong.clone().json();
    expect(error).toMatchObject({
      code: 'invalid_input',
      fields: expect.arrayContaining([
        expect.objectContaining({ path: 'email' }),
        expect.objectContaining({ path: 'language' }),
      ]) as unknown,
    });
    await expectRefusal(wrong, 400, 'invalid_input');
    // Naming an account is not how one sets another's address: the field is refused.
    await expectRefusal(
      await admin.client.request('PUT', PATH, {
        json: { email: 'x@example.com', language: 'fr', accountId: newId() },
      }),
      400,
      'invalid_input',
    );
    expect(await auditCount(server, 'request.refused', admin.accountId)).toBe(refused + 2);
    // Signed out: no one's contact.
    await expectRefusal(
      await createHarnessClient(server).request('PUT', PATH, {
        json: { email: 'x@example.com', language: 'fr' },
      }),
      401,
      'unauthenticated',
    );
  });

  it('asks for a fresh re-authentication to change the address, not the language', async () => {
    const before = await contactOf(admin.client);
    // Past the 5 minutes a sign-in counts as a re-authentication: a session left open.
    server.clock.advance(6 * 60_000);
    const refused = await auditCount(server, 'request.refused', admin.accountId);
    await expectRefusal(
      await admin.client.request('PUT', PATH, {
        json: { email: 'detournement@example.com', language: before?.language ?? 'fr' },
      }),
      403,
      'reauthentication_required',
    );
    expect(await auditCount(server, 'request.refused', admin.accountId)).toBe(refused + 1);
    expect((await contactOf(admin.client))?.email).toBe(before?.email);
    // The language alone, at the same address: no password needed.
    const language = before?.language === 'fr' ? 'en' : 'fr';
    const relanguaged = await admin.client.request('PUT', PATH, {
      json: { email: before?.email, language },
    });
    expect(relanguaged.status).toBe(200);
    // With the password again, the new address is taken.
    await reauthenticate(admin.client);
    const moved = await admin.client.request('PUT', PATH, {
      json: { email: 'direction2@automobiles-laurentides.example', language },
    });
    expect(moved.status).toBe(200);
    expect((await contactOf(admin.client))?.email).toBe(
      'direction2@automobiles-laurentides.example',
    );
  });

  it('sends the bank account notice to the address and in the language the person set', async () => {
    const set = await admin.client.request('PUT', PATH, {
      json: { email: 'tresorerie@automobiles-laurentides.example', language: 'en' },
    });
    expect(set.status).toBe(200);
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
    const before = smtp.mails.length;
    await drainOutbox(server.ctx, senders);
    const arrived = (await smtp.waitFor(before + 1)).slice(before);
    expect(arrived.map((mail) => mail.to)).toContain('tresorerie@automobiles-laurentides.example');
    expect(arrived.map((mail) => mail.to)).not.toContain(
      'administration@automobiles-laurentides.example',
    );
    const mail = arrived.find((entry) => entry.to === 'tresorerie@automobiles-laurentides.example');
    expect(mail).toMatchObject({ language: 'en' });
    expect(mail?.subject).toBe('Bank account changed: Automobiles Laurentides inc.');
  });

  it('sends the kiosk enrolment notice to the address and in the language the person set', async () => {
    const other = await signIn(server, 'demo-admin2');
    const set = await other.client.request('PUT', PATH, {
      json: { email: 'direction@garage-beauce.example', language: 'fr' },
    });
    expect(set.status).toBe(200);
    const response = await other.client.request('POST', '/api/kiosks', {
      json: { kioskId: newId(), name: 'Comptoir 3', location: 'showroom', licence: 'L-200001' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const before = smtp.mails.length;
    await drainOutbox(server.ctx, senders);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail).toMatchObject({ to: 'direction@garage-beauce.example', language: 'fr' });
    expect(mail?.subject).toBe('Borne inscrite : Comptoir 3');
  });
});
