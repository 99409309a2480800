import { CompactSign, compactVerify, type CryptoKey, type JWK } from 'jose';
import { issuedDocumentSchema, type IssuedDocument } from '../schemas/document.schema.js';
import { SIGNING_ALGORITHM, type SigningKey } from '../tokens/signing-keys.js';
import { TokenError } from '../tokens/token-error.js';
import { ACCEPTED_ALGORITHMS, toTokenError } from '../tokens/verification-keys.js';

/**
 * `typ` of a document a kiosk signed offline: never read as a server document
 * (`comptoir-document+jws`), so a kiosk key can never pass for the server's.
 */
export const OFFLINE_DOCUMENT_TOKEN_TYPE = 'comptoir-offline-document+jws';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Signs a document issued offline with the kiosk's key (WebCrypto Ed25519; the private key may
 * be non-extractable). The document must name the kiosk as its signer: `issuedBy.signer:
 * 'kiosk'`, `issuedBy.kid` the key's thumbprint and `issuedBy.leaseId` the lease it draws on.
 *
 * @example
 * const jws = await signOfflineDocument(document, { key: keyPair.privateKey, kid: thumbprint });
 */
export async function signOfflineDocument(
  document: IssuedDocument,
  kioskKey: SigningKey,
): Promise<string> {
  const parsed = issuedDocumentSchema.safeParse(document);
  if (!parsed.success) throw new TokenError('token_malformed', 'Not a signable document');
  const issuer = parsed.data.issuedBy;
  if (issuer.signer !== 'kiosk' || issuer.kid !== kioskKey.kid || issuer.leaseId === undefined) {
    throw new TokenError('token_malformed', 'issuedBy does not name this kiosk key and a lease');
  }
  return new CompactSign(encoder.encode(JSON.stringify(document)))
    .setProtectedHeader({
      alg: SIGNING_ALGORITHM,
      kid: kioskKey.kid,
      typ: OFFLINE_DOCUMENT_TOKEN_TYPE,
    })
    .sign(kioskKey.key);
}

/**
 * Verifies an offline document against ONE kiosk public key (the one its lease names), checks
 * its `typ` and that it names that key, and parses it tolerantly like every document.
 * Throws {@link TokenError}: token_malformed | token_bad_signature.
 *
 * @example const document = await verifyOfflineDocument(jws, lease.kioskKey, lease.kioskKeyThumbprint);
 */
export async function verifyOfflineDocument(
  jws: string,
  kioskKey: JWK | CryptoKey,
  thumbprint: string,
): Promise<IssuedDocument> {
  let verified;
  try {
    verified = await compactVerify(jws, kioskKey, { algorithms: ACCEPTED_ALGORITHMS });
  } catch (error) {
    throw toTokenError(error);
  }
  const { protectedHeader, payload } = verified;
  if (protectedHeader.typ !== OFFLINE_DOCUMENT_TOKEN_TYPE || protectedHeader.kid !== thumbprint) {
    throw new TokenError('token_malformed', 'Not an offline document of this kiosk key');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new TokenError('token_malformed', 'Payload is not JSON', { cause: error });
  }
  const parsed = issuedDocumentSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenError('token_malformed', 'Payload is not a document', { cause: parsed.error });
  }
  if (parsed.data.issuedBy.signer !== 'kiosk' || parsed.data.issuedBy.kid !== thumbprint) {
    throw new TokenError('token_malformed', 'issuedBy does not name the kiosk key');
  }
  return parsed.data;
}
