import {
  commandResultSchema,
  apiErrorSchema,
  errorCatalogue,
  isErrorCode,
  isPassengerPlate,
  pullResponseSchema,
  pushResponseSchema,
  registrationListSchema,
  registrationViewSchema,
  sessionInfoSchema,
  type CommandResult,
} from '@comptoir/shared';
import { renderDocumentPdf } from '@comptoir/shared/documents';
import { verifyDocument } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit.js';
import { DEMO_HELD_REGISTRATION } from '../../demo/demo-seed.js';
import { parseJson } from '../../testing/bodies.js';
import { person, transitCommand, vehicle } from '../../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../../testing/http-harness.js';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import {
  cancelCommand,
  confirmCommand,
  freshVins,
  holdCommand,
  appliedOf,
} from './registration-testing.js';
import { verifyPublic } from '../../endpoints/verification.service.js';

const vins = freshVins('1', 60);
let nextVin = 0;
/** A demo-like car with a VIN no other test of the file uses. */
function freshCar(overrides: { netMassKg?: number } = {}) {
  const vin = vins[nextVin++];
  if (!vin) throw new Error('out of test VINs');
  return { ...vehicle(0, { vin }), ...overrides };
}

/** The registry's row of a test vehicle, as the registry would record it. */
function registryRow(car: ReturnType<typeof freshCar>) {
  return {
    vin: car.vin,
    make: car.make,
    model: car.model,
    year: car.year,
    type: car.type,
    net_mass_kg: car.netMassKg,
    category: 'normal',
    colour: null,
  };
}

describe.each(ENGINES)('registration lifecycle over HTTP on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    // Each engine has its own database: the same VINs are fresh again.
    nextVin = 0;
  });
  beforeEach(async () => {
    // 10:00 EDT on 2026-03-10 unless a test moves the clock; sessions follow the clock.
    server.clock.set('2026-03-10T14:00:00.000Z');
    const login = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await login.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function push(ops: unknown[]): Promise<CommandResult[]> {
    const response = await client.request('POST', '/api/sync/push', { json: { ops } });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  async function direct(command: unknown) {
    const response = await client.request('POST', '/api/commands', { json: command });
    const text = await response.text();
    return { status: response.status, text, result: commandResultSchema.parse(parseJson(text)) };
  }

  async function view(number: string) {
    const response = await client.request('GET', `/api/registrations/${number}`);
    expect(response.status).toBe(200);
    return registrationViewSchema.parse(await response.json());
  }

  /** Saves a registration on hold and answers its number. */
  async function hold(options: Partial<Parameters<typeof holdCommand>[0]> = {}) {
    const [result] = await push([holdCommand({ accountId, vehicle: freshCar(), ...options })]);
    expect(result?.status, JSON.stringify(result)).toBe('applied');
    return appliedOf(result).transaction?.number ?? '';
  }

  /** Saves on hold and confirms, a minute later. */
  async function holdAndConfirm(options: Partial<Parameters<typeof holdCommand>[0]> = {}) {
    const number = await hold(options);
    server.clock.advance(60_000);
    const confirmed = await direct(confirmCommand({ accountId, registrationNumber: number }));
    expect(confirmed.status, confirmed.text).toBe(200);
    return { number, confirmed };
  }

  /** The rejection's code, with its fields' paths, after checking its catalogue messages. */
  function refusalOf(result: CommandResult | undefined): { code: string; paths: string[] } {
    expect(result?.status).toBe('rejected');
    const error = result?.error;
    if (!error) throw new Error('no error in a rejected result');
    if (!isErrorCode(error.code)) throw new Error(`${error.code} is not in the catalogue`);
    expect(error.message).toEqual(errorCatalogue[error.code]);
    expect(error.message.fr).not.toBe(error.message.en);
    return { code: error.code, paths: error.fields.map((field) => field.path) };
  }

  async function isAudited(commandId: string): Promise<boolean> {
    const rows = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('subject')
      .where('event', '=', 'command.rejected')
      .where('subject', '=', commandId)
      .execute();
    return rows.length > 0;
  }

  it('goes from on hold to confirmed to cancelled, every document signed and verifiable', async () => {
    const car = freshCar();
    const first = holdCommand({ accountId, vehicle: car });
    const [held] = await push([first]);
    const transaction = appliedOf(held).transaction;
    expect(transaction).toEqual({
      number: expect.stringMatching(/^R-2026-\d{6}$/) as unknown,
      type: 'registration',
      status: 'on_hold',
    });
    expect(appliedOf(held).documents).toEqual([]);
    const number = transaction?.number ?? '';

    // An edit supersedes the last save: same number, new content.
    server.clock.advance(60_000);
    const edit = holdCommand({
      accountId,
      vehicle: { ...car, odometerKm: 42_500 },
      supersedes: first.id,
    });
    const [edited] = await push([edit]);
    expect(appliedOf(edited).transaction?.number).toBe(number);
    const onHold = await view(number);
    expect(onHold).toMatchObject({ status: 'on_hold', holdCommandId: edit.id, documents: [] });
    expect(onHold.request.vehicle.odometerKm).toBe(42_500);

    const plateSeriesBefore = await server.ctx.storage.db
      .selectFrom('plate_series')
      .select('next_value')
      .where('series', '=', 'passenger')
      .executeTakeFirstOrThrow();
    const cursor = pullResponseSchema.parse(
      await (await client.request('GET', '/api/sync/pull?licence=L-100001&limit=500')).json(),
    );

    server.clock.advance(60_000);
    const confirm = confirmCommand({ accountId, registrationNumber: number });
    const confirmed = await direct(confirm);
    expect(confirmed.status, confirmed.text).toBe(200);
    const applied = appliedOf(confirmed.result);
    expect(applied.transaction).toEqual({ number, type: 'registration', status: 'confirmed' });
    expect(applied.documents.map((document) => document.kind)).toEqual([
      'provisional_plate',
      'registration_certificate',
      'proof_of_service',
    ]);
    const plate = applied.plateNumbers?.[0] ?? '';
    expect(isPassengerPlate(plate)).toBe(true);
    // The plate drawn is the series' next one.
    const plateSeriesAfter = await server.ctx.storage.db
      .selectFrom('plate_series')
      .select('next_value')
      .where('series', '=', 'passenger')
      .executeTakeFirstOrThrow();
    expect(Number(plateSeriesAfter.next_value)).toBe(Number(plateSeriesBefore.next_value) + 1);
    // A replay answers byte for byte, and draws nothing.
    expect((await direct(confirm)).text).toBe(confirmed.text);

    const afterConfirm = await view(number);
    expect(afterConfirm).toMatchObject({
      status: 'confirmed',
      plateNumber: plate,
      feesCents: 22_500,
      confirmedAt: '2026-03-10T14:02:00.000Z',
      // 23:00 EDT that day.
      cancellableUntil: '2026-03-11T03:00:00.000Z',
    });
    expect(afterConfirm.documents.map((envelope) => envelope.status)).toEqual([
      'valid',
      'valid',
      'valid',
    ]);
    for (const envelope of afterConfirm.documents) {
      const verified = await verifyDocument(envelope.jws, server.ctx.signer.jwks(), {
        now: server.clock.now(),
      });
      expect(verified.document).toEqual(envelope.document);
      const page = await verifyPublic(server.ctx, envelope.document.number, envelope.qrToken);
      expect(page).toMatchObject({ status: 'valid', token: 'authentic' });
    }
    const [plateDocument, certificate, proofOfService] = afterConfirm.documents.map(
      (envelope) => envelope.document,
    );
    expect(plateDocument).toMatchObject({ kind: 'provisional_plate', plateNumber: plate });
    // 45 days: 23:59:59 EDT on 2026-04-24.
    expect(plateDocument?.expiresAt).toBe('2026-04-25T03:59:59.000Z');
    expect(certificate).toMatchObject({
      kind: 'registration_certificate',
      plateNumber: plate,
      use: 'promenade',
      holder: { name: 'Marie Tremblay' },
    });
    expect(proofOfService).toMatchObject({
      kind: 'proof_of_service',
      transactionNumber: number,
      transactionType: 'registration',
      feesCents: 22_500,
      employeeSignature: {
        accountId,
        name: 'Employé agréé',
        signedAt: '2026-03-10T14:02:00.000Z',
      },
    });
    const { db } = server.ctx.storage;
    const debits = await db
      .selectFrom('bank_debits')
      .select(['direction', 'amount_cents'])
      .where('transaction_number', '=', number)
      .execute();
    expect(debits).toEqual([{ direction: 'debit', amount_cents: 22_500 }]);
    const owners = await db
      .selectFrom('vehicle_ownerships')
      .select(['owner_name', 'to_date'])
      .where('vin', '=', car.vin)
      .execute();
    expect(owners).toEqual([{ owner_name: 'Marie Tremblay', to_date: null }]);

    server.clock.advance(60_000);
    const cancel = cancelCommand({
      accountId,
      registrationNumber: number,
      reasonCode: 'sale_cancelled',
    });
    const cancelled = await direct(cancel);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(appliedOf(cancelled.result).transaction).toEqual({
      number,
      type: 'registration',
      status: 'cancelled',
      // No outbox runs here: the plate order had not left, it is simply withdrawn.
      metalPlate: 'cancelled',
    });
    expect(appliedOf(cancelled.result).documents.map((document) => document.kind)).toEqual([
      'proof_of_cancellation',
    ]);
    expect((await direct(cancel)).text).toBe(cancelled.text);

    const afterCancel = await view(number);
    expect(afterCancel).toMatchObject({ status: 'cancelled', cancelReasonCode: 'sale_cancelled' });
    expect(afterCancel.cancellableUntil).toBeUndefined();
    expect(
      afterCancel.documents.map((envelope) => [envelope.document.kind, envelope.status]),
    ).toEqual([
      ['provisional_plate', 'voided'],
      ['registration_certificate', 'voided'],
      ['proof_of_service', 'valid'],
      ['proof_of_cancellation', 'valid'],
    ]);
    const proof = afterCancel.documents[3];
    if (!proof) throw new Error('no proof of cancellation');
    expect(proof.document).toMatchObject({ cancelledNumber: number, reasonCode: 'sale_cancelled' });
    await verifyDocument(proof.jws, server.ctx.signer.jwks(), { now: server.clock.now() });
    expect(await verifyPublic(server.ctx, proof.document.number, proof.qrToken)).toMatchObject({
      status: 'valid',
      token: 'authentic',
    });
    const voidedPlate = afterCancel.documents[0];
    expect(
      await verifyPublic(
        server.ctx,
        voidedPlate?.document.number ?? '',
        voidedPlate?.qrToken ?? null,
      ),
    ).toMatchObject({ status: 'voided', token: 'authentic' });

    // Kiosks pull the voided papers again (their change counters moved).
    const pulled = pullResponseSchema.parse(
      await (
        await client.request('GET', `/api/sync/pull?licence=L-100001&since=${cursor.cursor}`)
      ).json(),
    );
    const voidedNumbers = pulled.changes
      .filter((change) => change.status === 'voided')
      .map((change) => change.document.kind);
    expect(voidedNumbers.sort()).toEqual(['provisional_plate', 'registration_certificate']);

    const reversed = await db
      .selectFrom('bank_debits')
      .select(['direction', 'amount_cents'])
      .where('transaction_number', '=', number)
      .orderBy('direction')
      .execute();
    expect(reversed).toEqual([
      { direction: 'credit', amount_cents: 22_500 },
      { direction: 'debit', amount_cents: 22_500 },
    ]);
    expect(
      await db.selectFrom('vehicle_ownerships').select('id').where('vin', '=', car.vin).execute(),
    ).toEqual([]);

    const listing = registrationListSchema.parse(
      await (await client.request('GET', '/api/registrations?licence=L-100001')).json(),
    );
    expect(listing.items.find((item) => item.number === number)?.status).toBe('cancelled');
    expect((await verifyAuditChains(db)).filter((verdict) => verdict.broken)).toEqual([]);

    // Every paper renders with the shared layouts (what the agent prints).
    for (const envelope of afterCancel.documents) {
      const pdf = await renderDocumentPdf(envelope.document, {
        mark: 'preview',
        qrUrl: `http://127.0.0.1:3000/verifier/${envelope.document.number}`,
      });
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    }
  });

  it('seeds a demo registration on hold that can be edited and confirmed', async () => {
    const [demo] = registrationListSchema
      .parse(await (await client.request('GET', '/api/registrations?licence=L-100001')).json())
      .items.filter((item) => item.holdCommandId === DEMO_HELD_REGISTRATION.holdCommandId);
    expect(demo?.status).toBe('on_hold');
    const edit = holdCommand({
      accountId,
      vehicle: { ...DEMO_HELD_REGISTRATION.request.vehicle, odometerKm: 38_100 },
      supersedes: DEMO_HELD_REGISTRATION.holdCommandId,
    });
    const [edited] = await push([edit]);
    expect(appliedOf(edited).transaction?.number).toBe(demo?.number);
    const confirmed = await direct(
      confirmCommand({ accountId, registrationNumber: demo?.number ?? '' }),
    );
    expect(confirmed.status, confirmed.text).toBe(200);
  });

  it('refuses what may not be registered online, with the reason and the field', async () => {
    const cases: {
      options: Partial<Parameters<typeof holdCommand>[0]>;
      code: string;
      paths: string[];
    }[] = [
      {
        options: { buyers: [person(), person({ driverLicence: 'G234567890123' })] },
        code: 'registration_co_owned',
        paths: ['request.buyers'],
      },
      {
        options: { vehicle: vehicle(7) },
        code: 'registration_vehicle_type',
        paths: ['request.vehicle.type'],
      },
      {
        options: { vehicle: freshCar({ netMassKg: 4000 }) },
        code: 'registration_too_heavy',
        paths: ['request.vehicle.netMassKg'],
      },
    ];
    for (const { options, code, paths } of cases) {
      const number = await hold(options);
      const command = confirmCommand({ accountId, registrationNumber: number });
      const answer = await direct(command);
      expect(answer.status).toBe(422);
      expect(refusalOf(answer.result)).toEqual({ code, paths });
      expect(await isAudited(command.id)).toBe(true);
      // Nothing written: still on hold, no document, no plate.
      expect(await view(number)).toMatchObject({ status: 'on_hold', documents: [] });
    }
  });

  it('refuses a blocked buyer or seller when the registration is saved on hold, nothing saved', async () => {
    const cases = [
      {
        options: { buyers: [person({ driverLicence: 'B567890123456' })] },
        paths: ['payload.buyers.0.driverLicence'],
      },
      {
        options: { seller: person({ driverLicence: 'P678901234567' }) },
        paths: ['payload.seller.driverLicence'],
      },
      {
        options: {
          buyers: [person(), person({ driverLicence: 'B567890123456' })],
          seller: person({ driverLicence: 'P678901234567' }),
        },
        paths: ['payload.buyers.1.driverLicence', 'payload.seller.driverLicence'],
      },
    ];
    for (const { options, paths } of cases) {
      const car = freshCar();
      const command = holdCommand({ accountId, vehicle: car, ...options });
      const [pushed] = await push([command]);
      expect(refusalOf(pushed)).toEqual({ code: 'right_to_register_blocked', paths });
      expect(await isAudited(command.id)).toBe(true);
      const saved = await server.ctx.storage.db
        .selectFrom('registrations')
        .select('number')
        .where('vin', '=', car.vin)
        .execute();
      expect(saved).toEqual([]);
    }
  });

  it('still refuses at confirmation a buyer the registry blocked after the hold', async () => {
    const licence = 'K000000004242';
    await server.ctx.storage.db
      .insertInto('registry_people')
      .values({
        driver_licence: licence,
        first_name: 'Karine',
        last_name: 'Kirouac',
        date_of_birth: '1988-02-02',
        licence_status: 'valid',
        is_registration_blocked: 0,
        block_reason: null,
      })
      .execute();
    const number = await hold({ buyers: [person({ driverLicence: licence })] });
    await server.ctx.storage.db
      .updateTable('registry_people')
      .set({ is_registration_blocked: 1, block_reason: 'unpaid_fines' })
      .where('driver_licence', '=', licence)
      .execute();
    const command = confirmCommand({ accountId, registrationNumber: number });
    const answer = await direct(command);
    expect(answer.status).toBe(422);
    expect(refusalOf(answer.result)).toEqual({
      code: 'right_to_register_blocked',
      paths: ['request.buyers.0.driverLicence'],
    });
    expect(await isAudited(command.id)).toBe(true);
    expect(await view(number)).toMatchObject({ status: 'on_hold', documents: [] });
  });

  it('refuses a vehicle that contradicts the registry (a heavy truck declared a light car), at hold and at confirmation', async () => {
    const car = freshCar();
    const truck = { type: 'light_truck', net_mass_kg: 4200 } as const;
    const known = freshCar();
    await server.ctx.storage.db
      .insertInto('registry_vehicles')
      .values({ ...registryRow(known), ...truck })
      .execute();
    const refused = await direct(holdCommand({ accountId, vehicle: known }));
    // The message names the registry's values: not the catalogue's text, so no `refusalOf`.
    expect(refused.result.error).toMatchObject({
      code: 'vehicle_mismatch',
      fields: [{ path: 'payload.vehicle.type' }, { path: 'payload.vehicle.netMassKg' }],
    });
    // Held while the registry did not know the VIN; it learns it before the confirmation.
    const number = await hold({ vehicle: car });
    await server.ctx.storage.db
      .insertInto('registry_vehicles')
      .values({ ...registryRow(car), ...truck })
      .execute();
    const answer = await direct(confirmCommand({ accountId, registrationNumber: number }));
    expect(answer.result.error).toMatchObject({
      code: 'vehicle_mismatch',
      fields: [{ path: 'request.vehicle.type' }, { path: 'request.vehicle.netMassKg' }],
    });
  });

  it('refuses without a bank account or a fee in the schedule', async () => {
    const { db } = server.ctx.storage;
    const account = await db.selectFrom('bank_accounts').selectAll().executeTakeFirstOrThrow();
    const number = await hold();
    await db.deleteFrom('bank_accounts').execute();
    try {
      const answer = await direct(confirmCommand({ accountId, registrationNumber: number }));
      expect(refusalOf(answer.result).code).toBe('registration_no_bank_account');
    } finally {
      await db.insertInto('bank_accounts').values(account).execute();
    }
    await db.deleteFrom('fee_schedule').where('vehicle_type', '=', 'automobile').execute();
    const noFee = await direct(confirmCommand({ accountId, registrationNumber: number }));
    expect(refusalOf(noFee.result)).toEqual({
      code: 'registration_no_fee',
      paths: ['request.vehicle.type'],
    });
    await db
      .insertInto('fee_schedule')
      .values({ year: 2026, vehicle_type: 'automobile', amount_cents: 22_500 })
      .execute();
    // With both back, the same registration confirms.
    expect((await direct(confirmCommand({ accountId, registrationNumber: number }))).status).toBe(
      200,
    );
  });

  it('refuses a confirmation over the licence cap on provisional plates', async () => {
    const { db } = server.ctx.storage;
    const number = await hold();
    await db
      .updateTable('licences')
      .set({ plate_cap: 0 })
      .where('number', '=', 'L-100001')
      .execute();
    try {
      const answer = await direct(confirmCommand({ accountId, registrationNumber: number }));
      expect(refusalOf(answer.result).code).toBe('transit_cap_reached');
    } finally {
      await db
        .updateTable('licences')
        .set({ plate_cap: null })
        .where('number', '=', 'L-100001')
        .execute();
    }
  });

  it('refuses unknown numbers, another licence, a second confirmation and wrong edits', async () => {
    const unknown = await direct(
      confirmCommand({ accountId, registrationNumber: 'R-2026-999999' }),
    );
    expect(refusalOf(unknown.result)).toEqual({
      code: 'registration_not_found',
      paths: ['payload.registrationNumber'],
    });
    // A number of the other licence does not exist under this one.
    const elsewhere = await hold({ licence: 'L-100002' });
    const crossed = await direct(confirmCommand({ accountId, registrationNumber: elsewhere }));
    expect(refusalOf(crossed.result).code).toBe('registration_not_found');

    const holdFirst = holdCommand({ accountId, vehicle: freshCar() });
    const [saved] = await push([holdFirst]);
    const number = appliedOf(saved).transaction?.number ?? '';
    await direct(confirmCommand({ accountId, registrationNumber: number }));
    const again = await direct(confirmCommand({ accountId, registrationNumber: number }));
    expect(refusalOf(again.result).code).toBe('registration_not_on_hold');
    // Editing a confirmed registration is refused; superseding an unknown save too.
    const [lateEdit] = await push([
      holdCommand({ accountId, vehicle: freshCar(), supersedes: holdFirst.id }),
    ]);
    expect(refusalOf(lateEdit)).toEqual({
      code: 'registration_not_on_hold',
      paths: ['supersedes'],
    });
    const [orphan] = await push([
      holdCommand({ accountId, vehicle: freshCar(), supersedes: holdCommand({ accountId }).id }),
    ]);
    expect(refusalOf(orphan)).toEqual({ code: 'registration_hold_unknown', paths: ['supersedes'] });

    // A correction of a save the server refused starts a new registration.
    const refused = holdCommand({ accountId, vehicle: freshCar(), licence: 'L-200001' });
    expect(refusalOf((await push([refused]))[0]).code).toBe('licence_not_permitted');
    const [corrected] = await push([
      holdCommand({ accountId, vehicle: freshCar(), supersedes: refused.id }),
    ]);
    expect(appliedOf(corrected).transaction?.status).toBe('on_hold');
  });

  it('refuses confirmation and cancellation on the queue (online only)', async () => {
    const number = await hold();
    const [queued] = await push([confirmCommand({ accountId, registrationNumber: number })]);
    expect(refusalOf(queued).code).toBe('online_only');
    const [queuedCancel] = await push([cancelCommand({ accountId, registrationNumber: number })]);
    expect(refusalOf(queuedCancel).code).toBe('online_only');
  });

  it('is for accredited employees only', async () => {
    const generic = createHarnessClient(server);
    const login = await generic.login('demo-generic');
    const genericId = sessionInfoSchema.parse(await login.json()).account.id;
    const response = await generic.request('POST', '/api/sync/push', {
      json: { ops: [holdCommand({ accountId: genericId, licence: 'L-200001' })] },
    });
    const [result] = pushResponseSchema.parse(await response.json()).results;
    expect(refusalOf(result).code).toBe('forbidden');
    const listing = await generic.request('GET', '/api/registrations?licence=L-200001');
    expect(listing.status).toBe(403);
    const number = await hold();
    expect((await generic.request('GET', `/api/registrations/${number}`)).status).toBe(404);
  });

  it('cancels until 23:00 local the same day, and not after', async () => {
    // Confirmed 22:58 EDT (02:58Z the next UTC day): cancellable until 23:00 EDT.
    server.clock.set('2026-03-11T02:57:00.000Z');
    await client.login('demo-agree');
    const { number } = await holdAndConfirm();
    server.clock.set('2026-03-11T02:59:59.000Z');
    const inTime = await direct(cancelCommand({ accountId, registrationNumber: number }));
    expect(inTime.status, inTime.text).toBe(200);

    server.clock.set('2026-03-11T02:57:00.000Z');
    const late = await holdAndConfirm();
    server.clock.set('2026-03-11T03:00:00.000Z');
    const tooLate = await direct(cancelCommand({ accountId, registrationNumber: late.number }));
    expect(tooLate.status).toBe(422);
    expect(refusalOf(tooLate.result)).toEqual({
      code: 'cancellation_too_late',
      paths: ['payload.registrationNumber'],
    });

    // Confirmed in the morning: the next day is too late, whatever the hour.
    server.clock.set('2026-03-10T14:00:00.000Z');
    const morning = await holdAndConfirm();
    server.clock.set('2026-03-11T13:00:00.000Z');
    await client.login('demo-agree');
    const nextDay = await direct(cancelCommand({ accountId, registrationNumber: morning.number }));
    expect(refusalOf(nextDay.result).code).toBe('cancellation_too_late');
    expect((await view(morning.number)).status).toBe('confirmed');
  });

  it('refuses a cancellation once a later transaction touched the vehicle', async () => {
    const car = freshCar();
    const { number } = await holdAndConfirm({ vehicle: car });
    server.clock.advance(60_000);
    const [transit] = await push([
      transitCommand({ accountId, vehicle: vehicle(0, { vin: car.vin }) }),
    ]);
    expect(transit?.status).toBe('applied');
    server.clock.advance(60_000);
    const command = cancelCommand({ accountId, registrationNumber: number });
    const answer = await direct(command);
    expect(refusalOf(answer.result)).toEqual({
      code: 'cancellation_superseded',
      paths: ['payload.registrationNumber'],
    });
    expect(await isAudited(command.id)).toBe(true);
    const still = await view(number);
    expect(still.documents.map((envelope) => envelope.status)).toEqual(['valid', 'valid', 'valid']);
  });

  it('refuses to cancel what is on hold or already cancelled', async () => {
    const onHold = await hold();
    const notConfirmed = await direct(cancelCommand({ accountId, registrationNumber: onHold }));
    expect(refusalOf(notConfirmed.result).code).toBe('registration_not_confirmed');
    const { number } = await holdAndConfirm();
    expect((await direct(cancelCommand({ accountId, registrationNumber: number }))).status).toBe(
      200,
    );
    const twice = await direct(cancelCommand({ accountId, registrationNumber: number }));
    expect(refusalOf(twice.result).code).toBe('registration_already_cancelled');
  });

  it('lists 7 days by default and refuses a window over 30 days', async () => {
    const number = await hold();
    const listing = registrationListSchema.parse(
      await (await client.request('GET', '/api/registrations?licence=L-100001')).json(),
    );
    expect(listing).toMatchObject({ from: '2026-03-04', to: '2026-03-10' });
    expect(listing.items.map((item) => item.number)).toContain(number);
    const old = registrationListSchema.parse(
      await (
        await client.request(
          'GET',
          '/api/registrations?licence=L-100001&from=2026-01-01&to=2026-01-05',
        )
      ).json(),
    );
    expect(old.items).toEqual([]);
    const tooLong = await client.request(
      'GET',
      '/api/registrations?licence=L-100001&from=2026-01-01&to=2026-03-10',
    );
    expect(tooLong.status).toBe(400);
    expect(apiErrorSchema.parse(await tooLong.json()).code).toBe('listing_window_too_long');
  });
});
