import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/test-env.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { readiness } from './readiness.service.js';

describe.each(ENGINES)('readiness on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(engine, { demo: false });
  });
  afterAll(() => server.dispose());

  it('is ready when the database answers and the keyset is the registry’s', async () => {
    expect(await readiness(server.ctx)).toEqual({
      isReady: true,
      checks: { database: 'ok', keyset: 'ok' },
    });
  });

  it('is not ready when this process holds another secret than the database’s', async () => {
    const drifted = { ...server.ctx, secretKey: randomBytes(32) };
    expect(await readiness(drifted)).toEqual({
      isReady: false,
      checks: { database: 'ok', keyset: 'failed' },
    });
  });

  it('answers 503 over HTTP when not ready, so a load balancer sends nothing here', async () => {
    const drifted = { ...server, ctx: { ...server.ctx, secretKey: randomBytes(32) } };
    const response = await createHarnessClient(drifted).request('GET', '/api/health/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'not_ready',
      checks: { database: 'ok', keyset: 'failed' },
    });
    const ready = await createHarnessClient(server).request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
  });
});
