import { apiErrorSchema, pushResponseSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { SPECIAL_KEYS } from './json-intake.js';

/** `depth` nested arrays as JSON text (built as text: JSON.stringify itself recurses). */
function nestedText(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** A command's JSON text with `extra` (raw JSON text) spliced in as the payload's last member. */
function withRawPayloadMember(command: object, extra: string): string {
  const text = JSON.stringify(command);
  const at = text.indexOf('"payload":{') + '"payload":{'.length;
  return `${text.slice(0, at)}${extra},${text.slice(at)}`;
}

describe.each(ENGINES)('JSON intake on %s', (engine) => {
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

  const pushText = (opsText: string[]) =>
    client.request('POST', '/api/sync/push', { body: `{"ops":[${opsText.join(',')}]}` });

  it('rejects a deeply nested op alone: the rest of the batch applies, never a 500', async () => {
    const valid = transitCommand({ accountId, vehicle: vehicle(1) });
    const deep = transitCommand({ accountId, vehicle: vehicle(2) });
    const deepText = JSON.stringify(deep).replace(
      '"days":10',
      `"days":10,"extra":${nestedText(5000)}`,
    );
    const response = await pushText([JSON.stringify(valid), deepText]);
    expect(response.status).toBe(200);
    const { results } = pushResponseSchema.parse(await response.json());
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected']);
    expect(results[1]?.error?.code).toBe('invalid_input');
    expect(results[1]?.error?.fields[0]?.code).toBe('json_too_deep');
  });

  it('answers a deeply nested direct command with a refusal, never a 500', async () => {
    const deep = transitCommand({ accountId, vehicle: vehicle(3) });
    const body = JSON.stringify(deep).replace('"days":10', `"days":${nestedText(20_000)}`);
    const response = await client.request('POST', '/api/commands', { body });
    expect(response.status).toBeLessThan(500);
  });

  it.each(SPECIAL_KEYS)(
    'never takes two bodies differing only inside "%s" for a replay',
    async (key) => {
      const command = transitCommand({ accountId, vehicle: vehicle(4) });
      const first = await pushText([withRawPayloadMember(command, `"${key}":{"a":1}`)]);
      const [firstResult] = pushResponseSchema.parse(await first.json()).results;
      expect(firstResult?.status).toBe('rejected');
      expect(firstResult?.error?.fields[0]?.code).toBe('json_forbidden_key');
      const second = await pushText([withRawPayloadMember(command, `"${key}":{"a":2}`)]);
      const [secondResult] = pushResponseSchema.parse(await second.json()).results;
      expect(secondResult?.error?.code).toBe('idempotency_conflict');
    },
  );

  it.each(SPECIAL_KEYS)('refuses "%s" in any other JSON body with 400', async (key) => {
    const anonymous = createHarnessClient(server);
    const response = await anonymous.request('POST', '/api/auth/login', {
      body: `{"username":"demo-agree","password":"demo-password","${key}":{"isAdmin":true}}`,
    });
    expect(response.status).toBe(400);
    const error = apiErrorSchema.parse(await response.json());
    expect(error.fields.map((field) => field.code)).toContain('json_forbidden_key');
  });

  it('refuses a deeply nested body elsewhere with 400, never a 500', async () => {
    const anonymous = createHarnessClient(server);
    const response = await anonymous.request('POST', '/api/auth/login', {
      body: `{"username":"x","password":${nestedText(100_000)}}`,
    });
    expect(response.status).toBe(400);
    const error = apiErrorSchema.parse(await response.json());
    expect(error.fields.map((field) => field.code)).toContain('json_too_deep');
  });
});
