import { newId } from '@comptoir/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAuditChains } from '../audit.js';
import { DEMO_VEHICLES } from '../demo/demo-seed.js';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import type { HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { DEMO_CAP_REQUEST_ID } from '../demo/demo-seed-registry.js';
import { freshVin, seedRegistry, signIn, type SignedIn } from './registry-services.testing.js';

/*
 * Random and mutated requests on every endpoint of the registry services (checks, history,
 * bank account, plate X, cap requests, staff actions): never a 5xx; a refusal writes nothing
 * but its audit row (and, for a command, its idempotency record), and is always audited.
 */

type Who = 'staff' | 'admin' | 'accredited' | 'generic';

/** One request template: method, path (with its parameters) and a valid body to mutate. */
interface Endpoint {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: (parameter: string) => string;
  /** Valid values of the path or query parameter; random strings are mixed in. */
  parameters: string[];
  body?: (context: { accountId: string }) => Record<string, unknown>;
  /** Who may use it: chosen most of the time, so that valid requests succeed often enough. */
  owner: Who;
  /** Sent through the command pipeline: a refusal is a 422 `command.rejected`. */
  isCommand?: boolean;
}

const licences = ['L-100001', 'L-100002', 'L-200001', 'L-999999'];

function endpoints(documentNumbers: string[]): Endpoint[] {
  const licenceQuery = (path: string) => (licence: string) =>
    `${path}?licence=${encodeURIComponent(licence)}`;
  const command =
    (type: string, payload: Record<string, unknown>) => (context: { accountId: string }) => ({
      id: newId(),
      v: 1,
      type,
      licence: 'L-100001',
      kioskId: 'kiosk-property',
      actor: { accountId: context.accountId },
      createdAt: '2026-03-10T14:59:00.000Z',
      payload,
    });
  return [
    {
      name: 'driver licence check',
      owner: 'generic',
      method: 'POST',
      path: licenceQuery('/api/checks/driver-licence'),
      parameters: licences,
      body: () => ({ driverLicence: 'T123456789012' }),
    },
    {
      name: 'right to register',
      owner: 'accredited',
      method: 'POST',
      path: licenceQuery('/api/checks/right-to-register'),
      parameters: licences,
      body: () => ({ neq: '1160000001' }),
    },
    {
      name: 'history',
      owner: 'accredited',
      method: 'GET',
      path: (vin) => `/api/history/${encodeURIComponent(vin)}?licence=L-100001`,
      parameters: [DEMO_VEHICLES[0].vin, DEMO_VEHICLES[3].vin, freshVin(900)],
    },
    {
      name: 'bank account view',
      owner: 'admin',
      method: 'GET',
      path: licenceQuery('/api/bank-account'),
      parameters: licences,
    },
    {
      name: 'cap request',
      owner: 'admin',
      method: 'POST',
      path: () => '/api/cap-requests',
      parameters: [''],
      body: () => ({
        id: newId(),
        licence: 'L-100002',
        kind: 'provisional_plate',
        extraUnits: 3,
        reason: 'Salon auto',
      }),
    },
    {
      name: 'cap requests of a licence',
      owner: 'admin',
      method: 'GET',
      path: licenceQuery('/api/cap-requests'),
      parameters: licences,
    },
    ...(['suspend', 'reinstate'] as const).map((action): Endpoint => ({
      name: action,
      owner: 'staff',
      method: 'POST',
      path: (licence) => `/api/staff/licences/${encodeURIComponent(licence)}/${action}`,
      parameters: licences,
      body: () => ({ reason: 'Vérification' }),
    })),
    {
      name: 'licence view',
      owner: 'staff',
      method: 'GET',
      path: (licence) => `/api/staff/licences/${encodeURIComponent(licence)}`,
      parameters: licences,
    },
    {
      name: 'caps',
      owner: 'staff',
      method: 'PUT',
      path: (licence) => `/api/staff/licences/${encodeURIComponent(licence)}/caps`,
      parameters: licences,
      body: () => ({ transitCap: 40, plateCap: null }),
    },
    {
      name: 'staff cap requests',
      owner: 'staff',
      method: 'GET',
      path: (status) => `/api/staff/cap-requests?status=${encodeURIComponent(status)}`,
      parameters: ['pending', 'approved', 'refused'],
    },
    ...(['approve', 'refuse'] as const).map((decision): Endpoint => ({
      name: decision,
      owner: 'staff',
      method: 'POST',
      path: (id) => `/api/staff/cap-requests/${encodeURIComponent(id)}/${decision}`,
      parameters: [DEMO_CAP_REQUEST_ID, newId()],
      body: () => ({ reason: 'Décision' }),
    })),
    {
      name: 'void',
      owner: 'staff',
      method: 'POST',
      path: (number) => `/api/staff/documents/${encodeURIComponent(number)}/void`,
      parameters: [...documentNumbers, 'T-2026-999999'],
      body: () => ({ reason: 'Émis par erreur' }),
    },
    {
      name: 'audit',
      owner: 'staff',
      method: 'GET',
      path: (licence) => `/api/staff/audit?licence=${encodeURIComponent(licence)}&limit=5`,
      parameters: licences,
    },
    {
      name: 'bank account set',
      owner: 'admin',
      method: 'POST',
      path: () => '/api/commands',
      parameters: [''],
      isCommand: true,
      body: command('bankaccount.set', {
        institution: '006',
        transit: '10001',
        account: '12345678',
        holderName: 'Automobiles Laurentides inc.',
      }),
    },
    {
      name: 'plate X order',
      owner: 'admin',
      method: 'POST',
      path: () => '/api/commands',
      parameters: [''],
      isCommand: true,
      body: command('platex.order', { quantity: 2 }),
    },
  ];
}

type Mutation =
  | { kind: 'valid' }
  | { kind: 'drop'; index: number }
  | { kind: 'swap'; index: number; value: unknown }
  | { kind: 'extra'; value: unknown }
  | { kind: 'replace'; value: unknown };

const valueArb = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.double(),
  fc.object({ maxDepth: 1 }),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 1, arbitrary: fc.nat(5).map((index) => ({ kind: 'drop' as const, index })) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('swap' as const), index: fc.nat(5), value: valueArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), value: valueArb }) },
  {
    weight: 1,
    // `undefined` would send no body at all, which is a refusal of its own (tested too).
    arbitrary: fc.record({ kind: fc.constant('replace' as const), value: fc.anything() }),
  },
);

function mutate(body: Record<string, unknown>, mutation: Mutation): unknown {
  const keys = Object.keys(body);
  const key = (index: number) => keys[index % Math.max(1, keys.length)] ?? 'x';
  switch (mutation.kind) {
    case 'valid':
      return body;
    case 'drop': {
      const copy = { ...body };
      delete copy[key(mutation.index)];
      return copy;
    }
    case 'swap':
      return { ...body, [key(mutation.index)]: mutation.value };
    case 'extra':
      return { ...body, unexpected: mutation.value };
    case 'replace':
      return mutation.value;
  }
}

describe.each(ENGINES)('registry endpoints property on %s', (engine) => {
  let server: TestServer;
  let people: Record<Who, SignedIn>;
  let documentNumbers: string[];

  beforeAll(async () => {
    server = await createTestServer(engine);
    await seedRegistry(server);
    people = {
      staff: await signIn(server, 'demo-staff'),
      admin: await signIn(server, 'demo-admin'),
      accredited: await signIn(server, 'demo-agree'),
      generic: await signIn(server, 'demo-generic'),
    };
    const ops = [1, 2, 3].map((index) =>
      transitCommand({
        accountId: people.accredited.accountId,
        vehicle: vehicle(0, { vin: freshVin(index) }),
      }),
    );
    const response = await people.accredited.client.request('POST', '/api/sync/push', {
      json: { ops },
    });
    const body = z.object({ results: z.array(z.unknown()) }).parse(await response.json());
    documentNumbers = body.results.flatMap((result) =>
      appliedDocuments(z.object({ result: z.unknown() }).parse(result)).map((doc) => doc.number),
    );
    expect(documentNumbers).toHaveLength(3);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Everything the registry endpoints may write, except the audit and idempotency records. */
  async function stateFingerprint(): Promise<string> {
    const { db } = server.ctx.storage;
    const tables = await Promise.all([
      db
        .selectFrom('licences')
        .select([
          'number',
          'is_suspended',
          'transit_cap',
          'plate_cap',
          'change_seq',
          'address_json',
        ])
        .orderBy('number')
        .execute(),
      db.selectFrom('cap_requests').selectAll().orderBy('id').execute(),
      db.selectFrom('document_voids').selectAll().orderBy('document_number').execute(),
      db
        .selectFrom('documents')
        .select(['number', 'status', 'change_seq'])
        .orderBy('number')
        .execute(),
      db.selectFrom('bank_accounts').selectAll().orderBy('dealer_id').execute(),
      db.selectFrom('plate_x_orders').selectAll().orderBy('command_id').execute(),
      db.selectFrom('plate_series').selectAll().orderBy('series').execute(),
    ]);
    return JSON.stringify(tables);
  }

  async function auditRows(): Promise<number> {
    const row = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it(
    'never answers 5xx; a refusal writes nothing but its audit row',
    { timeout: 240_000 },
    async () => {
      const all = endpoints(documentNumbers);
      const statuses = new Map<string, Set<number>>();
      const requestArb = fc.record({
        endpoint: fc.constantFrom(...all),
        isOwner: fc.boolean(),
        who: fc.constantFrom<Who>('staff', 'admin', 'accredited', 'generic'),
        parameter: fc.oneof(
          { weight: 4, arbitrary: fc.nat(10) },
          {
            weight: 1,
            // Never a path that no longer names the endpoint (empty, `.` or `..` segments).
            arbitrary: fc
              .string({ minLength: 1, maxLength: 30 })
              .filter((text) => text !== '.' && text !== '..'),
          },
        ),
        mutation: mutationArb,
      });

      await fc.assert(
        fc.asyncProperty(requestArb, async ({ endpoint, isOwner, who, parameter, mutation }) => {
          const person = people[isOwner ? endpoint.owner : who];
          const value =
            typeof parameter === 'number'
              ? (endpoint.parameters[parameter % endpoint.parameters.length] ?? '')
              : parameter;
          const client: HarnessClient = person.client;
          const body = endpoint.body
            ? mutate(endpoint.body({ accountId: person.accountId }), mutation)
            : undefined;
          const before = await stateFingerprint();
          const audited = await auditRows();
          const response = await client.request(endpoint.method, endpoint.path(value), {
            ...(endpoint.body && { body: JSON.stringify(body ?? null) }),
          });
          const text = await response.text();
          const seen = statuses.get(endpoint.name) ?? new Set();
          seen.add(response.status);
          statuses.set(endpoint.name, seen);

          expect(response.status, text).toBeLessThan(500);
          expect(() => parseJson(text)).not.toThrow();
          if (response.status >= 400) {
            // The command pipeline refuses a body without an id or envelope before it can
            // answer (and audit) for a command; everything else is audited.
            const isUnidentifiedCommand = endpoint.isCommand === true && response.status === 400;
            if (!isUnidentifiedCommand) expect(await auditRows()).toBeGreaterThan(audited);
            expect(await stateFingerprint()).toBe(before);
          }
        }),
        { numRuns: 300 },
      );

      // A real run: every endpoint was refused at least once, and most also succeeded.
      const seen = [...statuses.values()].map((set) => [...set]);
      expect(seen.every((codes) => codes.some((status) => status >= 400))).toBe(true);
      expect(seen.filter((codes) => codes.some((status) => status < 300)).length).toBeGreaterThan(
        all.length / 2,
      );
      expect((await verifyAuditChains(server.ctx.storage.db)).every((c) => !c.broken)).toBe(true);
    },
  );
});
