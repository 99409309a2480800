import { bankAccountAnswerSchema, commandResultSchema, newId } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decryptSecret } from '../../secret-box.js';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import {
  expectRefusal,
  reauthenticate,
  signIn,
  type SignedIn,
} from '../../endpoints/registry-services.testing.js';

describe.each(ENGINES)('the bank account over HTTP on %s', (engine) => {
  let server: TestServer;
  let admin: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = await signIn(server, 'demo-admin');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  function setCommand(account = '0012-345678', id = newId()) {
    return {
      id,
      v: 1,
      type: 'bankaccount.set',
      licence: 'L-100001',
      kioskId: 'kiosk-test-1',
      actor: { accountId: admin.accountId },
      createdAt: server.clock.now().toISOString(),
      payload: {
        institution: '006',
        transit: '10 001',
        account,
        holderName: 'Automobiles Laurentides inc.',
      },
    };
  }

  async function storedRow() {
    return server.ctx.storage.db
      .selectFrom('bank_accounts')
      .selectAll()
      .where('dealer_id', '=', '01900000-0000-7000-8000-000000000001')
      .executeTakeFirstOrThrow();
  }

  it('shows the account on file masked', async () => {
    const response = await admin.client.request('GET', '/api/bank-account?licence=L-100001');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(bankAccountAnswerSchema.parse(JSON.parse(text)).account).toMatchObject({
      institution: '815',
      transit: '30123',
      accountMasked: '•••4567',
    });
    expect(text).not.toContain('1234567');
  });

  it('refuses a change without a fresh re-authentication, changing nothing', async () => {
    server.clock.advance(5 * 60_000 + 1000);
    const before = await storedRow();
    const response = await admin.client.request('POST', '/api/commands', { json: setCommand() });
    const result = commandResultSchema.parse(await response.json());
    expect(response.status).toBe(422);
    expect(result.error?.code).toBe('reauthentication_required');
    expect(result.error?.message).toEqual({
      fr: 'Veuillez vous authentifier de nouveau pour cette action.',
      en: 'Please sign in again for this action.',
    });
    expect(await storedRow()).toEqual(before);
  });

  it('replaces the account: encrypted at rest, masked in the view and the audit', async () => {
    await reauthenticate(admin.client);
    const command = setCommand();
    const response = await admin.client.request('POST', '/api/commands', { json: command });
    expect(response.status).toBe(200);
    const row = await storedRow();
    expect(row.account_last4).toBe('5678');
    expect(row.account_cipher).not.toContain('0012345678');
    expect(decryptSecret(server.ctx.secretKey, row.account_cipher)).toBe('0012345678');
    expect(row.branch_transit).toBe('10001');

    const view = bankAccountAnswerSchema.parse(
      await (await admin.client.request('GET', '/api/bank-account?licence=L-100002')).json(),
    );
    expect(view.account).toMatchObject({ institution: '006', accountMasked: '•••5678' });

    const audit = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['detail_json', 'licence'])
      .where('event', '=', 'bank_account.replaced')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail_json)).toMatchObject({
      before: '815-30123-•••4567',
      after: '006-10001-•••5678',
    });
    expect(audit.detail_json).not.toContain('0012345678');

    // A replay answers the same, byte for byte, and changes nothing.
    const replay = await admin.client.request('POST', '/api/commands', { json: command });
    expect(replay.status).toBe(200);
    expect((await storedRow()).updated_at).toBe(row.updated_at);
  });

  it('is for administrators only, online only, and checks the account number', async () => {
    const employee = await signIn(server, 'demo-agree');
    const foreign = { ...setCommand(), actor: { accountId: employee.accountId } };
    const refused = await employee.client.request('POST', '/api/commands', { json: foreign });
    expect(commandResultSchema.parse(await refused.json()).error?.code).toBe('forbidden');
    await expectRefusal(
      await employee.client.request('GET', '/api/bank-account?licence=L-100001'),
      403,
      'forbidden',
    );

    const queued = await admin.client.request('POST', '/api/sync/push', {
      json: { ops: [setCommand()] },
    });
    const [result] = z
      .object({ results: z.array(commandResultSchema) })
      .parse(await queued.json()).results;
    expect(result?.error?.code).toBe('online_only');

    await reauthenticate(admin.client);
    const bad = await admin.client.request('POST', '/api/commands', { json: setCommand('12') });
    const badResult = commandResultSchema.parse(await bad.json());
    expect(badResult.error?.fields).toEqual([
      expect.objectContaining({ path: 'payload.account', code: 'invalid_bank_account' }),
    ]);
  });
});
