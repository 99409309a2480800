import { apiErrorSchema, operatorSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDistinctEnabledNames } from '../db/0020-operator-uniqueness.migration.js';
import { encryptSecret } from '../secret-box.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { fillOperatorPinKeys } from './operator-pin-key.js';

describe.each(ENGINES)('one name and one PIN per operator of a generic account on %s', (engine) => {
  let server: TestServer;
  let admin: HarnessClient;
  let lucId: string;

  const create = (displayName: string, pin: string) =>
    admin.request('POST', '/api/operators', {
      json: { licence: 'L-200001', displayName, pin },
    });
  const refusalOf = async (response: Response) => {
    const text = await response.text();
    return { status: response.status, text, error: apiErrorSchema.parse(JSON.parse(text)) };
  };

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = createHarnessClient(server);
    expect((await admin.login('demo-admin2')).status).toBe(200);
    const luc = await create('Luc Gagnon', '4821');
    expect(luc.status).toBe(201);
    lucId = operatorSchema.parse(await luc.json()).operatorId;
    expect((await create('Julie Roy', '1357')).status).toBe(201);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('refuses a second "Julie Roy", whatever the case, accents or spaces', async () => {
    const refused = await refusalOf(await create('  julie  RÔY ', '9999'));
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('operator_taken');
    expect(refused.error.fields).toMatchObject([
      { path: 'displayName', code: 'operator_name_taken' },
    ]);
  });

  it('refuses a PIN already in use without saying whose it is', async () => {
    const refused = await refusalOf(await create('Marc Tremblay', '4821'));
    expect(refused.status).toBe(409);
    expect(refused.error.fields).toMatchObject([{ path: 'pin', code: 'operator_pin_taken' }]);
    expect(refused.text).not.toContain('Luc');
    expect(refused.text).not.toContain(lucId);
    const audit = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('event', '=', 'request.refused')
      .where('detail_json', 'like', '%operator.create%')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a rename or a new PIN that another operator holds, and frees what a disabled one held', async () => {
    const rename = await admin.request('PATCH', `/api/operators/${lucId}`, {
      json: { displayName: 'JULIE ROY' },
    });
    expect((await refusalOf(rename)).error.fields).toMatchObject([{ path: 'displayName' }]);
    const repin = await admin.request('PATCH', `/api/operators/${lucId}`, {
      json: { pin: '1357' },
    });
    expect((await refusalOf(repin)).status).toBe(409);
    // Luc keeps his own PIN when only his name changes.
    const own = await admin.request('PATCH', `/api/operators/${lucId}`, {
      json: { displayName: 'Luc Gagnon', pin: '4821' },
    });
    expect(own.status).toBe(200);

    expect(
      (await admin.request('PATCH', `/api/operators/${lucId}`, { json: { disabled: true } }))
        .status,
    ).toBe(200);
    const successor = await create('Luc Gagnon', '4821');
    expect(successor.status).toBe(201);
    // The first Luc cannot come back with the name and PIN the second now holds.
    const back = await admin.request('PATCH', `/api/operators/${lucId}`, {
      json: { disabled: false },
    });
    const refused = await refusalOf(back);
    expect(refused.status).toBe(409);
    expect(refused.error.fields.map((field) => field.path)).toEqual(['displayName', 'pin']);
  });

  it('holds the rule in the database itself: two enabled rows with one name key are refused', async () => {
    const { db } = server.ctx.storage;
    const row = await db
      .selectFrom('operators')
      .selectAll()
      .where('display_name', '=', 'Julie Roy')
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('operators')
        .values({ ...row, id: `${row.id.slice(0, -4)}ffff`, pin_key: 'another' })
        .execute(),
    ).rejects.toThrow(/unique/i);
    await expect(
      db
        .insertInto('operators')
        .values({ ...row, id: `${row.id.slice(0, -4)}fffe`, name_key: 'autre nom' })
        .execute(),
    ).rejects.toThrow(/unique/i);
  });

  it('gives operators from before the constraint their PIN key, disabling a later one sharing a PIN', async () => {
    const { db } = server.ctx.storage;
    const { id: dealerId } = await db
      .selectFrom('licences')
      .select('dealer_id as id')
      .where('number', '=', 'L-100001')
      .executeTakeFirstOrThrow();
    const old = (id: string, name: string, createdAt: string) => ({
      id,
      dealer_id: dealerId,
      display_name: name,
      name_key: name.toLowerCase(),
      pin_hash: 'unused',
      pin_cipher: encryptSecret(server.ctx.secretKey, '2468'),
      pin_key: null,
      is_disabled: 0,
      created_at: createdAt,
      updated_at: createdAt,
    });
    await db
      .insertInto('operators')
      .values([
        old('0190a000-0000-7000-8000-000000000001', 'Ancien A', '2025-01-01T00:00:00.000Z'),
        old('0190a000-0000-7000-8000-000000000002', 'Ancien B', '2025-02-01T00:00:00.000Z'),
      ])
      .execute();
    expect(await fillOperatorPinKeys(server.ctx.storage, server.ctx.secretKey)).toBe(1);
    const rows = await db
      .selectFrom('operators')
      .select(['display_name', 'is_disabled', 'pin_key'])
      .where('dealer_id', '=', dealerId)
      .orderBy('created_at')
      .execute();
    expect(rows.map((row) => [row.display_name, row.is_disabled])).toEqual([
      ['Ancien A', 0],
      ['Ancien B', 1],
    ]);
    expect(rows.every((row) => row.pin_key !== null)).toBe(true);
    expect(await fillOperatorPinKeys(server.ctx.storage, server.ctx.secretKey)).toBe(0);
  });
});

describe('migration 0020 on existing duplicate names', () => {
  it('keeps the first enabled name and suffixes the later ones; disabled rows keep theirs', () => {
    const row = (id: string, name: string, isDisabled = 0, dealer = 'd1') => ({
      id,
      dealer_id: dealer,
      display_name: name,
      is_disabled: isDisabled,
    });
    const renamed = withDistinctEnabledNames([
      row('1', 'Julie Roy'),
      row('2', 'julie roy'),
      row('3', 'Julie Roy', 1),
      row('4', 'JULIE ROY'),
      row('5', 'Julie Roy', 0, 'd2'),
    ]);
    expect(renamed.map((entry) => entry.display_name)).toEqual([
      'Julie Roy',
      'julie roy (2)',
      'Julie Roy',
      'JULIE ROY (3)',
      'Julie Roy',
    ]);
  });
});
