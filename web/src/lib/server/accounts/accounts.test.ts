import {
  apiErrorSchema,
  genericAccountSchema,
  issuedAccessCodeSchema,
  reauthenticationSchema,
  sessionInfoSchema,
  sessionListSchema,
  signupResponseSchema,
} from '@comptoir/shared';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_ACCESS_CODE,
  DEMO_ACCREDITED_WITHOUT_ADMIN,
  DEMO_NOT_A_DEALER,
  DEMO_SOLE_PROPRIETOR,
  seedDemoAccounts,
} from '../demo/demo-seed-accounts.js';
import { createHandle } from '../http/handle.js';
import { flushRefusals } from '../http/refusal-tally.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { hasFreshReauthentication } from './reauthentication.js';

const PASSWORD = 'correct-horse-42';

/** The RequestEvent fields the hook reads. */
function hookEvent(request: Request): RequestEvent {
  const event = {
    request,
    url: new URL(request.url),
    locals: {},
    cookies: { get: () => undefined },
    getClientAddress: () => '127.0.0.1',
  };
  // The hook refuses these requests before anything else of the event is read.
  return event as unknown as RequestEvent;
}

async function errorOf(response: Response) {
  return apiErrorSchema.parse(await response.json());
}

async function auditEvents(server: TestServer, event: string) {
  return server.ctx.storage.db
    .selectFrom('audit_log')
    .select(['event', 'detail_json', 'actor', 'subject'])
    .where('event', '=', event)
    .execute();
}

describe.each(ENGINES)('accounts and sign-up on %s', (engine) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  async function start(): Promise<TestServer> {
    server = await createTestServer(engine);
    await seedDemoAccounts(server.ctx);
    await seedDemoAccounts(server.ctx);
    return server;
  }

  const adminBody = (overrides: Record<string, unknown> = {}) => ({
    neq: DEMO_ACCREDITED_WITHOUT_ADMIN.neq,
    ...DEMO_ACCREDITED_WITHOUT_ADMIN.administrator,
    username: 'paul.lavoie',
    password: PASSWORD,
    ...overrides,
  });

  it('signs up a dealer administrator only per the enterprise registry, each refusal naming its rule', async () => {
    const test = await start();
    const client = createHarnessClient(test);
    const post = (body: unknown) =>
      client.request('POST', '/api/signup/administrator', { json: body });

    const unknown = await post(adminBody({ neq: '9990000009' }));
    expect(unknown.status).toBe(422);
    expect(await errorOf(unknown)).toMatchObject({
      code: 'signup_enterprise_unknown',
      fields: [{ path: 'neq' }],
    });
    const notDealer = await errorOf(await post(adminBody({ neq: DEMO_NOT_A_DEALER.neq })));
    expect(notDealer.code).toBe('signup_not_a_dealer');
    const notAdmin = await errorOf(await post(adminBody({ firstName: 'Pierre' })));
    expect(notAdmin.code).toBe('signup_not_administrator');
    expect(notAdmin.message.fr).toContain('administrateur');
    expect(notAdmin.fields.map((field) => field.path)).toEqual([
      'firstName',
      'lastName',
      'driverLicence',
    ]);
    const weak = await post(adminBody({ password: 'short1' }));
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).fields).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_too_short' }),
    ]);
    // Laurentides already has its administrator (demo-admin).
    const exists = await post(
      adminBody({
        neq: '1160000001',
        firstName: 'Marie',
        lastName: 'Tremblay',
        driverLicence: 'T123456789012',
      }),
    );
    expect((await errorOf(exists)).code).toBe('signup_administrator_exists');
    expect(await auditEvents(test, 'signup.administrator.refused')).toHaveLength(4);

    // Names compare as people type them (accents, case); the licence is normalized.
    const created = await post(
      adminBody({ firstName: 'PAUL', lastName: 'lavoie', driverLicence: 'l4567-890123-45' }),
    );
    expect(created.status).toBe(201);
    expect(signupResponseSchema.parse(await created.json()).licences).toEqual([
      DEMO_ACCREDITED_WITHOUT_ADMIN.licence,
    ]);
    const again = await post(adminBody({ username: 'paul2' }));
    expect((await errorOf(again)).code).toBe('signup_administrator_exists');
    // Greeted as the enterprise registry spells the name, not as typed (issue 19).
    const paul = sessionInfoSchema.parse(
      await (await client.login(String(adminBody().username), PASSWORD)).json(),
    );
    expect(paul.account.displayName).toBe('Paul Lavoie');

    // A sole proprietor signs up as themself, with no listed administrator.
    const sole = await post({
      neq: DEMO_SOLE_PROPRIETOR.neq,
      firstName: 'Sylvie',
      lastName: 'Bergeron',
      driverLicence: DEMO_SOLE_PROPRIETOR.driverLicence,
      username: 'sylvie',
      password: PASSWORD,
    });
    expect(sole.status).toBe(201);
    const login = await client.login('sylvie', PASSWORD);
    const info = sessionInfoSchema.parse(await login.json());
    expect(info.licences).toEqual([
      expect.objectContaining({ licence: DEMO_SOLE_PROPRIETOR.licence, role: 'administrator' }),
    ]);
  });

  it('issues an access code once, hashed, to staff with a fresh re-authentication; the employee signs up with it once', async () => {
    const test = await start();
    const staff = createHarnessClient(test);
    await staff.login('demo-staff');
    const issue = (body: unknown) =>
      staff.request('POST', '/api/staff/access-codes', { json: body });
    const person = { firstName: 'Luc', lastName: 'Paré', driverLicence: 'P111122223333' };

    // Not staff: refused and audited.
    const admin = createHarnessClient(test);
    await admin.login('demo-admin');
    const notStaff = await admin.request('POST', '/api/staff/access-codes', {
      json: { neq: '1160000001', ...person },
    });
    expect(notStaff.status).toBe(403);

    // A non-accredited dealer's employees use generic accounts.
    const generic = await issue({ neq: '2260000002', ...person });
    expect((await errorOf(generic)).code).toBe('dealer_not_accredited');

    // The sign-in counted as authentication; 6 minutes later it no longer does.
    test.clock.advance(6 * 60_000);
    const stale = await issue({ neq: '1160000001', ...person });
    expect(stale.status).toBe(403);
    expect((await errorOf(stale)).code).toBe('reauthentication_required');
    const wrong = await staff.request('POST', '/api/auth/reauthenticate', {
      json: { password: 'not-the-password' },
    });
    expect(wrong.status).toBe(403);
    const reauth = await staff.request('POST', '/api/auth/reauthenticate', {
      json: { password: 'demo-password' },
    });
    expect(reauth.status).toBe(200);
    const fresh = reauthenticationSchema.parse(await reauth.json());
    expect(new Date(fresh.validUntil).getTime() - new Date(fresh.reauthenticatedAt).getTime()).toBe(
      5 * 60_000,
    );

    const issued = await issue({ neq: '1160000001', ...person });
    expect(issued.status).toBe(201);
    const { code } = issuedAccessCodeSchema.parse(await issued.json());
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const stored = await test.ctx.storage.db.selectFrom('access_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code);

    const employee = createHarnessClient(test);
    const signup = (body: Record<string, unknown>) =>
      employee.request('POST', '/api/signup/employee', {
        json: { accessCode: code, ...person, username: 'luc.pare', password: PASSWORD, ...body },
      });
    // Not shareable: the code is bound to its person.
    const someoneElse = await signup({ firstName: 'Jean', driverLicence: 'J111122223333' });
    expect((await errorOf(someoneElse)).code).toBe('access_code_invalid');
    const created = await signup({ accessCode: code.toLowerCase() });
    expect(created.status).toBe(201);
    const reused = await signup({ username: 'luc2' });
    expect((await errorOf(reused)).code).toBe('access_code_invalid');
    const info = sessionInfoSchema.parse(await (await employee.login('luc.pare', PASSWORD)).json());
    expect(info.licences.map((entry) => [entry.licence, entry.role])).toEqual([
      ['L-100001', 'accredited_employee'],
      ['L-100002', 'accredited_employee'],
    ]);
    expect(await auditEvents(test, 'access_code.issued')).toHaveLength(1);
  });

  it('refuses an employee before the dealer administrator exists, and one person twice', async () => {
    const test = await start();
    const staff = createHarnessClient(test);
    await staff.login('demo-staff');
    const person = { firstName: 'Anne', lastName: 'Roy', driverLicence: 'R999988887777' };
    const issued = issuedAccessCodeSchema.parse(
      await (
        await staff.request('POST', '/api/staff/access-codes', {
          json: { neq: DEMO_ACCREDITED_WITHOUT_ADMIN.neq, ...person },
        })
      ).json(),
    );
    const client = createHarnessClient(test);
    const early = await client.request('POST', '/api/signup/employee', {
      json: { accessCode: issued.code, ...person, username: 'anne', password: PASSWORD },
    });
    expect((await errorOf(early)).code).toBe('signup_administrator_missing');

    const demoCode = await client.request('POST', '/api/signup/employee', {
      json: {
        accessCode: DEMO_ACCESS_CODE.code,
        firstName: DEMO_ACCESS_CODE.firstName,
        lastName: DEMO_ACCESS_CODE.lastName,
        driverLicence: DEMO_ACCESS_CODE.driverLicence,
        username: 'demo-admin',
        password: PASSWORD,
      },
    });
    expect((await errorOf(demoCode)).code).toBe('username_taken');
  });

  it('lets a non-accredited dealer administrator create, rename, disable and reset generic accounts', async () => {
    const test = await start();
    const admin = createHarnessClient(test);
    await admin.login('demo-admin2');
    const created = await admin.request('POST', '/api/accounts/generic', {
      json: {
        licence: 'L-200001',
        username: 'Comptoir-2',
        displayName: 'Comptoir 2',
        password: PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    const account = genericAccountSchema.parse(await created.json());
    expect(account).toMatchObject({ username: 'comptoir-2', licences: ['L-200001'] });

    const showroom = createHarnessClient(test);
    expect((await showroom.login('comptoir-2', PASSWORD)).status).toBe(200);
    const patch = (body: Record<string, unknown>) =>
      admin.request('PATCH', `/api/accounts/generic/${account.id}`, {
        json: { licence: 'L-200001', ...body },
      });
    expect((await patch({ displayName: 'Comptoir avant' })).status).toBe(200);
    expect((await showroom.request('GET', '/api/auth/session')).status).toBe(200);
    // Disabling ends its session at once.
    expect((await patch({ isDisabled: true })).status).toBe(200);
    expect((await showroom.request('GET', '/api/auth/session')).status).toBe(401);
    expect((await showroom.login('comptoir-2', PASSWORD)).status).toBe(401);
    expect((await patch({ isDisabled: false, password: 'new-password-77' })).status).toBe(200);
    expect((await showroom.login('comptoir-2', 'new-password-77')).status).toBe(200);

    const list = await admin.request('GET', '/api/accounts/generic?licence=L-200001');
    expect(await list.json()).toMatchObject({
      accounts: expect.arrayContaining([
        expect.objectContaining({ displayName: 'Comptoir avant' }),
      ]),
    });

    // An accredited dealer has none; another dealer's admin cannot touch this one.
    const accredited = createHarnessClient(test);
    await accredited.login('demo-admin');
    const refused = await accredited.request('POST', '/api/accounts/generic', {
      json: { licence: 'L-100001', username: 'x-generic', displayName: 'X', password: PASSWORD },
    });
    expect((await errorOf(refused)).code).toBe('generic_accounts_accredited_dealer');
    const foreign = await accredited.request('PATCH', `/api/accounts/generic/${account.id}`, {
      json: { licence: 'L-100001', isDisabled: true },
    });
    expect(foreign.status).toBe(404);
    const notHeld = await accredited.request('PATCH', `/api/accounts/generic/${account.id}`, {
      json: { licence: 'L-200001', isDisabled: true },
    });
    expect((await errorOf(notHeld)).code).toBe('licence_not_permitted');
  });

  it('ends idle sessions, ignores background sync as activity, and ends every session after 12 h', async () => {
    const test = await start();
    const client = createHarnessClient(test);
    expect((await client.login('demo-agree')).status).toBe(200);
    const session = (background = false) =>
      client.request('GET', '/api/auth/session', {
        headers: background ? { 'x-comptoir-background': '1' } : {},
      });
    test.clock.advance(10 * 60_000);
    expect((await session()).status).toBe(200);
    test.clock.advance(10 * 60_000);
    // Background sync keeps working but does not keep the person signed in.
    expect((await session(true)).status).toBe(200);
    test.clock.advance(6 * 60_000);
    expect((await session()).status).toBe(401);
    expect(await auditEvents(test, 'session.idle_timeout')).toHaveLength(1);

    // A kiosk may set a shorter idle timeout, never a longer one.
    const short = await client.request('POST', '/api/auth/login', {
      json: { username: 'demo-agree', password: 'demo-password', idleMinutes: 5 },
    });
    expect(sessionInfoSchema.parse(await short.json()).idleLockMinutes).toBe(5);
    test.clock.advance(5 * 60_000 + 1000);
    expect((await session()).status).toBe(401);
    const long = await client.request('POST', '/api/auth/login', {
      json: { username: 'demo-agree', password: 'demo-password', idleMinutes: 60 },
    });
    expect(long.status).toBe(400);

    // Absolute end: 12 h after sign-in, whatever the activity.
    await client.login('demo-agree');
    for (let minutes = 0; minutes < 12 * 60; minutes += 10) {
      test.clock.advance(10 * 60_000);
      const status = (await session()).status;
      if (minutes + 10 < 12 * 60) expect(status).toBe(200);
      else expect(status).toBe(401);
    }
  }, 60_000);

  it('lets an administrator see and end the sessions of their licences only', async () => {
    const test = await start();
    const employee = createHarnessClient(test);
    await employee.login('demo-agree');
    const admin = createHarnessClient(test);
    await admin.login('demo-admin');
    const list = sessionListSchema.parse(
      await (await admin.request('GET', '/api/sessions?licence=L-100001')).json(),
    );
    const target = list.sessions.find((entry) => entry.username === 'demo-agree');
    expect(target).toBeDefined();
    expect(list.sessions.find((entry) => entry.username === 'demo-admin')?.isCurrent).toBe(true);

    const other = createHarnessClient(test);
    await other.login('demo-admin2');
    const foreign = await other.request(
      'DELETE',
      `/api/sessions/${target?.id ?? ''}?licence=L-200001`,
    );
    expect(foreign.status).toBe(404);
    const employeeTries = await employee.request('GET', '/api/sessions?licence=L-100001');
    // Holds the licence, but the role may not: `forbidden`, as for commands and kiosks.
    expect((await errorOf(employeeTries)).code).toBe('forbidden');

    const ended = await admin.request(
      'DELETE',
      `/api/sessions/${target?.id ?? ''}?licence=L-100001`,
    );
    expect(ended.status).toBe(204);
    expect((await employee.request('GET', '/api/auth/session')).status).toBe(401);
    expect(await auditEvents(test, 'session.ended_by_administrator')).toHaveLength(1);
  });

  it('activates an account only from Canada or the United States, trusting X-Forwarded-For only behind a proxy', async () => {
    const test = await start();
    const admin = createHarnessClient(test);
    await admin.login('demo-admin2');
    for (const username of ['kiosk-a', 'kiosk-b']) {
      await admin.request('POST', '/api/accounts/generic', {
        json: { licence: 'L-200001', username, displayName: username, password: PASSWORD },
      });
    }
    const client = createHarnessClient(test);
    const from = (username: string, clientAddress: string, headers: Record<string, string> = {}) =>
      client.request('POST', '/api/auth/login', {
        json: { username, password: PASSWORD },
        clientAddress,
        headers,
      });
    // Great Britain, France, Brazil: refused, audited.
    for (const address of ['81.2.69.160', '80.12.0.1', '200.160.0.1']) {
      const refused = await from('kiosk-a', address);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('activation_country');
    }
    expect(await auditEvents(test, 'signin.activation_refused')).toHaveLength(3);
    // The United States: activated; later sign-ins from anywhere are not limited by country.
    expect((await from('kiosk-a', '8.8.8.8')).status).toBe(200);
    expect((await from('kiosk-a', '81.2.69.160')).status).toBe(200);

    // A forged header is ignored without a trusted proxy...
    expect((await from('kiosk-b', '81.2.69.160', { 'x-forwarded-for': '24.48.0.1' })).status).toBe(
      403,
    );
    // ...and read (its last entry) behind one.
    test.ctx.config.trustProxy = true;
    expect(
      (await from('kiosk-b', '10.0.0.2', { 'x-forwarded-for': '24.48.0.1, 81.2.69.160' })).status,
    ).toBe(403);
    expect((await from('kiosk-b', '10.0.0.2', { 'x-forwarded-for': '24.48.0.1' })).status).toBe(
      200,
    );
  });

  it('refuses cross-site writes of every form and audits them', async () => {
    const test = await start();
    const client: HarnessClient = createHarnessClient(test);
    const body = JSON.stringify({ username: 'demo-admin', password: 'demo-password' });
    const attempts: { headers: Record<string, string>; status: number; code: string }[] = [
      {
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        status: 403,
        code: 'cross_site_refused',
      },
      {
        headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
        status: 403,
        code: 'cross_site_refused',
      },
      {
        headers: {
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        status: 403,
        code: 'cross_site_refused',
      },
      {
        headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        status: 403,
        code: 'cross_site_refused',
      },
      {
        headers: { origin: 'null', 'content-type': 'application/json' },
        status: 403,
        code: 'cross_site_refused',
      },
      // Same origin but not JSON: no simple-request body reaches a route.
      { headers: { 'content-type': 'text/plain' }, status: 415, code: 'json_required' },
    ];
    // Straight into the hook: the harness client always sends JSON.
    const handle = createHandle(() => Promise.resolve(test.ctx));
    for (const attempt of attempts) {
      const request = new Request('http://127.0.0.1:3000/api/auth/login', {
        method: 'POST',
        headers: attempt.headers,
        body,
      });
      const response = await handle({
        event: hookEvent(request),
        resolve: () => Promise.resolve(new Response('reached the route', { status: 200 })),
      });
      expect(response.status, JSON.stringify(attempt.headers)).toBe(attempt.status);
      expect((await errorOf(response)).code).toBe(attempt.code);
    }
    // Audited aggregated: the first of each kind at once, the repeats as one counted row.
    await flushRefusals(test.ctx);
    const audited = await test.ctx.storage.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('event', '=', 'request.refused')
      .execute();
    const counted = audited.map(
      (row) => z.object({ count: z.number() }).loose().parse(JSON.parse(row.detail_json)).count,
    );
    expect(counted.reduce((sum, count) => sum + count, 0)).toBe(attempts.length);

    // Same-origin JSON passes, with the security headers.
    const ok = await client.request('POST', '/api/auth/login', {
      headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      json: { username: 'demo-admin', password: 'demo-password' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('says whether a session re-authenticated within 5 minutes', () => {
    const base = {
      id: 'a',
      username: 'u',
      displayName: 'U',
      kind: 'personal' as const,
      role: 'administrator' as const,
      licences: [],
    };
    const now = new Date('2026-03-10T15:05:00.000Z');
    expect(hasFreshReauthentication({ ...base, reauthenticatedAt: null }, now)).toBe(false);
    expect(
      hasFreshReauthentication({ ...base, reauthenticatedAt: '2026-03-10T15:00:00.000Z' }, now),
    ).toBe(true);
    expect(
      hasFreshReauthentication({ ...base, reauthenticatedAt: '2026-03-10T14:59:59.000Z' }, now),
    ).toBe(false);
  });
});
