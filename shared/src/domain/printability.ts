import { isExpired } from './validity.js';

/** Why a paper must not be printed: the codes the print agent answers for it too. */
export type PrintRefusal = 'document_voided' | 'token_expired';

/**
 * Whether a document may still be printed, as the kiosk knows it: a voided paper never prints
 * (`document_voided`), an expired one neither (`token_expired`). The print agent checks the
 * same two things on its side (revocation feed, signed expiry); the kiosk simply offers no
 * "Imprimer" for them.
 *
 * @example printRefusalOf({ status: 'voided' }, new Date()) // 'document_voided'
 */
export function printRefusalOf(
  document: { status?: string; expiresAt?: string | null },
  now: Date,
): PrintRefusal | undefined {
  if (document.status === 'voided') return 'document_voided';
  if (document.status === 'expired') return 'token_expired';
  const expiresAt = document.expiresAt ? new Date(document.expiresAt) : undefined;
  if (isExpired(expiresAt, now)) return 'token_expired';
  return undefined;
}
