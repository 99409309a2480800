import {
  auditPageSchema,
  capRequestViewSchema,
  documentVoidResultSchema,
  licenceStateSchema,
  newId,
  pullResponseSchema,
  pushResponseSchema,
  sessionInfoSchema,
  type CommandResult,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAuditChains } from '../audit.js';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { atacCommand, person, transitCommand, vehicle } from '../testing/factories.js';
import type { HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { verifyPublic } from './verification.service.js';
import {
  auditCount,
  expectRefusal,
  freshVin,
  reauthenticate,
  seedRegistry,
  signIn,
  type SignedIn,
} from './registry-services.testing.js';

describe.each(ENGINES)("the authority staff's actions over HTTP on %s", (engine) => {
  let server: TestServer;
  let staff: SignedIn;
  let employee: SignedIn;
  let admin: SignedIn;
  let vinIndex = 0;

  beforeAll(async () => {
    server = await createTestServer(engine);
    await seedRegistry(server);
    staff = await signIn(server, 'demo-staff');
    employee = await signIn(server, 'demo-agree');
    admin = await signIn(server, 'demo-admin');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function push(ops: unknown[]): Promise<CommandResult[]> {
    const response = await employee.client.request('POST', '/api/sync/push', { json: { ops } });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  /** A transit of a vehicle never used before, to a new customer: only the cap can refuse it. */
  function newTransit(licence: string) {
    vinIndex += 1;
    return transitCommand({
      accountId: employee.accountId,
      licence,
      vehicle: vehicle(0, { vin: freshVin(vinIndex) }),
      holder: person({ driverLicence: `T${String(100000000000 + vinIndex)}` }),
    });
  }

  function post(client: HarnessClient, path: string, json: unknown) {
    return client.request('POST', path, { json });
  }

  async function licenceRow(number: string) {
    return server.ctx.storage.db
      .selectFrom('licences')
      .select(['is_suspended', 'transit_cap', 'plate_cap', 'change_seq'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  }

  it('refuses a staff action without a fresh re-authentication, audited, changing nothing', async () => {
    // A sign-in counts as a fresh authentication: 5 minutes later it no longer does.
    server.clock.advance(5 * 60_000 + 1000);
    const refusedBefore = await auditCount(server, 'request.refused', staff.accountId);
    const response = await post(staff.client, '/api/staff/licences/L-100001/suspend', {
      reason: 'Enquête fraude',
    });
    await expectRefusal(response, 403, 'reauthentication_required');
    expect((await licenceRow('L-100001')).is_suspended).toBe(0);
    expect(await auditCount(server, 'request.refused', staff.accountId)).toBe(refusedBefore + 1);
  });

  it('refuses staff actions to dealer accounts (forbidden), even re-authenticated', async () => {
    await reauthenticate(admin.client);
    await expectRefusal(
      await post(admin.client, '/api/staff/licences/L-100001/suspend', { reason: 'x' }),
      403,
      'forbidden',
    );
    await expectRefusal(await admin.client.request('GET', '/api/staff/audit'), 403, 'forbidden');
    expect((await licenceRow('L-100001')).is_suspended).toBe(0);
  });

  it('suspends a licence: its ATACs and transits are refused at once; reinstating restores them', async () => {
    await reauthenticate(staff.client);
    const suspended = await post(staff.client, '/api/staff/licences/L-100001/suspend', {
      reason: 'Enquête fraude',
    });
    expect(suspended.status).toBe(200);
    expect(licenceStateSchema.parse(await suspended.json())).toMatchObject({
      number: 'L-100001',
      isSuspended: true,
    });

    const [atac, transit] = await push([
      atacCommand({ accountId: employee.accountId }),
      newTransit('L-100001'),
    ]);
    for (const result of [atac, transit]) {
      expect(result?.status).toBe('rejected');
      expect(result?.error?.code).toBe('licence_suspended');
      expect(result?.error?.message.fr).toBe('Cette licence est suspendue.');
      expect(result?.error?.message.en).toBe('This licence is suspended.');
    }
    // Another licence of the same dealer is not touched.
    const [other] = await push([newTransit('L-100002')]);
    expect(other?.status).toBe('applied');
    // The kiosk learns it from its session and at its next pull, for that licence only.
    expect(await kioskView()).toEqual({
      session: { 'L-100001': true, 'L-100002': false },
      pulled: { 'L-100001': true, 'L-100002': false },
    });

    // The same state twice is that state; the audit says nothing changed.
    const again = await post(staff.client, '/api/staff/licences/L-100001/suspend', {
      reason: 'Enquête fraude',
    });
    expect(licenceStateSchema.parse(await again.json()).isSuspended).toBe(true);
    const events = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['detail_json', 'chain'])
      .where('event', '=', 'licence.suspended')
      .orderBy('id')
      .execute();
    expect(events.map((row) => JSON.parse(row.detail_json))).toEqual([
      { changed: true, reason: 'Enquête fraude' },
      { changed: false, reason: 'Enquête fraude' },
    ]);
    expect(events.every((row) => row.chain === 'licence:L-100001')).toBe(true);

    const reinstated = await post(staff.client, '/api/staff/licences/L-100001/reinstate', {
      reason: 'Dossier réglé',
    });
    expect(licenceStateSchema.parse(await reinstated.json()).isSuspended).toBe(false);
    const [after] = await push([newTransit('L-100001')]);
    expect(after?.status).toBe('applied');
    expect((await kioskView()).pulled['L-100001']).toBe(false);
  });

  /** What the employee's kiosk hears of each licence's suspension: session, then pull. */
  async function kioskView() {
    const response = await employee.client.request('GET', '/api/auth/session');
    const info = sessionInfoSchema.parse(await response.json());
    const session = Object.fromEntries(
      info.licences.map((entry) => [entry.licence, entry.isSuspended]),
    );
    const pulled: Record<string, boolean | undefined> = {};
    for (const licence of ['L-100001', 'L-100002']) {
      const pull = await employee.client.request('GET', `/api/sync/pull?licence=${licence}`);
      pulled[licence] = pullResponseSchema.parse(await pull.json()).isLicenceSuspended;
    }
    return { session, pulled };
  }

  it('answers 404 licence_unknown for a licence that does not exist, and 400 for bad input', async () => {
    await reauthenticate(staff.client);
    await expectRefusal(
      await post(staff.client, '/api/staff/licences/L-999999/suspend', { reason: 'x' }),
      404,
      'licence_unknown',
    );
    await expectRefusal(
      await post(staff.client, '/api/staff/licences/L-999999/reinstate', { reason: 'x' }),
      404,
      'licence_unknown',
    );
    await expectRefusal(
      await post(staff.client, '/api/staff/licences/L-100001/suspend', { reason: '  ' }),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await staff.client.request('PUT', '/api/staff/licences/L-100001/caps', {
        json: { transitCap: -1, plateCap: null },
      }),
      400,
      'invalid_input',
    );
  });

  it('sets caps, takes over-cap requests and their approval into account', async () => {
    await reauthenticate(staff.client);
    const capped = await staff.client.request('PUT', '/api/staff/licences/L-100002/caps', {
      json: { transitCap: 1, plateCap: 5, reason: 'Volume réel' },
    });
    expect(capped.status).toBe(200);
    expect(licenceStateSchema.parse(await capped.json())).toMatchObject({
      transitCap: 1,
      plateCap: 5,
    });
    // One transit was issued under L-100002 this week already (the suspension test): the cap is met.
    const [refused] = await push([newTransit('L-100002')]);
    expect(refused?.error?.code).toBe('transit_cap_reached');
    expect(refused?.error?.message.en).toContain('cap');

    const requestId = newId();
    const ask = {
      id: requestId,
      licence: 'L-100002',
      kind: 'transit',
      extraUnits: 1,
      reason: 'Vente sous la tente',
    };
    const created = await post(admin.client, '/api/cap-requests', ask);
    expect(created.status).toBe(201);
    expect(capRequestViewSchema.parse(await created.json()).status).toBe('pending');
    // The same request again is the same request; another content under its id is a conflict.
    expect((await post(admin.client, '/api/cap-requests', ask)).status).toBe(200);
    await expectRefusal(
      await post(admin.client, '/api/cap-requests', { ...ask, extraUnits: 9 }),
      409,
      'idempotency_conflict',
    );
    await expectRefusal(
      await post(admin.client, '/api/cap-requests', { ...ask, id: newId() }),
      409,
      'cap_request_pending',
    );
    // An employee cannot ask (administrators only).
    await expectRefusal(
      await post(employee.client, '/api/cap-requests', { ...ask, id: newId() }),
      403,
      'forbidden',
    );

    const queue = await staff.client.request('GET', '/api/staff/cap-requests?licence=L-100002');
    const listed = z.object({ items: z.array(capRequestViewSchema) }).parse(await queue.json());
    expect(listed.items.map((item) => item.id)).toEqual([requestId]);

    const approved = await post(staff.client, `/api/staff/cap-requests/${requestId}/approve`, {
      reason: 'Accordé pour la semaine',
    });
    expect(approved.status).toBe(200);
    const view = capRequestViewSchema.parse(await approved.json());
    expect(view.status).toBe('approved');
    expect(view.grantedUntil).toBe(
      new Date(server.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    );
    const replayed = await post(staff.client, `/api/staff/cap-requests/${requestId}/approve`, {});
    expect(capRequestViewSchema.parse(await replayed.json())).toEqual(view);
    await expectRefusal(
      await post(staff.client, `/api/staff/cap-requests/${requestId}/refuse`, {}),
      409,
      'cap_request_decided',
    );
    await expectRefusal(
      await post(staff.client, `/api/staff/cap-requests/${newId()}/approve`, {}),
      404,
      'cap_request_unknown',
    );

    // One more transit is now allowed, and only one.
    const [granted, over] = await push([newTransit('L-100002'), newTransit('L-100002')]);
    expect(granted?.status).toBe('applied');
    expect(over?.error?.code).toBe('transit_cap_reached');

    // Back to the default cap (30 a week from history) for the next tests.
    const viewed = await staff.client.request('GET', '/api/staff/licences/L-100002');
    expect(licenceStateSchema.parse(await viewed.json())).toEqual({
      number: 'L-100002',
      isSuspended: false,
      transitCap: 1,
      plateCap: 5,
    });
    await expectRefusal(
      await admin.client.request('GET', '/api/staff/licences/L-100002'),
      403,
      'forbidden',
    );
    const reset = await staff.client.request('PUT', '/api/staff/licences/L-100002/caps', {
      json: { transitCap: null, plateCap: null },
    });
    expect(licenceStateSchema.parse(await reset.json()).transitCap).toBeNull();
  });

  it('voids a document: it verifies as voided and kiosks pull the change', async () => {
    const transit = newTransit('L-100001');
    const [issued] = await push([transit]);
    const [document] = appliedDocuments(issued);
    if (!document) throw new Error('no document issued');
    const { change_seq: cursor } = await licenceRow('L-100001');

    await reauthenticate(staff.client);
    const path = `/api/staff/documents/${document.number}/void`;
    const voided = await post(staff.client, path, { reason: 'Émis par erreur' });
    expect(voided.status).toBe(200);
    const result = documentVoidResultSchema.parse(await voided.json());
    expect(result).toMatchObject({ number: document.number, status: 'voided' });

    server.clock.advance(60_000);
    const again = documentVoidResultSchema.parse(
      await (await post(staff.client, path, { reason: 'Autre motif' })).json(),
    );
    expect(again).toEqual(result);

    const visitor = { clientAddress: '192.0.2.8', vin: transit.payload.vehicle.vin };
    expect((await verifyPublic(server.ctx, document.number, null, visitor)).status).toBe('voided');
    const page = await employee.client.request(
      'GET',
      `/api/sync/pull?licence=L-100001&since=${String(cursor)}`,
    );
    const pulled = pullResponseSchema.parse(parseJson(await page.text()));
    expect(pulled.changes.map((change) => [change.document.number, change.status])).toEqual([
      [document.number, 'voided'],
    ]);
    await expectRefusal(
      await post(staff.client, '/api/staff/documents/T-2026-999999/void', { reason: 'x' }),
      404,
      'not_found',
    );
  });

  it('expires the re-authentication after 5 minutes', async () => {
    await reauthenticate(staff.client);
    server.clock.advance(5 * 60_000 + 1000);
    await expectRefusal(
      await post(staff.client, '/api/staff/licences/L-100001/reinstate', { reason: 'x' }),
      403,
      'reauthentication_required',
    );
  });

  it('reads the audit log newest first, filtered and paged', async () => {
    const first = await staff.client.request(
      'GET',
      '/api/staff/audit?licence=L-100001&event=licence&limit=2',
    );
    expect(first.status).toBe(200);
    const page = auditPageSchema.parse(await first.json());
    expect(page.items.map((item) => item.event)).toEqual([
      'licence.reinstated',
      'licence.suspended',
    ]);
    expect(page.nextBefore).not.toBeNull();
    const second = auditPageSchema.parse(
      await (
        await staff.client.request(
          'GET',
          `/api/staff/audit?licence=L-100001&event=licence&limit=2&before=${String(page.nextBefore)}`,
        )
      ).json(),
    );
    expect(second.items.map((item) => item.event)).toEqual(['licence.suspended']);
    expect(second.nextBefore).toBeNull();

    const byActor = auditPageSchema.parse(
      await (
        await staff.client.request(
          'GET',
          `/api/staff/audit?actor=${staff.accountId}&event=document.voided`,
        )
      ).json(),
    );
    expect(byActor.items).toHaveLength(1);
    const byUsername = auditPageSchema.parse(
      await (
        await staff.client.request('GET', '/api/staff/audit?actor=demo-staff&event=document.voided')
      ).json(),
    );
    expect(byUsername.items).toEqual(byActor.items);
    const outside = auditPageSchema.parse(
      await (
        await staff.client.request('GET', '/api/staff/audit?from=2020-01-01&to=2020-01-31')
      ).json(),
    );
    expect(outside.items).toEqual([]);
    await expectRefusal(
      await staff.client.request('GET', '/api/staff/audit?from=2026-03-10&to=2026-03-01'),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await staff.client.request('GET', '/api/staff/audit?limit=1000'),
      400,
      'invalid_input',
    );
    expect((await verifyAuditChains(server.ctx.storage.db)).every((chain) => !chain.broken)).toBe(
      true,
    );
  });
});
