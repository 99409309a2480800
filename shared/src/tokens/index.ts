/**
 * `@comptoir/shared/tokens`: signing and verifying Comptoir documents (Ed25519 JWS over
 * WebCrypto via jose), one piece of code for the server, the kiosk and the print agent.
 */
export { TokenError, type TokenErrorCode } from './token-error.js';
export {
  generateSigningKeyPair,
  importSigningKey,
  publicJwkOf,
  SIGNING_ALGORITHM,
  type SigningKey,
  type SigningKeyPair,
} from './signing-keys.js';
export { type RawSigner, type RawSigningKey } from './compact-jws.js';
export { type KeyResolver, type VerificationKeys } from './verification-keys.js';
export {
  DOCUMENT_TOKEN_TYPE,
  signDocument,
  signDocumentWith,
  verifyDocument,
  type VerifiedDocument,
  type VerifyOptions,
} from './document-token.js';
export {
  documentVerificationUrl,
  signJwsQrToken,
  signJwsQrTokenWith,
  signQrToken,
  signQrTokenWith,
  verifyQrToken,
  type VerifiedQrToken,
  type VerifyQrOptions,
} from './qr-token.js';
export { COMPACT_KIND_CODES, compactTokenNamesKey, isCompactQrToken } from './compact-qr-token.js';
export {
  isNewerFeed,
  REVOCATION_FEED_TOKEN_TYPE,
  signRevocationFeed,
  signRevocationFeedWith,
  verifyRevocationFeed,
  type VerifiedRevocationFeed,
} from './revocation-feed.js';
