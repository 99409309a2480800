import {
  apiErrorSchema,
  commandResultSchema,
  errorCatalogue,
  vehicleLookupSchema,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdCommand, inventoryCommand } from '../commands/registration/registration-testing.js';
import { DEMO_VEHICLES } from '../demo/demo-seed.js';
import { atacCommand, transitCommand, vehicle } from '../testing/factories.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { VEHICLE_LOOKUPS_PER_MINUTE } from './vehicles.service.js';
import {
  auditCount,
  expectRefusal,
  freshVin,
  signIn,
  type SignedIn,
} from './registry-services.testing.js';

/** A command carrying another vehicle than its factory's (one the factories' types refuse). */
function withVehicle<C extends { payload: object }>(command: C, other: object): C {
  return { ...command, payload: { ...command.payload, vehicle: other } };
}

describe.each(ENGINES)('vehicle look-up and the registry authority over HTTP on %s', (engine) => {
  let server: TestServer;
  let accredited: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    accredited = await signIn(server, 'demo-agree');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function lookUp(vin: string, who = accredited, licence = 'L-100001') {
    const response = await who.client.request('GET', `/api/vehicles/${vin}?licence=${licence}`);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as unknown };
  }

  async function send(command: unknown) {
    const response = await accredited.client.request('POST', '/api/commands', { json: command });
    return { status: response.status, result: commandResultSchema.parse(await response.json()) };
  }

  it('tells what the registry knows of a VIN and what may be issued, never a name', async () => {
    const answer = await lookUp(DEMO_VEHICLES[0].vin.toLowerCase());
    expect(answer.status).toBe(200);
    expect(vehicleLookupSchema.parse(answer.body)).toEqual({
      vin: DEMO_VEHICLES[0].vin,
      vehicle: {
        make: 'Honda',
        model: 'Civic',
        year: 2023,
        type: 'automobile',
        netMassKg: 1300,
        category: 'normal',
        colour: 'Bleu',
        isCoOwned: false,
      },
      decoded: { modelYear: 2023, makes: ['Honda'] },
      flags: [],
      issuable: {
        transit: { allowed: true },
        registration: { allowed: true },
        atac: { allowed: true },
      },
    });
    expect(answer.text).not.toMatch(/Gagnon|Laurentides|G234567890123/);
    expect(await auditCount(server, 'vehicle.looked_up', accredited.accountId)).toBe(1);
  });

  it('says why a total loss and a snowmobile get no transit, and a snowmobile no online registration', async () => {
    const totalLoss = vehicleLookupSchema.parse((await lookUp(DEMO_VEHICLES[3].vin)).body);
    expect(totalLoss.flags).toEqual(['total_loss']);
    expect(totalLoss.issuable.transit).toEqual({
      allowed: false,
      code: 'transit_forbidden_category',
      message: errorCatalogue.transit_forbidden_category,
    });
    const sled = vehicleLookupSchema.parse((await lookUp(DEMO_VEHICLES[8].vin)).body);
    expect(sled.issuable.transit).toMatchObject({ code: 'transit_forbidden_category' });
    expect(sled.issuable.registration).toMatchObject({ code: 'registration_vehicle_type' });
    expect(sled.issuable.atac).toEqual({ allowed: true });
  });

  it('answers an unknown VIN from the VIN itself; a generic employee may not register', async () => {
    const generic = await signIn(server, 'demo-generic');
    const vin = freshVin(71);
    const unknown = vehicleLookupSchema.parse((await lookUp(vin, generic, 'L-200001')).body);
    expect(unknown).toMatchObject({
      vin,
      vehicle: null,
      decoded: { modelYear: 2023, makes: ['Honda'] },
      flags: [],
      issuable: {
        transit: { allowed: true },
        registration: { allowed: false, code: 'forbidden' },
        atac: { allowed: true },
      },
    });
  });

  it('refuses a bad VIN, a licence not held, and throttles an account (all audited)', async () => {
    await expectRefusal(
      await accredited.client.request('GET', '/api/vehicles/NOT-A-VIN?licence=L-100001'),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await accredited.client.request('GET', `/api/vehicles/${freshVin(72)}?licence=L-200001`),
      403,
      'licence_not_permitted',
    );
    const busy = await signIn(server, 'demo-admin');
    for (let index = 0; index < VEHICLE_LOOKUPS_PER_MINUTE; index += 1) {
      expect((await lookUp(freshVin(100 + index), busy)).status).toBe(200);
    }
    const throttled = await lookUp(freshVin(99), busy);
    expect(throttled.status).toBe(429);
    expect(apiErrorSchema.parse(throttled.body).code).toBe('vehicle_lookup_rate_limited');
    expect(await auditCount(server, 'request.refused', busy.accountId)).toBe(1);
    // Another account is not held back by the busy one, and the next minute is free again.
    expect((await lookUp(freshVin(98))).status).toBe(200);
    server.clock.advance(61_000);
    expect((await lookUp(freshVin(97), busy)).status).toBe(200);
    // Sixty look-ups in a row: slow on a loaded machine, never a measure of speed.
  }, 60_000);

  it('refuses a transit contradicting the registry, naming every field with its value', async () => {
    const ferrari = { ...vehicle(0), make: 'Ferrari', model: 'F40', year: 1990 };
    const answer = await send(
      withVehicle(transitCommand({ accountId: accredited.accountId }), ferrari),
    );
    expect(answer.status).toBe(422);
    const error = answer.result.error;
    expect(error?.code).toBe('vehicle_mismatch');
    expect(error?.fields).toEqual([
      {
        path: 'payload.vehicle.make',
        code: 'vehicle_mismatch',
        message: { fr: 'Le registre indique : Honda.', en: 'The registry says: Honda.' },
      },
      {
        path: 'payload.vehicle.model',
        code: 'vehicle_mismatch',
        message: { fr: 'Le registre indique : Civic.', en: 'The registry says: Civic.' },
      },
      {
        path: 'payload.vehicle.year',
        code: 'vehicle_mismatch',
        message: { fr: 'Le registre indique : 2023.', en: 'The registry says: 2023.' },
      },
    ]);
    expect(error?.message.fr).toContain('marque Honda, modèle Civic, année 2023');
    expect(error?.message.en).toContain('make Honda, model Civic, year 2023');
    const issued = await server.ctx.storage.db
      .selectFrom('documents')
      .select('number')
      .where('vin', '=', ferrari.vin)
      .where('kind', '=', 'transit')
      .execute();
    expect(issued).toHaveLength(0);
  });

  it('refuses an ATAC, a held registration and an inventory record that contradict it too', async () => {
    const { accountId } = accredited;
    const lighter = { ...vehicle(1), netMassKg: 1500 };
    const atac = await send(withVehicle(atacCommand({ accountId }), lighter));
    expect(atac.result.error?.fields.map((field) => field.path)).toEqual([
      'payload.vehicle.netMassKg',
    ]);
    const asTruck = { ...vehicle(2), type: 'light_truck' as const };
    const hold = await send(holdCommand({ accountId, vehicle: asTruck }));
    expect(hold.result.error).toMatchObject({
      code: 'vehicle_mismatch',
      fields: [{ path: 'payload.vehicle.type', message: { fr: 'Le registre indique : VUS.' } }],
    });
    const renamed = { ...vehicle(6), model: 'Forester' };
    const inventory = await send(inventoryCommand({ accountId, vehicle: renamed }));
    expect(inventory.result.error?.code).toBe('vehicle_mismatch');
    expect(await auditCount(server, 'command.rejected', accountId)).toBeGreaterThanOrEqual(3);
  });

  it('accepts the registry values written another way, and any vehicle the registry does not know', async () => {
    const { accountId } = accredited;
    const shouted = { ...vehicle(9), make: 'JEEP', model: 'grand  cherokee' };
    expect((await send(withVehicle(transitCommand({ accountId }), shouted))).result.status).toBe(
      'applied',
    );
    const unknown = { ...vehicle(0, { vin: freshVin(73) }), make: 'Ferrari', model: 'F40' };
    expect((await send(withVehicle(atacCommand({ accountId }), unknown))).result.status).toBe(
      'applied',
    );
  });
});
