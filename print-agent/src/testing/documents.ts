import type { IssuedDocument, IssuedDocumentOf } from '@comptoir/shared';
import {
  generateSigningKeyPair,
  importSigningKey,
  signDocument,
  signQrToken,
  type SigningKey,
} from '@comptoir/shared/tokens';
import { randomUUID } from 'node:crypto';

/** A test signer: a fresh Ed25519 key pair through the shared token code, and its public JWK. */
export interface TestSigner {
  key: SigningKey;
  publicJwk: Record<string, unknown> & { kid: string };
  sign(document: IssuedDocument): Promise<string>;
  qrToken(document: IssuedDocument): Promise<string>;
}

export async function createTestSigner(): Promise<TestSigner> {
  const pair = await generateSigningKeyPair();
  const key = await importSigningKey(pair.privateJwk);
  return {
    key,
    publicJwk: { ...pair.publicJwk, kid: pair.kid },
    sign: (document) => signDocument(document, key),
    qrToken: (document) => signQrToken(document, key),
  };
}

let counter = 0;

/** A provisional plate as the server issues it (45 days), signed by `kid`. */
export function provisionalPlate(
  kid: string,
  overrides: Partial<IssuedDocumentOf<'provisional_plate'>> = {},
): IssuedDocumentOf<'provisional_plate'> {
  counter += 1;
  const issuedAt = new Date();
  const suffix = `${process.pid % 1000}${counter}`.padStart(6, '0').slice(-6);
  return {
    schemaVersion: 1,
    kind: 'provisional_plate',
    number: `PP-${suffix}-${randomUUID().slice(0, 4).toUpperCase()}`,
    licence: 'L-100001',
    dealer: { name: 'Autos Laurentides inc.', neq: '1161234567', permit: 'P-2041' },
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + 45 * 86_400_000).toISOString(),
    vehicle: { vin: '2T1BURHE0JC034512', make: 'Toyota', model: 'Corolla', year: 2018 },
    issuedBy: { signer: 'server', kid },
    plateNumber: `F${String(counter).padStart(2, '0')}${'KMR'}`.slice(0, 6),
    ...overrides,
  };
}
