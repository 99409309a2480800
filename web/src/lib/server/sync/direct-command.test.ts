import { apiErrorSchema, commandResultSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseJson } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('direct commands (POST /api/commands) on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const response = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await response.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function send(command: unknown, target = client) {
    const response = await target.request('POST', '/api/commands', { json: command });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  }

  it('applies a command through the push pipeline and replays it byte for byte, on either path', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(11) });
    const first = await send(command);
    expect(first.status).toBe(200);
    expect(commandResultSchema.parse(first.json).status).toBe('applied');
    const again = await send(command);
    expect(again.text).toBe(first.text);
    // One idempotency record per id, whichever way the command came.
    const pushed = await client.request('POST', '/api/sync/push', { json: { ops: [command] } });
    expect(await pushed.text()).toContain(first.text);
    const rows = await server.ctx.storage.db
      .selectFrom('documents')
      .select('number')
      .where('command_id', '=', command.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('answers a rejected command 422 with every failing field, stores it, and audits it', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(12) });
    const bad = { ...command, payload: { ...command.payload, days: 7 } };
    const answer = await send(bad);
    expect(answer.status).toBe(422);
    const result = commandResultSchema.parse(answer.json);
    expect(result.status).toBe('rejected');
    expect(result.error?.fields.map((field) => field.path)).toContain('payload.days');
    expect(result.error?.message.fr).toBeTruthy();
    expect((await send(bad)).text).toBe(answer.text);
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('subject')
      .where('event', '=', 'command.rejected')
      .where('subject', '=', command.id)
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('answers 503 retry when the transaction fails as a whole, keeps nothing, and applies the same command sent again', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(13) });
    // The database refuses the whole write once (a full disk, a lost connection at commit).
    const failure = vi
      .spyOn(server.ctx.storage, 'writeTransaction')
      .mockRejectedValueOnce(new Error('disk I/O error'));
    const refused = await send(command);
    failure.mockRestore();
    expect(refused.status).toBe(503);
    expect(commandResultSchema.parse(refused.json)).toEqual({ id: command.id, status: 'retry' });
    const kept = await server.ctx.storage.db
      .selectFrom('documents')
      .select('number')
      .where('command_id', '=', command.id)
      .execute();
    expect(kept).toHaveLength(0);
    // A retry is never stored: the same id sent again is applied, once.
    const again = await send(command);
    expect(again.status).toBe(200);
    expect(commandResultSchema.parse(again.json).status).toBe('applied');
  });

  it('refuses the anonymous, another actor, and a body that is not a command', async () => {
    const command = transitCommand({ accountId, vehicle: vehicle(13) });
    expect((await send(command, createHarnessClient(server))).status).toBe(401);
    const foreign = await send(transitCommand({ accountId: 'someone-else', vehicle: vehicle(13) }));
    expect(foreign.status).toBe(403);
    const refusal = apiErrorSchema.parse(foreign.json);
    expect(refusal.code).toBe('actor_not_session');
    expect(refusal.fields.map((field) => field.path)).toEqual(['actor']);
    const garbage = await send({ hello: 'world' });
    expect(garbage.status).toBe(400);
    const invalid = apiErrorSchema.parse(garbage.json);
    expect(invalid.code).toBe('invalid_input');
    expect(invalid.fields.map((field) => field.path)).toEqual(['id']);
  });
});
