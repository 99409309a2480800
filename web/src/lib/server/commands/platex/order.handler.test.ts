import {
  commandResultSchema,
  newId,
  pushResponseSchema,
  sessionInfoSchema,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import { seedRegistry, signIn, type SignedIn } from '../../endpoints/registry-services.testing.js';

describe.each(ENGINES)('plate X orders over HTTP on %s', (engine) => {
  let server: TestServer;
  let admin: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    await seedRegistry(server);
    admin = await signIn(server, 'demo-admin');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  function order(quantity: unknown, licence = 'L-100001', accountId = admin.accountId) {
    return {
      id: newId(),
      v: 1,
      type: 'platex.order',
      licence,
      kioskId: 'kiosk-test-1',
      actor: { accountId },
      createdAt: server.clock.now().toISOString(),
      payload: { quantity },
    };
  }

  async function push(ops: unknown[], client = admin.client) {
    const response = await client.request('POST', '/api/sync/push', { json: { ops } });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  it('numbers the plates at once, never the same twice, and mails them to the licence', async () => {
    const [first, second] = await push([order(3), order(2)]);
    expect(first?.status).toBe('applied');
    const plates = [first, second].flatMap(
      (result) =>
        z.object({ plateNumbers: z.array(z.string()) }).parse(result?.result).plateNumbers,
    );
    expect(plates).toHaveLength(5);
    expect(new Set(plates).size).toBe(5);
    for (const plate of plates) expect(plate).toMatch(/^X\d{5}$/);

    const stored = await server.ctx.storage.db
      .selectFrom('plate_x_orders')
      .selectAll()
      .where('command_id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.delivery_address_json)).toMatchObject({ city: 'Saint-Jérôme' });
    expect(JSON.parse(stored.plate_numbers_json)).toEqual(plates.slice(0, 3));
  });

  it('tells the kiosk, in the session, the address the plates go to (asked before ordering)', async () => {
    const response = await admin.client.request('GET', '/api/auth/session');
    const info = sessionInfoSchema.parse(await response.json());
    const licence = info.licences.find((entry) => entry.licence === 'L-100001');
    expect(licence?.address).toMatchObject({ city: 'Saint-Jérôme', province: 'QC' });
  });

  it('refuses a licence without an address on file, with its code and messages, writing nothing', async () => {
    await server.ctx.storage.db
      .updateTable('licences')
      .set({ address_json: null })
      .where('number', '=', 'L-100002')
      .execute();
    const [result] = await push([order(1, 'L-100002')]);
    const parsed = commandResultSchema.parse(result);
    expect(parsed.error?.code).toBe('licence_no_address');
    expect(parsed.error?.message.fr).toContain('adresse');
    expect(parsed.error?.message.en).toContain('address');
    const orders = await server.ctx.storage.db
      .selectFrom('plate_x_orders')
      .select('command_id')
      .where('licence', '=', 'L-100002')
      .execute();
    expect(orders).toEqual([]);
  });

  it('is for administrators only and checks the quantity', async () => {
    const employee = await signIn(server, 'demo-agree');
    const [forbidden] = await push([order(1, 'L-100001', employee.accountId)], employee.client);
    expect(forbidden?.error?.code).toBe('forbidden');
    const [tooMany] = await push([order(11)]);
    expect(tooMany?.error?.fields[0]).toMatchObject({
      path: 'payload.quantity',
      code: 'too_large',
    });
  });
});
