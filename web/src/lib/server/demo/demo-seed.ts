import {
  formatDocumentNumber,
  localDate,
  newId,
  registrationRequestSchema,
} from '@comptoir/shared';
import { sql } from 'kysely';
import { hashPassword } from '../accounts/password.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { insertHeldRegistration, recordHoldSave } from '../registry/registrations.repo.js';
import { encryptSecret } from '../secret-box.js';
import { seedRegistryDemo } from './demo-seed-registry.js';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'demo-password';

/** Demo licences: two for the accredited dealer, one for the non-accredited dealer. */
export const DEMO_LICENCES = {
  accreditedMain: 'L-100001',
  accreditedSecond: 'L-100002',
  nonAccredited: 'L-200001',
} as const;

const accreditedDealer = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Automobiles Laurentides inc.',
  neq: '1160000001',
  permit: 'OPC-104512',
};
const nonAccreditedDealer = {
  id: '01900000-0000-7000-8000-000000000002',
  name: 'Garage Beauce enr.',
  neq: '2260000002',
  permit: 'OPC-208877',
};

/** Demo registry vehicles (valid VINs), some with categories that forbid a transit. */
export const DEMO_VEHICLES = [
  {
    vin: '2HGFC2F55PH000101',
    make: 'Honda',
    model: 'Civic',
    year: 2023,
    type: 'automobile',
    net_mass_kg: 1300,
    category: 'normal',
    colour: 'Bleu',
  },
  {
    vin: '1FTFW1E50NFA00202',
    make: 'Ford',
    model: 'F-150',
    year: 2022,
    type: 'light_truck',
    net_mass_kg: 2200,
    category: 'normal',
    colour: 'Noir',
  },
  {
    vin: '5XYZU3LB0NG000303',
    make: 'Hyundai',
    model: 'Santa Fe',
    year: 2022,
    type: 'suv',
    net_mass_kg: 1800,
    category: 'normal',
    colour: 'Blanc',
  },
  {
    vin: 'JM1BPAML3R1000404',
    make: 'Mazda',
    model: '3',
    year: 2024,
    type: 'automobile',
    net_mass_kg: 1350,
    category: 'total_loss',
    colour: 'Rouge',
  },
  {
    vin: '3VW2B7AJ2MM000505',
    make: 'Volkswagen',
    model: 'Jetta',
    year: 2021,
    type: 'automobile',
    net_mass_kg: 1330,
    category: 'severely_damaged',
    colour: 'Gris',
  },
  {
    vin: '1GNSKBKC3MR000606',
    make: 'Chevrolet',
    model: 'Tahoe',
    year: 2021,
    type: 'suv',
    net_mass_kg: 2600,
    category: 'normal',
    colour: 'Argent',
  },
  {
    vin: '4S4BTANC4N3000707',
    make: 'Subaru',
    model: 'Outback',
    year: 2022,
    type: 'automobile',
    net_mass_kg: 1700,
    category: 'normal',
    colour: 'Vert',
  },
  {
    vin: 'JYARN23E8PA000808',
    make: 'Yamaha',
    model: 'YZF-R3',
    year: 2023,
    type: 'motorcycle',
    net_mass_kg: 170,
    category: 'normal',
    colour: 'Bleu',
  },
  {
    vin: '2BPSCEAA1PK000909',
    make: 'Ski-Doo',
    model: 'MXZ',
    year: 2023,
    type: 'snowmobile',
    net_mass_kg: 230,
    category: 'normal',
    colour: 'Jaune',
  },
  {
    vin: '1C4RJFBG4MC001111',
    make: 'Jeep',
    model: 'Grand Cherokee',
    year: 2021,
    type: 'suv',
    net_mass_kg: 2100,
    category: 'normal',
    colour: 'Noir',
  },
] as const;

/** Demo people: valid, suspended and expired licences; two whose right to register is blocked. */
export const DEMO_PEOPLE = [
  {
    driver_licence: 'T123456789012',
    first_name: 'Marie',
    last_name: 'Tremblay',
    date_of_birth: '1985-04-12',
    licence_status: 'valid',
    is_registration_blocked: 0,
    block_reason: null,
  },
  {
    driver_licence: 'G234567890123',
    first_name: 'Jean',
    last_name: 'Gagnon',
    date_of_birth: '1978-11-03',
    licence_status: 'valid',
    is_registration_blocked: 0,
    block_reason: null,
  },
  {
    driver_licence: 'R345678901234',
    first_name: 'Sophie',
    last_name: 'Roy',
    date_of_birth: '1990-07-21',
    licence_status: 'suspended',
    is_registration_blocked: 0,
    block_reason: null,
  },
  {
    driver_licence: 'C456789012345',
    first_name: 'Luc',
    last_name: 'Côté',
    date_of_birth: '1969-01-30',
    licence_status: 'expired',
    is_registration_blocked: 0,
    block_reason: null,
  },
  {
    driver_licence: 'B567890123456',
    first_name: 'Isabelle',
    last_name: 'Bouchard',
    date_of_birth: '1982-09-09',
    licence_status: 'valid',
    is_registration_blocked: 1,
    block_reason: 'unpaid_fines',
  },
  {
    driver_licence: 'P678901234567',
    first_name: 'Alexandre',
    last_name: 'Pelletier',
    date_of_birth: '1995-05-17',
    licence_status: 'suspended',
    is_registration_blocked: 1,
    block_reason: 'unpaid_fines',
  },
] as const;

/** Demo accounts (password {@link DEMO_PASSWORD}) with their role, dealer and licences. */
export const DEMO_ACCOUNTS = [
  {
    username: 'demo-admin',
    display_name: 'Admin Laurentides',
    role: 'administrator',
    dealer: accreditedDealer.id,
    kind: 'personal',
    licences: [DEMO_LICENCES.accreditedMain, DEMO_LICENCES.accreditedSecond],
  },
  {
    username: 'demo-agree',
    display_name: 'Employé agréé',
    role: 'accredited_employee',
    dealer: accreditedDealer.id,
    kind: 'personal',
    licences: [DEMO_LICENCES.accreditedMain, DEMO_LICENCES.accreditedSecond],
  },
  {
    username: 'demo-admin2',
    display_name: 'Admin Beauce',
    role: 'administrator',
    dealer: nonAccreditedDealer.id,
    kind: 'personal',
    licences: [DEMO_LICENCES.nonAccredited],
  },
  {
    username: 'demo-generic',
    display_name: 'Salle de montre Beauce',
    role: 'generic_employee',
    dealer: nonAccreditedDealer.id,
    kind: 'generic',
    licences: [DEMO_LICENCES.nonAccredited],
  },
  {
    username: 'demo-staff',
    display_name: 'Personnel SAAQ',
    role: 'authority_staff',
    dealer: null,
    kind: 'staff',
    licences: [],
  },
] as const;

/**
 * Seeds the demo data set into a FRESH database (no dealer yet); does nothing otherwise, so
 * restarts and two processes starting at once are both safe (one transaction, one lock).
 */
export async function seedDemo(ctx: ServerContext): Promise<void> {
  const now = ctx.clock().toISOString();
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  const { storage } = ctx;
  await storage.writeTransaction(async (tx) => {
    await storage.lockKeys(tx, ['demo-seed']);
    const existing = await tx
      .selectFrom('dealers')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) return;

    for (const dealer of [accreditedDealer, nonAccreditedDealer]) {
      await tx
        .insertInto('dealers')
        .values({ ...dealer, is_accredited: dealer === accreditedDealer ? 1 : 0, created_at: now })
        .execute();
      await tx
        .insertInto('enterprises')
        .values({ neq: dealer.neq, name: dealer.name, legal_form: 'company' })
        .execute();
    }
    await tx
      .insertInto('enterprise_administrators')
      .values([
        {
          neq: accreditedDealer.neq,
          first_name: 'Marie',
          last_name: 'Tremblay',
          driver_licence: 'T123456789012',
        },
        {
          neq: nonAccreditedDealer.neq,
          first_name: 'Jean',
          last_name: 'Gagnon',
          driver_licence: 'G234567890123',
        },
      ])
      .execute();
    await tx
      .insertInto('licences')
      .values([
        {
          number: DEMO_LICENCES.accreditedMain,
          dealer_id: accreditedDealer.id,
          name: 'Laurentides, Saint-Jérôme',
          is_suspended: 0,
          transit_cap: null,
          change_seq: 0,
          created_at: now,
        },
        {
          number: DEMO_LICENCES.accreditedSecond,
          dealer_id: accreditedDealer.id,
          name: 'Laurentides, Mirabel',
          is_suspended: 0,
          transit_cap: null,
          change_seq: 0,
          created_at: now,
        },
        {
          number: DEMO_LICENCES.nonAccredited,
          dealer_id: nonAccreditedDealer.id,
          name: 'Beauce, Saint-Georges',
          is_suspended: 0,
          transit_cap: null,
          change_seq: 0,
          created_at: now,
        },
      ])
      .execute();
    await tx
      .insertInto('bank_accounts')
      .values({
        dealer_id: accreditedDealer.id,
        institution: '815',
        branch_transit: '30123',
        account_last4: '4567',
        account_cipher: encryptSecret(ctx.secretKey, '1234567'),
        holder_name: accreditedDealer.name,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('registry_vehicles')
      .values([...DEMO_VEHICLES])
      .execute();
    await tx
      .insertInto('vehicle_ownerships')
      .values([
        {
          id: newId(),
          vin: DEMO_VEHICLES[0].vin,
          owner_name: 'Jean Gagnon',
          owner_driver_licence: 'G234567890123',
          from_date: '2023-03-01',
          to_date: '2025-06-30',
        },
        {
          id: newId(),
          vin: DEMO_VEHICLES[0].vin,
          owner_name: accreditedDealer.name,
          owner_driver_licence: null,
          from_date: '2025-06-30',
          to_date: null,
        },
        {
          id: newId(),
          vin: DEMO_VEHICLES[1].vin,
          owner_name: 'Marie Tremblay',
          owner_driver_licence: 'T123456789012',
          from_date: '2022-02-15',
          to_date: null,
        },
        {
          id: newId(),
          vin: DEMO_VEHICLES[3].vin,
          owner_name: 'Sophie Roy',
          owner_driver_licence: 'R345678901234',
          from_date: '2024-01-10',
          to_date: '2025-09-01',
        },
      ])
      .execute();
    await tx
      .insertInto('registry_people')
      .values([...DEMO_PEOPLE])
      .execute();
    await tx
      .insertInto('plate_series')
      .values([
        { series: 'passenger', kind: 'passenger', next_value: 1 },
        { series: 'dealer_x', kind: 'dealer', next_value: 1234 },
      ])
      .execute();
    const year = ctx.clock().getUTCFullYear();
    await tx
      .insertInto('fee_schedule')
      .values(
        [
          ['automobile', 22_500],
          ['light_truck', 22_500],
          ['suv', 22_500],
          ['motorcycle', 45_000],
        ].map(([vehicle_type, amount_cents]) => ({
          year,
          vehicle_type: String(vehicle_type),
          amount_cents: Number(amount_cents),
        })),
      )
      .execute();
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const id = newId();
      await tx
        .insertInto('accounts')
        .values({
          id,
          username: account.username,
          password_hash: passwordHashes[index] ?? '',
          display_name: account.display_name,
          role: account.role,
          dealer_id: account.dealer,
          kind: account.kind,
          is_disabled: 0,
          created_at: now,
        })
        .execute();
      for (const licence of account.licences) {
        await tx
          .insertInto('account_licences')
          .values({ account_id: id, licence, role: account.role })
          .execute();
      }
    }
    await seedHeldRegistration(ctx, tx, now);
    await seedRegistryDemo(tx, now);
  });
}

/**
 * A demo registration saved on hold (the Subaru Outback for Marie Tremblay, under L-100001),
 * so that the kiosk's registration screens have one to show, edit and confirm.
 */
export const DEMO_HELD_REGISTRATION = {
  holdCommandId: '01900000-0000-7000-8000-0000000000a1',
  request: {
    vehicle: {
      vin: '4S4BTANC4N3000707',
      make: 'Subaru',
      model: 'Outback',
      year: 2022,
      type: 'automobile',
      netMassKg: 1700,
      condition: 'used',
      odometerKm: 38_000,
      colour: 'Vert',
    },
    buyers: [
      {
        kind: 'person',
        firstName: 'Marie',
        lastName: 'Tremblay',
        driverLicence: 'T123456789012',
        address: {
          line1: '12 rue Principale',
          city: 'Saint-Jérôme',
          province: 'QC',
          postalCode: 'J7Z 1A1',
          country: 'CA',
        },
      },
    ],
    holderIndex: 0,
  },
} as const;

async function seedHeldRegistration(ctx: ServerContext, tx: Tx, now: string): Promise<void> {
  const author = await tx
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'demo-agree')
    .executeTakeFirstOrThrow();
  const value = await ctx.storage.nextNumber(tx, 'R');
  const number = formatDocumentNumber('R', localDate(ctx.clock()).slice(0, 4), value);
  await insertHeldRegistration(tx, {
    number,
    licence: DEMO_LICENCES.accreditedMain,
    dealerId: accreditedDealer.id,
    // Parsed like every stored request: the demo data obeys the same schema.
    request: registrationRequestSchema.parse(DEMO_HELD_REGISTRATION.request),
    holdCommandId: DEMO_HELD_REGISTRATION.holdCommandId,
    createdBy: author.id,
    at: now,
  });
  await recordHoldSave(tx, DEMO_HELD_REGISTRATION.holdCommandId, number);
}
