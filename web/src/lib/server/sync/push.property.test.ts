import {
  appliedResultSchema,
  commandResultSchema,
  pushResponseSchema,
  sessionInfoSchema,
  vinCheckDigit,
  type CommandResult,
} from '@comptoir/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit.js';
import { DEMO_HELD_REGISTRATION } from '../demo/demo-seed.js';
import {
  cancelCommand,
  confirmCommand,
  holdCommand,
  inventoryCommand,
} from '../commands/registration/registration-testing.js';
import { appliedDocuments } from '../testing/bodies.js';
import {
  atacCommand,
  person,
  printOutcomeCommand,
  transitCommand,
  vehicle,
} from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

/** Valid VINs beyond the demo registry, so that many transits can be applied. */
const extraVins = Array.from({ length: 12 }, (_, index) => {
  const draft = `1HGCM826${'0'}${'P'}A${String(100000 + index).slice(1)}0`.slice(0, 17);
  const digit = vinCheckDigit(draft);
  return `${draft.slice(0, 8)}${digit ?? '0'}${draft.slice(9)}`;
});
const holders = ['T123456789012', 'G234567890123', 'C456789012345', 'B567890123456'];

type Mutation =
  | { kind: 'valid' }
  | { kind: 'drop'; field: string }
  | { kind: 'swap'; field: string; value: unknown }
  | { kind: 'limit'; path: 'days' | 'year' | 'mass' | 'buyers' }
  | { kind: 'online_only' }
  | { kind: 'forbidden_vehicle' }
  | { kind: 'other_licence'; licence: 'L-200001' | 'L-100002' }
  | { kind: 'replay_other_body' }
  | { kind: 'replay_same' }
  | { kind: 'unknown_document' };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'valid' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('payload', 'licence', 'createdAt', 'v', 'kioskId')
      .map((field) => ({ kind: 'drop' as const, field })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('swap' as const),
      field: fc.constantFrom('payload', 'licence', 'createdAt', 'v', 'supersedes'),
      value: fc.oneof(
        fc.integer(),
        fc.string(),
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 2 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('days', 'year', 'mass', 'buyers')
      .map((path) => ({ kind: 'limit' as const, path })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'online_only' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'forbidden_vehicle' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('L-200001', 'L-100002')
      .map((licence) => ({ kind: 'other_licence' as const, licence })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay_other_body' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay_same' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown_document' as const }) },
);

const opArb = fc.record({
  type: fc.constantFrom('transit', 'transit', 'atac', 'print', 'hold', 'inventory'),
  vin: fc.constantFrom(...extraVins, vehicle(0).vin, vehicle(1).vin),
  holder: fc.constantFrom(...holders),
  mutation: mutationArb,
});

/**
 * One online-only command sent through `POST /api/commands` after a batch: confirm or cancel a
 * registration saved earlier (or both at once, the same day), valid or mutated, then replayed.
 */
const directArb = fc.record({
  action: fc.constantFrom('confirm', 'confirm', 'cancel', 'confirm_then_cancel'),
  pick: fc.nat(),
  mutation: fc.constantFrom(
    'valid',
    'valid',
    'valid',
    'unknown_number',
    'bad_payload',
    'bad_reason',
    'other_licence',
  ),
});
type DirectOp = typeof directArb extends fc.Arbitrary<infer T> ? T : never;

const batchArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        ops: fc.array(opArb, { minLength: 1, maxLength: 8 }),
        direct: fc.option(directArb, { nil: undefined }),
      })
      .map(({ ops, direct }) => ({ kind: 'ops' as const, ops, direct })),
  },
  // Pure garbage bodies: anything at all, or an `ops` array of anything.
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.anything(), fc.record({ ops: fc.array(fc.anything(), { maxLength: 3 }) }))
      .map((body) => ({ kind: 'garbage' as const, body })),
  },
);

/** The transaction an applied result names, if any. */
function appliedTransaction(result: CommandResult) {
  const parsed = appliedResultSchema.safeParse(result.result);
  return parsed.success ? parsed.data.transaction : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value))
    : {};
}

function mutate(command: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const payload = asRecord(command.payload);
  switch (mutation.kind) {
    case 'drop': {
      const copy = { ...command };
      delete copy[mutation.field];
      return copy;
    }
    case 'swap':
      return { ...command, [mutation.field]: mutation.value };
    case 'limit': {
      const vehiclePart = asRecord(payload.vehicle);
      if (mutation.path === 'days') return { ...command, payload: { ...payload, days: 7 } };
      if (mutation.path === 'year')
        return { ...command, payload: { ...payload, vehicle: { ...vehiclePart, year: 1800 } } };
      if (mutation.path === 'mass')
        return { ...command, payload: { ...payload, vehicle: { ...vehiclePart, netMassKg: -5 } } };
      return {
        ...command,
        payload: { ...payload, buyers: Array.from({ length: 11 }, () => person()) },
      };
    }
    case 'online_only':
      return { ...command, type: 'bankaccount.set' };
    case 'forbidden_vehicle':
      return { ...command, payload: { ...payload, vehicle: vehicle(3) } };
    case 'other_licence':
      return { ...command, licence: mutation.licence };
    default:
      return command;
  }
}

describe.each(ENGINES)('push property on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const login = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await login.json()).account.id;
    const { db } = server.ctx.storage;
    await db
      .updateTable('licences')
      .set({ is_suspended: 1 })
      .where('number', '=', 'L-100002')
      .execute();
    // A staff-set cap low enough that the run meets it (8 transits per rolling 7 days).
    await db
      .updateTable('licences')
      .set({ transit_cap: 8 })
      .where('number', '=', 'L-100001')
      .execute();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it(
    'never answers 5xx; applies whole or rejects with a reason, audited; leaves no orphan row',
    { timeout: 240_000 },
    async () => {
      const sent: { id: string; body: Record<string, unknown> }[] = [];
      const issued: string[] = [];
      const results: CommandResult[] = [];
      const codes = new Set<string>();
      const registrations: string[] = [];

      /** Sends a direct command, checks its replay, and records its result like a pushed one. */
      async function directOnce(command: Record<string, unknown>): Promise<CommandResult | null> {
        const response = await client.request('POST', '/api/commands', { json: command });
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        if (response.status === 400) return null;
        const result = commandResultSchema.parse(JSON.parse(text));
        expect(response.status).toBe(result.status === 'applied' ? 200 : 422);
        const replay = await client.request('POST', '/api/commands', { json: command });
        expect(await replay.text()).toBe(text);
        results.push(result);
        if (result.status === 'rejected') codes.add(result.error?.code ?? 'none');
        return result;
      }

      async function sendDirect(op: DirectOp): Promise<void> {
        const picked = registrations[op.pick % Math.max(registrations.length, 1)];
        const registrationNumber =
          op.mutation === 'unknown_number' || picked === undefined ? 'R-1999-000001' : picked;
        const licence = op.mutation === 'other_licence' ? 'L-100002' : 'L-100001';
        const shape = (command: Record<string, unknown>): Record<string, unknown> => {
          const payload = asRecord(command.payload);
          if (op.mutation === 'bad_payload')
            return { ...command, payload: { ...payload, extra: 1 } };
          if (op.mutation === 'bad_reason' && command.type === 'registration.cancel')
            return { ...command, payload: { ...payload, reasonCode: 'because' } };
          return command;
        };
        if (op.action !== 'cancel') {
          await directOnce(shape(confirmCommand({ accountId, licence, registrationNumber })));
        }
        if (op.action !== 'confirm') {
          await directOnce(shape(cancelCommand({ accountId, licence, registrationNumber })));
        }
      }

      await fc.assert(
        fc.asyncProperty(batchArb, async (batch) => {
          // A day per batch spreads the run over months of limits and caps; sessions last 12 h,
          // so the kiosk signs in again each morning.
          server.clock.advance(24 * 3600 * 1000);
          expect((await client.login('demo-agree')).status).toBe(200);
          if (batch.kind === 'garbage') {
            const response = await client.request('POST', '/api/sync/push', { json: batch.body });
            expect(response.status).toBeLessThan(500);
            // The direct endpoint takes one command: the same garbage, and its first op if any.
            const ops: unknown = asRecord(batch.body).ops;
            for (const body of [batch.body, ...(Array.isArray(ops) ? ops.slice(0, 1) : [])]) {
              const direct = await client.request('POST', '/api/commands', { json: body });
              expect(direct.status).toBeLessThan(500);
            }
            return;
          }
          const ops = batch.ops.map((op) => {
            if (op.mutation.kind === 'replay_same' && sent.length > 0)
              return sent[sent.length - 1]?.body ?? {};
            if (op.mutation.kind === 'replay_other_body' && sent.length > 0) {
              const previous = sent[0]?.body ?? {};
              return { ...transitCommand({ accountId, vehicle: vehicle(2) }), id: previous.id };
            }
            const car = vehicle(0, { vin: op.vin });
            const base: Record<string, unknown> =
              op.type === 'hold'
                ? holdCommand({
                    accountId,
                    vehicle: car,
                    buyers: [person({ driverLicence: op.holder })],
                  })
                : op.type === 'inventory'
                  ? inventoryCommand({ accountId, vehicle: car })
                  : op.type === 'transit'
                    ? transitCommand({
                        accountId,
                        vehicle: car,
                        holder: person({ driverLicence: op.holder }),
                      })
                    : op.type === 'atac'
                      ? atacCommand({ accountId, vehicle: car })
                      : printOutcomeCommand({
                          accountId,
                          documentNumber:
                            op.mutation.kind === 'unknown_document'
                              ? 'T-1999-000001'
                              : (issued[issued.length - 1] ?? 'T-1999-000002'),
                          documentKind: 'transit',
                        });
            const body = mutate(base, op.mutation);
            sent.push({ id: String(body.id), body });
            return body;
          });
          const response = await client.request('POST', '/api/sync/push', { json: { ops } });
          expect(response.status).toBeLessThan(500);
          if (response.status !== 200) return;
          const answer = pushResponseSchema.parse(await response.json());
          expect(answer.results).toHaveLength(ops.length);
          for (const result of answer.results) {
            results.push(result);
            if (result.status === 'rejected') codes.add(result.error?.code ?? 'none');
            const documents = appliedDocuments(result);
            for (const document of documents)
              if (document.kind === 'transit') issued.push(document.number);
            const transaction = appliedTransaction(result);
            if (transaction?.type === 'registration') registrations.push(transaction.number);
          }
          if (batch.direct) await sendDirect(batch.direct);
        }),
        { numRuns: 120, seed: 20260310 },
      );

      const { db } = server.ctx.storage;
      const applied = new Set(results.filter((r) => r.status === 'applied').map((r) => r.id));
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(results.some((r) => r.status === 'retry')).toBe(false);
      expect(applied.size / results.length).toBeGreaterThanOrEqual(0.25);
      for (const code of [
        'invalid_input',
        'online_only',
        'transit_forbidden_category',
        'transit_limit_customer',
        'transit_limit_vehicle',
        'transit_cap_reached',
        'idempotency_conflict',
        'licence_not_permitted',
        'licence_suspended',
        'not_found',
        'registration_not_found',
        'registration_not_on_hold',
        'registration_not_confirmed',
        'cancellation_too_late',
      ]) {
        expect(codes, `rejection code ${code} never produced`).toContain(code);
      }

      // Every row that a command writes belongs to an applied command.
      const documentOwners = await db
        .selectFrom('documents')
        .select(['command_id', 'vin', 'kind', 'customer_key'])
        .execute();
      for (const row of documentOwners) expect(applied).toContain(row.command_id);
      const outcomeOwners = await db.selectFrom('print_outcomes').select('command_id').execute();
      for (const row of outcomeOwners) expect(applied).toContain(row.command_id);
      const holds = await db.selectFrom('registration_holds').select('command_id').execute();
      for (const row of holds) {
        if (row.command_id !== DEMO_HELD_REGISTRATION.holdCommandId)
          expect(applied).toContain(row.command_id);
      }
      const records = await db.selectFrom('inventory_records').select('command_id').execute();
      for (const row of records) expect(applied).toContain(row.command_id);

      // A registration's papers, plate and fee debits match its status, whole or not at all.
      const saved = await db.selectFrom('registrations').selectAll().execute();
      expect(saved.some((row) => row.status === 'confirmed')).toBe(true);
      expect(saved.some((row) => row.status === 'cancelled')).toBe(true);
      const debits = await db.selectFrom('bank_debits').selectAll().execute();
      for (const row of saved) {
        const isOnHold = row.status === 'on_hold';
        expect(row.plate_number === null).toBe(isOnHold);
        const directions = debits
          .filter((debit) => debit.transaction_number === row.number)
          .map((debit) => debit.direction)
          .sort();
        expect(directions).toEqual(
          isOnHold ? [] : row.status === 'confirmed' ? ['debit'] : ['credit', 'debit'],
        );
        const papers = documentOwners.filter(
          (document) =>
            document.command_id === row.confirm_command_id ||
            document.command_id === row.cancel_command_id,
        );
        expect(papers).toHaveLength(isOnHold ? 0 : row.status === 'confirmed' ? 3 : 4);
      }

      // Applied transits are valid by the rules: limits per vehicle and per customer held.
      const transits = documentOwners.filter((row) => row.kind === 'transit');
      const perVehicle = new Map<string, number>();
      const perCustomer = new Map<string, number>();
      for (const row of transits) {
        perVehicle.set(row.vin, (perVehicle.get(row.vin) ?? 0) + 1);
        const key = `${row.vin}|${row.customer_key ?? ''}`;
        perCustomer.set(key, (perCustomer.get(key) ?? 0) + 1);
      }
      // The clock moves a day per batch, so 12-month windows never expire within the run.
      for (const count of perVehicle.values()) expect(count).toBeLessThanOrEqual(4);
      for (const count of perCustomer.values()) expect(count).toBeLessThanOrEqual(2);

      // Every rejection is audited under its command id.
      const audited = new Set(
        (
          await db
            .selectFrom('audit_log')
            .select('subject')
            .where('event', '=', 'command.rejected')
            .execute()
        ).map((row) => row.subject),
      );
      for (const result of rejected) expect(audited).toContain(result.id);

      const verdicts = await verifyAuditChains(db);
      expect(verdicts.filter((verdict) => verdict.broken)).toEqual([]);
    },
  );

  it(
    'answers the registration views without 5xx whatever the query, auditing each refusal',
    { timeout: 120_000 },
    async () => {
      expect((await client.login('demo-agree')).status).toBe(200);
      const { db } = server.ctx.storage;
      const refusals = async () =>
        (
          await db
            .selectFrom('audit_log')
            .select('id')
            .where('event', '=', 'request.refused')
            .execute()
        ).length;
      const text = fc.string({ maxLength: 12 });
      const queryArb = fc.record(
        {
          licence: fc.oneof(fc.constantFrom('L-100001', 'L-100002', 'L-200001'), text),
          from: fc.oneof(fc.constantFrom('2026-03-01', '2025-01-01', '2026-13-40'), text),
          to: fc.oneof(fc.constantFrom('2026-03-10', '2026-12-31'), text),
          extra: text,
        },
        { requiredKeys: [] },
      );
      const numberArb = fc.oneof(
        fc.constantFrom('R-2026-000001', 'R-2026-000002', 'r-2026-000001 ', 'T-2026-000001'),
        fc.string({ minLength: 1, maxLength: 50 }),
      );
      await fc.assert(
        fc.asyncProperty(queryArb, numberArb, async (query, number) => {
          const before = await refusals();
          const list = await client.request(
            'GET',
            `/api/registrations?${new URLSearchParams(query).toString()}`,
          );
          expect(list.status).toBeLessThan(500);
          if (list.status === 403) expect(await refusals()).toBe(before + 1);
          const one = await client.request(
            'GET',
            `/api/registrations/${encodeURIComponent(number)}`,
          );
          expect([200, 404]).toContain(one.status);
        }),
        { numRuns: 80, seed: 20260311 },
      );
    },
  );
});
