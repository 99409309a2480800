import type { JWK } from 'jose';
import { publicJwkOf } from '@comptoir/shared/tokens';
import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';
import type { SigningKeyTable } from '../db/keyset.tables.js';
import { encryptSecret } from '../secret-box.js';

/** A stored signing key row, oldest first in every list. */
export type StoredSigningKey = SigningKeyTable;

/** Every signing key, in the order they were added (the last one not revoked signs). */
export function listSigningKeys(db: Tx): Promise<StoredSigningKey[]> {
  return db.selectFrom('signing_keys').selectAll().orderBy('generation').execute();
}

/**
 * Adds a key after every other (callers hold the `keyset` lock, so generations never clash),
 * its private half sealed under the key-encryption key.
 */
export async function insertSigningKey(
  tx: Tx,
  kek: Buffer,
  privateJwk: JWK,
  now: Date,
  origin: 'generated' | 'imported',
): Promise<void> {
  const publicJwk = await publicJwkOf(privateJwk);
  const kid = publicJwk.kid ?? '';
  const last = await tx
    .selectFrom('signing_keys')
    .select(sql<number>`coalesce(max(generation), 0)`.as('generation'))
    .executeTakeFirst();
  await tx
    .insertInto('signing_keys')
    .values({
      kid,
      generation: Number(last?.generation ?? 0) + 1,
      public_jwk: JSON.stringify(publicJwk),
      private_cipher: encryptSecret(kek, JSON.stringify(privateJwk)),
      created_at: now.toISOString(),
      origin,
      revoked_at: null,
      revoked_reason: null,
    })
    .onConflict((oc) => oc.column('kid').doNothing())
    .execute();
}

/** Marks a key revoked, keeping the first revocation's time and reason. */
export async function markRevoked(tx: Tx, kid: string, reason: string, now: Date): Promise<void> {
  await tx
    .updateTable('signing_keys')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('kid', '=', kid)
    .where('revoked_at', 'is', null)
    .execute();
}
