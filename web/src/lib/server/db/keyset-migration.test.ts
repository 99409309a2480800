import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('migration 0009 on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(engine);
  });
  afterAll(() => server.dispose());

  it('lets the database itself refuse a command issuing the same kind of document twice', async () => {
    const { db } = server.ctx.storage;
    const row = {
      number: 'T-2026-999001',
      kind: 'transit',
      licence: 'L-100001',
      vin: '2HGFC2F55PH000101',
      customer_key: null,
      issued_at: '2026-03-10T15:00:00.000Z',
      expires_at: null,
      status: 'issued',
      document_json: '{}',
      jws: 'jws',
      qr_token: 'qr',
      print_count: 0,
      command_id: 'command-1',
      change_seq: 1,
    };
    await db.insertInto('documents').values(row).execute();
    const copy = { ...row, number: 'T-2026-999002' };
    await expect(db.insertInto('documents').values(copy).execute()).rejects.toThrow(/unique/i);
    // Another kind under the same command (a registration issues three) is allowed.
    await db
      .insertInto('documents')
      .values({ ...copy, number: 'ATAC-2026-999003', kind: 'atac' })
      .execute();
  });
});
