import { createHmac } from 'node:crypto';
import type { Storage } from '../db/engine.js';
import { decryptSecret } from '../secret-box.js';
import { operatorsWithoutPinKey, replaceOperator } from '../registry/operators.repo.js';
import { logger } from '../log/logger.js';

/**
 * The PIN's key for the uniqueness index: a keyed HMAC of the dealer and the PIN. A 4-6 digit
 * PIN hashed without a key would be read back in 10^6 tries; with the server's secret key the
 * database alone tells nothing, yet the same PIN of one dealer always gives the same key.
 */
export function operatorPinKey(secretKey: Buffer, dealerId: string, pin: string): string {
  return createHmac('sha256', secretKey)
    .update(`operator-pin-key:${dealerId}:${pin.trim()}`)
    .digest('base64url');
}

/**
 * Fills the PIN key of operators created before migration 0020 (it needs the secret key,
 * which migrations do not hold), oldest first. An enabled operator whose PIN another enabled
 * operator of the dealer already holds is disabled: two people with one PIN could each unlock
 * in the other's name, and an administrator re-enables them with a new PIN. Runs at start;
 * does nothing once every operator has a key.
 */
export async function fillOperatorPinKeys(storage: Storage, secretKey: Buffer): Promise<number> {
  return storage.writeTransaction(async (tx) => {
    const pending = await operatorsWithoutPinKey(tx);
    if (pending.length === 0) return 0;
    const held = new Set(
      (
        await tx
          .selectFrom('operators')
          .select(['dealer_id', 'pin_key'])
          .where('pin_key', 'is not', null)
          .where('is_disabled', '=', 0)
          .execute()
      ).map((row) => `${row.dealer_id}:${String(row.pin_key)}`),
    );
    let disabled = 0;
    for (const operator of pending) {
      const pinKey = operatorPinKey(
        secretKey,
        operator.dealerId,
        decryptSecret(secretKey, operator.pinCipher),
      );
      const clashes = !operator.isDisabled && held.has(`${operator.dealerId}:${pinKey}`);
      if (!operator.isDisabled && !clashes) held.add(`${operator.dealerId}:${pinKey}`);
      if (clashes) disabled += 1;
      await replaceOperator(tx, {
        ...operator,
        pinKey,
        isDisabled: operator.isDisabled || clashes,
      });
    }
    if (disabled > 0) {
      logger.warn({ disabled }, 'operators sharing a PIN were disabled until given a new one');
    }
    return disabled;
  });
}
