import { addressSchema, type Address } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';

/** Where each demo licence's mail goes (plates X are mailed there). */
export const DEMO_LICENCE_ADDRESSES: Readonly<Record<string, Address>> = {
  'L-100001': addressSchema.parse({
    line1: '1200 boulevard du Curé-Labelle',
    city: 'Saint-Jérôme',
    province: 'QC',
    postalCode: 'J7Z 5T4',
  }),
  'L-100002': addressSchema.parse({
    line1: '14500 rue Lucien-Paiement',
    city: 'Mirabel',
    province: 'QC',
    postalCode: 'J7J 1M2',
  }),
  'L-200001': addressSchema.parse({
    line1: '11400 1re Avenue',
    city: 'Saint-Georges',
    province: 'QC',
    postalCode: 'G5Y 5S4',
  }),
};

/** The demo's pending over-cap request, so that the staff's queue is not empty at first start. */
export const DEMO_CAP_REQUEST_ID = '01900000-0000-7000-8000-0000000000c1';

/**
 * The registry services' demo data (licence addresses, a pending over-cap request of the
 * accredited dealer's administrator), in the demo seed's transaction, after its licences and
 * accounts. Safe to run again: addresses are set, the request is inserted once.
 */
export async function seedRegistryDemo(tx: Tx, now: string): Promise<void> {
  for (const [licence, address] of Object.entries(DEMO_LICENCE_ADDRESSES)) {
    await tx
      .updateTable('licences')
      .set({ address_json: JSON.stringify(address) })
      .where('number', '=', licence)
      .execute();
  }
  const admin = await tx
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'demo-admin')
    .executeTakeFirst();
  if (!admin) return;
  await tx
    .insertInto('cap_requests')
    .values({
      id: DEMO_CAP_REQUEST_ID,
      licence: 'L-100001',
      kind: 'transit',
      extra_units: 20,
      reason: 'Vente sous la tente du printemps : 60 véhicules en 3 jours.',
      status: 'pending',
      requested_by: admin.id,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      granted_until: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
