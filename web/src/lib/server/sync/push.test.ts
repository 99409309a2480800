import { appliedDocuments, parseJson } from '../testing/bodies.js';
import {
  commandResultSchema,
  newId,
  pullResponseSchema,
  pushResponseSchema,
  sessionInfoSchema,
  apiErrorSchema,
  documentEnvelopeSchema,
  documentListSchema,
  enrolledKioskSchema,
  kioskEnrolResponseSchema,
  kioskListResponseSchema,
  vinCheckDigit,
} from '@comptoir/shared';
import { signJwsQrToken, verifyDocument } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAuditChains } from '../audit.js';
import { noteKioskSignIn } from '../accounts/kiosk-credential.js';
import { verifyPublic } from '../endpoints/verification.service.js';
import {
  atacCommand,
  person,
  printOutcomeCommand,
  transitCommand,
  vehicle,
} from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('sync over HTTP on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const response = await client.login('demo-agree');
    expect(response.status).toBe(200);
    accountId = sessionInfoSchema.parse(await response.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function push(ops: unknown[], target = client) {
    const response = await target.request('POST', '/api/sync/push', { json: { ops } });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  }

  async function pushOk(ops: unknown[]) {
    const answer = await push(ops);
    expect(answer.status).toBe(200);
    return pushResponseSchema.parse(answer.json).results;
  }

  it('signs in with a session cookie and answers the session', async () => {
    expect(client.cookies.get('comptoir_session')).toBeTruthy();
    const session = await client.request('GET', '/api/auth/session');
    expect(session.status).toBe(200);
    const info = sessionInfoSchema.parse(await session.json());
    expect(info.licences.map((licence) => licence.licence)).toEqual(['L-100001', 'L-100002']);
  });

  it('refuses bad credentials with 401 invalid_credentials, audited', async () => {
    const anonymous = createHarnessClient(server);
    const response = await anonymous.login('demo-agree', 'wrong-password');
    expect(response.status).toBe(401);
    expect(apiErrorSchema.parse(await response.json()).code).toBe('invalid_credentials');
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'signin.failed')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    const unauthenticated = await anonymous.request('GET', '/api/auth/session');
    expect(unauthenticated.status).toBe(401);
  });

  it('issues a transit with server numbers and dates, signed, and replays it byte for byte', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(2) });
    const first = await push([command]);
    expect(first.status).toBe(200);
    const [result] = pushResponseSchema.parse(first.json).results;
    expect(result?.status).toBe('applied');
    const documents = appliedDocuments(result);
    expect(documents[0]?.number).toMatch(/^T-2026-\d{6}$/);
    // Issued 2026-03-10 11:00 local for 10 days: 2026-03-20 23:59:59 local (EDT, UTC-4).
    expect(documents[0]?.expiresAt).toBe('2026-03-21T03:59:59.000Z');

    const replay = await push([command]);
    const firstResult = first.text.slice(first.text.indexOf('"results":'));
    const replayResult = replay.text.slice(replay.text.indexOf('"results":'));
    expect(replayResult).toBe(firstResult);

    const view = await client.request('GET', `/api/transit/${documents[0]?.number ?? ''}`);
    expect(view.status).toBe(200);
    const envelope = documentEnvelopeSchema.parse(await view.json());
    expect(envelope.status).toBe('valid');
    const verified = await verifyDocument(envelope.jws, server.ctx.signer.jwks(), {
      now: server.clock.now(),
    });
    expect(verified.document.number).toBe(documents[0]?.number);
  });

  it('answers the same id with another body idempotency_conflict, and stores nothing new', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(5) });
    await pushOk([command]);
    const other = { ...command, payload: { ...command.payload, days: 4 } };
    const [result] = await pushOk([other]);
    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('idempotency_conflict');
  });

  it('refuses a batch holding another actor with 403, applying nothing', async () => {
    const mine = transitCommand({ accountId, vehicle: vehicle(6) });
    const theirs = transitCommand({ accountId: newId(), vehicle: vehicle(6) });
    const answer = await push([mine, theirs]);
    expect(answer.status).toBe(403);
    const error = apiErrorSchema.parse(answer.json);
    expect(error.code).toBe('actor_not_session');
    expect(error.fields.map((field) => field.path)).toEqual(['ops.1.actor']);
    const stored = await server.ctx.storage.db
      .selectFrom('idempotency')
      .select('command_id')
      .where('command_id', '=', mine.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('rejects per command: bad payload with every field, online-only, forbidden category', async () => {
    const bad = transitCommand({ accountId });
    const badPayload = {
      ...bad,
      payload: { ...bad.payload, days: 7, holder: { ...person(), driverLicence: 'nope' } },
    };
    const onlineOnly = { ...transitCommand({ accountId }), type: 'bankaccount.set', payload: {} };
    const totalLoss = transitCommand({ accountId, vehicle: vehicle(3) });
    const snowmobile = transitCommand({ accountId, vehicle: vehicle(8) });
    const results = await pushOk([badPayload, onlineOnly, totalLoss, snowmobile]);
    expect(results.map((result) => result.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(results[0]?.error?.code).toBe('invalid_input');
    expect(results[0]?.error?.fields.map((field) => field.path).sort()).toEqual([
      'payload.days',
      'payload.holder.driverLicence',
    ]);
    expect(results[1]?.error?.code).toBe('online_only');
    expect(results[2]?.error?.code).toBe('transit_forbidden_category');
    expect(results[3]?.error?.code).toBe('transit_forbidden_category');
  });

  it('enforces 2 per customer and 4 per vehicle over 12 months', async () => {
    const car = vehicle(9);
    const marie = person();
    const jean = person({ driverLicence: 'G234567890123', firstName: 'Jean' });
    const luc = person({ driverLicence: 'C456789012345', firstName: 'Luc' });
    const ops = [marie, marie, marie, jean, jean, luc].map((holder) =>
      transitCommand({ accountId, vehicle: car, holder }),
    );
    const results = await pushOk(ops);
    expect(results.map((result) => result.error?.code ?? result.status)).toEqual([
      'applied',
      'applied',
      'transit_limit_customer',
      'applied',
      'applied',
      'transit_limit_vehicle',
    ]);
  });

  it('creates an ATAC with co-owners and the designated holder, and lists it', async () => {
    const [result] = await pushOk([atacCommand({ accountId })]);
    expect(result?.status).toBe('applied');
    const list = await client.request('GET', '/api/atac?licence=L-100001');
    expect(list.status).toBe(200);
    const body = documentListSchema.parse(await list.json());
    expect(body.items).toHaveLength(1);
    const atac = body.items[0]?.document;
    expect(atac?.kind === 'atac' && atac.buyers.length).toBe(2);
    expect(atac?.kind === 'atac' && atac.holderIndex).toBe(1);
    const tooLong = await client.request(
      'GET',
      '/api/atac?licence=L-100001&from=2026-01-01&to=2026-03-10',
    );
    expect(tooLong.status).toBe(400);
    expect(apiErrorSchema.parse(await tooLong.json()).code).toBe('listing_window_too_long');
    const elsewhere = await client.request('GET', '/api/atac?licence=L-200001');
    expect(elsewhere.status).toBe(403);
  });

  it('records print outcomes on the document and pulls the changes after a cursor', async () => {
    const before = pullResponseSchema.parse(
      await (await client.request('GET', '/api/sync/pull?licence=L-100001&since=0')).json(),
    );
    const [issued] = await pushOk([transitCommand({ accountId, vehicle: vehicle(6) })]);
    const number = appliedDocuments(issued)[0]?.number ?? '';
    const outcome = printOutcomeCommand({ accountId, documentNumber: number });
    const [printed] = await pushOk([
      outcome,
      { ...printOutcomeCommand({ accountId, documentNumber: 'T-0000-000000' }) },
    ]);
    expect(printed?.status).toBe('applied');
    const view = documentEnvelopeSchema.parse(
      await (await client.request('GET', `/api/documents/${number}`)).json(),
    );
    expect(view.printCount).toBe(1);
    const after = pullResponseSchema.parse(
      await (
        await client.request(
          'GET',
          `/api/sync/pull?licence=L-100001&since=${String(before.cursor)}`,
        )
      ).json(),
    );
    expect(after.changes.map((change) => change.document.number)).toEqual([number]);
    expect(after.cursor).toBeGreaterThan(before.cursor);
    expect(after.more).toBe(false);
  });

  it('verifies a document publicly and detects a tampered token', async () => {
    const [issued] = await pushOk([
      transitCommand({
        accountId,
        vehicle: vehicle(0),
        holder: person({ driverLicence: 'R345678901234' }),
      }),
    ]);
    const number = appliedDocuments(issued)[0]?.number ?? '';
    const envelope = documentEnvelopeSchema.parse(
      await (await client.request('GET', `/api/documents/${number}`)).json(),
    );
    const visitor = { clientAddress: '192.0.2.9' };
    const ok = await verifyPublic(server.ctx, number, envelope.qrToken, visitor);
    expect(ok).toMatchObject({ status: 'valid', token: 'authentic' });
    expect(JSON.stringify(ok)).not.toContain('R345678901234');
    // The compact token: another character anywhere is another signature or another expiry.
    const last = envelope.qrToken.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${envelope.qrToken.slice(0, -2)}${last}${envelope.qrToken.slice(-1)}`;
    expect((await verifyPublic(server.ctx, number, forged, visitor)).token).toBe('tampered');
    // Papers printed before the compact token carry a JWS token: they keep verifying.
    const storedDocument = documentEnvelopeSchema.parse(envelope).document;
    const legacy = await signJwsQrToken(storedDocument, server.ctx.signer.current().signingKey);
    expect(await verifyPublic(server.ctx, number, legacy, visitor)).toMatchObject({
      token: 'authentic',
    });
    const [head, payload, signature] = legacy.split('.');
    const forgedLegacy = `${head ?? ''}.${payload ?? ''}x.${signature ?? ''}`;
    expect((await verifyPublic(server.ctx, number, forgedLegacy, visitor)).token).toBe('tampered');
    expect(
      (await verifyPublic(server.ctx, 'T-1999-000001', null, { ...visitor, vin: '123456' }))
        .verdict,
    ).toBe('no_match');
    server.clock.advance(30 * 24 * 3600 * 1000);
    expect((await verifyPublic(server.ctx, number, envelope.qrToken, visitor)).status).toBe(
      'expired',
    );
    server.clock.advance(-30 * 24 * 3600 * 1000);
  });

  it('answers batch-level problems in the shared error shape', async () => {
    const anonymous = createHarnessClient(server);
    expect((await anonymous.request('POST', '/api/sync/push', { json: { ops: [] } })).status).toBe(
      401,
    );
    const empty = await client.request('POST', '/api/sync/push', { json: { ops: [] } });
    expect(empty.status).toBe(400);
    expect(apiErrorSchema.parse(await empty.json()).code).toBe('invalid_input');
    const garbage = await client.request('POST', '/api/sync/push', { body: '{not json' });
    expect(garbage.status).toBe(400);
    const huge = await client.request('POST', '/api/sync/push', {
      body: JSON.stringify({ ops: ['x'.repeat(1024 * 1024)] }),
    });
    expect(huge.status).toBe(413);
    expect(apiErrorSchema.parse(await huge.json()).code).toBe('payload_too_large');
    const foreignOrigin = await client.request('POST', '/api/sync/push', {
      json: { ops: [transitCommand({ accountId })] },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignOrigin.status).toBe(403);
    const unknown = await client.request('GET', '/api/nothing/here');
    expect(unknown.status).toBe(404);
    expect(apiErrorSchema.parse(await unknown.json()).code).toBe('not_found');
    const jwks = await client.request('GET', '/.well-known/jwks.json');
    const keys = z
      .object({ keys: z.array(z.object({ kid: z.string() })) })
      .parse(await jwks.json());
    expect(keys.keys[0]?.kid).toBe(server.ctx.signer.current().kid);
  });

  it('holds the 7-day cap inside one batch, counting what the batch itself issues', async () => {
    const { db } = server.ctx.storage;
    const licence = 'L-100002';
    const since = new Date(server.clock.now().getTime() - 7 * 24 * 3600 * 1000).toISOString();
    const { n } = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('licence', '=', licence)
      .where('kind', '=', 'transit')
      .where('issued_at', '>=', since)
      .executeTakeFirstOrThrow();
    // Room for exactly two more transits this week.
    await db
      .updateTable('licences')
      .set({ transit_cap: Number(n) + 2 })
      .where('number', '=', licence)
      .execute();
    const vin = (serial: number) => {
      const draft = `1HGCM8260PA${String(900_000 + serial)}`;
      return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
    };
    const transit = (serial: number) =>
      transitCommand({ accountId, licence, vehicle: vehicle(0, { vin: vin(serial) }) });
    const first = transit(1);
    const ops = [
      first,
      // Rolls back inside its savepoint after nothing was counted for it.
      transitCommand({ accountId, licence, vehicle: vehicle(3) }),
      transit(2),
      transit(3),
      first,
    ];
    try {
      const results = await pushOk(ops);
      expect(results.map((result) => result.error?.code ?? result.status)).toEqual([
        'applied',
        'transit_forbidden_category',
        'applied',
        'transit_cap_reached',
        'applied',
      ]);
      // The same id twice in one batch: the second answer is the first's, byte for byte.
      expect(results[4]).toEqual(results[0]);
      const numbers = [results[0], results[2]].flatMap((result) =>
        appliedDocuments(result).map((document) => document.number),
      );
      expect(numbers).toHaveLength(2);
      const serials = numbers.map((number) => Number(number.split('-').at(-1)));
      if (engine === 'sqlite') expect(serials[1]).toBe((serials[0] ?? 0) + 1);
      else expect(serials[1]).toBeGreaterThan(serials[0] ?? 0);
      const changes = await db
        .selectFrom('documents')
        .select('change_seq')
        .where('number', 'in', numbers)
        .orderBy('change_seq')
        .execute();
      const { change_seq: licenceSeq } = await db
        .selectFrom('licences')
        .select('change_seq')
        .where('number', '=', licence)
        .executeTakeFirstOrThrow();
      expect(changes.map((row) => row.change_seq)).toEqual([licenceSeq - 1, licenceSeq]);
    } finally {
      await db
        .updateTable('licences')
        .set({ transit_cap: null })
        .where('number', '=', licence)
        .execute();
    }
  });

  it('keeps every audit chain valid, and names the first broken row after tampering', async () => {
    const verdicts = await verifyAuditChains(server.ctx.storage.db);
    expect(verdicts.length).toBeGreaterThan(1);
    expect(verdicts.filter((verdict) => verdict.broken)).toEqual([]);
    const row = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['id', 'chain', 'seq'])
      .where('chain', '=', 'licence:L-100001')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await server.ctx.storage.db
      .updateTable('audit_log')
      .set({ subject: 'tampered' })
      .where('id', '=', row.id)
      .execute();
    const after = await verifyAuditChains(server.ctx.storage.db);
    const broken = after.find((verdict) => verdict.chain === row.chain)?.broken;
    expect(broken?.id).toBe(row.id);
    commandResultSchema.parse({ id: newId(), status: 'retry' });
  });
});

describe.each(ENGINES)('pushes from an enrolled kiosk on %s', (engine) => {
  const HOUR = 3_600_000;
  let server: TestServer;
  let admin: HarnessClient;
  let kioskId: string;
  let credential: string;
  const ids: Record<'agree' | 'admin' | 'leaver', string> = { agree: '', admin: '', leaver: '' };

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = createHarnessClient(server);
    expect((await admin.login('demo-admin')).status).toBe(200);
    const { db } = server.ctx.storage;
    const accountIdOf = async (username: string) =>
      (
        await db
          .selectFrom('accounts')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    ids.agree = await accountIdOf('demo-agree');
    ids.admin = await accountIdOf('demo-admin');
    // A third employee of the same dealer, disabled later on (left the dealership).
    ids.leaver = newId();
    await db
      .insertInto('accounts')
      .values({
        id: ids.leaver,
        username: 'leaver',
        password_hash: 'unused',
        display_name: 'Départ',
        role: 'accredited_employee',
        dealer_id: (
          await db
            .selectFrom('licences')
            .select('dealer_id')
            .where('number', '=', 'L-100001')
            .executeTakeFirstOrThrow()
        ).dealer_id,
        kind: 'personal',
        is_disabled: 0,
        created_at: server.clock.now().toISOString(),
      })
      .execute();
    await db
      .insertInto('account_licences')
      .values({ account_id: ids.leaver, licence: 'L-100001', role: 'accredited_employee' })
      .execute();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  function kioskRequest(header: string): Request {
    return new Request('http://127.0.0.1:3000/api/auth/login', {
      headers: { 'X-Comptoir-Kiosk': header },
    });
  }

  async function kioskPush(ops: unknown[], header = credential) {
    const device = createHarnessClient(server);
    const response = await device.request('POST', '/api/sync/push', {
      json: { ops },
      headers: { 'X-Comptoir-Kiosk': header },
    });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  }

  it('enrols a kiosk by an administrator of the licence only (refusals audited)', async () => {
    kioskId = newId();
    const body = { kioskId, name: 'Salle de montre 1', location: 'showroom', licence: 'L-100001' };
    const employee = createHarnessClient(server);
    expect((await employee.login('demo-agree')).status).toBe(200);
    const refused = await employee.request('POST', '/api/kiosks', { json: body });
    expect(refused.status).toBe(403);
    expect(apiErrorSchema.parse(await refused.json()).code).toBe('forbidden');

    const bad = await admin.request('POST', '/api/kiosks', {
      json: { ...body, location: 'garage', name: ' ' },
    });
    expect(bad.status).toBe(400);
    const badError = apiErrorSchema.parse(await bad.json());
    expect(badError.fields.map((field) => field.path).sort()).toEqual(['location', 'name']);

    const response = await admin.request('POST', '/api/kiosks', { json: body });
    expect(response.status).toBe(201);
    const enrolled = kioskEnrolResponseSchema.parse(await response.json());
    expect(enrolled.kiosk).toMatchObject({ kioskId, location: 'showroom', revokedAt: null });
    credential = enrolled.credential;
    expect(credential.startsWith(`${kioskId}.`)).toBe(true);

    const stored = await server.ctx.storage.db
      .selectFrom('kiosks')
      .select('credential_hash')
      .where('id', '=', kioskId)
      .executeTakeFirstOrThrow();
    expect(credential).not.toContain(stored.credential_hash);

    const listed = await admin.request('GET', '/api/kiosks?licence=L-100001');
    expect(kioskListResponseSchema.parse(await listed.json()).kiosks.map((k) => k.kioskId)).toEqual(
      [kioskId],
    );
    const refusals = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('event', '=', 'request.refused')
      .execute();
    expect(refusals.some((row) => row.detail_json.includes('kiosk.enroll'))).toBe(true);
  });

  it('records sign-ins on the kiosk only with a valid credential (a bad one is audited)', async () => {
    const start = server.clock.now();
    await noteKioskSignIn(server.ctx, kioskRequest(credential), ids.agree, start);
    await noteKioskSignIn(server.ctx, kioskRequest(credential), ids.admin, start);
    await noteKioskSignIn(server.ctx, kioskRequest(credential), ids.leaver, start);
    await noteKioskSignIn(
      server.ctx,
      kioskRequest(`${kioskId}.${'x'.repeat(43)}`),
      ids.agree,
      start,
    );
    await noteKioskSignIn(
      server.ctx,
      new Request('http://127.0.0.1:3000/api/auth/login'),
      ids.agree,
      start,
    );
    const rows = await server.ctx.storage.db
      .selectFrom('kiosk_sign_ins')
      .select('account_id')
      .where('kiosk_id', '=', kioskId)
      .execute();
    expect(rows.map((row) => row.account_id).sort()).toEqual(
      [ids.agree, ids.admin, ids.leaver].sort(),
    );
    const refused = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('subject')
      .where('event', '=', 'kiosk.credential_refused')
      .execute();
    expect(refused.map((row) => row.subject)).toContain(kioskId);
  });

  it('applies each actor on its own: in the window, outside it, disabled meanwhile, ahead of the clock', async () => {
    const signedInAt = server.clock.now().getTime();
    const at = (ms: number) => new Date(signedInAt + ms).toISOString();
    await server.ctx.storage.db
      .updateTable('accounts')
      .set({ is_disabled: 1 })
      .where('id', '=', ids.leaver)
      .execute();
    server.clock.advance(13 * HOUR);
    const holder = (n: number) => person({ driverLicence: `K${String(n).padStart(12, '0')}` });
    const ops = [
      { ...transitCommand({ accountId: ids.agree, holder: holder(1) }), createdAt: at(HOUR) },
      { ...transitCommand({ accountId: ids.admin, holder: holder(2) }), createdAt: at(13 * HOUR) },
      { ...transitCommand({ accountId: ids.leaver, holder: holder(3) }), createdAt: at(HOUR) },
      { ...transitCommand({ accountId: ids.agree, holder: holder(4) }), createdAt: at(14 * HOUR) },
      { ...transitCommand({ accountId: ids.agree, holder: holder(5) }), createdAt: at(-HOUR) },
    ];
    const answer = await kioskPush(ops);
    expect(answer.status).toBe(200);
    const results = pushResponseSchema.parse(answer.json).results;
    expect(results.map((result) => result.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(results.map((result) => result.error?.code)).toEqual([
      undefined,
      'actor_outside_offline_window',
      'actor_account_disabled',
      'created_at_in_future',
      'actor_outside_offline_window',
    ]);
    expect(results[2]?.error?.fields.map((field) => field.path)).toEqual(['actor.accountId']);

    // The applied transit names its own author, not the kiosk nor another person.
    const issued = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['actor', 'subject'])
      .where('event', '=', 'document.issued')
      .execute();
    const [document] = appliedDocuments(results[0]);
    expect(issued.find((row) => row.subject === document?.number)?.actor).toBe(ids.agree);

    // Every refusal is audited under its author, with the kiosk.
    const rejections = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['actor', 'subject', 'detail_json'])
      .where('event', '=', 'command.rejected')
      .execute();
    for (const [index, op] of ops.entries()) {
      if (index === 0) continue;
      const row = rejections.find((candidate) => candidate.subject === op.id);
      expect(row?.actor).toBe(op.actor.accountId);
      expect(row?.detail_json).toContain(kioskId);
    }

    // A replay answers the stored results byte for byte; the accounts' state no longer matters.
    await server.ctx.storage.db
      .updateTable('accounts')
      .set({ is_disabled: 0 })
      .where('id', '=', ids.leaver)
      .execute();
    const replay = await kioskPush(ops);
    const resultsOf = (text: string) => text.slice(text.indexOf('"results"'));
    expect(resultsOf(replay.text)).toBe(resultsOf(answer.text));
  });

  it('keeps a kiosk to its dealer: another dealer’s licence is refused even to its own admin', async () => {
    const other = await server.ctx.storage.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'demo-admin2')
      .executeTakeFirstOrThrow();
    await noteKioskSignIn(server.ctx, kioskRequest(credential), other.id, server.clock.now());
    const op = {
      ...transitCommand({ accountId: other.id, licence: 'L-200001' }),
      createdAt: server.clock.now().toISOString(),
    };
    const results = pushResponseSchema.parse((await kioskPush([op])).json).results;
    expect(results[0]?.error?.code).toBe('licence_not_permitted');
  });

  it('answers a kiosk op that does not parse under the kiosk, never under the author it claims', async () => {
    const op = {
      ...transitCommand({ accountId: ids.agree }),
      createdAt: server.clock.now().toISOString(),
      payload: { days: 3 },
    };
    const [result] = pushResponseSchema.parse((await kioskPush([op])).json).results;
    expect(result?.status).toBe('rejected');
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('actor')
      .where('event', '=', 'command.rejected')
      .where('subject', '=', op.id)
      .executeTakeFirstOrThrow();
    expect(audited.actor).toBe(`kiosk:${kioskId}`);
  });

  it('lets the signed-in person push with the kiosk credential under their session', async () => {
    const device = createHarnessClient(server);
    expect((await device.login('demo-agree')).status).toBe(200);
    // Created long after any recorded kiosk sign-in: the live session vouches for it.
    const op = {
      ...transitCommand({
        accountId: ids.agree,
        holder: person({ driverLicence: 'K000000000006' }),
      }),
      createdAt: server.clock.now().toISOString(),
    };
    const response = await device.request('POST', '/api/sync/push', {
      json: { ops: [op] },
      headers: { 'X-Comptoir-Kiosk': credential },
    });
    expect(response.status).toBe(200);
    const [result] = pushResponseSchema.parse(await response.json()).results;
    expect(result?.status).toBe('applied');
  });

  it('refuses a revoked or unknown kiosk at batch level (audited), and needs some credential', async () => {
    const anonymous = await createHarnessClient(server).request('POST', '/api/sync/push', {
      json: { ops: [transitCommand({ accountId: ids.agree })] },
    });
    expect(anonymous.status).toBe(401);

    // The administrator's session of the morning has expired with the clock's 13 hours.
    expect((await admin.login('demo-admin')).status).toBe(200);
    const revoked = await admin.request('DELETE', `/api/kiosks/${kioskId}`);
    expect(revoked.status).toBe(200);
    expect(enrolledKioskSchema.parse(await revoked.json()).revokedAt).toBeTruthy();
    const again = await admin.request('DELETE', `/api/kiosks/${kioskId}`);
    expect(again.status).toBe(200);

    const op = {
      ...transitCommand({ accountId: ids.agree }),
      createdAt: server.clock.now().toISOString(),
    };
    const answer = await kioskPush([op]);
    expect(answer.status).toBe(403);
    expect(apiErrorSchema.parse(answer.json).code).toBe('kiosk_credential_invalid');
    const stored = await server.ctx.storage.db
      .selectFrom('idempotency')
      .select('command_id')
      .where('command_id', '=', op.id)
      .execute();
    expect(stored).toEqual([]);

    // Enrolled again: one kiosk, a new credential; the old one stays dead.
    const reenrol = await admin.request('POST', '/api/kiosks', {
      json: { kioskId, name: 'Livraison', location: 'delivery_bay', licence: 'L-100001' },
    });
    expect(reenrol.status).toBe(201);
    const fresh = kioskEnrolResponseSchema.parse(await reenrol.json()).credential;
    expect(fresh).not.toBe(credential);
    expect((await kioskPush([op])).status).toBe(403);

    const otherDealer = createHarnessClient(server);
    expect((await otherDealer.login('demo-admin2')).status).toBe(200);
    const stolen = await otherDealer.request('POST', '/api/kiosks', {
      json: { kioskId, name: 'X', location: 'showroom', licence: 'L-200001' },
    });
    expect(stolen.status).toBe(409);
    expect(apiErrorSchema.parse(await stolen.json()).code).toBe('kiosk_enrolled_elsewhere');
    const probe = await otherDealer.request('DELETE', `/api/kiosks/${kioskId}`);
    expect(probe.status).toBe(404);

    const verdicts = await verifyAuditChains(server.ctx.storage.db);
    expect(verdicts.filter((verdict) => verdict.broken)).toEqual([]);
  });
});
