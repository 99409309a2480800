import { pushResponseSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenceJurisdictionsMigration } from '../db/0014-licence-jurisdictions.migration.js';
import { appliedDocuments } from '../testing/bodies.js';
import { envelope, person, transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const ottawa = { line1: '80 Wellington St', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A2' };

/** A person with an Ontario licence living in Ontario (1 letter and 14 digits). */
function ontarian(driverLicence = 'A1234-56789-01234') {
  return {
    kind: 'person' as const,
    firstName: 'Emily',
    lastName: 'Walsh',
    driverLicence,
    licenceJurisdiction: 'CA-ON',
    address: ottawa,
  };
}

/**
 * Non-resident customers and sane input, over HTTP (the real push route) on both engines. The
 * test server's clock stands at 2026-03-10 11:00, Québec time.
 */
describe.each(ENGINES)('non-resident customers and sane input on %s', (engine) => {
  let server: TestServer;
  let client: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    client = createHarnessClient(server);
    const response = await client.login('demo-agree');
    expect(response.status).toBe(200);
    accountId = sessionInfoSchema.parse(await response.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function pushOne(op: unknown) {
    const response = await client.request('POST', '/api/sync/push', { json: { ops: [op] } });
    expect(response.status).toBe(200);
    const [result] = pushResponseSchema.parse(await response.json()).results;
    return result;
  }

  async function refusedFields(op: unknown) {
    const result = await pushOne(op);
    expect(result?.status).toBe('rejected');
    return result?.error?.fields.map((field) => `${field.path}:${field.code}`);
  }

  function transitTo(holder: unknown, onVehicle = vehicle(7)) {
    const base = transitCommand({ accountId, vehicle: onVehicle });
    return {
      ...base,
      payload: {
        ...base.payload,
        holder,
        days: 4,
        reason: 'non_resident_driving_home',
      },
    };
  }

  it('issues the 4-day non-resident transit to an Ontario licence holder, printed with it', async () => {
    const result = await pushOne(transitTo(ontarian()));
    expect(result?.status).toBe('applied');
    const [document] = appliedDocuments(result);
    expect(document?.kind).toBe('transit');
    const row = await server.ctx.storage.db
      .selectFrom('documents')
      .select(['customer_key', 'document_json'])
      .where('number', '=', document?.number ?? '')
      .executeTakeFirstOrThrow();
    expect(row.customer_key).toBe('DL:CA-ON:A12345678901234');
    expect(row.document_json).toContain('A12345678901234');
  });

  it('refuses the non-resident transit to a Québec holder, audited', async () => {
    const op = transitTo(person());
    expect(await refusedFields(op)).toEqual(['payload.holder:non_resident_required']);
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('event')
      .where('subject', '=', op.id)
      .execute();
    expect(audited.map((row) => row.event)).toContain('command.rejected');
  });

  it('counts the same licence number in two jurisdictions as two customers', async () => {
    // Québec's format and Vermont's (generic) share this number; Ontario's never does.
    const quebec = person({ driverLicence: 'A123456789012' });
    const vermont = {
      ...quebec,
      licenceJurisdiction: 'US-VT',
      address: {
        line1: '1 Church St',
        city: 'Burlington',
        province: 'VT',
        postalCode: '05401',
        country: 'US',
      },
    };
    for (let i = 0; i < 2; i++) {
      const issued = await pushOne(
        transitCommand({ accountId, vehicle: vehicle(6), holder: quebec }),
      );
      expect(issued?.error?.code ?? issued?.status).toBe('applied');
    }
    const third = await pushOne(transitCommand({ accountId, vehicle: vehicle(6), holder: quebec }));
    expect(third?.error?.code).toBe('transit_limit_customer');
    const elsewhere = await pushOne(transitTo(vermont, vehicle(6)));
    expect(elsewhere?.error ?? elsewhere?.status).toBe('applied');
  });

  it('applies an envelope queued under the old shape (a plain Québec licence) as Québec', async () => {
    // Exactly what a kiosk queued before jurisdictions: no `licenceJurisdiction` field at all.
    const old = transitCommand({
      accountId,
      vehicle: vehicle(9),
      holder: person({ driverLicence: 'B111122223333' }),
    });
    expect(old.payload.holder).not.toHaveProperty('licenceJurisdiction');
    const applied = await pushOne(old);
    expect(applied?.status).toBe('applied');
    // Replayed unchanged (the kiosk never rewrites it): the same answer, no conflict.
    expect((await pushOne(old))?.status).toBe('applied');
    // The same Québec licence in the new shape is the same customer: the third is refused.
    const explicit = {
      ...person({ driverLicence: 'B111122223333' }),
      licenceJurisdiction: 'CA-QC',
    };
    const second = transitCommand({ accountId, vehicle: vehicle(9) });
    expect(
      (await pushOne({ ...second, payload: { ...second.payload, holder: explicit } }))?.status,
    ).toBe('applied');
    const third = transitCommand({ accountId, vehicle: vehicle(9) });
    const refused = await pushOne({ ...third, payload: { ...third.payload, holder: explicit } });
    expect(refused?.error?.code).toBe('transit_limit_customer');
  });

  it('refuses an ATAC delivered in 2099, naming the allowed range', async () => {
    const op = {
      ...envelope({ accountId }),
      type: 'atac.create',
      payload: {
        transaction: 'sale',
        deliveryDate: '2099-01-01',
        vehicle: vehicle(1),
        buyers: [person()],
        holderIndex: 0,
        salePriceCents: 2_500_000,
        tradeInCents: 0,
        gstCents: 100_000,
        qstBaseCents: 2_000_000,
      },
    };
    const result = await pushOne(op);
    expect(result?.status).toBe('rejected');
    expect(result?.error?.fields).toEqual([
      {
        path: 'payload.deliveryDate',
        code: 'date_too_far_ahead',
        message: {
          fr: 'Date trop éloignée : au plus tard le 2026-04-09 (30 jours après aujourd’hui).',
          en: 'Date too far ahead: 2026-04-09 at the latest (30 days after today).',
        },
      },
    ]);
  });

  it('refuses "12345" as a Québec postal code and "ZZ" as a country', async () => {
    const base = person();
    const badPostal = { ...base, address: { ...base.address, postalCode: '12345' } };
    expect(await refusedFields(transitCommand({ accountId, holder: badPostal }))).toEqual([
      'payload.holder.address.postalCode:invalid_postal_code',
    ]);
    const ontarioCode = { ...base, address: { ...base.address, postalCode: 'K1A 0A2' } };
    expect(await refusedFields(transitCommand({ accountId, holder: ontarioCode }))).toEqual([
      'payload.holder.address.postalCode:postal_code_province_mismatch',
    ]);
    const nowhere = { ...base, address: { ...base.address, country: 'ZZ' } };
    expect(await refusedFields(transitCommand({ accountId, holder: nowhere }))).toEqual([
      'payload.holder.address.country:invalid_country',
    ]);
  });

  it('refuses an inventory acquisition dated 2030 and a licence holder under 16', async () => {
    const acquisition = {
      ...envelope({ accountId }),
      type: 'inventory.record',
      payload: { vehicle: vehicle(3), acquiredOn: '2030-01-01' },
    };
    expect(await refusedFields(acquisition)).toEqual(['payload.acquiredOn:date_in_future']);
    const child = { ...person(), dateOfBirth: '2012-01-01' };
    expect(await refusedFields(transitCommand({ accountId, holder: child }))).toEqual([
      'payload.holder.dateOfBirth:person_too_young',
    ]);
  });

  it('migration 0014 rewrites the Québec keys stored before jurisdictions, once', async () => {
    const { db } = server.ctx.storage;
    const row = await db
      .selectFrom('documents')
      .selectAll()
      .where('customer_key', '=', 'DL:CA-ON:A12345678901234')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('documents')
      .values({
        ...row,
        number: 'T-2026-990001',
        command_id: 'old-1',
        customer_key: 'DL:T999988887777',
      })
      .execute();
    await licenceJurisdictionsMigration.up(db);
    await licenceJurisdictionsMigration.up(db);
    const keys = await db
      .selectFrom('documents')
      .select(['number', 'customer_key'])
      .where('number', 'in', ['T-2026-990001', row.number])
      .execute();
    expect(new Map(keys.map((key) => [key.number, key.customer_key]))).toEqual(
      new Map([
        ['T-2026-990001', 'DL:CA-QC:T999988887777'],
        [row.number, 'DL:CA-ON:A12345678901234'],
      ]),
    );
  });
});
