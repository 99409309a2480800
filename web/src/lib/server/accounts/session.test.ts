import {
  apiErrorSchema,
  pullResponseSchema,
  sessionInfoSchema,
  sessionLookupSchema,
} from '@comptoir/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/demo-seed.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('accounts, sessions and demo data on %s', (engine) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('has no demo account without COMPTOIR_DEMO, and seeds once with it', async () => {
    server = await createTestServer(engine, { demo: false });
    const client = createHarnessClient(server);
    expect((await client.login('demo-admin')).status).toBe(401);
    const { db } = server.ctx.storage;
    const count = async (table: 'accounts' | 'dealers' | 'licences') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('accounts')).toBe(0);

    await seedDemo(server.ctx);
    await seedDemo(server.ctx);
    expect(await count('accounts')).toBe(5);
    expect(await count('dealers')).toBe(2);
    expect(await count('licences')).toBe(3);
    for (const username of [
      'demo-admin',
      'demo-agree',
      'demo-admin2',
      'demo-generic',
      'demo-staff',
    ]) {
      expect((await createHarnessClient(server).login(username)).status).toBe(200);
    }
    const hash = await db.selectFrom('accounts').select('password_hash').executeTakeFirstOrThrow();
    expect(hash.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('gives each account its licences and roles, and ends sessions on logout', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const login = await client.login('demo-generic');
    const info = sessionInfoSchema.parse(await login.json());
    expect(info.account.kind).toBe('generic');
    expect(info.licences).toEqual([
      expect.objectContaining({ licence: 'L-200001', role: 'generic_employee', accredited: false }),
    ]);
    const accountId = info.account.id;
    // Not its licence: rejected per command, and the listing is refused.
    const push = await client.request('POST', '/api/sync/push', {
      json: { ops: [transitCommand({ accountId, licence: 'L-100001' })] },
    });
    expect(await push.text()).toContain('licence_not_permitted');
    const lookup = await client.request('GET', '/api/auth/session?ifSignedIn=1');
    expect(sessionLookupSchema.parse(await lookup.json()).session?.account.id).toBe(accountId);
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    const after = await client.request('GET', '/api/auth/session');
    expect(after.status).toBe(401);
    expect(apiErrorSchema.parse(await after.json()).code).toBe('unauthenticated');
    // The kiosk's start-up check: signed out is an answer, not an error the browser logs.
    const quiet = await client.request('GET', '/api/auth/session?ifSignedIn=1');
    expect(quiet.status).toBe(200);
    expect(sessionLookupSchema.parse(await quiet.json())).toEqual({ session: null });
    const unknown = await client.request('GET', '/api/auth/session?ifSignedIn=yes');
    expect(unknown.status).toBe(400);
    expect(apiErrorSchema.parse(await unknown.json()).fields[0]?.path).toBe('ifSignedIn');
  });

  it('pages pulls with `more` and a cursor that never goes back', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const { account } = sessionInfoSchema.parse(await (await client.login('demo-agree')).json());
    const ops = [0, 1, 2].map((index) =>
      transitCommand({ accountId: account.id, vehicle: vehicle(index === 2 ? 9 : index) }),
    );
    await client.request('POST', '/api/sync/push', { json: { ops } });
    const first = pullResponseSchema.parse(
      await (await client.request('GET', '/api/sync/pull?licence=L-100001&since=0&limit=2')).json(),
    );
    expect(first.changes).toHaveLength(2);
    expect(first.more).toBe(true);
    const second = pullResponseSchema.parse(
      await (
        await client.request(
          'GET',
          `/api/sync/pull?licence=L-100001&since=${String(first.cursor)}&limit=2`,
        )
      ).json(),
    );
    expect(second.changes).toHaveLength(1);
    expect(second.more).toBe(false);
    expect(second.cursor).toBeGreaterThan(first.cursor);
    const bad = await client.request('GET', '/api/sync/pull?licence=L-100001&since=-4');
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(await bad.json()).fields[0]?.path).toBe('since');
  });

  it('rate-limits an account with growing delays and Retry-After, audited', async () => {
    server = await createTestServer(engine);
    const client = createHarnessClient(server);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await client.login('demo-admin', 'wrong-password')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password waits out the delay.
    const blocked = await client.login('demo-admin');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('30');
    server.clock.advance(31_000);
    expect((await client.login('demo-admin', 'wrong-password')).status).toBe(401);
    const longer = await client.login('demo-admin');
    expect(longer.headers.get('retry-after')).toBe('60');
    server.clock.advance(61_000);
    expect((await client.login('demo-admin')).status).toBe(200);
    // A success clears the account's count.
    expect((await client.login('demo-admin', 'wrong-password')).status).toBe(401);
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('event')
      .where('subject', '=', 'demo-admin')
      .execute();
    expect(audited.map((row) => row.event)).toContain('signin.rate_limited');
  }, 30_000);

  it('limits an address far above one dealership, and counters are shared through the database', async () => {
    server = await createTestServer(engine);
    const { db } = server.ctx.storage;
    // 99 failures already counted by other processes from one address.
    await db
      .insertInto('signin_throttle')
      .values({
        key: 'address:24.48.0.1',
        failures: 99,
        window_started_at: server.clock.now().toISOString(),
        blocked_until: null,
      })
      .execute();
    const client = createHarnessClient(server);
    const from = { clientAddress: '24.48.0.1' };
    const attempt = (username: string, password: string) =>
      client.request('POST', '/api/auth/login', { json: { username, password }, ...from });
    expect((await attempt('someone-else', 'wrong-password')).status).toBe(401);
    const refused = await attempt('demo-agree', 'demo-password');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    // Another address of the same dealership is not affected.
    expect(
      (
        await client.request('POST', '/api/auth/login', {
          json: { username: 'demo-agree', password: 'demo-password' },
          clientAddress: '24.48.0.2',
        })
      ).status,
    ).toBe(200);
  }, 30_000);
});
