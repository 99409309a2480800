import { operatorNameKey } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import type { OperatorTable } from '../db/kiosks.tables.js';

/*
 * Operators: the people who work under a dealer's generic account and unlock a kiosk with a
 * PIN. The PIN is kept twice: hashed (argon2id) and sealed, to derive per-kiosk verifiers.
 * (`findOperator` in licences.repo.ts is what a command checks of one.)
 */

/** An operator as stored. */
export interface OperatorRecord {
  /** UUIDv7. */
  id: string;
  dealerId: string;
  displayName: string;
  /** argon2id of the PIN. */
  pinHash: string;
  /** The PIN sealed with the server's secret key (`secret-box`). */
  pinCipher: string;
  /** Keyed HMAC of the dealer and the PIN (`operatorPinKey`): unique among enabled operators. */
  pinKey: string | null;
  isDisabled: boolean;
  /** ISO instant. */
  createdAt: string;
  /** ISO instant. */
  updatedAt: string;
}

function rowOf(operator: OperatorRecord): Omit<OperatorTable, 'id'> {
  return {
    dealer_id: operator.dealerId,
    display_name: operator.displayName,
    pin_hash: operator.pinHash,
    pin_cipher: operator.pinCipher,
    name_key: operatorNameKey(operator.displayName),
    pin_key: operator.pinKey,
    is_disabled: operator.isDisabled ? 1 : 0,
    created_at: operator.createdAt,
    updated_at: operator.updatedAt,
  };
}

function operatorRecordOf(row: OperatorTable): OperatorRecord {
  return {
    id: row.id,
    dealerId: row.dealer_id,
    displayName: row.display_name,
    pinHash: row.pin_hash,
    pinCipher: row.pin_cipher,
    pinKey: row.pin_key,
    isDisabled: row.is_disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Adds an operator. */
export async function insertOperator(tx: Tx, operator: OperatorRecord): Promise<void> {
  await tx
    .insertInto('operators')
    .values({ id: operator.id, ...rowOf(operator) })
    .execute();
}

/** An operator by id (any dealer), or undefined. */
export async function findStoredOperator(tx: Tx, id: string): Promise<OperatorRecord | undefined> {
  const row = await tx.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
  return row && operatorRecordOf(row);
}

/**
 * Writes an operator whole (every column but its id): the last change made wins as a whole,
 * as the administrator saw it.
 */
export async function replaceOperator(tx: Tx, operator: OperatorRecord): Promise<void> {
  await tx.updateTable('operators').set(rowOf(operator)).where('id', '=', operator.id).execute();
}

/** A dealer's operators, disabled ones included, by name (ties by id). */
export async function operatorsOfDealer(tx: Tx, dealerId: string): Promise<OperatorRecord[]> {
  const rows = await tx
    .selectFrom('operators')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map(operatorRecordOf);
}

/** What a kiosk's PIN verifier is derived from: the operator and the sealed PIN. */
export interface OperatorPin {
  id: string;
  displayName: string;
  /** The PIN sealed with the server's secret key (`secret-box`). */
  pinCipher: string;
}

/** The enabled operators of the licence's dealer, by name (ties by id). */
export async function enabledOperatorPins(tx: Tx, licence: string): Promise<OperatorPin[]> {
  const rows = await tx
    .selectFrom('operators as o')
    .innerJoin('licences as l', 'l.dealer_id', 'o.dealer_id')
    .select(['o.id', 'o.display_name', 'o.pin_cipher'])
    .where('l.number', '=', licence)
    .where('o.is_disabled', '=', 0)
    .orderBy('o.display_name')
    .orderBy('o.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    pinCipher: row.pin_cipher,
  }));
}

/** What another enabled operator of the dealer already holds: their name, their PIN, or both. */
export interface OperatorClash {
  isNameTaken: boolean;
  isPinTaken: boolean;
}

/**
 * Whether an enabled operator of the dealer other than `exceptId` has the same name key or
 * PIN key (the unique indexes of migration 0020 hold the same rule against races).
 */
export async function findOperatorClash(
  tx: Tx,
  dealerId: string,
  candidate: { displayName: string; pinKey: string | null },
  exceptId?: string,
): Promise<OperatorClash> {
  let query = tx
    .selectFrom('operators')
    .select(['name_key', 'pin_key'])
    .where('dealer_id', '=', dealerId)
    .where('is_disabled', '=', 0);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const rows = await query.execute();
  const nameKey = operatorNameKey(candidate.displayName);
  return {
    isNameTaken: rows.some((row) => row.name_key === nameKey),
    isPinTaken: candidate.pinKey !== null && rows.some((row) => row.pin_key === candidate.pinKey),
  };
}

/** Operators whose PIN key was never written (those from before migration 0020), oldest first. */
export async function operatorsWithoutPinKey(tx: Tx): Promise<OperatorRecord[]> {
  const rows = await tx
    .selectFrom('operators')
    .selectAll()
    .where('pin_key', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(operatorRecordOf);
}
