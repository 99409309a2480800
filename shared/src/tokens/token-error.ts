/** Why a signed document or QR token was refused. Stable: callers map them to user messages. */
export type TokenErrorCode =
  'token_malformed' | 'token_bad_signature' | 'token_unknown_key' | 'token_expired';

/**
 * The one error every verification function throws.
 *
 * @example
 * try { await verifyDocument(jws, jwks) } catch (e) { if (e instanceof TokenError && e.code === 'token_expired') ... }
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    readonly code: TokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
