import {
  commandResultSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PullResponse,
  type RevocationFeed,
} from '@comptoir/shared';
import { verifyDocument, verifyRevocationFeed } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appliedOf,
  cancelCommand,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../commands/registration/registration-testing.js';
import {
  reauthenticate,
  seedRegistry,
  signIn,
  type SignedIn,
} from '../endpoints/registry-services.testing.js';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const vins = freshVins('7', 10);
let nextVin = 0;
function freshCar() {
  const vin = vins[nextVin++];
  if (!vin) throw new Error('out of test VINs');
  return vehicle(0, { vin });
}

describe.each(ENGINES)('the revocation feed over HTTP on %s', (engine) => {
  let server: TestServer;
  let employee: SignedIn;
  let staff: SignedIn;
  let otherDealer: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    server.clock.set('2026-03-10T14:00:00.000Z');
    await seedRegistry(server);
    nextVin = 0;
    employee = await signIn(server, 'demo-agree');
    staff = await signIn(server, 'demo-staff');
    otherDealer = await signIn(server, 'demo-admin2');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function pull(who: SignedIn, licence: string): Promise<PullResponse> {
    const response = await who.client.request('GET', `/api/sync/pull?licence=${licence}`);
    expect(response.status).toBe(200);
    return pullResponseSchema.parse(parseJson(await response.text()));
  }

  /** The pulled feed, verified against the server's published keys. */
  async function feedOf(response: PullResponse): Promise<RevocationFeed> {
    if (response.revocations === undefined) throw new Error('the pull carried no feed');
    return (await verifyRevocationFeed(response.revocations, server.ctx.signer.jwks())).feed;
  }

  async function direct(command: unknown) {
    const response = await employee.client.request('POST', '/api/commands', { json: command });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return commandResultSchema.parse(parseJson(text));
  }

  it('carries no feed while the dealer never voided anything', async () => {
    expect((await pull(employee, 'L-100001')).revocations).toBeUndefined();
  });

  it('a same-day cancellation puts the plate and certificate in the dealer feed, signed as a feed', async () => {
    const { accountId } = employee;
    const [held] = pushResponseSchema.parse(
      await (
        await employee.client.request('POST', '/api/sync/push', {
          json: { ops: [holdCommand({ accountId, vehicle: freshCar() })] },
        })
      ).json(),
    ).results;
    const number = appliedOf(held).transaction?.number ?? '';
    server.clock.advance(60_000);
    const confirmed = appliedOf(
      await direct(confirmCommand({ accountId, registrationNumber: number })),
    );
    const papers = confirmed.documents.filter((d) =>
      ['provisional_plate', 'registration_certificate'].includes(d.kind),
    );
    expect(papers).toHaveLength(2);
    server.clock.advance(60_000);
    await direct(cancelCommand({ accountId, registrationNumber: number }));

    const pulled = await pull(employee, 'L-100001');
    const feed = await feedOf(pulled);
    expect(feed.dealer).toBe('01900000-0000-7000-8000-000000000001');
    expect(feed.sequence).toBeGreaterThanOrEqual(1);
    expect(feed.revoked).toEqual(
      expect.arrayContaining(
        papers.map((d) => expect.objectContaining({ number: d.number, kind: d.kind }) as unknown),
      ),
    );
    // Its own typ: a feed is never taken for a document.
    await expect(
      verifyDocument(pulled.revocations ?? '', server.ctx.signer.jwks()),
    ).rejects.toMatchObject({
      code: 'token_malformed',
    });
    // The dealer's other licence pulls the same feed; another dealer's does not see it.
    expect((await feedOf(await pull(employee, 'L-100002'))).sequence).toBe(feed.sequence);
    expect((await pull(otherDealer, 'L-200001')).revocations).toBeUndefined();
  });

  it('a staff void under another licence of the dealer raises the sequence and adds the number', async () => {
    const before = await feedOf(await pull(employee, 'L-100001'));
    const transit = transitCommand({
      accountId: employee.accountId,
      licence: 'L-100002',
      vehicle: freshCar(),
    });
    const [issued] = pushResponseSchema.parse(
      await (
        await employee.client.request('POST', '/api/sync/push', { json: { ops: [transit] } })
      ).json(),
    ).results;
    const [document] = appliedDocuments(issued);
    if (!document) throw new Error('no transit issued');
    await reauthenticate(staff.client);
    const voided = await staff.client.request(
      'POST',
      `/api/staff/documents/${document.number}/void`,
      { json: { reason: 'Émis par erreur' } },
    );
    expect(voided.status).toBe(200);

    const after = await feedOf(await pull(employee, 'L-100001'));
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.revoked.map((entry) => entry.number)).toEqual(
      expect.arrayContaining([document.number, ...before.revoked.map((entry) => entry.number)]),
    );
    // Voiding it again changes nothing: the counter moves only with a void.
    await staff.client.request('POST', `/api/staff/documents/${document.number}/void`, {
      json: { reason: 'Encore' },
    });
    expect((await feedOf(await pull(employee, 'L-100001'))).sequence).toBe(after.sequence);
  });

  it('drops a voided paper a day after it expired, keeps papers without expiry', async () => {
    const before = await feedOf(await pull(employee, 'L-100001'));
    const transit = before.revoked.find((entry) => entry.kind === 'transit');
    if (!transit?.expiresAt) throw new Error('no expiring voided transit');
    server.clock.set(new Date(new Date(transit.expiresAt).getTime() + 86_400_000 + 1000));
    // Sessions follow the clock: weeks later, a new one.
    employee = await signIn(server, 'demo-agree');
    const later = await feedOf(await pull(employee, 'L-100001'));
    expect(later.sequence).toBe(before.sequence);
    expect(later.revoked.map((entry) => entry.number)).not.toContain(transit.number);
    // Papers without expiry (the certificate) stay listed.
    expect(later.revoked.some((entry) => entry.kind === 'registration_certificate')).toBe(true);
  });
});
