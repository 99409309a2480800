import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (idempotency body hashes, audit row hashes, session tokens). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
