import { sql } from 'kysely';
import type { ServerContext } from '../context.js';
import { accessCodeHash } from '../accounts/signup.service.js';
import { SOLE_PROPRIETORSHIP } from '../accounts/signup.service.js';

/*
 * Demo data for the sign-up paths (docs/domain.md#accounts-and-sign-in): dealers whose
 * administrator has not signed up yet, an enterprise that is no dealer, and one unused access
 * code. Added on top of `seedDemo`, once (it does nothing when its first dealer exists).
 */

/** A sole proprietorship (particulier en affaires): its owner signs up as themself. */
export const DEMO_SOLE_PROPRIETOR = {
  dealerId: '01900000-0000-7000-8000-000000000003',
  neq: '3360000003',
  enterpriseName: 'Sylvie Bergeron',
  dealerName: 'Motos Gaspésie',
  licence: 'L-300001',
  firstName: 'Sylvie',
  lastName: 'Bergeron',
  driverLicence: 'B345678901234',
} as const;

/** An accredited company whose listed administrator has not signed up yet. */
export const DEMO_ACCREDITED_WITHOUT_ADMIN = {
  dealerId: '01900000-0000-7000-8000-000000000004',
  neq: '4460000004',
  name: 'Camions Abitibi inc.',
  licence: 'L-400001',
  administrator: { firstName: 'Paul', lastName: 'Lavoie', driverLicence: 'L456789012345' },
} as const;

/** An enterprise at the registry that holds no dealer permit. */
export const DEMO_NOT_A_DEALER = { neq: '5560000005', name: 'Boulangerie du Coin inc.' } as const;

/** An unused access code for an employee of the accredited demo dealer (L-100001, L-100002). */
export const DEMO_ACCESS_CODE = {
  code: 'PES12345',
  dealerId: '01900000-0000-7000-8000-000000000001',
  firstName: 'Nadia',
  lastName: 'Morin',
  driverLicence: 'M567890123456',
} as const;

/** Seeds the sign-up demo data once, after `seedDemo`. */
export async function seedDemoAccounts(ctx: ServerContext): Promise<void> {
  const now = ctx.clock();
  const { storage } = ctx;
  await storage.writeTransaction(async (tx) => {
    await storage.lockKeys(tx, ['demo-seed-accounts']);
    const present = await tx
      .selectFrom('dealers')
      .select(sql<number>`count(*)`.as('n'))
      .where('id', 'in', [DEMO_SOLE_PROPRIETOR.dealerId, DEMO_ACCESS_CODE.dealerId])
      .executeTakeFirstOrThrow();
    // Needs the main demo dealer, and runs once.
    if (Number(present.n) !== 1) return;
    const created = now.toISOString();
    await tx
      .insertInto('enterprises')
      .values([
        {
          neq: DEMO_SOLE_PROPRIETOR.neq,
          name: DEMO_SOLE_PROPRIETOR.enterpriseName,
          legal_form: SOLE_PROPRIETORSHIP,
        },
        {
          neq: DEMO_ACCREDITED_WITHOUT_ADMIN.neq,
          name: DEMO_ACCREDITED_WITHOUT_ADMIN.name,
          legal_form: 'company',
        },
        { neq: DEMO_NOT_A_DEALER.neq, name: DEMO_NOT_A_DEALER.name, legal_form: 'company' },
      ])
      .execute();
    await tx
      .insertInto('enterprise_administrators')
      .values({
        neq: DEMO_ACCREDITED_WITHOUT_ADMIN.neq,
        first_name: DEMO_ACCREDITED_WITHOUT_ADMIN.administrator.firstName,
        last_name: DEMO_ACCREDITED_WITHOUT_ADMIN.administrator.lastName,
        driver_licence: DEMO_ACCREDITED_WITHOUT_ADMIN.administrator.driverLicence,
      })
      .execute();
    await tx
      .insertInto('dealers')
      .values([
        {
          id: DEMO_SOLE_PROPRIETOR.dealerId,
          name: DEMO_SOLE_PROPRIETOR.dealerName,
          neq: DEMO_SOLE_PROPRIETOR.neq,
          permit: 'OPC-311002',
          is_accredited: 0,
          created_at: created,
        },
        {
          id: DEMO_ACCREDITED_WITHOUT_ADMIN.dealerId,
          name: DEMO_ACCREDITED_WITHOUT_ADMIN.name,
          neq: DEMO_ACCREDITED_WITHOUT_ADMIN.neq,
          permit: 'OPC-412345',
          is_accredited: 1,
          created_at: created,
        },
      ])
      .execute();
    await tx
      .insertInto('licences')
      .values([
        {
          number: DEMO_SOLE_PROPRIETOR.licence,
          dealer_id: DEMO_SOLE_PROPRIETOR.dealerId,
          name: 'Gaspésie, Rimouski',
          is_suspended: 0,
          transit_cap: null,
          change_seq: 0,
          created_at: created,
        },
        {
          number: DEMO_ACCREDITED_WITHOUT_ADMIN.licence,
          dealer_id: DEMO_ACCREDITED_WITHOUT_ADMIN.dealerId,
          name: 'Abitibi, Rouyn-Noranda',
          is_suspended: 0,
          transit_cap: null,
          change_seq: 0,
          created_at: created,
        },
      ])
      .execute();
    await tx
      .insertInto('access_codes')
      .values({
        id: '01900000-0000-7000-8000-0000000000c1',
        code_hash: accessCodeHash(ctx.secretKey, DEMO_ACCESS_CODE.code),
        dealer_id: DEMO_ACCESS_CODE.dealerId,
        first_name: DEMO_ACCESS_CODE.firstName,
        last_name: DEMO_ACCESS_CODE.lastName,
        driver_licence: DEMO_ACCESS_CODE.driverLicence,
        issued_by: 'demo-seed',
        issued_at: created,
        expires_at: new Date(now.getTime() + 365 * 24 * 3600_000).toISOString(),
        used_at: null,
        used_by: null,
      })
      .execute();
  });
}
