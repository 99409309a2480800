import {
  documentEnvelopeSchema,
  pushResponseSchema,
  registrationViewSchema,
  sessionInfoSchema,
  type CommandResult,
} from '@comptoir/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { atacCommand, person, transitCommand, vehicle } from '../../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../../testing/http-harness.js';
import { ENGINES } from '../../testing/test-env.js';
import { createTestServer, type TestServer } from '../../testing/test-server.js';
import {
  appliedOf,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../registration/registration-testing.js';

const vins = freshVins('A', 30);

describe.each(ENGINES)('the ATAC a transit or registration follows, over HTTP on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;
  let nextVin = 0;

  /** A demo-like car with a VIN no other test of the file uses. */
  function freshCar() {
    const vin = vins[nextVin++];
    if (!vin) throw new Error('out of test VINs');
    return vehicle(0, { vin });
  }

  /** An ATAC with one buyer (a registration online needs a single owner). */
  function soleBuyerAtac(car: ReturnType<typeof vehicle>) {
    const command = atacCommand({ accountId, vehicle: car });
    return { ...command, payload: { ...command.payload, buyers: [person()], holderIndex: 0 } };
  }

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

  async function push(ops: unknown[]): Promise<CommandResult[]> {
    const response = await client.request('POST', '/api/sync/push', { json: { ops } });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  async function transitDocument(result: CommandResult | undefined) {
    expect(result?.status, JSON.stringify(result)).toBe('applied');
    const number = appliedOf(result).documents[0]?.number ?? '';
    const response = await client.request('GET', `/api/transit/${number}`);
    expect(response.status).toBe(200);
    return documentEnvelopeSchema.parse(await response.json()).document;
  }

  async function unresolvedLinks(commandId: string): Promise<unknown[]> {
    const rows = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('event', '=', 'atac.link_unresolved')
      .where('subject', '=', commandId)
      .execute();
    return rows.map((row) => JSON.parse(row.detail_json) as unknown);
  }

  it('prints the number of an ATAC queued in the same push, named by its command id', async () => {
    const car = freshCar();
    const atac = atacCommand({ accountId, vehicle: car });
    const transit = transitCommand({ accountId, vehicle: car });
    const linked = {
      ...transit,
      payload: { ...transit.payload, followsAtac: { commandId: atac.id } },
    };
    const [atacResult, transitResult] = await push([atac, linked]);
    const atacNumber = appliedOf(atacResult).documents[0]?.number;
    expect(atacNumber).toMatch(/^A/);
    expect(await transitDocument(transitResult)).toMatchObject({ atacNumber });
    expect(await unresolvedLinks(linked.id)).toEqual([]);
    // The ATAC keeps each person's names apart, for the forms prefilled from it on any kiosk.
    const atacView = await client.request('GET', `/api/atac/${atacNumber ?? ''}`);
    const { document } = documentEnvelopeSchema.parse(await atacView.json());
    expect(document.kind === 'atac' && document.buyers[0]).toMatchObject({
      name: 'Marie Tremblay',
      firstName: 'Marie',
      lastName: 'Tremblay',
    });
  });

  it('resolves a command id applied in an earlier push, and takes a number as it is', async () => {
    const car = freshCar();
    const atac = atacCommand({ accountId, vehicle: car });
    const [atacResult] = await push([atac]);
    const atacNumber = appliedOf(atacResult).documents[0]?.number ?? '';
    server.clock.advance(60_000);
    const byId = transitCommand({ accountId, vehicle: car });
    const byNumber = transitCommand({
      accountId,
      vehicle: car,
      holder: person({ driverLicence: 'G234567890123' }),
    });
    const [first, second] = await push([
      { ...byId, payload: { ...byId.payload, followsAtac: { commandId: atac.id } } },
      { ...byNumber, payload: { ...byNumber.payload, followsAtac: { number: atacNumber } } },
    ]);
    expect(await transitDocument(first)).toMatchObject({ atacNumber });
    expect(await transitDocument(second)).toMatchObject({ atacNumber });
  });

  it('applies a transit whose ATAC was refused or never came, without a number, audited', async () => {
    const car = freshCar();
    const refusedAtac = atacCommand({ accountId, vehicle: car });
    const badAtac = { ...refusedAtac, payload: { ...refusedAtac.payload, holderIndex: 5 } };
    const afterRefused = transitCommand({ accountId, vehicle: car });
    const neverCame = transitCommand({ accountId, vehicle: freshCar() });
    const missingId = atacCommand({ accountId }).id;
    const [atacResult, first, second] = await push([
      badAtac,
      {
        ...afterRefused,
        payload: { ...afterRefused.payload, followsAtac: { commandId: badAtac.id } },
      },
      { ...neverCame, payload: { ...neverCame.payload, followsAtac: { commandId: missingId } } },
    ]);
    expect(atacResult?.status).toBe('rejected');
    expect((await transitDocument(first)).atacNumber).toBeUndefined();
    expect((await transitDocument(second)).atacNumber).toBeUndefined();
    expect(await unresolvedLinks(afterRefused.id)).toEqual([
      { commandId: afterRefused.id, followsCommandId: badAtac.id },
    ]);
    expect(await unresolvedLinks(neverCame.id)).toHaveLength(1);
  });

  it('refuses a number that is no ATAC of the dealer, or one of another vehicle', async () => {
    const car = freshCar();
    const [atacResult] = await push([atacCommand({ accountId, vehicle: car })]);
    const atacNumber = appliedOf(atacResult).documents[0]?.number ?? '';
    const unknown = transitCommand({ accountId, vehicle: freshCar() });
    const otherCar = transitCommand({ accountId, vehicle: freshCar() });
    const [first, second] = await push([
      { ...unknown, payload: { ...unknown.payload, followsAtac: { number: 'A-2026-999999' } } },
      { ...otherCar, payload: { ...otherCar.payload, followsAtac: { number: atacNumber } } },
    ]);
    expect(first?.error?.code).toBe('atac_not_found');
    expect(first?.error?.fields.map((field) => field.path)).toEqual(['payload.followsAtac.number']);
    expect(second?.error?.code).toBe('atac_other_vehicle');
  });

  it('still accepts an envelope queued before the link existed', async () => {
    const [result] = await push([transitCommand({ accountId, vehicle: freshCar() })]);
    expect((await transitDocument(result)).atacNumber).toBeUndefined();
  });

  it('keeps the ATAC of a held registration, and its certificate prints it', async () => {
    const car = freshCar();
    const atac = soleBuyerAtac(car);
    const hold = holdCommand({ accountId, vehicle: car });
    const [atacResult, held] = await push([
      atac,
      { ...hold, payload: { ...hold.payload, followsAtac: { commandId: atac.id } } },
    ]);
    const atacNumber = appliedOf(atacResult).documents[0]?.number ?? '';
    const registrationNumber = appliedOf(held).transaction?.number ?? '';
    const viewed = await client.request('GET', `/api/registrations/${registrationNumber}`);
    expect(registrationViewSchema.parse(await viewed.json()).request.atacNumber).toBe(atacNumber);

    server.clock.advance(60_000);
    const confirmed = await client.request('POST', '/api/commands', {
      json: confirmCommand({ accountId, registrationNumber }),
    });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    const certificate = (await (
      await client.request('GET', `/api/registrations/${registrationNumber}`)
    ).json()) as unknown;
    const documents = registrationViewSchema.parse(certificate).documents;
    const printed = documents.find(
      (envelope) => envelope.document.kind === 'registration_certificate',
    );
    expect(printed?.document).toMatchObject({ atacNumber });
  });
});
