import { apiErrorSchema, can, newId, type Action, type Role } from '@comptoir/shared';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../demo/demo-seed-accounts.js';
import { createHarnessClient, harnessRoutes, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

/*
 * The authorization table: every endpoint of the app (as the harness finds them on disk) x
 * every role x another dealer's licence x a licence not held x a suspended licence x
 * anonymous, allowed or refused exactly as the shared permission matrix says, and every
 * refusal audited. An endpoint missing from the table fails the test: a new route joins it.
 */

/** Who may call an endpoint. */
type Access =
  /** Anyone, signed in or not (sign-in, sign-up, health, keys, the provider's round trip). */
  | { kind: 'public' }
  /** Any signed-in account; finer checks are per command or per object (sync, commands). */
  | { kind: 'signed_in' }
  /** Under a licence the request names, with a role the matrix allows for `action`. */
  | { kind: 'licence'; action: Action }
  /**
   * Under a licence the request names, any role (what a kiosk needs to work under it, e.g.
   * the operators' PIN verifiers for an offline unlock).
   */
  | { kind: 'licence_member' }
  /** An account whose own role the matrix allows for `action` (authority staff). */
  | { kind: 'staff'; action: Action };

interface RouteCase {
  access: Access;
  /** The request, naming `licence` where the endpoint takes one. */
  request: (licence: string) => { path: string; json?: unknown };
}

const someId = '01900000-0000-7000-8000-00000000dead';
const reason = { reason: 'Vérification du tableau des autorisations' };

/** Method + route id -> who may call it. */
const table: Record<string, RouteCase> = {
  'GET /.well-known/jwks.json': {
    access: { kind: 'public' },
    request: () => ({ path: '/.well-known/jwks.json' }),
  },
  'GET /api/health': { access: { kind: 'public' }, request: () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/openapi.json' }),
  },
  'GET /api/support': { access: { kind: 'public' }, request: () => ({ path: '/api/support' }) },
  'GET /api/health/ready': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/health/ready' }),
  },
  'POST /api/auth/login': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/auth/login', json: { username: 'nobody-here', password: 'x' } }),
  },
  'POST /api/auth/logout': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/auth/logout' }),
  },
  'GET /api/auth/providers': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/auth/providers' }),
  },
  'GET /api/auth/oidc/start': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/auth/oidc/start?purpose=signin' }),
  },
  'GET /api/auth/oidc/callback': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/auth/oidc/callback?state=unknown&code=x' }),
  },
  'POST /api/signup/administrator': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/signup/administrator', json: {} }),
  },
  'POST /api/signup/employee': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/signup/employee', json: {} }),
  },
  'GET /api/auth/session': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/auth/session' }),
  },
  // One's own notice address and language: any signed-in person, for their own account only.
  'GET /api/accounts/me/contact': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/accounts/me/contact' }),
  },
  'PUT /api/accounts/me/contact': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/accounts/me/contact', json: { email: 'x@example.com' } }),
  },
  'POST /api/auth/reauthenticate': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/auth/reauthenticate', json: { password: 'demo-password' } }),
  },
  'POST /api/sync/push': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/sync/push', json: { ops: [] } }),
  },
  'POST /api/sync/recover': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/sync/recover', json: { epoch: 1, items: [] } }),
  },
  'POST /api/commands': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/commands', json: {} }),
  },
  'GET /api/documents/[number]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/documents/T-999999' }),
  },
  'GET /api/atac/[number]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/atac/ATAC-999999' }),
  },
  'GET /api/transit/[number]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/transit/T-999999' }),
  },
  'GET /api/registrations/[number]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: '/api/registrations/R-999999' }),
  },
  'DELETE /api/kiosks/[id]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: `/api/kiosks/${someId}` }),
  },
  // Offline leases: the kiosk's device credential (no session: 401), the dealer's
  // administrators (a lease of another dealer answers 404 after the sign-in check) and staff.
  'POST /api/kiosks/[id]/lease': {
    access: { kind: 'signed_in' },
    request: () => ({ path: `/api/kiosks/${someId}/lease`, json: {} }),
  },
  'POST /api/leases/[id]/revoke': {
    access: { kind: 'signed_in' },
    request: () => ({ path: `/api/leases/${someId}/revoke`, json: {} }),
  },
  'GET /api/leases': {
    access: { kind: 'licence', action: 'kiosk.enroll' },
    request: (licence) => ({ path: `/api/leases?licence=${licence}` }),
  },
  'GET /api/staff/leases': {
    access: { kind: 'staff', action: 'staff.suspend_licence' },
    request: () => ({ path: '/api/staff/leases?licence=L-300001' }),
  },
  'POST /api/staff/leases/[id]/revoke': {
    access: { kind: 'staff', action: 'staff.suspend_licence' },
    request: () => ({ path: `/api/staff/leases/${someId}/revoke`, json: reason }),
  },
  'PATCH /api/operators/[id]': {
    access: { kind: 'signed_in' },
    request: () => ({ path: `/api/operators/${someId}`, json: { disabled: true } }),
  },
  'GET /api/sync/pull': {
    access: { kind: 'licence', action: 'document.list' },
    request: (licence) => ({ path: `/api/sync/pull?licence=${licence}&since=0` }),
  },
  'GET /api/atac': {
    access: { kind: 'licence', action: 'atac.view' },
    request: (licence) => ({ path: `/api/atac?licence=${licence}` }),
  },
  'GET /api/transit': {
    access: { kind: 'licence', action: 'transit.view' },
    request: (licence) => ({ path: `/api/transit?licence=${licence}` }),
  },
  'GET /api/registrations': {
    access: { kind: 'licence', action: 'vehicle.register' },
    request: (licence) => ({ path: `/api/registrations?licence=${licence}` }),
  },
  'GET /api/search': {
    access: { kind: 'licence', action: 'document.list' },
    request: (licence) => ({ path: `/api/search?licence=${licence}&q=500001` }),
  },
  'GET /api/history/[vin]': {
    access: { kind: 'licence', action: 'history.view' },
    request: (licence) => ({ path: `/api/history/2HGFC2F55PH000101?licence=${licence}` }),
  },
  'GET /api/vehicles/[vin]': {
    access: { kind: 'licence', action: 'vehicle.lookup' },
    request: (licence) => ({ path: `/api/vehicles/2HGFC2F55PH000101?licence=${licence}` }),
  },
  'GET /api/plates/late': {
    access: { kind: 'licence', action: 'document.list' },
    request: (licence) => ({ path: `/api/plates/late?licence=${licence}` }),
  },
  // The supplier's webhook: no session, its HMAC signature is the proof (refused unsigned).
  'POST /api/plate-supplier/events': {
    access: { kind: 'public' },
    request: () => ({ path: '/api/plate-supplier/events', json: {} }),
  },
  'GET /api/bank-account': {
    access: { kind: 'licence', action: 'bankaccount.set' },
    request: (licence) => ({ path: `/api/bank-account?licence=${licence}` }),
  },
  'POST /api/checks/driver-licence': {
    access: { kind: 'licence', action: 'licence.check' },
    request: (licence) => ({
      path: `/api/checks/driver-licence?licence=${licence}`,
      json: { driverLicence: 'T123456789012' },
    }),
  },
  'POST /api/checks/right-to-register': {
    access: { kind: 'licence', action: 'right_to_register.check' },
    request: (licence) => ({
      path: `/api/checks/right-to-register?licence=${licence}`,
      json: { driverLicence: 'T123456789012' },
    }),
  },
  'GET /api/cap-requests': {
    access: { kind: 'licence', action: 'cap.request' },
    request: (licence) => ({ path: `/api/cap-requests?licence=${licence}` }),
  },
  'POST /api/cap-requests': {
    access: { kind: 'licence', action: 'cap.request' },
    request: (licence) => ({
      path: '/api/cap-requests',
      json: { id: newId(), licence, kind: 'transit', extraUnits: 5, ...reason },
    }),
  },
  'GET /api/kiosks': {
    access: { kind: 'licence', action: 'kiosk.enroll' },
    request: (licence) => ({ path: `/api/kiosks?licence=${licence}` }),
  },
  'POST /api/kiosks': {
    access: { kind: 'licence', action: 'kiosk.enroll' },
    request: (licence) => ({
      path: '/api/kiosks',
      json: { kioskId: newId(), name: 'Comptoir test', location: 'showroom', licence },
    }),
  },
  'GET /api/operators': {
    access: { kind: 'licence', action: 'accounts.manage_generic' },
    request: (licence) => ({ path: `/api/operators?licence=${licence}` }),
  },
  'POST /api/operators': {
    access: { kind: 'licence', action: 'accounts.manage_generic' },
    request: (licence) => ({
      path: '/api/operators',
      json: { licence, displayName: 'Opérateur test', pin: '482913' },
    }),
  },
  'GET /api/operators/verifiers': {
    access: { kind: 'licence_member' },
    request: (licence) => ({
      path: `/api/operators/verifiers?licence=${licence}&kioskId=${someId}`,
    }),
  },
  'GET /api/accounts/generic': {
    access: { kind: 'licence', action: 'accounts.manage_generic' },
    request: (licence) => ({ path: `/api/accounts/generic?licence=${licence}` }),
  },
  'POST /api/accounts/generic': {
    access: { kind: 'licence', action: 'accounts.manage_generic' },
    request: (licence) => ({
      path: '/api/accounts/generic',
      json: {
        licence,
        username: `table-${newId().slice(-8)}`,
        displayName: 'Table',
        password: 'table-password-42',
      },
    }),
  },
  'PATCH /api/accounts/generic/[id]': {
    access: { kind: 'licence', action: 'accounts.manage_generic' },
    request: (licence) => ({
      path: `/api/accounts/generic/${someId}`,
      json: { licence, displayName: 'Renommé' },
    }),
  },
  'GET /api/sessions': {
    access: { kind: 'licence', action: 'sessions.manage' },
    request: (licence) => ({ path: `/api/sessions?licence=${licence}` }),
  },
  'DELETE /api/sessions/[id]': {
    access: { kind: 'licence', action: 'sessions.manage' },
    request: (licence) => ({ path: `/api/sessions/${someId}?licence=${licence}` }),
  },
  'POST /api/staff/access-codes': {
    access: { kind: 'staff', action: 'staff.issue_access_code' },
    request: () => ({
      path: '/api/staff/access-codes',
      json: {
        neq: '1160000001',
        firstName: 'Ana',
        lastName: 'Table',
        driverLicence: 'A111122223333',
      },
    }),
  },
  'GET /api/staff/audit': {
    access: { kind: 'staff', action: 'staff.read_audit' },
    request: () => ({ path: '/api/staff/audit' }),
  },
  'GET /api/staff/lookup': {
    access: { kind: 'staff', action: 'staff.read_audit' },
    request: () => ({ path: '/api/staff/lookup?q=L-100001' }),
  },
  'GET /api/staff/cap-requests': {
    access: { kind: 'staff', action: 'staff.approve_over_cap' },
    request: () => ({ path: '/api/staff/cap-requests' }),
  },
  'POST /api/staff/cap-requests/[id]/approve': {
    access: { kind: 'staff', action: 'staff.approve_over_cap' },
    request: () => ({ path: `/api/staff/cap-requests/${someId}/approve`, json: reason }),
  },
  'POST /api/staff/cap-requests/[id]/refuse': {
    access: { kind: 'staff', action: 'staff.approve_over_cap' },
    request: () => ({ path: `/api/staff/cap-requests/${someId}/refuse`, json: reason }),
  },
  'POST /api/staff/documents/[number]/void': {
    access: { kind: 'staff', action: 'staff.void_document' },
    request: () => ({ path: '/api/staff/documents/T-999999/void', json: reason }),
  },
  'GET /api/staff/licences/[number]': {
    access: { kind: 'staff', action: 'staff.suspend_licence' },
    request: () => ({ path: '/api/staff/licences/L-300001' }),
  },
  'PUT /api/staff/licences/[number]/caps': {
    access: { kind: 'staff', action: 'staff.set_cap' },
    request: () => ({
      path: '/api/staff/licences/L-300001/caps',
      json: { transitCap: 40, plateCap: null, ...reason },
    }),
  },
  'POST /api/staff/licences/[number]/suspend': {
    access: { kind: 'staff', action: 'staff.suspend_licence' },
    request: () => ({ path: '/api/staff/licences/L-300001/suspend', json: reason }),
  },
  'POST /api/staff/licences/[number]/reinstate': {
    access: { kind: 'staff', action: 'staff.suspend_licence' },
    request: () => ({ path: '/api/staff/licences/L-300001/reinstate', json: reason }),
  },
};

/** The catch-all answers 404 to everything else: it needs no row. */
const UNLISTED_ROUTES = new Set(['/api/[...rest]']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Each dealer role with a demo account, the licence it holds, and another dealer's licence. */
const dealerAccounts: { username: string; role: Role; licence: string; otherDealer: string }[] = [
  {
    username: 'demo-generic',
    role: 'generic_employee',
    licence: 'L-200001',
    otherDealer: 'L-100001',
  },
  {
    username: 'demo-agree',
    role: 'accredited_employee',
    licence: 'L-100001',
    otherDealer: 'L-200001',
  },
  { username: 'demo-admin', role: 'administrator', licence: 'L-100001', otherDealer: 'L-200001' },
  { username: 'demo-admin2', role: 'administrator', licence: 'L-200001', otherDealer: 'L-100001' },
];
/** A licence nobody holds. */
const NOT_HELD = 'L-400001';

it('lists every endpoint of the app in the table', async () => {
  const unknown: string[] = [];
  for (const route of harnessRoutes) {
    if (UNLISTED_ROUTES.has(route.id)) continue;
    const module = await route.load();
    for (const method of METHODS) {
      if (typeof module[method] === 'function' && !table[`${method} ${route.id}`]) {
        unknown.push(`${method} ${route.id}`);
      }
    }
  }
  expect(unknown, 'endpoints missing from the authorization table').toEqual([]);
  const known = new Set(harnessRoutes.map((route) => route.id));
  const stale = Object.keys(table).filter((key) => !known.has(key.split(' ')[1] ?? ''));
  expect(stale, 'table rows of endpoints that no longer exist').toEqual([]);
});

describe.each(ENGINES)('authorization table on %s', (engine) => {
  let server: TestServer;
  const clients = new Map<string, HarnessClient>();
  let anonymous: HarnessClient;
  let setup: Promise<void> | undefined;

  /**
   * One server for the whole table, started by the first test (not in `beforeAll`, whose
   * failure, e.g. no PostgreSQL, would only skip the tests: here each of them fails).
   */
  function ready(): Promise<void> {
    setup ??= (async () => {
      server = await createTestServer(engine);
      await seedDemoAccounts(server.ctx);
      for (const username of [...dealerAccounts.map((account) => account.username), 'demo-staff']) {
        const client = createHarnessClient(server);
        expect((await client.login(username)).status).toBe(200);
        clients.set(username, client);
      }
      anonymous = createHarnessClient(server);
    })();
    return setup;
  }
  afterAll(async () => {
    if (setup) await server.dispose();
  });

  async function auditCount(): Promise<number> {
    const row = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('event', 'like', '%refused%')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sends the request; checks allowed (past authorization) or refused (403/401, audited). */
  async function expectAccess(
    client: HarnessClient,
    key: string,
    licence: string,
    shouldAllow: boolean,
    label: string,
  ): Promise<void> {
    const [method = 'GET'] = key.split(' ');
    const { path, json } = table[key]?.request(licence) ?? { path: '/' };
    const before = await auditCount();
    const response = await client.request(method, path, json === undefined ? {} : { json });
    const text = await response.text();
    const code =
      response.status >= 400
        ? apiErrorSchema.safeParse(JSON.parse(text || '{}')).data?.code
        : undefined;
    const where = `${key} as ${label} on ${licence}: ${String(response.status)} ${text.slice(0, 160)}`;
    if (shouldAllow) {
      expect(response.status, where).not.toBe(401);
      expect(response.status, where).not.toBe(403);
      return;
    }
    expect([401, 403], where).toContain(response.status);
    if (response.status === 403) {
      expect(code, where).toMatch(/forbidden|licence_not_permitted/);
      expect(await auditCount(), `${where}: refusal not audited`).toBeGreaterThan(before);
    }
  }

  it('refuses every non-public endpoint to anonymous callers', async () => {
    await ready();
    for (const [key, entry] of Object.entries(table)) {
      const [method = 'GET'] = key.split(' ');
      const { path, json } = entry.request('L-100001');
      const response = await anonymous.request(method, path, json === undefined ? {} : { json });
      const body = await response.text();
      if (entry.access.kind === 'public') {
        expect(response.status, `${key}: ${body}`).not.toBe(403);
        // The API description names every refusal; an answer that is one must not be this one.
        if (response.status >= 400) expect(body, key).not.toContain('"unauthenticated"');
      } else {
        expect(response.status, `${key}: ${body}`).toBe(401);
      }
    }
  }, 120_000);

  it('allows each role exactly what the matrix says, on its own licence only', async () => {
    await ready();
    for (const [key, entry] of Object.entries(table)) {
      const access = entry.access;
      if (access.kind === 'public' || access.kind === 'signed_in') continue;
      for (const account of dealerAccounts) {
        const client = clients.get(account.username);
        if (!client) throw new Error(account.username);
        const isStaffRoute = access.kind === 'staff';
        const mayAct =
          access.kind === 'licence_member' || (!isStaffRoute && can(account.role, access.action));
        await expectAccess(client, key, account.licence, mayAct, account.username);
        if (!isStaffRoute) {
          await expectAccess(
            client,
            key,
            account.otherDealer,
            false,
            `${account.username} (other dealer)`,
          );
          await expectAccess(client, key, NOT_HELD, false, `${account.username} (not held)`);
        }
      }
      const staff = clients.get('demo-staff');
      if (!staff) throw new Error('demo-staff');
      await expectAccess(staff, key, 'L-100001', access.kind === 'staff', 'demo-staff');
    }
  }, 300_000);

  it('keeps the same answers on a suspended licence (suspension stops issuing, not reading or administering)', async () => {
    await ready();
    await server.ctx.storage.db
      .updateTable('licences')
      .set({ is_suspended: 1 })
      .where('number', '=', 'L-100001')
      .execute();
    for (const [key, entry] of Object.entries(table)) {
      if (entry.access.kind !== 'licence') continue;
      for (const username of ['demo-agree', 'demo-admin']) {
        const account = dealerAccounts.find((candidate) => candidate.username === username);
        const client = clients.get(username);
        if (!account || !client) throw new Error(username);
        await expectAccess(
          client,
          key,
          'L-100001',
          can(account.role, entry.access.action),
          `${username} (suspended)`,
        );
      }
    }
  }, 300_000);
});
