import { addressSchema, type Address } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';

/** The licence a command acts under, with its dealer (as printed on documents). */
export interface LicenceRecord {
  number: string;
  isSuspended: boolean;
  /** Staff-set weekly caps; null means the default from the licence's sales history. */
  transitCap: number | null;
  plateCap: number | null;
  dealer: { id: string; name: string; neq: string; permit: string | null; isAccredited: boolean };
  /** The licence's address on file (printed on the ATAC), or null. */
  address: Address | null;
}

/** Loads a licence with its dealer, or undefined when it does not exist. */
export async function findLicence(tx: Tx, number: string): Promise<LicenceRecord | undefined> {
  const row = await tx
    .selectFrom('licences as l')
    .innerJoin('dealers as d', 'd.id', 'l.dealer_id')
    .select([
      'l.number',
      'l.is_suspended',
      'l.transit_cap',
      'l.plate_cap',
      'l.address_json',
      'd.id',
      'd.name',
      'd.neq',
      'd.permit',
      'd.is_accredited',
    ])
    .where('l.number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    number: row.number,
    isSuspended: row.is_suspended === 1,
    transitCap: row.transit_cap,
    plateCap: row.plate_cap,
    address: row.address_json === null ? null : addressSchema.parse(JSON.parse(row.address_json)),
    dealer: {
      id: row.id,
      name: row.name,
      neq: row.neq,
      permit: row.permit,
      isAccredited: row.is_accredited === 1,
    },
  };
}

/** The licence's change counter (the pull cursor) as committed. */
export async function readChangeSeq(tx: Tx, licence: string): Promise<number> {
  const row = await tx
    .selectFrom('licences')
    .select('change_seq')
    .where('number', '=', licence)
    .executeTakeFirstOrThrow();
  return Number(row.change_seq);
}

/** Writes the licence's change counter (the batch counted it in memory under the licence lock). */
export async function writeChangeSeq(tx: Tx, licence: string, changeSeq: number): Promise<void> {
  await tx
    .updateTable('licences')
    .set({ change_seq: changeSeq })
    .where('number', '=', licence)
    .execute();
}

/** An operator (a person behind a generic account) as a command checks it. */
export async function findOperator(
  tx: Tx,
  operatorId: string,
): Promise<{ dealerId: string; displayName: string; isDisabled: boolean } | undefined> {
  const row = await tx
    .selectFrom('operators')
    .select(['dealer_id', 'display_name', 'is_disabled'])
    .where('id', '=', operatorId)
    .executeTakeFirst();
  return (
    row && {
      dealerId: row.dealer_id,
      displayName: row.display_name,
      isDisabled: row.is_disabled === 1,
    }
  );
}

/**
 * The licence's mailing address on file, or null when it has none. The licence must exist
 * (the command acts under it): a missing row throws.
 */
export async function findLicenceAddress(tx: Tx, licence: string): Promise<Address | null> {
  const row = await tx
    .selectFrom('licences')
    .select('address_json')
    .where('number', '=', licence)
    .executeTakeFirstOrThrow();
  if (row.address_json === null) return null;
  return addressSchema.parse(JSON.parse(row.address_json));
}

/** The numbers of a dealer's licences, in no particular order. */
export async function licenceNumbersOfDealer(tx: Tx, dealerId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('licences')
    .select('number')
    .where('dealer_id', '=', dealerId)
    .execute();
  return rows.map((row) => row.number);
}

/** Suspends or reinstates a licence (the caller holds the licence's lock). */
export async function writeLicenceSuspension(
  tx: Tx,
  licence: string,
  isSuspended: boolean,
): Promise<void> {
  await tx
    .updateTable('licences')
    .set({ is_suspended: isSuspended ? 1 : 0 })
    .where('number', '=', licence)
    .execute();
}

/** A licence's staff-set weekly caps; null is the default from its sales history. */
export interface LicenceCaps {
  transitCap: number | null;
  plateCap: number | null;
}

/** Sets a licence's weekly caps (the caller holds the licence's lock). */
export async function writeLicenceCaps(tx: Tx, licence: string, caps: LicenceCaps): Promise<void> {
  await tx
    .updateTable('licences')
    .set({ transit_cap: caps.transitCap, plate_cap: caps.plateCap })
    .where('number', '=', licence)
    .execute();
}

/**
 * Moves the licence's change counter one step and returns the new value, in one statement.
 * The caller holds the licence's lock, so no push batch of the licence draws in between.
 */
export async function bumpChangeSeq(tx: Tx, licence: string): Promise<number> {
  const row = await tx
    .updateTable('licences')
    .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
    .where('number', '=', licence)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  return Number(row.change_seq);
}
