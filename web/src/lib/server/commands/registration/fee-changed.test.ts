import {
  commandResultSchema,
  pushResponseSchema,
  registrationViewSchema,
  sessionInfoSchema,
  type CommandResult,
} from '@comptoir/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../../testing/bodies.js';
import { vehicle } from '../../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../../testing/http-harness.js';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import {
  appliedOf,
  cancelCommand,
  confirmCommand,
  freshVins,
  holdCommand,
} from './registration-testing.js';

/*
 * The money of a confirmation and the reason of a cancellation, over HTTP: the summary the
 * client is shown (`feeQuote`), `expectedFeeCents` refused with `fee_changed` when the fee
 * moved (nothing debited), and the reason "other" that needs its text.
 */

const vins = freshVins('7', 20);

describe.each(ENGINES)('the fee shown before a confirmation, over HTTP on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;
  let nextVin = 0;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
  });
  beforeEach(async () => {
    server.clock.set('2026-03-10T14:00:00.000Z');
    const login = await client.login('demo-agree');
    accountId = sessionInfoSchema.parse(await login.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function direct(command: unknown): Promise<{ status: number; result: CommandResult }> {
    const response = await client.request('POST', '/api/commands', { json: command });
    return {
      status: response.status,
      result: commandResultSchema.parse(parseJson(await response.text())),
    };
  }

  async function view(number: string) {
    const response = await client.request('GET', `/api/registrations/${number}`);
    expect(response.status).toBe(200);
    return registrationViewSchema.parse(await response.json());
  }

  async function hold(): Promise<string> {
    const vin = vins[nextVin++];
    if (!vin) throw new Error('out of test VINs');
    const command = holdCommand({ accountId, vehicle: { ...vehicle(0), vin } });
    const response = await client.request('POST', '/api/sync/push', { json: { ops: [command] } });
    const [result] = pushResponseSchema.parse(await response.json()).results;
    expect(result?.status, JSON.stringify(result)).toBe('applied');
    return appliedOf(result).transaction?.number ?? '';
  }

  async function debitsOf(number: string) {
    return server.ctx.storage.db
      .selectFrom('bank_debits')
      .select(['direction', 'amount_cents'])
      .where('transaction_number', '=', number)
      .execute();
  }

  async function setFee(amountCents: number): Promise<void> {
    await server.ctx.storage.db
      .updateTable('fee_schedule')
      .set({ amount_cents: amountCents })
      .where('year', '=', 2026)
      .where('vehicle_type', '=', 'automobile')
      .execute();
  }

  it('shows on hold the fee by line, the masked account, the plate series and the papers', async () => {
    const number = await hold();
    expect((await view(number)).feeQuote).toEqual({
      lines: [
        { code: 'registration_fee', year: 2026, vehicleType: 'automobile', amountCents: 22_500 },
      ],
      totalCents: 22_500,
      bankAccount: {
        institution: expect.any(String),
        transit: expect.any(String),
        accountMasked: expect.stringMatching(/^•••\d{4}$/),
      },
      plateSeries: 'passenger',
      papers: ['provisional_plate', 'registration_certificate', 'proof_of_service'],
    });
    const confirmed = await direct(
      confirmCommand({ accountId, registrationNumber: number, expectedFeeCents: 22_500 }),
    );
    expect(confirmed.status).toBe(200);
    expect(await debitsOf(number)).toEqual([{ direction: 'debit', amount_cents: 22_500 }]);
    // Confirmed, there is nothing left to quote.
    expect((await view(number)).feeQuote).toBeUndefined();
  });

  it('refuses a total other than the fee in force with fee_changed, debiting nothing', async () => {
    const number = await hold();
    const shown = (await view(number)).feeQuote?.totalCents;
    expect(shown).toBe(22_500);
    await setFee(23_000);
    try {
      const command = confirmCommand({
        accountId,
        registrationNumber: number,
        expectedFeeCents: 22_500,
      });
      const refused = await direct(command);
      expect(refused.status).toBe(422);
      const error = refused.result.error;
      expect(error?.code).toBe('fee_changed');
      expect(error?.details).toEqual({ feeCents: 23_000, expectedFeeCents: 22_500 });
      expect(error?.message.fr).toContain('230,00');
      expect(error?.message.en).toContain('$230.00');
      expect(error?.fields.map((field) => [field.path, field.code])).toEqual([
        ['payload.expectedFeeCents', 'fee_changed'],
      ]);
      expect(await debitsOf(number)).toEqual([]);
      const after = await view(number);
      expect(after.status).toBe('on_hold');
      expect(after.documents).toEqual([]);
      expect(after.feeQuote?.totalCents).toBe(23_000);
      const audited = await server.ctx.storage.db
        .selectFrom('audit_log')
        .select('subject')
        .where('event', '=', 'command.rejected')
        .where('subject', '=', command.id)
        .execute();
      expect(audited).toHaveLength(1);

      // The client agrees to the new amount: a new confirmation with it applies.
      const agreed = await direct(
        confirmCommand({ accountId, registrationNumber: number, expectedFeeCents: 23_000 }),
      );
      expect(agreed.status).toBe(200);
      expect(await debitsOf(number)).toEqual([{ direction: 'debit', amount_cents: 23_000 }]);
    } finally {
      await setFee(22_500);
    }
  });

  it('still applies a confirmation without the total shown (sent by an older kiosk)', async () => {
    const number = await hold();
    const confirmed = await direct(confirmCommand({ accountId, registrationNumber: number }));
    expect(confirmed.status).toBe(200);
    expect(appliedOf(confirmed.result).transaction?.status).toBe('confirmed');
  });

  it('refuses a cancellation for the reason "other" without its text, naming the field', async () => {
    const number = await hold();
    expect((await direct(confirmCommand({ accountId, registrationNumber: number }))).status).toBe(
      200,
    );
    server.clock.advance(60_000);
    const bare = await direct(
      cancelCommand({ accountId, registrationNumber: number, reasonCode: 'other' }),
    );
    expect(bare.result.status).toBe('rejected');
    expect(bare.result.error?.fields.map((field) => [field.path, field.code])).toEqual([
      ['payload.reasonText', 'cancel_reason_text_required'],
    ]);
    expect(bare.result.error?.fields[0]?.message.fr).toContain('Autre');
    expect((await view(number)).status).toBe('confirmed');

    const described = await direct(
      cancelCommand({
        accountId,
        registrationNumber: number,
        reasonCode: 'other',
        reasonText: 'Le client déménage en Ontario',
      }),
    );
    expect(described.status).toBe(200);
    expect(await view(number)).toMatchObject({ status: 'cancelled', cancelReasonCode: 'other' });
  });
});
