import {
  documentEnvelopeSchema,
  errorCatalogue,
  pushResponseSchema,
  sessionInfoSchema,
  type CommandResult,
} from '@comptoir/shared';
import { verifyDocument } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, vehicle } from '../../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../../testing/http-harness.js';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import { freshVins, inventoryCommand, appliedOf } from '../registration/registration-testing.js';
import { verifyPublic } from '../../endpoints/verification.service.js';

const [firstVin = '', secondVin = '', thirdVin = ''] = freshVins('5', 3);

describe.each(ENGINES)('inventory record over HTTP on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const login = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await login.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function push(ops: unknown[], target = client): Promise<CommandResult[]> {
    const response = await target.request('POST', '/api/sync/push', { json: { ops } });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  it('records the vehicle into the inventory with a signed proof of registration, no plate', async () => {
    const command = inventoryCommand({ accountId, vehicle: vehicle(6, { vin: firstVin }) });
    const [result] = await push([command]);
    expect(result?.status, JSON.stringify(result)).toBe('applied');
    const transaction = appliedOf(result).transaction;
    expect(transaction).toEqual({
      number: expect.stringMatching(/^E-2026-\d{6}$/) as unknown,
      type: 'inventory',
      status: 'recorded',
    });
    expect(appliedOf(result).plateNumbers).toBeUndefined();
    const [proof] = appliedOf(result).documents;
    expect(proof?.kind).toBe('proof_of_registration');
    expect(proof?.expiresAt).toBeUndefined();

    const envelope = documentEnvelopeSchema.parse(
      await (await client.request('GET', `/api/documents/${proof?.number ?? ''}`)).json(),
    );
    expect(envelope.document).toMatchObject({
      kind: 'proof_of_registration',
      transactionNumber: transaction?.number,
      vehicle: { vin: firstVin },
      employeeSignature: { accountId, name: 'Employé agréé' },
    });
    const verified = await verifyDocument(envelope.jws, server.ctx.signer.jwks(), {
      now: server.clock.now(),
    });
    expect(verified.document).toEqual(envelope.document);
    expect(
      await verifyPublic(server.ctx, envelope.document.number, envelope.qrToken),
    ).toMatchObject({ status: 'valid', token: 'authentic' });

    const { db } = server.ctx.storage;
    const record = await db
      .selectFrom('inventory_records')
      .select(['number', 'vin', 'acquired_on'])
      .where('command_id', '=', command.id)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      number: transaction?.number,
      vin: firstVin,
      acquired_on: '2026-03-09',
    });
    // The registry shows the dealer as the owner from today.
    const owners = await db
      .selectFrom('vehicle_ownerships')
      .select(['owner_name', 'owner_driver_licence', 'from_date', 'to_date'])
      .where('vin', '=', firstVin)
      .execute();
    expect(owners).toEqual([
      {
        owner_name: 'Automobiles Laurentides inc.',
        owner_driver_licence: null,
        from_date: '2026-03-10',
        to_date: null,
      },
    ]);
    const known = await db
      .selectFrom('registry_vehicles')
      .select('vin')
      .where('vin', '=', firstVin)
      .execute();
    expect(known).toHaveLength(1);

    // A replay answers the same and records nothing twice.
    const [replay] = await push([command]);
    expect(replay).toEqual(result);
    const count = await db
      .selectFrom('inventory_records')
      .select('number')
      .where('vin', '=', firstVin)
      .execute();
    expect(count).toHaveLength(1);
  });

  it('refuses a seller whose right to register is blocked, and writes nothing', async () => {
    const command = inventoryCommand({
      accountId,
      vehicle: vehicle(6, { vin: secondVin }),
      seller: person({ driverLicence: 'B567890123456' }),
    });
    const [result] = await push([command]);
    expect(result?.status).toBe('rejected');
    expect(result?.error).toMatchObject({
      code: 'right_to_register_blocked',
      message: errorCatalogue.right_to_register_blocked,
      fields: [{ path: 'payload.seller.driverLicence', code: 'right_to_register_blocked' }],
    });
    const { db } = server.ctx.storage;
    expect(
      await db
        .selectFrom('inventory_records')
        .select('number')
        .where('vin', '=', secondVin)
        .execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('vehicle_ownerships').select('id').where('vin', '=', secondVin).execute(),
    ).toEqual([]);
    const audited = await db
      .selectFrom('audit_log')
      .select('subject')
      .where('event', '=', 'command.rejected')
      .where('subject', '=', command.id)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('is for accredited employees only', async () => {
    const generic = createHarnessClient(server);
    const login = await generic.login('demo-generic');
    const genericId = sessionInfoSchema.parse(await login.json()).account.id;
    const [result] = await push(
      [
        inventoryCommand({
          accountId: genericId,
          licence: 'L-200001',
          vehicle: vehicle(6, { vin: thirdVin }),
        }),
      ],
      generic,
    );
    expect(result?.error?.code).toBe('forbidden');
  });
});
