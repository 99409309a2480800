import {
  apiErrorSchema,
  pullResponseSchema,
  pushResponseSchema,
  recoverResponseSchema,
  sessionInfoSchema,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitCommand } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

// The refusals of `POST /api/sync/recover` (the happy path is restore-resync.test.ts).
describe.each(ENGINES)('POST /api/sync/recover refusals (%s)', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId = '';
  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const login = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await login.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function issued() {
    const command = transitCommand({ accountId });
    const push = pushResponseSchema.parse(
      await (await client.request('POST', '/api/sync/push', { json: { ops: [command] } })).json(),
    );
    const result = push.results[0]?.result;
    const pull = pullResponseSchema.parse(
      await (await client.request('GET', '/api/sync/pull?licence=L-100001')).json(),
    );
    expect(pull.epoch).toEqual({ epoch: 1 });
    const change = pull.changes.at(-1);
    return { command, result, jws: change?.jws ?? '', qrToken: change?.qrToken ?? '' };
  }

  it('answers known, refuses a forged signature or a taken number, and audits the refusals', async () => {
    const { command, result, jws, qrToken } = await issued();
    const send = (items: unknown[], epoch = 1) =>
      client.request('POST', '/api/sync/recover', { json: { epoch, items } });

    const known = await send([{ command, result, documents: [{ jws, qrToken }] }]);
    expect(recoverResponseSchema.parse(await known.json()).results).toEqual([
      { id: command.id, outcome: 'known' },
    ]);

    // Another command claiming the same signed paper: the number is taken.
    const other = transitCommand({ accountId });
    const taken = await send([{ command: other, result, documents: [{ jws, qrToken }] }]);
    const [collision] = recoverResponseSchema.parse(await taken.json()).results;
    expect(collision).toMatchObject({
      outcome: 'refused',
      error: { code: 'recovery_number_collision' },
    });

    // A document whose content was altered after signing.
    const [header, payload, signature] = jws.split('.');
    const forgedPayload = Buffer.from(
      Buffer.from(payload ?? '', 'base64url')
        .toString()
        .replace('"days":', '"days" :'),
    ).toString('base64url');
    const forged = transitCommand({ accountId });
    const refused = await send([
      {
        command: forged,
        result,
        documents: [{ jws: `${header}.${forgedPayload}.${signature}`, qrToken }],
      },
    ]);
    const [bad] = recoverResponseSchema.parse(await refused.json()).results;
    expect(bad).toMatchObject({
      outcome: 'refused',
      error: { code: 'recovery_signature_invalid' },
    });

    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('subject')
      .where('event', '=', 'recovery.refused')
      .execute();
    expect(audited.map((row) => row.subject).sort()).toEqual([other.id, forged.id].sort());
    // Neither refusal recorded anything under its id.
    const stored = await server.ctx.storage.db
      .selectFrom('idempotency')
      .select('command_id')
      .where('command_id', 'in', [other.id, forged.id])
      .execute();
    expect(stored).toEqual([]);
  });

  it('answers 409 for another epoch, 400 for a bad body, 401 without a session', async () => {
    const { command, result, jws, qrToken } = await issued();
    const body = { epoch: 2, items: [{ command, result, documents: [{ jws, qrToken }] }] };
    const mismatch = await client.request('POST', '/api/sync/recover', { json: body });
    expect(mismatch.status).toBe(409);
    expect(apiErrorSchema.parse(await mismatch.json()).code).toBe('epoch_mismatch');
    const invalid = await client.request('POST', '/api/sync/recover', {
      json: { epoch: 1, items: [] },
    });
    expect(invalid.status).toBe(400);
    const anonymous = await createHarnessClient(server).request('POST', '/api/sync/recover', {
      json: { ...body, epoch: 1 },
    });
    expect(anonymous.status).toBe(401);
  });
});
